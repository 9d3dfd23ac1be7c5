import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string

from landscape.choices import (
    ASSESSMENT_STEPS,
    FREQUENCY_DAYS,
    AssessmentStep,
    Channel,
    Closeness,
    DateKind,
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

    def reachable(self):
        """People Kindred may point the owner to: never draining, paused, estranged or
        grieving, nor archived."""
        return self.current().filter(status=PersonStatus.ACTIVE).exclude(energy=Energy.DRAINING)

    def nudgeable(self):
        """People a keep-in-touch nudge may name: reachable, with a wished frequency."""
        return self.reachable().exclude(contact_wished=Frequency.NO_GOAL)


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
    def is_reachable(self) -> bool:
        return (
            self.archived_at is None
            and self.status == PersonStatus.ACTIVE
            and self.energy != Energy.DRAINING
        )

    @property
    def is_nudgeable(self) -> bool:
        return self.is_reachable and self.contact_wished != Frequency.NO_GOAL


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


# Enough for a birthday and the anniversaries that matter; more would be a list of events.
MOST_DATES_PER_PERSON = 20
# A reminder comes at most this many days ahead (two months).
MOST_DAYS_BEFORE = 60


class ImportantDate(models.Model):
    """A day in a person's year the owner wants to remember: their birthday or another
    date with a name (an anniversary, a name day). Day and month; the year is optional.

    29 February falls on 28 February in years without it (reminders, calendar, Today).
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="important_dates"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="important_dates")
    kind = models.CharField(max_length=10, choices=DateKind.choices, default=DateKind.BIRTHDAY)
    label = models.CharField(
        "name of the date",
        max_length=80,
        blank=True,
        help_text="For example: wedding anniversary, name day, the day we met.",
    )
    month = models.PositiveSmallIntegerField(
        choices=[(number, calendar.month_name[number]) for number in range(1, 13)]
    )
    day = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(31)])
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="Optional: the year it began, if you know it.",
    )
    remind_days_before = models.PositiveSmallIntegerField(
        "remind me",
        default=3,
        validators=[MaxValueValidator(MOST_DAYS_BEFORE)],
        help_text="How many days before the date; 0 means on the day.",
    )
    # Raised by every edit, so calendar apps replace the event they already hold.
    calendar_sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    reminder_source = "date"

    class Meta:
        ordering = ["month", "day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(kind="birthday"),
                name="important_date_one_birthday",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31),
                name="important_date_day_in_month",
            ),
        ]
        indexes = [models.Index(fields=["owner", "month", "day"], name="important_date_owner")]

    def __str__(self):
        return f"{self.title} ({self.day} {calendar.month_name[self.month]})"

    @property
    def title(self) -> str:
        """How the date is named in lists, emails and calendars: "Maya's birthday"."""
        if self.kind == DateKind.BIRTHDAY:
            return f"{self.person.name}'s birthday"
        return f"{self.person.name}: {self.label}"

    @property
    def what(self) -> str:
        """The date's name without the person: "Birthday", "Wedding anniversary"."""
        return "Birthday" if self.kind == DateKind.BIRTHDAY else self.label

    @property
    def is_leap_day(self) -> bool:
        return (self.month, self.day) == (2, 29)

    def clean(self):
        errors = {}
        if self.kind == DateKind.OTHER and not self.label.strip():
            errors["label"] = "Give the date a name, such as wedding anniversary."
        if self.month and self.day:
            # 2000 was a leap year: any day a month can ever have is accepted here.
            if self.day > calendar.monthrange(2000, self.month)[1]:
                errors["day"] = (
                    f"{calendar.month_name[self.month]} has no day {self.day}: "
                    f"it has {calendar.monthrange(2000, self.month)[1]} days."
                )
            elif self.year and self.is_leap_day and not calendar.isleap(self.year):
                errors["year"] = f"{self.year} had no 29 February; leave the year empty or fix it."
        if errors:
            raise ValidationError(errors)

    def occurs_in(self, year: int) -> datetime.date:
        """The day it falls on in `year`: 29 February is 28 February in common years."""
        last = calendar.monthrange(year, self.month)[1]
        return datetime.date(year, self.month, min(self.day, last))

    def next_on_or_after(self, day: datetime.date) -> datetime.date:
        this_year = self.occurs_in(day.year)
        return this_year if this_year >= day else self.occurs_in(day.year + 1)

    def years_on(self, occurrence: datetime.date) -> int | None:
        """How many years it has been on that occurrence (an age, an anniversary)."""
        if self.year is None or occurrence.year <= self.year:
            return None
        return occurrence.year - self.year
