import os

import pytest
from django.core.cache import cache

from tests.mailsink import SinkForTests

# Playwright's sync API runs an event loop in the test thread; Django's ORM would refuse
# to run beside it although nothing here is async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def smtp_sink():
    sink = SinkForTests().start()
    yield sink
    sink.stop()


@pytest.fixture(autouse=True)
def _real_smtp(settings, smtp_sink):
    """Every email in every test travels over real SMTP into the sink."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_sink.host
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    smtp_sink.clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield


@pytest.fixture
def make_user(db):
    from tests.accounts.factories import PASSWORD, UserFactory

    UserFactory.reset_sequence()

    def make(email=None, password=PASSWORD, verified=True, **fields):
        if email is not None:
            fields["email"] = email
        return UserFactory(password=password, verified=verified, **fields)

    return make


@pytest.fixture
def user(make_user):
    return make_user(email="ada@example.com", display_name="Ada", time_zone="Europe/Berlin")


@pytest.fixture
def other_user(make_user):
    return make_user(email="grace@example.com", display_name="Grace")


@pytest.fixture
def signed_in_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def celery_worker_process():
    """A real `celery -A connection worker` on the same broker as the tests."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    from connection.celery import app

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "connection", "worker", "--pool=solo"]
        + ["--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            assert worker.poll() is None, "the Celery worker exited at start-up"
            assert time.monotonic() < deadline, "the Celery worker did not answer in 60 s"
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.fixture
def make_person(db):
    from tests.landscape.factories import PersonFactory

    def make(owner, name="Maya", **fields):
        return PersonFactory(owner=owner, name=name, **fields)

    return make


@pytest.fixture
def make_ritual(db):
    from tests.plans.factories import RitualFactory

    def make(owner, people=(), **fields):
        return RitualFactory(owner=owner, people=list(people), **fields)

    return make
