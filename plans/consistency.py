"""A forgiving consistency score and the current streak for a ritual's check-ins.

The score follows the approach Loop Habit Tracker publishes: an exponential moving
average, score = previous · m + value · (1 − m), where value is 1 for done and 0 for a
missed occurrence, and a skip leaves the score where it was. Loop applies the multiplier
0.5^(√f / 13) once per day, f being how many times a day the habit is due: a daily habit
has a 13-day half-life, a weekly one about 34 days, so one missed week does not wipe out
months of effort. Here the score moves once per occurrence, so the daily multiplier is
compounded over the 1/f days between occurrences: m = 0.5^(1 / (13·√f)).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

DONE, SKIPPED, MISSED = "done", "skipped", "missed"
_DAILY_HALF_LIFE_DAYS = 13
# The score starts from 0 and moves slowly on purpose, so after one or two times it reads
# like a failure ("13%"). Until a ritual has come round this often, the pages say in words
# how many times it was kept.
TIMES_BEFORE_A_SCORE = 4


@dataclass(frozen=True)
class KeptSoFar:
    kept: int
    counted: int

    @property
    def enough_for_a_score(self) -> bool:
        return self.counted >= TIMES_BEFORE_A_SCORE


def kept_so_far(outcomes: Iterable[str]) -> KeptSoFar:
    """Times kept out of the times counted; a skip counts neither way."""
    counted = [outcome for outcome in outcomes if outcome != SKIPPED]
    return KeptSoFar(kept=counted.count(DONE), counted=len(counted))


def occurrence_multiplier(per_day_frequency: float) -> float:
    if per_day_frequency <= 0:
        raise ValueError("a ritual happens a positive number of times a day")
    half_life_occurrences = _DAILY_HALF_LIFE_DAYS * math.sqrt(per_day_frequency)
    return 0.5 ** (1 / half_life_occurrences)


def consistency_scores(outcomes: Iterable[str], per_day_frequency: float) -> list[float]:
    """The score (0–1) after each occurrence, oldest first; starts from 0."""
    multiplier = occurrence_multiplier(per_day_frequency)
    score = 0.0
    scores = []
    for outcome in outcomes:
        if outcome == DONE:
            score = score * multiplier + (1 - multiplier)
        elif outcome == MISSED:
            score = score * multiplier
        elif outcome != SKIPPED:
            raise ValueError(f"unknown outcome {outcome!r}")
        scores.append(score)
    return scores


def latest_percent(scores: list[tuple]) -> int:
    """The latest of (instant, score) pairs as a whole percentage; 0 before any occurrence."""
    return round(100 * scores[-1][1]) if scores else 0


def current_streak(outcomes: Iterable[str]) -> int:
    """Done occurrences in a row up to the latest; skips neither count nor break it."""
    streak = 0
    for outcome in reversed(list(outcomes)):
        if outcome == DONE:
            streak += 1
        elif outcome == MISSED:
            break
    return streak
