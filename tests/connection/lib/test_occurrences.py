"""Occurrences across the 2026 clock changes: US 03-08 / 11-01, EU 03-29 / 10-25."""

import datetime
import zoneinfo

import pytest

from connection.lib.occurrences import (
    DAILY,
    LAST,
    MONTHLY,
    TIMES_PER_WEEK,
    WEEKLY,
    Rule,
    local_time_exists,
    next_occurrence,
    occurrences_between,
    spread_weekdays,
)

UTC = datetime.UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SUNDAY = 6


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def t(hour, minute=0):
    return datetime.time(hour, minute)


def test_daily_ritual_keeps_its_wall_clock_time_across_the_us_spring_change():
    found = occurrences_between(Rule(DAILY), t(19), NEW_YORK, utc(2026, 3, 7, 12), utc(2026, 3, 10))
    # 19:00 EST on March 7 is 00:00 UTC on the 8th; from March 8 on, 19:00 EDT is 23:00 UTC.
    assert found == [utc(2026, 3, 8, 0), utc(2026, 3, 8, 23), utc(2026, 3, 9, 23)]


def test_daily_ritual_keeps_its_wall_clock_time_across_the_us_autumn_change():
    found = occurrences_between(
        Rule(DAILY), t(8, 30), NEW_YORK, utc(2026, 10, 31), utc(2026, 11, 3)
    )
    assert found == [utc(2026, 10, 31, 12, 30), utc(2026, 11, 1, 13, 30), utc(2026, 11, 2, 13, 30)]


def test_a_time_in_the_us_spring_gap_is_shifted_forward_by_the_gap():
    # On 2026-03-08 New York's clocks jump from 02:00 to 03:00: 02:30 does not exist.
    assert not local_time_exists(datetime.date(2026, 3, 8), t(2, 30), NEW_YORK)
    assert local_time_exists(datetime.date(2026, 3, 9), t(2, 30), NEW_YORK)
    found = occurrences_between(Rule(DAILY), t(2, 30), NEW_YORK, utc(2026, 3, 7), utc(2026, 3, 10))
    # 03:30 EDT on the 8th is 07:30 UTC; the days around it are at 02:30 local.
    assert found == [utc(2026, 3, 7, 7, 30), utc(2026, 3, 8, 7, 30), utc(2026, 3, 9, 6, 30)]
    assert found[1].astimezone(NEW_YORK).time() == t(3, 30)


def test_a_time_in_the_us_autumn_fold_happens_once_at_its_first_occurrence():
    # On 2026-11-01 New York's clocks go from 02:00 back to 01:00: 01:30 happens twice.
    found = occurrences_between(Rule(DAILY), t(1, 30), NEW_YORK, utc(2026, 11, 1), utc(2026, 11, 2))
    assert found == [utc(2026, 11, 1, 5, 30)]  # 01:30 EDT, not 01:30 EST (06:30 UTC)


def test_a_time_in_the_eu_spring_gap_is_shifted_forward_by_the_gap():
    assert not local_time_exists(datetime.date(2026, 3, 29), t(2, 15), BERLIN)
    found = occurrences_between(
        Rule(WEEKLY, weekdays=(SUNDAY,)), t(2, 15), BERLIN, utc(2026, 3, 20), utc(2026, 4, 6)
    )
    assert found == [utc(2026, 3, 22, 1, 15), utc(2026, 3, 29, 1, 15), utc(2026, 4, 5, 0, 15)]
    assert found[1].astimezone(BERLIN).time() == t(3, 15)


def test_a_time_in_the_eu_autumn_fold_happens_once_at_its_first_occurrence():
    found = occurrences_between(
        Rule(WEEKLY, weekdays=(SUNDAY,)), t(2, 30), BERLIN, utc(2026, 10, 20), utc(2026, 11, 2)
    )
    # 02:30 CEST on 2026-10-25 is 00:30 UTC; a week later it is 02:30 CET, 01:30 UTC.
    assert found == [utc(2026, 10, 25, 0, 30), utc(2026, 11, 1, 1, 30)]


def test_sunday_dinner_in_berlin_across_the_eu_spring_change():
    found = occurrences_between(
        Rule(WEEKLY, weekdays=(SUNDAY,)), t(18, 30), BERLIN, utc(2026, 3, 21), utc(2026, 4, 6)
    )
    assert [i.astimezone(BERLIN).time() for i in found] == [t(18, 30)] * 3
    assert found == [utc(2026, 3, 22, 17, 30), utc(2026, 3, 29, 16, 30), utc(2026, 4, 5, 16, 30)]


def test_next_occurrence_is_strictly_after_the_given_instant():
    rule = Rule(DAILY)
    assert next_occurrence(rule, t(9), BERLIN, utc(2026, 6, 1, 7)) == utc(2026, 6, 2, 7)
    assert next_occurrence(rule, t(9), BERLIN, utc(2026, 6, 1, 6, 59)) == utc(2026, 6, 1, 7)


def test_next_occurrence_finds_tomorrow_for_a_zone_ahead_of_utc():
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    # 23:30 UTC on June 1 is already 08:30 on June 2 in Tokyo.
    assert next_occurrence(Rule(DAILY), t(9), tokyo, utc(2026, 6, 1, 23, 30)) == utc(2026, 6, 2, 0)


def test_monthly_on_the_first_saturday():
    found = occurrences_between(
        Rule(MONTHLY, weekdays=(5,), month_week=1), t(10), BERLIN, utc(2026, 1, 1), utc(2026, 5, 1)
    )
    assert [i.astimezone(BERLIN).date().isoformat() for i in found] == [
        "2026-01-03",
        "2026-02-07",
        "2026-03-07",
        "2026-04-04",
    ]


def test_monthly_on_the_last_sunday_lands_on_the_eu_change_days():
    found = occurrences_between(
        Rule(MONTHLY, weekdays=(SUNDAY,), month_week=LAST),
        t(12),
        BERLIN,
        utc(2026, 3, 1),
        utc(2026, 11, 1),
    )
    local_dates = [i.astimezone(BERLIN).date().isoformat() for i in found]
    assert local_dates[0] == "2026-03-29"
    assert "2026-10-25" in local_dates
    assert found[0] == utc(2026, 3, 29, 10)  # noon CEST


def test_times_a_week_are_spread_evenly_from_monday():
    assert spread_weekdays(1) == (0,)
    assert spread_weekdays(2) == (0, 3)
    assert spread_weekdays(3) == (0, 2, 4)
    assert spread_weekdays(7) == (0, 1, 2, 3, 4, 5, 6)
    found = occurrences_between(
        Rule(TIMES_PER_WEEK, times_per_week=3), t(7), BERLIN, utc(2026, 6, 1), utc(2026, 6, 8)
    )
    assert [i.astimezone(BERLIN).strftime("%a") for i in found] == ["Mon", "Wed", "Fri"]


@pytest.mark.parametrize("times", [0, 8])
def test_a_week_has_room_for_one_to_seven_times(times):
    with pytest.raises(ValueError):
        spread_weekdays(times)


def test_naive_instants_are_refused():
    with pytest.raises(ValueError):
        next_occurrence(Rule(DAILY), t(9), BERLIN, datetime.datetime(2026, 6, 1))
