"""The dispatcher applies preferences at dispatch time and writes one delivery per occurrence."""

import datetime

import pytest
import time_machine

from reminders.dispatch import reminders_dispatch
from reminders.models import Delivery, DeliveryState, ReminderSchedule
from reminders.services import schedule_upsert
from tests.reminders.conftest import local
from tests.reminders.factories import ReminderPreferencesFactory

pytestmark = pytest.mark.django_db

ZONE = "Europe/Berlin"
MORNING = local(ZONE, 2026, 5, 4, 9, 0)


def at(hour, minute=0, day=4):
    return local(ZONE, 2026, 5, day, hour, minute)


@pytest.fixture
def rituals(user):
    """Rituals of the test kind at the given local times, created in the morning."""

    def make(*times, owner=user):
        with time_machine.travel(MORNING, tick=False):
            return [
                schedule_upsert(owner=owner, kind="test_ritual", source_key=f"daily:{t}:60")
                for t in times
            ]

    return make


def run(dispatch, now):
    with time_machine.travel(now, tick=False):
        return dispatch(now)


def test_the_row_moves_to_the_next_day_and_a_second_tick_writes_nothing(
    rituals, dispatch, smtp_sink
):
    [schedule] = rituals("19:00")
    assert run(dispatch, at(18)) == 1
    assert run(dispatch, at(18, 1)) == 0
    schedule.refresh_from_db()
    assert schedule.due_at == at(18, day=5)
    assert len(smtp_sink.wait_for(1)) == 1


def test_reminders_beyond_the_daily_cap_are_merged_into_one_digest(
    user, rituals, dispatch, smtp_sink
):
    ReminderPreferencesFactory(owner=user, daily_cap=2)
    rituals("13:00", "14:00", "15:00", "16:00")  # reminded at 12, 13, 14 and 15 o'clock
    for hour in (12, 13, 14):
        run(dispatch, at(hour))
    assert [m["Subject"] for m in smtp_sink.wait_for(2)] == [
        "Soon: Evening call at 13:00 today",
        "Soon: Evening call at 14:00 today",
    ]
    assert Delivery.objects.filter(state=DeliveryState.MERGED).count() == 1

    # The digest waits half an hour for more to join it: the 15 o'clock reminder does.
    run(dispatch, at(15))
    messages = smtp_sink.wait_for(3)
    assert len(messages) == 3
    digest = messages[-1]
    assert digest["Subject"] == "The rest of today's reminders"
    text = digest.get_body(preferencelist=("plain",)).get_content()
    # Rendered at 15:00: the 15:00 ritual has just begun, the 16:00 one is still to come.
    assert "Evening call started at 15:00" in text and "Evening call at 16:00 today" in text
    merged = Delivery.objects.filter(state=DeliveryState.MERGED)
    assert merged.count() == 2
    assert set(merged.values_list("digest__state", flat=True)) == {DeliveryState.SENT}


def test_quiet_hours_hold_a_reminder_until_they_end_when_it_is_still_useful(
    user, rituals, dispatch, smtp_sink
):
    ReminderPreferencesFactory(
        owner=user, quiet_start=datetime.time(22, 0), quiet_end=datetime.time(7, 30)
    )
    rituals("08:00")  # reminded at 07:00, inside quiet hours; useful until 08:00
    assert run(dispatch, at(7, day=5)) == 0
    assert smtp_sink.messages == []
    assert run(dispatch, at(7, 30, day=5)) == 1
    assert len(smtp_sink.wait_for(1)) == 1


def test_a_reminder_whose_quiet_hours_outlast_its_use_is_marked_missed_not_sent(
    user, rituals, dispatch, smtp_sink
):
    ReminderPreferencesFactory(
        owner=user, quiet_start=datetime.time(22, 0), quiet_end=datetime.time(9, 0)
    )
    rituals("08:00")
    run(dispatch, at(7, day=5))
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.MISSED
    assert "quiet hours" in delivery.last_error
    assert smtp_sink.messages == []


def test_a_reminder_found_too_late_is_marked_missed_and_the_row_moves_on(
    rituals, dispatch, smtp_sink
):
    [schedule] = rituals("19:00")
    run(dispatch, at(3, day=5))  # the 18:00 reminder, found at 03:00 the next night
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.due_at) == (DeliveryState.MISSED, at(18))
    schedule.refresh_from_db()
    assert schedule.due_at == at(18, day=5)
    assert smtp_sink.messages == []


def test_a_long_outage_records_one_miss_and_resumes_on_time(rituals, dispatch, smtp_sink):
    [schedule] = rituals("19:00")
    run(dispatch, at(18, 30, day=8))  # four days later, within that day's freshness
    run(dispatch, at(18, 31, day=8))  # the next tick sends the day's reminder
    assert list(Delivery.objects.values_list("state", flat=True)) == [
        DeliveryState.MISSED,
        DeliveryState.SENT,
    ]
    assert Delivery.objects.get(state=DeliveryState.SENT).due_at == at(18, day=8)


def test_nothing_is_sent_while_paused_switched_off_or_unverified(
    make_user, rituals, dispatch, smtp_sink
):
    paused = make_user(time_zone=ZONE)
    ReminderPreferencesFactory(owner=paused, paused_until=datetime.date(2026, 5, 4))
    switched_off = make_user(time_zone=ZONE)
    ReminderPreferencesFactory(owner=switched_off, ritual_on=False)
    unverified = make_user(time_zone=ZONE, verified=False)
    for owner in (paused, switched_off, unverified):
        rituals("19:00", owner=owner)

    run(dispatch, at(18))
    assert Delivery.objects.count() == 0
    assert smtp_sink.messages == []
    run(dispatch, at(18, day=5))  # the pause ended yesterday
    assert [m["To"] for m in smtp_sink.wait_for(1)] == [paused.email]


def test_a_new_time_zone_moves_the_reminder_instead_of_firing_at_the_old_zone_time(
    user, rituals, dispatch, smtp_sink
):
    [schedule] = rituals("19:00")
    user.time_zone = "America/New_York"
    user.save()
    assert run(dispatch, at(18)) == 0
    schedule.refresh_from_db()
    assert schedule.zone == "America/New_York"
    assert schedule.due_at == local("America/New_York", 2026, 5, 4, 18, 0)


def test_the_due_index_serves_the_tick_query(db):
    from django.db import connection

    sql, params = ReminderSchedule.objects.due(MORNING)[:500].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # An empty table would be scanned whatever the indexes: ask for the index plan.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row) for row in cursor.fetchall())
    assert "reminder_schedule_due" in plan


def test_without_a_dispatch_enqueue_nothing_is_written_twice(rituals):
    rituals("19:00")
    assert reminders_dispatch(now=at(18)) == 1
    assert reminders_dispatch(now=at(18)) == 0


def test_a_broken_source_is_retried_later_and_does_not_hold_up_the_others(
    user, make_user, rituals, dispatch, smtp_sink, caplog
):
    rituals("19:00")
    with time_machine.travel(MORNING, tick=False):
        broken = ReminderSchedule.objects.create(
            owner=make_user(time_zone=ZONE),
            kind="test_ritual",
            source_key="daily:not-a-time",
            due_at=at(18),
            next_fire_at=at(18),
            zone=ZONE,
        )
    assert run(dispatch, at(18)) == 1
    assert [m["To"] for m in smtp_sink.wait_for(1)] == [user.email]
    broken.refresh_from_db()
    assert (broken.due_at, broken.next_fire_at) == (at(18), at(19))
    assert f"schedule {broken.pk} could not be dispatched" in caplog.text
