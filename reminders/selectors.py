from reminders.models import Delivery, DeliveryState


def last_sent(*, owner) -> Delivery | None:
    return (
        Delivery.objects.filter(schedule__owner=owner, state=DeliveryState.SENT)
        .select_related("schedule")
        .order_by("-sent_at")
        .first()
    )


def last_trouble(*, owner) -> Delivery | None:
    """The latest reminder that failed or came too late, whichever is newer."""
    return (
        Delivery.objects.filter(
            schedule__owner=owner, state__in=(DeliveryState.FAILED, DeliveryState.MISSED)
        )
        .select_related("schedule")
        .order_by("-due_at")
        .first()
    )
