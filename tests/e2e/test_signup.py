import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_new_user_signs_up_verifies_by_email_and_lands_signed_in_in_their_zone(page, smtp_sink):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feel less alone")
    assert_accessible(page)

    page.get_by_role("link", name="Start for free").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    assert_accessible(page)
    # The browser runs in America/Chicago; the form picked that up by itself.
    expect(page.get_by_label("Your time zone")).to_have_value("America/Chicago")
    page.get_by_label("What should we call you?").fill("Rosa")
    page.get_by_label("Your email address").fill("rosa@example.com")
    page.get_by_label("Choose a password").fill("gentle-Harbour-42")
    page.get_by_role("button", name="Create your account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "rosa@example.com"
    assert "confirm" in message["Subject"].lower()
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0)

    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(re.compile(r"/welcome/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome to Kindred, Rosa")
    expect(page.get_by_text("America/Chicago")).to_be_visible()
    assert_accessible(page)
    user = User.objects.get(email="rosa@example.com")
    assert user.time_zone == "America/Chicago"
    assert user.emailaddress_set.get().verified


def test_a_taken_email_gets_the_same_answer_as_a_new_one_and_its_owner_is_told(
    page, make_user, smtp_sink
):
    make_user(email="taken@example.com", password="the-Right-one-7")

    page.goto("/accounts/signup/")
    page.get_by_label("What should we call you?").fill("Sam")
    page.get_by_label("Your email address").fill("taken@example.com")
    page.get_by_label("Choose a password").fill("another-Long-pass-9")
    page.get_by_role("button", name="Create your account").click()

    # Whoever typed the address learns nothing: the page is the one a new address gets.
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your email")
    expect(page.get_by_text("already registered")).to_have_count(0)
    assert_accessible(page)

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "taken@example.com"
    assert message["Subject"] == "Kindred: Someone tried to sign up with your address"
    assert User.objects.filter(email="taken@example.com").count() == 1


def test_form_errors_and_a_wrong_password_explain_themselves_and_keep_what_was_typed(
    page, make_user
):
    make_user(email="taken@example.com", password="the-Right-one-7")

    page.goto("/accounts/signup/")
    page.get_by_label("What should we call you?").fill("Sam")
    page.get_by_label("Your email address").fill("sam@example.com")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("Your time zone").select_option("Europe/Lisbon")
    page.get_by_role("button", name="Create your account").click()

    # Listed at the top, where the focus goes, and again beside the field.
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("This password is too short")
    expect(page.locator("form").get_by_text("This password is too short")).to_be_visible()
    expect(page.get_by_label("Your email address")).to_have_value("sam@example.com")
    expect(page.get_by_label("What should we call you?")).to_have_value("Sam")
    expect(page.get_by_label("Your time zone")).to_have_value("Europe/Lisbon")
    assert_accessible(page)

    page.goto("/accounts/login/")
    page.get_by_label("Your email address").fill("taken@example.com")
    page.get_by_label("Your password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(
        page.locator("form").get_by_text("That email address and password do not match")
    ).to_be_visible()
    expect(page.get_by_label("Your email address")).to_have_value("taken@example.com")
    assert_accessible(page)
