"""The clock-change scenario of tests/reminders/test_dst.py on a real Ritual (RitualKind):
weekly at 19:00 on that day's weekday, with the model's default one-hour lead. Its email
reaches the sink once, at 18:00 local."""

import datetime

import pytest
import time_machine

from reminders.models import Delivery, DeliveryState
from tests.reminders.conftest import DST_CASES, local

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("zone", "day"), DST_CASES)
def test_a_weekly_ritual_is_emailed_once_at_18_00_local(
    zone, day, make_user, weekly_ritual, ticks_around_six_pm, dispatch, smtp_sink
):
    owner = make_user(time_zone=zone)
    # Made three days ahead: for the days on and after a change, the reminder is planned
    # across it.
    made_at = local(zone, *day, 12, 0) - datetime.timedelta(days=3)
    with time_machine.travel(made_at, tick=False):
        ritual = weekly_ritual(owner=owner, weekday=datetime.date(*day).weekday())
    assert ritual.reminder_lead_minutes == 60

    [message] = ticks_around_six_pm(zone, day)

    assert message["Subject"] == "Soon: Evening call at 19:00 today"
    assert message["To"] == owner.email
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert 'Your ritual "Evening call" starts at 19:00 today.' in text
    delivery = Delivery.objects.get(schedule__owner=owner)
    assert delivery.state == DeliveryState.SENT
    assert delivery.sent_at == local(zone, *day, 18, 0)
    # Later ticks that day send nothing more; the next reminder is a week on, again at 18:00.
    evening = local(zone, *day, 19, 30)
    with time_machine.travel(evening, tick=False):
        dispatch(evening)
    assert len(smtp_sink.messages) == 1
    schedule = delivery.schedule
    schedule.refresh_from_db()
    next_week = datetime.date(*day) + datetime.timedelta(days=7)
    assert schedule.due_at == local(zone, *next_week.timetuple()[:3], 18, 0)
