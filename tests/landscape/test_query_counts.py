"""Pages that list people cost the same number of queries for 10 people as for 200."""

import datetime

import pytest
from django.db import connection as db
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from landscape.models import Person
from landscape.services import interaction_log
from tests.landscape.factories import finished_assessment

pytestmark = pytest.mark.django_db

# Every signed-in page pays for the session, the user and allauth's session tracking
# (a select, the user again, an update, inside a savepoint): at most 7 queries.
SIGNED_IN = 7

ENERGIES = ("energizing", "neutral", "mixed", "draining")
NEEDS = ("fun", "belonging", "deep_conversation", "growth")


def seed(owner, count):
    people = Person.objects.bulk_create(
        Person(
            owner=owner,
            name=f"Person {owner.pk}-{i}",
            energy=ENERGIES[i % 4],
            closeness=("inner", "close", "wider")[i % 3],
            needs_met=[NEEDS[i % 4]],
            contact_wished="weekly",
            contact_now=("weekly", "monthly", "yearly")[i % 3],
        )
        for i in range(count)
    )
    for i, someone in enumerate(people):
        interaction_log(
            owner=owner,
            occurred_on=datetime.date.today() - datetime.timedelta(days=10 + i % 20),
            people=[someone],
            feeling=("energized", "neutral", "drained")[i % 3],
        )
    return finished_assessment(owner, ucla=(3, 3, 2), cravings=["belonging"])


def queries(client, url, params=None):
    client.get(url, params)  # warm any per-process caches
    with CaptureQueriesContext(db) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def small_and_large(make_user, client):
    small, large = make_user(), make_user()
    small_assessment, large_assessment = seed(small, 10), seed(large, 200)
    return (small, small_assessment), (large, large_assessment)


def count_for(client, user, url, params=None):
    client.force_login(user)
    return queries(client, url, params)


@pytest.mark.parametrize(
    "params", [None, {"energy": "energizing"}, {"overdue": "on"}, {"q": "Person", "kind": "friend"}]
)
def test_people_list_query_count_does_not_grow(client, small_and_large, params):
    (small, _), (large, _) = small_and_large
    few = count_for(client, small, reverse("people"), params)
    many = count_for(client, large, reverse("people"), params)
    assert few == many <= SIGNED_IN + 1


def test_results_query_count_does_not_grow(client, small_and_large):
    (small, small_assessment), (large, large_assessment) = small_and_large
    few = count_for(client, small, reverse("assessment_results", args=[small_assessment.pk]))
    many = count_for(client, large, reverse("assessment_results", args=[large_assessment.pk]))
    assert few == many <= SIGNED_IN + 2


def test_today_query_count_does_not_grow(client, small_and_large):
    (small, _), (large, _) = small_and_large
    few = count_for(client, small, reverse("today"))
    many = count_for(client, large, reverse("today"))
    assert few == many <= 10


def test_person_detail_query_count_does_not_grow_with_connections(client, small_and_large):
    (small, _), (large, _) = small_and_large
    someone = Person.objects.filter(owner=large).first()
    for days in range(40):
        interaction_log(
            owner=large,
            occurred_on=datetime.date.today() - datetime.timedelta(days=days),
            people=[someone],
        )
    few_person = Person.objects.filter(owner=small).first()
    few = count_for(client, small, reverse("person_detail", args=[few_person.pk]))
    many = count_for(client, large, reverse("person_detail", args=[someone.pk]))
    assert few == many <= SIGNED_IN + 2


def test_today_query_count_does_not_grow_with_a_cold_cache(client, small_and_large):
    from django.core.cache import cache

    (small, _), (large, _) = small_and_large
    counts = []
    for user in (small, large):
        client.force_login(user)
        client.get(reverse("today"))
        cache.clear()
        with CaptureQueriesContext(db) as captured:
            assert client.get(reverse("today")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 10
