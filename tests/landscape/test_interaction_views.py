import datetime

import pytest
import time_machine
from django.urls import reverse

from landscape.models import Interaction
from tests.landscape.factories import HOSTILE_NAME, person

pytestmark = pytest.mark.django_db

NOON_IN_BERLIN = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@time_machine.travel(NOON_IN_BERLIN)
def test_logging_a_connection_with_two_people_moves_their_last_contact(signed_in_client, user):
    ana, bo = person(user, "Ana"), person(user, "Bo")
    response = signed_in_client.post(
        reverse("log_connection"),
        {
            "occurred_on": "2026-06-14",
            "people": [ana.pk, bo.pk],
            "channel": "video",
            "feeling": "energized",
            "note": "Sunday call",
        },
    )
    assert response.url == reverse("today")
    interaction = Interaction.objects.get()
    assert set(interaction.people.all()) == {ana, bo}
    assert (interaction.channel, interaction.feeling) == ("video", "energized")
    ana.refresh_from_db()
    assert ana.last_contact_on == datetime.date(2026, 6, 14)


@time_machine.travel(NOON_IN_BERLIN)
def test_a_micro_connection_needs_no_person_but_an_ordinary_one_does(signed_in_client, user):
    form = {"occurred_on": "2026-06-15", "channel": "in_person", "feeling": "energized"}
    response = signed_in_client.post(reverse("log_connection"), {**form, "note": "kept"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pick who you connected with" in page and "kept" in page
    assert not Interaction.objects.exists()

    signed_in_client.post(reverse("log_connection"), {**form, "is_micro": "on"})
    assert Interaction.objects.get().is_micro


@time_machine.travel(NOON_IN_BERLIN)
def test_a_future_day_is_refused_with_a_clear_message(signed_in_client, user):
    ana = person(user, "Ana")
    response = signed_in_client.post(
        reverse("log_connection"),
        {"occurred_on": "2026-06-16", "people": [ana.pk], "channel": "call", "feeling": "neutral"},
    )
    assert "That day has not come yet" in response.content.decode()
    assert not Interaction.objects.exists()


def test_another_users_person_cannot_be_logged_or_preselected(signed_in_client, user, other_user):
    theirs = person(other_user, "Grace's friend")
    page = signed_in_client.get(reverse("log_connection"), {"person": theirs.pk}).content.decode()
    assert "Grace&#x27;s friend" not in page
    response = signed_in_client.post(
        reverse("log_connection"),
        {
            "occurred_on": datetime.date.today().isoformat(),
            "people": [theirs.pk],
            "channel": "call",
            "feeling": "neutral",
        },
    )
    assert response.status_code == 200 and not Interaction.objects.exists()
    quick = {"log": f"{theirs.pk}:neutral", f"channel-{theirs.pk}": "call"}
    assert signed_in_client.post(reverse("quick_log"), quick).status_code == 404
    assert not Interaction.objects.exists()


def test_one_tap_log_from_today_records_person_channel_and_feeling(signed_in_client, user):
    ana = person(user, "Ana")
    response = signed_in_client.post(
        reverse("quick_log"), {"log": f"{ana.pk}:energized", f"channel-{ana.pk}": "call"}
    )
    assert response.url == reverse("today")
    interaction = Interaction.objects.get()
    assert list(interaction.people.all()) == [ana]
    assert (interaction.channel, interaction.feeling) == ("call", "energized")


def test_micro_connection_prompt_logs_without_a_person(signed_in_client, user):
    signed_in_client.post(
        reverse("micro_log"), {"note": "complimented a barista", "feeling": "energized"}
    )
    interaction = Interaction.objects.get()
    assert interaction.is_micro and interaction.note == "complimented a barista"
    assert interaction.people.count() == 0


def test_the_log_form_lists_hostile_names_escaped(signed_in_client, user):
    person(user, HOSTILE_NAME)
    page = signed_in_client.get(reverse("log_connection")).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_with_nobody_on_the_map_who_with_says_so_where_the_choices_would_be(signed_in_client, user):
    page = signed_in_client.get(reverse("log_connection")).content.decode()
    who_with = page.index("Who with")
    note = page.index("Nobody is on your map yet")
    # Right under the label, before the next question, with a way to add someone.
    assert who_with < note < page.index("How did it feel?")
    assert f'<a href="{reverse("person_new")}">add someone</a>' in page

    person(user, "Ana")
    assert (
        "Nobody is on your map yet"
        not in signed_in_client.get(reverse("log_connection")).content.decode()
    )
