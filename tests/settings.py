"""The project's settings with the few overrides the tests need."""

import os
from pathlib import Path

# Keep the embedded broker's folders apart from a `make run` on the same checkout.
os.environ.setdefault(
    "KINDRED_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "test")
)

# The tests run with production's DEBUG (off) and a key of their own, never the development
# key; the few settings below that differ from production say why. Processes the tests
# start inherit both.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "tests-only-key-" + "t" * 50)

from connection.settings import *  # noqa: E402, F403

# The test servers (the client, the live server) speak plain http: no redirect to https,
# cookies sent over http, no HSTS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Templates find static files without a collectstatic run (no manifest in tests).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Rate limits are switched on again by the tests that exercise them.
ACCOUNT_RATE_LIMITS = False
# WhiteNoise serves from the finders in tests; an empty STATIC_ROOT keeps it from warning.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# A ritual-like kind with a fixed daily rule, for the engine's timing and fault tests
# (the same occurrence maths and code path as the ritual kind, without the Ritual table).
# It is registered the way the apps register theirs, by an app config of its own.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.reminders.apps.TestKindsConfig"]  # noqa: F405

# Fault tests run a real Celery worker in another process: on SQLite it must be able to
# open the very database the tests use, so the test database is a file, not memory.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
