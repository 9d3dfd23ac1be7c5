"""Work on plans and rituals that spans several rows."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from connection.choices import Channel, Feeling, PersonKind
from connection.landscape_cache import landscape_changed
from connection.services import interaction_log, people_add
from plans.content.plan_days import PLAN_DAYS
from plans.content.ritual_catalog import CATALOG
from plans.models import (
    PLAN_LENGTH,
    Cadence,
    CalendarFeed,
    CheckIn,
    CheckInStatus,
    DayEntry,
    Enrollment,
    PlanStatus,
    Ritual,
)
from plans.reminders.models import Kind
from plans.reminders.services import (
    enrollment_schedule_sync,
    ritual_schedule_sync,
    source_schedules_delete,
)

CATALOG_BY_SLUG = {item.slug: item for item in CATALOG}


class AlreadyCheckedIn(Exception):
    """That occurrence already has a check-in; recording it twice changes nothing."""


@transaction.atomic
def enrollment_start(*, owner, starts_on: datetime.date, reminder_time: datetime.time):
    """Start the plan; a plan still running is stopped and kept in the history."""
    enrollment_stop(owner=owner)
    enrollment = Enrollment.objects.create(
        owner=owner, starts_on=starts_on, reminder_time=reminder_time
    )
    enrollment_schedule_sync(enrollment=enrollment)
    landscape_changed(owner.pk)
    return enrollment


def enrollment_stop(*, owner) -> None:
    running = list(Enrollment.objects.filter(owner=owner, status=PlanStatus.ACTIVE))
    Enrollment.objects.filter(pk__in=[e.pk for e in running]).update(
        status=PlanStatus.STOPPED, ended_at=timezone.now()
    )
    for enrollment in running:
        enrollment.status = PlanStatus.STOPPED
        enrollment_schedule_sync(enrollment=enrollment)
    landscape_changed(owner.pk)


@transaction.atomic
def plan_day_complete(*, enrollment, number: int, today: datetime.date, data: dict) -> DayEntry:
    """Mark a plan day done with what the day asks to record (see PlanDay.record).

    `data` is a day form's cleaned_data. Connections go through interaction_log, so the
    people's "last in touch" moves forward as with any other logged connection.
    """
    owner = enrollment.owner
    day = PLAN_DAYS[number - 1]
    entry, _ = DayEntry.objects.select_for_update().get_or_create(
        enrollment=enrollment, number=number
    )
    entry.note = data.get("note", "")
    people = list(data.get("people", ()))
    if day.record == "pick_people":
        people += people_add(owner=owner, names=data.get("new_names", ()))
        entry.messaged = data.get("messaged")
        if entry.messaged and entry.messaged not in people:
            people.append(entry.messaged)
        if entry.messaged:
            entry.interaction = interaction_log(
                owner=owner,
                occurred_on=today,
                people=[entry.messaged],
                channel=Channel.MESSAGE,
                note=entry.note,
            )
    elif day.record == "join_group":
        group = (
            data.get("group")
            or people_add(owner=owner, names=[data.get("new_group", "")], kind=PersonKind.GROUP)[0]
        )
        people = [group]
        entry.interaction = interaction_log(
            owner=owner,
            occurred_on=today,
            people=people,
            channel=Channel.ACTIVITY,
            feeling=data.get("feeling") or Feeling.NEUTRAL,
            note=entry.note,
        )
    elif day.record in ("log_connection", "micro_connection"):
        people += people_add(owner=owner, names=[data.get("new_name", "")])
        entry.interaction = interaction_log(
            owner=owner,
            occurred_on=today,
            people=people,
            channel=data.get("channel") or Channel.IN_PERSON,
            feeling=data.get("feeling") or Feeling.NEUTRAL,
            note=entry.note,
            is_micro=day.record == "micro_connection",
        )
    elif day.record == "reflection":
        entry.felt_best = data["felt_best"]
        entry.to_repeat = data.get("to_repeat", "")
        if data.get("make_ritual"):
            entry.ritual = Ritual.objects.create(
                owner=owner,
                title=(entry.to_repeat or entry.felt_best)[:200],
                cadence=Cadence.WEEKLY,
                weekdays=[today.weekday()],
                local_time=enrollment.reminder_time,
            )
    if entry.completed_at is None:
        entry.completed_at = timezone.now()
        entry.completed_on = today
    entry.save()
    entry.people.set(people)
    if enrollment.entries.filter(completed_at__isnull=False).count() == PLAN_LENGTH:
        enrollment.status = PlanStatus.COMPLETED
        enrollment.ended_at = timezone.now()
        enrollment.save(update_fields=["status", "ended_at"])
    enrollment_schedule_sync(enrollment=enrollment)
    if entry.ritual:
        ritual_schedule_sync(ritual=entry.ritual)
    landscape_changed(owner.pk)
    return entry


def ritual_from_catalog(*, owner, slug: str, people=()) -> Ritual:
    item = CATALOG_BY_SLUG[slug]
    ritual = Ritual.objects.create(
        owner=owner,
        title=item.title,
        description=item.description,
        cadence=item.cadence,
        weekdays=list(item.weekdays),
        times_per_week=item.times_per_week,
        month_week=item.month_week,
        local_time=datetime.time.fromisoformat(item.local_time),
        duration_minutes=item.duration_minutes,
        channel=item.channel,
        catalog_slug=item.slug,
    )
    ritual.people.set(people)
    ritual_schedule_sync(ritual=ritual)
    landscape_changed(owner.pk)
    return ritual


@transaction.atomic
def ritual_check_in(
    *,
    ritual: Ritual,
    occurrence_at: datetime.datetime,
    status: str,
    feeling: str = "",
    note: str = "",
) -> CheckIn:
    """Record how an occurrence went; a done one is also logged as a connection."""
    if CheckIn.objects.filter(ritual=ritual, occurrence_at=occurrence_at).exists():
        raise AlreadyCheckedIn
    interaction = None
    if status == CheckInStatus.DONE:
        interaction = interaction_log(
            owner=ritual.owner,
            occurred_on=occurrence_at.astimezone(ritual.owner.zone).date(),
            people=ritual.people.all(),
            channel=ritual.channel,
            feeling=feeling or Feeling.NEUTRAL,
            note=note or ritual.title,
        )
    try:
        with transaction.atomic():
            check_in = CheckIn.objects.create(
                ritual=ritual,
                occurrence_at=occurrence_at,
                status=status,
                feeling=feeling,
                note=note,
                interaction=interaction,
            )
    except IntegrityError as race:
        # A second tap raced the first one past the check above.
        raise AlreadyCheckedIn from race
    landscape_changed(ritual.owner_id)
    return check_in


@transaction.atomic
def ritual_pause(*, ritual: Ritual) -> None:
    if ritual.is_active:
        ritual.is_active = False
        ritual.paused_at = timezone.now()
        ritual.calendar_sequence += 1
        ritual.save(update_fields=["is_active", "paused_at", "calendar_sequence", "updated_at"])
        ritual_schedule_sync(ritual=ritual)
        landscape_changed(ritual.owner_id)


@transaction.atomic
def ritual_resume(*, ritual: Ritual) -> None:
    """Resume; the occurrences that fell in the pause are recorded as skipped, so the pause
    neither lowers the consistency score nor breaks the streak."""
    if ritual.is_active:
        return
    now = timezone.now()
    if ritual.paused_at:
        taken = set(ritual.check_ins.values_list("occurrence_at", flat=True))
        CheckIn.objects.bulk_create(
            CheckIn(ritual=ritual, occurrence_at=instant, status=CheckInStatus.SKIPPED)
            for instant in ritual.occurrences_between(ritual.paused_at, now)
            if instant not in taken
        )
    ritual.is_active = True
    ritual.paused_at = None
    ritual.calendar_sequence += 1
    ritual.save(update_fields=["is_active", "paused_at", "calendar_sequence", "updated_at"])
    ritual_schedule_sync(ritual=ritual)
    landscape_changed(ritual.owner_id)


def ritual_delete(*, ritual: Ritual) -> None:
    """Delete a ritual and its check-ins; the connections they logged stay in the landscape."""
    owner = ritual.owner
    source_schedules_delete(owner=owner, kind=Kind.RITUAL, source_key=f"ritual:{ritual.pk}")
    ritual.delete()
    landscape_changed(owner.pk)


def calendar_feed_get(*, owner) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(owner=owner)
    return feed


SCHEDULE_FIELDS = frozenset({"cadence", "weekdays", "times_per_week", "month_week", "local_time"})


def ritual_save(*, form) -> Ritual:
    """Save a valid RitualForm; a new schedule starts counting missed times afresh, and any
    change reaches the calendar apps that hold the ritual."""
    if form.instance.pk and SCHEDULE_FIELDS & set(form.changed_data):
        form.instance.schedule_changed_at = timezone.now()
    if form.instance.pk and form.has_changed():
        form.instance.calendar_sequence += 1
    ritual = form.save()
    ritual_schedule_sync(ritual=ritual)
    landscape_changed(ritual.owner_id)
    return ritual
