"""Read-heavy queries for the plan and ritual pages and for Today, and the ritual's chart."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from connection.lib.occurrences import local_to_utc
from landscape.score_chart import score_chart
from plans.content.plan_days import PLAN_DAYS
from plans.models import PLAN_LENGTH, Cadence, CheckIn, DayEntry, Enrollment, PlanStatus, Ritual

CHART_POINTS = 30


def active_enrollment(*, user, with_people: bool = True) -> Enrollment | None:
    entries = DayEntry.objects.prefetch_related("people") if with_people else DayEntry.objects
    return (
        Enrollment.objects.filter(owner=user, status=PlanStatus.ACTIVE)
        .select_related("owner")
        .prefetch_related(Prefetch("entries", queryset=entries.all()))
        .first()
    )


def plan_progress(enrollment: Enrollment, today: datetime.date) -> dict:
    done = enrollment.done_numbers()
    days = [
        {
            "content": day,
            "date": enrollment.day_date(day.number),
            "done": day.number in done,
            "open": enrollment.is_day_open(day.number, today),
            "is_today": enrollment.day_date(day.number) == today,
        }
        for day in PLAN_DAYS
    ]
    return {
        "enrollment": enrollment,
        "days": days,
        "done_count": len(done),
        "total": PLAN_LENGTH,
        "percent": enrollment.progress_percent(),
        "to_catch_up": [d for d in days if d["open"] and not d["done"] and not d["is_today"]],
    }


def _rituals(user):
    return (
        Ritual.objects.filter(owner=user)
        .select_related("owner")
        .prefetch_related("people", Prefetch("check_ins", queryset=CheckIn.objects.all()))
    )


def ritual_summaries(*, user, now: datetime.datetime) -> list[dict]:
    summaries = []
    for ritual in _rituals(user):
        check_ins = list(ritual.check_ins.all())
        summaries.append(
            {
                "ritual": ritual,
                "consistency": ritual.consistency(now, check_ins),
                "streak": ritual.streak(now, check_ins),
                "kept": ritual.kept_so_far(now, check_ins),
                "target": ritual.check_in_target(now) if ritual.is_active else None,
                "next": ritual.next_occurrence(now),
            }
        )
    return summaries


def today_rituals(*, user, today: datetime.date, now: datetime.datetime) -> list[dict]:
    """Active rituals due today (a times-a-week one: while its week has an open slot), with
    today's occurrence, its check-in if any, and what a one-tap check-in would record."""
    zone = user.zone
    day_start = local_to_utc(today, datetime.time(0), zone)
    day_end = local_to_utc(today + datetime.timedelta(days=1), datetime.time(0), zone)
    # A one-tap check-in looks back at most a week (and a times-a-week ritual to its week's
    # start), so Today reads only recent check-ins, however long the history grows.
    recent = CheckIn.objects.filter(occurrence_at__gte=now - datetime.timedelta(days=15))
    rituals = (
        Ritual.objects.filter(owner=user, is_active=True)
        .select_related("owner")
        .prefetch_related(Prefetch("check_ins", queryset=recent))
    )
    found = []
    for ritual in rituals:
        recorded = {c.occurrence_at: c for c in ritual.check_ins.all()}
        todays = ritual.occurrences_between(day_start, day_end)
        target = ritual.check_in_target(now)
        checked_today = [recorded[i] for i in todays if i in recorded]
        if ritual.cadence == Cadence.TIMES_PER_WEEK:
            checked_today = [c for c in recorded.values() if day_start <= c.created_at < day_end]
            if target is None and not checked_today:
                continue
        elif not todays:
            continue
        found.append(
            {
                "ritual": ritual,
                "occurrence": todays[0] if todays else target,
                "check_in": checked_today[0] if checked_today else None,
                "target": target,
            }
        )
    return sorted(found, key=lambda item: item["ritual"].local_time)


def today_plans_context(*, user, today: datetime.date) -> dict:
    """What Today shows from plans: today's plan day (or None), plan progress, and today's
    rituals with their check-in state. Rendered by templates/plans/today_panel.html."""
    now = timezone.now()
    enrollment = active_enrollment(user=user, with_people=False)
    progress = plan_progress(enrollment, today) if enrollment else None
    plan_day = None
    if enrollment and (number := enrollment.day_number_on(today)):
        plan_day = progress["days"][number - 1]
    return {
        "plan": progress,
        "plan_day": plan_day,
        "rituals": today_rituals(user=user, today=today, now=now),
    }


def consistency_chart(scores: list[tuple], zone) -> dict | None:
    """The chart of a ritual's consistency over its last times, in percent, with what a
    screen reader hears in place of every point."""
    if not scores:
        return None
    recent = [
        (date_format(instant.astimezone(zone), "j M"), round(100 * score))
        for instant, score in scores[-CHART_POINTS:]
    ]
    return {
        "layout": score_chart(recent, low=0, high=100, threshold=None, step=25),
        "title": f"Consistency over the last {len(recent)} times",
        "summary": f"from {recent[0][1]}% to {recent[-1][1]}%",
    }


def has_weekly_ritual(owner) -> bool:
    """Whether the owner keeps an active ritual that comes round at least once a week."""
    return (
        Ritual.objects.filter(owner=owner, is_active=True).exclude(cadence=Cadence.MONTHLY).exists()
    )
