"""Whether an address has a Kindred account is private: sign-up and password reset answer
the same whatever the address, and only the address's owner learns more, by email."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from accounts.models import User

pytestmark = pytest.mark.django_db


def _sign_up(email):
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": "another-Long-pass-9",
            "display_name": "Sam",
            "time_zone": "Europe/Lisbon",
        },
        follow=True,
    )
    return response


def _what_the_visitor_sees(response, email):
    """The pages the visitor was led through and what they said, with the address they
    typed (which both answers repeat back) taken out."""
    return {
        "status": response.status_code,
        "redirects": response.redirect_chain,
        "templates": [t.name for t in response.templates if t.name.startswith("account/")],
        "messages": [str(m).replace(email, "ADDRESS") for m in get_messages(response.wsgi_request)],
    }


def _plain_body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_sign_up_with_a_taken_address_looks_like_a_new_sign_up_and_tells_the_owner(
    make_user, smtp_sink, settings
):
    make_user(email="taken@example.com", password="the-Right-one-7")

    new = _sign_up("fresh@example.com")
    [confirmation] = smtp_sink.wait_for(1)
    smtp_sink.clear()
    taken = _sign_up("taken@example.com")
    [notice] = smtp_sink.wait_for(1)

    assert new.redirect_chain == [("/accounts/confirm-email/", 302)]
    assert _what_the_visitor_sees(taken, "taken@example.com") == _what_the_visitor_sees(
        new, "fresh@example.com"
    )
    assert b"already registered" not in taken.content
    # No second account, and the owner's account is untouched.
    assert User.objects.filter(email="taken@example.com").count() == 1
    assert User.objects.get(email="taken@example.com").check_password("the-Right-one-7")

    assert confirmation["To"] == "fresh@example.com"
    assert notice["To"] == "taken@example.com"
    assert notice["Subject"] == "Kindred: Someone tried to sign up with your address"
    body = _plain_body(notice)
    assert body.startswith("Hello from Kindred,")
    assert "already has a Kindred account" in body
    # Links in emails are built on SITE_URL, never on the Host a request happened to carry.
    links = re.findall(r"https?://\S+", body)
    assert links == [f"{settings.SITE_URL}/accounts/password/reset/"]


def test_sign_up_with_a_taken_address_costs_the_same_password_hashing_as_a_new_one(
    make_user, monkeypatch
):
    """Hashing a new password is the slowest step of a sign-up: skipping it for a taken
    address would tell the two apart by the time the answer takes."""
    from django.contrib.auth.hashers import MD5PasswordHasher

    make_user(email="taken@example.com")
    hashed = []
    original = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher,
        "encode",
        lambda self, password, salt: hashed.append(password) or original(self, password, salt),
    )

    _sign_up("fresh@example.com")
    _sign_up("taken@example.com")

    assert hashed == ["another-Long-pass-9", "another-Long-pass-9"]


def test_password_reset_for_an_unknown_address_looks_like_one_for_a_known_address(
    user, smtp_sink, settings
):
    known = Client().post("/accounts/password/reset/", {"email": user.email}, follow=True)
    [reset] = smtp_sink.wait_for(1)
    smtp_sink.clear()
    unknown = Client().post(
        "/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True
    )
    [notice] = smtp_sink.wait_for(1)

    assert known.redirect_chain == [("/accounts/password/reset/done/", 302)]
    assert _what_the_visitor_sees(unknown, "nobody@example.com") == _what_the_visitor_sees(
        known, user.email
    )
    assert b"not assigned" not in unknown.content

    assert reset["To"] == user.email
    assert notice["To"] == "nobody@example.com"
    assert notice["Subject"] == "Kindred: There is no Kindred account for this address"
    body = _plain_body(notice)
    assert body.startswith("Hello from Kindred,")
    assert "no Kindred account" in body
    assert re.findall(r"https?://\S+", body) == [f"{settings.SITE_URL}/accounts/signup/"]


def test_adding_an_address_that_belongs_to_someone_else_does_not_say_so(client, user, other_user):
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-Passw0rd"})
    client.post("/accounts/reauthenticate/", {"password": "a-long-Passw0rd"})

    response = client.post(
        "/accounts/email/", {"action_add": "", "email": other_user.email}, follow=True
    )

    assert response.status_code == 200
    assert b"already" not in response.content.lower()
    # The other person's account keeps its address.
    assert other_user.emailaddress_set.get().email == other_user.email
