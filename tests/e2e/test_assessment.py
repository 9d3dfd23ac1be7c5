import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from landscape.models import Assessment
from tests.e2e.conftest import assert_accessible
from tests.landscape.factories import finished_assessment, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    ("Ana", "Friend"),
    ("Max", "Colleague"),
    ("Mum", "Family"),
    ("Biscuit", "Pet"),
    ("Choir", "Group or community"),
]
RATINGS = {
    # energy, closeness (start of its label), needs
    "Ana": ("Energizing", "Inner circle", ["Fun & play", "Emotional support & empathy"]),
    "Max": ("Draining", "Inner circle", []),
    "Mum": ("Mixed", "Close", ["Practical help"]),
    "Biscuit": ("Energizing", "Inner circle", ["Physical presence & touch"]),
    "Choir": ("Neutral", "Wider circle", ["Growth & inspiration"]),
}
PHONE = {"width": 390, "height": 844}
TWO_SCREENS = 2 * PHONE["height"]


class Taps:
    """Every tap a person makes, counted."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


def question(page, legend):
    return page.get_by_role("group", name=re.compile(legend))


def rate(page, tap, name, energy, closeness, needs, reciprocity="Balanced"):
    """Answer one person's page the way a person would: tapping the big buttons."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    tap(question(page, "How do you feel after").get_by_text(energy, exact=True))
    tap(question(page, "How close are you").locator("label", has_text=closeness))
    tap(question(page, "in touch now").get_by_text("Monthly", exact=True))
    tap(question(page, "would you like to be").get_by_text("Weekly", exact=True))
    for need in needs:
        tap(question(page, "What do they bring you").get_by_text(need, exact=True))
    tap(question(page, "Giving and receiving").get_by_text(reciprocity, exact=True))


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_a_verified_user_completes_the_check_in_leaving_and_resuming(page, sign_in, user):
    page.set_viewport_size(PHONE)
    sign_in(user)
    page.goto("/today/")
    assert_accessible(page)
    page.get_by_role("link", name="Start the check-in").click()

    # Step 1: five people, added in two goes.
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is in your life?")
    assert_accessible(page)
    for index, (name, kind) in enumerate(PEOPLE[:3], start=1):
        page.get_by_label(f"Name {index}", exact=True).fill(name)
        page.get_by_label(f"Kind {index}", exact=True).select_option(label=kind)
    page.get_by_role("button", name="Add these and more").click()
    expect(page.get_by_text("Added 3 to your map.")).to_be_visible()
    for index, (name, kind) in enumerate(PEOPLE[3:], start=1):
        page.get_by_label(f"Name {index}", exact=True).fill(name)
        page.get_by_label(f"Kind {index}", exact=True).select_option(label=kind)
    page.get_by_role("button", name="Save and continue").click()

    # Step 2: one person at a time, in name order; each page fits two phone screens and a
    # typical person takes at most eight taps.
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana · 1 of 5")
    assert page_height(page) <= TWO_SCREENS
    assert_accessible(page)
    tap = Taps()
    rate(page, tap, "Ana", *RATINGS["Ana"])
    assert page_height(page) <= TWO_SCREENS
    tap(page.get_by_role("button", name="Save, next person"))
    assert tap.count <= 8

    # Forgetting an answer: a clear error, and the answers given are kept.
    expect(page.get_by_role("heading", level=1)).to_have_text("Biscuit · 2 of 5")
    page.get_by_text("Energizing", exact=True).click()
    page.get_by_role("button", name="Save, next person").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("How close are you?: Please pick one answer.")
    # Each line of the summary leads to its question's first answer.
    expect(summary.get_by_role("link", name="How close are you?")).to_have_attribute(
        "href", "#id_closeness_0"
    )
    expect(question(page, "How close are you")).to_contain_text("Please pick one answer.")
    expect(question(page, "How do you feel after").get_by_label("Energizing")).to_be_checked()
    assert_accessible(page)
    rate(page, Taps(), "Biscuit", *RATINGS["Biscuit"])
    page.get_by_role("button", name="Save, next person").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Choir · 3 of 5")
    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Max · 4 of 5")
    rate(page, Taps(), "Max", *RATINGS["Max"])
    page.get_by_role("button", name="Save and finish later").click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_text("Your check-in is waiting")).to_be_visible()
    assert_accessible(page)

    # Coming back: the first person not answered yet, with earlier answers still there.
    page.get_by_role("link", name="Continue your check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choir · 3 of 5")
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Biscuit · 2 of 5")
    expect(question(page, "How do you feel after").get_by_label("Energizing")).to_be_checked()
    expect(
        question(page, "What do they bring you").get_by_label("Physical presence & touch")
    ).to_be_checked()
    page.get_by_role("button", name="Save, next person").click()
    rate(page, Taps(), "Choir", *RATINGS["Choir"])
    page.get_by_role("button", name="Save, next person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Max · 4 of 5")
    page.get_by_role("button", name="Save, next person").click()
    rate(page, Taps(), "Mum", *RATINGS["Mum"])
    page.get_by_role("button", name="Save and continue").click()

    # Step 3: what is missing.
    expect(page.get_by_role("heading", level=1)).to_have_text("What is missing?")
    assert_accessible(page)
    page.get_by_label("Belonging", exact=True).check()
    page.get_by_label("Deep conversation", exact=True).check()
    page.get_by_label("What is missing, in your words").fill("Friends nearby")
    page.get_by_role("button", name="Save and continue").click()

    # Step 4: UCLA-3, forgetting one answer first.
    expect(page.get_by_role("heading", level=1)).to_have_text("How connected do you feel?")
    assert_accessible(page)
    page.get_by_role("group", name=re.compile("lack companionship")).get_by_label("Often").check()
    page.get_by_role("group", name=re.compile("left out")).get_by_label("Some of the time").check()
    page.get_by_role("button", name="See my results").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("form").get_by_text("Please pick one answer.")).to_be_visible()
    expect(
        page.get_by_role("group", name=re.compile("left out")).get_by_label("Some of the time")
    ).to_be_checked()
    assert_accessible(page)
    page.get_by_role("group", name=re.compile("isolated")).get_by_label("Often").check()
    page.get_by_role("button", name="See my results").click()

    # Results match what was entered.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your social landscape")
    assessment = Assessment.objects.get()
    assert assessment.ucla_score == 8
    social_map = page.get_by_role("img", name="Your social map")
    expect(social_map).to_be_visible()
    for name, _ in PEOPLE:
        expect(social_map.locator("text", has_text=name)).to_have_count(1)
        expect(page.locator("table.map-table").get_by_role("rowheader", name=name)).to_be_visible()
    draining_row = page.locator("table.map-table tr").filter(has_text="Max")
    expect(draining_row).to_contain_text("Draining")

    grid = page.locator("table.needs-grid")
    expect(grid.locator("tr").filter(has_text="Fun & play")).to_contain_text("Ana")
    expect(grid.locator("tr").filter(has_text="Belonging")).to_contain_text("Nobody yet")
    expect(grid.locator("tr").filter(has_text="Belonging")).to_contain_text("You want more")

    expect(page.locator("#insight-support")).to_contain_text("not alone")
    expect(page.locator("#insight-support")).to_contain_text("988")
    expect(page.locator("#insight-tend-close-support")).to_contain_text("Ana is close")
    expect(page.locator("#insight-draining-ties")).to_contain_text("Max")
    expect(page.locator("#insight-craved-belonging")).to_be_visible()
    expect(page.locator("#insight-craved-deep_conversation")).to_be_visible()
    expect(page.locator("#insight-weekly-ritual")).to_contain_text("Murthy")
    assert_accessible(page)

    page.get_by_role("link", name="All check-ins").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-ins")
    expect(page.get_by_role("img", name="Loneliness scores: ")).to_be_visible()
    assert_accessible(page)
    page.go_back()

    page.locator("#insight-craved-belonging").get_by_role("link", name="The helper’s high").click()
    expect(page.locator("#helpers-high")).to_be_visible()


