"""A ritual's email names the day the ritual starts on in the recipient's zone (today,
tomorrow, a weekday), and a reminder rendered after the start says it has begun or, past a
short grace, is marked missed: never "soon" for a ritual already under way."""

import datetime

import pytest
import time_machine

from plans.reminder_kinds import RitualKind
from reminders.dispatch import reminders_dispatch
from reminders.models import Delivery, DeliveryState
from reminders.sending import deliveries_send
from tests.reminders.conftest import local

pytestmark = pytest.mark.django_db

ADELAIDE = "Australia/Adelaide"  # +9:30 in winter (June), +10:30 in summer (January)


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return message["Subject"], text, html


@pytest.mark.parametrize(
    ("zone", "day", "at", "lead", "sent_at", "words"),
    [
        # The reported case: Thursday 20:47 in Adelaide for a ritual at 00:47 on Friday.
        (ADELAIDE, (2026, 6, 4), "00:47", 240, (20, 47), "00:47 tomorrow"),
        (ADELAIDE, (2026, 1, 8), "00:47", 240, (20, 47), "00:47 tomorrow"),
        (ADELAIDE, (2026, 6, 4), "23:50", 30, (23, 20), "23:50 today"),
        # A lead across local midnight, in zones behind and ahead of UTC.
        ("America/New_York", (2026, 11, 7), "00:30", 45, (23, 45), "00:30 tomorrow"),
        ("Asia/Kolkata", (2026, 3, 9), "07:00", 600, (21, 0), "07:00 tomorrow"),
        ("Europe/Berlin", (2026, 5, 4), "19:00", 60, (18, 0), "19:00 today"),
    ],
)
def test_the_ritual_email_names_the_local_day_it_starts_on(
    zone, day, at, lead, sent_at, words, make_user, daily_ritual, dispatch, smtp_sink
):
    owner = make_user(time_zone=zone)
    sent = local(zone, *day, *sent_at)
    with time_machine.travel(sent - datetime.timedelta(hours=12), tick=False):
        daily_ritual(owner=owner, at=at, lead=lead)
    with time_machine.travel(sent, tick=False):
        dispatch(sent)

    subject, text, html = parts(smtp_sink.wait_for(1)[0])
    assert subject == f"Soon: Evening call at {words}"
    assert f'Your ritual "Evening call" starts at {words}.' in text
    assert f"Your ritual <strong>Evening call</strong> starts at {words}." in html
    assert Delivery.objects.get().sent_at == sent


def test_a_real_weekly_ritual_on_friday_is_tomorrow_on_thursday_evening_in_adelaide(
    make_user, weekly_ritual, dispatch, smtp_sink
):
    owner = make_user(time_zone=ADELAIDE)
    thursday = local(ADELAIDE, 2026, 6, 4, 20, 47)
    with time_machine.travel(thursday - datetime.timedelta(days=1), tick=False):
        weekly_ritual(owner=owner, weekday=4, at=datetime.time(0, 47), reminder_lead_minutes=240)
    with time_machine.travel(thursday, tick=False):
        dispatch(thursday)

    subject, text, _ = parts(smtp_sink.wait_for(1)[0])
    assert subject == "Soon: Evening call at 00:47 tomorrow"
    assert "starts at 00:47 tomorrow." in text


# A ritual at 18:30 Berlin with a 5-minute lead: its reminder is due at 18:25.
START = local("Europe/Berlin", 2026, 5, 4, 18, 30)
GRACE = RitualKind.started_grace
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def written_short_lead_reminder(daily_ritual):
    """The 18:25 reminder, written by the tick but not yet sent (nothing was enqueued)."""
    with time_machine.travel(START - datetime.timedelta(hours=8), tick=False):
        daily_ritual(at="18:30", lead=5)
    due = START - datetime.timedelta(minutes=5)
    with time_machine.travel(due, tick=False):
        reminders_dispatch(now=due)
    return Delivery.objects.get()


def send_at(delivery, now):
    with time_machine.travel(now, tick=False):
        deliveries_send([delivery.pk])
    delivery.refresh_from_db()
    return delivery


def test_sent_a_second_before_the_start_it_says_soon(written_short_lead_reminder, smtp_sink):
    delivery = send_at(written_short_lead_reminder, START - SECOND)
    assert delivery.state == DeliveryState.SENT
    subject, text, _ = parts(smtp_sink.wait_for(1)[0])
    assert subject == "Soon: Evening call at 18:30 today"
    assert "starts at 18:30 today." in text


@pytest.mark.parametrize("late", [datetime.timedelta(0), GRACE], ids=["at the start", "grace"])
def test_sent_from_the_start_to_the_end_of_the_grace_it_says_it_has_begun(
    written_short_lead_reminder, smtp_sink, late
):
    delivery = send_at(written_short_lead_reminder, START + late)
    assert delivery.state == DeliveryState.SENT
    subject, text, html = parts(smtp_sink.wait_for(1)[0])
    assert subject == "Evening call started at 18:30, still time to join"
    assert 'Your ritual "Evening call" started at 18:30. There is still time to join.' in text
    assert "started at 18:30. There is still time to join." in html
    assert "Soon" not in subject + text + html


def test_sent_after_the_grace_it_is_marked_missed_not_sent(written_short_lead_reminder, smtp_sink):
    delivery = send_at(written_short_lead_reminder, START + GRACE + SECOND)
    assert delivery.state == DeliveryState.MISSED
    assert smtp_sink.messages == []


@pytest.mark.parametrize(
    ("tick", "state"),
    [(START + GRACE, DeliveryState.SENT), (START + GRACE + SECOND, DeliveryState.MISSED)],
    ids=["last tick of the grace", "after it"],
)
def test_the_dispatcher_applies_the_same_boundary(daily_ritual, dispatch, smtp_sink, tick, state):
    # Whatever the lead: an hour-long one found late (an outage) follows the same rule.
    with time_machine.travel(START - datetime.timedelta(hours=8), tick=False):
        daily_ritual(at="18:30", lead=60)
    with time_machine.travel(tick, tick=False):
        dispatch(tick)
    assert Delivery.objects.get().state == state
    if state == DeliveryState.SENT:
        assert smtp_sink.wait_for(1)[0]["Subject"].startswith("Evening call started at 18:30")
