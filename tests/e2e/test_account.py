import json

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_account_settings_export_and_deletion_in_the_browser(page, make_user, smtp_sink):
    make_user(email="lee@example.com", password="Sunny-Window-31", display_name="Lee")
    page.goto("/accounts/login/")
    page.get_by_label("Your email address").fill("lee@example.com")
    page.get_by_label("Your password").fill("Sunny-Window-31")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello, Lee")
    assert_accessible(page)

    page.get_by_role("link", name="Account", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account settings")
    assert_accessible(page)
    page.get_by_label("Your time zone").select_option("Pacific/Auckland")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your details are saved.")).to_be_visible()
    assert User.objects.get(email="lee@example.com").time_zone == "Pacific/Auckland"

    for link, heading in [
        ("Two-step sign-in", "Two-step sign-in"),
        ("Where you are signed in", "Where you are signed in"),
    ]:
        page.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_accessible(page)
        page.go_back()

    page.get_by_role("link", name="Export all my data").click()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data (JSON)").click()
    exported = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert exported["account"]["email"] == "lee@example.com"
    assert exported["account"]["time_zone"] == "Pacific/Auckland"

    page.goto("/account/delete/")
    # Deleting needs the password once more.
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you delete your account")
    assert_accessible(page)
    page.get_by_label("Your password").fill("Sunny-Window-31")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my account")
    assert_accessible(page)
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("form").get_by_text("Please tick the box")).to_be_visible()
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete my account and all my data").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    assert_accessible(page)
    assert not User.objects.filter(email="lee@example.com").exists()
    assert "deleted" in smtp_sink.wait_for(1)[0]["Subject"]
