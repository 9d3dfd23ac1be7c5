"""Keep-in-touch nudges for the tests: people overdue against a weekly wish, and a nudge
email sent through the engine. The landscape's nudge tests use them, and so do the
engine's tests that need a real kind's email."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from landscape.choices import Frequency
from reminders.models import Delivery
from reminders.services import schedule_upsert
from tests.landscape.factories import PersonFactory

ZONE = "Europe/Berlin"
TEN_AM = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=ZoneInfo(ZONE))
LONG_AGO = datetime.date(2026, 1, 1)


def overdue_person(owner, name, **fields):
    """Someone the owner wished to hear from weekly and last heard from on LONG_AGO."""
    fields = {"contact_wished": Frequency.WEEKLY, "last_contact_on": LONG_AGO, **fields}
    return PersonFactory(owner=owner, name=name, **fields)


def nudge_email(owner, dispatch, smtp_sink, now=TEN_AM):
    """The owner's nudge schedule, made two hours before `now` and dispatched at `now`;
    returns what reached the sink."""
    with time_machine.travel(now - datetime.timedelta(hours=2), tick=False):
        schedule_upsert(owner=owner, kind="nudge", source_key="nudges")
    with time_machine.travel(now, tick=False):
        dispatch(now)
    return list(smtp_sink.messages)


@pytest.fixture
def nudge(user, dispatch, smtp_sink):
    """A nudge email about Jonas, sent; returns (message text, delivery, Jonas)."""
    jonas = PersonFactory(
        owner=user,
        name="Jonas",
        contact_wished=Frequency.WEEKLY,
        last_contact_on=datetime.date(2026, 1, 1),
    )
    with time_machine.travel(TEN_AM - datetime.timedelta(hours=1), tick=False):
        schedule_upsert(owner=user, kind="nudge", source_key="nudges")
    with time_machine.travel(TEN_AM, tick=False):
        dispatch(TEN_AM)
    [message] = smtp_sink.wait_for(1)
    text = message.get_body(preferencelist=("plain",)).get_content()
    # The person reads the email an hour later.
    with time_machine.travel(TEN_AM + datetime.timedelta(hours=1), tick=False):
        yield text, Delivery.objects.get(), jonas
