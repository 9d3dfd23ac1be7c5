"""Work on the social landscape that spans several rows."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from connection.lib.page_cache import data_changed
from landscape.choices import AssessmentStep, Channel, Feeling, PersonKind
from landscape.models import Assessment, ImportantDate, Interaction, Person
from landscape.scoring import lsns6_score, ucla3_score
from landscape.selectors import recent_activity
from reminders.kinds import source_key
from reminders.models import Kind
from reminders.services import (
    ActionRefused,
    delivery_action_record,
    schedule_upsert,
    source_schedules_delete,
)

# Facts other apps know about an owner that a check-in keeps beside the people, e.g.
# plans' "has_weekly_ritual" (registered in PlansConfig.ready(): this app imports no plans).
ASSESSMENT_FACTS: dict = {}


def assessment_fact_register(name: str, read) -> None:
    """`read(owner)` gives the fact, as plain JSON data, when a check-in is completed."""
    ASSESSMENT_FACTS[name] = read


class PeopleLimitReached(Exception):
    """Adding these people would take the account past settings.KINDRED_MAX_PEOPLE."""

    def __init__(self, *, limit: int, room: int):
        self.limit, self.room = limit, room
        if room:
            message = (
                f"Kindred keeps up to {limit:,} people for one account, and your map has room "
                f"for {room:,} more. Add up to {room:,} now, or first delete someone you no "
                "longer need here (archived people count too)."
            )
        else:
            message = (
                f"Your map already holds {limit:,} people, the most Kindred keeps for one "
                "account. To add someone new, first delete someone you no longer need here "
                "(archived people count too)."
            )
        super().__init__(message)


def _ensure_room(*, owner, adding: int) -> None:
    # Locking the owner's row makes two posts at once queue here, so that they cannot both
    # take the last places (PostgreSQL; SQLite serialises writers anyway).
    get_user_model().objects.select_for_update().only("pk").get(pk=owner.pk)
    held = Person.objects.filter(owner=owner).count()
    limit = settings.KINDRED_MAX_PEOPLE
    if held + adding > limit:
        raise PeopleLimitReached(limit=limit, room=max(limit - held, 0))


def people_add(*, owner, names, kind: str = PersonKind.FRIEND) -> list[Person]:
    """Add people by name alone (from the plan or a quick form); details can come later."""
    return people_add_with_kinds(owner=owner, entries=[(name, kind) for name in names])


@transaction.atomic
def people_add_with_kinds(*, owner, entries) -> list[Person]:
    """Add people from (name, kind) pairs (the check-in's quick list); empty names are skipped.

    All of them, or none when the account has no room: raises PeopleLimitReached.
    """
    people = [Person(owner=owner, name=name, kind=kind) for name, kind in entries if name]
    if not people:
        return []
    _ensure_room(owner=owner, adding=len(people))
    for person in people:
        person.save()
    data_changed(owner.pk)
    return people


@transaction.atomic
def person_save(*, form, owner) -> Person:
    """Save a valid PersonForm: a new person for the owner (if the account has room, else
    PeopleLimitReached), or changes to one of theirs."""
    if form.instance.pk is None:
        _ensure_room(owner=owner, adding=1)
    form.instance.owner = owner
    person = form.save()
    data_changed(owner.pk)
    return person


def person_email_set(*, person: Person, email: str) -> None:
    """Keep the address an invitation was sent to on the person (the owner typed it)."""
    if person.email != email:
        person.email = email
        person.save(update_fields=["email", "updated_at"])
        data_changed(person.owner_id)


def person_archive_toggle(*, person: Person) -> bool:
    """Archive a person (kept, but out of the lists) or bring them back; True if archived."""
    person.archived_at = timezone.now() if person.archived_at is None else None
    person.save(update_fields=["archived_at", "updated_at"])
    data_changed(person.owner_id)
    return person.archived_at is not None


@transaction.atomic
def person_delete(*, person: Person) -> None:
    owner_id = person.owner_id
    for date_pk in person.important_dates.values_list("pk", flat=True):
        _date_schedule_delete(owner_id, date_pk)
    person.delete()
    data_changed(owner_id)


def _date_source_key(date_pk: int) -> str:
    return source_key(ImportantDate.reminder_source, date_pk)


def _date_schedule_delete(owner_id: int, date_pk: int) -> None:
    source_schedules_delete(
        owner=owner_id, kind=Kind.IMPORTANT_DATE, source_key=_date_source_key(date_pk)
    )


@transaction.atomic
def important_date_save(*, form, person: Person, owner) -> ImportantDate:
    """Save a valid ImportantDateForm of one of the owner's people (new or changed) and
    move its reminder to the date's next morning."""
    if person.owner_id != owner.pk:
        raise ValueError("a date can only belong to the owner's own people")
    date = form.instance
    date.person, date.owner = person, owner
    if date.pk is not None:
        date.calendar_sequence += 1
    date = form.save()
    schedule_upsert(owner=owner, kind=Kind.IMPORTANT_DATE, source_key=_date_source_key(date.pk))
    data_changed(owner.pk)
    return date


@transaction.atomic
def important_date_delete(*, date: ImportantDate) -> None:
    """A deleted date takes its reminder (and that reminder's history) with it."""
    owner_id = date.owner_id
    _date_schedule_delete(owner_id, date.pk)
    date.delete()
    data_changed(owner_id)


def person_rate(*, form, assessment: Assessment) -> Person:
    """Save one person's answers from the check-in and remember they were answered."""
    person = form.save()
    assessment.mark_rated(person.pk)
    data_changed(assessment.owner_id)
    return person


def assessment_save(*, form) -> Assessment:
    """Save a valid step form of a check-in in progress (what is missing)."""
    return form.save()


@transaction.atomic
def interaction_log(
    *,
    owner,
    occurred_on: datetime.date,
    people=(),
    channel: str = Channel.IN_PERSON,
    feeling: str = Feeling.NEUTRAL,
    note: str = "",
    is_micro: bool = False,
) -> Interaction:
    """Record a connection and move each person's "last in touch" forward (never back)."""
    people = list(people)
    if any(person.owner_id != owner.pk for person in people):
        raise ValueError("an interaction can only name the owner's own people")
    interaction = Interaction.objects.create(
        owner=owner,
        occurred_on=occurred_on,
        channel=channel,
        feeling=feeling,
        note=note,
        is_micro=is_micro,
    )
    if people:
        interaction.people.set(people)
        Person.objects.filter(pk__in=[p.pk for p in people], owner=owner).filter(
            Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=occurred_on)
        ).update(last_contact_on=occurred_on, updated_at=F("updated_at"))
    data_changed(owner.pk)
    return interaction


