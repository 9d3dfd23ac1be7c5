import math

from reminders.kinds import kinds_for_others
from reminders.models import Delivery, DeliveryState


def _own(owner):
    """The owner's own reminder emails (not those their kinds sent to someone else)."""
    return Delivery.objects.filter(schedule__owner=owner).exclude(
        schedule__kind__in=kinds_for_others()
    )


def last_sent(*, owner) -> Delivery | None:
    return (
        _own(owner)
        .filter(state=DeliveryState.SENT)
        .select_related("schedule")
        .order_by("-sent_at")
        .first()
    )


def last_trouble(*, owner) -> Delivery | None:
    """The latest reminder that failed or came too late, whichever is newer."""
    return (
        _own(owner)
        .filter(state__in=(DeliveryState.FAILED, DeliveryState.MISSED))
        .select_related("schedule")
        .order_by("-due_at")
        .first()
    )


def sent_lateness(deliveries=None) -> dict[str, float]:
    """How late the sent reminders among `deliveries` (all by default) left, in seconds:
    the 50th and 95th percentiles and the maximum of sent_at − due_at (nearest rank)."""
    deliveries = Delivery.objects.all() if deliveries is None else deliveries
    late = sorted(
        (sent_at - due_at).total_seconds()
        for due_at, sent_at in deliveries.filter(state=DeliveryState.SENT).values_list(
            "due_at", "sent_at"
        )
    )
    if not late:
        return {"p50": 0.0, "p95": 0.0, "max": 0.0}

    def rank(share):
        return late[max(0, math.ceil(share * len(late)) - 1)]

    return {"p50": rank(0.50), "p95": rank(0.95), "max": late[-1]}
