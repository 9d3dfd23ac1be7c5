"""Keeping invitations from being a way to send unwanted email, and keeping the owner's map
private: who may invite whom, the limits, "don't invite me again", the signed links, what
an invitee's pages show, and bad input."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.invitation_links import invitation_token, invitation_url
from plans.invitation_services import CANNOT_INVITE, DAILY_LIMIT, InviteRefused
from plans.models import InviteSuppression, RitualInvitation
from plans.services import ritual_delete
from reminders.models import Kind, ReminderSchedule
from tests.plans.invitations import (
    OWNER_SECRETS,
    accept,
    html_of,
    link,
    path_of,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_an_unverified_account_cannot_invite(
    client, make_user, make_person, make_ritual, smtp_sink
):
    owner = make_user(email="new@example.com", verified=False)
    maya = make_person(owner, name="Maya")
    ritual = make_ritual(owner, people=[maya])
    client.force_login(owner)
    url = reverse("ritual_invite", args=[ritual.pk, maya.pk])
    assert "confirm your own email address first" in client.get(url).content.decode()
    response = client.post(url, {"email": "maya@example.net", "inviter_name": "New"})
    assert response.status_code == 403
    assert not RitualInvitation.objects.exists()
    assert smtp_sink.messages == []


def test_only_the_rituals_own_people_on_the_owners_map_can_be_invited(
    signed_in_client, other_user, shared_ritual, make_person, make_ritual
):
    stranger = make_person(other_user, name="Not Ada's")
    theirs = make_ritual(other_user, people=[stranger])
    not_in_ritual = make_person(shared_ritual.owner, name="On the map, not in the ritual")
    data = {"email": "x@example.net", "inviter_name": "Ada"}
    for ritual_pk, person_pk in (
        (shared_ritual.pk, stranger.pk),  # another owner's person
        (theirs.pk, stranger.pk),  # another owner's ritual
        (shared_ritual.pk, not_in_ritual.pk),  # Ada's, but not in this ritual
    ):
        url = reverse("ritual_invite", args=[ritual_pk, person_pk])
        assert signed_in_client.get(url).status_code == 404
        assert signed_in_client.post(url, data).status_code == 404
    assert not RitualInvitation.objects.exists()


def test_ten_invitations_a_day_per_account_then_none_until_a_day_has_passed(
    user, make_person, make_ritual, invite, smtp_sink
):
    people = [make_person(user, name=f"Friend {n}") for n in range(11)]
    ritual = make_ritual(user, people=people)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n, person in enumerate(people[:10]):
            invite(ritual, person, email=f"friend{n}@example.net")
        with pytest.raises(InviteRefused) as refused:
            invite(ritual, people[10], email="friend10@example.net")
    assert refused.value.message == DAILY_LIMIT
    assert len(smtp_sink.wait_for(10)) == 10
    assert RitualInvitation.objects.count() == 10
    # Deleting the ritual (and so its invitations) does not give the day back.
    ritual_delete(ritual=ritual)
    again = make_ritual(user, people=[people[10]])
    with (
        time_machine.travel(start + datetime.timedelta(hours=23), tick=False),
        pytest.raises(InviteRefused),
    ):
        invite(again, people[10], email="friend10@example.net")
    with time_machine.travel(start + datetime.timedelta(hours=24, seconds=1), tick=False):
        invite(again, people[10], email="friend10@example.net")


def test_the_daily_limit_is_a_setting(user, shared_ritual, invite, settings):
    settings.KINDRED_INVITES_PER_DAY = 1
    invite(shared_ritual, shared_ritual.maya)
    with pytest.raises(InviteRefused):
        invite(shared_ritual, shared_ritual.jonas, email="jonas@example.net")


def test_three_invitations_a_month_per_address_from_every_account_together(
    make_user, make_person, make_ritual, invite, smtp_sink
):
    owners = [make_user(email=f"owner{n}@example.com") for n in range(4)]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for owner in owners[:3]:
            maya = make_person(owner, name="Maya")
            invite(make_ritual(owner, people=[maya]), maya, owner=owner, email="Maya@Example.net")
        late = make_person(owners[3], name="Maya")
        ritual = make_ritual(owners[3], people=[late])
        with pytest.raises(InviteRefused) as refused:
            invite(ritual, late, owner=owners[3], email=" maya@example.NET ")
    assert refused.value.message == CANNOT_INVITE
    with time_machine.travel(start + datetime.timedelta(days=30, seconds=1), tick=False):
        invite(ritual, late, owner=owners[3], email="maya@example.net")
    assert RitualInvitation.objects.count() == 4


def test_an_invitation_that_was_not_answered_is_never_sent_again(
    shared_ritual, invite, smtp_sink, dispatch
):
    invite(shared_ritual, shared_ritual.maya)
    smtp_sink.wait_for(1)
    assert not ReminderSchedule.objects.filter(kind=Kind.INVITEE_RITUAL).exists()
    start = timezone.now()
    for hours in range(0, 24 * 40, 6):
        moment = start + datetime.timedelta(hours=hours)
        with time_machine.travel(moment, tick=False):
            dispatch(moment)
    to_maya = [m for m in smtp_sink.messages if m["To"] == "maya@example.net"]
    assert len(to_maya) == 1  # the invitation itself, once


def test_dont_invite_me_again_is_kept_as_a_keyed_hash_and_no_account_can_invite_the_address(
    client, make_user, make_person, make_ritual, shared_ritual, invite, smtp_sink
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    respond = path_of(link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    response = client.post(respond, {"action": "decline", "never_again": "on"})
    assert "We won't invite you again" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "declined"

    [suppression] = InviteSuppression.objects.all()
    assert re.fullmatch(r"[0-9a-f]{64}", suppression.digest)
    assert "maya" not in suppression.digest

    grace = make_user(email="grace@example.com")
    maya = make_person(grace, name="Maya")
    ritual = make_ritual(grace, people=[maya])
    client.force_login(grace)
    url = reverse("ritual_invite", args=[ritual.pk, maya.pk])
    smtp_sink.clear()
    response = client.post(url, {"email": "MAYA@example.net ", "inviter_name": "Grace"})
    assert response.status_code == 400
    page = response.content.decode()
    # Kindly, the same sentence as an address invited often lately: nothing more revealed.
    assert "This person can&#x27;t be invited to a Kindred ritual right now." in page
    assert "asked" not in page
    assert smtp_sink.messages == []
    assert RitualInvitation.objects.filter(owner=grace).count() == 0


def test_the_invitation_emails_one_click_unsubscribe_means_dont_invite_me_again(
    shared_ritual, invite, smtp_sink
):
    invite(shared_ritual, shared_ritual.maya)
    [message] = smtp_sink.wait_for(1)
    never = path_of(re.sub(r"\s+", "", message["List-Unsubscribe"]).strip("<>"))
    response = Client(enforce_csrf_checks=True).post(never, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert InviteSuppression.objects.count() == 1
    assert RitualInvitation.objects.get().status == "declined"


def test_forged_expired_wrong_purpose_and_other_invitees_links_are_refused_and_change_nothing(
    client, shared_ritual, invite, smtp_sink
):
    maya = invite(shared_ritual, shared_ritual.maya)
    jonas = invite(shared_ritual, shared_ritual.jonas, email="jonas@example.net")
    respond = path_of(invitation_url(invitation=maya, purpose="respond"))
    data = {"action": "decline", "never_again": "on"}

    forged = respond.replace("/invitation/", "/invitation/x")
    wrong_purpose = reverse(
        "invitation_respond", args=[invitation_token(invitation=maya, purpose="manage")]
    )
    # A validly signed token naming Maya's invitation with Jonas's nonce.
    crossed = signing.dumps(
        {"i": maya.pk, "n": jonas.nonce}, salt="kindred.invitations.respond", compress=True
    )
    not_a_dict = signing.dumps([maya.pk], salt="kindred.invitations.respond")
    for url in (
        forged,
        wrong_purpose,
        reverse("invitation_respond", args=[crossed]),
        reverse("invitation_respond", args=[not_a_dict]),
    ):
        assert client.post(url, data).status_code == 400
        assert client.get(url).status_code == 400
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        response = client.post(respond, data)
        assert response.status_code == 400
        assert "This link has expired." in response.content.decode()
    assert not InviteSuppression.objects.exists()
    assert set(RitualInvitation.objects.values_list("status", flat=True)) == {"pending"}
    # Jonas's own link acts on Jonas only.
    client.post(path_of(invitation_url(invitation=jonas, purpose="respond")), data)
    maya.refresh_from_db()
    jonas.refresh_from_db()
    assert (maya.status, jonas.status) == ("pending", "declined")


def test_a_forged_or_expired_reminder_link_is_refused_in_words_that_fit_an_invitee(
    client, signed_in_client, shared_ritual, invite, smtp_sink, dispatch
):
    invitation = invite(shared_ritual, shared_ritual.maya)
    accept(client, invitation, link(smtp_sink.wait_for(1)[0], "Accept or decline here"))
    smtp_sink.clear()
    due = ReminderSchedule.objects.get(kind=Kind.INVITEE_RITUAL).due_at
    with time_machine.travel(due, tick=False):
        dispatch(due)
    [message] = [m for m in smtp_sink.wait_for(2) if m["To"] == "maya@example.net"]
    done = path_of(link(message, "Did it? Mark it done"))
    forged = done.replace("/r/", "/r/x")
    invitee = Client()

    pages = [(invitee.get(forged), "This link is not valid.")]
    with time_machine.travel(due + datetime.timedelta(days=15), tick=False):
        pages.append((invitee.post(done), "This link has expired."))
    for page, reason in pages:
        assert page.status_code == 400
        html = page.content.decode()
        # The invitee has no account: nothing points them to preferences they do not have.
        assert f"{reason} Nothing was changed." in html
        assert "preferences" not in html.lower()
        assert reverse("reminder_preferences") not in html
    # A signed-in visitor is still shown where their own reminders are changed.
    html = signed_in_client.get(forged).content.decode()
    assert f'href="{reverse("reminder_preferences")}"' in html


def test_invitee_pages_and_emails_show_nothing_of_the_owners_map(
    client, shared_ritual, invite, make_person, smtp_sink, dispatch
):
    """Render every page and email an invitee can reach: no other person's name, no note,
    no description, not the owner's own label for the invitee, not the owner's address.
    Other guests appear by the name they chose, and only once they accepted."""
    ben_on_map = make_person(shared_ritual.owner, name="Ben on my map")
    chloe_on_map = make_person(shared_ritual.owner, name="Chloe on my map")
    shared_ritual.people.add(ben_on_map, chloe_on_map)
    ben = invite(shared_ritual, ben_on_map, email="ben@example.net")
    accept(client, ben, invitation_url(invitation=ben, purpose="respond"), invitee_name="Benny")
    chloe = invite(shared_ritual, chloe_on_map, email="chloe@example.net")
    RitualInvitation.objects.filter(pk=chloe.pk).update(invitee_name="Chloe-pending")
    maya = invite(shared_ritual, shared_ritual.maya)
    invitation_email = next(m for m in smtp_sink.messages if m["To"] == "maya@example.net")
    seen = [text_of(invitation_email), html_of(invitation_email)]

    respond = invitation_url(invitation=maya, purpose="respond")
    seen.append(client.get(path_of(respond)).content.decode())
    seen.append(accept(client, maya, respond, invitee_name="Maya").content.decode())
    smtp_sink.clear()
    due = ReminderSchedule.objects.filter(kind=Kind.INVITEE_RITUAL).first().due_at
    with time_machine.travel(due, tick=False):
        dispatch(due)
        reminder = invitee_reminder_among(smtp_sink)
        seen += [text_of(reminder), html_of(reminder)]
        for label in ("Did it? Mark it done", "Can't make it this time"):
            seen.append(client.get(path_of(link(reminder, label))).content.decode())
            seen.append(client.post(path_of(link(reminder, label))).content.decode())
    for purpose in ("manage", "unsubscribe", "never", "calendar"):
        seen.append(
            client.get(path_of(invitation_url(invitation=maya, purpose=purpose))).content.decode()
        )
    manage = path_of(invitation_url(invitation=maya, purpose="manage"))
    seen.append(client.post(manage, {"action": "save", "time_zone": "Asia/Tokyo"}).content.decode())
    seen.append(client.post(manage, {"action": "leave"}).content.decode())

    everything = "\n".join(seen)
    for secret in (*OWNER_SECRETS, "Ben on my map", "Chloe on my map", "Chloe-pending"):
        assert secret not in everything, secret
    assert "Benny" in everything  # accepted, and chose that name
    assert "Evening call" in everything


def invitee_reminder_among(smtp_sink):
    # Ben and the owner get theirs at the same minute.
    [message] = [m for m in smtp_sink.wait_for(3) if m["To"] == "maya@example.net"]
    return message


_text = st.text(max_size=400)
_fields = st.fixed_dictionaries(
    {},
    optional={
        "action": st.sampled_from(["accept", "decline", "save", "leave", "x", ""]) | _text,
        "time_zone": st.sampled_from(["Europe/Berlin", "Not/AZone", "", "UTC"]) | _text,
        "wants_reminders": _text,
        "invitee_name": _text,
        "never_again": _text,
        "email": _text,
        "inviter_name": _text,
        "personal_line": st.text(max_size=2000),
        "share_owner_email": _text,
    },
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=_fields, token=st.text(max_size=200))
def test_bad_input_to_any_invitation_form_is_never_a_server_error(
    client, signed_in_client, shared_ritual, data, token
):
    invitation = RitualInvitation.objects.filter(ritual=shared_ritual).first()
    if invitation is None:
        invitation = RitualInvitation.objects.create(
            owner=shared_ritual.owner,
            ritual=shared_ritual,
            person=shared_ritual.maya,
            email="maya@example.net",
            inviter_name="Ada",
        )
    safe_token = token.replace("/", "").replace("\x00", "") or "x"
    posts = [
        reverse("ritual_invite", args=[shared_ritual.pk, shared_ritual.maya.pk]),
        path_of(invitation_url(invitation=invitation, purpose="respond")),
        path_of(invitation_url(invitation=invitation, purpose="manage")),
        reverse("invitation_respond", args=[safe_token]),
    ]
    for url in posts:
        chosen = signed_in_client if url.startswith("/rituals/") else client
        response = chosen.post(url, data)
        assert response.status_code < 500, (url, data)
