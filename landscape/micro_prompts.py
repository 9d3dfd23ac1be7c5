"""Small ideas for a micro-connection, one a day (Fredrickson: brief warm moments count)."""

import datetime

PROMPTS = (
    "Smile and say thank you by name to someone who serves you today.",
    "Pay a stranger a sincere compliment.",
    "Ask a colleague or neighbour how their week is really going, and listen.",
    "Share a laugh with someone in a queue or a meeting.",
    "Hold the door, then say hello.",
    "Thank a bus driver, a cleaner or a shop assistant, and mean it.",
    "Wave to a neighbour you usually just walk past.",
)


def prompt_for(day: datetime.date) -> str:
    return PROMPTS[day.toordinal() % len(PROMPTS)]
