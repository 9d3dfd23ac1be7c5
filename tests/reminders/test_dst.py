"""A ritual at 19:00 with a one-hour lead: one email at 18:00 local, around each clock change."""

import datetime

import pytest
import time_machine

from plans.reminders.models import Delivery, DeliveryState
from tests.reminders.conftest import local

pytestmark = pytest.mark.django_db

DAYS = {
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


@pytest.mark.parametrize(
    ("zone", "day"), [(zone, day) for zone, days in DAYS.items() for day in days]
)
def test_ritual_email_reaches_the_sink_once_at_18_00_local(
    zone, day, make_user, daily_ritual, dispatch, smtp_sink
):
    owner = make_user(time_zone=zone)
    with time_machine.travel(local(zone, *day, 0, 5), tick=False):
        daily_ritual(owner=owner)

    for minute in (local(zone, *day, 17, 59), local(zone, *day, 18, 0), local(zone, *day, 18, 1)):
        with time_machine.travel(minute, tick=False):
            dispatch(minute)
            if minute.minute == 59:
                assert smtp_sink.messages == []

    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == "Soon: Evening call at 19:00"
    delivery = Delivery.objects.get(schedule__owner=owner)
    assert delivery.state == DeliveryState.SENT
    assert delivery.due_at.astimezone(datetime.UTC) == local(zone, *day, 18, 0).astimezone(
        datetime.UTC
    )
    assert delivery.sent_at == local(zone, *day, 18, 0)
