import datetime
import re

import pytest
import time_machine
from icalendar import Calendar
from playwright.sync_api import expect

from landscape.models import Interaction, Person
from plans.models import CheckIn, DayEntry, Ritual
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def gratitude(user):
    maya = Person.objects.create(owner=user, name="Maya")
    Person.objects.create(owner=user, name="Leo")
    # Made three days ago, so that there are past times to check in.
    three_days_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=3)
    with time_machine.travel(three_days_ago, tick=False):
        ritual = Ritual.objects.create(
            owner=user,
            title="Daily gratitude message",
            cadence="daily",
            local_time=datetime.time(9, 0),
            channel="message",
        )
    ritual.people.set([maya])
    return ritual


def test_start_the_plan_do_day_one_check_in_a_ritual_and_download_its_ics(
    page, sign_in, user, gratitude, tmp_path
):
    sign_in(user)
    page.goto("/today/")
    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your 7-day plan")
    assert_accessible(page)
    page.get_by_label("Daily reminder time").fill("08:30")
    page.get_by_role("button", name="Start my plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Day 1: Three people who lift you up")
    expect(page.get_by_text("Dr. Emma Seppälä, Stanford")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Maya", exact=True).check()
    page.get_by_label("Leo", exact=True).check()
    page.get_by_label("Someone new", exact=True).fill("Aunt Rosa")
    page.get_by_label("Who did you message? (optional)").select_option(label="Maya")
    page.get_by_label("A note for yourself (optional)").fill("Sent Maya a photo from the lake")
    page.get_by_role("button", name="Mark day 1 done").click()

    expect(page.get_by_text("Day 1 is done.")).to_be_visible()
    expect(page.get_by_text("With: Aunt Rosa, Leo, Maya")).to_be_visible()
    expect(page.get_by_label(re.compile("Plan progress: 1 of 7"))).to_have_attribute("value", "1")
    assert_accessible(page)
    entry = DayEntry.objects.get(enrollment__owner=user, number=1)
    assert sorted(p.name for p in entry.people.all()) == ["Aunt Rosa", "Leo", "Maya"]

    page.get_by_role("link", name="Rituals", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your rituals")
    assert_accessible(page)
    page.get_by_role("link", name="Daily gratitude message").click()
    assert_accessible(page)
    page.get_by_label("Energized").check()
    page.get_by_label("Note (optional)").fill("Swapped three good things")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("checked in as done")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Kept 1 of \d+ so far"))).to_be_visible()
    assert_accessible(page)
    check_in = CheckIn.objects.get(ritual=gratitude)
    assert (check_in.status, check_in.feeling) == ("done", "energized")
    interaction = Interaction.objects.get(pk=check_in.interaction_id)
    assert [p.name for p in interaction.people.all()] == ["Maya"]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"kindred-ritual-{gratitude.pk}.ics"
    saved = tmp_path / "ritual.ics"
    download.save_as(saved)
    (event,) = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Daily gratitude message"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["RRULE"].to_ical() == b"FREQ=DAILY"
