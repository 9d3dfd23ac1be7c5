import datetime

import pytest
import time_machine
from django.urls import reverse

from landscape.models import Interaction, Person
from landscape.services import interaction_log
from tests.landscape.factories import HOSTILE_NAME, person

pytestmark = pytest.mark.django_db


def test_people_list_shows_only_my_people_and_filters_them(signed_in_client, user, other_user):
    person(user, "Ana", energy="energizing", kind="friend")
    person(user, "Max", energy="draining", kind="colleague")
    person(other_user, "Secret of Grace")

    page = signed_in_client.get(reverse("people")).content.decode()
    assert "Ana" in page and "Max" in page and "Secret of Grace" not in page

    energizing = signed_in_client.get(reverse("people"), {"energy": "energizing"}).content.decode()
    assert "Ana" in energizing and "Max" not in energizing
    draining = signed_in_client.get(reverse("people"), {"energy": "draining"}).content.decode()
    assert "Max" in draining and "Ana" not in draining
    colleagues = signed_in_client.get(reverse("people"), {"kind": "colleague"}).content.decode()
    assert "Max" in colleagues and "Ana" not in colleagues
    found = signed_in_client.get(reverse("people"), {"q": "an"}).content.decode()
    assert "Ana" in found and "Max" not in found


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC))
def test_overdue_filter_follows_the_wished_frequency(signed_in_client, user):
    late = person(user, "Late Lou", contact_wished="weekly")
    person(user, "Recent Rae", contact_wished="weekly")
    person(user, "No-goal Noor", contact_wished="no_goal")
    interaction_log(owner=user, occurred_on=datetime.date(2026, 6, 1), people=[late])
    Person.objects.filter(name="Recent Rae").update(last_contact_on=datetime.date(2026, 6, 12))
    Person.objects.filter(name="No-goal Noor").update(last_contact_on=datetime.date(2020, 1, 1))

    page = signed_in_client.get(reverse("people"), {"overdue": "on"}).content.decode()
    assert "Late Lou" in page
    assert "Recent Rae" not in page and "No-goal Noor" not in page


def test_adding_a_person_keeps_what_was_typed_when_the_name_is_blank(signed_in_client, user):
    response = signed_in_client.post(
        reverse("person_new"), {"name": "   ", "kind": "mentor", "notes": "met at the library"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please give a name" in page
    assert "met at the library" in page
    assert 'value="mentor" selected' in page
    assert not Person.objects.exists()


def test_adding_and_editing_a_person_saves_every_field(signed_in_client, user):
    fields = {
        "name": "Ana",
        "kind": "friend",
        "closeness": "inner",
        "energy": "energizing",
        "needs_met": ["fun", "deep_conversation"],
        "reciprocity": "balanced",
        "contact_now": "monthly",
        "contact_wished": "weekly",
        "channels": ["call", "in_person"],
        "status": "active",
        "notes": "Loves hiking",
    }
    response = signed_in_client.post(reverse("person_new"), fields)
    ana = Person.objects.get(owner=user)
    assert response.url == reverse("person_detail", args=[ana.pk])
    assert ana.needs_met == ["fun", "deep_conversation"] and ana.channels == ["call", "in_person"]

    signed_in_client.post(
        reverse("person_edit", args=[ana.pk]), {**fields, "energy": "mixed", "status": "paused"}
    )
    ana.refresh_from_db()
    assert (ana.energy, ana.status) == ("mixed", "paused")


def test_hostile_long_rtl_and_emoji_names_are_stored_whole_and_shown_escaped(
    signed_in_client, user
):
    someone = person(user, HOSTILE_NAME, notes="<b>bold?</b> " + "x" * 1200)
    assert Person.objects.get().name == HOSTILE_NAME
    for url in (reverse("people"), reverse("person_detail", args=[someone.pk])):
        page = signed_in_client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert" in page
        assert "Zoë 🌻 שרה" in page
    detail = signed_in_client.get(reverse("person_detail", args=[someone.pk])).content.decode()
    assert "&lt;b&gt;bold?&lt;/b&gt;" in detail


def test_archive_hides_a_person_from_the_list_and_restore_brings_them_back(signed_in_client, user):
    ana = person(user, "Ana")
    signed_in_client.post(reverse("person_archive", args=[ana.pk]))
    ana.refresh_from_db()
    assert ana.archived_at is not None
    link = reverse("person_detail", args=[ana.pk])
    assert link not in signed_in_client.get(reverse("people")).content.decode()
    assert link in signed_in_client.get(reverse("people"), {"archived": "1"}).content.decode()
    signed_in_client.post(reverse("person_archive", args=[ana.pk]))
    ana.refresh_from_db()
    assert ana.archived_at is None


def test_delete_asks_first_then_removes_the_person_but_keeps_the_logged_connection(
    signed_in_client, user
):
    ana = person(user, "Ana")
    interaction_log(owner=user, occurred_on=datetime.date(2026, 1, 2), people=[ana])
    assert signed_in_client.get(reverse("person_delete", args=[ana.pk])).status_code == 200
    assert Person.objects.filter(pk=ana.pk).exists()
    response = signed_in_client.post(reverse("person_delete", args=[ana.pk]))
    assert response.url == reverse("people")
    assert not Person.objects.filter(pk=ana.pk).exists()
    assert Interaction.objects.get().people.count() == 0


def test_detail_shows_the_recent_feeling_trend_beside_the_declared_energy(signed_in_client, user):
    ana = person(user, "Ana", energy="energizing")
    today = datetime.date.today()
    for feeling in ("drained", "drained", "drained", "neutral"):
        interaction_log(owner=user, occurred_on=today, people=[ana], feeling=feeling)
    page = signed_in_client.get(reverse("person_detail", args=[ana.pk])).content.decode()
    assert "mostly drained (0 energized, 1 neutral, 3 drained)" in page
    assert "differs from the energy you declared" in page


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("person_detail", "get"),
        ("person_edit", "get"),
        ("person_edit", "post"),
        ("person_archive", "post"),
        ("person_delete", "get"),
        ("person_delete", "post"),
    ],
)
def test_another_users_person_is_a_404_on_every_person_url(
    signed_in_client, other_user, name, method
):
    theirs = person(other_user, "Grace's friend")
    response = getattr(signed_in_client, method)(reverse(name, args=[theirs.pk]), {"name": "x"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Grace's friend" and theirs.archived_at is None


def test_people_pages_need_signing_in(client):
    response = client.get(reverse("people"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
