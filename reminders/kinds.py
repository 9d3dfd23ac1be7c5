"""The kinds of reminder. Each knows when its next reminder is due, whether it is still
wanted, what its email says and which actions its links offer.

The registry is `settings.KINDRED_REMINDER_KINDS` (dotted paths), so the dispatcher and
the sender never name a kind themselves.
"""

import datetime
import functools

from django.apps import apps
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.module_loading import import_string

from connection.lib.links import site_url
from landscape.choices import Energy
from landscape.models import Interaction, Person
from plans.consistency import DONE
from plans.content.guide import find as guide_find
from reminders.links import action_url
from reminders.models import Delivery, DeliveryState, Kind
from reminders.occurrence import local_to_utc, next_fire_before, next_local_occurrence

SNOOZE_DAYS = (1, 3, 7)


class ReminderKind:
    name: str
    template: str
    # How late a reminder may still go out; later than this it is marked missed.
    freshness = datetime.timedelta(hours=3)
    # Whether the person can switch this kind off (the digest only carries the others).
    optional = True
    # The preference that switches it off ("<preference>_on"); the kind's name by default.
    preference: str = ""
    offers_snooze = False
    # Whether its email names people with a "We connected" link each.
    offers_connected = False

    def __init__(self):
        self.preference = self.preference or self.name

    def next_due(self, schedule, prefs, after: datetime.datetime) -> datetime.datetime | None:
        raise NotImplementedError

    def freshness_for(self, schedule) -> datetime.timedelta:
        return self.freshness

    def wanted(self, schedules, now: datetime.datetime) -> set[int]:
        """Of these due schedules, the ids whose reminder still has something to say."""
        return {schedule.pk for schedule in schedules}

    def email_context(self, delivery, now: datetime.datetime) -> dict | None:
        """What the email says; None when there is nothing to remind any more."""
        raise NotImplementedError

    def links(self, delivery) -> dict:
        if not self.offers_snooze:
            return {}
        return {
            "snooze_links": [
                (days, action_url(delivery=delivery, action="snooze", target=str(days)))
                for days in SNOOZE_DAYS
            ]
        }


class NudgeKind(ReminderKind):
    """Once a day at most: up to three people overdue against how often the owner wished."""

    name = Kind.NUDGE
    template = "reminder_nudge"
    freshness = datetime.timedelta(hours=6)
    offers_snooze = True
    offers_connected = True
    most_people = 3

    def next_due(self, schedule, prefs, after):
        return next_local_occurrence(after, zone=schedule.owner.zone, at=prefs.nudge_time)

    def wanted(self, schedules, now):
        owners = {schedule.owner_id: schedule.owner for schedule in schedules}
        with_overdue = set()
        for person in Person.objects.nudgeable().filter(owner_id__in=owners):
            if person.owner_id in with_overdue:
                continue
            if person.is_overdue(now.astimezone(owners[person.owner_id].zone).date()):
                with_overdue.add(person.owner_id)
        return {schedule.pk for schedule in schedules if schedule.owner_id in with_overdue}

    def overdue_people(self, owner, today: datetime.date) -> list:
        overdue = [p for p in Person.objects.nudgeable().filter(owner=owner) if p.is_overdue(today)]
        overdue.sort(key=lambda p: (p.energy != Energy.ENERGIZING, -p.days_overdue(today), p.pk))
        return overdue[: self.most_people]

    def email_context(self, delivery, now):
        owner = delivery.schedule.owner
        today = delivery.due_at.astimezone(owner.zone).date()
        people = self.overdue_people(owner, today)
        if not people:
            return None
        count = len(people)
        return {
            "headline": f"{count} {'person' if count == 1 else 'people'} you hoped to hear from",
            "people": [
                {
                    "name": person.name,
                    "days_overdue": person.days_overdue(today),
                    "last_contact_on": person.last_contact_on,
                    "energizing": person.energy == Energy.ENERGIZING,
                    "connected_url": action_url(
                        delivery=delivery, action="connected", target=f"person:{person.pk}"
                    ),
                }
                for person in people
            ],
        }


