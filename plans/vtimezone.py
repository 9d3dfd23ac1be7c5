"""VTIMEZONE definitions (RFC 5545 §3.6.5) built from the IANA database that
connection.lib.occurrences uses, in a shape every calendar client reads the same way.

The generic generator lists a zone's changes as one RDATE line of many dates, which
ical.js (Thunderbird) and vobject read only the first date of, and stops in 2037. Here each
definition opens with the offset in force before the first change it lists, from 1970 on,
and then:

- A zone with no change ahead (Kolkata, Tehran since 2022): nothing more, one STANDARD.
- A zone whose changes follow a yearly rule, "the weekday on or after day D of month M at
  local time T" as tzdata writes them (Berlin, New York, Adelaide, Santiago, Jerusalem):
  one STANDARD and one DAYLIGHT with an RRULE and no end. The rule is checked against
  zoneinfo for every year up to HORIZON before it is used; changes before the year the rule
  took hold are listed one observance each.
- Any other zone (Casablanca, whose changes follow Ramadan): one observance per change,
  each with its own DTSTART, up to the last change zoneinfo knows; the offset after it holds
  on, as it does in zoneinfo.

Each observance's DTSTART is the local time of the change on the clock before it (RFC 5545
reads it with TZOFFSETFROM): 02:00 for the spring change in Berlin or New York.
"""

import calendar
import datetime
import functools
import zoneinfo
from dataclasses import dataclass

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

# Kindred has no date before FIRST_YEAR; zoneinfo is asked up to HORIZON.
FIRST_YEAR = 2000
HORIZON = 2100
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_EPOCH_LOCAL = datetime.datetime(1970, 1, 1)  # noqa: DTZ001 -- a wall-clock time, by design
_STEP = datetime.timedelta(days=1)
# A yearly rule must hold this many years in a row, or the changes are listed one by one.
_MIN_RULE_YEARS = 10


@dataclass(frozen=True)
class Change:
    """One change of a zone's offset: the UTC instant and the offsets either side."""

    at: datetime.datetime
    before: datetime.timedelta
    after: datetime.timedelta
    daylight: bool
    name: str

    @property
    def local(self) -> datetime.datetime:
        """Wall-clock time of the change on the clock before it (naive)."""
        return (self.at + self.before).replace(tzinfo=None)


@dataclass(frozen=True)
class YearlyRule:
    """The change that happens each year on `weekday` on or after `month`'s day `first_day`
    (or in the month's last seven days when `last`), at local `time`."""

    month: int
    weekday: int
    first_day: int
    last: bool
    time: datetime.time
    before: datetime.timedelta
    after: datetime.timedelta

    def day_in(self, year: int) -> datetime.date:
        length = calendar.monthrange(year, self.month)[1]
        first = datetime.date(year, self.month, length - 6 if self.last else self.first_day)
        return first + datetime.timedelta(days=(self.weekday - first.weekday()) % 7)

    def matches(self, change: Change) -> bool:
        local = change.local
        return (
            (change.before, change.after) == (self.before, self.after)
            and local.time() == self.time
            and local.date() == self.day_in(local.year)
        )

    def rrule(self) -> dict:
        day = _BYDAY[self.weekday]
        if self.last:
            return {"FREQ": "YEARLY", "BYMONTH": self.month, "BYDAY": f"-1{day}"}
        if self.first_day % 7 == 1:
            nth = self.first_day // 7 + 1
            return {"FREQ": "YEARLY", "BYMONTH": self.month, "BYDAY": f"{nth}{day}"}
        days = list(range(self.first_day, self.first_day + 7))
        return {"FREQ": "YEARLY", "BYMONTH": self.month, "BYMONTHDAY": days, "BYDAY": day}


def _offset(zone, instant) -> datetime.timedelta:
    return instant.astimezone(zone).utcoffset()


def _change_at(zone, low, high) -> Change:
    """The change between two instants whose offsets differ, to the second."""
    before = _offset(zone, low)
    while high - low > datetime.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if _offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    local = high.astimezone(zone)
    return Change(
        at=high,
        before=before,
        after=local.utcoffset(),
        # Dublin's winter has a negative "dst": only summer time is DAYLIGHT.
        daylight=local.dst() > datetime.timedelta(0),
        name=local.tzname(),
    )


@functools.lru_cache(maxsize=64)
def _all_changes(key: str) -> tuple[Change, ...]:
    """Every change of the zone from FIRST_YEAR to HORIZON, in order. Zones change at most
    a few times a year, so a daily scan finds every change and bisection places it."""
    zone = zoneinfo.ZoneInfo(key)
    found = []
    instant = datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(HORIZON + 1, 1, 1, tzinfo=datetime.UTC)
    offset = _offset(zone, instant)
    while instant < end:
        following = instant + _STEP
        if _offset(zone, following) != offset:
            change = _change_at(zone, instant, following)
            found.append(change)
            offset = change.after
        instant = following
    return tuple(found)


