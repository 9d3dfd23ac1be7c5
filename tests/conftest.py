import datetime
import os

import pytest
from django.core.cache import cache

from connection.lib.mailsink import MailSink

# Playwright's sync API runs an event loop in the test thread; Django's ORM would refuse
# to run beside it although nothing here is async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def smtp_sink():
    sink = MailSink().start()
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
    from allauth.account.models import EmailAddress

    from accounts.models import User

    counter = iter(range(1, 10_000))

    def make(email=None, password="a-long-Passw0rd", verified=True, **fields):
        email = email or f"person{next(counter)}@example.com"
        user = User.objects.create_user(email=email, password=password, **fields)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

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
    from landscape.models import Person

    def make(owner, name="Maya", **fields):
        return Person.objects.create(owner=owner, name=name, **fields)

    return make


@pytest.fixture
def make_ritual(db):
    from plans.models import Ritual

    def make(owner, people=(), **fields):
        fields.setdefault("title", "Tuesday call")
        fields.setdefault("cadence", "weekly")
        fields.setdefault("weekdays", [1])
        fields.setdefault("local_time", datetime.time(19, 0))
        ritual = Ritual.objects.create(owner=owner, **fields)
        ritual.people.set(people)
        return ritual

    return make
