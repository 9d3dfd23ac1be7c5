"""Signed links in reminder emails: they work without signing in, for one purpose each.

A token names the user it was made for; acting checks that the delivery and the person it
points at still belong to that user. Tokens expire (settings), and a token made for one
purpose (an action, an unsubscribe) is refused for any other, thanks to the salt.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from connection.lib.links import site_url

ACTION_SALT = "kindred.reminders.action"
UNSUBSCRIBE_SALT = "kindred.reminders.unsubscribe"
ALL_KINDS = "all"


def action_token(*, delivery, action: str, target: str = "") -> str:
    payload = {"d": delivery.pk, "u": delivery.schedule.owner_id, "a": action, "t": target}
    return signing.dumps(payload, salt=ACTION_SALT, compress=True)


def action_read(token: str) -> dict:
    """The payload of a valid action token; raises signing.BadSignature otherwise."""
    return signing.loads(token, salt=ACTION_SALT, max_age=settings.KINDRED_REMINDER_LINK_MAX_AGE)


def action_url(*, delivery, action: str, target: str = "") -> str:
    token = action_token(delivery=delivery, action=action, target=target)
    return site_url(reverse("reminder_action", args=[token]))


def unsubscribe_token(*, owner_id: int, kind: str) -> str:
    return signing.dumps({"u": owner_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> dict:
    return signing.loads(
        token, salt=UNSUBSCRIBE_SALT, max_age=settings.KINDRED_UNSUBSCRIBE_LINK_MAX_AGE
    )


def unsubscribe_url(*, owner_id: int, kind: str) -> str:
    token = unsubscribe_token(owner_id=owner_id, kind=kind)
    return site_url(reverse("reminder_unsubscribe", args=[token]))
