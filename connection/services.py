"""Work on the social landscape that spans several rows."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from connection.choices import AssessmentStep, Channel, Feeling, PersonKind
from connection.landscape_cache import landscape_changed
from connection.models import Assessment, Interaction, Person
from connection.scoring import lsns6_score, ucla3_score
from connection.selectors import has_weekly_ritual, recent_activity


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


@transaction.atomic
def people_create(*, owner, people: list[Person]) -> list[Person]:
    """Save new people for the owner: all of them, or none when the account has no room.

    Every way of adding people goes through here; raises PeopleLimitReached.
    """
    if not people:
        return []
    _ensure_room(owner=owner, adding=len(people))
    for person in people:
        person.owner = owner
        person.save()
    landscape_changed(owner.pk)
    return people


def people_add(*, owner, names, kind: str = PersonKind.FRIEND) -> list[Person]:
    """Add people by name alone (from the plan or a quick form); details can come later."""
    return people_create(
        owner=owner, people=[Person(name=name, kind=kind) for name in names if name]
    )


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
    landscape_changed(owner.pk)
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
        landscape_changed(owner.pk)
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
        "has_weekly_ritual": has_weekly_ritual(owner),
    }
    assessment.completed_at = timezone.now()
    assessment.save()
    landscape_changed(owner.pk)
    return assessment
