"""Work on a whole account: export everything, delete everything."""

import logging

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.signals import account_deleting, time_zone_changed
from connection.lib.mail import email_build
from connection.lib.page_cache import owner_forget

logger = logging.getLogger(__name__)


def profile_save(*, form) -> None:
    """Save the settings form (a valid ProfileForm). A new time zone is announced, so that
    every reminder moves to the same local time in that zone at once."""
    user = form.save()
    if "time_zone" in form.changed_data:
        time_zone_changed.send(sender=type(user), user=user)


def account_export(*, user) -> dict:
    data = {"format": "kindred-export-1", "exported_at": timezone.now().isoformat()}
    for path in settings.KINDRED_EXPORT_SECTIONS:
        key, section = import_string(path)(user)
        data[key] = section
    return data


def account_delete(*, user) -> None:
    """Delete the user and every row they own, end all their sessions, drop what the cache
    holds of them, confirm by email.

    Owned rows go through ON DELETE CASCADE from the user; sessions are ended through the
    session store so that a cached copy cannot outlive the row. The cached pages (which
    name the user's people) are dropped once the rows are gone for good.
    """
    email, user_id = user.email, user.pk
    with transaction.atomic():
        for user_session in UserSession.objects.filter(user=user):
            user_session.end()
        account_deleting.send(sender=type(user), user=user)
        user.delete()
        transaction.on_commit(lambda: owner_forget(user_id))
        transaction.on_commit(lambda: _send_deleted_email(email))


def _send_deleted_email(email: str) -> None:
    try:
        email_build(name="account_deleted", to=email, context={"email": email}).send()
    except OSError:
        # The account is gone either way; a confirmation that could not be sent is logged.
        logger.exception("could not send the account-deleted confirmation")
