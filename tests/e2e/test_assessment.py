import re

import pytest
from playwright.sync_api import expect

from connection.models import Assessment
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    ("Ana", "Friend"),
    ("Max", "Colleague"),
    ("Mum", "Family"),
    ("Biscuit", "Pet"),
    ("Choir", "Group or community"),
]
RATINGS = {
    # energy, closeness, needs
    "Ana": ("Energizing", "Inner circle", ["Fun & play", "Emotional support & empathy"]),
    "Max": ("Draining", "Inner circle", []),
    "Mum": ("Mixed", "Close", ["Practical help"]),
    "Biscuit": ("Energizing", "Inner circle", ["Physical presence & touch"]),
    "Choir": ("Neutral", "Wider circle", ["Growth & inspiration"]),
}


def rate(page, name, energy, closeness, needs):
    card = page.locator("fieldset.rating-card").filter(has=page.get_by_text(name, exact=True))
    card.get_by_label("How do you usually feel after time with them?").select_option(label=energy)
    card.get_by_label("Closeness").select_option(label=closeness)
    for need in needs:
        card.get_by_label(need, exact=True).check()


def test_a_verified_user_completes_the_check_in_leaving_and_resuming(page, sign_in, user):
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

    # Step 2: rate three, then leave for later.
    expect(page.get_by_role("heading", level=1)).to_have_text("How does each relationship feel?")
    assert_accessible(page)
    for name in ("Ana", "Max", "Biscuit"):
        rate(page, name, *RATINGS[name])
    page.get_by_role("button", name="Save for later").click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_text("Your check-in is waiting")).to_be_visible()
    assert_accessible(page)

    # Coming back: the ratings made so far are still there.
    page.get_by_role("link", name="Continue your check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How does each relationship feel?")
    ana = page.locator("fieldset.rating-card").filter(has=page.get_by_text("Ana", exact=True))
    expect(ana.get_by_label("How do you usually feel after time with them?")).to_have_value(
        "energizing"
    )
    expect(ana.get_by_label("Fun & play", exact=True)).to_be_checked()
    for name in ("Mum", "Choir"):
        rate(page, name, *RATINGS[name])
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
