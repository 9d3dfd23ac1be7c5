"""The feed read by calendar libraries Kindred did not write, compared instant by instant
with connection.lib.occurrences, across the 2026 clock changes and in 2038."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from plans.services import calendar_feed_get
from tests.plans.calendar_readers import icaljs_install, icaljs_starts, vobject_starts

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Adelaide", "Asia/Kolkata"]
# Zones whose rules take another shape: Ramadan (Casablanca), "Sunday on or after the 2nd"
# at 24:00 (Santiago), "Friday on or after the 23rd" (Jerusalem), a half-hour change (Lord
# Howe), summer time abolished (Tehran). (vobject takes a zone at +00 in winter, such as
# Dublin, for UTC and then reads it by name, so such zones would not test the definition.)
MORE_ZONES = [
    "Africa/Casablanca",
    "America/Santiago",
    "Asia/Jerusalem",
    "Australia/Lord_Howe",
    "Asia/Tehran",
]
YEARS = {
    "2026": (datetime.datetime(2026, 1, 1, tzinfo=UTC), datetime.datetime(2027, 1, 1, tzinfo=UTC)),
    "2038": (datetime.datetime(2038, 1, 1, tzinfo=UTC), datetime.datetime(2039, 1, 1, tzinfo=UTC)),
}
CREATED = datetime.datetime(2025, 12, 20, 12, 0, tzinfo=UTC)
SUNDAY = 6
# 02:30 is skipped by the spring change in Berlin, New York and Adelaide and happens twice
# on the autumn change in Berlin and Adelaide; 01:30 happens twice in New York's autumn.
# All those changes fall on Sundays: the 2nd (New York, March), the 1st (New York,
# November; Adelaide, April and October) and the last (Berlin).
RITUALS = {
    "daily at 02:30": {"cadence": "daily", "weekdays": [], "local_time": datetime.time(2, 30)},
    "daily at 01:30": {"cadence": "daily", "weekdays": [], "local_time": datetime.time(1, 30)},
    "Sundays at 02:30": {"weekdays": [SUNDAY], "local_time": datetime.time(2, 30)},
    "Mon, Wed, Fri at 19:00": {"weekdays": [0, 2, 4], "local_time": datetime.time(19)},
    "3 times a week at 07:15": {
        "cadence": "times_per_week",
        "times_per_week": 3,
        "local_time": datetime.time(7, 15),
    },
    "2nd Sunday at 02:30": {
        "cadence": "monthly",
        "weekdays": [SUNDAY],
        "month_week": 2,
        "local_time": datetime.time(2, 30),
    },
    "1st Sunday at 02:30": {
        "cadence": "monthly",
        "weekdays": [SUNDAY],
        "month_week": 1,
        "local_time": datetime.time(2, 30),
    },
    "1st Sunday at 01:30": {
        "cadence": "monthly",
        "weekdays": [SUNDAY],
        "month_week": 1,
        "local_time": datetime.time(1, 30),
    },
    "last Sunday at 02:30": {
        "cadence": "monthly",
        "weekdays": [SUNDAY],
        "month_week": -1,
        "local_time": datetime.time(2, 30),
    },
}


@pytest.fixture(scope="session")
def icaljs():
    icaljs_install()
    return icaljs_starts


@pytest.fixture
def owner_in(make_user, make_ritual):
    """An owner in `zone` with every kind of ritual, all created before 2026."""

    def make(zone):
        owner = make_user(time_zone=zone)
        with time_machine.travel(CREATED, tick=False):
            rituals = [make_ritual(owner, title=name, **f) for name, f in RITUALS.items()]
        return owner, rituals

    return make


def feed(client, owner) -> bytes:
    response = client.get(reverse("calendar_feed", args=[calendar_feed_get(owner=owner).token]))
    assert response.status_code == 200
    return response.content


def differences(expected_by_uid, read_by_uid):
    """How many instants Kindred has, and those a reader misses or adds."""
    compared, missing, extra = 0, [], []
    for uid, want in expected_by_uid.items():
        read = read_by_uid.get(uid, [])
        compared += len(want)
        missing += [(uid, i) for i in sorted(set(want) - set(read))]
        extra += [(uid, i) for i in sorted(set(read) - set(want))]
    return compared, missing, extra


def expected(owner, rituals, start, end, read_by_uid):
    by_title = {ritual.title: ritual for ritual in rituals}
    uids = {uid: by_title[title] for uid, title in read_by_uid.items()}
    assert set(uids.values()) == set(rituals)
    return {uid: ritual.occurrences_between(start, end) for uid, ritual in uids.items()}


def titles(calendar: bytes) -> dict[str, str]:
    import vobject

    return {e.uid.value: e.summary.value for e in vobject.readOne(calendar.decode()).vevent_list}


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("zone", ZONES + MORE_ZONES)
def test_icaljs_and_vobject_read_every_instant_of_the_feed_as_kindred_does(
    client, owner_in, icaljs, zone, year
):
    owner, rituals = owner_in(zone)
    start, end = YEARS[year]
    calendar = feed(client, owner)
    want = expected(owner, rituals, start, end, titles(calendar))
    assert sum(len(v) for v in want.values()) > 300
    for reader, read in [
        ("ical.js", icaljs([calendar], start, end)[0]),
        ("vobject", vobject_starts(calendar, start, end)),
    ]:
        compared, missing, extra = differences(want, read)
        assert not missing and not extra, (
            f"{reader} misses {len(missing)} of {compared} instants and adds {len(extra)}: "
            f"{(missing + extra)[:4]}"
        )


@pytest.mark.parametrize(
    ("zone", "created", "fields", "dtstart", "first"),
    [
        # Created the day before New York skips 02:00-03:00: 02:30 that day is 03:30 EDT.
        (
            "America/New_York",
            datetime.datetime(2026, 3, 7, 12, tzinfo=UTC),
            RITUALS["daily at 02:30"],
            "20260309T023000",
            datetime.datetime(2026, 3, 8, 7, 30, tzinfo=UTC),
        ),
        # Created the day before New York repeats 01:00-02:00: the first 01:30, EDT.
        (
            "America/New_York",
            datetime.datetime(2026, 10, 31, 12, tzinfo=UTC),
            RITUALS["daily at 01:30"],
            "20261102T013000",
            datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
        ),
        # A weekly one whose first Sunday is Berlin's spring change.
        (
            "Europe/Berlin",
            datetime.datetime(2026, 3, 27, 12, tzinfo=UTC),
            RITUALS["Sundays at 02:30"],
            "20260405T023000",
            datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
        ),
    ],
)
def test_a_series_starts_on_a_local_time_that_happens_once_and_keeps_the_earlier_ones(
    client, make_user, make_ritual, icaljs, zone, created, fields, dtstart, first
):
    owner = make_user(time_zone=zone)
    with time_machine.travel(created, tick=False):
        ritual = make_ritual(owner, title="Early", **fields)
    client.force_login(owner)
    single = client.get(reverse("ritual_ics", args=[ritual.pk])).content
    subscribed = feed(client, owner)
    window = (created, created + datetime.timedelta(days=70))
    want = ritual.occurrences_between(*window)
    assert want[0] == first
    for calendar in (single, subscribed):
        assert f"DTSTART;TZID={zone}:{dtstart}\r\n".encode() in calendar
        (read_by_icaljs,) = icaljs([calendar], *window)[0].values()
        (read_by_vobject,) = vobject_starts(calendar, *window).values()
        assert read_by_icaljs == read_by_vobject == want
