"""Links in reminder emails: they act without a session, once, and only for their owner
(on the keep-in-touch nudge, a real kind; its "We connected" page is tested in
tests/landscape/test_reminder_views.py)."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.test import Client

from landscape.models import Interaction
from reminders import links
from reminders.models import ReminderPreferences, ReminderSchedule
from tests.landscape.factories import PersonFactory
from tests.landscape.nudges import TEN_AM, ZONE
from tests.reminders.conftest import link, local, path

pytestmark = pytest.mark.django_db


def test_snooze_moves_the_next_nudge_three_days_on_and_twice_is_harmless(nudge, client):
    text, delivery, _ = nudge
    url = path(re.search(r"3 days: (\S+)", text).group(1))
    assert "Remind you again in 3 days?" in client.get(url).content.decode()
    for _ in range(2):
        assert client.post(url).status_code == 200
    schedule = ReminderSchedule.objects.get(kind="nudge")
    assert schedule.due_at == local(ZONE, 2026, 5, 7, 10, 0)


def test_forged_expired_and_foreign_action_links_are_refused_and_change_nothing(
    nudge, client, other_user
):
    text, delivery, jonas = nudge
    good = path(link(text, "We connected"))
    forged = good.replace("/r/", "/r/x")
    payload = {"d": delivery.pk, "u": other_user.pk, "a": "connected", "t": f"person:{jonas.pk}"}
    other_owner = signing.dumps(payload, salt=links.ACTION_SALT, compress=True)
    other_person = PersonFactory(owner=other_user, name="Grace's friend")
    foreign_target = links.action_token(
        delivery=delivery, action="connected", target=f"person:{other_person.pk}"
    )
    wrong_purpose = links.unsubscribe_token(owner_id=delivery.schedule.owner_id, kind="nudge")

    for url in (forged, f"/r/{other_owner}/", f"/r/{foreign_target}/", f"/r/{wrong_purpose}/"):
        assert client.post(url, {"channel": "call"}).status_code == 400, url

    with time_machine.travel(TEN_AM + datetime.timedelta(days=15), tick=False):
        expired = client.post(good, {"channel": "call"})
    assert expired.status_code == 400
    assert "This link has expired." in expired.content.decode()
    assert Interaction.objects.filter(people=jonas).count() == 0


def test_one_click_unsubscribe_post_works_without_a_session_or_csrf_token(nudge, user):
    text, delivery, _ = nudge
    message_url = path(link(text, "Stop these emails"))
    mail_client = Client(enforce_csrf_checks=True)

    page = mail_client.get(message_url)
    assert "Stop keep-in-touch nudges emails?" in page.content.decode()
    assert not ReminderPreferences.objects.filter(owner=user).exists()

    for _ in range(2):
        response = mail_client.post(message_url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    preferences = ReminderPreferences.objects.get(owner=user)
    assert (preferences.nudge_on, preferences.ritual_on) == (False, True)


def test_unsubscribe_from_everything_switches_every_kind_off(nudge, user, client):
    text, _, _ = nudge
    client.post(path(link(text, "Stop every reminder")))
    preferences = ReminderPreferences.objects.get(owner=user)
    assert not any(
        (
            preferences.plan_day_on,
            preferences.ritual_on,
            preferences.nudge_on,
            preferences.reflection_on,
        )
    )


def test_forged_and_expired_unsubscribe_links_are_refused(user, client):
    with time_machine.travel(TEN_AM, tick=False):
        token = links.unsubscribe_token(owner_id=user.pk, kind="nudge")
        assert client.post(f"/email/unsubscribe/{token}x/").status_code == 400
    with time_machine.travel(TEN_AM + datetime.timedelta(days=91), tick=False):
        assert client.post(f"/email/unsubscribe/{token}/").status_code == 400
    assert not ReminderPreferences.objects.filter(owner=user).exists()
