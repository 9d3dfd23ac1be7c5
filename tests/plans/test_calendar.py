"""The calendar feed and the per-ritual .ics, parsed back and their recurrences expanded
(with dateutil and the IANA zone by name; tests/plans/test_calendar_clients.py reads them
with clients that use only the file's VTIMEZONE)."""

import datetime
import zoneinfo

import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.urls import reverse
from icalendar import Calendar

from plans.models import CalendarFeed
from plans.services import calendar_feed_get, enrollment_start

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
CREATED = datetime.datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
HOST = "kindred.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = f"https://{HOST}"


def uid(name):
    return f"{name}@{HOST}"


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def dates(event, name):
    values = event.get(name, [])
    for value in values if isinstance(values, list) else [values]:
        yield from (d.dt for d in value.dts)


def expand(event, start, end):
    """Every start of a recurring event in [start, end), as UTC."""
    dtstart = event.decoded("DTSTART")
    rules = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dtstart, forceset=True, unfold=True)
    for instant in dates(event, "RDATE"):
        rules.rdate(instant)
    for instant in dates(event, "EXDATE"):
        rules.exdate(instant)
    found = rules.between(start, end, inc=True)
    return [instant.astimezone(UTC) for instant in found if instant.astimezone(UTC) < end]


def feed_url(user):
    return reverse("calendar_feed", args=[calendar_feed_get(owner=user).token])


@pytest.fixture
def rituals(user, make_ritual, make_person):
    with time_machine.travel(CREATED, tick=False):
        return {
            "tuesday": make_ritual(
                user, people=[make_person(user, name="Maya <3")], title="Call, Maya; \\ ok"
            ),
            "daily": make_ritual(
                user,
                title="Gratitude",
                cadence="daily",
                weekdays=[],
                local_time=datetime.time(2, 30),
            ),
            "last_sunday": make_ritual(
                user, title="Club", cadence="monthly", weekdays=[6], month_week=-1
            ),
            "spread": make_ritual(
                user, title="Walk", cadence="times_per_week", times_per_week=3, weekdays=[0, 2, 4]
            ),
            "paused": make_ritual(user, title="Paused one", is_active=False),
        }


def test_the_feed_holds_active_rituals_as_recurring_events_in_the_users_zone(client, user, rituals):
    cal = parse(client.get(feed_url(user)))
    found = events(cal)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    tuesday = found[uid(f"ritual-{rituals['tuesday'].pk}")]
    assert tuesday["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert tuesday.decoded("DTSTART") == datetime.datetime(
        2026, 9, 1, 19, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin")
    )
    assert tuesday["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert str(tuesday["SUMMARY"]) == "Call, Maya; \\ ok"
    assert "With Maya <3" in str(tuesday["DESCRIPTION"])
    assert tuesday.decoded("DURATION") == datetime.timedelta(minutes=30)
    assert found[uid(f"ritual-{rituals['last_sunday'].pk}")]["RRULE"].to_ical() == (
        b"FREQ=MONTHLY;BYDAY=-1SU"
    )
    assert found[uid(f"ritual-{rituals['spread'].pk}")]["RRULE"].to_ical() == (
        b"FREQ=WEEKLY;BYDAY=MO,WE,FR"
    )
    # Paused before its first time: nothing to keep in a calendar.
    assert uid(f"ritual-{rituals['paused'].pk}") not in found


@pytest.mark.parametrize("name", ["tuesday", "daily", "last_sunday", "spread"])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        # EU autumn change 2026-10-25, US autumn change 2026-11-01.
        (datetime.datetime(2026, 10, 18, tzinfo=UTC), datetime.datetime(2026, 11, 8, tzinfo=UTC)),
        # EU spring change 2027-03-28 (the plan's own 2026 spring changes are before creation).
        (datetime.datetime(2027, 3, 20, tzinfo=UTC), datetime.datetime(2027, 4, 5, tzinfo=UTC)),
    ],
)
def test_expanding_the_feed_gives_the_same_instants_as_the_ritual(
    client, user, rituals, name, start, end
):
    ritual = rituals[name]
    event = events(parse(client.get(feed_url(user))))[uid(f"ritual-{ritual.pk}")]
    assert expand(event, start, end) == ritual.occurrences_between(start, end)
    assert ritual.occurrences_between(start, end)


