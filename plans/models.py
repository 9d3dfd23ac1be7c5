import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from connection.lib import occurrences
from landscape.choices import Channel, Feeling
from plans.consistency import (
    DONE,
    MISSED,
    SKIPPED,
    KeptSoFar,
    consistency_scores,
    current_streak,
    kept_so_far,
    latest_percent,
)
from plans.content.plan_days import PLAN_DAYS

PLAN_LENGTH = len(PLAN_DAYS)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_WEEK_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


class Enrollment(models.Model):
    """One run through the 7-day plan. The days' content lives in plans.content.plan_days."""

    # Its reminder schedule's source key is "enrollment:<pk>" (reminders.kinds.source_key).
    reminder_source = "enrollment"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_enrollments"
    )
    starts_on = models.DateField()
    reminder_time = models.TimeField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=Q(status="active"),
                name="one_active_plan_per_owner",
            )
        ]

    def __str__(self):
        return f"7-day plan from {self.starts_on}"

    @property
    def is_active(self) -> bool:
        return self.status == PlanStatus.ACTIVE

    def day_date(self, number: int) -> datetime.date:
        return self.starts_on + datetime.timedelta(days=number - 1)

    def day_number_on(self, day: datetime.date) -> int | None:
        number = (day - self.starts_on).days + 1
        return number if 1 <= number <= PLAN_LENGTH else None

    def is_day_open(self, number: int, today: datetime.date) -> bool:
        """A day opens on its date in the owner's zone and stays open to be caught up."""
        return self.day_date(number) <= today

    def done_numbers(self) -> set[int]:
        return {entry.number for entry in self.entries.all() if entry.completed_at}

    def progress_percent(self) -> int:
        return round(100 * len(self.done_numbers()) / PLAN_LENGTH)

    def next_reminder_at(self, after_utc: datetime.datetime) -> datetime.datetime | None:
        """The next plan day's reminder as an aware UTC datetime; None once the plan is over.

        Days already done get no reminder. The reminder time follows the owner's zone with
        the clock-change rules of connection.lib.occurrences.
        """
        if not self.is_active:
            return None
        done = self.done_numbers()
        zone = self.owner.zone
        for number in range(1, PLAN_LENGTH + 1):
            if number in done:
                continue
            instant = occurrences.local_to_utc(self.day_date(number), self.reminder_time, zone)
            if instant > after_utc:
                return instant
        return None


