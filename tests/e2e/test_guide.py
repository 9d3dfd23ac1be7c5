import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_signed_in_person_reads_the_guide_from_the_menu(page, sign_in, user):
    sign_in(user)
    page.goto("/today/")
    page.get_by_role("link", name="Guide").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Kindred guide")
    assert_accessible(page)
    page.get_by_role("link", name="Myths and truths").click()
    expect(page.locator("#too-introverted")).to_contain_text("introvert")
    assert_accessible(page)
