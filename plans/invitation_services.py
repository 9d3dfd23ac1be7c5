"""Shared rituals: inviting someone on the map into a ritual, their answers, leaving and being
forgotten, and the limits that keep Kindred from becoming a way to send unwanted email.

An invitation email goes out once, when the owner sends it; nothing ever reminds an
invitation that was not answered. Only an accepted invitee who asked for reminders gets the
ritual's reminder emails (plans.invitation_kinds.InviteeRitualKind), at the ritual's instant
and in their own zone.
"""

import datetime
import logging
from functools import partial
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import User
from connection.lib.mail import email_build
from connection.lib.page_cache import data_changed
from landscape.services import interaction_log, person_email_set
from plans.consistency import DONE
from plans.invitation_links import invitation_url
from plans.invitation_models import (
    AnswerStatus,
    InvitationAnswer,
    InvitationNews,
    InvitationStatus,
    InviteSendLog,
    InviteSuppression,
    NewsWhat,
    RitualInvitation,
)
from reminders.kinds import source_key
from reminders.models import Kind
from reminders.services import (
    ActionRefused,
    delivery_action_record,
    schedule_upsert,
    source_schedules_delete,
)

logger = logging.getLogger(__name__)

DAY = datetime.timedelta(hours=24)
MONTH = datetime.timedelta(days=30)
# One sentence for every address that cannot be invited (asked never to be, or invited
# often enough lately): the owner learns nothing about which.
CANNOT_INVITE = (
    "This person can't be invited to a Kindred ritual right now. You can still share the "
    "ritual with them your own way."
)
DAILY_LIMIT = "You have sent as many invitations as Kindred allows in one day. Try again tomorrow."
NOT_VERIFIED = "Please confirm your own email address first; then you can invite people."
ALREADY_INVITED = "They are already invited to this ritual."
NOT_SENT = "We could not send the invitation just now. Nothing was saved; please try again later."


class InviteRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Addresses ---------------------------------------------------------------------------


def address_normalise(address: str) -> str:
    return address.strip().lower()


def _digest(address: str, secret: str) -> str:
    return salted_hmac(
        "kindred.invitations.address", address_normalise(address), secret=secret, algorithm="sha256"
    ).hexdigest()


def address_digest(address: str) -> str:
    """The keyed hash an address is kept as (HMAC-SHA256, key derived from SECRET_KEY)."""
    return _digest(address, settings.SECRET_KEY)


