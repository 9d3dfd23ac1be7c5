import itertools
import math

import pytest

from landscape.choices import Closeness, Energy, Frequency
from landscape.insights import Rated
from landscape.score_chart import score_chart
from landscape.social_map import CENTER, RINGS, SIZE, Box, social_map, text_box

LABELS = {"inner": "Inner circle", "close": "Close", "wider": "Wider circle"}
ENERGIES = list(Energy.values)
FREQUENCIES = list(Frequency.values)


def crowd(count, closeness=None):
    """A believable mix: about 1 in 10 inner, 3 in 10 close, the rest wider."""
    rings = [
        "inner",
        "close",
        "wider",
        "wider",
        "close",
        "wider",
        "wider",
        "close",
        "wider",
        "wider",
    ]
    return tuple(
        Rated(
            name=f"Person {index} Longname",
            energy=ENERGIES[index % 4],
            closeness=closeness or rings[index % 10],
            contact_now=FREQUENCIES[index % 6],
        )
        for index in range(count)
    )


def typical(count):
    """A first check-in: a handful of people, most of them close to you."""
    names = ["Maya", "Tom", "Grandma Rose", "Sam", "Biscuit", "Choir", "Li", "Ana", "Priya"]
    return tuple(
        Rated(
            name=names[index % len(names)] + ("" if index < len(names) else f" {index}"),
            energy=ENERGIES[index % 4],
            closeness=["inner", "close", "close", "wider"][index % 4],
            contact_now=FREQUENCIES[(index * 2) % 6],
        )
        for index in range(count)
    )


def mark_box(dot):
    return Box(dot.x - dot.size, dot.y - dot.size, dot.x + dot.size, dot.y + dot.size)


def label_box(dot):
    return text_box(dot.label, dot.label_x, dot.label_y, dot.anchor)


def distance(dot):
    return math.hypot(dot.x - CENTER, dot.y - CENTER)


@pytest.mark.parametrize("count", [0, 1, 7, 15, 50, 200])
def test_everyone_is_drawn_inside_the_view_box_and_no_two_names_collide(count):
    drawn = social_map(crowd(count), LABELS)
    assert len(drawn.dots) == count
    for dot in drawn.dots:
        assert mark_box(dot).inside(SIZE), dot
    labels = [label_box(dot) for dot in drawn.dots if dot.label]
    for box in labels:
        assert box.inside(SIZE)
    for first, second in itertools.combinations(labels, 2):
        assert not first.overlaps(second)
    for dot in drawn.dots:
        if dot.label:
            others = (mark_box(other) for other in drawn.dots if other is not dot)
            assert not any(label_box(dot).overlaps(mark) for mark in others)
    assert drawn.unlabelled == sum(1 for dot in drawn.dots if not dot.label)


@pytest.mark.parametrize("count", [1, 2, 5, 6, 7, 9])
def test_a_typical_first_map_names_everyone(count):
    drawn = social_map(typical(count), LABELS)
    assert drawn.unlabelled == 0
    labels = {dot.name: dot.label for dot in drawn.dots}
    assert labels["Maya"] == "Maya"
    if count > 2:
        assert labels["Grandma Rose"] == "Grandma R…"


def test_a_crowded_ring_keeps_its_marks_apart():
    drawn = social_map(crowd(200, closeness="wider"), LABELS)
    centres = [(dot.x, dot.y) for dot in drawn.dots]
    assert len(set(centres)) == 200
    nearest = min(math.dist(a, b) for a, b in itertools.combinations(centres, 2))
    assert nearest >= 2 * drawn.dots[0].size * 0.9


def test_each_person_sits_in_their_ring_nearer_the_middle_the_more_often_in_touch():
    people = (
        Rated(name="Weekly", closeness="close", contact_now="weekly"),
        Rated(name="Monthly", closeness="close", contact_now="monthly"),
        Rated(name="Rarely", closeness="close", contact_now="no_goal"),
        Rated(name="Inner", closeness="inner", contact_now="yearly"),
        Rated(name="Wider", closeness="wider", contact_now="weekly"),
        Rated(name="Unknown ring", closeness="bestie", energy="furious"),
    )
    dots = {dot.name: dot for dot in social_map(people, LABELS).dots}
    bounds = {closeness: (inner, outer) for closeness, _, inner, outer in RINGS}
    for dot in dots.values():
        inner, outer = bounds[dot.closeness]
        assert inner < distance(dot) < outer
    assert distance(dots["Weekly"]) < distance(dots["Monthly"]) < distance(dots["Rarely"])
    assert distance(dots["Inner"]) < distance(dots["Wider"])
    assert (dots["Unknown ring"].closeness, dots["Unknown ring"].energy) == ("close", "neutral")


def test_energy_has_a_shape_of_its_own_and_words_in_the_title():
    people = tuple(Rated(name=e, energy=e, closeness=Closeness.INNER) for e in ENERGIES)
    dots = social_map(people, LABELS).dots
    shapes = {
        dot.energy: dot.path.rstrip("Z").count("L") + 10 * dot.path.count("a") for dot in dots
    }
    assert len(set(shapes.values())) == 4
    assert all(dot.description.startswith("Inner circle · ") for dot in dots)
    assert {dot.description.split(" · ")[1] for dot in dots} == set(Energy.labels)


def test_long_names_are_shortened_and_kept_whole_for_the_title():
    drawn = social_map((Rated(name="A very long name indeed " * 50, closeness="wider"),), LABELS)
    (dot,) = drawn.dots
    assert dot.label.endswith("…") and len(dot.label) <= 10
    assert dot.name.startswith("A very long name indeed A very")


def test_score_chart_places_higher_scores_higher_and_keeps_end_labels_inside():
    chart = score_chart([("2026-01-01", 9), ("2026-02-01", 3)], low=3, high=9, threshold=5.5)
    first, last = chart.points
    assert first.y < last.y and first.x < last.x
    assert (first.anchor, last.anchor) == ("start", "end")
    assert chart.points[0].y < chart.threshold_y < chart.points[1].y
    assert [tick.value for tick in chart.ticks] == list(range(3, 10))


def test_score_chart_drops_the_dots_once_they_would_overlap():
    def chart_of(count):
        return score_chart(
            [(str(n), n % 100) for n in range(count)], low=0, high=100, threshold=None
        )

    assert chart_of(16).dots and not chart_of(17).dots
    assert chart_of(30).threshold_y is None
