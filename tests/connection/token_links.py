"""One real link of every kind that carries a secret in its path, as emails and the
calendar page hand them out, plus a broken variant of each (the pages Django logs as
warnings). tests/connection/test_token_urls.py checks that every token URL in the URL
patterns has an example here."""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone

from plans import invitation_links
from plans.invitation_models import RitualInvitation
from plans.services import calendar_feed_get, ritual_schedule_sync
from reminders import links
from reminders.models import Delivery, DeliveryState, Kind, ReminderSchedule
from reminders.services import schedule_upsert


@dataclass(frozen=True)
class TokenLink:
    route: str  # the URL pattern's name
    what: str
    path: str
    secret: str  # what must never be printed whole


def _delivery(schedule):
    return Delivery.objects.create(
        schedule=schedule, due_at=timezone.now(), state=DeliveryState.SENT
    )


def token_links(user, person, ritual) -> list[TokenLink]:
    """Links for `user`; `person` and `ritual` are theirs."""
    nudge = _delivery(schedule_upsert(owner=user, kind=Kind.NUDGE, source_key="nudges"))
    ritual_schedule_sync(ritual=ritual)
    ritual_delivery = _delivery(ReminderSchedule.objects.get(owner=user, kind=Kind.RITUAL))
    occurrence = int(
        ritual.next_occurrence(timezone.now() - datetime.timedelta(days=8)).timestamp()
    )

    def action(what, delivery, name, target):
        token = links.action_token(delivery=delivery, action=name, target=target)
        return TokenLink("reminder_action", what, reverse("reminder_action", args=[token]), token)

    unsubscribe = links.unsubscribe_token(owner_id=user.pk, kind=Kind.NUDGE)
    forged = links.action_token(delivery=nudge, action="snooze", target="3")[:-4] + "AAAA"
    feed = calendar_feed_get(owner=user)
    address = EmailAddress.objects.get(user=user)
    confirm_key = EmailConfirmationHMAC(address).key
    reset_key = default_token_generator.make_token(user)
    uid = user_pk_to_url_str(user)
    return [
        action("snooze", nudge, "snooze", "3"),
        action("we connected", nudge, "connected", f"person:{person.pk}"),
        action("ritual done", ritual_delivery, "done", f"at:{occurrence}"),
        TokenLink("reminder_action", "forged action", f"/r/{forged}/", forged),
        TokenLink(
            "reminder_unsubscribe",
            "unsubscribe",
            reverse("reminder_unsubscribe", args=[unsubscribe]),
            unsubscribe,
        ),
        TokenLink(
            "reminder_unsubscribe",
            "forged unsubscribe",
            f"/email/unsubscribe/{unsubscribe[:-4]}AAAA/",
            unsubscribe[:-4],
        ),
        TokenLink(
            "calendar_feed", "feed", reverse("calendar_feed", args=[feed.token]), feed.secret
        ),
        TokenLink(
            "calendar_feed", "replaced feed", f"/calendar/{feed.pk}.{'x' * 30}.ics", "x" * 30
        ),
        TokenLink(
            "account_confirm_email",
            "confirm email",
            reverse("account_confirm_email", args=[confirm_key]),
            confirm_key,
        ),
        TokenLink(
            "account_confirm_email",
            "broken confirm email",
            f"/accounts/confirm-email/{confirm_key[:-4]}AAAA/",
            confirm_key[:-4],
        ),
        TokenLink(
            "account_reset_password_from_key",
            "password reset",
            reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": reset_key}),
            reset_key,
        ),
        TokenLink(
            "account_reset_password_from_key",
            "broken password reset",
            f"/accounts/password/reset/key/{uid}-{reset_key[:-4]}aaaa/",
            reset_key[:-4],
        ),
        *_invitation_links(user, person, ritual),
    ]


def _invitation_links(user, person, ritual) -> list[TokenLink]:
    """The invitee's links (respond, never, manage, unsubscribe, calendar), one each."""
    invitation = RitualInvitation.objects.create(
        owner=user, ritual=ritual, person=person, email="invitee@example.com", inviter_name="Ada"
    )
    made = []
    for purpose, (url_name, _) in invitation_links.PURPOSES.items():
        token = invitation_links.invitation_token(invitation=invitation, purpose=purpose)
        made.append(
            TokenLink(url_name, f"invitation {purpose}", reverse(url_name, args=[token]), token)
        )
    return made
