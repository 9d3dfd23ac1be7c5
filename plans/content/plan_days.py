"""The 7-day plan for Kindred: one entry per day with its task, why it works,
tips for shy or introverted people, what to record and related guide items,
plus message starters for Day 6. The app's pages and emails render it."""

from dataclasses import dataclass

from django.db import models


class DayRecord(models.TextChoices):
    """What a plan day asks the person to record (each has its form and its handler)."""

    PICK_PEOPLE = "pick_people", "Pick people"
    LOG_CONNECTION = "log_connection", "Log a connection"
    JOIN_GROUP = "join_group", "Join a group"
    MICRO_CONNECTION = "micro_connection", "A micro-connection"
    REFLECTION = "reflection", "Reflect"


# Days whose *Done* email link can mark them done without asking anything: a small moment
# with a stranger names nobody. Every other day records whom the person chose (people, a
# group) or what they wrote, so its link leads to the day's page instead.
DONE_FROM_EMAIL = frozenset({DayRecord.MICRO_CONNECTION})


@dataclass(frozen=True)
class PlanDay:
    number: int
    slug: str
    title: str
    task: str
    why: str
    source: str
    shy_tips: tuple[str, ...]
    record: DayRecord
    record_help: str
    guide_links: tuple[str, ...]
    # Day 6: the page offers message starters addressed to one of the person's people.
    offers_message_starters: bool = False

    @property
    def done_from_email(self) -> bool:
        return self.record in DONE_FROM_EMAIL


PLAN_DAYS = (
    PlanDay(
        number=1,
        slug="three-people",
        title="Three people who lift you up",
        task="Write down three people who support or inspire you. Then send a "
        "message to one of them.",
        why="You don't need a big circle: Dr. Emma Seppälä at Stanford found that "
        "one or two close, supportive friends are enough for powerful wellness "
        "benefits. Naming your people shows you who they are, and one message "
        "keeps that bond warm.",
        source="Dr. Emma Seppälä, Stanford",
        shy_tips=(
            "A short text is plenty. You don't have to call.",
            "Your list can include a mentor, an online friend or someone you "
            "haven't spoken to in a while.",
            "If three names don't come easily, start with one.",
        ),
        record=DayRecord.PICK_PEOPLE,
        record_help="Pick three people who support or inspire you, and mark the one you messaged.",
        guide_links=("assess", "quality-over-quantity", "comparing"),
    ),
    PlanDay(
        number=2,
        slug="friendly-chat",
        title="A friendly chat",
        task="Start a short, positive conversation with someone you see around you, "
        "like a colleague, a neighbour or a classmate.",
        why="Even small, positive exchanges matter, and reaching out first is how "
        "new connections begin. One friendly word can open a door.",
        source="",
        shy_tips=(
            "Ask a simple question, like how their weekend was.",
            "Keep it short. Two minutes is a success.",
            "Choose someone you already see often, so it feels natural.",
        ),
        record=DayRecord.LOG_CONNECTION,
        record_help="Log who you talked to and how it felt.",
        guide_links=("start-small", "shy-or-anxious", "too-introverted"),
    ),
    PlanDay(
        number=3,
        slug="make-a-plan",
        title="Make a plan together",
        task="Arrange a coffee, a walk or a phone call with a friend or someone in "
        "your family, and put it in your calendar.",
        why="Planning time with people, the way you would any other self-care, "
        "keeps it from slipping away. A date in the calendar also gives you both "
        "something to look forward to.",
        source="",
        shy_tips=(
            "A walk side by side can feel easier than sitting face to face.",
            "Suggest a day and a time, so there's less to sort out.",
            "Keep it short. Half an hour is plenty.",
        ),
        record=DayRecord.LOG_CONNECTION,
        record_help="Log who you reached out to and what you planned.",
        guide_links=("schedule", "weekly-ritual", "no-time"),
    ),
    PlanDay(
        number=4,
        slug="join-a-group",
        title="Join a group",
        task="Sign up for a new group, online or in person: a book club, a class or a "
        "support group.",
        why="Feeling part of something bigger is one of the key parts of "
        "connection. A group that meets regularly gives you a reason to keep "
        "showing up, as Amanda found with her weekly book club.",
        source="",
        shy_tips=(
            "Choose a group built around an activity, so there's something to "
            "focus on besides talking.",
            "An online group or a small group is a gentle place to start.",
            "It's fine to mostly listen the first time.",
        ),
        record=DayRecord.JOIN_GROUP,
        record_help="Record the group you joined and when it meets.",
        guide_links=(
            "no-one-right-now",
            "amanda",
            "interest-groups",
            "public-library",
            "community-classes",
        ),
    ),
    PlanDay(
        number=5,
        slug="micro-connection",
        title="A micro-connection",
        task="Share a small, warm moment with someone: smile at a stranger or give a compliment.",
        why="Dr. Barbara Fredrickson found that brief, positive moments with "
        "others, like smiling at a cashier, lift your mood and well-being too.",
        source="Dr. Barbara Fredrickson",
        shy_tips=(
            "A smile and a thank-you to someone serving you counts.",
            "Compliment something specific, like a nice coat or a good coffee.",
            "No conversation needed. One moment is enough.",
        ),
        record=DayRecord.MICRO_CONNECTION,
        record_help="Note what you did and how it felt.",
        guide_links=("micro-connections", "shy-or-anxious"),
    ),
    PlanDay(
        number=6,
        slug="share-appreciation",
        title="Say what you appreciate",
        task="Be open and honest: let a friend know what you value about them.",
        why="Being open about how you feel is often what deepens a connection. "
        "Telling someone what they mean to you is a gift to them, and it brings "
        "you closer.",
        source="",
        shy_tips=(
            "Writing it in a message is just as good as saying it out loud.",
            "Start from one of the message starters and make it your own.",
            "One specific memory says more than a long speech.",
        ),
        record=DayRecord.LOG_CONNECTION,
        record_help="Log who you told and how it felt.",
        guide_links=("show-up", "quality-over-quantity"),
        offers_message_starters=True,
    ),
    PlanDay(
        number=7,
        slug="reflect",
        title="Look back on your week",
        task="Look back over your week and ask what felt best. Then plan to do it "
        "again, or go a little deeper, next week.",
        why="Dr. Vivek Murthy, the U.S. Surgeon General, recommends keeping at "
        "least one connection ritual that happens every week. What felt best this week "
        "is a natural place to start.",
        source="Dr. Vivek Murthy, U.S. Surgeon General",
        shy_tips=(
            "There are no wrong answers. Quiet moments count as much as big ones.",
            "Pick something you'd enjoy repeating, not something you feel you should do.",
            "Start with a small ritual. You can grow it later.",
        ),
        record=DayRecord.REFLECTION,
        record_help="Write what felt best, and choose whether to make it a weekly ritual.",
        guide_links=("evaluate", "weekly-ritual", "overcommitting"),
    ),
)


MESSAGE_STARTERS = (
    "Hi {name}, I was thinking about you today and wanted to say how glad I am "
    "that you're in my life.",
    "{name}, I don't say it often enough: thank you for always listening.",
    "Hey {name}, I still smile when I think about the time we spend together. Thank you for that.",
    "{name}, I really admire how kind you are to the people around you.",
    "Hi {name}, just a note to say you make hard days easier. I appreciate you.",
    "{name}, talking with you always leaves me feeling better. Thank you for "
    "being such a good friend.",
)
