"""Tampered and oversized posts: formsets edit only what they offered, and an account holds at
most KINDRED_MAX_PEOPLE people, whichever page adds them."""

import pytest
from django.urls import reverse

from landscape.models import Assessment, Person
from tests.landscape.factories import person

pytestmark = pytest.mark.django_db


def step_url(step):
    return reverse("assessment_step", args=[step])


def rating(prefix, index, pk=None, energy="energizing"):
    row = {
        f"{prefix}-{index}-energy": energy,
        f"{prefix}-{index}-closeness": "inner",
        f"{prefix}-{index}-contact_now": "weekly",
        f"{prefix}-{index}-contact_wished": "weekly",
    }
    if pk is not None:
        row[f"{prefix}-{index}-id"] = str(pk)
    return row


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_feelings_step_never_creates_people_from_forms_it_did_not_offer(signed_in_client, user):
    ana = person(user, "Ana")
    Assessment.objects.create(owner=user, step="feelings")
    data = {**management("rate", total=3, initial=1), **rating("rate", 0, ana.pk)}
    data.update(rating("rate", 1))
    data.update(rating("rate", 2, energy="draining"))

    response = signed_in_client.post(step_url("feelings"), data)

    assert response.status_code < 500
    assert list(Person.objects.values_list("name", flat=True)) == ["Ana"]


def test_feelings_step_refuses_another_users_and_unknown_ids(signed_in_client, user, other_user):
    person(user, "Ana")
    theirs = person(other_user, "Grace's friend")
    Assessment.objects.create(owner=user, step="feelings")
    data = {
        **management("rate", total=2, initial=2),
        **rating("rate", 0, theirs.pk, energy="draining"),
        **rating("rate", 1, 99_999_999, energy="draining"),
    }

    response = signed_in_client.post(step_url("feelings"), data)

    assert response.status_code < 500
    theirs.refresh_from_db()
    assert theirs.energy == "neutral"
    assert not Person.objects.filter(energy="draining").exists()


def test_one_persons_page_of_the_feelings_step_is_a_404_for_another_users_person(
    signed_in_client, user, other_user
):
    person(user, "Ana")
    theirs = person(other_user, "Grace's friend")
    Assessment.objects.create(owner=user, step="feelings")
    answers = {
        "energy": "draining",
        "closeness": "inner",
        "contact_now": "weekly",
        "contact_wished": "weekly",
    }

    for pk in (theirs.pk, 99_999_999):
        response = signed_in_client.post(reverse("assessment_rate", args=[pk]), answers)
        assert response.status_code == 404

    theirs.refresh_from_db()
    assert theirs.energy == "neutral"


def quick_rows(names):
    data = {**management("add", total=len(names)), "next": "1"}
    for index, name in enumerate(names):
        data[f"add-{index}-name"] = name
        data[f"add-{index}-kind"] = "friend"
    return data


def test_people_step_refuses_more_rows_than_a_page_offers_and_keeps_them(signed_in_client, user):
    names = [f"Person {number}" for number in range(495)]

    response = signed_in_client.post(step_url("people"), quick_rows(names))

    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 20 names at a time" in page
    assert 'value="Person 0"' in page
    assert not Person.objects.exists()


@pytest.fixture
def room_for_three(settings, user):
    settings.KINDRED_MAX_PEOPLE = 3
    person(user, "Ana")
    person(user, "Max", archived_at="2026-01-01T00:00:00Z")


FULL_MESSAGE = "Your map already holds 3 people"


def test_people_step_adds_nobody_past_the_cap_and_says_why(
    signed_in_client, user, other_user, room_for_three
):
    person(other_user, "Not counted for Ada")

    response = signed_in_client.post(step_url("people"), quick_rows(["Lea", "Tom"]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "room for 1 more" in page
    assert 'value="Lea"' in page and 'value="Tom"' in page
    assert Person.objects.filter(owner=user).count() == 2

    assert signed_in_client.post(step_url("people"), quick_rows(["Lea"])).status_code == 302
    assert Person.objects.filter(owner=user).count() == 3


def test_adding_a_person_past_the_cap_is_refused_with_what_was_typed_kept(
    signed_in_client, user, room_for_three
):
    person(user, "Lea")
    data = {
        "name": "Tom",
        "kind": "friend",
        "closeness": "close",
        "energy": "neutral",
        "contact_now": "monthly",
        "contact_wished": "monthly",
        "status": "active",
        "notes": "Met at the choir",
    }

    response = signed_in_client.post(reverse("person_new"), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert FULL_MESSAGE in page
    assert 'value="Tom"' in page and "Met at the choir" in page
    assert Person.objects.filter(owner=user).count() == 3
