"""Wall-clock maths for reminders: local times in a zone, converted to UTC instants.

A local time that does not exist (the hour skipped when clocks go forward) is moved forward
by the gap: 02:30 on the spring-forward night becomes 03:30. A local time that occurs twice
(the hour repeated when clocks go back) means its first occurrence. Both follow from
`fold=0`, which is what `datetime.combine(..., tzinfo=zone)` gives.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

UTC = datetime.UTC


def local_to_utc(day: datetime.date, at: datetime.time, zone: ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, at.replace(tzinfo=None), tzinfo=zone).astimezone(UTC)


def next_local_occurrence(
    after: datetime.datetime,
    *,
    zone: ZoneInfo,
    at: datetime.time,
    weekdays: Iterable[int] | None = None,
) -> datetime.datetime:
    """The first instant strictly after `after` that is `at` local time on an allowed weekday."""
    allowed = frozenset(range(7) if weekdays is None else weekdays)
    if not allowed:
        raise ValueError("at least one weekday is needed")
    day = after.astimezone(zone).date() - datetime.timedelta(days=1)
    for _ in range(9):
        if day.weekday() in allowed:
            instant = local_to_utc(day, at, zone)
            if instant > after:
                return instant
        day += datetime.timedelta(days=1)
    raise AssertionError("a weekly rule always has an occurrence within nine days")


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


def shift_local_days(instant: datetime.datetime, days: int, zone: ZoneInfo) -> datetime.datetime:
    """The same local wall-clock time `days` later (not `days * 24` hours)."""
    local = instant.astimezone(zone)
    return local_to_utc(local.date() + datetime.timedelta(days=days), local.time(), zone)


def local_day_start(instant: datetime.datetime, zone: ZoneInfo) -> datetime.datetime:
    return local_to_utc(instant.astimezone(zone).date(), datetime.time(0, 0), zone)
