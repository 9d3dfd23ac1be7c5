"""The sweeper: deliveries that nobody is working on any more go back to the workers.

A delivery stays `queued` when the broker was down as it was enqueued or lost the message;
it stays `sending` when its worker was killed mid-send. Both are handed out again; the
claim in sending.py keeps a second copy of a task from sending twice. The one case that
can still duplicate an email is a worker killed after the mail server accepted a message
and before the row said so: at most one email per killed worker process.
"""

import datetime

from django.conf import settings
from django.db.models.functions import Coalesce
from django.utils import timezone

from reminders.models import Delivery, DeliveryState
from reminders.queue import deliveries_enqueue


def deliveries_sweep(
    *, now: datetime.datetime | None = None, stuck_after: datetime.timedelta | None = None
) -> int:
    now = now or timezone.now()
    if stuck_after is None:
        stuck_after = settings.KINDRED_REMINDER_STUCK_AFTER
    before = now - stuck_after
    Delivery.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=before).update(
        state=DeliveryState.QUEUED
    )
    stuck = list(
        Delivery.objects.filter(state=DeliveryState.QUEUED)
        .annotate(last_touched=Coalesce("claimed_at", "created_at"))
        .filter(last_touched__lt=before)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if stuck:
        deliveries_enqueue(stuck)
    return len(stuck)
