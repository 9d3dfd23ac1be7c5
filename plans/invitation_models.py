"""Rows of shared rituals: an invitation into a ritual, the invitee's answers, what the owner
is told, and the addresses that asked never to be invited.

Imported by plans.models, so Django finds them; they name the ritual by its label only.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.db import models

from accounts.timezones import validate_time_zone


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Invited, no answer yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    LEFT = "left", "Left"


def _new_nonce() -> str:
    return secrets.token_urlsafe(12)


class RitualInvitation(models.Model):
    """One person on the owner's map, invited by email into one of the owner's rituals.

    Every link sent to the invitee carries the invitation's id and `nonce`; "forget me"
    replaces the nonce, so every link sent before stops working.
    """

    # Its reminder schedule's source key is "invitation:<pk>" (reminders.kinds.source_key).
    reminder_source = "invitation"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    ritual = models.ForeignKey("plans.Ritual", on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "connection.Person", on_delete=models.CASCADE, related_name="ritual_invitations"
    )
    # Blank once the invitee asked to be forgotten.
    email = models.EmailField(blank=True)
    inviter_name = models.CharField(max_length=80)
    personal_line = models.CharField(max_length=300, blank=True)
    share_owner_email = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    nonce = models.CharField(max_length=24, default=_new_nonce)
    # How the invitee wants the ritual's other guests to see them (blank: not named).
    invitee_name = models.CharField(max_length=80, blank=True)
    time_zone = models.CharField(max_length=64, blank=True, validators=[validate_time_zone])
    wants_reminders = models.BooleanField(default=False)
    # Their account, once they have one with this address verified.
    invitee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_received",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    forgotten_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Invitation {self.pk} into ritual {self.ritual_id}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or self.ritual.owner.time_zone)

    @property
    def receives_reminders(self) -> bool:
        return (
            self.status == InvitationStatus.ACCEPTED and self.wants_reminders and bool(self.email)
        )


class AnswerStatus(models.TextChoices):
    DONE = "done", "Done"
    CANT = "cant", "Can't make it this time"


class InvitationAnswer(models.Model):
    """What an invitee answered from a reminder for one occurrence of the ritual."""

    invitation = models.ForeignKey(
        RitualInvitation, on_delete=models.CASCADE, related_name="answers"
    )
    occurrence_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=AnswerStatus.choices)
    # The connection it logged on the owner's map (it stays there if the answer goes).
    interaction = models.ForeignKey(
        "connection.Interaction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurrence_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "occurrence_at"], name="one_answer_per_occurrence"
            )
        ]

    def __str__(self):
        return f"{self.status} for {self.occurrence_at:%Y-%m-%d %H:%M} ({self.invitation_id})"


class NewsWhat(models.TextChoices):
    CANT = "cant", "Can't make it"
    LEFT = "left", "Left the ritual"


class InvitationNews(models.Model):
    """Something the owner is told by email about an invitee (through the reminder engine,
    so it follows their preferences and folds into their digest)."""

    # Its reminder schedule's source key is "invitation-news:<pk>".
    reminder_source = "invitation-news"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation_news"
    )
    invitation = models.ForeignKey(RitualInvitation, on_delete=models.CASCADE, related_name="news")
    what = models.CharField(max_length=8, choices=NewsWhat.choices)
    occurrence_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "invitation news"

    def __str__(self):
        return f"{self.what} on invitation {self.invitation_id}"


class InviteSendLog(models.Model):
    """One invitation email sent, for the limits: it outlives the invitation (a deleted
    ritual or account must not reset them) and names the address only by its keyed hash.
    Rows older than the longest limit are pruned as new invitations go out."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    address_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["address_digest", "created_at"], name="invite_log_address_age"),
            models.Index(fields=["sender", "created_at"], name="invite_log_sender_age"),
        ]

    def __str__(self):
        return f"Invitation sent by {self.sender_id} at {self.created_at:%Y-%m-%d %H:%M}"


class InviteSuppression(models.Model):
    """An address that asked never to be invited again, kept only as a keyed hash."""

    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Suppressed address {self.digest[:8]}…"
