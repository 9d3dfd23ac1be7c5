"""Handing deliveries to the workers: the sending task and the one function that enqueues it.

The dispatcher and the sweeper enqueue; tasks.py schedules them. The task names are pinned
to the names they had when the engine lived in plans/reminders/, so messages already on
the broker when a new version is deployed still find their task.
"""

import logging

from celery import shared_task
from django.conf import settings

from reminders.sending import deliveries_send

logger = logging.getLogger(__name__)


# The sweeper treats a delivery claimed longer ago than the lease as abandoned. That is
# safe because no sender outlives the lease: a task claims its deliveries after it starts,
# and the prefork pool kills it at its hard time limit, LEASE_MARGIN before the lease ends
# (the margin covers clocks of workers and beat that disagree by a few seconds). A batch
# stops taking up new deliveries well before the soft limit and hands the rest on, so only
# a mail server that stalls a single send is ever cut off by the limits.
LEASE_MARGIN = 15
SEND_TIME_LIMIT = int(settings.KINDRED_REMINDER_SENDING_LEASE.total_seconds()) - LEASE_MARGIN
SEND_SOFT_TIME_LIMIT = SEND_TIME_LIMIT - 10
SEND_BUDGET = SEND_SOFT_TIME_LIMIT - 10


@shared_task(
    name="plans.reminders.tasks.send_deliveries",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=SEND_TIME_LIMIT,
    soft_time_limit=SEND_SOFT_TIME_LIMIT,
)
def send_deliveries(self, delivery_ids):
    retry, unstarted = deliveries_send(delivery_ids, budget_seconds=SEND_BUDGET)
    if unstarted:
        deliveries_enqueue(unstarted)
    if retry:
        # A retry of a failed SMTP attempt, not scheduling: the countdown stays far below
        # the broker's visibility timeout, so Redis never hands the retry to a second
        # worker while the first still holds it.
        backoff = settings.KINDRED_REMINDER_RETRY_SECONDS * 3**self.request.retries
        raise self.retry(args=(retry,), countdown=backoff, max_retries=None)


def deliveries_enqueue(delivery_ids: list[int]) -> None:
    """Hand deliveries to the workers. If the broker is down they stay queued for the sweeper."""
    size = settings.KINDRED_REMINDER_SEND_BATCH
    for start in range(0, len(delivery_ids), size):
        try:
            send_deliveries.apply_async(
                (delivery_ids[start : start + size],),
                retry=True,
                retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
            )
        except Exception:  # noqa: BLE001 - whatever the broker raised, the rows are safe
            logger.warning(
                "broker unavailable: %d deliveries stay queued for the sweeper",
                len(delivery_ids) - start,
                exc_info=True,
            )
            return
