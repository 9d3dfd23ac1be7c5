"""Account pages speak in Kindred's words: no allauth defaults, a working resend, one welcome."""

import html
import re

import pytest
from allauth.account.models import EmailAddress
from django.utils.html import strip_tags

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "gentle-Harbour-42"
ALLAUTH_DEFAULTS = (
    "Please confirm that",
    "is an email address for user",
    "Confirm Access",
    "Please reauthenticate",
    "safeguard your account",
    "Please contact us",
    "Verify Your Email Address",
    "Successfully signed in",
    "You have confirmed",
)


def words(response) -> str:
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(html.unescape(strip_tags("<main" + main)).split())


def assert_plain(response):
    text = words(response)
    assert [phrase for phrase in ALLAUTH_DEFAULTS if phrase in text] == [], text


def sign_up(client, email="rosa@example.com"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "display_name": "Rosa",
            "time_zone": "Europe/Lisbon",
        },
        follow=True,
    )


def confirmation_path(smtp_sink) -> str:
    [message] = smtp_sink.wait_for(1)
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", body).group(1)


def test_from_sign_up_to_welcome_the_words_are_kindreds_and_welcome_says_it_once(client, smtp_sink):
    sent = sign_up(client)
    assert "Check your email" in words(sent)
    assert_plain(sent)

    link = confirmation_path(smtp_sink)
    confirm = client.get(link)
    assert "Is rosa@example.com your email address?" in words(confirm)
    assert_plain(confirm)

    welcome = client.post(link, follow=True)
    assert welcome.redirect_chain[-1][0] == "/welcome/"
    text = words(welcome)
    assert text.count("confirmed") == 1, text
    assert "rosa@example.com" not in text
    assert_plain(welcome)
    assert re.search(r'href="/assessment/"[^>]*>Let’s begin', welcome.content.decode())


def test_a_used_or_broken_confirmation_link_says_what_to_do(client):
    response = client.get("/accounts/confirm-email/not-a-key/")
    assert "expired or was already used" in words(response)
    assert_plain(response)


def test_resend_sends_a_new_link_to_a_waiting_address_and_answers_alike_for_any_address(
    client, smtp_sink, make_user
):
    sign_up(client)
    confirmation_path(smtp_sink)
    smtp_sink.clear()
    make_user(email="confirmed@example.com")

    answers = {
        email: words(client.post("/accounts/confirm-email/resend/", {"email": email}))
        for email in ("ROSA@example.com", "nobody@example.com", "confirmed@example.com")
    }

    assert len(set(answers.values())) == 1
    assert "If an account is waiting for that address" in answers["nobody@example.com"]
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "rosa@example.com"
    assert not EmailAddress.objects.get(email="rosa@example.com").verified


def test_resend_is_rate_limited_per_address_and_per_client_alike_for_any_address(
    client, smtp_sink, settings
):
    settings.ACCOUNT_RATE_LIMITS = {"confirm_email": "1/3m/key", "resend_confirmation": "3/h/ip"}
    sign_up(client)
    confirmation_path(smtp_sink)
    smtp_sink.clear()

    first = client.post("/accounts/confirm-email/resend/", {"email": "rosa@example.com"})
    # The sign-up email went out a moment ago: no second one within three minutes.
    assert first.status_code == 200
    assert smtp_sink.messages == []
    client.post("/accounts/confirm-email/resend/", {"email": "nobody@example.com"})
    client.post("/accounts/confirm-email/resend/", {"email": "else@example.com"})

    known = client.post("/accounts/confirm-email/resend/", {"email": "rosa@example.com"})
    unknown = client.post("/accounts/confirm-email/resend/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 429
    assert words(known) == words(unknown)
    assert "wait an hour" in words(known)


def test_resend_with_a_mistyped_address_keeps_it_and_explains(client):
    response = client.post("/accounts/confirm-email/resend/", {"email": "rosa@"})
    assert 'value="rosa@"' in response.content.decode()
    assert "data-error-summary" in response.content.decode()
    assert "Enter a valid email address." in words(response)


def test_before_deleting_the_account_the_password_is_asked_for_the_deletion(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-Passw0rd"})
    page = client.get("/account/delete/", follow=True)
    text = words(page)
    assert "Before you delete your account" in text
    assert "Nothing is deleted yet" in text
    assert_plain(page)

    wrong = client.post(
        "/accounts/reauthenticate/", {"password": "nope", "next": "/account/delete/"}
    )
    assert "Before you delete your account" in words(wrong)
    assert "data-error-summary" in wrong.content.decode()


def test_other_sensitive_pages_ask_for_the_password_in_plain_words(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-Passw0rd"})
    page = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert "Is it you?" in words(page)
    assert "Before you delete" not in words(page)
    assert_plain(page)


def test_a_normal_sign_in_is_greeted_in_kindreds_words(client, user):
    User.objects.filter(pk=user.pk).update(display_name="Ada")
    today = client.post(
        "/accounts/login/", {"login": user.email, "password": "a-long-Passw0rd"}, follow=True
    )
    assert "Welcome back, Ada." in words(today)
    assert_plain(today)


def test_check_your_email_says_it_once(client):
    text = words(sign_up(client))
    assert text.count("sent") == 1, text
