"""The plans' reminder kinds (the plan day, rituals, the weekly reflection), registered in
PlansConfig.ready()."""

import datetime

from django.db.models import Prefetch
from django.urls import reverse

from connection.lib.links import site_url
from connection.lib.occurrences import (
    local_day_words,
    local_to_utc,
    next_fire_before,
    next_local_occurrence,
)
from landscape.models import Interaction
from plans.consistency import DONE
from plans.content.guide import find as guide_find
from plans.models import CheckIn, Enrollment, Ritual
from plans.reminder_views import plan_day_done_page, ritual_done_page
from reminders.kinds import ReminderKind, RowSourceKind
from reminders.links import action_url
from reminders.models import Kind


class ReflectionKind(ReminderKind):
    """Weekly "Evaluate & Adjust": the week's connections and how they felt."""

    name = Kind.REFLECTION
    template = "reminder_reflection"
    standing_source = "reflection"
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
        check_ins = CheckIn.objects.filter(occurrence_at__gte=start, occurrence_at__lt=end)
        rituals = (
            Ritual.objects.filter(owner=owner)
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


class RitualKind(RowSourceKind):
    """A lead time before each occurrence of a ritual (source key "ritual:<pk>")."""

    name = Kind.RITUAL
    preference = Kind.RITUAL
    model = Ritual
    source_prefix = Ritual.reminder_source
    actions = {"done": ritual_done_page}
    template = "reminder_ritual"
    offers_snooze = True
    # How long after the start a late reminder may still go out, saying the ritual has
    # begun and there is still time to join; later it is marked missed.
    started_grace = datetime.timedelta(minutes=10)

    def next_due(self, schedule, prefs, after):
        ritual = self.source(schedule)
        if ritual is None:
            return None
        lead = datetime.timedelta(minutes=ritual.reminder_lead_minutes)
        return next_fire_before(after, lead=lead, occurrence_after=ritual.next_occurrence)

    def freshness_for(self, schedule):
        # Until shortly after the ritual begins, whatever the lead: from the start on, the
        # email says it has begun (email_context), never "soon".
        ritual = self.source(schedule)
        lead = datetime.timedelta(minutes=ritual.reminder_lead_minutes if ritual else 0)
        return lead + self.started_grace

    def occurrence_at(self, delivery, ritual) -> datetime.datetime:
        """The occurrence a reminder was about: its due time plus the ritual's lead."""
        return delivery.due_at + datetime.timedelta(minutes=ritual.reminder_lead_minutes)

    def email_context(self, delivery, now):
        """The words depend on when the email is rendered (`now`, just before it is sent)
        and on the zone of the person it goes to: "at 00:47 tomorrow" for a ritual on their
        next local day; "started at 18:30" once it has begun (within `started_grace`)."""
        ritual = self.source(delivery.schedule)
        if ritual is None:
            return None
        zone = delivery.schedule.owner.zone  # the recipient: reminders go to the owner
        occurrence = self.occurrence_at(delivery, ritual)
        starts_at = occurrence.astimezone(zone)
        start_time = f"{starts_at:%H:%M}"
        started = now >= occurrence
        starts_on = local_day_words(occurrence, now=now, zone=zone)
        return {
            "headline": (
                f"{ritual.title} started at {start_time}"
                if started
                else f"{ritual.title} at {start_time} {starts_on}"
            ),
            "title": ritual.title,
            "starts_at": starts_at,
            "start_time": start_time,
            "starts_on": starts_on,
            "started": started,
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
    """The day's step of the 7-day plan at the chosen time (source key "enrollment:<pk>")."""

    name = Kind.PLAN_DAY
    model = Enrollment
    source_prefix = Enrollment.reminder_source
    actions = {"done": plan_day_done_page}
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
