"""The per-address limit holds when several owners invite one address at the same instant,
each from its own database connection (real PostgreSQL when DATABASE_URL names it)."""

import contextlib
import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connections

from plans import invitation_services
from plans.invitation_services import CANNOT_INVITE, InviteRefused, invitation_send
from plans.models import InviteSendLog, RitualInvitation

pytestmark = pytest.mark.django_db(transaction=True)

ATTEMPTS = 6
# How long an attempt that has passed its checks waits for the others to pass theirs.
HOLD_SECONDS = 1


def test_owners_inviting_one_address_at_once_send_no_more_than_the_monthly_limit(
    make_user, make_person, make_ritual, smtp_sink, monkeypatch
):
    limit = settings.KINDRED_INVITES_PER_ADDRESS_MONTH
    assert limit < ATTEMPTS
    attempts = []
    for n in range(ATTEMPTS):
        owner = make_user(email=f"owner{n}@example.com")
        maya = make_person(owner, name="Maya")
        attempts.append((owner, make_ritual(owner, people=[maya]), maya))

    # Widen the race to its worst: every attempt that has counted the address's invitations
    # holds its transaction open until all of them have counted. Where the count is guarded,
    # the others wait before counting, the hold times out and they go one after another.
    counted = threading.Barrier(ATTEMPTS, timeout=HOLD_SECONDS)
    check_limits = invitation_services._check_limits

    def check_then_hold(**kwargs):
        check_limits(**kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait()

    monkeypatch.setattr(invitation_services, "_check_limits", check_then_hold)
    start = threading.Barrier(ATTEMPTS)
    outcomes = []

    def invite(owner, ritual, person):
        try:
            start.wait()
            invitation_send(
                owner=owner,
                ritual=ritual,
                person=person,
                email="maya@example.net",
                inviter_name="Ada",
            )
            outcomes.append("sent")
        except InviteRefused as refused:
            outcomes.append(refused.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=invite, args=attempt) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)

    assert Counter(outcomes) == {"sent": limit, CANNOT_INVITE: ATTEMPTS - limit}
    assert InviteSendLog.objects.count() == limit
    assert RitualInvitation.objects.count() == limit
    assert len(smtp_sink.wait_for(limit)) == limit