def test_people_pages_and_logging_work_in_the_browser(page, sign_in, user):
    sign_in(user)
    page.goto("/people/")
    assert_accessible(page)
    page.get_by_role("link", name="Add someone").click()
    page.get_by_label("Name").fill("")
    page.get_by_label("Notes").fill("<b>hello</b> שלום 🌻")
    page.get_by_role("button", name="Save").click()
    expect(
        page.locator("form").get_by_text("Please give a name, a nickname or initials.")
    ).to_be_visible()
    expect(page.get_by_label("Notes")).to_have_value("<b>hello</b> שלום 🌻")
    assert_accessible(page)
    page.get_by_label("Name").fill("<i>Ana</i>")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("<i>Ana</i>")
    expect(page.get_by_text("<b>hello</b> שלום 🌻")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Log a connection").click()
    expect(page.get_by_label("<i>Ana</i>")).to_be_checked()
    page.get_by_label("Drained").check()
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Logged. Every connection counts.")).to_be_visible()
    assert_accessible(page)

    page.goto("/people/")
    page.get_by_role("link", name="<i>Ana</i>").click()
    expect(page.get_by_text("mostly drained (0 energized, 0 neutral, 1 drained)")).to_be_visible()
    page.get_by_role("link", name="Delete").click()
    assert_accessible(page)
    page.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_text("is deleted.")).to_be_visible()


