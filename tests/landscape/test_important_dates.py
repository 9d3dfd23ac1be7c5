"""A person's birthday and other important dates: what is accepted, the pages that edit
them (owner only), and the export."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landscape.forms import ImportantDateForm
from landscape.models import MOST_DATES_PER_PERSON, ImportantDate
from reminders.models import Kind, ReminderSchedule
from tests.landscape.factories import HOSTILE_NAME

pytestmark = pytest.mark.django_db


def date_form(person, data, instance=None):
    return ImportantDateForm(
        data, instance=instance or ImportantDate(person=person, owner=person.owner)
    )


def fields(**overrides):
    return {
        "kind": "birthday",
        "label": "",
        "day": "14",
        "month": "3",
        "year": "",
        "remind_days_before": "3",
        **overrides,
    }


def add(client, person, **overrides):
    return client.post(reverse("date_new", args=[person.pk]), fields(**overrides))


# --- What is accepted -----------------------------------------------------------------


def test_31_april_is_refused_with_a_clear_message(user, make_person):
    form = date_form(make_person(user), fields(day="31", month="4"))
    assert not form.is_valid()
    assert form.errors["day"] == ["April has no day 31: it has 30 days."]


def test_29_february_is_a_date_without_a_year_and_in_a_leap_year(user, make_person):
    maya = make_person(user)
    assert date_form(maya, fields(day="29", month="2")).is_valid()
    assert date_form(maya, fields(day="29", month="2", year="2024")).is_valid()


def test_29_february_of_a_common_year_is_refused(user, make_person):
    form = date_form(make_person(user), fields(day="29", month="2", year="2023"))
    assert not form.is_valid()
    assert "2023 had no 29 February" in form.errors["year"][0]


def test_30_february_is_refused(user, make_person):
    form = date_form(make_person(user), fields(day="30", month="2"))
    assert form.errors["day"] == ["February has no day 30: it has 29 days."]


def test_another_date_needs_a_name(user, make_person):
    form = date_form(make_person(user), fields(kind="other", label="  "))
    assert form.errors["label"] == ["Give the date a name, such as wedding anniversary."]


@pytest.mark.parametrize("days", ["-1", "61", "three"])
def test_the_reminder_comes_0_to_60_days_before(user, make_person, days):
    form = date_form(make_person(user), fields(remind_days_before=days))
    assert form.errors["remind_days_before"] == ["Give a number of days from 0 to 60."]


def test_a_person_has_at_most_one_birthday(signed_in_client, user, make_person):
    maya = make_person(user)
    assert add(signed_in_client, maya).status_code == 302
    response = add(signed_in_client, maya, day="1", month="5")
    assert response.status_code == 200
    assert "Maya already has a birthday here" in response.content.decode()
    assert ImportantDate.objects.filter(person=maya).count() == 1
    # Editing the one birthday is not a second one.
    birthday = ImportantDate.objects.get(person=maya)
    edit = reverse("date_edit", args=[birthday.pk])
    assert signed_in_client.post(edit, fields(day="15")).status_code == 302


def test_the_database_keeps_one_birthday_per_person_too(user, make_person):
    from django.db import IntegrityError, transaction

    maya = make_person(user)
    ImportantDate.objects.create(owner=user, person=maya, month=3, day=14)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportantDate.objects.create(owner=user, person=maya, month=4, day=1)


def test_a_person_has_a_bounded_number_of_dates(signed_in_client, user, make_person):
    maya = make_person(user)
    ImportantDate.objects.bulk_create(
        ImportantDate(owner=user, person=maya, kind="other", label=f"Day {i}", month=1, day=i + 1)
        for i in range(MOST_DATES_PER_PERSON)
    )
    response = add(signed_in_client, maya, kind="other", label="One more")
    assert response.status_code == 200
    assert f"up to {MOST_DATES_PER_PERSON} dates" in response.content.decode()
    assert ImportantDate.objects.filter(person=maya).count() == MOST_DATES_PER_PERSON


@pytest.mark.parametrize(
    ("month", "day", "year", "falls_on"),
    [
        (2, 29, 2024, datetime.date(2024, 2, 29)),
        (2, 29, 2026, datetime.date(2026, 2, 28)),
        (2, 29, 2100, datetime.date(2100, 2, 28)),  # not a leap year
        (2, 29, 2000, datetime.date(2000, 2, 29)),
        (12, 31, 2026, datetime.date(2026, 12, 31)),
    ],
)
def test_where_a_date_falls_in_a_year(user, make_person, month, day, year, falls_on):
    date = ImportantDate(owner=user, person=make_person(user), month=month, day=day)
    assert date.occurs_in(year) == falls_on


def test_the_next_29_february_after_march_of_a_common_year(user, make_person):
    date = ImportantDate(owner=user, person=make_person(user), month=2, day=29)
    assert date.next_on_or_after(datetime.date(2027, 3, 1)) == datetime.date(2028, 2, 29)
    assert date.next_on_or_after(datetime.date(2026, 2, 28)) == datetime.date(2026, 2, 28)


# --- The pages --------------------------------------------------------------------------


def test_adding_editing_and_deleting_a_date_from_the_person_page(
    signed_in_client, user, make_person
):
    maya = make_person(user)
    page = signed_in_client.get(reverse("person_detail", args=[maya.pk])).content.decode()
    assert "No dates yet" in page and reverse("date_new", args=[maya.pk]) in page

    assert add(signed_in_client, maya, day="29", month="2", year="1992").status_code == 302
    date = ImportantDate.objects.get(person=maya)
    assert (date.owner, date.kind, date.month, date.day, date.year) == (
        user,
        "birthday",
        2,
        29,
        1992,
    )
    schedule = ReminderSchedule.objects.get(owner=user, kind=Kind.IMPORTANT_DATE)
    assert schedule.source_key == f"date:{date.pk}" and schedule.due_at is not None
    page = signed_in_client.get(reverse("person_detail", args=[maya.pk])).content.decode()
    assert "29 February 1992" in page and "(28 February in other years)" in page

    edit = reverse("date_edit", args=[date.pk])
    assert 'value="1992"' in signed_in_client.get(edit).content.decode()
    response = signed_in_client.post(
        edit, fields(kind="other", label="The day we met", day="2", month="9")
    )
    assert response.status_code == 302
    date.refresh_from_db()
    assert (date.kind, date.label, date.month, date.day, date.calendar_sequence) == (
        "other",
        "The day we met",
        9,
        2,
        1,
    )

    delete = reverse("date_delete", args=[date.pk])
    assert "The day we met" in signed_in_client.get(delete).content.decode()
    assert signed_in_client.post(delete).status_code == 302
    assert not ImportantDate.objects.exists()
    assert not ReminderSchedule.objects.filter(kind=Kind.IMPORTANT_DATE).exists()


def test_a_refused_date_keeps_what_was_typed(signed_in_client, user, make_person):
    maya = make_person(user)
    response = add(signed_in_client, maya, kind="other", label="Name day", day="31", month="4")
    page = response.content.decode()
    assert response.status_code == 200
    assert "April has no day 31" in page
    assert 'value="Name day"' in page
    assert '<option value="31" selected>' in page
    assert '<option value="4" selected>' in page
    assert not ImportantDate.objects.exists()


def test_deleting_a_person_takes_their_dates_and_reminders(signed_in_client, user, make_person):
    maya = make_person(user)
    add(signed_in_client, maya)
    signed_in_client.post(reverse("person_delete", args=[maya.pk]))
    assert not ImportantDate.objects.exists()
    assert not ReminderSchedule.objects.filter(kind=Kind.IMPORTANT_DATE).exists()


def test_another_users_dates_and_people_are_404(client, user, other_user, make_person):
    maya = make_person(user)
    date = ImportantDate.objects.create(owner=user, person=maya, month=3, day=14)
    client.force_login(other_user)
    for url in (
        reverse("date_new", args=[maya.pk]),
        reverse("date_edit", args=[date.pk]),
        reverse("date_delete", args=[date.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, fields(day="1")).status_code == 404
    date.refresh_from_db()
    assert date.day == 14


def test_date_forms_need_the_csrf_token(user, make_person):
    maya = make_person(user)
    date = ImportantDate.objects.create(owner=user, person=maya, month=3, day=14)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    for url in (
        reverse("date_new", args=[maya.pk]),
        reverse("date_edit", args=[date.pk]),
        reverse("date_delete", args=[date.pk]),
    ):
        assert browser.post(url, fields(day="1")).status_code == 403
    assert ImportantDate.objects.get().day == 14


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"energy": "draining"}, "is marked as draining"),
        ({"status": "paused"}, "is marked paused"),
        ({"status": "estranged"}, "is marked estranged"),
        ({"status": "grieving"}, "is marked grieving"),
    ],
)
def test_the_person_page_says_when_dates_bring_no_reminder(
    signed_in_client, user, make_person, change, words
):
    maya = make_person(user, **change)
    page = signed_in_client.get(reverse("person_detail", args=[maya.pk])).content.decode()
    assert words in page
    assert "Kindred sends no reminder of these dates and leaves them off Today" in page


def test_the_person_page_says_nothing_of_the_kind_for_someone_reachable(
    signed_in_client, user, make_person
):
    maya = make_person(user)
    page = signed_in_client.get(reverse("person_detail", args=[maya.pk])).content.decode()
    assert "sends no reminder of these dates" not in page


def test_hostile_names_and_labels_are_escaped_on_the_person_page(
    signed_in_client, user, make_person
):
    maya = make_person(user, name=HOSTILE_NAME)
    ImportantDate.objects.create(
        owner=user, person=maya, kind="other", label="<b>x</b>", month=3, day=14
    )
    page = signed_in_client.get(reverse("person_detail", args=[maya.pk])).content.decode()
    assert "<script>alert" not in page and "<b>x</b>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


def test_the_export_holds_each_persons_dates(signed_in_client, user, make_person):
    maya = make_person(user)
    ImportantDate.objects.create(owner=user, person=maya, month=2, day=29, year=1992)
    ImportantDate.objects.create(
        owner=user,
        person=maya,
        kind="other",
        label="Name day",
        month=7,
        day=26,
        remind_days_before=0,
    )
    response = signed_in_client.post(reverse("account_export"))
    data = json.loads(response.content)
    [exported] = data["people"]
    assert exported["important_dates"] == [
        {
            "kind": "birthday",
            "label": "",
            "month": 2,
            "day": 29,
            "year": 1992,
            "remind_days_before": 3,
        },
        {
            "kind": "other",
            "label": "Name day",
            "month": 7,
            "day": 26,
            "year": None,
            "remind_days_before": 0,
        },
    ]


# --- Junk never breaks the form -----------------------------------------------------------

junk = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", "0", "29", "31", "2", "13", "birthday", "other", "\x00", "٣"]),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            name: junk for name in ("kind", "label", "day", "month", "year", "remind_days_before")
        },
    )
)
def test_junk_in_the_date_form_is_answered_never_a_server_error(signed_in_client, user, data):
    from landscape.models import Person

    maya = Person.objects.get_or_create(owner=user, name="Maya")[0]
    response = signed_in_client.post(reverse("date_new", args=[maya.pk]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        date = ImportantDate.objects.get(person=maya)
        date.full_clean()
        date.delete()
