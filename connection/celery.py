"""The Celery app: `celery -A connection worker` and `celery -A connection beat`.

Reliability choices (docs/architecture.md): tasks are acknowledged only after they finish
and are handed back if their worker dies, each worker takes one task at a time, and every
task has a time limit. Reminders are scheduled in database rows, never as ETA/countdown
tasks; the only countdown is a short retry of a failed SMTP attempt (reminders/queue.py),
far below the broker's visibility timeout.
"""

import os
from datetime import timedelta

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connection.settings")

app = Celery("connection")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_ignore_result=True,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_soft_time_limit=60,
    task_time_limit=90,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
    timezone="UTC",
    enable_utc=True,
    beat_schedule={
        # At second 0 of every minute (a crontab, not an interval counted from when beat
        # started), so a reminder due at 18:00 leaves at 18:00 plus the tick's own work. A
        # tick not started within its minute is dropped, the next one covers it, so ticks
        # never pile up behind a slow worker.
        "dispatch-due-reminders": {
            "task": "plans.reminders.tasks.dispatch_due_reminders",
            "schedule": crontab(minute="*"),
            "options": {"expires": 55},
        },
        # Twice a minute: a claim turns stale (KINDRED_REMINDER_SENDING_LEASE, 60 s) at any
        # second, and the next sweep hands it on within 30 s, so a killed worker's
        # deliveries go out again within about 90 s of their claim (reminders/sweeper.py).
        "sweep-stuck-deliveries": {
            "task": "plans.reminders.tasks.sweep_stuck_deliveries",
            "schedule": timedelta(seconds=30),
            "options": {"expires": 25},
        },
        "refresh-reminder-schedules": {
            "task": "plans.reminders.tasks.refresh_schedules",
            "schedule": timedelta(minutes=15),
            "options": {"expires": 14 * 60},
        },
        "clear-expired-sessions": {
            "task": "accounts.tasks.clear_expired_sessions",
            "schedule": timedelta(hours=6),
            "options": {"expires": 60 * 60},
        },
    },
)
app.autodiscover_tasks()
