"""A 1,500-character name on a 320 px phone: no page grows sideways, every button still taps."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from landscape.models import Interaction, Person
from plans.models import DayEntry, Ritual
from plans.services import enrollment_start
from reminders.links import action_token
from reminders.models import Delivery, DeliveryState
from reminders.services import schedule_upsert
from tests.landscape.factories import finished_assessment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# No space, hyphen or other break opportunity in 1,500 characters.
LONG_NAME = ("Maximilianaß" * 125)[:1500]
PHONE = 320


@pytest.fixture
def long_named(user):
    """Someone with the long name everywhere a name shows: map, Today, rituals, plan, emails."""
    today = datetime.datetime.now(datetime.UTC).astimezone(user.zone).date()
    friend = Person.objects.create(
        owner=user,
        name=LONG_NAME,
        energy="energizing",
        closeness="inner",
        needs_met=["fun"],
        contact_now="monthly",
        contact_wished="weekly",
    )
    assessment = finished_assessment(user, ucla=(3, 3, 3), cravings=["fun"])
    interaction = Interaction.objects.create(owner=user, occurred_on=today, note=LONG_NAME)
    interaction.people.set([friend])
    ritual = Ritual.objects.create(
        owner=user,
        title=LONG_NAME[:200],
        cadence="weekly",
        weekdays=list(range(7)),
        local_time=datetime.time(0, 5),
    )
    # Begun a week ago, so that there are times to check in.
    Ritual.objects.filter(pk=ritual.pk).update(
        created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
    )
    ritual.people.set([friend])
    enrollment = enrollment_start(
        owner=user, starts_on=today - datetime.timedelta(days=6), reminder_time=datetime.time(9)
    )
    done = DayEntry.objects.create(
        enrollment=enrollment,
        number=2,
        completed_at=datetime.datetime.now(datetime.UTC),
        completed_on=today,
        messaged=friend,
        ritual=ritual,
    )
    done.people.set([friend])
    schedule = schedule_upsert(owner=user, kind="nudge", source_key="nudges")
    delivery = Delivery.objects.create(
        schedule=schedule, due_at=datetime.datetime.now(datetime.UTC), state=DeliveryState.SENT
    )
    token = action_token(delivery=delivery, action="connected", target=f"person:{friend.pk}")
    return {
        "friend": friend,
        "assessment": assessment,
        "ritual": ritual,
        "connected_url": reverse("reminder_action", args=[token]),
    }


def pages_with_names(data):
    friend, ritual = data["friend"], data["ritual"]
    return [
        ("/people/", "Add someone"),
        (f"/people/{friend.pk}/", "Log a connection"),
        (f"/people/{friend.pk}/edit/", "Save"),
        (f"/connections/new/?person={friend.pk}", "Log it"),
        ("/today/", re.compile(r"^Energized")),
        (reverse("assessment_results", args=[data["assessment"].pk]), "Go to Today"),
        ("/plan/day/1/", "Mark day 1 done"),
        ("/plan/day/2/", None),
        (f"/plan/day/6/?person={friend.pk}", "Mark day 6 done"),
        ("/rituals/", "Choose from ideas"),
        (f"/rituals/{ritual.pk}/", "Save check-in"),
        (f"/rituals/{ritual.pk}/edit/", "Save"),
        (f"/people/{friend.pk}/delete/", re.compile("^Delete")),
        (data["connected_url"], "Yes, we connected"),
    ]


def test_a_1500_character_name_never_widens_a_page_or_hides_its_button(
    page, sign_in, user, long_named
):
    sign_in(user)
    page.set_viewport_size({"width": PHONE, "height": 640})
    problems = []
    for url, button in pages_with_names(long_named):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            problems.append(f"{url} is {width}px wide")
        if button is not None:
            main = page.locator("main")
            target = main.get_by_role("button", name=button).or_(
                main.get_by_role("link", name=button)
            )
            # A trial click runs every actionability check (visible, stable, not covered).
            try:
                target.first.click(trial=True, timeout=3000)
            except PlaywrightError as error:
                problems.append(f"{url}: {button} cannot be tapped ({error.message[:80]})")
    assert problems == [], "\n".join(problems)


def test_a_shortened_name_stays_whole_for_screen_readers_and_on_hover(
    page, sign_in, user, long_named
):
    sign_in(user)
    page.set_viewport_size({"width": PHONE, "height": 640})
    page.goto("/people/")
    name = page.locator(".people-list .name-clamp").first
    expect(name).to_have_attribute("title", LONG_NAME)
    expect(name).to_have_text(LONG_NAME)
    # Shortened on screen: at most a few lines tall, not a column of 1,500 letters.
    assert name.bounding_box()["height"] < 100
    page.goto(f"/people/{long_named['friend'].pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(LONG_NAME)
    assert page.get_by_role("heading", level=1).bounding_box()["height"] < 150
