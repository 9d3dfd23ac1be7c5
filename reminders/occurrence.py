"""Wall-clock maths for reminders: local times in a zone, converted to UTC instants.

The clock-change rules are connection.lib.occurrences' (the same for pages, calendar and reminders):
a local time skipped when clocks go forward moves forward by the gap (02:30 becomes 03:30);
a local time that occurs twice means its first occurrence.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from connection.lib import occurrences
from connection.lib.occurrences import local_to_utc


def next_local_occurrence(
    after: datetime.datetime,
    *,
    zone: ZoneInfo,
    at: datetime.time,
    weekdays: Iterable[int] | None = None,
) -> datetime.datetime:
    """The first instant strictly after `after` that is `at` local time on an allowed weekday."""
    if weekdays is None:
        rule = occurrences.Rule(occurrences.DAILY)
    else:
        rule = occurrences.Rule(occurrences.WEEKLY, tuple(weekdays))
        if not rule.weekdays:
            raise ValueError("at least one weekday is needed")
    return occurrences.next_occurrence(rule, at, zone, after)


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
