"""Shared rituals in two browsers: the owner in one, the invitee (no account, another time
zone) in the other, with every email over real SMTP."""

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import expect

from plans.models import InvitationAnswer, RitualInvitation
from plans.services import ritual_schedule_sync
from reminders.dispatch import reminders_dispatch
from reminders.models import Kind, ReminderSchedule
from tests.e2e.conftest import _CSP_LISTENER, PageWatch, assert_accessible
from tests.reminders.conftest import eager_tasks  # noqa: F401 - a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def invitee_page(browser, live_site):
    """A second browser, a phone in New York, that has never seen Kindred."""
    context = browser.new_context(
        base_url=live_site.url,
        timezone_id="America/New_York",
        locale="en-US",
        viewport={"width": 390, "height": 844},
    )
    context.add_init_script(_CSP_LISTENER)
    page = context.new_page()
    watch = PageWatch(page)
    yield page
    try:
        assert watch.csp_violations() == [], "the page broke its Content-Security-Policy"
    finally:
        context.close()


def _plain(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _mail_to(smtp_sink, address, count):
    [message] = [m for m in smtp_sink.wait_for(count) if m["To"] == address]
    return message


def test_the_owner_invites_the_invitee_accepts_in_new_york_is_reminded_and_done_shows(
    page,
    invitee_page,
    sign_in,
    user,
    make_person,
    make_ritual,
    smtp_sink,
    eager_tasks,  # noqa: F811
):
    maya = make_person(user, name="Maya", email="maya@example.net", notes="private note")
    starts = (datetime.datetime.now(user.zone) + datetime.timedelta(hours=2)).replace(
        second=0, microsecond=0
    )
    ritual = make_ritual(
        user, people=[maya], title="Evening call", cadence="daily", weekdays=[],
        local_time=starts.time(), channel="call",
    )  # fmt: skip
    ritual_schedule_sync(ritual=ritual)

    sign_in(user)
    page.goto(f"/rituals/{ritual.pk}/")
    sharing = page.get_by_role("region", name="Shared with")
    expect(sharing).to_contain_text("Maya: not invited")
    sharing.get_by_role("link", name="Invite Maya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite Maya to “Evening call”")
    expect(page.get_by_label("Their email address")).to_have_value("maya@example.net")
    assert_accessible(page)
    page.get_by_label("Your name, as they will see it").fill("Ada")
    page.get_by_label("A personal line (optional)").fill("Same time as always?")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("The invitation to Maya is on its way.")).to_be_visible()

    invitation_email = smtp_sink.wait_for(1)[0]
    assert invitation_email["To"] == "maya@example.net"
    respond = re.search(r"Accept or decline here: (\S+)", _plain(invitation_email)).group(1)

    invitee_page.goto(respond)
    expect(invitee_page.get_by_role("heading", level=1)).to_have_text("You're invited")
    expect(invitee_page.get_by_text("Same time as always?")).to_be_visible()
    expect(invitee_page.get_by_label("Your time zone")).to_have_value("Europe/Berlin")
    assert invitee_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(invitee_page)
    invitee_page.get_by_label("Your time zone").select_option("America/New_York")
    expect(invitee_page.get_by_label("Email me a reminder before each time")).to_be_checked()
    invitee_page.get_by_role("button", name="Accept the invitation").click()
    expect(invitee_page.get_by_role("heading", level=1)).to_have_text("You're in")
    assert invitee_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(invitee_page)

    schedule = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL)
    assert schedule.due_at == starts - datetime.timedelta(hours=1)
    smtp_sink.clear()
    reminders_dispatch(now=schedule.due_at)  # the beat's tick at that minute

    reminder = _mail_to(smtp_sink, "maya@example.net", 2)  # the owner gets theirs too
    local = starts.astimezone(NEW_YORK)
    text = _plain(reminder)
    assert f"starts at {local:%H:%M} " in text and "(your time, America/New York)" in text
    done = re.search(r"Did it\? Mark it done: (\S+)", text).group(1)

    invitee_page.goto(done)
    expect(invitee_page.get_by_role("heading", level=1)).to_have_text("Did you do it?")
    expect(invitee_page.get_by_text(f"at {local:%H:%M}")).to_be_visible()
    assert_accessible(invitee_page)
    invitee_page.get_by_role("button", name="Yes, mark it done").click()
    expect(invitee_page.get_by_role("heading", level=1)).to_have_text("Well done, it's marked")
    assert_accessible(invitee_page)
    assert "private note" not in invitee_page.content()

    page.reload()
    sharing = page.get_by_role("region", name="Shared with")
    expect(sharing).to_contain_text("Maya: Accepted")
    expect(sharing).to_contain_text(f"{starts:%H:%M}: Done")
    assert_accessible(page)
    assert InvitationAnswer.objects.get().status == "done"


def test_declining_with_dont_invite_me_again_refuses_a_second_owners_invitation(
    page,
    invitee_page,
    sign_in,
    user,
    other_user,
    make_person,
    make_ritual,
    smtp_sink,
):
    jonas = make_person(user, name="Jonas", email="jonas@example.net")
    make_ritual(user, people=[jonas], title="Sunday walk")
    sign_in(user)
    page.goto("/rituals/")
    page.get_by_role("link", name="Sunday walk").click()
    page.get_by_role("link", name="Invite Jonas").click()
    page.get_by_label("Your name, as they will see it").fill("Ada")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("The invitation to Jonas is on its way.")).to_be_visible()
    respond = re.search(r"Accept or decline here: (\S+)", _plain(smtp_sink.wait_for(1)[0])).group(1)

    invitee_page.goto(respond)
    invitee_page.get_by_label(re.compile("Don't invite me again")).check()
    invitee_page.get_by_role("button", name="Decline").click()
    expect(invitee_page.get_by_role("heading", level=1)).to_have_text("We won't invite you again")
    assert_accessible(invitee_page)

    # Grace has Jonas on her own map, with the same address typed differently.
    theirs = make_person(other_user, name="Jonas W.")
    ritual = make_ritual(other_user, people=[theirs], title="Chess")
    smtp_sink.clear()
    sign_in(other_user)
    page.goto(f"/rituals/{ritual.pk}/invite/{theirs.pk}/")
    page.get_by_label("Their email address").fill("Jonas@Example.net")
    page.get_by_label("Your name, as they will see it").fill("Grace")
    page.get_by_role("button", name="Send the invitation").click()
    # Said in the error summary at the top, where the focus goes.
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("This person can't be invited to a Kindred ritual right now.")
    # What she typed is still there.
    expect(page.get_by_label("Their email address")).to_have_value("Jonas@Example.net")
    assert_accessible(page)
    assert smtp_sink.messages == []
    assert not RitualInvitation.objects.filter(owner=other_user).exists()
