"""Shared set-up of the shared-ritual tests: an owner whose map holds more than the invitee
should ever see, a ritual with two of those people, and helpers to read the emails."""

import datetime
import re

import pytest

from landscape.choices import Energy
from plans.invitation_services import invitation_send
from plans.models import RitualInvitation
from plans.services import ritual_schedule_sync

# Things on the owner's map that must never reach an invitee.
OWNER_SECRETS = (
    "Jonas Secretname",
    "note only the owner may read",
    "the owner's private description",
    "ada@example.com",
    "Maya on my map",
)


@pytest.fixture
def shared_ritual(user, make_person, make_ritual):
    """Ada (Berlin) keeps a daily 19:00 call with Maya and Jonas, reminded an hour before."""
    maya = make_person(
        user, name="Maya on my map", notes="note only the owner may read", email="maya@example.net"
    )
    jonas = make_person(
        user, name="Jonas Secretname", notes="note only the owner may read", energy=Energy.DRAINING
    )
    made = make_ritual(
        user,
        people=[maya, jonas],
        title="Evening call",
        description="the owner's private description",
        cadence="daily",
        weekdays=[],
        local_time=datetime.time(19, 0),
        channel="call",
    )
    ritual_schedule_sync(ritual=made)
    made.maya, made.jonas = maya, jonas
    return made


@pytest.fixture
def invite(user):
    def send(ritual, person, email="maya@example.net", owner=None, **fields):
        fields.setdefault("inviter_name", "Ada")
        return invitation_send(
            owner=owner or user, ritual=ritual, person=person, email=email, **fields
        )

    return send


def link(message, label: str) -> str:
    """The URL after `label:` in the plain-text part of an email."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"{re.escape(label)}: (\S+)", text).group(1)


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def accept(client, invitation: RitualInvitation, respond_url: str, **fields):
    data = {
        "action": "accept",
        "time_zone": "America/New_York",
        "wants_reminders": "on",
        "invitee_name": "",
        **fields,
    }
    return client.post(path_of(respond_url), data)


def mail_to(smtp_sink, address: str, expected: int):
    """Of the `expected` messages in the sink, the one sent to `address`."""
    [message] = [m for m in smtp_sink.wait_for(expected) if m["To"] == address]
    return message


def invitee_reminder(smtp_sink):
    """The invitee's reminder (the owner's own reminder of the ritual goes out beside it)."""
    return mail_to(smtp_sink, "maya@example.net", 2)