def _person_snapshot(person: Person) -> dict:
    return {
        "id": person.pk,
        "name": person.name,
        "kind": person.kind,
        "closeness": person.closeness,
        "energy": person.energy,
        "needs_met": list(person.needs_met),
        "reciprocity": person.reciprocity,
        "contact_now": person.contact_now,
        "contact_wished": person.contact_wished,
        "channels": list(person.channels),
        "status": person.status,
    }


def assessment_resume(*, owner) -> Assessment:
    """The owner's check-in in progress, or a new one when none is open."""
    draft = Assessment.objects.filter(owner=owner).drafts().order_by("-pk").first()
    if draft is None:
        draft = Assessment.objects.create(owner=owner)
        data_changed(owner.pk)
    return draft


def assessment_advance(*, assessment: Assessment, reached: str) -> None:
    """Remember the furthest step reached, so leaving and coming back loses nothing."""
    steps = list(AssessmentStep)
    if steps.index(reached) > steps.index(assessment.step):
        assessment.step = reached
        assessment.save(update_fields=["step"])


@transaction.atomic
def assessment_complete(
    *,
    assessment: Assessment,
    ucla_answers: list[int],
    lsns_answers: list[int],
    reflection: str,
    today: datetime.date,
) -> Assessment:
    """Score the answers and freeze the people as they are rated now."""
    owner = assessment.owner
    people = Person.objects.filter(owner=owner).current().order_by("name", "pk")
    assessment.ucla_answers = ucla_answers
    assessment.lsns_answers = lsns_answers
    assessment.ucla_score = ucla3_score(ucla_answers).total
    assessment.lsns_score = lsns6_score(lsns_answers).total if lsns_answers else None
    assessment.reflection = reflection
    assessment.people_snapshot = [_person_snapshot(person) for person in people]
    assessment.context_snapshot = {
        "recent": recent_activity(owner, today=today),
        **{name: read(owner) for name, read in ASSESSMENT_FACTS.items()},
    }
    assessment.completed_at = timezone.now()
    assessment.save()
    data_changed(owner.pk)
    return assessment


def delivery_person(*, delivery, target: str) -> Person | None:
    """The person a nudge's "We connected" link names, if they are the delivery owner's."""
    prefix, _, pk = target.partition(":")
    if prefix != "person" or not pk.isdecimal():
        return None
    return Person.objects.filter(pk=pk, owner_id=delivery.schedule.owner_id).first()


def delivery_connected(*, delivery, person, channel: str) -> Interaction | None:
    """Log the connection a nudge pointed at, once however often the link is used."""
    owner = delivery.schedule.owner
    if delivery.schedule.kind != Kind.NUDGE or person.owner_id != owner.pk:
        raise ActionRefused
    try:
        with transaction.atomic():
            delivery_action_record(
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


def delivery_date(*, delivery, target: str) -> ImportantDate | None:
    """The date a reminder's *Done* link names ("date:<pk>"), if it is the one that
    reminder was about and still belongs to the delivery's owner."""
    if target != delivery.schedule.source_key:
        return None
    prefix, _, pk = target.partition(":")
    if prefix != ImportantDate.reminder_source or not pk.isdigit():
        return None
    return (
        ImportantDate.objects.select_related("person")
        .filter(pk=pk, owner_id=delivery.schedule.owner_id)
        .first()
    )


def delivery_date_done(*, delivery, date: ImportantDate, channel: str) -> Interaction | None:
    """The owner reached out for the date: log that connection, once however often the
    link is used."""
    owner = delivery.schedule.owner
    if (
        delivery.schedule.kind != Kind.IMPORTANT_DATE
        or date.owner_id != owner.pk
        or delivery.schedule.source_key != _date_source_key(date.pk)
    ):
        raise ActionRefused
    try:
        with transaction.atomic():
            delivery_action_record(
                delivery=delivery, action="done", target=_date_source_key(date.pk)
            )
            return interaction_log(
                owner=owner,
                occurred_on=timezone.now().astimezone(owner.zone).date(),
                people=[date.person],
                channel=channel,
            )
    except IntegrityError:
        return None  # already logged from this email
