"""Odd values in URLs and query strings are answered calmly, never with a 500."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from plans.models import Enrollment

pytestmark = pytest.mark.django_db

ODD_NUMBERS = ["²", "𝟙", "99999999999999999999999"]


@pytest.mark.parametrize("feed_id", ODD_NUMBERS)
def test_a_calendar_feed_id_that_is_not_a_plain_number_is_a_404(client, feed_id):
    response = client.get(reverse("calendar_feed", args=[f"{feed_id}.secret"]))
    assert response.status_code == 404


@time_machine.travel(datetime.datetime(2026, 6, 7, 10, 0, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_day_six_ignores_a_person_that_is_not_a_plain_number(signed_in_client, user, value):
    Enrollment.objects.create(
        owner=user, starts_on=datetime.date(2026, 6, 1), reminder_time=datetime.time(9)
    )
    response = signed_in_client.get(reverse("plan_day", args=[6]), {"person": value})
    assert response.status_code in (200, 404)


def test_a_ritual_with_a_person_id_too_big_for_any_column_is_a_form_error(signed_in_client):
    data = {
        "title": "Tuesday call",
        "cadence": "weekly",
        "weekdays": ["1"],
        "local_time": "19:00",
        "duration_minutes": "30",
        "channel": "call",
        "reminder_lead_minutes": "30",
        "people": ["99999999999999999999"],
    }
    response = signed_in_client.post(reverse("ritual_new"), data)
    assert response.status_code == 200
    assert "is not a valid value" in response.context["form"].errors["people"][0]