def address_digests(address: str) -> list[str]:
    """Its hash under the current key and every fallback key, so that a rotated SECRET_KEY
    does not forget who asked never to be invited."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_digest(address, secret) for secret in secrets]


def address_suppressed(address: str) -> bool:
    return InviteSuppression.objects.filter(digest__in=address_digests(address)).exists()


def address_suppress(address: str) -> None:
    """ "Don't invite me again": no account can email this address an invitation again."""
    InviteSuppression.objects.get_or_create(digest=address_digest(address))


def can_invite(owner) -> bool:
    return EmailAddress.objects.filter(user=owner, primary=True, verified=True).exists()


# --- Sending -----------------------------------------------------------------------------


def _address_lock(address: str) -> None:
    """Hold the address until the transaction ends, so that owners inviting it at the same
    instant count its invitations one after another (the owner's row lock only keeps one
    owner's invitations apart). PostgreSQL: a transaction-scoped advisory lock keyed by the
    address's hash. SQLite begins every transaction with the database's write lock
    (transaction_mode IMMEDIATE), so invitations already go one at a time there."""
    if connection.vendor != "postgresql":
        return
    key = int.from_bytes(bytes.fromhex(address_digest(address)[:16]), "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _check_limits(*, owner, address: str, now) -> None:
    if address_suppressed(address):
        raise InviteRefused(CANNOT_INVITE)
    sent_today = InviteSendLog.objects.filter(sender=owner, created_at__gt=now - DAY).count()
    if sent_today >= settings.KINDRED_INVITES_PER_DAY:
        raise InviteRefused(DAILY_LIMIT)
    to_address = InviteSendLog.objects.filter(
        address_digest__in=address_digests(address), created_at__gt=now - MONTH
    ).count()
    if to_address >= settings.KINDRED_INVITES_PER_ADDRESS_MONTH:
        raise InviteRefused(CANNOT_INVITE)


def invitation_send(
    *,
    owner,
    ritual,
    person,
    email: str,
    inviter_name: str,
    personal_line: str = "",
    share_owner_email: bool = False,
) -> RitualInvitation:
    """Invite one of the ritual's people by email. Raises InviteRefused (nothing saved, nothing
    sent) when the owner may not, the address may not be invited, or sending failed."""
    if ritual.owner_id != owner.pk or person.owner_id != owner.pk:
        raise InviteRefused("You can only invite your own people into your own rituals.")
    if not ritual.people.filter(pk=person.pk).exists():
        raise InviteRefused("Add them to the ritual first.")
    if not can_invite(owner):
        raise InviteRefused(NOT_VERIFIED)
    email = address_normalise(email)
    now = timezone.now()
    with transaction.atomic():
        # One invitation at a time per owner and per address, so that two at once cannot
        # both pass a limit. Always the owner first, then the address: no two wait on each other.
        User.objects.select_for_update().filter(pk=owner.pk).first()
        _address_lock(email)
        _check_limits(owner=owner, address=email, now=now)
        if RitualInvitation.objects.filter(
            ritual=ritual,
            person=person,
            status__in=(InvitationStatus.PENDING, InvitationStatus.ACCEPTED),
        ).exists():
            raise InviteRefused(ALREADY_INVITED)
        person_email_set(person=person, email=email)
        invitation = RitualInvitation.objects.create(
            owner=owner,
            ritual=ritual,
            person=person,
            email=email,
            inviter_name=inviter_name.strip(),
            personal_line=personal_line.strip(),
            share_owner_email=share_owner_email,
            time_zone=owner.time_zone,
        )
        InviteSendLog.objects.create(sender=owner, address_digest=address_digest(email))
        InviteSendLog.objects.filter(created_at__lt=now - MONTH - DAY).delete()
        try:
            _invitation_email(invitation).send()
        except OSError as error:
            # Inside the transaction: an invitation that was not sent is not kept or counted.
            logger.warning("invitation %s could not be sent: %s", invitation.pk, error)
            raise InviteRefused(NOT_SENT) from error
    data_changed(owner.pk)
    return invitation


def ritual_in_words(ritual) -> dict:
    """What an invitee may know of a ritual: nothing of the owner's map or notes."""
    return {
        "title": ritual.title,
        "schedule": ritual.schedule_text(),
        "zone_name": ritual.owner.time_zone.replace("_", " "),
        "duration_minutes": ritual.duration_minutes,
        "channel": ritual.get_channel_display(),
        "is_active": ritual.is_active,
    }


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname


def _invitation_email(invitation):
    ritual = invitation.ritual
    never_url = invitation_url(invitation=invitation, purpose="never")
    context = {
        "invitation": invitation,
        "ritual": ritual_in_words(ritual),
        "inviter_name": invitation.inviter_name,
        "personal_line": invitation.personal_line,
        "owner_email": invitation.owner.email if invitation.share_owner_email else "",
        "respond_url": invitation_url(invitation=invitation, purpose="respond"),
        "never_url": never_url,
    }
    return email_build(
        name="ritual_invitation",
        to=invitation.email,
        context=context,
        unsubscribe_url=never_url,
        message_id=f"<invitation-{invitation.pk}@{_host()}>",
    )


# --- The invitee's answers ---------------------------------------------------------------


def _answerable(invitation) -> None:
    if invitation.status == InvitationStatus.LEFT:
        raise ActionRefused


def invitation_accept(
    *, invitation, time_zone: str, wants_reminders: bool, invitee_name: str = ""
) -> None:
    """Accept (or change how one takes part). Raises ActionRefused after leaving: taking
    part again needs a new invitation."""
    _answerable(invitation)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.time_zone = time_zone
    invitation.wants_reminders = wants_reminders
    invitation.invitee_name = invitee_name.strip()
    invitation.answered_at = invitation.answered_at or timezone.now()
    if invitation.invitee_user_id is None:
        invitation.invitee_user = _verified_user(invitation.email)
    invitation.save()
    invitation_schedule_sync(invitation=invitation)
    data_changed(invitation.owner_id)


