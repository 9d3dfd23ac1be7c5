"""Signed links in invitation emails: they work without an account, for one purpose and one
invitee each, and expire.

A token carries the invitation's id and its nonce, signed with a salt per purpose: a link
made to decline cannot unsubscribe, a link made for one invitee names no other, and "forget
me" (a new nonce) ends every link sent before.
"""

import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse

from connection.lib.links import site_url
from plans.invitation_models import RitualInvitation

# Purpose → URL name and how long its links work.
PURPOSES = {
    "respond": ("invitation_respond", "KINDRED_INVITATION_LINK_MAX_AGE"),
    "never": ("invitation_never", "KINDRED_INVITATION_LINK_MAX_AGE"),
    "manage": ("invitation_manage", "KINDRED_UNSUBSCRIBE_LINK_MAX_AGE"),
    "unsubscribe": ("invitation_unsubscribe", "KINDRED_UNSUBSCRIBE_LINK_MAX_AGE"),
    "calendar": ("invitation_calendar", "KINDRED_UNSUBSCRIBE_LINK_MAX_AGE"),
}


class LinkRefused(Exception):
    """The link is forged, expired, made for another purpose, or no longer valid."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _salt(purpose: str) -> str:
    return f"kindred.invitations.{purpose}"


def invitation_token(*, invitation, purpose: str) -> str:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown invitation link purpose {purpose!r}")
    payload = {"i": invitation.pk, "n": invitation.nonce}
    return signing.dumps(payload, salt=_salt(purpose), compress=True)


def invitation_url(*, invitation, purpose: str) -> str:
    url_name, _ = PURPOSES[purpose]
    return site_url(
        reverse(url_name, args=[invitation_token(invitation=invitation, purpose=purpose)])
    )


def invitation_read(token: str, *, purpose: str) -> RitualInvitation:
    """The invitation a valid token names; raises LinkRefused otherwise."""
    _, max_age_setting = PURPOSES[purpose]
    try:
        payload = signing.loads(
            token, salt=_salt(purpose), max_age=getattr(settings, max_age_setting)
        )
    except signing.SignatureExpired:
        raise LinkRefused("This link has expired.") from None
    except signing.BadSignature:
        raise LinkRefused("This link is not valid.") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int):
        raise LinkRefused("This link is not valid.")
    invitation = (
        RitualInvitation.objects.select_related("ritual__owner", "owner")
        .filter(pk=payload["i"])
        .first()
    )
    nonce = payload.get("n")
    if (
        invitation is None
        or not isinstance(nonce, str)
        or not hmac.compare_digest(invitation.nonce.encode(), nonce.encode())
    ):
        raise LinkRefused("This link is no longer valid.")
    return invitation
