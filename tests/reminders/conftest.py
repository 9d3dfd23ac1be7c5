import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from connection.celery import app as celery_app
from plans.services import ritual_schedule_sync
from reminders.dispatch import reminders_dispatch
from reminders.services import schedule_upsert
from tests.landscape.nudges import nudge  # noqa: F401 - a fixture
from tests.plans.factories import RitualFactory

# The days around each clock change the DST tests run on (both zones change in March and
# in October/November 2026).
DST_DAYS = {
    "Europe/Berlin": [
        (2026, 3, 28),
        (2026, 3, 29),
        (2026, 3, 30),
        (2026, 10, 24),
        (2026, 10, 25),
        (2026, 10, 26),
    ],
    "America/New_York": [
        (2026, 3, 7),
        (2026, 3, 8),
        (2026, 3, 9),
        (2026, 10, 31),
        (2026, 11, 1),
        (2026, 11, 2),
    ],
}
DST_CASES = [(zone, day) for zone, days in DST_DAYS.items() for day in days]


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
def ticks_around_six_pm(dispatch, smtp_sink):
    """The beat's ticks at 17:59, 18:00 and 18:01 local on `day`; nothing may arrive at
    17:59. Returns what reached the sink."""

    def run(zone, day):
        for minute in (
            local(zone, *day, 17, 59),
            local(zone, *day, 18, 0),
            local(zone, *day, 18, 1),
        ):
            with time_machine.travel(minute, tick=False):
                dispatch(minute)
                if minute.minute == 59:
                    assert smtp_sink.messages == []
        return smtp_sink.wait_for(1)

    return run


@pytest.fixture
def daily_ritual(user):
    """The test kind: "Evening call" every day at 19:00 local, reminded an hour before."""

    def make(owner=user, at="19:00", lead=60, now=None):
        return schedule_upsert(
            owner=owner, kind="test_ritual", source_key=f"daily:{at}:{lead}", now=now
        )

    return make


@pytest.fixture
def weekly_ritual(user):
    """A real Ritual, weekly on `weekday` at `at` local, kept in step with its reminder the
    way the ritual pages do it (default lead: the model's 60 minutes)."""

    def make(owner=user, weekday=0, at=datetime.time(19, 0), title="Evening call", **fields):
        ritual = RitualFactory(
            owner=owner, title=title, weekdays=[weekday], local_time=at, **fields
        )
        ritual_schedule_sync(ritual=ritual)
        return ritual

    return make


def link(text: str, label: str) -> str:
    """The URL after "<label>: " in an email's text part."""
    return re.search(rf"{label}: (\S+)", text).group(1)


def text_and_html(message) -> tuple[str, str]:
    """An email's text and HTML parts."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def path(url: str) -> str:
    """An absolute link's path, for the test client."""
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def local(zone: str, *args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=ZoneInfo(zone))
