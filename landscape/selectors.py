"""Read-heavy queries of the social landscape, each scoped to one owner."""

import calendar
import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from landscape.choices import FREQUENCY_DAYS, Energy, more_often_wished
from landscape.models import Assessment, ImportantDate, Interaction, Person
from landscape.trends import FeelingTrend

# How far back "lately" reaches for feelings and the channels in use.
RECENT_DAYS = 90


def overdue_q(today: datetime.date) -> Q:
    """People whose wished contact frequency has lapsed: the SQL twin of Person.is_overdue."""
    lapsed = Q(pk__in=[])
    for frequency, days in FREQUENCY_DAYS.items():
        if days is None:
            continue
        # Nothing logged yet, and the owner wished to be in touch more often than now.
        lapsed |= Q(
            contact_wished=frequency,
            last_contact_on__isnull=True,
            contact_now__in=more_often_wished(frequency),
        )
        cutoff = today - datetime.timedelta(days=days)
        # Person.next_contact_due counts from the UTC creation date when nothing is logged.
        cutoff_start = datetime.datetime.combine(cutoff, datetime.time.min, tzinfo=datetime.UTC)
        lapsed |= Q(contact_wished=frequency) & (
            Q(last_contact_on__lt=cutoff)
            | Q(last_contact_on__isnull=True, created_at__lt=cutoff_start)
        )
    return lapsed


def with_feeling_counts(people: QuerySet, *, today: datetime.date) -> QuerySet:
    since = today - datetime.timedelta(days=RECENT_DAYS)
    recent = Q(interactions__occurred_on__gte=since)
    return people.annotate(
        recent_energized=Count(
            "interactions", filter=recent & Q(interactions__feeling="energized")
        ),
        recent_neutral=Count("interactions", filter=recent & Q(interactions__feeling="neutral")),
        recent_drained=Count("interactions", filter=recent & Q(interactions__feeling="drained")),
    )


def feeling_trend(person: Person) -> FeelingTrend:
    """The trend of a person fetched through with_feeling_counts."""
    return FeelingTrend(person.recent_energized, person.recent_neutral, person.recent_drained)


def people_list(
    owner,
    *,
    today: datetime.date,
    search: str = "",
    energy: str = "",
    kind: str = "",
    overdue: bool = False,
    archived: bool = False,
) -> list[Person]:
    people = Person.objects.filter(owner=owner, archived_at__isnull=not archived)
    if search:
        people = people.filter(Q(name__icontains=search) | Q(notes__icontains=search))
    if energy:
        people = people.filter(energy=energy)
    if kind:
        people = people.filter(kind=kind)
    if overdue:
        people = people.filter(overdue_q(today))
    people = list(with_feeling_counts(people, today=today))
    for person in people:
        person.trend = feeling_trend(person)
    return people


def people_to_reach_out(owner, *, today: datetime.date, limit: int = 5) -> list[Person]:
    """Overdue people a nudge may point to (Today and the nudge email): energizing first,
    then the longest overdue, then the earliest added."""
    people = Person.objects.filter(owner=owner).nudgeable().filter(overdue_q(today))
    ranked = sorted(
        people, key=lambda p: (p.energy != Energy.ENERGIZING, -p.days_overdue(today), p.pk)
    )
    return ranked[:limit]


def recent_activity(owner, *, today: datetime.date) -> dict:
    """The channels used and feelings logged lately, as plain data for the insights."""
    since = today - datetime.timedelta(days=RECENT_DAYS)
    rows = (
        Interaction.objects.filter(owner=owner, occurred_on__gte=since, is_micro=False)
        .values_list("channel", "feeling")
        .annotate(n=Count("id"))
        .order_by()
    )
    channels: set[str] = set()
    feelings = {"energized": 0, "neutral": 0, "drained": 0}
    for channel, feeling, count in rows:
        channels.add(channel)
        feelings[feeling] += count
    return {"channels": sorted(channels), "feelings": feelings}


def completed_assessments(owner) -> QuerySet:
    return Assessment.objects.filter(owner=owner).completed().order_by("completed_at", "pk")


def last_rated_people(owner) -> set[int]:
    """Who was answered for in the owner's latest finished check-in."""
    snapshot = (
        completed_assessments(owner).reverse().values_list("people_snapshot", flat=True).first()
    )
    return {row["id"] for row in snapshot or ()}


def landscape_summary(owner) -> dict:
    """What Today needs for its empty states, in a single query."""

    def count(queryset):
        return Subquery(
            queryset.order_by().values("owner").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        )

    mine = Assessment.objects.filter(owner=OuterRef("pk"))
    done = mine.filter(completed_at__isnull=False)
    row = (
        get_user_model()
        .objects.filter(pk=owner.pk)
        .values()
        .annotate(
            people_count=count(
                Person.objects.filter(owner=OuterRef("pk"), archived_at__isnull=True)
            ),
            completed_assessments=count(done),
            drafts=count(mine.filter(completed_at__isnull=True)),
            latest_assessment_id=Subquery(done.order_by("-completed_at", "-pk").values("pk")[:1]),
        )
        .values("people_count", "completed_assessments", "drafts", "latest_assessment_id")
        .get()
    )
    return {
        "people_count": row["people_count"] or 0,
        "completed_assessments": row["completed_assessments"] or 0,
        "draft_open": bool(row["drafts"]),
        "latest_assessment_id": row["latest_assessment_id"],
    }


# How far ahead Today looks for birthdays and other dates: today and the six days after.
DATES_AHEAD_DAYS = 7


def dates_of_person(person: Person, *, today: datetime.date) -> list[dict]:
    """The person's dates, the next one first, each with the day it next falls on."""
    found = [
        {"date": date, "next_on": date.next_on_or_after(today)}
        for date in person.important_dates.all()
    ]
    for item in found:
        item["date"].person = person
    return sorted(found, key=lambda item: (item["next_on"], item["date"].pk))


def dates_coming(owner, *, today: datetime.date, days: int = DATES_AHEAD_DAYS) -> list[dict]:
    """The dates falling from today to `days - 1` days later, of people Kindred may point
    to (never draining, paused, estranged, grieving or archived), soonest first; one query."""
    window = [today + datetime.timedelta(days=offset) for offset in range(days)]
    on_those_days = Q(pk__in=[])
    for day in window:
        on_those_days |= Q(month=day.month, day=day.day)
    # 29 February falls on 28 February in a common year.
    if any((d.month, d.day) == (2, 28) and not calendar.isleap(d.year) for d in window):
        on_those_days |= Q(month=2, day=29)
    dates = ImportantDate.objects.filter(
        on_those_days, owner=owner, person__in=Person.objects.reachable()
    ).select_related("person")
    found = [{"date": date, "on": date.next_on_or_after(today)} for date in dates]
    found = [item for item in found if item["on"] <= window[-1]]
    for item in found:
        item["in_days"] = (item["on"] - today).days
        item["years"] = item["date"].years_on(item["on"])
    return sorted(found, key=lambda item: (item["on"], item["date"].person.name, item["date"].pk))


def dates_for_calendar(owner) -> QuerySet:
    """Every date of the owner's people in the calendar feed, but those of archived people:
    a record of the year, with no alarm, so draining or paused people's dates are kept."""
    return (
        ImportantDate.objects.filter(owner=owner, person__archived_at__isnull=True)
        .select_related("person")
        .order_by("month", "day", "pk")
    )
