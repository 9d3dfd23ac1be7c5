"""The nudge's "We connected" link: it asks first, logs once, needs no session."""

import datetime

import pytest
from django.test import Client

from landscape.models import Interaction
from tests.reminders.conftest import link, path

pytestmark = pytest.mark.django_db


def test_we_connected_asks_first_then_logs_once_and_resets_the_timer(nudge):
    text, delivery, jonas = nudge
    url = path(link(text, "We connected"))
    browser = Client(enforce_csrf_checks=True)

    confirm = browser.get(url)
    assert confirm.status_code == 200
    assert "Did you connect with Jonas?" in confirm.content.decode()
    assert Interaction.objects.count() == 0

    token = confirm.cookies["csrftoken"].value
    for _ in range(2):
        done = browser.post(url, {"channel": "call", "csrfmiddlewaretoken": token})
        assert done.status_code == 200

    interaction = Interaction.objects.get()
    assert (interaction.channel, list(interaction.people.all())) == ("call", [jonas])
    jonas.refresh_from_db()
    assert jonas.last_contact_on == datetime.date(2026, 5, 4)
    assert "Already noted" in done.content.decode()
