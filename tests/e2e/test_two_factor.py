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
    page.get_by_label("Email").fill("kim@example.com")
    page.get_by_label("Password").fill("Maple-Leaf-204")
    page.get_by_role("button", name="Sign In").click()

    page.goto("/accounts/2fa/")
    page.get_by_role("link", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is it you?")
    page.get_by_label("Password").fill("Maple-Leaf-204")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Activate Authenticator App")
    assert_accessible(page)

    secret = page.get_by_label("Authenticator secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Authenticator code").fill(code)
    page.get_by_role("button", name="Activate").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Recovery Codes")
    assert_accessible(page)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
