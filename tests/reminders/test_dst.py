"""A ritual at 19:00 with a one-hour lead: one email at 18:00 local, around each clock change."""

import datetime

import pytest
import time_machine

from reminders.models import Delivery, DeliveryState
from tests.reminders.conftest import DST_CASES, local

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("zone", "day"), DST_CASES)
def test_ritual_email_reaches_the_sink_once_at_18_00_local(
    zone, day, make_user, daily_ritual, ticks_around_six_pm
):
    owner = make_user(time_zone=zone)
    with time_machine.travel(local(zone, *day, 0, 5), tick=False):
        daily_ritual(owner=owner)

    [message] = ticks_around_six_pm(zone, day)

    assert message["Subject"] == "Soon: Evening call at 19:00 today"
    delivery = Delivery.objects.get(schedule__owner=owner)
    assert delivery.state == DeliveryState.SENT
    assert delivery.due_at.astimezone(datetime.UTC) == local(zone, *day, 18, 0).astimezone(
        datetime.UTC
    )
    assert delivery.sent_at == local(zone, *day, 18, 0)