class DayEntry(models.Model):
    """What the owner did on one day of a plan."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="entries")
    number = models.PositiveSmallIntegerField()
    completed_at = models.DateTimeField(null=True, blank=True)
    # The owner's local date when they marked it done; later than the day's date = caught up.
    completed_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    people = models.ManyToManyField("connection.Person", blank=True, related_name="plan_entries")
    messaged = models.ForeignKey(
        "connection.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interaction = models.ForeignKey(
        "connection.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_entries",
    )
    felt_best = models.TextField("what felt best", blank=True)
    to_repeat = models.TextField("what to repeat or deepen", blank=True)
    ritual = models.ForeignKey(
        "plans.Ritual", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "number"], name="one_entry_per_day")
        ]

    def __str__(self):
        return f"Day {self.number}"

    @property
    def content(self):
        return PLAN_DAYS[self.number - 1]

    @property
    def was_caught_up(self) -> bool:
        return bool(self.completed_on and self.completed_on > self.enrollment.day_date(self.number))


class Cadence(models.TextChoices):
    DAILY = occurrences.DAILY, "Every day"
    WEEKLY = occurrences.WEEKLY, "Weekly, on the days you choose"
    TIMES_PER_WEEK = occurrences.TIMES_PER_WEEK, "A number of times a week"
    MONTHLY = occurrences.MONTHLY, "Monthly, on one weekday"


class Ritual(models.Model):
    """A small repeating connection habit, at a local time in the owner's zone."""

    # Its reminder schedule's source key is "ritual:<pk>" (reminders.kinds.source_key).
    reminder_source = "ritual"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rituals"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    cadence = models.CharField(max_length=16, choices=Cadence.choices, default=Cadence.WEEKLY)
    weekdays = models.JSONField(default=list, blank=True)
    times_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    month_week = models.SmallIntegerField(null=True, blank=True)
    local_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=30)
    people = models.ManyToManyField("connection.Person", blank=True, related_name="rituals")
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.IN_PERSON)
    is_active = models.BooleanField(default=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    # When the days or the time last changed: earlier times without a check-in no longer
    # follow the schedule, so they are not counted as missed.
    schedule_changed_at = models.DateTimeField(null=True, blank=True)
    reminder_lead_minutes = models.PositiveSmallIntegerField(default=60)
    catalog_slug = models.SlugField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The iCalendar SEQUENCE: calendar apps replace an event they hold only when it grows.
    calendar_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-is_active", "local_time", "pk"]

    def __str__(self):
        return self.title

    @property
    def rule(self) -> occurrences.Rule:
        return occurrences.Rule(
            cadence=self.cadence,
            weekdays=tuple(self.weekdays),
            times_per_week=self.times_per_week,
            month_week=self.month_week,
        )

    def next_occurrence(self, after: datetime.datetime) -> datetime.datetime | None:
        """The next time it happens after `after`, aware UTC; None while paused."""
        if not self.is_active:
            return None
        return occurrences.next_occurrence(self.rule, self.local_time, self.owner.zone, after)

    def occurrences_between(
        self, start: datetime.datetime, end: datetime.datetime
    ) -> list[datetime.datetime]:
        """Every time it is scheduled in [start, end), aware UTC, paused or not."""
        return occurrences.occurrences_between(
            self.rule, self.local_time, self.owner.zone, start, end
        )

    def schedule_text(self) -> str:
        at = self.local_time.strftime("%H:%M")
        if self.cadence == Cadence.DAILY:
            return f"Every day at {at}"
        if self.cadence == Cadence.WEEKLY:
            names = [WEEKDAY_NAMES[d] for d in sorted(self.weekdays)]
            days = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
            return f"Every {days} at {at}"
        if self.cadence == Cadence.TIMES_PER_WEEK:
            times = self.times_per_week
            return f"{times} time{'s' if times != 1 else ''} a week, at {at}"
        return (
            f"The {MONTH_WEEK_NAMES[self.month_week]} {WEEKDAY_NAMES[self.weekdays[0]]} "
            f"of each month at {at}"
        )

    def week_bounds(self, now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
        """Monday 00:00 to next Monday 00:00 of `now`'s week in the owner's zone, as UTC."""
        zone = self.owner.zone
        local_day = now.astimezone(zone).date()
        monday = local_day - datetime.timedelta(days=local_day.weekday())
        start = occurrences.local_to_utc(monday, datetime.time(0), zone)
        end = occurrences.local_to_utc(monday + datetime.timedelta(days=7), datetime.time(0), zone)
        return start, end

    def outcomes(self, now: datetime.datetime, check_ins=None) -> list[tuple]:
        """Each occurrence so far, oldest first, with done, skipped or missed.

        Every check-in counts at its own time, even one made under an earlier schedule. A
        scheduled time with no check-in counts as missed once its local day is over (one
        later today is not counted yet); a times-a-week ritual is judged by the week, so only
        slots still open when the week is over are missed; a check-in that filled a later
        slot of this week already counts.
        """
        if check_ins is None:
            check_ins = list(self.check_ins.all())
        recorded = {c.occurrence_at: c.status for c in check_ins}
        zone = self.owner.zone
        today = now.astimezone(zone).date()
        result = list(recorded.items())
        since = max(self.created_at, self.schedule_changed_at or self.created_at)
        for instant in self.occurrences_between(since, now):
            if instant in recorded:
                continue
            if self.cadence == Cadence.TIMES_PER_WEEK:
                _, week_end = self.week_bounds(instant)
                over = week_end <= now
            else:
                over = instant.astimezone(zone).date() < today
            if over:
                result.append((instant, MISSED))
        return sorted(result)

    def scores(self, now: datetime.datetime, check_ins=None) -> list[tuple]:
        outcomes = self.outcomes(now, check_ins)
        values = consistency_scores([o for _, o in outcomes], self.rule.per_day_frequency())
        return [(instant, score) for (instant, _), score in zip(outcomes, values, strict=True)]

    def consistency(self, now: datetime.datetime, check_ins=None) -> int:
        """The consistency score as a whole percentage."""
        return latest_percent(self.scores(now, check_ins))

    def kept_so_far(self, now: datetime.datetime, check_ins=None) -> KeptSoFar:
        return kept_so_far(o for _, o in self.outcomes(now, check_ins))

    def streak(self, now: datetime.datetime, check_ins=None) -> int:
        return current_streak([o for _, o in self.outcomes(now, check_ins)])

    def open_occurrences(self, now: datetime.datetime, days_back: int = 14):
        """Occurrences a check-in may be recorded for: the last two weeks up to the end of
        today (a times-a-week ritual: up to the end of this week), without a check-in yet."""
        zone = self.owner.zone
        today = now.astimezone(zone).date()
        start = max(self.created_at, now - datetime.timedelta(days=days_back))
        if self.cadence == Cadence.TIMES_PER_WEEK:
            _, end = self.week_bounds(now)
        else:
            tomorrow = today + datetime.timedelta(days=1)
            end = occurrences.local_to_utc(tomorrow, datetime.time(0), zone)
        taken = {check_in.occurrence_at for check_in in self.check_ins.all()}
        return [i for i in self.occurrences_between(start, end) if i not in taken]

    def check_in_target(self, now: datetime.datetime) -> datetime.datetime | None:
        """What a one-tap check-in today records: today's occurrence, or for a times-a-week
        ritual this week's next open slot."""
        zone = self.owner.zone
        today = now.astimezone(zone).date()
        for instant in self.open_occurrences(now, days_back=7):
            if self.cadence == Cadence.TIMES_PER_WEEK:
                if instant >= self.week_bounds(now)[0]:
                    return instant
            elif instant.astimezone(zone).date() == today:
                return instant
        return None


class CheckInStatus(models.TextChoices):
    DONE = DONE, "Done"
    SKIPPED = SKIPPED, "Skipped"
    MISSED = MISSED, "Missed"


class CheckIn(models.Model):
    """How one occurrence of a ritual went."""

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="check_ins")
    occurrence_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=CheckInStatus.choices)
    feeling = models.CharField("how it felt", max_length=10, choices=Feeling.choices, blank=True)
    note = models.TextField(blank=True)
    interaction = models.ForeignKey(
        "connection.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ritual_check_ins",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurrence_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ritual", "occurrence_at"], name="one_check_in_per_occurrence"
            )
        ]

    def __str__(self):
        return f"{self.ritual} at {self.occurrence_at:%Y-%m-%d %H:%M}: {self.status}"


def _new_feed_secret() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret behind a person's private calendar feed URL; regenerating replaces it."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    secret = models.CharField(max_length=64, default=_new_feed_secret)
    secret_made_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed of {self.owner}"

    @property
    def token(self) -> str:
        return f"{self.pk}.{self.secret}"


# Shared rituals live in their own module; imported here so that Django registers them.
from plans.invitation_models import (  # noqa: E402, F401
    AnswerStatus,
    InvitationAnswer,
    InvitationNews,
    InvitationStatus,
    InviteSendLog,
    InviteSuppression,
    NewsWhat,
    RitualInvitation,
)
