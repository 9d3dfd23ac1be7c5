"""The dispatcher: every minute, turn due schedule rows into deliveries, exactly once.

One batch is one transaction: claim due rows (row locks skipping rows another dispatcher
holds on PostgreSQL; elsewhere a conditional UPDATE that must change exactly one row),
decide what each reminder becomes, write the Delivery rows (unique per schedule and
occurrence), advance each row to its next occurrence, commit, and only then hand the
deliveries to the workers. Caps, quiet hours, pauses and freshness are applied here.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from connection.lib.occurrences import local_day_start, next_local_occurrence
from reminders.kinds import kind_for, kinds_for_others
from reminders.models import (
    COUNTED_STATES,
    Delivery,
    DeliveryState,
    Kind,
    ReminderSchedule,
)
from reminders.preferences import preferences_for
from reminders.queue import deliveries_enqueue

logger = logging.getLogger(__name__)

DIGEST_SOURCE = "digest"
BROKEN_SOURCE_RETRY = datetime.timedelta(hours=1)


def reminders_dispatch(*, now: datetime.datetime | None = None, batch_size: int = 500) -> int:
    """Dispatch everything due at `now`; returns how many deliveries were written."""
    now = now or timezone.now()
    written = 0
    while True:
        with transaction.atomic():
            claimed, deliveries = _dispatch_batch(now, batch_size)
            queued = [d.pk for d in deliveries if d.state == DeliveryState.QUEUED]
            if queued:
                transaction.on_commit(partial(deliveries_enqueue, queued))
        written += len(deliveries)
        if claimed < batch_size:
            return written


def _claim(now, batch_size) -> list[ReminderSchedule]:
    due = ReminderSchedule.objects.due(now).select_related("owner")[:batch_size]
    if db_connection.features.has_select_for_update_skip_locked:
        return list(due.select_for_update(skip_locked=True, of=("self",)))
    return list(due)


@dataclass
class _Batch:
    """What the dispatcher knows about the owners of one batch, read in a few queries."""

    prefs: dict
    verified: set
    wanted: set
    emails_today: dict
    digests_for: set = field(default_factory=set)


def _dispatch_batch(now, batch_size):
    rows = _claim(now, batch_size)
    if not rows:
        return 0, []
    owner_ids = {row.owner_id for row in rows}
    batch = _Batch(
        prefs=preferences_for(owner_ids),
        verified=set(
            EmailAddress.objects.filter(
                user_id__in=owner_ids, primary=True, verified=True
            ).values_list("user_id", flat=True)
        ),
        wanted=_wanted(rows, now),
        emails_today=_emails_today(rows, now),
    )
    decisions = []  # (row, new due_at, new next_fire_at, delivery or None)
    for row in rows:
        try:
            decisions.append(_decide(row, now, batch))
        except Exception:
            # One broken source must not hold up everyone else's reminders.
            logger.exception("schedule %s could not be dispatched; trying again later", row.pk)
            decisions.append((row, row.due_at, now + BROKEN_SOURCE_RETRY, None))

    won = _advance(decisions)
    deliveries = [delivery for row, *_, delivery in won if delivery is not None]
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    deliveries = _with_ids(deliveries)
    _gather_digests(deliveries)
    if batch.digests_for:
        zones = {row.owner_id: row.owner.time_zone for row in rows}
        _arm_digests({owner_id: zones[owner_id] for owner_id in batch.digests_for}, now)
    return len(rows), deliveries


def _decide(row, now, batch: _Batch):
    """What this due row becomes: (row, new due_at, new next_fire_at, delivery or None)."""
    kind, pref = kind_for(row.kind), batch.prefs[row.owner_id]
    if row.zone != row.owner.time_zone and row.kind != Kind.DIGEST:
        # The owner moved to another zone: the stored instant was local time elsewhere.
        due = _next_due(kind, row, pref, now, now)
        return row, due, due, None
    local_now = now.astimezone(row.owner.zone)
    # The owner's address, switches, pause, quiet hours and cap are about the owner's own
    # inbox; a kind that emails someone else (an invitee) answers only `wanted`.
    for_owner = kind.to_owner
    silenced = row.pk not in batch.wanted or (
        for_owner
        and (
            row.owner_id not in batch.verified
            or (kind.optional and not pref.kind_on(kind.preference))
            or pref.is_paused_on(local_now.date())
        )
    )
    deadline = row.due_at + kind.freshness_for(row)
    quiet = for_owner and pref.is_quiet_at(local_now.time())
    quiet_until = _quiet_end(pref, local_now) if quiet else None
    if silenced:
        delivery = None
    elif now > deadline:
        delivery = _delivery(row, DeliveryState.MISSED, "It was too late to be useful.")
    elif quiet_until is not None and quiet_until <= deadline:
        return row, row.due_at, quiet_until, None  # held until quiet hours end
    elif quiet_until is not None:
        why = "Your quiet hours lasted past the time it could help."
        delivery = _delivery(row, DeliveryState.MISSED, why)
    elif for_owner and kind.optional and batch.emails_today[row.owner_id] >= pref.daily_cap:
        delivery = _delivery(row, DeliveryState.MERGED)
        batch.digests_for.add(row.owner_id)
    else:
        delivery = _delivery(row, DeliveryState.QUEUED)
        if for_owner:
            batch.emails_today[row.owner_id] += 1
    due = _next_due(kind, row, pref, row.due_at, now)
    return row, due, due, delivery


def _delivery(row, state, why="") -> Delivery:
    return Delivery(schedule=row, due_at=row.due_at, state=state, last_error=why)


def _next_due(kind, row, pref, after, now):
    """The next occurrence after `after`, skipping ahead past any already too late to send."""
    due = kind.next_due(row, pref, after)
    if due is not None and due + kind.freshness_for(row) < now:
        due = kind.next_due(row, pref, now - kind.freshness_for(row))
    return due


def _quiet_end(pref, local_now) -> datetime.datetime:
    return next_local_occurrence(local_now, zone=local_now.tzinfo, at=pref.quiet_end)


def _wanted(rows, now) -> set[int]:
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    wanted = set()
    for name, kind_rows in by_kind.items():
        try:
            wanted |= kind_for(name).wanted(kind_rows, now)
        except Exception:
            # Err towards reminding: the row itself, or the sender, settles it.
            logger.exception("could not tell which %s reminders are still wanted", name)
            wanted |= {row.pk for row in kind_rows}
    return wanted


def _emails_today(rows, now) -> dict[int, int]:
    """How many reminder emails each owner has had (or has on the way) since local midnight."""
    day_starts = {row.owner_id: local_day_start(now, row.owner.zone) for row in rows}
    counts = defaultdict(int)
    recent = (
        Delivery.objects.filter(
            schedule__owner_id__in=day_starts,
            state__in=COUNTED_STATES,
            due_at__gte=min(day_starts.values()),
        )
        .exclude(schedule__kind__in=kinds_for_others())
        .values_list("schedule__owner_id", "due_at")
    )
    for owner_id, due_at in recent:
        if due_at >= day_starts[owner_id]:
            counts[owner_id] += 1
    return counts


def _advance(decisions):
    """Move each row on; returns the decisions whose row this dispatcher really owned."""
    for row, due, next_fire, _ in decisions:
        row.claimed_due_at, row.claimed_next_fire_at = row.due_at, row.next_fire_at
        row.due_at, row.next_fire_at = due, next_fire
        row.zone = row.owner.time_zone
    if db_connection.features.has_select_for_update_skip_locked:
        ReminderSchedule.objects.bulk_update(
            [row for row, *_ in decisions], ["due_at", "next_fire_at", "zone"]
        )
        return decisions
    won = []
    for decision in decisions:
        row = decision[0]
        changed = ReminderSchedule.objects.filter(
            pk=row.pk, due_at=row.claimed_due_at, next_fire_at=row.claimed_next_fire_at
        ).update(due_at=row.due_at, next_fire_at=row.next_fire_at, zone=row.zone)
        if changed == 1:
            won.append(decision)
    return won


def _with_ids(deliveries) -> list[Delivery]:
    """The rows just written, read back with their ids (bulk inserts that skip conflicts
    do not return them)."""
    if not deliveries:
        return []
    keys = {(d.schedule_id, d.due_at) for d in deliveries}
    stored = Delivery.objects.filter(
        schedule_id__in={schedule_id for schedule_id, _ in keys},
        due_at__in={due_at for _, due_at in keys},
    ).select_related("schedule")
    return [d for d in stored if (d.schedule_id, d.due_at) in keys]


def _gather_digests(deliveries):
    for digest in deliveries:
        if digest.schedule.kind == Kind.DIGEST and digest.state == DeliveryState.QUEUED:
            Delivery.objects.filter(
                schedule__owner_id=digest.schedule.owner_id,
                state=DeliveryState.MERGED,
                digest__isnull=True,
            ).update(digest=digest)


def _arm_digests(zones: dict[int, str], now):
    """Make sure each owner's digest goes out once the hold time has passed."""
    fire_at = now + settings.KINDRED_REMINDER_DIGEST_HOLD
    ReminderSchedule.objects.bulk_create(
        [
            ReminderSchedule(
                owner_id=owner_id, kind=Kind.DIGEST, source_key=DIGEST_SOURCE, zone=zone
            )
            for owner_id, zone in zones.items()
        ],
        ignore_conflicts=True,
    )
    ReminderSchedule.objects.filter(
        Q(next_fire_at__isnull=True) | Q(next_fire_at__gt=fire_at),
        owner_id__in=zones,
        kind=Kind.DIGEST,
    ).update(due_at=fire_at, next_fire_at=fire_at)
