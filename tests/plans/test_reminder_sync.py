"""Plans keep their reminder schedules in step through plans.services."""

import datetime

import pytest
import time_machine

from plans.services import (
    enrollment_start,
    enrollment_stop,
    plan_day_complete,
    ritual_delete,
    ritual_from_catalog,
    ritual_pause,
    ritual_resume,
)
from reminders.models import ReminderSchedule

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
# Monday 1 June 2026, 08:00 in Berlin (the user's zone).
NOW = datetime.datetime(2026, 6, 1, 6, 0, tzinfo=UTC)


def _schedule(user, kind):
    return ReminderSchedule.objects.get(owner=user, kind=kind)


def test_a_ritual_gets_its_reminder_an_hour_before_and_loses_it_when_paused_or_deleted(user):
    with time_machine.travel(NOW, tick=False):
        # Tuesday call: Tuesdays 19:00 local, reminder an hour before.
        ritual = ritual_from_catalog(owner=user, slug="tuesday-call")
        schedule = _schedule(user, "ritual")
        assert schedule.source_key == f"ritual:{ritual.pk}"
        assert schedule.next_fire_at == datetime.datetime(2026, 6, 2, 16, 0, tzinfo=UTC)

        ritual_pause(ritual=ritual)
        assert _schedule(user, "ritual").next_fire_at is None
        ritual_resume(ritual=ritual)
        assert _schedule(user, "ritual").next_fire_at == schedule.next_fire_at

        ritual_delete(ritual=ritual)
        assert not ReminderSchedule.objects.filter(owner=user, kind="ritual").exists()


def test_the_plan_reminds_each_day_until_it_is_stopped(user):
    with time_machine.travel(NOW, tick=False):
        enrollment = enrollment_start(
            owner=user, starts_on=datetime.date(2026, 6, 1), reminder_time=datetime.time(9)
        )
        # Day 1 at 09:00 Berlin.
        assert _schedule(user, "plan_day").next_fire_at == datetime.datetime(
            2026, 6, 1, 7, 0, tzinfo=UTC
        )
        plan_day_complete(
            enrollment=enrollment,
            number=1,
            today=datetime.date(2026, 6, 1),
            data={"new_names": ["Maya"], "note": ""},
        )
        # Day 1 is done: the next reminder is Day 2's.
        assert _schedule(user, "plan_day").next_fire_at == datetime.datetime(
            2026, 6, 2, 7, 0, tzinfo=UTC
        )
        enrollment_stop(owner=user)
        assert _schedule(user, "plan_day").next_fire_at is None
