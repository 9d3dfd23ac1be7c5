"""Every account page on a 390 px phone: whole, accessible in both themes, within the CSP."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.e2e.conftest import assert_accessible, color_scheme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def check(page, heading):
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url
    for scheme in ("dark", "light"):
        color_scheme(page, scheme)
        assert_accessible(page)


def test_signed_out_account_pages_fit_a_phone(page, user):
    page.set_viewport_size({"width": 390, "height": 844})
    for path, heading in [
        ("/accounts/login/", "Sign in to Kindred"),
        ("/accounts/signup/", "Create your account"),
        ("/accounts/password/reset/", "Choose a new password"),
        ("/accounts/password/reset/key/1-not-a-key/", "This link no longer works"),
    ]:
        page.goto(path)
        check(page, heading)

    page.goto("/accounts/password/reset/")
    page.get_by_label("Your email address").fill(user.email)
    page.get_by_role("button", name="Send me a link").click()
    check(page, "Check your email")


def test_two_step_pages_fit_a_phone_and_work_by_keyboard(page, sign_in, user):
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/accounts/login/")
    page.get_by_label("Your email address").fill(user.email)
    page.get_by_label("Your password").fill(PASSWORD)
    page.keyboard.press("Enter")
    check(page, "One more step")
    # The code field is labelled and reachable by keyboard before the button.
    page.get_by_label("Code").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign in")).to_be_focused()

    sign_in(user)
    page.goto("/accounts/reauthenticate/?next=/accounts/2fa/")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    check(page, "Two-step sign-in")
    page.get_by_role("link", name="See my backup codes").click()
    check(page, "Your backup codes")
    expect(page.get_by_label("Unused backup codes")).to_be_visible()
    for path, heading in [
        ("/accounts/2fa/recovery-codes/generate/", "Make new backup codes?"),
        ("/accounts/2fa/totp/deactivate/", "Turn off two-step sign-in?"),
        ("/accounts/sessions/", "Where you are signed in"),
        ("/accounts/email/", "Your email address"),
        ("/accounts/password/change/", "Change your password"),
        ("/accounts/logout/", "Sign out of Kindred?"),
    ]:
        page.goto(path)
        check(page, heading)

    page.locator("main").get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out. Take care.")).to_be_visible()
