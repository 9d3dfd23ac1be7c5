"""The plan's days add people by name; past the account's cap they add nobody and say why."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from landscape.models import Interaction, Person
from plans.models import DayEntry, Enrollment

pytestmark = pytest.mark.django_db

# Noon in Berlin on Sunday 7 June 2026: every day of a plan started on Monday 1 June is open.
SUNDAY_NOON = datetime.datetime(2026, 6, 7, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def full_account(settings, user):
    settings.KINDRED_MAX_PEOPLE = 2
    Enrollment.objects.create(
        owner=user, starts_on=datetime.date(2026, 6, 1), reminder_time=datetime.time(9)
    )
    Person.objects.create(owner=user, name="Leo")
    return Person.objects.create(owner=user, name="Maya")


@time_machine.travel(SUNDAY_NOON, tick=False)
@pytest.mark.parametrize(
    ("number", "typed"),
    [
        (1, {"new_name_1": "Aunt Rosa"}),
        (2, {"new_name": "Neighbour Jo", "channel": "in_person"}),
        (4, {"new_group": "Thursday book club"}),
    ],
)
def test_a_plan_day_adds_nobody_past_the_cap_and_keeps_what_was_typed(
    signed_in_client, user, full_account, number, typed
):
    response = signed_in_client.post(reverse("plan_day", args=[number]), typed)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Your map already holds 2 people" in page
    assert f'value="{next(iter(typed.values()))}"' in page
    assert Person.objects.filter(owner=user).count() == 2
    assert not DayEntry.objects.exists()
    assert not Interaction.objects.exists()
