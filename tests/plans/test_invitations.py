"""Inviting people into a ritual: the email, accepting without an account, the invitee's
reminders in their zone, Done and Can't make it, leaving, forget me, signing up later."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from accounts.services import account_delete, account_export
from landscape.models import Interaction
from plans.invitation_links import invitation_url
from plans.models import InvitationAnswer, InvitationNews, RitualInvitation
from plans.services import ritual_delete
from reminders.models import Delivery, DeliveryState, Kind, ReminderPreferences, ReminderSchedule
from tests.plans.invitations import (
    accept,
    html_of,
    invitee_reminder,
    link,
    path_of,
    text_of,
)

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def test_the_owner_invites_from_the_ritual_page_and_one_email_names_the_ritual_in_words(
    signed_in_client, shared_ritual, smtp_sink
):
    page = signed_in_client.get(reverse("ritual_detail", args=[shared_ritual.pk]))
    invite_url = reverse("ritual_invite", args=[shared_ritual.pk, shared_ritual.maya.pk])
    assert invite_url in page.content.decode()

    form = signed_in_client.get(invite_url)
    assert 'value="maya@example.net"' in form.content.decode()  # from her card
    response = signed_in_client.post(
        invite_url,
        {
            "email": "Maya@Example.net ",
            "inviter_name": "Ada <b>L</b>",
            "personal_line": "It would <i>mean</i> a lot",
        },
    )
    assert response.status_code == 302

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "maya@example.net"
    assert message["Subject"] == 'Ada <b>L</b> invites you to "Evening call"'
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/never/" in message["List-Unsubscribe"]
    text = text_of(message)
    assert "Every day at 19:00 (Europe/Berlin time), 30 minutes, Call." in text
    assert "It would <i>mean</i> a lot" in text
    assert "ada@example.com" not in text  # the owner did not choose to share it
    html = html_of(message)
    assert "&lt;i&gt;mean&lt;/i&gt;" in html and "<i>mean</i>" not in html
    assert "ada@example.com" not in html

    invitation = RitualInvitation.objects.get()
    assert (invitation.status, invitation.email) == ("pending", "maya@example.net")
    page = signed_in_client.get(reverse("ritual_detail", args=[shared_ritual.pk]))
    assert "Invited, no answer yet" in page.content.decode()


def test_the_owner_address_is_shown_only_when_they_choose_to_share_it(
    shared_ritual, invite, smtp_sink
):
    invite(shared_ritual, shared_ritual.maya, share_owner_email=True)
    [message] = smtp_sink.wait_for(1)
    assert "Ada (ada@example.com) invites you" in text_of(message)


def test_accepting_needs_no_account_asks_the_zone_and_reminders_and_twice_is_harmless(
    client, shared_ritual, invite, smtp_sink
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    respond = link(smtp_sink.wait_for(1)[0], "Accept or decline here")

    page = client.get(path_of(respond))
    assert page.status_code == 200
    body = page.content.decode()
    # The owner's zone is the default choice.
    assert re.search(r'<option value="Europe/Berlin" selected>', body)
    assert accept(client, invitation, respond).status_code == 200
    assert accept(client, invitation, respond).status_code == 200

    invitation.refresh_from_db()
    assert (invitation.status, invitation.time_zone, invitation.wants_reminders) == (
        "accepted",
        "America/New_York",
        True,
    )
    assert ReminderSchedule.objects.filter(kind=Kind.INVITEE_RITUAL).count() == 1


def test_the_invitee_is_reminded_at_the_rituals_instant_in_their_own_zone_whatever_the_owner_chose(
    client, user, shared_ritual, invite, smtp_sink, dispatch
):
    # The owner switched ritual reminders off, paused everything and allows none a day:
    # all about the owner's inbox, none of it about the invitee's.
    ReminderPreferences.objects.create(
        owner=user, ritual_on=False, daily_cap=0, paused_until=datetime.date(2030, 1, 1)
    )
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()

    schedule = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL)
    due = schedule.due_at
    # An hour before 19:00 in Berlin, which is 12:00 or 13:00 in New York.
    assert due.astimezone(BERLIN).time() == datetime.time(18, 0)
    with time_machine.travel(due, tick=False):
        dispatch(due)
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "maya@example.net"
    starts = (due + datetime.timedelta(hours=1)).astimezone(NEW_YORK)
    text = text_of(message)
    assert f"starts at {starts:%H:%M} today (your time, America/New York), call." in text
    assert "/invitation/" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for label in ("Mark it done", "Can't make it this time", "Add it to your calendar"):
        assert label in text
    # None of the owner's own links.
    assert "/account/reminders/" not in text and "/email/unsubscribe/" not in text
    assert Delivery.objects.get(schedule=schedule).state == DeliveryState.SENT


def test_done_from_the_invitee_counts_as_a_connection_and_the_owner_sees_it_once(
    client, signed_in_client, shared_ritual, invite, smtp_sink, dispatch
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()
    due = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL).due_at
    with time_machine.travel(due, tick=False):
        dispatch(due)
    done = path_of(link(invitee_reminder(smtp_sink), "Did it? Mark it done"))

    fresh = Client()
    assert "Did you do it?" in fresh.get(done).content.decode()
    assert InvitationAnswer.objects.count() == 0  # GET only asks
    assert "Well done" in fresh.post(done).content.decode()
    assert "Already noted" in fresh.post(done).content.decode()

    answer = InvitationAnswer.objects.get()
    assert (answer.status, answer.occurrence_at) == ("done", due + datetime.timedelta(hours=1))
    interaction = Interaction.objects.get()
    assert [p.pk for p in interaction.people.all()] == [shared_ritual.maya.pk]
    assert interaction.channel == "call"
    shared_ritual.maya.refresh_from_db()
    assert shared_ritual.maya.last_contact_on == answer.occurrence_at.astimezone(BERLIN).date()

    page = signed_in_client.get(reverse("ritual_detail", args=[shared_ritual.pk])).content.decode()
    assert "Accepted" in page
    assert f"{answer.occurrence_at.astimezone(BERLIN):%a %-d %b, %H:%M}: Done" in page


def test_cant_make_it_tells_the_owner_and_over_the_cap_it_is_folded_into_the_digest(
    client, user, shared_ritual, invite, smtp_sink, dispatch, settings
):
    ReminderPreferences.objects.create(owner=user, daily_cap=0)
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()
    due = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL).due_at
    with time_machine.travel(due, tick=False):
        dispatch(due)
        cant = path_of(link(smtp_sink.wait_for(1)[0], "Can't make it this time"))
        smtp_sink.clear()
        Client().post(cant)
        Client().post(cant)
    assert InvitationNews.objects.filter(what="cant").count() == 1

    later = due + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        dispatch(later)
    news = Delivery.objects.get(schedule__kind=Kind.INVITEE_NEWS)
    assert news.state == DeliveryState.MERGED  # the owner allows no email a day

    digest_at = later + settings.KINDRED_REMINDER_DIGEST_HOLD
    with time_machine.travel(digest_at, tick=False):
        dispatch(digest_at)
    [digest] = smtp_sink.wait_for(1)
    assert digest["To"] == "ada@example.com"
    starts = (due + datetime.timedelta(hours=1)).astimezone(BERLIN)
    assert (
        f"Maya on my map can't make it to Evening call on {starts:%A} {starts.day} "
        f"{starts:%B} at 19:00" in text_of(digest)
    )


def test_cant_make_it_under_the_cap_is_an_email_of_its_own(
    client, shared_ritual, invite, smtp_sink, dispatch
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()
    due = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL).due_at
    with time_machine.travel(due, tick=False):
        dispatch(due)
        Client().post(path_of(link(invitee_reminder(smtp_sink), "Can't make it this time")))
        smtp_sink.clear()
        dispatch(due + datetime.timedelta(minutes=1))
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "ada@example.com"
    assert message["Subject"].startswith("Maya on my map can't make it to Evening call on")


@pytest.mark.parametrize("moved", ["on the settings page", "without a signal"])
def test_cant_make_it_reaches_the_owner_who_changes_zone_before_the_next_tick(
    client, user, signed_in_client, shared_ritual, invite, smtp_sink, dispatch, moved
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()
    due = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL).due_at
    with time_machine.travel(due, tick=False):
        dispatch(due)
        Client().post(path_of(link(invitee_reminder(smtp_sink), "Can't make it this time")))
        smtp_sink.clear()
    # Within the minute before the next tick, the owner moves to Tokyo: from the settings
    # page (every schedule is recomputed at once) or somewhere that sends no signal (the
    # dispatcher finds the row computed in a zone its owner has left).
    with time_machine.travel(due + datetime.timedelta(seconds=30), tick=False):
        if moved == "on the settings page":
            data = {"display_name": "Ada", "time_zone": "Asia/Tokyo"}
            assert signed_in_client.post("/account/settings/", data).status_code == 302
        else:
            type(user).objects.filter(pk=user.pk).update(time_zone="Asia/Tokyo")
    for minute in (1, 2):
        tick = due + datetime.timedelta(minutes=minute)
        with time_machine.travel(tick, tick=False):
            dispatch(tick)
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "ada@example.com"
    starts = (due + datetime.timedelta(hours=1)).astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert message["Subject"].startswith(
        f"Maya on my map can't make it to Evening call on {starts:%A} {starts.day} {starts:%B}"
    )
    assert Delivery.objects.get(schedule__kind=Kind.INVITEE_NEWS).state == DeliveryState.SENT


def test_one_click_unsubscribe_works_without_session_or_csrf_and_stops_the_reminders(
    client, shared_ritual, invite, smtp_sink, dispatch
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()
    due = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL).due_at
    with time_machine.travel(due, tick=False):
        dispatch(due)
    message = invitee_reminder(smtp_sink)
    unsubscribe = path_of(re.sub(r"\s+", "", message["List-Unsubscribe"]).strip("<>"))

    response = Client(enforce_csrf_checks=True).post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert (invitation.status, invitation.wants_reminders) == ("accepted", False)
    assert not ReminderSchedule.objects.filter(kind=Kind.INVITEE_RITUAL).exists()


def test_leaving_tells_the_owner_once_and_ends_the_reminders(
    client, shared_ritual, invite, smtp_sink, dispatch
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    respond = link(smtp_sink.wait_for(1)[0], "Accept or decline here")
    accept(client, invitation, respond)
    smtp_sink.clear()
    manage = path_of(invitation_url(invitation=invitation, purpose="manage"))

    assert "You left the ritual" in client.post(manage, {"action": "leave"}).content.decode()
    client.post(manage, {"action": "leave"})
    invitation.refresh_from_db()
    assert invitation.status == "left"
    assert not ReminderSchedule.objects.filter(kind=Kind.INVITEE_RITUAL).exists()
    now = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1)
    dispatch(now)
    [message] = smtp_sink.wait_for(1)
    assert (message["To"], message["Subject"]) == (
        "ada@example.com",
        "Maya on my map left Evening call",
    )
    # Taking part again needs a new invitation.
    assert accept(client, invitation, respond).status_code == 400


def test_forget_me_deletes_the_address_deliveries_and_answers_and_ends_every_link(
    client, signed_in_client, shared_ritual, invite, smtp_sink, dispatch
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    respond = link(smtp_sink.wait_for(1)[0], "Accept or decline here")
    accept(client, invitation, respond)
    smtp_sink.clear()
    due = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL).due_at
    with time_machine.travel(due, tick=False):
        dispatch(due)
        message = invitee_reminder(smtp_sink)
        done = path_of(link(message, "Did it? Mark it done"))
        client.post(done)
    manage = path_of(link(message, "Your reminders, leaving, forget me"))
    calendar = path_of(link(message, "Add it to your calendar"))
    assert InvitationAnswer.objects.count() == 1

    assert "We have forgotten you" in client.post(manage, {"action": "forget"}).content.decode()

    invitation.refresh_from_db()
    assert (invitation.email, invitation.time_zone, invitation.status) == ("", "", "left")
    assert invitation.invitee_user is None and invitation.forgotten_at is not None
    assert not InvitationAnswer.objects.exists()
    assert not Delivery.objects.filter(schedule__kind=Kind.INVITEE_RITUAL).exists()
    assert not ReminderSchedule.objects.filter(kind=Kind.INVITEE_RITUAL).exists()
    for old_link in (respond, manage, calendar, done):
        response = client.post(path_of(old_link), {"action": "accept"})
        assert response.status_code == 400
    # The connection it made stays on the owner's map; the owner sees that they left.
    assert Interaction.objects.count() == 1
    page = signed_in_client.get(reverse("ritual_detail", args=[shared_ritual.pk])).content.decode()
    assert "Left and asked us to forget their address" in page
    assert "maya@example.net" not in str(account_export(user=invitation.owner)["invitations"])


def test_deleting_the_owners_account_tells_each_accepted_invitee_once(
    client, user, shared_ritual, invite, smtp_sink, django_capture_on_commit_callbacks
):
    maya = invite(shared_ritual, shared_ritual.maya)
    accept(client, maya, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    invite(shared_ritual, shared_ritual.jonas, email="jonas@example.net")  # never answered
    smtp_sink.clear()

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=user)

    messages = smtp_sink.wait_for(2)
    ended = [m for m in messages if m["To"] == "maya@example.net"]
    assert [m["Subject"] for m in ended] == ['"Evening call" has ended']
    assert "Ada's ritual" in text_of(ended[0])
    assert not [m for m in messages if m["To"] == "jonas@example.net"]
    assert not RitualInvitation.objects.exists()
    assert not ReminderSchedule.objects.exists()


def test_deleting_the_ritual_tells_its_accepted_invitees(
    client, shared_ritual, invite, smtp_sink, django_capture_on_commit_callbacks
):
    maya = invite(shared_ritual, shared_ritual.maya)
    accept(client, maya, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ritual_delete(ritual=shared_ritual)
    [message] = smtp_sink.wait_for(1)
    assert (message["To"], message["Subject"]) == ("maya@example.net", '"Evening call" has ended')
    assert not ReminderSchedule.objects.filter(kind=Kind.INVITEE_RITUAL).exists()


def test_signing_up_later_with_that_address_shows_the_ritual_in_the_account(
    client, shared_ritual, invite, smtp_sink
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()

    client.post(
        "/accounts/signup/",
        {"email": "maya@example.net", "password1": "gentle-Harbour-42", "time_zone": "UTC"},
    )
    confirm = re.search(
        r"https?://\S+/accounts/confirm-email/\S+", text_of(smtp_sink.wait_for(1)[0])
    ).group(0)
    client.post(path_of(confirm))

    invitation.refresh_from_db()
    assert invitation.invitee_user is not None
    assert invitation.invitee_user.email == "maya@example.net"
    assert EmailAddress.objects.get(email="maya@example.net").verified
    page = client.get(reverse("rituals")).content.decode()
    assert "Shared with you" in page
    assert "Evening call" in page and 'from <span class="user-text">Ada</span>' in page
    received = account_export(user=invitation.invitee_user)["invitations"]["received"]
    assert [(r["ritual_title"], r["from"], r["status"]) for r in received] == [
        ("Evening call", "Ada", "accepted")
    ]


def test_an_owners_export_holds_the_invitations_sent_with_the_answers(
    client, user, shared_ritual, invite, smtp_sink
):
    invitation = invite(shared_ritual, shared_ritual.maya, personal_line="Come!")
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    [sent] = account_export(user=user)["invitations"]["sent"]
    assert sent["email"] == "maya@example.net"
    assert (sent["status"], sent["personal_line"], sent["their_time_zone"]) == (
        "accepted",
        "Come!",
        "America/New_York",
    )


def test_the_invitees_calendar_file_is_the_ritual_without_the_owners_details(
    client, shared_ritual, invite, smtp_sink
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    response = client.get(path_of(invitation_url(invitation=invitation, purpose="calendar")))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert "SUMMARY:Evening call" in body and "RRULE:FREQ=DAILY" in body
    assert "DESCRIPTION:With Ada\\, Call" in body
    for secret in ("Jonas", "private description", "/rituals/"):
        assert secret not in body
