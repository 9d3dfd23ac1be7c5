"""Sending deliveries: claim each one, render it, send it over one SMTP connection per batch.

A delivery is claimed (queued → sending, with its claim time) by a conditional UPDATE, so a
second copy of the same task finds nothing to do. A batch that runs past its time budget
puts the deliveries it has not started back in the queue, so the claim of every delivery a
live task still holds is younger than the sending task's hard time limit (see
reminders/queue.py and the sweeper). Transient trouble (a 4xx reply, a dropped or refused
connection, a timeout) puts the delivery back in the queue for a retry with backoff;
a 5xx reply or refused recipients fail it at once, in words the person can read.
"""

import logging
import smtplib
from time import monotonic
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from connection.lib.links import site_url
from connection.lib.mail import email_build
from reminders.kinds import kind_for
from reminders.links import ALL_KINDS, unsubscribe_url
from reminders.models import Delivery, DeliveryState

logger = logging.getLogger(__name__)


def is_transient(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return False
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError):
        return True
    return not isinstance(error, smtplib.SMTPException) and isinstance(error, OSError)


def describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = "; ".join(
            f"{code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
            for code, reply in error.recipients.values()
        )
        return f"The mail server refused the address ({replies})."
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        reply = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        return f"The mail server answered {error.smtp_code} {reply}."
    return f"We could not reach the mail server ({type(error).__name__}: {error})."


def message_id_for(delivery) -> str:
    return f"<reminder-{delivery.pk}@{urlsplit(settings.SITE_URL).hostname}>"


def deliveries_send(
    delivery_ids: list[int], *, budget_seconds: float | None = None
) -> tuple[list[int], list[int]]:
    """Send what is still queued among these. Returns the ids to try again later (after a
    transient failure) and those put back unstarted once `budget_seconds` had passed, for
    another task to take up now."""
    deliveries = _claim(delivery_ids)
    stop_at = None if budget_seconds is None else monotonic() + budget_seconds
    verified = set(
        EmailAddress.objects.filter(
            user_id__in={d.schedule.owner_id for d in deliveries}, verified=True
        ).values_list("user_id", "email")
    )
    retry, unstarted = [], []
    smtp = None
    try:
        for position, delivery in enumerate(deliveries):
            if stop_at is not None and monotonic() > stop_at:
                unstarted = _release(deliveries[position:])
                break
            message = _message_or_outcome(delivery, verified)
            if message is None:
                continue
            try:
                if smtp is None:
                    smtp = get_connection(fail_silently=False)
                    smtp.open()
                smtp.send_messages([message])
            except (OSError, smtplib.SMTPException) as error:
                if smtp is not None:
                    smtp.close()
                    smtp = None
                if _record_error(delivery, error):
                    retry.append(delivery.pk)
                continue
            # Recorded one by one: a worker killed mid-batch re-sends at most this one.
            _record(delivery, DeliveryState.SENT, sent_at=timezone.now())
    finally:
        if smtp is not None:
            smtp.close()
    return retry, unstarted


def _claim(delivery_ids) -> list[Delivery]:
    """Take the still-queued deliveries among these (queued → sending), all in one go."""
    with transaction.atomic():
        mine = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=delivery_ids, state=DeliveryState.QUEUED)
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=mine).update(
            state=DeliveryState.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    return list(
        Delivery.objects.filter(pk__in=mine).select_related("schedule__owner").order_by("pk")
    )


def _release(deliveries) -> list[int]:
    """Put claimed deliveries this task never started back in the queue (sending → queued),
    those whose claim is still this task's."""
    ids = [delivery.pk for delivery in deliveries]
    Delivery.objects.filter(
        pk__in=ids, state=DeliveryState.SENDING, claimed_at=deliveries[0].claimed_at
    ).update(state=DeliveryState.QUEUED, attempts=F("attempts") - 1)
    return ids


def _message_or_outcome(delivery, verified):
    """The email to send, or None once the delivery has been settled another way."""
    schedule, now = delivery.schedule, timezone.now()
    kind = kind_for(schedule.kind)
    if now > delivery.due_at + kind.freshness_for(schedule):
        _record(delivery, DeliveryState.MISSED, last_error="It was too late to be useful.")
        return None
    if not kind.to_owner:
        return _message_to_recipient(delivery, kind, now)
    owner = schedule.owner
    if (owner.pk, owner.email) not in verified:
        _record(
            delivery,
            DeliveryState.FAILED,
            last_error="Your email address is not verified yet, so nothing was sent to it.",
        )
        return None
    context = kind.email_context(delivery, now)
    if context is None:
        _record(delivery, DeliveryState.MISSED, last_error="There was nothing left to remind.")
        return None
    context.update(kind.links(delivery))
    context.update(
        {
            "owner": owner,
            "preferences_url": site_url(reverse("reminder_preferences")),
            "unsubscribe_all_url": unsubscribe_url(owner_id=owner.pk, kind=ALL_KINDS),
        }
    )
    kind_unsubscribe = (
        unsubscribe_url(owner_id=owner.pk, kind=kind.preference) if kind.optional else None
    )
    context["unsubscribe_kind_url"] = kind_unsubscribe
    # Times in the email are the owner's local times, whatever zone the worker runs in.
    with timezone.override(owner.zone):
        return email_build(
            name=kind.template,
            to=owner.email,
            context=context,
            unsubscribe_url=kind_unsubscribe or context["unsubscribe_all_url"],
            message_id=message_id_for(delivery),
        )


def _message_to_recipient(delivery, kind, now):
    """An email of a kind that goes to someone other than the owner (an invitee): to their
    address, in their zone, with their own unsubscribe link and none of the owner's."""
    recipient = kind.recipient(delivery.schedule)
    context = kind.email_context(delivery, now) if recipient is not None else None
    if context is None:
        _record(delivery, DeliveryState.MISSED, last_error="There was nothing left to remind.")
        return None
    context.update(kind.links(delivery))
    context["unsubscribe_url"] = recipient.unsubscribe_url
    with timezone.override(recipient.zone):
        return email_build(
            name=kind.template,
            to=recipient.address,
            context=context,
            unsubscribe_url=recipient.unsubscribe_url,
            message_id=message_id_for(delivery),
        )


def _record(delivery, state, **fields):
    fields.setdefault("last_error", "")
    if state == DeliveryState.SENT:
        fields["message_id"] = message_id_for(delivery)
    Delivery.objects.filter(pk=delivery.pk).update(state=state, **fields)


def _record_error(delivery, error) -> bool:
    """Record a failed attempt; True when it is worth trying again."""
    words = describe(error)
    if is_transient(error) and delivery.attempts < settings.KINDRED_REMINDER_MAX_ATTEMPTS:
        logger.info("delivery %s: transient failure, will retry: %s", delivery.pk, words)
        _record(delivery, DeliveryState.QUEUED, last_error=words)
        return True
    if is_transient(error):
        words = f"{words} We gave up after {delivery.attempts} attempts."
    logger.warning("delivery %s failed: %s", delivery.pk, words)
    _record(delivery, DeliveryState.FAILED, last_error=words)
    return False
