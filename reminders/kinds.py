"""The kinds of reminder. Each knows when its next reminder is due, whether it is still
wanted, what its email says and which actions its links offer.

The engine knows no kind but the digest, which it arms itself. Every other kind belongs to
the app whose rows it reminds of, and that app registers it (`kind_register`, from its
AppConfig.ready()), so the dispatcher, the sender and the link pages never name one.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from reminders.links import action_url
from reminders.models import Delivery, DeliveryState, Kind

SNOOZE_DAYS = (1, 3, 7)


def source_key(prefix: str, pk: int) -> str:
    """The schedule key of a reminder that comes from one row: "<prefix>:<pk>"."""
    return f"{prefix}:{pk}"


def source_pk(key: str) -> int | None:
    """The row id in a key made by source_key(); None for a key of another shape."""
    _, _, pk = key.partition(":")
    return int(pk) if pk.isdecimal() else None


@dataclass(frozen=True)
class Recipient:
    """Someone a kind's emails go to who is not the schedule's owner (an invitee of the
    owner's ritual): their address, the zone their times are shown in, and the one-click
    unsubscribe link that stops these emails for them alone."""

    address: str
    zone: zoneinfo.ZoneInfo
    unsubscribe_url: str


class ReminderKind:
    name: str
    template: str
    # How late a reminder may still go out; later than this it is marked missed.
    freshness = datetime.timedelta(hours=3)
    # Whether the person can switch this kind off (the digest only carries the others).
    optional = True
    # The preference that switches it off ("<preference>_on"); the kind's name by default.
    preference: str = ""
    offers_snooze = False
    # A kind every verified account has one schedule of, under this source key.
    standing_source: str = ""
    # Email link actions this kind answers besides snooze: {action: view(request, delivery,
    # target)}. The view is the kind's own page; the engine has checked the signature.
    actions: dict = {}
    # False for a kind whose emails go to someone else (see `recipient`): the owner's
    # verified address, preferences, quiet hours, pause and daily cap do not apply to them.
    to_owner = True

    def __init__(self):
        self.preference = self.preference or self.name

    @property
    def label(self) -> str:
        return Kind(self.name).label if self.name in Kind.values else self.name

    def next_due(self, schedule, prefs, after: datetime.datetime) -> datetime.datetime | None:
        raise NotImplementedError

    def freshness_for(self, schedule) -> datetime.timedelta:
        return self.freshness

    def recipient(self, schedule) -> Recipient | None:
        """For a kind that is not `to_owner`: who this schedule's emails go to; None once
        they no longer want them (nothing is sent)."""
        raise NotImplementedError

    def display_zone(self, schedule) -> zoneinfo.ZoneInfo:
        """The zone the email and the pages behind its links show times in."""
        if self.to_owner:
            return schedule.owner.zone
        recipient = self.recipient(schedule)
        return recipient.zone if recipient is not None else schedule.owner.zone

    def wanted(self, schedules, now: datetime.datetime) -> set[int]:
        """Of these due schedules, the ids whose reminder still has something to say."""
        return {schedule.pk for schedule in schedules}

    def email_context(self, delivery, now: datetime.datetime) -> dict | None:
        """What the email says; None when there is nothing to remind any more."""
        raise NotImplementedError

    def snooze_due(self, schedule, prefs, delivery, until: datetime.datetime):
        """The schedule's new next reminder when `delivery` is snoozed until `until`, or
        None to leave it. By default the kind's first reminder from `until` on, when it is
        later than the one already due: later snoozes win, and a shorter one after a longer
        one changes nothing."""
        due = self.next_due(schedule, prefs, until - datetime.timedelta(seconds=1))
        if due is not None and (schedule.due_at is None or due > schedule.due_at):
            return due
        return None

    def links(self, delivery) -> dict:
        if not self.offers_snooze:
            return {}
        return {
            "snooze_links": [
                (days, action_url(delivery=delivery, action="snooze", target=str(days)))
                for days in SNOOZE_DAYS
            ]
        }


class RowSourceKind(ReminderKind):
    """A kind whose reminders come from one row of its app's model (source_key(prefix, pk)).

    The row must have an `owner_id`; a row of another owner counts as missing.
    """

    model: type
    source_prefix: str

    def rows(self):
        """The rows reminders come from (a kind may join what its emails need)."""
        return self.model.objects.all()

    def source(self, schedule):
        # One delivery needs its row several times (freshness, context, links): it is read
        # once per loaded schedule and kept on it.
        if not hasattr(schedule, "_reminder_source"):
            pk = source_pk(schedule.source_key)
            schedule._reminder_source = (
                None
                if pk is None
                else self.rows().filter(pk=pk, owner_id=schedule.owner_id).first()
            )
        return schedule._reminder_source

    def wanted(self, schedules, now):
        """The schedules whose row still exists; the rows of a batch are read in one query."""
        keyed = [(schedule, source_pk(schedule.source_key)) for schedule in schedules]
        rows = self.rows().filter(pk__in={pk for _, pk in keyed if pk is not None})
        by_pk = {row.pk: row for row in rows}
        for schedule, pk in keyed:
            if pk is not None:
                row = by_pk.get(pk)
                owned = row is not None and row.owner_id == schedule.owner_id
                schedule._reminder_source = row if owned else None
        return {schedule.pk for schedule in schedules if self.source(schedule) is not None}


class DigestKind(ReminderKind):
    """Reminders beyond the daily cap, gathered into one email. Armed by the dispatcher."""

    name = Kind.DIGEST
    template = "reminder_digest"
    freshness = datetime.timedelta(hours=24)
    optional = False

    def next_due(self, schedule, prefs, after):
        return None

    def email_context(self, delivery, now):
        merged = list(
            Delivery.objects.filter(digest=delivery, state=DeliveryState.MERGED)
            .select_related("schedule__owner")
            .order_by("due_at", "pk")
        )
        items = []
        for item in merged:
            context = kind_for(item.schedule.kind).email_context(item, now)
            if context is not None:
                items.append(context["headline"])
        if not items:
            return None
        return {"headline": "The rest of today's reminders", "items": items}


_registry: dict[str, ReminderKind] = {}


def kind_register(kind: ReminderKind) -> None:
    """Make a kind known to the engine (an app's AppConfig.ready() calls this)."""
    _registry[kind.name] = kind


def kind_for(name: str) -> ReminderKind:
    return _registry[name]


def registered_kinds() -> list[ReminderKind]:
    return list(_registry.values())


def kinds_for_others() -> list[str]:
    """The names of the kinds whose emails go to someone other than the owner."""
    return [kind.name for kind in _registry.values() if not kind.to_owner]


kind_register(DigestKind())
