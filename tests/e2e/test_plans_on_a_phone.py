"""Plan and ritual pages on a phone: accessible, no sideways scrolling with long, mixed
user text."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from landscape.models import Person
from plans.models import CheckIn, DayEntry, Ritual
from plans.services import enrollment_start, ritual_from_catalog
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LONG_NAME = "Zoë <b>not bold</b> 🌿 مريم " + "long" * 300


@pytest.fixture
def odd_name():
    return LONG_NAME


@pytest.fixture
def lived_in(user, odd_name):
    """Five days into the plan, with rituals kept for ten weeks."""
    now = datetime.datetime.now(datetime.UTC)
    maya = Person.objects.create(owner=user, name="Maya")
    Person.objects.create(owner=user, name=odd_name)
    today = now.astimezone(user.zone).date()
    enrollment = enrollment_start(
        owner=user, starts_on=today - datetime.timedelta(days=5), reminder_time=datetime.time(9)
    )
    for number in range(1, 6):
        DayEntry.objects.create(
            enrollment=enrollment, number=number, completed_at=now, completed_on=today
        )
    with time_machine.travel(now - datetime.timedelta(days=70), tick=False):
        dinner = ritual_from_catalog(owner=user, slug="sunday-dinner", people=[maya])
        ritual_from_catalog(owner=user, slug="tuesday-call")
        walk = Ritual.objects.create(
            owner=user,
            title=odd_name[:200],
            description=odd_name,
            cadence="times_per_week",
            times_per_week=3,
            weekdays=[0, 2, 4],
            local_time=datetime.time(7, 30),
        )
    for i, instant in enumerate(dinner.occurrences_between(dinner.created_at, now)):
        CheckIn.objects.create(
            ritual=dinner,
            occurrence_at=instant,
            status="missed" if i in (2, 6) else "done",
            feeling="energized",
        )
    for instant in walk.occurrences_between(walk.created_at, now)[-9:]:
        CheckIn.objects.create(ritual=walk, occurrence_at=instant, status="done")
    walk.people.set([maya])
    return dinner


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def assert_no_sideways_scroll(page, width):
    page.set_viewport_size({"width": width, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{page.url} scrolls sideways at {width}px ({overflow}px wide)"


def visit(page, url):
    page.goto(url)
    assert_accessible(page)
    for width in (320, 390):
        assert_no_sideways_scroll(page, width)


def test_plan_and_ritual_pages_fit_a_phone_and_are_accessible(phone, sign_in, user, lived_in):
    sign_in(user)
    for url in (
        "/plan/",
        "/plan/day/1/",
        "/plan/day/4/",
        "/plan/day/6/",
        "/plan/day/7/",
        "/rituals/",
        "/rituals/catalog/",
        "/rituals/new/",
        f"/rituals/{lived_in.pk}/",
        f"/rituals/{lived_in.pk}/edit/",
        "/calendar/",
    ):
        visit(phone, url)
    phone.goto("/rituals/new/")
    expect(phone.get_by_text("Which one in the month?")).to_be_hidden()
    phone.get_by_label("A number of times a week").check()
    expect(phone.get_by_text("On which days?")).to_be_hidden()
    phone.get_by_label("How many times a week?").fill("0")
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator("form").get_by_text("Choose from 1 to 7 times a week.")).to_be_visible()
    assert_accessible(phone)
