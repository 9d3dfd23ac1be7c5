"""Pages behind email links show names and titles to whoever holds the link: nothing may
store them, and no link on them may carry the URL away in a Referer."""

import re

import pytest
from django.test import Client

from tests.connection.token_links import token_links

pytestmark = pytest.mark.django_db


# Email-link pages whose POST the token alone authorises send no Referer at all; pages whose
# forms need CSRF (and so an Origin) send only the bare origin: allauth's confirmation and
# reset pages, and the invitee's answer and settings pages. None ever sends the path.
POLICY = {
    "reminder_action": "no-referrer",
    "reminder_unsubscribe": "no-referrer",
    "invitation_never": "no-referrer",
    "invitation_unsubscribe": "no-referrer",
}


def _assert_private(response, what, route="reminder_action"):
    assert "no-store" in response.get("Cache-Control", ""), what
    assert response.get("Referrer-Policy") == POLICY.get(route, "strict-origin"), what


@pytest.fixture
def links(user, make_person, make_ritual):
    maya = make_person(user, name="Maya")
    return token_links(user, maya, make_ritual(user, people=[maya]))


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in owner"])
def test_every_email_link_page_is_neither_stored_nor_referred(links, user, signed_in):
    visitor = Client()
    if signed_in:
        visitor.force_login(user)
    seen = set()
    for link in links:
        page = visitor.get(link.path)
        seen.add(page.status_code)
        _assert_private(page, f"GET {link.what}", link.route)
        # The page's own form posts back to the link (CSRF token included).
        csrf = visitor.cookies.get("csrftoken")
        data = {"channel": "call", "csrfmiddlewaretoken": csrf.value if csrf else ""}
        _assert_private(visitor.post(link.path, data), f"POST {link.what}", link.route)
    # The confirmation pages, the refused-link page and the missing feed are all covered.
    assert {200, 400, 404} <= seen


def test_the_pages_show_what_they_protect(links):
    """The reason for the headers: the owner's people and rituals are on these pages."""
    by_what = {link.what: link for link in links}
    visitor = Client()
    assert "Maya" in visitor.get(by_what["we connected"].path).content.decode()
    assert "Tuesday call" in visitor.get(by_what["ritual done"].path).content.decode()


def test_the_refused_link_page_is_private_too(client):
    for method in (client.get, client.post):
        refused = method("/r/not-a-token/")
        assert refused.status_code == 400
        assert b"This link is not valid" in refused.content
        _assert_private(refused, method.__name__)


def test_other_pages_keep_the_site_wide_policy(client):
    landing = client.get("/")
    assert landing["Referrer-Policy"] == "same-origin"
    assert "no-store" not in landing.get("Cache-Control", "")


def test_the_forms_on_no_referrer_pages_still_post_from_a_browser(links):
    """Under no-referrer a browser posts the page's form with `Origin: null` and, on https,
    no Referer: the token, not CSRF, is what authorises these posts."""
    by_what = {link.what: link for link in links}
    browser = Client(enforce_csrf_checks=True, HTTP_ORIGIN="null")
    for what in ("we connected", "snooze", "unsubscribe"):
        path = by_what[what].path
        page = browser.get(path, secure=True)
        csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)
        data = {"channel": "call", "csrfmiddlewaretoken": csrf.group(1).decode() if csrf else ""}
        assert browser.post(path, data, secure=True).status_code == 200, what
