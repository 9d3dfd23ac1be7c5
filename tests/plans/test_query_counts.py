"""Pages and Today's panel make the same number of queries for 1 ritual or 6."""

import datetime

import pytest
import time_machine
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.selectors import today_plans_context
from plans.services import enrollment_start
from tests.plans.factories import CheckInFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 3, 8, 0, tzinfo=UTC)


def add_rituals(user, make_ritual, make_person, count):
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        for i in range(count):
            ritual = make_ritual(
                user,
                people=[make_person(user, name=f"P{i}a"), make_person(user, name=f"P{i}b")],
                title=f"Ritual {i}",
                cadence="daily",
                weekdays=[],
            )
            CheckInFactory(
                ritual=ritual,
                occurrence_at=datetime.datetime(2026, 5, 2, 17, tzinfo=UTC),
                status="done",
            )


def count(action):
    with CaptureQueriesContext(db_connection) as queries:
        action()
    return len(queries)


@time_machine.travel(NOW, tick=False)
def test_the_rituals_page_and_today_do_not_grow_with_the_number_of_rituals(
    signed_in_client, user, make_ritual, make_person
):
    enrollment_start(owner=user, starts_on=NOW.date(), reminder_time=datetime.time(9))
    add_rituals(user, make_ritual, make_person, 1)
    signed_in_client.get(reverse("rituals"))  # the session's first request does extra work
    page_few = count(lambda: signed_in_client.get(reverse("rituals")))
    today_few = count(lambda: today_plans_context(user=user, today=NOW.date()))
    add_rituals(user, make_ritual, make_person, 5)
    assert count(lambda: signed_in_client.get(reverse("rituals"))) == page_few
    assert count(lambda: today_plans_context(user=user, today=NOW.date())) == today_few
    assert today_few <= 6
