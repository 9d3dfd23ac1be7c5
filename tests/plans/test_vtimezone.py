"""VTIMEZONE definitions: their shape, and their offsets read back by dateutil's parser
against zoneinfo at every change up to 2045."""

import datetime
import io
import zoneinfo

import pytest
from dateutil import tz

from plans.vtimezone import vtimezone

UTC = datetime.UTC
SINCE = datetime.date(2026, 1, 1)


def text(value) -> str:
    found = value.to_ical()
    return found.decode() if isinstance(found, bytes) else found


def observances(key):
    return [
        (
            c.name,
            c.decoded("DTSTART"),
            text(c["TZOFFSETFROM"]),
            text(c["TZOFFSETTO"]),
            text(c["RRULE"]) if "RRULE" in c else None,
        )
        for c in vtimezone(key, SINCE).subcomponents
    ]


def at(year, month, day, hour):
    return datetime.datetime(year, month, day, hour)  # noqa: DTZ001 -- local, as in the file


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "Europe/Berlin",
            [
                ("STANDARD", at(1970, 1, 1, 0), "+0100", "+0100", None),
                (
                    "DAYLIGHT",
                    at(2025, 3, 30, 2),
                    "+0100",
                    "+0200",
                    "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
                ),
                (
                    "STANDARD",
                    at(2025, 10, 26, 3),
                    "+0200",
                    "+0100",
                    "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                ),
            ],
        ),
        (
            "America/New_York",
            [
                ("STANDARD", at(1970, 1, 1, 0), "-0500", "-0500", None),
                (
                    "DAYLIGHT",
                    at(2025, 3, 9, 2),
                    "-0500",
                    "-0400",
                    "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
                ),
                (
                    "STANDARD",
                    at(2025, 11, 2, 2),
                    "-0400",
                    "-0500",
                    "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
                ),
            ],
        ),
        (
            "Australia/Adelaide",
            [
                ("DAYLIGHT", at(1970, 1, 1, 0), "+1030", "+1030", None),
                (
                    "STANDARD",
                    at(2025, 4, 6, 3),
                    "+1030",
                    "+0930",
                    "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
                ),
                (
                    "DAYLIGHT",
                    at(2025, 10, 5, 2),
                    "+0930",
                    "+1030",
                    "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10",
                ),
            ],
        ),
        ("Asia/Kolkata", [("STANDARD", at(1970, 1, 1, 0), "+0530", "+0530", None)]),
        ("Asia/Tehran", [("STANDARD", at(1970, 1, 1, 0), "+0330", "+0330", None)]),
        (
            "Asia/Jerusalem",
            [
                ("STANDARD", at(1970, 1, 1, 0), "+0200", "+0200", None),
                (
                    "DAYLIGHT",
                    at(2025, 3, 28, 2),
                    "+0200",
                    "+0300",
                    "FREQ=YEARLY;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29;BYMONTH=3",
                ),
                (
                    "STANDARD",
                    at(2025, 10, 26, 2),
                    "+0300",
                    "+0200",
                    "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                ),
            ],
        ),
    ],
)
def test_zones_with_a_yearly_rule_or_none_get_rules_without_an_end(key, expected):
    assert observances(key) == expected
    assert b"UNTIL" not in vtimezone(key, SINCE).to_ical()
    assert b"RDATE" not in vtimezone(key, SINCE).to_ical()


def test_a_zone_whose_changes_follow_no_yearly_rule_lists_each_change_once():
    # Casablanca leaves +01 for +00 in Ramadan, which moves 11 days a year.
    found = observances("Africa/Casablanca")
    assert all(rule is None for *_, rule in found)
    assert b"RDATE" not in vtimezone("Africa/Casablanca", SINCE).to_ical()
    zone = zoneinfo.ZoneInfo("Africa/Casablanca")
    for _, local, before, after, _ in found[1:]:
        sign = 1 if before[0] == "+" else -1
        offset = sign * datetime.timedelta(hours=int(before[1:3]), minutes=int(before[3:]))
        instant = (local - offset).replace(tzinfo=UTC)
        assert (instant - datetime.timedelta(seconds=1)).astimezone(zone).strftime("%z") == before
        assert instant.astimezone(zone).strftime("%z") == after
    assert found[-1][1].year == 2087  # the last change tzdata knows; +01 from then on
    assert found[-1][3] == "+0100"


def test_summer_time_alone_is_daylight_even_where_winter_is_the_exception():
    # Dublin's IST is its standard time and winter a negative "dst"; iCalendar readers
    # expect DAYLIGHT for the summer offset only, and here neither is summer time.
    assert [name for name, *_ in observances("Europe/Dublin")] == ["STANDARD"] * 3


ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "Europe/Dublin",
    "America/New_York",
    "America/Santiago",
    "America/Havana",
    "America/St_Johns",
    "America/Nuuk",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "Asia/Tehran",
    "Asia/Jerusalem",
    "Asia/Gaza",
    "Africa/Casablanca",
    "Africa/Cairo",
    "UTC",
]


def offset_read(read, zone, moment):
    """The offset the definition gives the wall-clock time zoneinfo shows at `moment`
    (with PEP 495's fold for the repeated hour: dateutil's own UTC conversion is unreliable
    there)."""
    local = moment.astimezone(zone)
    return local.replace(tzinfo=read).utcoffset()


@pytest.mark.parametrize("key", ZONES)
def test_the_definition_read_back_gives_zoneinfos_offset_around_every_change(key):
    zone = zoneinfo.ZoneInfo(key)
    read = tz.tzical(io.StringIO(vtimezone(key, SINCE).to_ical().decode())).get()
    instant = datetime.datetime(2026, 1, 1, tzinfo=UTC)
    checked = 0
    while instant.year < 2046:
        step = instant + datetime.timedelta(days=1)
        if step.astimezone(zone).utcoffset() != instant.astimezone(zone).utcoffset():
            # Quarter-hour by quarter-hour through the day of the change.
            for quarter in range(4 * 25):
                moment = instant + datetime.timedelta(minutes=15 * quarter)
                assert offset_read(read, zone, moment) == moment.astimezone(zone).utcoffset()
                checked += 1
        if instant.day == 1:
            assert offset_read(read, zone, instant) == instant.astimezone(zone).utcoffset()
        instant = step
    assert checked or key in ("Asia/Kolkata", "Asia/Tehran", "UTC")
