"""A new user's first ten minutes on a 390×844 phone, tap by tap (issue 9, "Done when")."""

import re

import pytest
from playwright.sync_api import expect

from landscape.models import Interaction
from tests.e2e.conftest import assert_accessible, color_scheme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TWO_SCREENS = 2 * PHONE["height"]
PEOPLE = [
    # name, kind, energy, closeness, in touch now, would like, needs
    ("Maya", "Friend", "Energizing", "Inner circle", "Monthly", "Weekly", ["Fun & play"]),
    ("Tom", "Colleague", "Draining", "Close", "Monthly", "Weekly", []),
    ("Mum", "Family", "Mixed", "Inner circle", "Weekly", "Weekly", ["Practical help"]),
    ("Biscuit", "Pet", "Energizing", "Inner circle", "Weekly", "Weekly", ["Companionship"]),
    ("Choir", "Group or community", "Neutral", "Wider circle", "Yearly", "Monthly", []),
    ("Sam", "Neighbour", "Neutral", "Wider circle", "Every 3 months", "Monthly", []),
]


class Taps:
    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


def heading(page):
    return page.get_by_role("heading", level=1)


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def accessible_in_light_and_dark(page):
    for scheme in ("light", "dark"):
        color_scheme(page, scheme)
        assert_accessible(page)
    color_scheme(page, "light")


def question(page, legend):
    return page.get_by_role("group", name=re.compile(legend))


def test_a_new_users_first_ten_minutes_on_a_phone(page, smtp_sink):
    page.set_viewport_size(PHONE)
    tap = Taps()

    # Sign up and verify by email.
    page.goto("/")
    accessible_in_light_and_dark(page)
    tap(page.get_by_role("link", name="Start for free"))
    page.get_by_label("What should we call you?").fill("Rosa")
    page.get_by_label("Your email address").fill("rosa@example.com")
    page.get_by_label("Choose a password").fill("gentle-Harbour-42")
    tap(page.get_by_role("button", name="Create your account"))
    expect(heading(page)).to_contain_text("Check your email")
    [message] = smtp_sink.wait_for(1)
    body = message.get_body(preferencelist=("plain",)).get_content()
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0))
    tap(page.get_by_role("button", name="Confirm"))
    expect(heading(page)).to_contain_text("Welcome to Kindred, Rosa")
    accessible_in_light_and_dark(page)

    # "Let's begin" leads straight into the check-in.
    tap(page.get_by_role("link", name="Let’s begin"))
    expect(heading(page)).to_have_text("Who is in your life?")
    accessible_in_light_and_dark(page)
    for start in (0, 3):
        for row, (name, kind, *_) in enumerate(PEOPLE[start : start + 3], start=1):
            page.get_by_label(f"Name {row}", exact=True).fill(name)
            page.get_by_label(f"Kind {row}", exact=True).select_option(label=kind)
        if start == 0:
            tap(page.get_by_role("button", name="Add these and more"))
    tap(page.get_by_role("button", name="Save and continue"))

    # How each relationship feels: one person a page, in name order, eight taps at most.
    for position, (name, _, energy, closeness, now, wished, needs) in enumerate(
        sorted(PEOPLE), start=1
    ):
        expect(heading(page)).to_have_text(f"{name} · {position} of {len(PEOPLE)}")
        assert page_height(page) <= TWO_SCREENS, name
        assert no_sideways_scroll(page)
        if position == 1:
            accessible_in_light_and_dark(page)
        before = tap.count
        tap(question(page, "How do you feel after").get_by_text(energy, exact=True))
        tap(question(page, "How close are you").locator("label", has_text=closeness))
        tap(question(page, "in touch now").get_by_text(now, exact=True))
        tap(question(page, "would you like to be").get_by_text(wished, exact=True))
        for need in needs:
            tap(question(page, "What do they bring you").locator("label", has_text=need))
        tap(question(page, "Giving and receiving").get_by_text("Balanced", exact=True))
        last = position == len(PEOPLE)
        tap(page.get_by_role("button", name="Save and continue" if last else "Save, next person"))
        assert tap.count - before <= 8, name

    expect(heading(page)).to_have_text("What is missing?")
    tap(page.get_by_label("Belonging", exact=True))
    tap(page.get_by_role("button", name="Save and continue"))
    expect(heading(page)).to_have_text("How connected do you feel?")
    tap(question(page, "lack companionship").get_by_label("Often"))
    tap(question(page, "left out").get_by_label("Often"))
    tap(question(page, "isolated").get_by_label("Some of the time"))
    tap(page.get_by_role("button", name="See my results"))

    # The map is whole on the phone: no sideways scrolling, every person's mark inside it.
    expect(heading(page)).to_have_text("Your social landscape")
    assert no_sideways_scroll(page)
    social_map = page.get_by_role("img", name="Your social map")
    frame = social_map.bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= PHONE["width"]
    marks = social_map.locator("g.dot path")
    expect(marks).to_have_count(len(PEOPLE))
    for index in range(len(PEOPLE)):
        box = marks.nth(index).bounding_box()
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    accessible_in_light_and_dark(page)

    # Today suggests someone from the answers (Maya: energizing, would like more contact),
    # never the draining Tom, and one tap logs it.
    tap(page.get_by_role("link", name="Go to Today"))
    reach = page.locator("section").filter(
        has=page.get_by_role("heading", name="People to reach out to")
    )
    expect(reach.get_by_role("link", name="Maya")).to_be_visible()
    expect(reach.get_by_text("Tom")).to_have_count(0)
    assert no_sideways_scroll(page)
    accessible_in_light_and_dark(page)
    before = tap.count
    tap(reach.get_by_role("button", name="Energized (log a connection with Maya)"))
    assert tap.count - before == 1
    expect(page.get_by_text("Logged your connection with Maya.")).to_be_visible()
    interaction = Interaction.objects.get()
    assert list(interaction.people.values_list("name", flat=True)) == ["Maya"]
    assert interaction.owner.email == "rosa@example.com"
    accessible_in_light_and_dark(page)
    assert tap.count <= 70
