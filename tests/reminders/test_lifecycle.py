"""Rows over time: the sweeper, time-zone moves, and account deletion."""

import datetime

import pytest
import time_machine

from accounts.services import account_delete
from reminders.dispatch import reminders_dispatch
from reminders.models import (
    Delivery,
    DeliveryAction,
    DeliveryState,
    ReminderPreferences,
    ReminderSchedule,
)
from reminders.services import schedules_refresh
from reminders.sweeper import deliveries_sweep
from tests.reminders.conftest import local
from tests.reminders.factories import ReminderPreferencesFactory

pytestmark = pytest.mark.django_db

SIX_PM = local("Europe/Berlin", 2026, 5, 4, 18, 0)


@pytest.fixture
def written_delivery(daily_ritual):
    """A delivery the dispatcher wrote but no worker ever received (the broker lost it)."""
    with time_machine.travel(SIX_PM - datetime.timedelta(hours=8), tick=False):
        daily_ritual()
    with time_machine.travel(SIX_PM, tick=False):
        reminders_dispatch(now=SIX_PM)  # no commit hook runs here: nothing was enqueued
    return Delivery.objects.get()


def test_the_sweeper_hands_on_a_sending_delivery_once_its_claim_is_older_than_the_lease(
    written_delivery, eager_tasks, smtp_sink
):
    claimed = SIX_PM + datetime.timedelta(seconds=2)
    Delivery.objects.filter(pk=written_delivery.pk).update(
        state=DeliveryState.SENDING, claimed_at=claimed
    )
    with time_machine.travel(claimed + datetime.timedelta(seconds=59), tick=False):
        assert deliveries_sweep() == 0  # a worker may still be on it
    assert smtp_sink.messages == []
    with time_machine.travel(claimed + datetime.timedelta(seconds=61), tick=False):
        assert deliveries_sweep() == 1
    written_delivery.refresh_from_db()
    assert written_delivery.state == DeliveryState.SENT
    assert len(smtp_sink.wait_for(1)) == 1


def test_the_sweeper_leaves_a_queued_delivery_for_five_minutes_then_hands_it_on(
    written_delivery, eager_tasks, smtp_sink
):
    # Queued means waiting its turn in the broker: a long queue is not enqueued twice.
    with time_machine.travel(SIX_PM + datetime.timedelta(minutes=4), tick=False):
        assert deliveries_sweep() == 0
    with time_machine.travel(SIX_PM + datetime.timedelta(minutes=6), tick=False):
        assert deliveries_sweep() == 1
    written_delivery.refresh_from_db()
    assert written_delivery.state == DeliveryState.SENT


def test_a_time_zone_change_moves_every_schedule_to_the_new_local_time(user, daily_ritual):
    with time_machine.travel(SIX_PM - datetime.timedelta(hours=8), tick=False):
        schedule = daily_ritual()
        user.time_zone = "America/New_York"
        user.save()
        schedules_refresh()
    schedule.refresh_from_db()
    assert schedule.zone == "America/New_York"
    assert schedule.due_at == local("America/New_York", 2026, 5, 4, 18, 0)


def test_deleting_the_account_deletes_every_reminder_row(user, written_delivery):
    ReminderPreferencesFactory(owner=user)
    DeliveryAction.objects.create(delivery=written_delivery, action="snooze", target="1")
    account_delete(user=user)
    for model in (ReminderPreferences, ReminderSchedule, Delivery, DeliveryAction):
        assert not model.objects.exists()


def test_a_new_time_zone_in_settings_moves_every_reminder_at_once(
    signed_in_client, user, weekly_ritual
):
    with time_machine.travel(local("Europe/Berlin", 2026, 5, 4, 9, 0), tick=False):
        ritual = weekly_ritual(weekday=0, at=datetime.time(19, 0))
        schedules_refresh()  # the standing nudge and reflection rows
        before = dict(ReminderSchedule.objects.values_list("source_key", "due_at"))
        assert before[f"ritual:{ritual.pk}"] == local("Europe/Berlin", 2026, 5, 4, 18, 0)

        signed_in_client.post(
            "/account/settings/", {"display_name": "Ada", "time_zone": "America/New_York"}
        )

    rows = {row.source_key: row for row in ReminderSchedule.objects.all()}
    assert {row.zone for row in rows.values()} == {"America/New_York"}
    new_york = "America/New_York"
    assert rows[f"ritual:{ritual.pk}"].due_at == local(new_york, 2026, 5, 4, 18, 0)
    assert rows[f"ritual:{ritual.pk}"].next_fire_at == local(new_york, 2026, 5, 4, 18, 0)
    assert rows["nudges"].due_at == local(new_york, 2026, 5, 4, 10, 0)
    assert rows["reflection"].due_at == local(new_york, 2026, 5, 10, 18, 0)


def test_saving_settings_without_a_new_zone_leaves_reminders_where_they_are(
    signed_in_client, user, weekly_ritual
):
    with time_machine.travel(local("Europe/Berlin", 2026, 5, 4, 9, 0), tick=False):
        weekly_ritual(weekday=0, at=datetime.time(19, 0))
    snoozed_to = local("Europe/Berlin", 2026, 5, 11, 18, 0)
    ReminderSchedule.objects.update(due_at=snoozed_to, next_fire_at=snoozed_to)

    with time_machine.travel(local("Europe/Berlin", 2026, 5, 4, 10, 0), tick=False):
        signed_in_client.post(
            "/account/settings/", {"display_name": "Ada L.", "time_zone": "Europe/Berlin"}
        )

    assert ReminderSchedule.objects.get().due_at == snoozed_to


def test_a_queued_delivery_overtaken_by_a_younger_claim_has_lost_its_message(
    make_user, daily_ritual, eager_tasks, smtp_sink
):
    """The queue is first in, first out: a worker killed after receiving the older one's
    message, before starting it, is the usual way. Handed on within 30 s of the overtaking
    claim, not after the five minutes a slow queue gets."""
    with time_machine.travel(SIX_PM - datetime.timedelta(hours=8), tick=False):
        older, _younger = (
            daily_ritual(owner=make_user(email=f"{n}@example.com", time_zone="Europe/Berlin"))
            for n in "ab"
        )
    with time_machine.travel(SIX_PM, tick=False):
        reminders_dispatch(now=SIX_PM)  # nothing enqueued: no commit hook runs here
    lost, overtaking = Delivery.objects.order_by("pk")
    claimed = SIX_PM + datetime.timedelta(seconds=5)
    Delivery.objects.filter(pk=overtaking.pk).update(
        state=DeliveryState.SENT, claimed_at=claimed, sent_at=claimed
    )
    with time_machine.travel(claimed + datetime.timedelta(seconds=29), tick=False):
        assert deliveries_sweep() == 0
    with time_machine.travel(claimed + datetime.timedelta(seconds=31), tick=False):
        assert deliveries_sweep() == 1
    lost.refresh_from_db()
    assert lost.state == DeliveryState.SENT
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == older.owner.email
