"""Odd values in query strings are answered calmly, never with a 500."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["²", "𝟙", "99999999999999999999999"])
def test_log_connection_ignores_a_person_that_is_not_a_plain_number(signed_in_client, value):
    response = signed_in_client.get(reverse("log_connection"), {"person": value})
    assert response.status_code == 200


def test_a_person_id_too_big_for_any_column_is_a_form_error(signed_in_client):
    data = {"occurred_on": "2026-01-05", "people": ["99999999999999999999"], "channel": "call"}
    response = signed_in_client.post(reverse("log_connection"), data)
    assert response.status_code == 200
    assert "is not a valid value" in response.context["form"].errors["people"][0]
