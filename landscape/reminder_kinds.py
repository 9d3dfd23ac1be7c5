"""The landscape's reminder kind: keep-in-touch nudges, registered in LandscapeConfig.ready()."""

import datetime

from connection.lib.occurrences import next_local_occurrence
from landscape.choices import Energy
from landscape.models import Person
from landscape.reminder_views import connected_page
from landscape.selectors import people_to_reach_out
from reminders.kinds import ReminderKind
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
