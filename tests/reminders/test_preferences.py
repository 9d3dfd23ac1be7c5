import datetime

import pytest
import time_machine
from django.urls import reverse

from reminders.models import Delivery, DeliveryState, ReminderPreferences, ReminderSchedule
from reminders.services import schedule_upsert
from tests.reminders.conftest import local

pytestmark = pytest.mark.django_db

URL = "/account/reminders/"
VALID = {
    "ritual_on": "on",
    "nudge_on": "on",
    "nudge_time": "08:15",
    "reflection_weekday": "6",
    "reflection_time": "18:00",
    "quiet_start": "22:00",
    "quiet_end": "07:00",
    "daily_cap": "3",
    "paused_until": "",
}


def test_the_page_needs_a_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_account_settings_link_to_reminder_preferences(signed_in_client):
    assert URL in signed_in_client.get(reverse("account_settings")).content.decode()


def test_saving_preferences_moves_the_nudge_to_the_new_time(user, signed_in_client):
    with time_machine.travel(local("Europe/Berlin", 2026, 5, 4, 7, 0), tick=False):
        schedule_upsert(owner=user, kind="nudge", source_key="nudges")
        response = signed_in_client.post(URL, VALID)
    assert response.status_code == 302
    preferences = ReminderPreferences.objects.get(owner=user)
    assert (preferences.plan_day_on, preferences.daily_cap) == (False, 3)
    assert preferences.quiet_start == datetime.time(22, 0)
    schedule = ReminderSchedule.objects.get(kind="nudge")
    assert schedule.due_at == local("Europe/Berlin", 2026, 5, 4, 8, 15)


def test_bad_input_is_explained_and_what_was_typed_stays(user, signed_in_client):
    data = {**VALID, "quiet_end": "", "daily_cap": "0", "paused_until": "2001-01-01"}
    response = signed_in_client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give both times of your quiet hours, or neither." in page
    assert "Choose a number from 1 to 20." in page
    assert "Pick today or a later day" in page
    assert 'value="22:00"' in page
    assert not ReminderPreferences.objects.filter(owner=user).exists()


def test_the_page_tells_when_the_last_email_went_out_and_what_failed(user, signed_in_client):
    schedule = schedule_upsert(owner=user, kind="nudge", source_key="nudges")
    monday_6pm = local("Europe/Berlin", 2026, 5, 4, 18, 0)
    Delivery.objects.create(
        schedule=schedule, due_at=monday_6pm, state=DeliveryState.SENT, sent_at=monday_6pm
    )
    page = signed_in_client.get(URL).content.decode()
    assert "Last email sent: keep-in-touch nudges, on Monday 4 May at 18:00." in page
    assert "No reminder has failed." in page

    Delivery.objects.create(
        schedule=schedule,
        due_at=monday_6pm + datetime.timedelta(days=1),
        state=DeliveryState.FAILED,
        last_error="The mail server refused the address (550 no such user).",
    )
    page = signed_in_client.get(URL).content.decode()
    assert "Something went wrong" in page
    assert "Tuesday 5 May at 18:00" in page
    assert "The mail server refused the address (550 no such user)." in page


def test_the_page_needs_the_same_queries_however_many_emails_were_sent(user, signed_in_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    schedule = schedule_upsert(owner=user, kind="nudge", source_key="nudges")
    first = local("Europe/Berlin", 2026, 5, 4, 10, 0)

    def queries_with(count):
        Delivery.objects.bulk_create(
            Delivery(
                schedule=schedule,
                due_at=first + datetime.timedelta(days=day),
                state=DeliveryState.SENT if day % 2 else DeliveryState.FAILED,
                sent_at=first + datetime.timedelta(days=day),
            )
            for day in range(Delivery.objects.count(), count)
        )
        with CaptureQueriesContext(connection) as captured:
            assert signed_in_client.get(URL).status_code == 200
        return len(captured)

    signed_in_client.get(URL)  # the first request of a session also records the session
    assert queries_with(2) == queries_with(40)
