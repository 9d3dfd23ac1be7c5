"""Work on plans and rituals that spans several rows."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from connection.lib.page_cache import data_changed
from landscape.choices import Channel, Feeling, PersonKind
from landscape.services import interaction_log, people_add
from plans.consistency import DONE
from plans.content.plan_days import PLAN_DAYS, DayRecord
from plans.content.ritual_catalog import CATALOG
from plans.invitation_services import invitation_schedule_sync, invitations_end
from plans.models import (
    PLAN_LENGTH,
    Cadence,
    CalendarFeed,
    CheckIn,
    CheckInStatus,
    DayEntry,
    Enrollment,
    InvitationStatus,
    PlanStatus,
    Ritual,
)
from reminders.kinds import kind_for, source_key
from reminders.models import Kind
from reminders.services import (
    ActionRefused,
    delivery_action_record,
    schedule_upsert,
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
    data_changed(owner.pk)
    return enrollment


def enrollment_stop(*, owner) -> None:
    running = list(Enrollment.objects.filter(owner=owner, status=PlanStatus.ACTIVE))
    Enrollment.objects.filter(pk__in=[e.pk for e in running]).update(
        status=PlanStatus.STOPPED, ended_at=timezone.now()
    )
    for enrollment in running:
        enrollment.status = PlanStatus.STOPPED
        enrollment_schedule_sync(enrollment=enrollment)
    data_changed(owner.pk)


def _record_picked_people(*, owner, entry, people, data, today, enrollment):
    people = people + people_add(owner=owner, names=data.get("new_names", ()))
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
    return people


def _record_group(*, owner, entry, people, data, today, enrollment):
    group = (
        data.get("group")
        or people_add(owner=owner, names=[data.get("new_group", "")], kind=PersonKind.GROUP)[0]
    )
    entry.interaction = interaction_log(
        owner=owner,
        occurred_on=today,
        people=[group],
        channel=Channel.ACTIVITY,
        feeling=data.get("feeling") or Feeling.NEUTRAL,
        note=entry.note,
    )
    return [group]


def _record_connection(*, owner, entry, people, data, today, enrollment):
    people = people + people_add(owner=owner, names=[data.get("new_name", "")])
    entry.interaction = interaction_log(
        owner=owner,
        occurred_on=today,
        people=people,
        channel=data.get("channel") or Channel.IN_PERSON,
        feeling=data.get("feeling") or Feeling.NEUTRAL,
        note=entry.note,
        is_micro=PLAN_DAYS[entry.number - 1].record == DayRecord.MICRO_CONNECTION,
    )
    return people


def _record_reflection(*, owner, entry, people, data, today, enrollment):
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
    return people


# What each kind of plan day records; each returns the people the day's entry names.
DAY_RECORDERS = {
    DayRecord.PICK_PEOPLE: _record_picked_people,
    DayRecord.JOIN_GROUP: _record_group,
    DayRecord.LOG_CONNECTION: _record_connection,
    DayRecord.MICRO_CONNECTION: _record_connection,
    DayRecord.REFLECTION: _record_reflection,
}


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
    people = DAY_RECORDERS[day.record](
        owner=owner,
        entry=entry,
        people=list(data.get("people", ())),
        data=data,
        today=today,
        enrollment=enrollment,
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
    data_changed(owner.pk)
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
    data_changed(owner.pk)
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
    data_changed(ritual.owner_id)
    return check_in


@transaction.atomic
def ritual_pause(*, ritual: Ritual) -> None:
    if ritual.is_active:
        ritual.is_active = False
        ritual.paused_at = timezone.now()
        ritual.calendar_sequence += 1
        ritual.save(update_fields=["is_active", "paused_at", "calendar_sequence", "updated_at"])
        ritual_schedule_sync(ritual=ritual)
        data_changed(ritual.owner_id)


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
    data_changed(ritual.owner_id)


@transaction.atomic
def ritual_delete(*, ritual: Ritual) -> None:
    """Delete a ritual and its check-ins; the connections they logged stay in the landscape.
    Everyone who accepted an invitation into it is told it ended."""
    owner = ritual.owner
    invitations_end(rituals=[ritual])
    source_schedules_delete(
        owner=owner, kind=Kind.RITUAL, source_key=source_key(Ritual.reminder_source, ritual.pk)
    )
    ritual.delete()
    data_changed(owner.pk)


def calendar_feed_get(*, owner) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(owner=owner)
    return feed


def calendar_feed_regenerate(*, owner) -> CalendarFeed:
    """Give the owner's feed a new secret (the field's default makes one): the old link
    stops working at once."""
    feed = calendar_feed_get(owner=owner)
    feed.secret = CalendarFeed._meta.get_field("secret").get_default()
    feed.save(update_fields=["secret", "secret_made_at"])
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
    data_changed(ritual.owner_id)
    return ritual


def ritual_schedule_sync(*, ritual) -> None:
    """Keep a ritual's reminders in step after it was created, edited, paused or resumed:
    the owner's, and those of everyone invited who takes part."""
    schedule_upsert(
        owner=ritual.owner,
        kind=Kind.RITUAL,
        source_key=source_key(Ritual.reminder_source, ritual.pk),
    )
    for invitation in ritual.invitations.filter(status=InvitationStatus.ACCEPTED):
        invitation_schedule_sync(invitation=invitation)


def enrollment_schedule_sync(*, enrollment) -> None:
    """Keep a plan's daily reminder in step: started, a day done, stopped or completed."""
    schedule_upsert(
        owner=enrollment.owner,
        kind=Kind.PLAN_DAY,
        source_key=source_key(Enrollment.reminder_source, enrollment.pk),
    )


def delivery_ritual_done(*, delivery, occurrence_at: datetime.datetime):
    """Check in the ritual occurrence a reminder was about, as done (which also logs the
    connection). Returns the check-in, or None when that occurrence already had one."""
    if delivery.schedule.kind != Kind.RITUAL:
        raise ActionRefused
    ritual = kind_for(Kind.RITUAL).source(delivery.schedule)
    if ritual is None:
        raise ActionRefused
    try:
        with transaction.atomic():
            delivery_action_record(
                delivery=delivery, action="done", target=f"at:{int(occurrence_at.timestamp())}"
            )
            return ritual_check_in(ritual=ritual, occurrence_at=occurrence_at, status=DONE)
    except (IntegrityError, AlreadyCheckedIn):
        return None  # done from this email before, or checked in on the site


def delivery_plan_day_done(*, delivery, number: int):
    """Mark the plan day a reminder was about as done, for the days that ask nothing
    (PlanDay.done_from_email). Returns the day's entry, or None when it was done already."""
    schedule = delivery.schedule
    if schedule.kind != Kind.PLAN_DAY or not PLAN_DAYS[number - 1].done_from_email:
        raise ActionRefused
    enrollment = kind_for(Kind.PLAN_DAY).source(schedule)
    if enrollment is None or not enrollment.is_active:
        raise ActionRefused
    today = timezone.now().astimezone(schedule.owner.zone).date()
    if not enrollment.is_day_open(number, today):
        raise ActionRefused
    try:
        with transaction.atomic():
            delivery_action_record(delivery=delivery, action="done", target=f"day:{number}")
            if number in enrollment.done_numbers():
                return None  # marked done on the site already: what was recorded there stays
            return plan_day_complete(enrollment=enrollment, number=number, today=today, data={})
    except IntegrityError:
        return None  # done from this email before
