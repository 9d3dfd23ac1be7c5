"""Every account page a person can reach speaks in Kindred's words, none of allauth's.

Each page is opened through the real allauth views, in the state that shows it (signed
out, signed in, with two-step sign-in on, with a fresh or a used password link, with an
error), and its main content is checked for allauth's default sentences and for Kindred's
own heading.
"""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.template.loader import render_to_string

from tests.accounts.factories import PASSWORD
from tests.accounts.test_plain_words import words

pytestmark = pytest.mark.django_db

# Sentences and labels from allauth's own templates, forms and messages that the pages
# replace. Matched case-sensitively, as allauth writes them.
ALLAUTH_DEFAULTS = (
    "Please confirm that",
    "is an email address for user",
    "Confirm Access",
    "Please reauthenticate",
    "safeguard your account",
    "Please contact us",
    "contact us",
    "Forgot Password?",
    "Forgotten your password?",
    "Sign In",
    "Sign Up",
    "Signup",
    "Sign Out",
    "E-mail",
    "Email Address",
    "Email address",
    "If you have not created an account yet, then please",
    "Already have an account? Then please",
    "Remember Me",
    "Password Reset",
    "Reset My Password",
    "Change Password",
    "Set Password",
    "Bad Token",
    "The password reset link was invalid",
    "Current Password",
    "New Password",
    "(again)",
    "Change Email",
    "Re-send Verification",
    "Cancel Change",
    "Current email",
    "still pending verification",
    "Account Inactive",
    "This account is inactive",
    "Verify Your Email Address",
    "Manage two-factor authentication",
    "Two-Factor Authentication",
    "two-factor authentication",
    "Authenticator App",
    "Activate Authenticator App",
    "Deactivate",
    "Authenticator secret",
    "Authenticator code",
    "Recovery Codes",
    "recovery codes available",
    "Unused codes",
    "Generate",
    "Are you sure?",
    "Sessions",
    "Started At",
    "IP Address",
    "Sign Out Other Sessions",
    "The email address and/or password you specified are not correct.",
    "Incorrect password.",
    "Incorrect code.",
    "Please type your current password.",
    "Too many failed login attempts",
)
# Words a non-technical person should not meet, in any case.
JARGON = ("totp", "reauthenticate", "session", "primary", "e-mail", "token")


def assert_kindreds_words(response, heading):
    assert response.status_code == 200, response.status_code
    text = words(response)
    assert [phrase for phrase in ALLAUTH_DEFAULTS if phrase in text] == [], text
    assert [word for word in JARGON if word in text.lower()] == [], text
    page = response.content.decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert " ".join(h1.split()) == heading
    title = " ".join(re.search(r"<title>(.*?)</title>", page, re.S).group(1).split())
    assert [phrase for phrase in ALLAUTH_DEFAULTS if phrase in title] == [], title


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def confirm_password(client):
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302


@pytest.fixture
def two_step_user(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    user.totp_secret = secret
    return user


def reset_link(client, user, smtp_sink):
    client.post("/accounts/password/reset/", {"email": user.email})
    [message] = smtp_sink.wait_for(1)
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", body).group(1)


# --- Signed out ---------------------------------------------------------------------


def test_sign_in(client):
    page = client.get("/accounts/login/")
    assert_kindreds_words(page, "Sign in to Kindred")
    assert "Keep me signed in on this device" in words(page)


def test_sign_in_with_a_wrong_password_says_so_plainly_and_keeps_the_address(client, user):
    page = client.post("/accounts/login/", {"login": user.email, "password": "not-it"})
    assert_kindreds_words(page, "Sign in to Kindred")
    assert "That email address and password do not match" in words(page)
    assert f'value="{user.email}"' in page.content.decode()


def test_create_your_account(client):
    page = client.get("/accounts/signup/")
    assert_kindreds_words(page, "Create your account")
    text = words(page)
    assert "Your email address" in text
    assert "Choose a password" in text


def test_create_your_account_with_a_short_password_names_the_field_in_plain_words(client):
    page = client.post(
        "/accounts/signup/",
        {"email": "sam@example.com", "password1": "short", "time_zone": "UTC"},
    )
    assert_kindreds_words(page, "Create your account")
    assert re.search(r'<a href="#id_password1">Choose a password</a>', page.content.decode())


def test_ask_for_a_password_link(client):
    assert_kindreds_words(client.get("/accounts/password/reset/"), "Choose a new password")


def test_after_asking_for_a_password_link(client, user):
    page = client.post("/accounts/password/reset/", {"email": user.email}, follow=True)
    assert_kindreds_words(page, "Check your email")


def test_a_fresh_password_link_then_the_new_password_saved(client, user, smtp_sink):
    form_page = client.get(reset_link(client, user, smtp_sink), follow=True)
    assert_kindreds_words(form_page, "Choose a new password")
    assert "New password, once more" in words(form_page)

    mismatch = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "brand-New-secret-5", "password2": "brand-New-secret-6"},
    )
    assert_kindreds_words(mismatch, "Choose a new password")

    done = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "brand-New-secret-5", "password2": "brand-New-secret-5"},
        follow=True,
    )
    assert_kindreds_words(done, "Your new password is saved")


def test_a_used_or_broken_password_link(client):
    page = client.get("/accounts/password/reset/key/1-not-a-key/", follow=True)
    assert_kindreds_words(page, "This link no longer works")


def test_a_switched_off_account(client, user):
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    page = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True)
    assert_kindreds_words(page, "This account is switched off")


