import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    """The names schedules are stored under. The kinds themselves (what they remind of and
    how) belong to their apps, which register them: see reminders.kinds."""

    PLAN_DAY = "plan_day", "7-day plan"
    RITUAL = "ritual", "Rituals"
    NUDGE = "nudge", "Keep-in-touch nudges"
    REFLECTION = "reflection", "Weekly reflection"
    IMPORTANT_DATE = "important_date", "Birthdays and important dates"
    DIGEST = "digest", "Digest"
    INVITEE_RITUAL = "invitee_ritual", "Rituals you were invited to"
    INVITEE_NEWS = "invitee_news", "News from the people you invited"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class ReminderPreferences(models.Model):
    """How and when one person wants reminder emails. Absent row = the defaults below."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    plan_day_on = models.BooleanField("7-day plan reminders", default=True)
    ritual_on = models.BooleanField("ritual reminders", default=True)
    nudge_on = models.BooleanField("keep-in-touch nudges", default=True)
    reflection_on = models.BooleanField("weekly reflection", default=True)
    important_date_on = models.BooleanField("birthdays and important dates", default=True)
    quiet_start = models.TimeField("quiet hours from", null=True, blank=True)
    quiet_end = models.TimeField("quiet hours until", null=True, blank=True)
    daily_cap = models.PositiveSmallIntegerField(
        "most reminder emails a day",
        default=4,
        help_text="Reminders beyond this are gathered into one digest email.",
    )
    paused_until = models.DateField(
        "pause every reminder until", null=True, blank=True, help_text="Included."
    )
    nudge_time = models.TimeField("nudges arrive at", default=datetime.time(10, 0))
    reflection_weekday = models.PositiveSmallIntegerField(
        "reflection day", choices=Weekday.choices, default=Weekday.SUNDAY
    )
    reflection_time = models.TimeField("reflection time", default=datetime.time(18, 0))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reminder preferences"

    def __str__(self):
        return f"Reminder preferences of {self.owner}"

    def kind_on(self, kind: str) -> bool:
        return getattr(self, f"{kind}_on", True)

    def is_paused_on(self, day: datetime.date) -> bool:
        return self.paused_until is not None and day <= self.paused_until

    def is_quiet_at(self, local_time: datetime.time) -> bool:
        start, end = self.quiet_start, self.quiet_end
        if start is None or end is None or start == end:
            return False
        if start < end:
            return start <= local_time < end
        return local_time >= start or local_time < end  # quiet hours across midnight


class ScheduleQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime):
        return self.filter(active=True, next_fire_at__lte=now).order_by("next_fire_at")


class ReminderSchedule(models.Model):
    """One source of reminders (a ritual, a plan enrollment, the nudges, the reflection).

    `due_at` is the instant the next reminder is meant for and, with the schedule, the
    unique key of its delivery. `next_fire_at` is when the dispatcher looks at the row:
    the same instant, or later while quiet hours hold the reminder back.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_schedules"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source_key = models.CharField(max_length=40)
    due_at = models.DateTimeField(null=True, blank=True)
    next_fire_at = models.DateTimeField(null=True, blank=True)
    # The zone the times were computed in; a different zone on the owner means recompute.
    zone = models.CharField(max_length=64)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "source_key"], name="reminder_schedule_source_unique"
            )
        ]
        indexes = [
            # The tick asks "which active rows are due?" every minute over every schedule.
            models.Index(
                fields=["next_fire_at"],
                name="reminder_schedule_due",
                condition=Q(active=True, next_fire_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.source_key} of {self.owner_id}"


class DeliveryState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    MISSED = "missed", "Missed (too late to help)"
    MERGED = "merged", "Merged into a digest"


# Deliveries that took (or will take) a place in the day's email count.
COUNTED_STATES = (DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.SENT)


class Delivery(models.Model):
    """One reminder for one occurrence of a schedule: at most one email, ever."""

    schedule = models.ForeignKey(
        ReminderSchedule, on_delete=models.CASCADE, related_name="deliveries"
    )
    due_at = models.DateTimeField()
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "due_at"], name="delivery_occurrence_unique"
            )
        ]
        indexes = [
            models.Index(fields=["state", "created_at"], name="delivery_state_age"),
        ]

    def __str__(self):
        return f"{self.schedule} at {self.due_at:%Y-%m-%d %H:%M} UTC ({self.state})"


class DeliveryAction(models.Model):
    """An action taken from an email link; the unique key makes a second click harmless."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=20)
    target = models.CharField(max_length=40, blank=True)
    acted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "action", "target"], name="delivery_action_once"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.target} on delivery {self.delivery_id}"
