import datetime
from zoneinfo import ZoneInfo

import pytest

from connection.lib.occurrences import (
    local_day_words,
    local_to_utc,
    next_fire_before,
    next_local_occurrence,
    shift_local_days,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
ADELAIDE = ZoneInfo("Australia/Adelaide")  # +9:30 in winter (June), +10:30 in summer
UTC = datetime.UTC


def test_a_local_time_skipped_by_spring_forward_moves_forward_by_the_gap():
    # 02:30 does not exist in Berlin on 2026-03-29: clocks jump from 02:00 to 03:00.
    instant = local_to_utc(datetime.date(2026, 3, 29), datetime.time(2, 30), BERLIN)
    assert instant == datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert instant.astimezone(BERLIN).time() == datetime.time(3, 30)


def test_a_local_time_repeated_by_fall_back_means_its_first_occurrence():
    # 01:30 happens twice in New York on 2026-11-01; the first is still daylight time.
    instant = local_to_utc(datetime.date(2026, 11, 1), datetime.time(1, 30), NEW_YORK)
    assert instant == datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        (BERLIN, datetime.date(2026, 3, 28)),
        (BERLIN, datetime.date(2026, 3, 29)),
        (BERLIN, datetime.date(2026, 3, 30)),
        (BERLIN, datetime.date(2026, 10, 24)),
        (BERLIN, datetime.date(2026, 10, 25)),
        (BERLIN, datetime.date(2026, 10, 26)),
        (NEW_YORK, datetime.date(2026, 3, 7)),
        (NEW_YORK, datetime.date(2026, 3, 8)),
        (NEW_YORK, datetime.date(2026, 3, 9)),
        (NEW_YORK, datetime.date(2026, 10, 31)),
        (NEW_YORK, datetime.date(2026, 11, 1)),
        (NEW_YORK, datetime.date(2026, 11, 2)),
    ],
)
def test_an_hour_before_a_daily_19_00_is_18_00_local_around_every_clock_change(zone, day):
    after = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=zone)
    fire = next_fire_before(
        after,
        lead=datetime.timedelta(hours=1),
        occurrence_after=lambda instant: next_local_occurrence(
            instant, zone=zone, at=datetime.time(19, 0)
        ),
    )
    assert fire.astimezone(zone) == datetime.datetime.combine(
        day, datetime.time(18, 0), tzinfo=zone
    )


def test_weekly_occurrence_lands_on_the_chosen_weekday_strictly_after_the_instant():
    sunday_6pm = datetime.datetime(2026, 3, 29, 18, 0, tzinfo=BERLIN)
    following = next_local_occurrence(
        sunday_6pm, zone=BERLIN, at=datetime.time(18, 0), weekdays=[6]
    )
    assert following.astimezone(BERLIN) == datetime.datetime(2026, 4, 5, 18, 0, tzinfo=BERLIN)


def test_shifting_by_local_days_keeps_the_wall_clock_across_a_clock_change():
    before = datetime.datetime(2026, 3, 28, 10, 0, tzinfo=BERLIN)
    assert shift_local_days(before, 3, BERLIN).astimezone(BERLIN).hour == 10


@pytest.mark.parametrize(
    ("now", "words"),
    [
        (datetime.datetime(2026, 6, 4, 23, 59, tzinfo=ADELAIDE), "today"),
        (datetime.datetime(2026, 6, 4, 0, 0, tzinfo=ADELAIDE), "today"),
        (datetime.datetime(2026, 6, 3, 23, 59, tzinfo=ADELAIDE), "tomorrow"),
        (datetime.datetime(2026, 6, 1, 9, 0, tzinfo=ADELAIDE), "on Thursday"),
        (datetime.datetime(2026, 5, 28, 9, 0, tzinfo=ADELAIDE), "on Thursday 4 June"),
    ],
)
def test_local_day_words_count_local_days_not_hours(now, words):
    starts = datetime.datetime(2026, 6, 4, 23, 59, tzinfo=ADELAIDE).astimezone(UTC)
    assert local_day_words(starts, now=now.astimezone(UTC), zone=ADELAIDE) == words
