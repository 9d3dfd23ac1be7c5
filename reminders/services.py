"""Work on reminders that spans rows: keeping schedules in step, acting on email links."""

import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from connection.lib.occurrences import shift_local_days
from reminders.kinds import SNOOZE_DAYS, kind_for, registered_kinds
from reminders.links import ALL_KINDS
from reminders.models import DeliveryAction, Kind, ReminderPreferences, ReminderSchedule
from reminders.preferences import preferences_for


def _standing_sources() -> list[tuple[str, str]]:
    """(kind, source key) of the schedules every verified account has (nudges, the
    reflection); rituals and plan enrollments add their own rows."""
    return [(k.name, k.standing_source) for k in registered_kinds() if k.standing_source]


def schedule_upsert(*, owner, kind: str, source_key: str, now=None) -> ReminderSchedule:
    """Create or refresh the schedule of one source (a ritual or an enrollment calls this
    when it is created or changed), with its next reminder computed from now."""
    now = now or timezone.now()
    schedule, _ = ReminderSchedule.objects.get_or_create(
        owner=owner, kind=kind, source_key=source_key, defaults={"zone": owner.time_zone}
    )
    schedule.owner = owner
    _recompute([schedule], preferences_for([owner.pk])[owner.pk], now)
    return schedule


def schedules_recompute(*, owner, now=None) -> None:
    """After a change of preferences or time zone: every reminder moves to its new time."""
    now = now or timezone.now()
    schedules = list(
        ReminderSchedule.objects.filter(owner=owner)
        .exclude(kind=Kind.DIGEST)
        .select_related("owner")
    )
    _recompute(schedules, preferences_for([owner.pk])[owner.pk], now)


def schedules_refresh(*, now=None) -> None:
    """Give every verified account its standing schedules, and move rows computed in a
    zone their owner has left (a time-zone change made anywhere)."""
    now = now or timezone.now()
    verified = EmailAddress.objects.filter(verified=True, primary=True).values("user_id")
    for kind, source_key in _standing_sources():
        missing = User.objects.filter(pk__in=verified, is_active=True).exclude(
            reminder_schedules__kind=kind
        )
        for owner in missing.iterator(chunk_size=500):
            schedule_upsert(owner=owner, kind=kind, source_key=source_key, now=now)
    moved = ReminderSchedule.objects.exclude(kind=Kind.DIGEST).exclude(zone=F("owner__time_zone"))
    for owner in User.objects.filter(pk__in=moved.values("owner_id")):
        schedules_recompute(owner=owner, now=now)


def _recompute(schedules, prefs, now):
    for schedule in schedules:
        due = kind_for(schedule.kind).next_due(schedule, prefs, now)
        schedule.due_at = schedule.next_fire_at = due
        schedule.zone = schedule.owner.time_zone
    ReminderSchedule.objects.bulk_update(schedules, ["due_at", "next_fire_at", "zone"])


def preferences_get(*, owner) -> ReminderPreferences:
    return ReminderPreferences.objects.filter(owner=owner).first() or ReminderPreferences(
        owner=owner
    )


def preferences_save(*, preferences: ReminderPreferences) -> None:
    preferences.save()
    owner = preferences.owner
    for kind, source_key in _standing_sources():
        ReminderSchedule.objects.get_or_create(
            owner=owner, kind=kind, source_key=source_key, defaults={"zone": owner.time_zone}
        )
    schedules_recompute(owner=owner)


def reminders_unsubscribe(*, owner, kind: str) -> None:
    """Switch one kind off, or every kind (`ALL_KINDS`). Doing it twice changes nothing."""
    preferences = preferences_get(owner=owner)
    optional = [k.preference for k in registered_kinds() if k.optional]
    for name in optional if kind == ALL_KINDS else [kind]:
        setattr(preferences, f"{name}_on", False)
    preferences.save()


class ActionRefused(Exception):
    """The link does not fit the delivery it names; nothing was changed."""


def delivery_snooze(*, delivery, days: int) -> datetime.datetime | None:
    """Hold the schedule's next reminder until `days` after this one (same local time)."""
    kind = kind_for(delivery.schedule.kind)
    if not kind.offers_snooze or days not in SNOOZE_DAYS:
        raise ActionRefused
    with transaction.atomic():
        schedule = (
            ReminderSchedule.objects.select_for_update()
            .select_related("owner")
            .get(pk=delivery.schedule_id)
        )
        owner = schedule.owner
        until = shift_local_days(delivery.due_at, days, owner.zone)
        due = kind.snooze_due(schedule, preferences_get(owner=owner), delivery, until)
        if due is not None:
            schedule.due_at = schedule.next_fire_at = due
            schedule.save(update_fields=["due_at", "next_fire_at"])
        DeliveryAction.objects.get_or_create(delivery=delivery, action="snooze", target=str(days))
        return schedule.due_at


def delivery_action_record(*, delivery, action: str, target: str = "") -> DeliveryAction:
    """Remember an action taken from an email link. Raises IntegrityError when it was taken
    before: call it inside the transaction of the action's own writes, so that a second
    click changes nothing."""
    return DeliveryAction.objects.create(delivery=delivery, action=action, target=target)


def source_schedules_delete(*, owner, kind: str, source_key: str) -> None:
    """A deleted source (a ritual) takes its reminders (and their history) with it."""
    ReminderSchedule.objects.filter(owner=owner, kind=kind, source_key=source_key).delete()
