"""Work on reminders that spans rows: keeping schedules in step, acting on email links."""

import datetime

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from connection.models import Person
from connection.services import interaction_log
from plans.consistency import DONE
from plans.content.plan_days import PLAN_DAYS
from plans.reminders.kinds import SNOOZE_DAYS, kind_for
from plans.reminders.links import ALL_KINDS
from plans.reminders.models import (
    OPTIONAL_KINDS,
    DeliveryAction,
    Kind,
    ReminderPreferences,
    ReminderSchedule,
)
from plans.reminders.occurrence import shift_local_days
from plans.reminders.preferences import preferences_for

# Every verified account has these two; rituals and plan enrollments add their own rows.
STANDING_SOURCES = ((Kind.NUDGE, "nudges"), (Kind.REFLECTION, "reflection"))


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
    for kind, source_key in STANDING_SOURCES:
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
    for kind, source_key in STANDING_SOURCES:
        ReminderSchedule.objects.get_or_create(
            owner=owner, kind=kind, source_key=source_key, defaults={"zone": owner.time_zone}
        )
    schedules_recompute(owner=owner)


def reminders_unsubscribe(*, owner, kind: str) -> None:
    """Switch one kind off, or every kind (`ALL_KINDS`). Doing it twice changes nothing."""
    preferences = preferences_get(owner=owner)
    for name in OPTIONAL_KINDS if kind == ALL_KINDS else [kind]:
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
        due = kind.next_due(
            schedule, preferences_get(owner=owner), until - datetime.timedelta(seconds=1)
        )
        # Later snoozes win; repeating one (or a shorter one after it) changes nothing.
        if due is not None and (schedule.due_at is None or due > schedule.due_at):
            schedule.due_at = schedule.next_fire_at = due
            schedule.save(update_fields=["due_at", "next_fire_at"])
        DeliveryAction.objects.get_or_create(delivery=delivery, action="snooze", target=str(days))
        return schedule.due_at


def delivery_person(*, delivery, target: str):
    """The person a "We connected" link names, if they are the delivery owner's."""
    prefix, _, pk = target.partition(":")
    if prefix != "person" or not pk.isdecimal():
        return None
    return Person.objects.filter(pk=pk, owner_id=delivery.schedule.owner_id).first()


def delivery_connected(*, delivery, person, channel: str):
    """Log the connection a nudge pointed at, once however often the link is used."""
    owner = delivery.schedule.owner
    if not kind_for(delivery.schedule.kind).offers_connected or person.owner_id != owner.pk:
        raise ActionRefused
    try:
        with transaction.atomic():
            DeliveryAction.objects.create(
                delivery=delivery, action="connected", target=f"person:{person.pk}"
            )
            return interaction_log(
                owner=owner,
                occurred_on=timezone.now().astimezone(owner.zone).date(),
                people=[person],
                channel=channel,
            )
    except IntegrityError:
        return None  # already logged from this email


def delivery_ritual_done(*, delivery, occurrence_at: datetime.datetime):
    """Check in the ritual occurrence a reminder was about, as done (which also logs the
    connection). Returns the check-in, or None when that occurrence already had one."""
    # plans.services imports this module, so it is imported here, when first needed.
    from plans.services import AlreadyCheckedIn, ritual_check_in

    if delivery.schedule.kind != Kind.RITUAL:
        raise ActionRefused
    ritual = kind_for(Kind.RITUAL).source(delivery.schedule)
    if ritual is None:
        raise ActionRefused
    try:
        with transaction.atomic():
            DeliveryAction.objects.create(
                delivery=delivery, action="done", target=f"at:{int(occurrence_at.timestamp())}"
            )
            return ritual_check_in(ritual=ritual, occurrence_at=occurrence_at, status=DONE)
    except (IntegrityError, AlreadyCheckedIn):
        return None  # done from this email before, or checked in on the site


# Plan days whose *Done* link can mark them done without asking anything: a small moment
# with a stranger names nobody. Every other day records whom the person chose (people, a
# group) or what they wrote, so its link leads to the day's page instead.
PLAN_DAYS_DONE_FROM_EMAIL = frozenset({"micro_connection"})


def plan_day_done_from_email(number: int) -> bool:
    return PLAN_DAYS[number - 1].record in PLAN_DAYS_DONE_FROM_EMAIL


def delivery_plan_day_done(*, delivery, number: int):
    """Mark the plan day a reminder was about as done, for the days that ask nothing
    (`PLAN_DAYS_DONE_FROM_EMAIL`). Returns the day's entry, or None when it was done already."""
    # plans.services imports this module, so it is imported here, when first needed.
    from plans.services import plan_day_complete

    schedule = delivery.schedule
    if schedule.kind != Kind.PLAN_DAY or not plan_day_done_from_email(number):
        raise ActionRefused
    enrollment = kind_for(Kind.PLAN_DAY).source(schedule)
    if enrollment is None or not enrollment.is_active:
        raise ActionRefused
    today = timezone.now().astimezone(schedule.owner.zone).date()
    if not enrollment.is_day_open(number, today):
        raise ActionRefused
    try:
        with transaction.atomic():
            DeliveryAction.objects.create(delivery=delivery, action="done", target=f"day:{number}")
            if number in enrollment.done_numbers():
                return None  # marked done on the site already: what was recorded there stays
            return plan_day_complete(enrollment=enrollment, number=number, today=today, data={})
    except IntegrityError:
        return None  # done from this email before


def ritual_schedule_sync(*, ritual) -> None:
    """Keep a ritual's reminder in step after it was created, edited, paused or resumed."""
    schedule_upsert(owner=ritual.owner, kind=Kind.RITUAL, source_key=f"ritual:{ritual.pk}")


def enrollment_schedule_sync(*, enrollment) -> None:
    """Keep a plan's daily reminder in step: started, a day done, stopped or completed."""
    schedule_upsert(
        owner=enrollment.owner, kind=Kind.PLAN_DAY, source_key=f"enrollment:{enrollment.pk}"
    )


def source_schedules_delete(*, owner, kind: str, source_key: str) -> None:
    """A deleted ritual takes its reminders (and their history) with it."""
    ReminderSchedule.objects.filter(owner=owner, kind=kind, source_key=source_key).delete()
