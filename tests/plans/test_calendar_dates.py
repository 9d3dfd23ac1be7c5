"""Important dates in the calendar feed: yearly all-day events that ical.js and vobject
expand to the days Kindred means, 29 February on the 28th in common years."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from landscape.models import ImportantDate, Person
from plans.calendar import uid
from plans.services import calendar_feed_get
from tests.landscape.factories import HOSTILE_NAME
from tests.plans.calendar_readers import icaljs_days, icaljs_install, vobject_days

pytestmark = pytest.mark.django_db

CREATED = datetime.datetime(2026, 1, 5, 12, 0, tzinfo=datetime.UTC)
FIRST, LAST = datetime.date(2026, 1, 1), datetime.date(2105, 12, 31)


@pytest.fixture(scope="session")
def icaljs_ready():
    icaljs_install()


def feed(client, owner) -> bytes:
    response = client.get(reverse("calendar_feed", args=[calendar_feed_get(owner=owner).token]))
    assert response.status_code == 200
    return response.content


def dates_of(owner, make_person, **person_fields):
    maya = make_person(owner, name="Maya", **person_fields)
    with time_machine.travel(CREATED, tick=False):
        return {
            "leap birthday": ImportantDate.objects.create(
                owner=owner, person=maya, month=2, day=29, year=1992
            ),
            "anniversary": ImportantDate.objects.create(
                owner=owner, person=maya, kind="other", label="The day we met", month=12, day=31
            ),
            "spring": ImportantDate.objects.create(
                owner=owner,
                person=make_person(owner, name="Noor"),
                month=3,
                day=29,  # Berlin's clock change in 2026: an all-day event does not move
            ),
        }


def expected(date) -> list[datetime.date]:
    return [date.occurs_in(year) for year in range(FIRST.year, LAST.year + 1)]


def test_icaljs_and_vobject_read_each_date_on_its_day_every_year(
    client, user, make_person, icaljs_ready
):
    dates = dates_of(user, make_person)
    calendar = feed(client, user)
    want = {uid(f"date-{date.pk}"): expected(date) for date in dates.values()}
    leap = want[uid(f"date-{dates['leap birthday'].pk}")]
    assert datetime.date(2026, 2, 28) in leap and datetime.date(2028, 2, 29) in leap
    assert datetime.date(2100, 2, 28) in leap  # 2100 is not a leap year
    for reader, read in [
        ("ical.js", icaljs_days(calendar, FIRST, LAST)),
        ("vobject", vobject_days(calendar, FIRST, LAST)),
    ]:
        got = {uid: days for uid, days in read.items() if uid.startswith("date-")}
        assert got == want, reader


def test_a_date_is_a_yearly_all_day_event_with_its_person_in_the_title(client, user, make_person):
    dates = dates_of(user, make_person)
    calendar = feed(client, user).decode()
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2\r\n" in calendar
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=12\r\n" in calendar
    assert "DTSTART;VALUE=DATE:20260228\r\n" in calendar
    assert "SUMMARY:Maya's birthday\r\n" in calendar
    assert "SUMMARY:Maya: The day we met\r\n" in calendar
    assert "TRANSP:TRANSPARENT" in calendar
    spring = dates["spring"].pk
    assert f"UID:{uid(f'date-{spring}')}" in calendar


def test_an_edited_date_raises_its_sequence(client, user, make_person):
    from landscape.forms import ImportantDateForm
    from landscape.services import important_date_save

    date = dates_of(user, make_person)["anniversary"]
    data = {"kind": "other", "label": "We met", "day": "30", "month": "12"}
    data |= {"year": "", "remind_days_before": "3"}
    form = ImportantDateForm(data, instance=date)
    assert form.is_valid(), form.errors
    important_date_save(form=form, person=date.person, owner=user)
    import vobject

    [event] = [
        e
        for e in vobject.readOne(feed(client, user).decode()).vevent_list
        if e.uid.value == uid(f"date-{date.pk}")
    ]
    assert (event.sequence.value, event.summary.value) == ("1", "Maya: We met")


def test_the_feed_keeps_dates_of_draining_people_but_not_of_archived_or_others(
    client, user, other_user, make_person
):
    dates = dates_of(user, make_person, energy="draining")
    archived = make_person(user, name="Gone", archived_at=CREATED)
    ImportantDate.objects.create(owner=user, person=archived, month=5, day=5)
    theirs = make_person(other_user, name="Theirs")
    ImportantDate.objects.create(owner=other_user, person=theirs, month=5, day=6)
    Person.objects.filter(name="Noor").update(status="estranged")

    calendar = feed(client, user).decode()
    assert calendar.count("BEGIN:VEVENT") == len(dates)
    assert "Gone" not in calendar and "Theirs" not in calendar


def test_names_in_the_feed_are_escaped_text(client, user, make_person):
    maya = make_person(user, name="Maya;\nX-EVIL:1," + HOSTILE_NAME[:40])
    ImportantDate.objects.create(owner=user, person=maya, month=4, day=1)
    calendar = feed(client, user).decode()
    assert "\nX-EVIL" not in calendar
    import vobject

    [event] = vobject.readOne(calendar).vevent_list
    assert event.summary.value.startswith("Maya;\nX-EVIL:1,<script>")