def test_the_daily_0230_ritual_moves_forward_on_the_spring_change_day_in_both(
    client, user, rituals
):
    event = events(parse(client.get(feed_url(user))))[uid(f"ritual-{rituals['daily'].pk}")]
    day = (datetime.datetime(2027, 3, 28, tzinfo=UTC), datetime.datetime(2027, 3, 29, tzinfo=UTC))
    assert expand(event, *day) == [datetime.datetime(2027, 3, 28, 1, 30, tzinfo=UTC)]  # 03:30 CEST


def test_the_feed_holds_the_active_plans_days(client, user):
    with time_machine.travel(CREATED, tick=False):
        enrollment = enrollment_start(
            owner=user, starts_on=datetime.date(2026, 9, 2), reminder_time=datetime.time(9)
        )
    found = events(parse(client.get(feed_url(user))))
    days = [found[uid(f"plan-{enrollment.pk}-day-{n}")] for n in range(1, 8)]
    assert [d.decoded("DTSTART") for d in days] == [
        datetime.date(2026, 9, 2) + datetime.timedelta(days=n) for n in range(7)
    ]
    assert str(days[0]["SUMMARY"]) == "Kindred plan, day 1: Three people who lift you up"


def test_a_regenerated_token_replaces_the_old_one(client, signed_in_client, user, rituals):
    old = feed_url(user)
    assert client.get(old).status_code == 200
    assert signed_in_client.post(reverse("calendar")).url == reverse("calendar")
    new = feed_url(user)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert new in signed_in_client.get(reverse("calendar")).content.decode()


@pytest.mark.parametrize("token", ["nonsense", "1.", ".abc", "999.abc", "1.wrong-secret"])
def test_a_malformed_or_unknown_token_is_a_404(client, user, token):
    calendar_feed_get(owner=user)
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_one_users_feed_never_shows_another_users_rituals(client, user, other_user, make_ritual):
    make_ritual(other_user, title="Grace's ritual")
    mine = make_ritual(user, title="Ada's ritual")
    found = events(parse(client.get(feed_url(user))))
    assert list(found) == [uid(f"ritual-{mine.pk}")]
    feed = CalendarFeed.objects.get(owner=user)
    other_feed = calendar_feed_get(owner=other_user)
    assert client.get(f"/calendar/{other_feed.pk}.{feed.secret}.ics").status_code == 404


def test_a_ritual_downloads_as_its_own_ics_with_a_reminder(signed_in_client, rituals):
    ritual = rituals["tuesday"]
    response = signed_in_client.get(reverse("ritual_ics", args=[ritual.pk]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="kindred-ritual-{ritual.pk}.ics"'
    )
    cal = parse(response)
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == uid(f"ritual-{ritual.pk}")
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -datetime.timedelta(minutes=60)


def test_a_new_york_ritual_expands_to_the_same_instants_across_the_us_changes(
    client, user, make_ritual
):
    user.time_zone = "America/New_York"
    user.save()
    with time_machine.travel(CREATED, tick=False):
        ritual = make_ritual(
            user, title="Sunday dinner", weekdays=[6], local_time=datetime.time(1, 30)
        )
    event = events(parse(client.get(feed_url(user))))[uid(f"ritual-{ritual.pk}")]
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    autumn = (
        datetime.datetime(2026, 10, 25, tzinfo=UTC),
        datetime.datetime(2026, 11, 9, tzinfo=UTC),
    )
    # 01:30 happens twice on 2026-11-01: the first one (EDT, 05:30 UTC) is the ritual's.
    assert (
        expand(event, *autumn)
        == ritual.occurrences_between(*autumn)
        == [
            datetime.datetime(2026, 10, 25, 5, 30, tzinfo=UTC),
            datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
            datetime.datetime(2026, 11, 8, 6, 30, tzinfo=UTC),
        ]
    )
    spring = (datetime.datetime(2027, 3, 7, tzinfo=UTC), datetime.datetime(2027, 3, 22, tzinfo=UTC))
    assert expand(event, *spring) == ritual.occurrences_between(*spring)


def test_a_title_with_a_newline_and_separators_is_escaped_in_every_text_property(
    client, signed_in_client, user, make_ritual
):
    title = "Dinner\nwith Maya; Leo, and \\ Sam"
    ritual = make_ritual(user, title=title)
    response = signed_in_client.get(reverse("ritual_ics", args=[ritual.pk]))
    cal = parse(response)
    # One content line, with RFC 5545's escapes (an X- property is text too).
    assert b"\r\nX-WR-CALNAME:Dinner\\nwith Maya\\; Leo\\, and \\\\ Sam\r\n" in response.content
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]) == title
    (event,) = parse(client.get(feed_url(user))).walk("VEVENT")
    assert str(event["SUMMARY"]) == title