def invitation_decline(*, invitation, never_again: bool) -> None:
    """Decline; with `never_again` the address is never invited again by anyone. Declining an
    accepted invitation is leaving it."""
    if never_again and invitation.email:
        address_suppress(invitation.email)
    if invitation.status == InvitationStatus.ACCEPTED:
        invitation_leave(invitation=invitation)
    elif invitation.status == InvitationStatus.PENDING:
        invitation.status = InvitationStatus.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        data_changed(invitation.owner_id)


def invitation_reminders_set(*, invitation, wants_reminders: bool, time_zone: str = "") -> None:
    """Reminders on or off (the one-click unsubscribe turns them off), and the zone."""
    _answerable(invitation)
    invitation.wants_reminders = wants_reminders
    if time_zone:
        invitation.time_zone = time_zone
    invitation.save(update_fields=["wants_reminders", "time_zone"])
    invitation_schedule_sync(invitation=invitation)


@transaction.atomic
def invitation_leave(*, invitation) -> None:
    """Leave the ritual: no more emails; the owner is told once."""
    if invitation.status == InvitationStatus.LEFT:
        return
    was_in = invitation.status == InvitationStatus.ACCEPTED
    invitation.status = InvitationStatus.LEFT
    invitation.wants_reminders = False
    invitation.left_at = timezone.now()
    invitation.save(update_fields=["status", "wants_reminders", "left_at"])
    invitation_schedule_sync(invitation=invitation)
    if was_in:
        _news(invitation=invitation, what=NewsWhat.LEFT)
    data_changed(invitation.owner_id)


@transaction.atomic
def invitation_forget(*, invitation) -> None:
    """ "Forget me": leave, and delete the address, the reminder emails and the answers. Every
    link sent before stops working (a new nonce). The owner sees that they left."""
    invitation_leave(invitation=invitation)
    for news in invitation.news.exclude(what=NewsWhat.LEFT):
        source_schedules_delete(
            owner=invitation.owner,
            kind=Kind.INVITEE_NEWS,
            source_key=source_key(InvitationNews.reminder_source, news.pk),
        )
        news.delete()
    invitation.answers.all().delete()
    source_schedules_delete(
        owner=invitation.owner,
        kind=Kind.INVITEE_RITUAL,
        source_key=source_key(RitualInvitation.reminder_source, invitation.pk),
    )
    invitation.email = ""
    invitation.time_zone = ""
    invitation.invitee_name = ""
    invitation.personal_line = ""
    invitation.invitee_user = None
    invitation.nonce = RitualInvitation._meta.get_field("nonce").default()
    invitation.forgotten_at = timezone.now()
    invitation.save()
    data_changed(invitation.owner_id)


def invitation_schedule_sync(*, invitation) -> None:
    """Keep the invitee's reminder in step: it exists while they are in and want reminders."""
    key = source_key(RitualInvitation.reminder_source, invitation.pk)
    if invitation.receives_reminders:
        schedule_upsert(owner=invitation.owner, kind=Kind.INVITEE_RITUAL, source_key=key)
    else:
        source_schedules_delete(owner=invitation.owner, kind=Kind.INVITEE_RITUAL, source_key=key)


def invitee_answer(*, delivery, invitation, occurrence_at, status: str):
    """Record *Done* or *Can't make it this time* from an invitee's reminder. Returns the
    answer, or None when that occurrence was answered before (a second click changes
    nothing). Done counts as a connection with that person on the owner's map; can't make
    it is told to the owner."""
    if delivery.schedule.kind != Kind.INVITEE_RITUAL or status not in AnswerStatus.values:
        raise ActionRefused
    if invitation.status != InvitationStatus.ACCEPTED:
        raise ActionRefused
    ritual = invitation.ritual
    try:
        with transaction.atomic():
            delivery_action_record(
                delivery=delivery, action=status, target=f"at:{int(occurrence_at.timestamp())}"
            )
            if invitation.answers.filter(occurrence_at=occurrence_at).exists():
                return None
            answer = InvitationAnswer.objects.create(
                invitation=invitation, occurrence_at=occurrence_at, status=status
            )
            if status == AnswerStatus.DONE:
                answer.interaction = _connection_logged(invitation, ritual, occurrence_at)
                answer.save(update_fields=["interaction"])
            else:
                _news(invitation=invitation, what=NewsWhat.CANT, occurrence_at=occurrence_at)
    except IntegrityError:
        return None
    data_changed(invitation.owner_id)
    return answer


