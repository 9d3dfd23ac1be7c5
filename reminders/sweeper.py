"""The sweeper: deliveries that nobody is working on any more go back to the workers.

Beat runs it every 30 seconds. Two cases:
- `sending` with a claim older than the lease (KINDRED_REMINDER_SENDING_LEASE, 60 s): its
  worker was killed mid-send. No live sender holds a claim that old: a sending task claims
  after it starts, puts back what it has not started when its time budget runs out, and
  the prefork pool kills it at its hard time limit, 15 s before the lease ends
  (reminders/queue.py). So the delivery goes back to the queue and to a worker at once:
  a killed worker's deliveries go out again within lease + one sweep, about 90 s after
  their claim. The lease is per delivery, on each row's own claim time.
- `queued` and untouched for KINDRED_REMINDER_STUCK_AFTER (5 minutes): the broker was down
  as it was enqueued, or lost the message. Waiting that long keeps a backlog that is
  simply slow to drain from being enqueued twice.

The claim in sending.py keeps a second copy of a task from sending twice. The one case that
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
    """Hand abandoned deliveries back to the workers; returns how many. `stuck_after`, when
    given, replaces both the lease and the queued delay (tests, the management command)."""
    now = now or timezone.now()
    lease = settings.KINDRED_REMINDER_SENDING_LEASE if stuck_after is None else stuck_after
    queued_after = settings.KINDRED_REMINDER_STUCK_AFTER if stuck_after is None else stuck_after
    abandoned = Delivery.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=now - lease)
    reclaimed = list(abandoned.values_list("pk", flat=True))
    abandoned.filter(pk__in=reclaimed).update(state=DeliveryState.QUEUED)
    lost = (
        Delivery.objects.filter(state=DeliveryState.QUEUED)
        .annotate(last_touched=Coalesce("claimed_at", "created_at"))
        .filter(last_touched__lt=now - queued_after)
        .exclude(pk__in=reclaimed)
        .values_list("pk", flat=True)
    )
    stuck = sorted({*reclaimed, *lost})
    if stuck:
        deliveries_enqueue(stuck)
    return len(stuck)
