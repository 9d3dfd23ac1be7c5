"""iCalendar (RFC 5545) for rituals, plan days and people's important dates.

A ritual is one recurring event: DTSTART on one of its occurrences with TZID = the owner's
zone, and an RRULE for its cadence, so calendar apps place each occurrence at the same wall
clock time through the clock changes. The zone's VTIMEZONE comes from plans.vtimezone.

The series starts on the first occurrence whose local time exists and happens once that
day: a DTSTART inside a spring-forward gap or an autumn fold is read differently by
different clients, and some shift the whole series by it. Earlier occurrences (a ritual
created the day before a clock change) are listed as RDATEs in UTC, which no client can
misread.

Later occurrences in a gap or fold come from the RRULE. RFC 5545 resolves them as
connection.lib.occurrences does (a skipped time moves forward by the gap, a repeated time is its
first occurrence), but clients do not: ical.js and vobject read 02:30 in a spring gap as
01:30, and ical.js reads 01:30 in a New York autumn fold as the second one. So each of them
up to plans.vtimezone.HORIZON is taken out with an EXDATE at its local time (which every
client resolves the way it resolved the RRULE's instance, and so removes) and put back as
an RDATE in UTC. Only rituals set between about 01:00 and 03:00 have any.

Clients update an event they already hold when its SEQUENCE grows, so each edit of a
ritual bumps `calendar_sequence`; DTSTAMP and LAST-MODIFIED are the ritual's last change.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from icalendar import Alarm, Calendar, Event, vText

from connection.lib import occurrences
from connection.lib.links import site_url
from plans.content.plan_days import PLAN_DAYS
from plans.models import Cadence
from plans.vtimezone import changes, vtimezone

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BEFORE = datetime.timedelta(microseconds=1)


def uid(name: str) -> str:
    """A UID no other Kindred deployment produces: each runs under its own SITE_URL host."""
    return f"{name}@{urlsplit(settings.SITE_URL).hostname}"


def calendar_new(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Kindred//Connection rituals//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # An X- property is not known to be text, so it is escaped only when given as vText.
    cal.add("x-wr-calname", vText(name))
    return cal


def ritual_rrule(ritual) -> dict:
    if ritual.cadence == Cadence.DAILY:
        return {"FREQ": "DAILY"}
    if ritual.cadence in (Cadence.WEEKLY, Cadence.TIMES_PER_WEEK):
        return {"FREQ": "WEEKLY", "BYDAY": [_BYDAY[d] for d in ritual.rule.weekdays_used()]}
    return {"FREQ": "MONTHLY", "BYDAY": [f"{ritual.month_week}{_BYDAY[ritual.weekdays[0]]}"]}


def _clear_local_time(instant: datetime.datetime, at: datetime.time, zone) -> bool:
    """True when `instant` is `at` on its local day, a time that exists and happens once."""
    day = instant.astimezone(zone).date()
    first = datetime.datetime.combine(day, at, zone)
    second = first.replace(fold=1)
    return (
        occurrences.local_time_exists(day, at, zone)
        and first.utcoffset() == second.utcoffset()
        and occurrences.local_to_utc(day, at, zone) == instant
    )


def series_start(ritual) -> tuple[datetime.datetime, list[datetime.datetime]]:
    """The series' DTSTART (aware, in the owner's zone) and the occurrences before it that
    fall on an unclear local time (aware UTC)."""
    zone = ritual.owner.zone
    since = max(ritual.created_at, ritual.schedule_changed_at or ritual.created_at)
    unclear = []
    for instant in occurrences.iter_occurrences(
        ritual.rule, ritual.local_time, zone, since - _BEFORE
    ):
        if _clear_local_time(instant, ritual.local_time, zone):
            day = instant.astimezone(zone).date()
            return datetime.datetime.combine(day, ritual.local_time, zone), unclear
        unclear.append(instant)
    raise ValueError(f"ritual {ritual.pk} has no occurrence at a clear local time")


def _last_before(ritual, start: datetime.datetime, end: datetime.datetime):
    found = ritual.occurrences_between(start, end)
    return found[-1] if found else None


def unclear_later(ritual, start: datetime.datetime, until: datetime.datetime | None):
    """The occurrences after `start` (and up to `until`) whose local time is in a gap or
    fold, as (local time the RRULE gives, the real instant in UTC)."""
    zone, at = start.tzinfo, ritual.local_time
    found = []
    for change in changes(zone.key, start.year):
        days = sorted({(change.at + change.before).date(), (change.at + change.after).date()})
        for day in days:
            instant = occurrences.local_to_utc(day, at, zone)
            if instant <= start or (until is not None and instant > until):
                continue
            if ritual.rule.matches(day) and not _clear_local_time(instant, at, zone):
                found.append((datetime.datetime.combine(day, at, zone), instant))
    return found


def ritual_event(ritual) -> Event | None:
    """The ritual as one recurring event. A paused ritual keeps its past in the calendar:
    its series ends at its last occurrence before the pause (none: no event)."""
    start, unclear = series_start(ritual)
    rrule = ritual_rrule(ritual)
    until = None
    if not ritual.is_active:
        paused_at = ritual.paused_at or ritual.updated_at
        until = _last_before(ritual, start, paused_at)
        if until is None:
            return None
        rrule["UNTIL"] = until
        unclear = [instant for instant in unclear if instant < paused_at]
    later = unclear_later(ritual, start, until)
    event = Event()
    event.add("uid", uid(f"ritual-{ritual.pk}"))
    event.add("dtstamp", ritual.updated_at)
    event.add("created", ritual.created_at)
    event.add("last-modified", ritual.updated_at)
    event.add("sequence", ritual.calendar_sequence)
    event.add("summary", ritual.title)
    event.add("dtstart", start)
    event.add("duration", datetime.timedelta(minutes=ritual.duration_minutes))
    event.add("rrule", rrule)
    # One date a line: some readers take only the first date of a line that lists many.
    for local, _ in later:
        event.add("exdate", local)
    for instant in unclear + [instant for _, instant in later]:
        event.add("rdate", instant)
    people = ", ".join(person.name for person in ritual.people.all())
    details = [ritual.description, f"With {people}" if people else ""]
    details.append(site_url(reverse("ritual_detail", args=[ritual.pk])))
    event.add("description", "\n\n".join(d for d in details if d))
    event.add("url", site_url(reverse("ritual_detail", args=[ritual.pk])))
    if ritual.reminder_lead_minutes and ritual.is_active:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", ritual.title)
        alarm.add("trigger", -datetime.timedelta(minutes=ritual.reminder_lead_minutes))
        event.add_component(alarm)
    return event


def plan_day_events(enrollment) -> list[Event]:
    events = []
    for day in PLAN_DAYS:
        date = enrollment.day_date(day.number)
        event = Event()
        event.add("uid", uid(f"plan-{enrollment.pk}-day-{day.number}"))
        event.add("dtstamp", enrollment.created_at)
        event.add("summary", f"Kindred plan, day {day.number}: {day.title}")
        event.add("dtstart", date)
        event.add("dtend", date + datetime.timedelta(days=1))
        url = site_url(reverse("plan_day", args=[day.number]))
        event.add("description", f"{day.task}\n\n{url}")
        event.add("url", url)
        events.append(event)
    return events


def important_date_event(date) -> Event:
    """A birthday or another date as an all-day event every year. 29 February repeats on
    the last day of February (BYMONTHDAY=-1), so common years have it on the 28th."""
    start = date.occurs_in(date.created_at.year)
    event = Event()
    event.add("uid", uid(f"date-{date.pk}"))
    event.add("dtstamp", date.updated_at)
    event.add("created", date.created_at)
    event.add("last-modified", date.updated_at)
    event.add("sequence", date.calendar_sequence)
    event.add("summary", date.title)
    event.add("dtstart", start)
    event.add("dtend", start + datetime.timedelta(days=1))
    event.add(
        "rrule",
        {
            "FREQ": "YEARLY",
            "BYMONTH": date.month,
            "BYMONTHDAY": -1 if date.is_leap_day else date.day,
        },
    )
    # A day to remember, not a busy day.
    event.add("transp", "TRANSPARENT")
    url = site_url(reverse("person_detail", args=[date.person_id]))
    event.add("description", url)
    event.add("url", url)
    return event


def calendar_ics(*, name: str, rituals=(), enrollment=None, dates=()) -> bytes:
    events = [event for event in map(ritual_event, rituals) if event is not None]
    # Each zone's definition must reach back to the earliest start that uses it.
    since: dict[str, datetime.date] = {}
    for event in events:
        start = event.decoded("DTSTART")
        key = start.tzinfo.key
        since[key] = min(since.get(key, start.date()), start.date())
    cal = calendar_new(name)
    # Before the events: some readers resolve a TZID when they meet it.
    for key, first in sorted(since.items()):
        cal.add_component(vtimezone(key, first))
    for event in events:
        cal.add_component(event)
    if enrollment is not None:
        for event in plan_day_events(enrollment):
            cal.add_component(event)
    for date in dates:
        cal.add_component(important_date_event(date))
    return cal.to_ical()
