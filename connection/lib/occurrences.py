"""Wall-clock maths: when a repeating event happens, as pure functions from a cadence rule,
a local time and an IANA zone to aware UTC instants (rituals, plan days, reminders).

Rules for the clock changes, applied everywhere (reminders, pages, calendar):
- A local time that does not exist that day (the spring-forward gap) is shifted forward by
  the length of the gap: 02:30 on a day the clocks jump from 02:00 to 03:00 becomes 03:30.
  This is what `zoneinfo` does with fold=0 and what RFC 5545 asks calendar apps to do.
- A local time that happens twice (the fall-back fold) means its first occurrence (fold=0,
  still on summer time).

Cadences:
- daily: every day.
- weekly: on the chosen weekdays (0 = Monday … 6 = Sunday).
- times_per_week: N slots a week, spread evenly from Monday (see `spread_weekdays`), so that
  reminders and calendars have fixed days; a check-in on any day of the week fills that
  week's next open slot.
- monthly: on the nth weekday of the month (1–4), or the last one (-1). A "5th weekday" is
  refused, because most months lack it; "last" is offered instead.
"""

import datetime
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

DAILY, WEEKLY, TIMES_PER_WEEK, MONTHLY = "daily", "weekly", "times_per_week", "monthly"
LAST = -1
# Long enough for the sparsest rule (monthly) to find its next date with room to spare.
_SEARCH_DAYS = 400


@dataclass(frozen=True)
class Rule:
    cadence: str
    weekdays: tuple[int, ...] = ()
    times_per_week: int | None = None
    month_week: int | None = None

    def weekdays_used(self) -> tuple[int, ...]:
        if self.cadence == TIMES_PER_WEEK:
            return spread_weekdays(self.times_per_week or 1)
        return tuple(sorted(set(self.weekdays)))

    def matches(self, day: datetime.date) -> bool:
        if self.cadence == DAILY:
            return True
        if self.cadence in (WEEKLY, TIMES_PER_WEEK):
            return day.weekday() in self.weekdays_used()
        if self.cadence == MONTHLY:
            if not self.weekdays or day.weekday() != self.weekdays[0]:
                return False
            if self.month_week == LAST:
                return (day + datetime.timedelta(days=7)).month != day.month
            return (day.day - 1) // 7 + 1 == self.month_week
        raise ValueError(f"unknown cadence {self.cadence!r}")

    def per_day_frequency(self) -> float:
        """How many times a day the rule happens on average (a weekly rule: 1/7)."""
        if self.cadence == DAILY:
            return 1.0
        if self.cadence in (WEEKLY, TIMES_PER_WEEK):
            return len(self.weekdays_used()) / 7
        return 12 / 365.25


def spread_weekdays(times: int) -> tuple[int, ...]:
    """N days spread evenly over a week from Monday: 2 → Mon, Thu; 3 → Mon, Wed, Fri."""
    if not 1 <= times <= 7:
        raise ValueError("a week has room for 1 to 7 times")
    return tuple(sorted({(i * 7) // times for i in range(times)}))


def local_to_utc(day: datetime.date, at: datetime.time, zone: zoneinfo.ZoneInfo):
    """The UTC instant of a wall-clock time, with the gap and fold rules above."""
    local = datetime.datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone)
    return local.astimezone(datetime.UTC)


def local_time_exists(day: datetime.date, at: datetime.time, zone: zoneinfo.ZoneInfo) -> bool:
    """False inside a spring-forward gap: the clocks never show that time that day."""
    local = datetime.datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone)
    back = local.astimezone(datetime.UTC).astimezone(zone)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def iter_occurrences(
    rule: Rule,
    at: datetime.time,
    zone: zoneinfo.ZoneInfo,
    after: datetime.datetime,
    starts_on: datetime.date | None = None,
) -> Iterator[datetime.datetime]:
    """Occurrences strictly after `after` (aware), in order, as aware UTC datetimes."""
    if after.tzinfo is None:
        raise ValueError("`after` must be an aware datetime")
    # Start a day early: a time late in the zone's day can fall before `after` in UTC.
    day = after.astimezone(zone).date() - datetime.timedelta(days=1)
    if starts_on and day < starts_on:
        day = starts_on
    idle = 0
    while idle < _SEARCH_DAYS:
        if rule.matches(day):
            idle = 0
            instant = local_to_utc(day, at, zone)
            if instant > after:
                yield instant
        else:
            idle += 1
        day += datetime.timedelta(days=1)


def next_occurrence(rule, at, zone, after, starts_on=None) -> datetime.datetime | None:
    return next(iter_occurrences(rule, at, zone, after, starts_on), None)


def occurrences_between(
    rule, at, zone, start: datetime.datetime, end: datetime.datetime, starts_on=None
) -> list[datetime.datetime]:
    """Occurrences in [start, end), as aware UTC datetimes."""
    found = []
    for instant in iter_occurrences(
        rule, at, zone, start - datetime.timedelta(microseconds=1), starts_on
    ):
        if instant >= end:
            break
        found.append(instant)
    return found


def next_local_occurrence(
    after: datetime.datetime,
    *,
    zone: zoneinfo.ZoneInfo,
    at: datetime.time,
    weekdays: Iterable[int] | None = None,
) -> datetime.datetime:
    """The first instant strictly after `after` that is `at` local time on an allowed weekday."""
    if weekdays is None:
        rule = Rule(DAILY)
    else:
        rule = Rule(WEEKLY, tuple(weekdays))
        if not rule.weekdays:
            raise ValueError("at least one weekday is needed")
    return next_occurrence(rule, at, zone, after)


def next_fire_before(
    after: datetime.datetime,
    *,
    lead: datetime.timedelta,
    occurrence_after,
) -> datetime.datetime | None:
    """The first reminder instant after `after` for events `lead` ahead of each reminder.

    `occurrence_after(instant)` gives the first event strictly after an instant, or None.
    The lead is real elapsed time: a 60-minute lead before 19:00 is 18:00 on any day.
    """
    occurrence = occurrence_after(after + lead)
    return None if occurrence is None else occurrence - lead


def shift_local_days(
    instant: datetime.datetime, days: int, zone: zoneinfo.ZoneInfo
) -> datetime.datetime:
    """The same local wall-clock time `days` later (not `days * 24` hours)."""
    local = instant.astimezone(zone)
    return local_to_utc(local.date() + datetime.timedelta(days=days), local.time(), zone)


def local_day_start(instant: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    return local_to_utc(instant.astimezone(zone).date(), datetime.time(0, 0), zone)


def local_day_words(
    instant: datetime.datetime, *, now: datetime.datetime, zone: zoneinfo.ZoneInfo
) -> str:
    """The local day of `instant` as someone in `zone` says it at `now`: "today",
    "tomorrow", "on Friday" within the coming week, "on Friday 12 June" beyond it."""
    day = instant.astimezone(zone).date()
    days_ahead = (day - now.astimezone(zone).date()).days
    if days_ahead == 0:
        return "today"
    if days_ahead == 1:
        return "tomorrow"
    if 1 < days_ahead < 7:
        return f"on {day:%A}"
    return f"on {day:%A} {day.day} {day:%B}"