def changes(key: str, first_year: int) -> tuple[Change, ...]:
    """Every change of the zone from `first_year` (FIRST_YEAR at the earliest) to HORIZON."""
    start = datetime.datetime(first_year, 1, 1, tzinfo=datetime.UTC)
    return tuple(change for change in _all_changes(key) if change.at >= start)


def _candidates(change: Change) -> list[YearlyRule]:
    """The yearly rules `change` could belong to, the ones tzdata prefers first: the last
    weekday of the month, the nth weekday, then any "weekday on or after day D"."""
    local = change.local
    length = calendar.monthrange(local.year, local.month)[1]
    common = {
        "month": local.month,
        "weekday": local.weekday(),
        "time": local.time(),
        "before": change.before,
        "after": change.after,
    }
    found = [YearlyRule(first_day=0, last=True, **common)] if local.day > length - 7 else []
    # The seven days from the first day must fit the month in every year (February: 28).
    shortest = 28 if local.month == 2 else length
    days = range(max(1, local.day - 6), min(local.day, shortest - 6) + 1)
    found += sorted(
        (YearlyRule(first_day=day, last=False, **common) for day in days),
        key=lambda rule: rule.first_day % 7 != 1,
    )
    return found


def _kept(rule: YearlyRule, newest_first: list[Change]) -> int:
    """How many years back from the newest the rule places each change right."""
    kept = 0
    for change in newest_first:
        if not rule.matches(change):
            break
        kept += 1
    return kept


def _yearly_rules(found: tuple[Change, ...]) -> tuple[Change, list[YearlyRule]] | None:
    """(the first change the rules cover, the two rules) when the zone's changes from some
    year up to HORIZON follow two yearly rules; None otherwise."""
    by_year: dict[int, list[Change]] = {}
    for change in found:
        by_year.setdefault(change.local.year, []).append(change)
    slots: list[list[Change]] = [[], []]
    year = HORIZON
    while len(by_year.get(year, ())) == 2:
        for slot, change in zip(slots, by_year[year], strict=True):
            slot.append(change)
        year -= 1
    if len(slots[0]) < _MIN_RULE_YEARS:
        return None
    rules, years = [], []
    for slot in slots:
        best = max(_candidates(slot[0]), key=lambda rule: _kept(rule, slot))
        rules.append(best)
        years.append(_kept(best, slot))
    covered = min(years)
    if covered < _MIN_RULE_YEARS:
        return None
    return slots[0][covered - 1], rules


def _observance(*, start, before, after, daylight: bool, name: str, rule=None):
    component = TimezoneDaylight() if daylight else TimezoneStandard()
    component.add("dtstart", start)
    component.add("tzoffsetfrom", before)
    component.add("tzoffsetto", after)
    component.add("tzname", name)
    if rule is not None:
        component.add("rrule", rule.rrule())
    return component


def _change_observance(change: Change, rule: YearlyRule | None = None):
    return _observance(
        start=change.local,
        before=change.before,
        after=change.after,
        daylight=change.daylight,
        name=change.name,
        rule=rule,
    )


def vtimezone(key: str, since: datetime.date) -> Timezone:
    """The VTIMEZONE for zone `key`, right for every instant from `since` on."""
    found = changes(key, since.year - 1)
    fitted = _yearly_rules(found)
    timezone = Timezone()
    timezone.add("tzid", key)
    # The offset before the first change listed, from long ago: without it a reader has to
    # guess the offset before the definition starts (vobject takes the first TZOFFSETTO, and
    # for Casablanca, whose first change listed is to +00, takes the zone for UTC).
    local = datetime.datetime(
        max(since.year - 1, FIRST_YEAR), 1, 1, tzinfo=datetime.UTC
    ).astimezone(zoneinfo.ZoneInfo(key))
    offset = local.utcoffset()
    timezone.add_component(
        _observance(
            start=_EPOCH_LOCAL,
            before=offset,
            after=offset,
            daylight=local.dst() > datetime.timedelta(0),
            name=local.tzname(),
        )
    )
    if fitted is None:
        for change in found:
            timezone.add_component(_change_observance(change))
        return timezone
    first, rules = fitted
    first_index = found.index(first)
    for change in found[:first_index]:
        timezone.add_component(_change_observance(change))
    for change, rule in zip(found[first_index : first_index + 2], rules, strict=True):
        timezone.add_component(_change_observance(change, rule))
    return timezone
