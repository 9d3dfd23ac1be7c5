from celery import shared_task
from django.conf import settings

from reminders.dispatch import reminders_dispatch
from reminders.sending import deliveries_send
from reminders.services import schedules_refresh
from reminders.sweeper import deliveries_sweep


@shared_task(ignore_result=True)
def dispatch_due_reminders():
    reminders_dispatch()


@shared_task(ignore_result=True)
def sweep_stuck_deliveries():
    deliveries_sweep()


@shared_task(ignore_result=True)
def refresh_schedules():
    schedules_refresh()


@shared_task(bind=True, ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def send_deliveries(self, delivery_ids):
    retry = deliveries_send(delivery_ids)
    if retry:
        # Backoff far below the broker's visibility timeout, so Redis never hands the
        # retry to a second worker while the first still holds it.
        backoff = settings.KINDRED_REMINDER_RETRY_SECONDS * 3**self.request.retries
        raise self.retry(args=(retry,), countdown=backoff, max_retries=None)
