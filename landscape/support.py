"""Help lines shown beside the gentle support note (configurable: KINDRED_CRISIS_LINES)."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class HelpLine:
    region: str
    name: str
    how: str


def crisis_lines() -> list[HelpLine]:
    lines = []
    for entry in settings.KINDRED_CRISIS_LINES.split(";"):
        parts = [part.strip() for part in entry.split("|")]
        if len(parts) == 3 and all(parts):
            lines.append(HelpLine(*parts))
    return lines
