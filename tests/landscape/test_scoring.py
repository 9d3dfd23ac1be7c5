import itertools

import pytest

from landscape.scoring import (
    LSNS_ISOLATION_BELOW,
    UCLA_LONELY_FROM,
    feeling_in_words,
    lsns6_score,
    ucla3_score,
)


@pytest.mark.parametrize("answers", list(itertools.product((1, 2, 3), repeat=3)))
def test_ucla3_total_is_the_sum_of_the_three_items(answers):
    result = ucla3_score(answers)
    assert result.total == sum(answers)
    assert 3 <= result.total <= 9


@pytest.mark.parametrize(
    ("total", "lonely"),
    [(3, False), (4, False), (5, False), (6, True), (7, True), (8, True), (9, True)],
)
def test_every_ucla3_total_from_3_to_9_meets_the_published_cut_off_of_6(total, lonely):
    answers = next(a for a in itertools.product((1, 2, 3), repeat=3) if sum(a) == total)
    assert ucla3_score(answers).is_lonely is lonely
    assert UCLA_LONELY_FROM == 6


@pytest.mark.parametrize(
    "answers", [(0, 1, 1), (1, 2, 4), (1, 2), (1, 2, 3, 1), ("1", 2, 3), (True, 2, 3)]
)
def test_ucla3_refuses_answers_outside_the_scale(answers):
    with pytest.raises(ValueError):
        ucla3_score(answers)


def test_lsns6_bounds_are_0_and_30_with_subscales_of_15():
    lowest = lsns6_score([0] * 6)
    highest = lsns6_score([5] * 6)
    assert (lowest.total, lowest.family, lowest.friends) == (0, 0, 0)
    assert (highest.total, highest.family, highest.friends) == (30, 15, 15)


@pytest.mark.parametrize(("total", "at_risk"), [(0, True), (11, True), (12, False), (30, False)])
def test_lsns6_under_12_marks_a_risk_of_isolation(total, at_risk):
    answers = [min(5, max(0, total - 5 * i)) for i in range(6)]
    assert sum(answers) == total
    assert lsns6_score(answers).at_risk_of_isolation is at_risk
    assert LSNS_ISOLATION_BELOW == 12


def test_lsns6_subscales_split_family_from_friends_with_a_cut_off_of_6():
    result = lsns6_score([2, 2, 1, 3, 3, 3])
    assert (result.family, result.friends, result.total) == (5, 9, 14)
    assert result.few_family_ties and not result.few_friend_ties
    assert not result.at_risk_of_isolation


@pytest.mark.parametrize("answers", [[0] * 5, [0] * 7, [6, 0, 0, 0, 0, 0], [-1, 0, 0, 0, 0, 0]])
def test_lsns6_refuses_answers_outside_the_scale(answers):
    with pytest.raises(ValueError):
        lsns6_score(answers)


def test_answers_are_said_back_in_words_first_the_often_then_the_sometimes():
    assert feeling_in_words([3, 3, 3]) == [
        "You often feel short of company, left out and cut off from others.",
        "That is common, and it can change: small, regular steps help.",
    ]
    assert feeling_in_words([2, 3, 1])[:2] == [
        "You often feel left out.",
        "And some of the time you feel short of company.",
    ]
    assert feeling_in_words([2, 2, 1]) == [
        "Some of the time you feel short of company and left out.",
        "That happens to most people now and then.",
    ]
    assert feeling_in_words([1, 1, 1]) == ["You hardly ever feel lonely or left out: lovely."]


def test_the_network_is_said_in_words_too():
    few = lsns6_score([0, 1, 0, 1, 0, 0])
    assert "few people are there for you" in feeling_in_words([1, 1, 1], few)[-1]
    no_friends = lsns6_score([4, 4, 4, 1, 1, 1])
    assert "friendships are where to grow" in feeling_in_words([1, 1, 1], no_friends)[-1]
