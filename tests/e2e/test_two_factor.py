import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_turning_on_two_factor_in_the_browser(page, make_user):
    user = make_user(email="kim@example.com", password="Maple-Leaf-204")
    page.goto("/accounts/login/")
    page.get_by_label("Your email address").fill("kim@example.com")
    page.get_by_label("Your password").fill("Maple-Leaf-204")
    page.get_by_role("button", name="Sign in").click()

    page.goto("/accounts/2fa/")
    page.get_by_role("link", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is it you?")
    page.get_by_label("Your password").fill("Maple-Leaf-204")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Turn on two-step sign-in")
    assert_accessible(page)

    secret = page.get_by_label("Cannot scan? Type this key into the app instead").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("The 6-digit code from your authenticator app").fill(code)
    page.get_by_role("button", name="Turn on", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    assert_accessible(page)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    # The next sign-in asks for the second step; a backup code from the page works once.
    backup_code = page.get_by_label("Unused backup codes").input_value().split()[0]
    page.goto("/accounts/logout/")
    page.locator("main").get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Your email address").fill("kim@example.com")
    page.get_by_label("Your password").fill("Maple-Leaf-204")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("One more step")
    assert_accessible(page)
    page.get_by_label("Code").fill(backup_code)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/today/$"))