class ReflectionKind(ReminderKind):
    """Weekly "Evaluate & Adjust": the week's connections and how they felt."""

    name = Kind.REFLECTION
    template = "reminder_reflection"
    freshness = datetime.timedelta(hours=12)

    def next_due(self, schedule, prefs, after):
        return next_local_occurrence(
            after,
            zone=schedule.owner.zone,
            at=prefs.reflection_time,
            weekdays=[prefs.reflection_weekday],
        )

    def email_context(self, delivery, now):
        owner = delivery.schedule.owner
        last_day = delivery.due_at.astimezone(owner.zone).date()
        first_day = last_day - datetime.timedelta(days=6)
        interactions = list(
            Interaction.objects.filter(owner=owner, occurred_on__range=(first_day, last_day))
            .prefetch_related("people")
            .order_by("occurred_on", "pk")
        )
        by_feeling = {"energized": {}, "drained": {}}
        for interaction in interactions:
            names = by_feeling.get(interaction.feeling)
            if names is not None:
                for person in interaction.people.all():
                    names[person.pk] = person.name
        section, item = guide_find("evaluate")
        rituals = self.rituals_of_the_week(owner, first_day, last_day, now)
        return {
            "headline": "Your week in connection",
            "first_day": first_day,
            "last_day": last_day,
            "connection_count": len(interactions),
            "micro_count": sum(1 for i in interactions if i.is_micro),
            "energizing_names": list(by_feeling["energized"].values()),
            "draining_names": list(by_feeling["drained"].values()),
            "rituals": rituals,
            "rituals_kept": sum(ritual["kept"] for ritual in rituals),
            "rituals_missed": sum(ritual["missed"] for ritual in rituals),
            "reflect_url": site_url(reverse("guide_section", args=[section.slug]))
            + f"#{item.slug}",
        }

    def rituals_of_the_week(self, owner, first_day, last_day, now) -> list[dict]:
        """Each ritual's times kept (checked in as done) and missed that week.

        A time of an active ritual counts as missed once it is past with no check-in at all
        (a skipped one is neither); times before the ritual existed or before its schedule
        last changed do not count, nor do paused rituals' times.
        """
        zone = owner.zone
        start = local_to_utc(first_day, datetime.time(0), zone)
        end = local_to_utc(last_day + datetime.timedelta(days=1), datetime.time(0), zone)
        check_ins = apps.get_model("plans", "CheckIn").objects.filter(
            occurrence_at__gte=start, occurrence_at__lt=end
        )
        rituals = (
            apps.get_model("plans", "Ritual")
            .objects.filter(owner=owner)
            .prefetch_related(Prefetch("check_ins", queryset=check_ins))
            .order_by("title", "pk")
        )
        summary = []
        for ritual in rituals:
            ritual.owner = owner
            recorded = {
                check_in.occurrence_at: check_in.status for check_in in ritual.check_ins.all()
            }
            missed = 0
            if ritual.is_active:
                since = max(start, ritual.created_at, ritual.schedule_changed_at or start)
                past = ritual.occurrences_between(since, min(end, now))
                missed = sum(1 for instant in past if instant not in recorded)
            kept = sum(1 for status in recorded.values() if status == DONE)
            if kept or missed:
                summary.append({"title": ritual.title, "kept": kept, "missed": missed})
        return summary


class RowSourceKind(ReminderKind):
    """A kind whose reminders come from one row of another app's model ("<name>:<pk>").

    The model is looked up when needed, so this app does not depend on it being installed.
    """

    model_name: str

    def _model(self):
        return apps.get_model("plans", self.model_name)

    @staticmethod
    def _source_pk(schedule) -> int | None:
        _, _, pk = schedule.source_key.partition(":")
        return int(pk) if pk.isdigit() else None

    def source(self, schedule):
        # One delivery needs its row several times (freshness, context, links): it is read
        # once per loaded schedule and kept on it.
        if not hasattr(schedule, "_reminder_source"):
            pk = self._source_pk(schedule)
            schedule._reminder_source = (
                None
                if pk is None
                else self._model().objects.filter(pk=pk, owner_id=schedule.owner_id).first()
            )
        return schedule._reminder_source

    def wanted(self, schedules, now):
        """The schedules whose row still exists; the rows of a batch are read in one query."""
        keyed = [(schedule, self._source_pk(schedule)) for schedule in schedules]
        rows = self._model().objects.filter(pk__in={pk for _, pk in keyed if pk is not None})
        by_pk = {row.pk: row for row in rows}
        for schedule, pk in keyed:
            if pk is not None:
                row = by_pk.get(pk)
                owned = row is not None and row.owner_id == schedule.owner_id
                schedule._reminder_source = row if owned else None
        return {schedule.pk for schedule in schedules if self.source(schedule) is not None}