def test_the_second_step_of_signing_in(client, two_step_user):
    page = client.post(
        "/accounts/login/", {"login": two_step_user.email, "password": PASSWORD}, follow=True
    )
    assert_kindreds_words(page, "One more step")
    assert "backup code" in words(page)

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert_kindreds_words(wrong, "One more step")
    assert "That code did not work" in words(wrong)


# --- Signed in ----------------------------------------------------------------------


def test_sign_out(client, user):
    sign_in(client, user)
    assert_kindreds_words(client.get("/accounts/logout/"), "Sign out of Kindred?")


def test_change_your_password(client, user):
    sign_in(client, user)
    assert_kindreds_words(client.get("/accounts/password/change/"), "Change your password")
    wrong = client.post(
        "/accounts/password/change/",
        {"oldpassword": "nope", "password1": "brand-New-5x", "password2": "brand-New-5x"},
    )
    assert_kindreds_words(wrong, "Change your password")
    assert "Your password now: Please type the password you use now." in words(wrong)


def test_choose_a_password_when_the_account_has_none(client, user):
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert_kindreds_words(client.get("/accounts/password/set/"), "Choose a password")


def test_your_email_address_and_a_change_waiting_for_its_link(client, user):
    sign_in(client, user)
    assert_kindreds_words(client.get("/accounts/email/"), "Your email address")

    confirm_password(client)
    client.post("/accounts/email/", {"action_add": "", "email": "new@example.com"})
    page = client.get("/accounts/email/")
    assert_kindreds_words(page, "Your email address")
    text = words(page)
    assert "Changing to" in text
    assert "Send the link again" in text
    assert "Keep my old address" in text


def test_the_page_for_a_confirmed_address_only(rf, user):
    request = rf.get("/")
    request.user = user
    html = render_to_string("account/verified_email_required.html", request=request)
    assert "Please confirm your email first" in html
    assert [phrase for phrase in ALLAUTH_DEFAULTS if phrase in html] == []


def test_two_step_sign_in_off(client, user):
    sign_in(client, user)
    page = client.get("/accounts/2fa/")
    assert_kindreds_words(page, "Two-step sign-in")
    assert "Turn on two-step sign-in" in words(page)
    # What a backup code is, in one sentence, before anyone has one.
    assert "Backup codes are one-time codes you keep somewhere safe" in words(page)


def test_turning_two_step_sign_in_on(client, user):
    sign_in(client, user)
    confirm_password(client)
    page = client.get("/accounts/2fa/totp/activate/")
    assert_kindreds_words(page, "Turn on two-step sign-in")
    assert "Cannot scan? Type this key into the app instead" in words(page)

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert_kindreds_words(wrong, "Turn on two-step sign-in")
    assert "That code did not work" in words(wrong)


def test_two_step_sign_in_on_and_its_backup_codes(client, two_step_user):
    client.force_login(two_step_user)
    confirm_password(client)
    index = client.get("/accounts/2fa/")
    assert_kindreds_words(index, "Two-step sign-in")
    assert "10 of 10 still unused" in words(index)

    codes = client.get("/accounts/2fa/recovery-codes/")
    assert_kindreds_words(codes, "Your backup codes")
    unused = RecoveryCodes(two_step_user.authenticator_set.get(type="recovery_codes"))
    assert unused.get_unused_codes()[0] in codes.content.decode()
    assert "<script" not in codes.content.decode().split("<footer", 1)[1]

    download = client.get("/accounts/2fa/recovery-codes/download/")
    text = download.content.decode()
    assert text.startswith("Kindred backup codes for two-step sign-in")
    assert unused.get_unused_codes()[-1] in text


def test_turning_two_step_sign_in_off_and_making_new_codes(client, two_step_user):
    sign_in(client, two_step_user)
    client.post("/accounts/2fa/authenticate/", {"code": current_code(two_step_user.totp_secret)})
    confirm_password(client)
    assert_kindreds_words(
        client.get("/accounts/2fa/totp/deactivate/"), "Turn off two-step sign-in?"
    )
    assert_kindreds_words(
        client.get("/accounts/2fa/recovery-codes/generate/"), "Make new backup codes?"
    )


def test_where_you_are_signed_in(client, user):
    sign_in(client, user)
    other = type(client)()
    sign_in(other, user)
    page = client.get("/accounts/sessions/")
    assert_kindreds_words(page, "Where you are signed in")
    text = words(page)
    assert "This device, the one you are using now" in text
    assert "Another device" in text
    assert "Sign out everywhere else" in text


# --- Emails ---------------------------------------------------------------------------

EMAIL_DEFAULTS = (
    "You're receiving this email",
    "Hello from example.com",
    "Thank you for using",
    "Password Reset Email",
    "Please Confirm Your Email Address",
    "In case you forgot, your username",
)


def test_the_password_link_email_is_in_kindreds_words(client, user, smtp_sink):
    client.post("/accounts/password/reset/", {"email": user.email})
    [message] = smtp_sink.wait_for(1)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["Subject"] == "Kindred: Choose a new password"
    assert "Choose a new password: http" in body
    assert [phrase for phrase in EMAIL_DEFAULTS if phrase in body] == []


def test_the_email_to_confirm_a_new_address_is_in_kindreds_words(client, user, smtp_sink):
    sign_in(client, user)
    confirm_password(client)
    client.post("/accounts/email/", {"action_add": "", "email": "new@example.com"})
    [message] = smtp_sink.wait_for(1)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == "new@example.com"
    assert message["Subject"] == "Kindred: Please confirm your email address"
    assert "Confirm your email: http" in body
    assert [phrase for phrase in EMAIL_DEFAULTS if phrase in body] == []
    assert EmailAddress.objects.filter(email="new@example.com", verified=False).exists()
