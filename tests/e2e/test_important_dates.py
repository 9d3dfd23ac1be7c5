"""Important dates on a phone: added from the person page by keyboard alone, a refused date
explained with what was typed kept, and the pages accessible at 320 and 390 px."""

import datetime

import pytest
from playwright.sync_api import expect

from landscape.models import ImportantDate, Person
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LONG_NAME = "Zoë <b>not bold</b> 🌿 مريم " + "long" * 300


def assert_fits(page):
    assert_accessible(page)
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 844})
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{page.url} scrolls sideways at {width}px ({overflow}px)"


def test_a_birthday_added_by_keyboard_on_a_phone(page, sign_in, user):
    maya = Person.objects.create(owner=user, name="Maya")
    sign_in(user)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/people/{maya.pk}/")
    add_link = page.get_by_role("link", name="Add a date")
    add_link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a date for Maya")
    assert_fits(page)

    page.get_by_label("Birthday").focus()
    page.keyboard.press("Space")
    page.locator("#id_day").select_option("31")
    page.locator("#id_month").select_option("4")
    page.get_by_label("Year").fill("1990")
    page.get_by_label("Year").press("Enter")

    # Listed in the summary at the top (focused) and again beside the field.
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("April has no day 31: it has 30 days.")
    expect(page.locator("form").get_by_text("April has no day 31: it has 30 days.")).to_be_visible()
    expect(page.locator("#id_day")).to_have_value("31")
    expect(page.get_by_label("Year")).to_have_value("1990")
    assert_fits(page)

    page.locator("#id_day").select_option("30")
    page.get_by_role("button", name="Save").press("Enter")
    expect(page.get_by_text("Saved: Maya's birthday.")).to_be_visible()
    expect(page.get_by_text("30 April 1990")).to_be_visible()
    date = ImportantDate.objects.get(person=maya)
    assert (date.day, date.month, date.year, date.remind_days_before) == (30, 4, 1990, 3)
    assert_fits(page)


def test_person_page_and_today_with_long_names_fit_a_phone(page, sign_in, user):
    someone = Person.objects.create(owner=user, name=LONG_NAME, energy="draining")
    friend = Person.objects.create(owner=user, name="Noor " + "long" * 100)
    soon = datetime.datetime.now(user.zone).date() + datetime.timedelta(days=2)
    ImportantDate.objects.create(
        owner=user, person=someone, kind="other", label="x" * 80, month=soon.month, day=soon.day
    )
    ImportantDate.objects.create(owner=user, person=friend, month=soon.month, day=soon.day)
    sign_in(user)
    page.goto(f"/people/{someone.pk}/")
    expect(page.get_by_text("Kindred sends no reminder of these dates")).to_be_visible()
    assert_fits(page)
    page.goto(f"/dates/{someone.important_dates.get().pk}/delete/")
    assert_fits(page)
    page.goto("/today/")
    expect(page.get_by_role("heading", name="Dates this week")).to_be_visible()
    assert_fits(page)