MAP_PEOPLE = [
    # name, energy, closeness, in touch now
    ("Maya", "energizing", "inner", "weekly"),
    ("Tom", "draining", "inner", "monthly"),
    ("Grandma Rose", "energizing", "close", "monthly"),
    ("Sam", "mixed", "close", "fortnightly"),
    ("Biscuit", "energizing", "inner", "weekly"),
    ("Choir", "neutral", "wider", "quarterly"),
    ("Alexandria-Josephine", "neutral", "wider", "no_goal"),
]


@pytest.mark.parametrize("width", [320, 390])
def test_the_results_fit_a_small_phone_with_every_mark_on_the_map(page, sign_in, user, width):
    for name, energy, closeness, contact_now in MAP_PEOPLE:
        person(user, name, energy=energy, closeness=closeness, contact_now=contact_now)
    assessment = finished_assessment(user, ucla=(3, 2, 2), cravings=["belonging", "fun"])
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(user)
    page.goto(f"/assessment/{assessment.pk}/results/")

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    social_map = page.get_by_role("img", name="Your social map")
    frame = social_map.bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= width
    marks = social_map.locator("g.dot path")
    expect(marks).to_have_count(len(MAP_PEOPLE))
    for index in range(len(MAP_PEOPLE)):
        box = marks.nth(index).bounding_box()
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    for name, *_ in MAP_PEOPLE:
        short = name if len(name) <= 10 else name[:9] + "…"
        expect(social_map.locator("text", has_text=short)).to_be_visible()
    expect(page.locator("figcaption")).to_contain_text("Draining (triangle)")
    for table in ("table.map-table", "table.needs-grid"):
        box = page.locator(table).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    badges = page.locator("table.needs-grid").get_by_text("You want more")
    for index in range(badges.count()):
        box = badges.nth(index).bounding_box()
        assert box["x"] + box["width"] <= width
    assert_accessible(page)


def test_a_person_is_answered_by_keyboard_alone_without_javascript(
    browser, live_site, client, user
):
    maya = person(user, "Maya")
    person(user, "Tom")
    Assessment.objects.create(owner=user, step="feelings")
    client.force_login(user)
    context = browser.new_context(base_url=live_site.url, java_script_enabled=False, viewport=PHONE)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_site.url,
            }
        ]
    )
    page = context.new_page()
    try:
        page.goto("/assessment/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Maya · 1 of 2")
        page.get_by_role("link", name="Back").focus()
        keys = page.keyboard
        keys.press("Tab")  # into "how do you feel": its first button
        focused = page.locator("label[for=id_energy_0]")
        assert focused.evaluate("label => getComputedStyle(label).outlineStyle") == "solid"
        keys.press("Space")  # Energizing
        keys.press("Tab")
        keys.press("Space")  # Inner circle
        keys.press("Tab")
        keys.press("ArrowRight")  # Every 2 weeks
        keys.press("ArrowRight")  # Monthly
        keys.press("Tab")
        keys.press("Space")  # would like: weekly
        keys.press("Tab")
        keys.press("Tab")
        keys.press("Space")  # needs: deep conversation
        keys.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tom · 2 of 2")
    finally:
        context.close()
    maya.refresh_from_db()
    assert (maya.energy, maya.closeness, maya.contact_now, maya.contact_wished) == (
        "energizing",
        "inner",
        "monthly",
        "weekly",
    )
    assert maya.needs_met == ["deep_conversation"]
    assert Assessment.objects.get().rated_people == [maya.pk]
