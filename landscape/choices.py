"""The vocabulary of the social landscape, shared by models, forms, insights and emails."""

from django.db import models


class PersonKind(models.TextChoices):
    FAMILY = "family", "Family"
    PARTNER = "partner", "Partner"
    FRIEND = "friend", "Friend"
    COLLEAGUE = "colleague", "Colleague"
    NEIGHBOUR = "neighbour", "Neighbour"
    CLASSMATE = "classmate", "Classmate"
    ONLINE_FRIEND = "online_friend", "Online friend"
    MENTOR = "mentor", "Mentor"
    PET = "pet", "Pet"
    GROUP = "group", "Group or community"


class Closeness(models.TextChoices):
    # Dunbar-style circles: about 5 in the inner circle, 15 close, 50 in the wider circle.
    INNER = "inner", "Inner circle"
    CLOSE = "close", "Close"
    WIDER = "wider", "Wider circle"


class Energy(models.TextChoices):
    ENERGIZING = "energizing", "Energizing"
    NEUTRAL = "neutral", "Neutral"
    MIXED = "mixed", "Mixed"
    DRAINING = "draining", "Draining"


class Need(models.TextChoices):
    EMOTIONAL_SUPPORT = "emotional_support", "Emotional support & empathy"
    DEEP_CONVERSATION = "deep_conversation", "Deep conversation"
    FUN = "fun", "Fun & play"
    COMPANIONSHIP = "companionship", "Companionship (doing things together)"
    BELONGING = "belonging", "Belonging"
    PRACTICAL_HELP = "practical_help", "Practical help"
    PHYSICAL_PRESENCE = "physical_presence", "Physical presence & touch"
    GROWTH = "growth", "Growth & inspiration"


class Reciprocity(models.TextChoices):
    I_GIVE = "i_give", "I mostly give"
    BALANCED = "balanced", "Balanced"
    I_RECEIVE = "i_receive", "I mostly receive"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Every 2 weeks"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Every 3 months"
    YEARLY = "yearly", "Yearly"
    NO_GOAL = "no_goal", "No goal"


# How many days apart contact at each frequency is; None: no goal, never overdue.
FREQUENCY_DAYS = {
    Frequency.WEEKLY: 7,
    Frequency.FORTNIGHTLY: 14,
    Frequency.MONTHLY: 30,
    Frequency.QUARTERLY: 91,
    Frequency.YEARLY: 365,
    Frequency.NO_GOAL: None,
}


def more_often_wished(wished: str) -> frozenset[str]:
    """The current contact frequencies that are rarer than the wished one."""
    wished_days = FREQUENCY_DAYS[wished]
    if wished_days is None:
        return frozenset()
    return frozenset(
        now for now, days in FREQUENCY_DAYS.items() if days is None or days > wished_days
    )


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    CALL = "call", "Call"
    VIDEO = "video", "Video"
    MESSAGE = "message", "Message"
    ONLINE = "online", "Online community"
    ACTIVITY = "activity", "Shared activity"


ONLINE_CHANNELS = frozenset({Channel.MESSAGE, Channel.ONLINE})


class PersonStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ESTRANGED = "estranged", "Estranged"
    GRIEVING = "grieving", "Grieving"


class Feeling(models.TextChoices):
    ENERGIZED = "energized", "Energized"
    NEUTRAL = "neutral", "Neutral"
    DRAINED = "drained", "Drained"


class AssessmentStep(models.TextChoices):
    PEOPLE = "people", "Who is in your life"
    FEELINGS = "feelings", "How do they feel"
    MISSING = "missing", "What is missing"
    CONNECTED = "connected", "How connected do you feel"


ASSESSMENT_STEPS = tuple(AssessmentStep)


class DateKind(models.TextChoices):
    BIRTHDAY = "birthday", "Birthday"
    OTHER = "other", "Another date"
