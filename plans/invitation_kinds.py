"""The reminder kinds of shared rituals, registered in PlansConfig.ready().

- InviteeRitualKind: the ritual's reminder, emailed to an accepted invitee (not to the
  owner) the ritual's lead before each occurrence, with every time in the invitee's zone.
- InviteeNewsKind: tells the owner that an invitee can't make it or left; an ordinary owner
  email, so it follows the owner's preferences and folds into their digest over the cap.
"""

import datetime

from django.urls import reverse

from connection.lib.links import site_url
from connection.lib.occurrences import next_fire_before
from plans.invitation_links import invitation_url
from plans.invitation_models import InvitationNews, NewsWhat, RitualInvitation
from plans.invitation_views import invitee_cant_page, invitee_done_page
from reminders.kinds import Recipient, RowSourceKind
from reminders.links import action_url
from reminders.models import Kind

SHORTEST_FRESHNESS = datetime.timedelta(minutes=15)


def day_words(starts_at: datetime.datetime, now: datetime.datetime) -> str:
    """ "today", "tomorrow" or "on Friday", in the zone `starts_at` carries."""
    days = (starts_at.date() - now.astimezone(starts_at.tzinfo).date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"on {starts_at:%A}"


class InviteeRitualKind(RowSourceKind):
    """Source key "invitation:<pk>": one schedule per accepted invitee who wants reminders."""

    name = Kind.INVITEE_RITUAL
    model = RitualInvitation
    source_prefix = RitualInvitation.reminder_source
    template = "reminder_invitee_ritual"
    to_owner = False
    optional = False
    actions = {"done": invitee_done_page, "cant": invitee_cant_page}

    def rows(self):
        return RitualInvitation.objects.select_related("ritual__owner")

    def wanted(self, schedules, now):
        found = super().wanted(schedules, now)
        return {s.pk for s in schedules if s.pk in found and self.source(s).receives_reminders}

    def _lead(self, invitation) -> datetime.timedelta:
        return datetime.timedelta(minutes=invitation.ritual.reminder_lead_minutes)

    def next_due(self, schedule, prefs, after):
        invitation = self.source(schedule)
        if invitation is None or not invitation.receives_reminders:
            return None
        ritual = invitation.ritual
        return next_fire_before(
            after, lead=self._lead(invitation), occurrence_after=ritual.next_occurrence
        )

    def freshness_for(self, schedule):
        invitation = self.source(schedule)
        lead = self._lead(invitation) if invitation is not None else datetime.timedelta(0)
        return max(lead, SHORTEST_FRESHNESS)

    def recipient(self, schedule):
        invitation = self.source(schedule)
        if invitation is None or not invitation.receives_reminders:
            return None
        return Recipient(
            address=invitation.email,
            zone=invitation.zone,
            unsubscribe_url=invitation_url(invitation=invitation, purpose="unsubscribe"),
        )

    def occurrence_at(self, delivery, invitation) -> datetime.datetime:
        return delivery.due_at + self._lead(invitation)

    def email_context(self, delivery, now):
        invitation = self.source(delivery.schedule)
        if invitation is None or not invitation.receives_reminders:
            return None
        starts_at = self.occurrence_at(delivery, invitation).astimezone(invitation.zone)
        return {
            "headline": f"{invitation.ritual.title} at {starts_at:%H:%M}",
            "title": invitation.ritual.title,
            "inviter_name": invitation.inviter_name,
            "channel": invitation.ritual.get_channel_display(),
            "starts_at": starts_at,
            "day_words": day_words(starts_at, now),
            "zone_name": invitation.time_zone.replace("_", " "),
            "invitee_name": invitation.invitee_name,
        }

    def links(self, delivery):
        invitation = self.source(delivery.schedule)
        if invitation is None:
            return {}
        at = f"at:{int(self.occurrence_at(delivery, invitation).timestamp())}"
        return {
            "done_url": action_url(delivery=delivery, action="done", target=at),
            "cant_url": action_url(delivery=delivery, action="cant", target=at),
            "calendar_url": invitation_url(invitation=invitation, purpose="calendar"),
            "manage_url": invitation_url(invitation=invitation, purpose="manage"),
        }


class InviteeNewsKind(RowSourceKind):
    """Source key "invitation-news:<pk>": one email to the owner, due when it happened."""

    name = Kind.INVITEE_NEWS
    model = InvitationNews
    source_prefix = InvitationNews.reminder_source
    template = "reminder_invitee_news"
    # News about the owner's rituals: the ritual-reminder switch governs it too.
    preference = Kind.RITUAL
    freshness = datetime.timedelta(hours=24)

    def rows(self):
        return InvitationNews.objects.select_related("invitation__person", "invitation__ritual")

    def next_due(self, schedule, prefs, after):
        news = self.source(schedule)
        if news is None:
            return None
        if after < news.created_at:
            return news.created_at
        # A recompute (the owner changed zone or preferences) asks from now on, while the
        # row still holds the moment it happened: the email has not gone yet, and the news
        # does not depend on any zone. The dispatcher, once it has written the email, asks
        # from that very moment and ends the schedule.
        if schedule.due_at == news.created_at and after > news.created_at:
            return news.created_at
        return None

    def email_context(self, delivery, now):
        news = self.source(delivery.schedule)
        if news is None:
            return None
        invitation, owner = news.invitation, delivery.schedule.owner
        name, title = invitation.person.name, invitation.ritual.title
        if news.what == NewsWhat.CANT:
            when = news.occurrence_at.astimezone(owner.zone)
            headline = f"{name} can't make it to {title} on {when:%A} {when.day} {when:%B at %H:%M}"
        else:
            headline = f"{name} left {title}"
        return {
            "headline": headline,
            "what": news.what,
            "name": name,
            "ritual_url": site_url(reverse("ritual_detail", args=[invitation.ritual_id])),
        }