def test_a_paused_ritual_has_no_calendar_file_and_its_page_offers_none(
    signed_in_client, user, make_ritual
):
    ritual = make_ritual(user)
    ics = reverse("ritual_ics", args=[ritual.pk])
    page = reverse("ritual_detail", args=[ritual.pk])
    assert ics in signed_in_client.get(page).content.decode()
    signed_in_client.post(reverse("ritual_set_active", args=[ritual.pk]), {"active": "0"})
    assert ics not in signed_in_client.get(page).content.decode()
    assert "Add to calendar" not in signed_in_client.get(page).content.decode()
    assert signed_in_client.get(ics).status_code == 404


def test_the_feed_ends_a_paused_series_at_the_pause_and_a_resume_reopens_it(
    client, signed_in_client, user, make_ritual
):
    with time_machine.travel(CREATED, tick=False):
        ritual = make_ritual(user)  # Tuesdays at 19:00 in Berlin, from 2026-09-01
    toggle = reverse("ritual_set_active", args=[ritual.pk])
    with time_machine.travel(datetime.datetime(2026, 9, 10, tzinfo=UTC), tick=False):
        signed_in_client.post(toggle, {"active": "0"})
    (event,) = events(parse(client.get(feed_url(user)))).values()
    assert event["RRULE"]["UNTIL"] == [datetime.datetime(2026, 9, 8, 17, tzinfo=UTC)]
    assert not event.walk("VALARM")
    autumn = (CREATED, datetime.datetime(2026, 12, 1, tzinfo=UTC))
    assert expand(event, *autumn) == [
        datetime.datetime(2026, 9, 1, 17, tzinfo=UTC),
        datetime.datetime(2026, 9, 8, 17, tzinfo=UTC),
    ]
    with time_machine.travel(datetime.datetime(2026, 10, 1, tzinfo=UTC), tick=False):
        signed_in_client.post(toggle, {"active": "1"})
    (event,) = events(parse(client.get(feed_url(user)))).values()
    assert "UNTIL" not in event["RRULE"]
    assert expand(event, *autumn) == ritual.occurrences_between(*autumn)


def test_each_edit_raises_the_sequence_and_stamps_the_event_with_the_edit_time(
    client, signed_in_client, user, make_ritual
):
    with time_machine.travel(CREATED, tick=False):
        ritual = make_ritual(user)

    def event():
        (found,) = events(parse(client.get(feed_url(user)))).values()
        return found["SEQUENCE"], found.decoded("DTSTAMP"), found.decoded("LAST-MODIFIED")

    assert event() == (0, CREATED, CREATED)
    edit = reverse("ritual_edit", args=[ritual.pk])
    fields = {
        "title": "Tuesday call",
        "description": "",
        "cadence": "weekly",
        "weekdays": ["1"],
        "local_time": "19:00",
        "duration_minutes": "30",
        "channel": ritual.channel,
        "reminder_lead_minutes": "60",
    }
    steps = [
        (edit, {**fields, "local_time": "20:00"}),
        (edit, {**fields, "local_time": "20:00", "title": "Call"}),
        (reverse("ritual_set_active", args=[ritual.pk]), {"active": "0"}),
        (reverse("ritual_set_active", args=[ritual.pk]), {"active": "1"}),
    ]
    for sequence, (url, data) in enumerate(steps, start=1):
        moment = CREATED + datetime.timedelta(weeks=sequence)
        with time_machine.travel(moment, tick=False):
            assert signed_in_client.post(url, data).status_code == 302
        assert event() == (sequence, moment, moment)
    # Saving the form unchanged is no edit: the calendar apps have nothing to update.
    with time_machine.travel(CREATED + datetime.timedelta(weeks=6), tick=False):
        signed_in_client.post(edit, {**fields, "local_time": "20:00", "title": "Call"})
    assert event()[0] == 4


def test_the_uids_name_the_deployment_they_come_from(client, settings, user, make_ritual):
    ritual = make_ritual(user)
    assert list(events(parse(client.get(feed_url(user))))) == [f"ritual-{ritual.pk}@{HOST}"]
    settings.SITE_URL = "https://rituals.other.example:8443"
    assert list(events(parse(client.get(feed_url(user))))) == [
        f"ritual-{ritual.pk}@rituals.other.example"
    ]
