"""Work on the social landscape that spans several rows."""

import datetime

from django.db import transaction
from django.db.models import F, Q

from connection.choices import Channel, Feeling
from connection.models import Interaction, Person


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
    return interaction
