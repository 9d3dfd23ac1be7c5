import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string

from landscape.choices import (
    ASSESSMENT_STEPS,
    FREQUENCY_DAYS,
    AssessmentStep,
    Channel,
    Closeness,
    Energy,
    Feeling,
    Frequency,
    Need,
    PersonKind,
    PersonStatus,
    Reciprocity,
    more_often_wished,
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


validate_needs = ChoiceListValidator("landscape.choices.Need")
validate_channels = ChoiceListValidator("landscape.choices.Channel")


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
    # Only ever used to invite them into one of the owner's rituals (plans' invitations).
    email = models.EmailField("their email address", blank=True)
    # Kept in step with the interactions by landscape.services.interaction_log.
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
    def needs_met_labels(self) -> list[str]:
        return [Need(need).label for need in self.needs_met if need in Need.values]

    @property
    def channel_labels(self) -> list[str]:
        return [Channel(channel).label for channel in self.channels if channel in Channel.values]

    @property
    def wished_interval_days(self) -> int | None:
        return FREQUENCY_DAYS[self.contact_wished]

    @property
    def wants_more_contact(self) -> bool:
        """Whether the owner wished to be in touch more often than they said they are now."""
        return self.contact_now in more_often_wished(self.contact_wished)

    def next_contact_due(self) -> datetime.date | None:
        """The date by which the owner wished to have been in touch again.

        With nothing logged yet, someone the owner wished to see more often than now is due
        from the day they were added: the owner's own answers already say contact is short.
        """
        interval = self.wished_interval_days
        if interval is None:
            return None
        if self.last_contact_on is None and self.wants_more_contact:
            return self.created_at.date()
        since = self.last_contact_on or self.created_at.date()
        return since + datetime.timedelta(days=interval)

    def is_overdue(self, today: datetime.date) -> bool:
        due = self.next_contact_due()
        if due is None:
            return False
        return due < today or (self.last_contact_on is None and self.wants_more_contact)

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


class AssessmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)

    def drafts(self):
        return self.filter(completed_at__isnull=True)


class Assessment(models.Model):
    """One pass through the social-landscape check-in.

    While a draft, it remembers the step reached and the answers given so far, so the
    wizard can be left and resumed. Completing it freezes a snapshot of the people as they
    were rated then, so later edits to people never rewrite history.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    step = models.CharField(
        max_length=10, choices=AssessmentStep.choices, default=AssessmentStep.PEOPLE
    )
    cravings = models.JSONField(
        "needs you crave more of", default=list, blank=True, validators=[validate_needs]
    )
    missing_note = models.TextField("what is missing, in your words", blank=True)
    ucla_answers = models.JSONField(default=list, blank=True)
    lsns_answers = models.JSONField(default=list, blank=True)
    ucla_score = models.PositiveSmallIntegerField(null=True, blank=True)
    lsns_score = models.PositiveSmallIntegerField(null=True, blank=True)
    reflection = models.TextField("anything you want to remember", blank=True)
    # While a draft: who has been answered in "how do they feel", so it resumes at the
    # first person not answered yet (the answers themselves live on the Person rows).
    rated_people = models.JSONField("people answered in this check-in", default=list, blank=True)
    # The people as rated at completion, and the context the insights were drawn from.
    people_snapshot = models.JSONField(default=list, blank=True)
    context_snapshot = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "completed_at"], name="assessment_owner_done"),
        ]

    def __str__(self):
        return f"Check-in of {self.completed_at or self.started_at:%Y-%m-%d}"

    def step_reached(self, step: str) -> bool:
        return ASSESSMENT_STEPS.index(step) <= ASSESSMENT_STEPS.index(self.step)

    def mark_rated(self, person_id: int) -> None:
        if person_id not in self.rated_people:
            self.rated_people = [*self.rated_people, person_id]
            self.save(update_fields=["rated_people"])
