import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string

from connection.choices import (
    FREQUENCY_DAYS,
    Channel,
    Closeness,
    Energy,
    Feeling,
    Frequency,
    PersonKind,
    PersonStatus,
    Reciprocity,
)


@deconstructible
class ChoiceListValidator:
    """A JSON list whose items must all be values of one set of choices."""

    def __init__(self, choices_path: str):
        self.choices_path = choices_path

    def __call__(self, value):
        allowed = set(import_string(self.choices_path).values)
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError("Pick only from the options offered.", code="invalid_choice")

    def __eq__(self, other):
        return isinstance(other, ChoiceListValidator) and other.choices_path == self.choices_path


validate_needs = ChoiceListValidator("connection.choices.Need")
validate_channels = ChoiceListValidator("connection.choices.Channel")


class PersonQuerySet(models.QuerySet):
    def current(self):
        return self.filter(archived_at__isnull=True)

    def nudgeable(self):
        """People a reminder may point to: never draining, paused, estranged or grieving."""
        return (
            self.current()
            .filter(status=PersonStatus.ACTIVE)
            .exclude(energy=Energy.DRAINING)
            .exclude(contact_wished=Frequency.NO_GOAL)
        )


class Person(models.Model):
    """Someone (or a pet, or a group) in the owner's life, as the owner sees them."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(max_length=2000)
    kind = models.CharField(max_length=20, choices=PersonKind.choices, default=PersonKind.FRIEND)
    closeness = models.CharField(max_length=10, choices=Closeness.choices, default=Closeness.CLOSE)
    energy = models.CharField(max_length=12, choices=Energy.choices, default=Energy.NEUTRAL)
    needs_met = models.JSONField(default=list, blank=True, validators=[validate_needs])
    reciprocity = models.CharField(max_length=12, choices=Reciprocity.choices, blank=True)
    contact_now = models.CharField(
        "how often you are in touch now",
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.MONTHLY,
    )
    contact_wished = models.CharField(
        "how often you would like to be",
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.MONTHLY,
    )
    channels = models.JSONField(
        "preferred channels", default=list, blank=True, validators=[validate_channels]
    )
    status = models.CharField(
        max_length=10, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )
    notes = models.TextField(blank=True)
    # Kept in step with the interactions by connection.services.interaction_log.
    last_contact_on = models.DateField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["owner", "archived_at"], name="person_owner_current")]

    def __str__(self):
        return self.name

    @property
    def wished_interval_days(self) -> int | None:
        return FREQUENCY_DAYS[self.contact_wished]

    def next_contact_due(self) -> datetime.date | None:
        """The date by which the owner wished to have been in touch again."""
        interval = self.wished_interval_days
        if interval is None:
            return None
        since = self.last_contact_on or self.created_at.date()
        return since + datetime.timedelta(days=interval)

    def is_overdue(self, today: datetime.date) -> bool:
        due = self.next_contact_due()
        return due is not None and due < today

    def days_overdue(self, today: datetime.date) -> int:
        due = self.next_contact_due()
        return max(0, (today - due).days) if due else 0

    @property
    def is_nudgeable(self) -> bool:
        return (
            self.archived_at is None
            and self.status == PersonStatus.ACTIVE
            and self.energy != Energy.DRAINING
            and self.contact_wished != Frequency.NO_GOAL
        )


class Interaction(models.Model):
    """One logged connection: a call, a walk, a message, or a micro-connection with a stranger."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interactions"
    )
    occurred_on = models.DateField()
    people = models.ManyToManyField(Person, related_name="interactions", blank=True)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.IN_PERSON)
    feeling = models.CharField(max_length=10, choices=Feeling.choices, default=Feeling.NEUTRAL)
    note = models.TextField(blank=True)
    is_micro = models.BooleanField(
        "micro-connection",
        default=False,
        help_text="A brief warm moment with a stranger or acquaintance; no person needed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["owner", "-occurred_on"], name="interaction_owner_date")]

    def __str__(self):
        return f"{self.get_channel_display()} on {self.occurred_on}"
