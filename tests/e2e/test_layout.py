import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, color_scheme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_pages_fit_a_320_pixel_phone_and_the_menu_opens(page, sign_in, user):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/accounts/signup/", "/accounts/login/", "/guide/"]:
        page.goto(path)
        assert _fits(page, 320), path

    sign_in(user)
    for path in ["/today/", "/account/settings/", "/guide/myths/"]:
        page.goto(path)
        assert _fits(page, 320), path
    page.get_by_role("button", name="Show menu").click()
    expect(page.get_by_role("link", name="Account", exact=True)).to_be_visible()
    assert_accessible(page)


def test_keyboard_users_can_skip_straight_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_the_line_under_a_name_on_a_phone_starts_with_words_not_a_separator(
    page, sign_in, user, make_person
):
    # A name sits on a line of its own (it is clamped to two lines), so the details under
    # it must not begin with the "·" that used to follow the name on the same line.
    make_person(
        user, name="Maya", energy="energizing", contact_now="yearly", contact_wished="weekly"
    )
    sign_in(user)
    page.set_viewport_size({"width": 390, "height": 844})
    for path, cards in (("/today/", ".reach-list"), ("/people/", ".people-list")):
        page.goto(path)
        lines = page.locator(f"{cards} .card-body").first.inner_text().splitlines()
        assert lines[0] == "Maya", path
        assert not lines[1].lstrip().startswith("·"), f"{path}: {lines[1]!r}"


_CHECKBOX_AND_BACKGROUND = """(box) => {
  let under = box.parentElement;
  while (under && getComputedStyle(under).backgroundColor === "rgba(0, 0, 0, 0)") {
    under = under.parentElement;
  }
  return [getComputedStyle(box).borderTopColor, getComputedStyle(under).backgroundColor];
}"""


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css_colour)[:3])
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_empty_checkbox_can_be_seen(page, scheme):
    # Bootstrap draws an unticked box with its faint border colour (1.3:1 on white): on a
    # phone in daylight the plan day's list of people looked like plain text. Controls
    # need 3:1 against what is around them (WCAG 1.4.11).
    page.goto("/accounts/login/")
    color_scheme(page, scheme)
    box = page.get_by_role("checkbox").first
    expect(box).not_to_be_checked()
    border, background = box.evaluate(_CHECKBOX_AND_BACKGROUND)
    assert _contrast(border, background) >= 3, (border, background)
