"""The project's settings with the few overrides the tests need."""

import os
from pathlib import Path

# Keep the embedded broker's folders apart from a `make run` on the same checkout.
os.environ.setdefault(
    "KINDRED_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "test")
)

from connection.settings import *  # noqa: E402, F403

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
