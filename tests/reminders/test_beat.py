"""Beat's schedule: the tick runs on the wall-clock minute, whenever beat was started, and
the sweeper looks often enough to hand a killed worker's deliveries on within two minutes."""

import datetime

from celery.schedules import crontab
from django.conf import settings

from connection.celery import app as celery_app
from reminders.queue import send_deliveries

UTC = datetime.UTC


def entry(name):
    return celery_app.conf.beat_schedule[name]


def next_run_after(schedule, last_run_at, now):
    """When beat, having last run the entry at `last_run_at`, runs it next (seen at `now`)."""
    schedule.nowfun = lambda: now
    return now + schedule.remaining_estimate(last_run_at)


def test_the_dispatch_tick_runs_at_second_zero_of_every_minute_whenever_beat_started():
    tick = entry("dispatch-due-reminders")
    assert tick["task"] == "plans.reminders.tasks.dispatch_due_reminders"
    schedule = tick["schedule"]
    assert isinstance(schedule, crontab)
    # beat started at 12:00:31 and ran the entry then: the next tick is 12:01:00, not 12:01:31
    started = datetime.datetime(2026, 5, 4, 12, 0, 31, tzinfo=UTC)
    assert next_run_after(schedule, started, started) == datetime.datetime(
        2026, 5, 4, 12, 1, tzinfo=UTC
    )
    later = datetime.datetime(2026, 5, 4, 12, 1, 0, 200000, tzinfo=UTC)
    assert next_run_after(schedule, later, later) == datetime.datetime(
        2026, 5, 4, 12, 2, tzinfo=UTC
    )
    # A tick not started within its minute is dropped; the next one covers it.
    assert 50 <= tick["options"]["expires"] < 60


def test_the_sweeper_runs_often_enough_to_recover_a_killed_worker_within_two_minutes():
    sweep = entry("sweep-stuck-deliveries")
    assert sweep["task"] == "plans.reminders.tasks.sweep_stuck_deliveries"
    interval = sweep["schedule"]
    lease = settings.KINDRED_REMINDER_SENDING_LEASE
    # The worst case: the claim turns stale just after a sweep and waits one interval more.
    assert lease + interval + datetime.timedelta(seconds=10) <= datetime.timedelta(minutes=2)
    assert sweep["options"]["expires"] < interval.total_seconds()


def test_a_sending_task_is_killed_before_its_claims_count_as_abandoned():
    # The sweeper trusts that a claim older than the lease has no live sender: the task's
    # hard time limit (enforced by the prefork pool) ends every sender before that.
    lease = settings.KINDRED_REMINDER_SENDING_LEASE.total_seconds()
    assert send_deliveries.soft_time_limit < send_deliveries.time_limit < lease - 5


def test_the_other_entries_keep_their_pinned_task_names():
    celery_app.loader.import_default_modules()  # what a worker does: autodiscovery
    assert entry("refresh-reminder-schedules")["task"] == "plans.reminders.tasks.refresh_schedules"
    assert entry("clear-expired-sessions")["task"] == "accounts.tasks.clear_expired_sessions"
    for name, scheduled in celery_app.conf.beat_schedule.items():
        assert scheduled["task"] in celery_app.tasks, name
