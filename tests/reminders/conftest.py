import datetime
from zoneinfo import ZoneInfo

import pytest

from connection.celery import app as celery_app
from plans.reminders.dispatch import reminders_dispatch
from plans.reminders.services import schedule_upsert


@pytest.fixture
def eager_tasks():
    """Tasks run in the calling thread, so a dispatch ends with the email in the sink."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def dispatch(eager_tasks, django_capture_on_commit_callbacks):
    """Run the dispatcher at `now` and let its after-commit enqueue send the emails."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_dispatch(now=now)

    return run


@pytest.fixture
def daily_ritual(user):
    """The test kind: "Evening call" every day at 19:00 local, reminded an hour before."""

    def make(owner=user, at="19:00", lead=60, now=None):
        return schedule_upsert(
            owner=owner, kind="test_ritual", source_key=f"daily:{at}:{lead}", now=now
        )

    return make


def local(zone: str, *args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=ZoneInfo(zone))
