"""Ready-made connection rituals for Kindred's ritual catalog, with their
default schedule, channel and source. The app's pages and emails render it."""

from dataclasses import dataclass

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


@dataclass(frozen=True)
class CatalogRitual:
    slug: str
    title: str
    description: str
    cadence: str  # daily, weekly, times_per_week, monthly
    weekdays: tuple[int, ...]  # 0=Monday..6=Sunday; monthly: the single weekday
    times_per_week: int | None
    month_week: int | None  # 1-4, or -1 for the last such weekday of the month
    local_time: str  # "HH:MM" in the user's time zone
    duration_minutes: int
    channel: str  # in_person, call, video, message, online, activity
    source: str


CATALOG = (
    CatalogRitual(
        slug="sunday-dinner",
        title="Sunday dinner",
        description="Share a meal with family or friends every Sunday evening. "
        "Dr. Vivek Murthy, the U.S. Surgeon General, recommends keeping at least "
        "one weekly ritual like this.",
        cadence="weekly",
        weekdays=(SUNDAY,),
        times_per_week=None,
        month_week=None,
        local_time="18:30",
        duration_minutes=90,
        channel="in_person",
        source="Dr. Vivek Murthy, U.S. Surgeon General",
    ),
    CatalogRitual(
        slug="tuesday-call",
        title="Tuesday call",
        description="Call the same person every Tuesday evening. Dr. Vivek Murthy, "
        "the U.S. Surgeon General, suggests a regular call like this as a simple "
        "weekly ritual.",
        cadence="weekly",
        weekdays=(TUESDAY,),
        times_per_week=None,
        month_week=None,
        local_time="19:00",
        duration_minutes=30,
        channel="call",
        source="Dr. Vivek Murthy, U.S. Surgeon General",
    ),
    CatalogRitual(
        slug="gratitude-message",
        title="Daily gratitude message",
        description="Each morning, swap a short message with a friend about "
        "something you're grateful for.",
        cadence="daily",
        weekdays=(),
        times_per_week=None,
        month_week=None,
        local_time="09:00",
        duration_minutes=5,
        channel="message",
        source="",
    ),
    CatalogRitual(
        slug="new-group-monthly",
        title="A new group each month",
        description="On the first Saturday of each month, try a new club, group or class.",
        cadence="monthly",
        weekdays=(SATURDAY,),
        times_per_week=None,
        month_week=1,
        local_time="10:00",
        duration_minutes=90,
        channel="activity",
        source="",
    ),
    CatalogRitual(
        slug="shared-meal",
        title="Weekly shared meal",
        description="Eat together with people you love once a week, at the same "
        "table or over a video call.",
        cadence="weekly",
        weekdays=(THURSDAY,),
        times_per_week=None,
        month_week=None,
        local_time="19:00",
        duration_minutes=60,
        channel="in_person",
        source="",
    ),
    CatalogRitual(
        slug="neighbour-walk",
        title="Walk with a neighbour",
        description="Take a walk outdoors with a neighbour every Saturday morning.",
        cadence="weekly",
        weekdays=(SATURDAY,),
        times_per_week=None,
        month_week=None,
        local_time="09:30",
        duration_minutes=45,
        channel="in_person",
        source="",
    ),
)
