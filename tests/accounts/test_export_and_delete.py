import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db.models import ForeignKey, OneToOneField

from accounts.models import User
from landscape.models import Person
from landscape.services import interaction_log
from tests.landscape.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _owned_rows(user):
    """Every row in every model that points at the user, counted per model."""
    counts = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, ForeignKey | OneToOneField) and field.related_model is User:
                n = model.objects.filter(**{field.name: user.pk}).count()
                if n:
                    counts[model._meta.label] = counts.get(model._meta.label, 0) + n
    return counts


def _seed(user, name):
    friend = PersonFactory(owner=user, name=name)
    interaction_log(
        owner=user, occurred_on=datetime.date(2026, 11, 20), people=[friend], note="tea"
    )
    return friend


def test_export_holds_my_data_and_nobody_elses(signed_in_client, user, other_user):
    _seed(user, "Maya <b>bold</b> 🌷")
    _seed(other_user, "Someone else entirely")

    response = signed_in_client.post("/account/export/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="kindred-export-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "ada@example.com"
    assert data["account"]["time_zone"] == "Europe/Berlin"
    assert [p["name"] for p in data["people"]] == ["Maya <b>bold</b> 🌷"]
    assert [i["note"] for i in data["interactions"]] == ["tea"]
    assert "Someone else" not in response.content.decode()
    assert "grace@example.com" not in response.content.decode()
    assert "password" not in data["account"]


def test_export_page_needs_sign_in_and_a_post(signed_in_client):
    from django.test import Client

    assert Client().post("/account/export/").status_code == 302
    page = signed_in_client.get("/account/export/")
    assert page.status_code == 200
    assert b"Download my data" in page.content


def test_delete_asks_for_the_password_again_first(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-Passw0rd"})
    response = client.get("/account/delete/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert client.post("/account/delete/", {"confirm": "on"}).status_code == 302
    assert User.objects.filter(pk=user.pk).exists()


def _recently_authenticated_client(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-Passw0rd"})
    confirmed = client.post("/accounts/reauthenticate/", {"password": "a-long-Passw0rd"})
    assert confirmed.status_code == 302
    return client


def test_deleting_removes_every_owned_row_ends_sessions_and_confirms_by_email(
    client, user, other_user, smtp_sink, django_capture_on_commit_callbacks
):
    _seed(user, "Maya")
    _seed(other_user, "Omar")
    _recently_authenticated_client(client, user)
    assert UserSession.objects.filter(user=user).exists()
    assert _owned_rows(user)

    page = client.get("/account/delete/")
    assert page.status_code == 200
    refused = client.post("/account/delete/", {})
    assert b"Please tick the box" in refused.content
    assert User.objects.filter(pk=user.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/delete/", {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/account/deleted/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert _owned_rows(user) == {}
    assert not EmailAddress.objects.filter(email="ada@example.com").exists()
    assert not Person.objects.filter(name="Maya").exists()
    assert Person.objects.filter(name="Omar").exists()  # nobody else's data is touched
    assert Session.objects.count() == 0  # the only signed-in session was Ada's
    assert client.get("/today/").status_code == 302  # signed out
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "ada@example.com"
    assert "deleted" in message["Subject"]
    assert "Message-ID" in message


def test_deleting_ends_the_users_other_sessions_too(client, user):
    from django.test import Client

    elsewhere = Client()
    _recently_authenticated_client(elsewhere, user)
    elsewhere.get("/today/")
    _recently_authenticated_client(client, user)

    client.post("/account/delete/", {"confirm": "on"})

    assert elsewhere.get("/today/").status_code == 302
