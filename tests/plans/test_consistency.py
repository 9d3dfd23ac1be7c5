import math

import pytest

from plans.consistency import (
    DONE,
    MISSED,
    SKIPPED,
    KeptSoFar,
    consistency_scores,
    current_streak,
    kept_so_far,
    latest_percent,
    occurrence_multiplier,
)

DAILY = 1.0
WEEKLY = 1 / 7


def test_a_daily_ritual_halves_its_distance_to_perfect_in_thirteen_done_days():
    assert consistency_scores([DONE] * 13, DAILY)[-1] == pytest.approx(0.5)
    assert consistency_scores([DONE] * 26, DAILY)[-1] == pytest.approx(0.75)


def test_a_weekly_ritual_climbs_faster_per_occurrence_than_a_daily_one():
    # Loop's half-life of 13/sqrt(f) days is about 34 days, under five weekly occurrences.
    assert occurrence_multiplier(WEEKLY) == pytest.approx(0.5 ** (1 / (13 * math.sqrt(1 / 7))))
    assert consistency_scores([DONE] * 4, WEEKLY)[-1] > consistency_scores([DONE] * 4, DAILY)[-1]


def test_each_step_follows_the_moving_average():
    m = occurrence_multiplier(DAILY)
    scores = consistency_scores([DONE, MISSED, DONE], DAILY)
    assert scores[0] == pytest.approx(1 - m)
    assert scores[1] == pytest.approx((1 - m) * m)
    assert scores[2] == pytest.approx((1 - m) * m * m + (1 - m))


def test_a_skip_leaves_the_score_unchanged_and_a_miss_lowers_it():
    before = consistency_scores([DONE] * 10, DAILY)[-1]
    assert consistency_scores([DONE] * 10 + [SKIPPED], DAILY)[-1] == before
    assert consistency_scores([DONE] * 10 + [MISSED], DAILY)[-1] < before


def test_one_missed_week_does_not_wipe_out_months_of_weekly_effort():
    steady = consistency_scores([DONE] * 26, WEEKLY)[-1]
    assert steady > 0.95
    assert consistency_scores([DONE] * 26 + [MISSED], WEEKLY)[-1] > 0.8


def test_no_occurrences_yet_scores_zero():
    assert consistency_scores([], DAILY) == []
    assert latest_percent([]) == 0


def test_unknown_outcomes_and_frequencies_are_refused():
    with pytest.raises(ValueError):
        consistency_scores(["maybe"], DAILY)
    with pytest.raises(ValueError):
        occurrence_multiplier(0)


def test_the_streak_counts_done_occurrences_up_to_the_latest_and_skips_do_not_break_it():
    assert current_streak([]) == 0
    assert current_streak([DONE, DONE, MISSED, DONE, SKIPPED, DONE]) == 2
    assert current_streak([DONE, DONE, DONE]) == 3
    assert current_streak([DONE, MISSED]) == 0
    assert current_streak([SKIPPED, SKIPPED]) == 0


def test_kept_so_far_counts_done_out_of_the_times_that_count_and_skips_neither_way():
    assert kept_so_far(["done"]) == KeptSoFar(kept=1, counted=1)
    assert kept_so_far(["done", "skipped", "missed"]) == KeptSoFar(kept=1, counted=2)
    assert not kept_so_far(["done", "done", "missed"]).enough_for_a_score
    assert kept_so_far(["done", "done", "missed", "done"]).enough_for_a_score