class RitualKind(RowSourceKind):
    """A lead time before each occurrence of a ritual (source_key "ritual:<pk>").

    It relies on the Ritual model's interface: `next_occurrence(after_utc)`,
    `reminder_lead_minutes`, `owner`, `title`, `people`.
    """

    name = Kind.RITUAL
    preference = Kind.RITUAL
    model_name = "Ritual"
    template = "reminder_ritual"
    offers_snooze = True
    shortest_freshness = datetime.timedelta(minutes=15)

    def next_due(self, schedule, prefs, after):
        ritual = self.source(schedule)
        if ritual is None:
            return None
        lead = datetime.timedelta(minutes=ritual.reminder_lead_minutes)
        return next_fire_before(after, lead=lead, occurrence_after=ritual.next_occurrence)

    def freshness_for(self, schedule):
        # Once the ritual has begun, a reminder of it is no help.
        ritual = self.source(schedule)
        lead = datetime.timedelta(minutes=ritual.reminder_lead_minutes if ritual else 0)
        return max(lead, self.shortest_freshness)

    def occurrence_at(self, delivery, ritual) -> datetime.datetime:
        """The occurrence a reminder was about: its due time plus the ritual's lead."""
        return delivery.due_at + datetime.timedelta(minutes=ritual.reminder_lead_minutes)

    def email_context(self, delivery, now):
        ritual = self.source(delivery.schedule)
        if ritual is None:
            return None
        starts_at = self.occurrence_at(delivery, ritual).astimezone(delivery.schedule.owner.zone)
        return {
            "headline": f"{ritual.title} at {starts_at:%H:%M}",
            "title": ritual.title,
            "starts_at": starts_at,
            "people": [person.name for person in ritual.people.all()],
        }

    def links(self, delivery):
        links = super().links(delivery)
        ritual = self.source(delivery.schedule)
        if ritual is not None:
            at = int(self.occurrence_at(delivery, ritual).timestamp())
            links["done_url"] = action_url(delivery=delivery, action="done", target=f"at:{at}")
        return links


class PlanDayKind(RowSourceKind):
    """The day's step of the 7-day plan at the chosen time (source_key "enrollment:<pk>").

    It relies on the Enrollment model's interface: `next_reminder_at(after_utc)`, `owner`.
    """

    name = Kind.PLAN_DAY
    model_name = "Enrollment"
    template = "reminder_plan_day"
    offers_snooze = True

    def next_due(self, schedule, prefs, after):
        enrollment = self.source(schedule)
        return None if enrollment is None else enrollment.next_reminder_at(after)

    def email_context(self, delivery, now):
        if self.source(delivery.schedule) is None:
            return None
        return {"headline": "Today's step of your 7-day plan", "today_url": site_url("/today/")}

    def links(self, delivery):
        links = super().links(delivery)
        enrollment = self.source(delivery.schedule)
        day = delivery.due_at.astimezone(delivery.schedule.owner.zone).date()
        number = enrollment.day_number_on(day) if enrollment is not None else None
        if number is not None:
            links["done_url"] = action_url(delivery=delivery, action="done", target=f"day:{number}")
        return links


class DigestKind(ReminderKind):
    """Reminders beyond the daily cap, gathered into one email. Armed by the dispatcher."""

    name = Kind.DIGEST
    template = "reminder_digest"
    freshness = datetime.timedelta(hours=24)
    optional = False

    def next_due(self, schedule, prefs, after):
        return None

    def email_context(self, delivery, now):
        merged = list(
            Delivery.objects.filter(digest=delivery, state=DeliveryState.MERGED)
            .select_related("schedule__owner")
            .order_by("due_at", "pk")
        )
        items = []
        for item in merged:
            context = kind_for(item.schedule.kind).email_context(item, now)
            if context is not None:
                items.append(context["headline"])
        if not items:
            return None
        return {"headline": "The rest of today's reminders", "items": items}


@functools.cache
def registry() -> dict[str, ReminderKind]:
    kinds = [import_string(path)() for path in settings.KINDRED_REMINDER_KINDS]
    return {kind.name: kind for kind in kinds}


def kind_for(name: str) -> ReminderKind:
    return registry()[name]