def _connection_logged(invitation, ritual, occurrence_at):
    owner = ritual.owner
    owner_done = ritual.check_ins.filter(
        occurrence_at=occurrence_at, status=DONE, interaction__people=invitation.person
    ).exists()
    if owner_done:
        return None  # the owner's own check-in logged this connection already
    return interaction_log(
        owner=owner,
        occurred_on=occurrence_at.astimezone(owner.zone).date(),
        people=[invitation.person],
        channel=ritual.channel,
        note=ritual.title,
    )


def _news(*, invitation, what: str, occurrence_at=None) -> None:
    news = InvitationNews.objects.create(
        owner_id=invitation.owner_id,
        invitation=invitation,
        what=what,
        occurrence_at=occurrence_at,
    )
    # Due at the moment it happened: the next tick emails it, or folds it into the digest.
    schedule_upsert(
        owner=invitation.owner,
        kind=Kind.INVITEE_NEWS,
        source_key=source_key(InvitationNews.reminder_source, news.pk),
        now=news.created_at - datetime.timedelta(seconds=1),
    )


# --- Accounts ----------------------------------------------------------------------------


def _verified_user(email: str):
    if not email:
        return None
    found = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user")
    address = found.first()
    return address.user if address is not None else None


def invitations_link_account(*, user, email: str) -> int:
    """Someone confirmed an address that was invited: the rituals appear in their account."""
    return RitualInvitation.objects.filter(
        email__iexact=address_normalise(email),
        invitee_user__isnull=True,
        status__in=(InvitationStatus.PENDING, InvitationStatus.ACCEPTED),
    ).update(invitee_user=user)


def invitations_received(*, user) -> list[RitualInvitation]:
    return list(
        RitualInvitation.objects.filter(
            invitee_user=user,
            status__in=(InvitationStatus.PENDING, InvitationStatus.ACCEPTED),
        ).select_related("ritual__owner")
    )


def invitations_end(*, rituals) -> None:
    """The rituals are going (deleted, or their owner's account is): each accepted invitee
    is told once, after the deletion is committed. Their reminders go with the rituals."""
    ending = list(
        RitualInvitation.objects.filter(ritual__in=rituals, status=InvitationStatus.ACCEPTED)
        .exclude(email="")
        .select_related("ritual__owner")
    )
    for invitation in ending:
        source_schedules_delete(
            owner=invitation.owner,
            kind=Kind.INVITEE_RITUAL,
            source_key=source_key(RitualInvitation.reminder_source, invitation.pk),
        )
    messages = [
        email_build(
            name="ritual_ended",
            to=invitation.email,
            context={"inviter_name": invitation.inviter_name, "title": invitation.ritual.title},
        )
        for invitation in ending
    ]
    if messages:
        transaction.on_commit(partial(_send_all, messages))


def _send_all(messages) -> None:
    for message in messages:
        try:
            message.send()
        except OSError:
            # The ritual is gone either way; a goodbye that could not be sent is logged.
            logger.exception("could not tell an invitee that a ritual ended")


def on_account_deleting(sender, *, user, **kwargs) -> None:
    invitations_end(rituals=user.rituals.all())


def on_email_confirmed(sender, *, email_address, **kwargs) -> None:
    invitations_link_account(user=email_address.user, email=email_address.email)


def ritual_sharing(*, ritual) -> list[dict]:
    """For the owner's ritual page: each of the ritual's people, their latest invitation and
    its answers."""
    latest = {}
    invitations = ritual.invitations.prefetch_related("answers").order_by("created_at", "pk")
    for invitation in invitations:
        latest[invitation.person_id] = invitation
    rows = []
    for person in ritual.people.all():
        invitation = latest.get(person.pk)
        open_invitation = invitation is not None and invitation.status in (
            InvitationStatus.PENDING,
            InvitationStatus.ACCEPTED,
        )
        rows.append(
            {
                "person": person,
                "invitation": invitation,
                "answers": list(invitation.answers.all())[:10] if invitation else [],
                "may_invite": not open_invitation and person.archived_at is None,
            }
        )
    return rows
