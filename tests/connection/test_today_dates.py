"""Today lists the birthdays and dates of the coming week, on the owner's local days."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection as db
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from landscape.models import ImportantDate
from tests.landscape.factories import HOSTILE_NAME, person

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=UTC), tick=False)


def add(owner, someone, month, day, **fields):
    return ImportantDate.objects.create(owner=owner, person=someone, month=month, day=day, **fields)


def dates_section(client) -> str:
    page = client.get(reverse("today")).content.decode()
    if 'id="dates-heading"' not in page:
        return ""
    return page[
        page.index('id="dates-heading"') : page.index(
            "</section>", page.index('id="dates-heading"')
        )
    ]


def test_today_lists_the_weeks_dates_soonest_first_and_only_of_reachable_people(
    signed_in_client, user, other_user
):
    maya, noor = person(user, "Maya"), person(user, "Noor")
    add(user, maya, 6, 21, year=1986)  # in 6 days: the last day of the week
    add(user, noor, 6, 15, kind="other", label="Name day")  # today
    add(user, person(user, "Ola"), 6, 16, year=2016, kind="other", label="Wedding")  # tomorrow
    add(user, person(user, "Late"), 6, 22)  # in 7 days: next week
    add(user, person(user, "Past"), 6, 14)  # yesterday
    add(user, person(user, "Dee", energy="draining"), 6, 17)
    add(user, person(user, "Pat", status="paused"), 6, 17)
    add(user, person(user, "Eve", status="estranged"), 6, 17)
    add(user, person(user, "Gus", status="grieving"), 6, 17)
    add(user, person(user, "Arch", archived_at=datetime.datetime(2026, 1, 1, tzinfo=UTC)), 6, 17)
    add(other_user, person(other_user, "Gil"), 6, 17)

    with at(2026, 6, 15, 10):  # Monday 15 June in Berlin
        section = dates_section(signed_in_client)

    assert section.index("Noor: Name day") < section.index("Ola: Wedding")
    assert section.index("Ola: Wedding") < section.index("Maya&#x27;s birthday")
    assert "<strong>Today</strong>, 15 June" in section
    assert "<strong>Tomorrow</strong>, 16 June" in section
    assert "<strong>Sunday</strong>, 21 June" in section
    assert "turns 40" in section and "10 years" in section
    for name in ("Late", "Past", "Dee", "Pat", "Eve", "Gus", "Arch", "Gil"):
        assert name not in section


def test_no_dates_section_on_a_week_without_dates(signed_in_client, user):
    add(user, person(user, "Maya"), 9, 1)
    with at(2026, 6, 15, 10):
        assert dates_section(signed_in_client) == ""


@pytest.mark.parametrize(
    ("now", "shown"),
    [
        # 2027 has no 29 February: the birthday is on Sunday the 28th.
        ((2027, 2, 22, 10), "<strong>Sunday</strong>, 28 February"),
        ((2027, 2, 28, 10), "<strong>Today</strong>, 28 February"),
        # 2028 has one.
        ((2028, 2, 28, 10), "<strong>Tomorrow</strong>, 29 February"),
    ],
)
def test_29_february_shows_on_the_28th_in_a_common_year(client, user, now, shown):
    add(user, person(user, "Maya"), 2, 29)
    with at(*now):
        client.force_login(user)  # a session of that day, not one that expired long before
        section = dates_section(client)
    assert shown in section and "Maya&#x27;s birthday" in section


def test_the_day_turns_at_local_midnight_even_with_the_page_cached(signed_in_client, user):
    add(user, person(user, "Maya"), 3, 14)
    # 23:30 on 13 March in Berlin is 22:30 UTC; 00:30 on the 14th is 23:30 UTC.
    with at(2026, 3, 13, 22, 30):
        assert "<strong>Tomorrow</strong>, 14 March" in dates_section(signed_in_client)
    with at(2026, 3, 13, 23, 30):
        assert "<strong>Today</strong>, 14 March" in dates_section(signed_in_client)
    # A week later, with nothing written in between, it is gone.
    with at(2026, 3, 14, 23, 30):
        assert dates_section(signed_in_client) == ""


def test_a_date_added_on_the_person_page_shows_on_a_cached_today(
    signed_in_client, user, django_capture_on_commit_callbacks
):
    maya = person(user, "Maya")
    with at(2026, 6, 15, 10):
        assert dates_section(signed_in_client) == ""  # cached now
        fields = {"kind": "birthday", "label": "", "day": "18", "month": "6", "year": ""}
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in_client.post(
                reverse("date_new", args=[maya.pk]), {**fields, "remind_days_before": "3"}
            )
        assert response.status_code == 302
        assert "<strong>Thursday</strong>, 18 June" in dates_section(signed_in_client)


def test_names_on_today_are_escaped(signed_in_client, user):
    add(user, person(user, HOSTILE_NAME), 6, 16)
    with at(2026, 6, 15, 10):
        section = dates_section(signed_in_client)
    assert "<script>alert" not in section and "&lt;script&gt;alert" in section


def test_todays_query_count_does_not_grow_with_the_number_of_dates(client, make_user):
    counts = []
    for how_many in (1, 40):
        owner = make_user(time_zone="Europe/Berlin")
        for i in range(how_many):
            add(owner, person(owner, f"P{i}"), 6, 15 + i % 7)
        client.force_login(owner)
        with at(2026, 6, 15, 10):
            client.get(reverse("today"))
            cache.clear()
            with CaptureQueriesContext(db) as captured:
                page = client.get(reverse("today")).content.decode()
        assert page.count("birthday</a>") == how_many
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 10
