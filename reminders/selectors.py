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
