"""The sweeper: deliveries that nobody is working on any more go back to the workers.

Beat runs it every 30 seconds. Two cases:
- `sending` with a claim older than the lease (KINDRED_REMINDER_SENDING_LEASE, 60 s): its
  worker was killed mid-send. No live sender holds a claim that old: a sending task claims
  after it starts, puts back what it has not started when its time budget runs out, and
  the prefork pool kills it at its hard time limit, 15 s before the lease ends
  (reminders/queue.py). So the delivery goes back to the queue and to a worker at once:
  a killed worker's deliveries go out again within lease + one sweep, about 90 s after
  their claim. The lease is per delivery, on each row's own claim time.
- `queued`, never claimed, and overtaken: a delivery written after it was claimed more
  than 30 s ago. The queue is first in, first out, so its message was lost: taken by a
  worker killed before it started the task (a message it had received but not begun), or
  never enqueued while the broker was down. A backlog that is simply slow to drain is not
  overtaken, so it is not enqueued twice.
- `queued` and untouched for KINDRED_REMINDER_STUCK_AFTER (5 minutes), whatever else:
  e.g. waiting out a retry's backoff that its message no longer holds.

The claim in sending.py keeps a second copy of a task from sending twice. The one case that
can still duplicate an email is a worker killed after the mail server accepted a message
and before the row said so: at most one email per killed worker process.
"""

import datetime

from django.conf import settings
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from reminders.models import Delivery, DeliveryState
from reminders.queue import deliveries_enqueue

# Longer than a worker takes from receiving a message to claiming its deliveries.
OVERTAKEN_AFTER = datetime.timedelta(seconds=30)
# How far back the sweeper looks for claims that overtook a queued delivery.
OVERTAKEN_WINDOW = datetime.timedelta(hours=1)


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
    queued = Delivery.objects.filter(state=DeliveryState.QUEUED).exclude(pk__in=reclaimed)
    lost = (
        queued.annotate(last_touched=Coalesce("claimed_at", "created_at"))
        .filter(last_touched__lt=now - queued_after)
        .values_list("pk", flat=True)
    )
    overtaken = _overtaken(queued, now, min(queued_after, OVERTAKEN_AFTER))
    stuck = sorted({*reclaimed, *lost, *overtaken})
    if stuck:
        deliveries_enqueue(stuck)
    return len(stuck)


def _overtaken(queued, now, after) -> list[int]:
    """The never-claimed queued deliveries older than a delivery claimed before `now - after`."""
    youngest_claimed = Delivery.objects.filter(
        state__in=(DeliveryState.SENDING, DeliveryState.SENT),
        created_at__gte=now - OVERTAKEN_WINDOW,
        claimed_at__lt=now - after,
    ).aggregate(pk=Max("pk"))["pk"]
    if youngest_claimed is None:
        return []
    return list(
        queued.filter(claimed_at__isnull=True, pk__lt=youngest_claimed).values_list("pk", flat=True)
    )
