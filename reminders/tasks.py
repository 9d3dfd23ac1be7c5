"""The engine's Celery tasks. Their names are pinned to the names they had when the engine
lived in plans/reminders/, so the beat schedule and messages already on the broker keep
finding them."""

from celery import shared_task

from reminders.dispatch import reminders_dispatch
from reminders.queue import send_deliveries
from reminders.services import schedules_refresh
from reminders.sweeper import deliveries_sweep

__all__ = [
    "dispatch_due_reminders",
    "refresh_schedules",
    "send_deliveries",
    "sweep_stuck_deliveries",
]


@shared_task(name="plans.reminders.tasks.dispatch_due_reminders", ignore_result=True)
def dispatch_due_reminders():
    reminders_dispatch()


@shared_task(name="plans.reminders.tasks.sweep_stuck_deliveries", ignore_result=True)
def sweep_stuck_deliveries():
    deliveries_sweep()


@shared_task(name="plans.reminders.tasks.refresh_schedules", ignore_result=True)
def refresh_schedules():
    schedules_refresh()
