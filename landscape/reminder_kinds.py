"""The landscape's reminder kinds, registered in LandscapeConfig.ready(): keep-in-touch
nudges, and birthdays and other important dates."""

import datetime

from django.urls import reverse

from connection.lib.links import site_url
from connection.lib.occurrences import local_to_utc, next_local_occurrence, shift_local_days
from landscape.choices import Channel, DateKind, Energy
from landscape.models import ImportantDate, Person
from landscape.reminder_views import connected_page, date_done_page
from landscape.selectors import people_to_reach_out
from reminders.kinds import SNOOZE_DAYS, ReminderKind, RowSourceKind
from reminders.links import action_url
from reminders.models import Kind


class NudgeKind(ReminderKind):
    """Once a day at most: up to three people overdue against how often the owner wished."""

    name = Kind.NUDGE
    template = "reminder_nudge"
    freshness = datetime.timedelta(hours=6)
    offers_snooze = True
    standing_source = "nudges"
    actions = {"connected": connected_page}
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

    def email_context(self, delivery, now):
        owner = delivery.schedule.owner
        today = delivery.due_at.astimezone(owner.zone).date()
        people = people_to_reach_out(owner, today=today, limit=self.most_people)
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


# Date reminders arrive in the owner's morning, local time.
DATE_MORNING = datetime.time(9, 0)

# A way to reach out, by the first way the owner prefers for this person: live contact
# (a voice, a face) first, as the guide advises against relying on messages alone.
_REACH_OUT = {
    Channel.IN_PERSON: "See them if you can: a coffee, a walk, a small gift in person.",
    Channel.ACTIVITY: "Suggest doing something together around the day, even something small.",
    Channel.CALL: "Give them a call: hearing your voice says more than a like or an emoji.",
    Channel.VIDEO: "Set up a short video call: a face and a voice say more than a like.",
    Channel.MESSAGE: "Send a message in your own words, with a memory you share.",
    Channel.ONLINE: "Write to them in your own words, and maybe suggest a call.",
}
_REACH_OUT_ANY = (
    "A call, a message in your own words or a card: a few warm lines are plenty, and a "
    "voice means even more."
)
_PREFERENCE = (
    Channel.IN_PERSON,
    Channel.CALL,
    Channel.VIDEO,
    Channel.ACTIVITY,
    Channel.MESSAGE,
    Channel.ONLINE,
)


def reach_out_suggestion(person: Person) -> str:
    for channel in _PREFERENCE:
        if channel in person.channels:
            return _REACH_OUT[channel]
    return _REACH_OUT_ANY


def date_morning(day: datetime.date, zone) -> datetime.datetime:
    return local_to_utc(day, DATE_MORNING, zone)


def in_days(days: int) -> str:
    if days == 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"


class ImportantDateKind(RowSourceKind):
    """The chosen number of days before each yearly date, in the owner's morning (source
    key "date:<pk>"). Never for a person who is draining, paused, estranged, grieving or
    archived: the date stays on their page, and no email points at them."""

    name = Kind.IMPORTANT_DATE
    model = ImportantDate
    source_prefix = ImportantDate.reminder_source
    template = "reminder_important_date"
    freshness = datetime.timedelta(hours=6)
    offers_snooze = True
    actions = {"done": date_done_page}

    def reminder_day(self, date: ImportantDate, occurrence: datetime.date) -> datetime.date:
        return occurrence - datetime.timedelta(days=date.remind_days_before)

    def next_due(self, schedule, prefs, after):
        date = self.source(schedule)
        if date is None:
            return None
        zone = schedule.owner.zone
        # The reminder of a date early in January comes in the December before.
        year = after.astimezone(zone).year
        for candidate in (year, year + 1, year + 2):
            instant = date_morning(self.reminder_day(date, date.occurs_in(candidate)), zone)
            if instant > after:
                return instant
        return None

    def occurrence_of(self, delivery, date: ImportantDate) -> datetime.date:
        """The day a reminder was about: the first occurrence on or after its local day
        (a snoozed reminder comes later than the chosen lead, never after the day)."""
        sent_on = delivery.due_at.astimezone(delivery.schedule.owner.zone).date()
        return date.next_on_or_after(sent_on)

    def wanted(self, schedules, now):
        """The dates that still exist, of people Kindred may point to (two queries)."""
        kept = super().wanted(schedules, now)
        present = [schedule for schedule in schedules if schedule.pk in kept]
        reachable = set(
            Person.objects.reachable()
            .filter(pk__in={self.source(schedule).person_id for schedule in present})
            .values_list("pk", flat=True)
        )
        return {schedule.pk for schedule in present if self.source(schedule).person_id in reachable}

    def email_context(self, delivery, now):
        date = self.source(delivery.schedule)
        if date is None or not date.person.is_reachable:
            return None
        zone = delivery.schedule.owner.zone
        occurrence = self.occurrence_of(delivery, date)
        days = (occurrence - delivery.due_at.astimezone(zone).date()).days
        return {
            "headline": f"{date.title} is {in_days(days)}",
            "date": date,
            "person_name": date.person.name,
            "what": date.what,
            "is_birthday": date.kind == DateKind.BIRTHDAY,
            "occurrence": occurrence,
            "days": days,
            "when": in_days(days),
            "years": date.years_on(occurrence),
            "suggestion": reach_out_suggestion(date.person),
            "person_url": site_url(reverse("person_detail", args=[date.person_id])),
        }

    def snooze_due(self, schedule, prefs, delivery, until):
        """Back on the morning `until`, as long as that is not after the day itself; the
        next regular reminder is a year away, so a snooze brings it forward."""
        date = self.source(schedule)
        if date is None:
            return None
        zone = schedule.owner.zone
        last = date_morning(self.occurrence_of(delivery, date), zone)
        if until > last:
            return None
        held = schedule.due_at
        if held is not None and until <= held <= last:
            return None  # a later snooze of the same date holds
        return until

    def links(self, delivery):
        date = self.source(delivery.schedule)
        if date is None:
            return {}
        zone = delivery.schedule.owner.zone
        last = date_morning(self.occurrence_of(delivery, date), zone)
        return {
            "snooze_links": [
                (days, action_url(delivery=delivery, action="snooze", target=str(days)))
                for days in SNOOZE_DAYS
                if shift_local_days(delivery.due_at, days, zone) <= last
            ],
            "done_url": action_url(delivery=delivery, action="done", target=f"date:{date.pk}"),
        }
