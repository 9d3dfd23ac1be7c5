"""iCalendar (RFC 5545) for rituals and plan days.

A ritual is one recurring event: DTSTART on its first date with TZID = the owner's zone,
and an RRULE for its cadence. Calendar apps then place each occurrence at the same wall
clock time through the clock changes, and resolve a skipped time the way
connection.lib.occurrences does (forward by the gap).
"""

import datetime

from django.urls import reverse
from icalendar import Alarm, Calendar, Event

from connection.lib import occurrences
from connection.lib.links import site_url
from plans.content.plan_days import PLAN_DAYS
from plans.models import Cadence

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DOMAIN = "kindred"


def calendar_new(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Kindred//Connection rituals//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def ritual_rrule(ritual) -> dict:
    if ritual.cadence == Cadence.DAILY:
        return {"FREQ": "DAILY"}
    if ritual.cadence in (Cadence.WEEKLY, Cadence.TIMES_PER_WEEK):
        return {"FREQ": "WEEKLY", "BYDAY": [_BYDAY[d] for d in ritual.rule.weekdays_used()]}
    return {"FREQ": "MONTHLY", "BYDAY": [f"{ritual.month_week}{_BYDAY[ritual.weekdays[0]]}"]}


def ritual_event(ritual, stamp: datetime.datetime) -> Event:
    zone = ritual.owner.zone
    first = occurrences.next_occurrence(
        ritual.rule, ritual.local_time, zone, ritual.created_at - datetime.timedelta(seconds=1)
    )
    start = datetime.datetime.combine(first.astimezone(zone).date(), ritual.local_time, zone)
    event = Event()
    event.add("uid", f"ritual-{ritual.pk}@{_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", ritual.title)
    event.add("dtstart", start)
    event.add("duration", datetime.timedelta(minutes=ritual.duration_minutes))
    event.add("rrule", ritual_rrule(ritual))
    people = ", ".join(person.name for person in ritual.people.all())
    details = [ritual.description, f"With {people}" if people else ""]
    details.append(site_url(reverse("ritual_detail", args=[ritual.pk])))
    event.add("description", "\n\n".join(d for d in details if d))
    event.add("url", site_url(reverse("ritual_detail", args=[ritual.pk])))
    if ritual.reminder_lead_minutes:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", ritual.title)
        alarm.add("trigger", -datetime.timedelta(minutes=ritual.reminder_lead_minutes))
        event.add_component(alarm)
    return event


def plan_day_events(enrollment, stamp: datetime.datetime) -> list[Event]:
    events = []
    for day in PLAN_DAYS:
        date = enrollment.day_date(day.number)
        event = Event()
        event.add("uid", f"plan-{enrollment.pk}-day-{day.number}@{_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", f"Kindred plan, day {day.number}: {day.title}")
        event.add("dtstart", date)
        event.add("dtend", date + datetime.timedelta(days=1))
        url = site_url(reverse("plan_day", args=[day.number]))
        event.add("description", f"{day.task}\n\n{url}")
        event.add("url", url)
        events.append(event)
    return events


def calendar_ics(*, name: str, rituals=(), enrollment=None, stamp: datetime.datetime) -> bytes:
    cal = calendar_new(name)
    for ritual in rituals:
        cal.add_component(ritual_event(ritual, stamp))
    if enrollment is not None:
        for event in plan_day_events(enrollment, stamp):
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
