from landscape.insights import Rated
from landscape.score_chart import score_chart
from landscape.social_map import MAX_PER_CELL, RADIUS, social_map

LABELS = {"inner": "Inner circle", "close": "Close", "wider": "Wider circle"}


def test_people_are_placed_by_contact_now_across_and_energy_down():
    people = (
        Rated(name="Often joy", energy="energizing", contact_now="weekly"),
        Rated(name="Rare drain", energy="draining", contact_now="yearly"),
        Rated(name="No goal", energy="neutral", contact_now="no_goal"),
    )
    drawn = {dot.name: dot for dot in social_map(people, LABELS).dots}
    assert drawn["Often joy"].x > drawn["Rare drain"].x
    assert drawn["Often joy"].y < drawn["Rare drain"].y
    assert drawn["No goal"].x == drawn["Rare drain"].x


def test_the_inner_circle_is_drawn_largest_and_long_names_are_shortened():
    people = (
        Rated(name="Ana", closeness="inner"),
        Rated(name="A very long name indeed " * 50, closeness="wider"),
    )
    dots = {dot.closeness: dot for dot in social_map(people, LABELS).dots}
    assert dots["inner"].r == RADIUS["inner"] > dots["wider"].r
    assert dots["wider"].label.endswith("…") and len(dots["wider"].label) <= 13
    assert dots["wider"].name.startswith("A very long name")


def test_a_crowded_cell_shows_some_and_counts_the_rest_and_the_band_grows():
    crowd = tuple(Rated(name=f"P{i}") for i in range(MAX_PER_CELL + 5))
    drawn = social_map(crowd, LABELS)
    assert len(drawn.dots) == MAX_PER_CELL
    assert [more.count for more in drawn.more] == [5]
    assert drawn.height > social_map(crowd[:1], LABELS).height


def test_score_chart_places_higher_scores_higher_and_keeps_end_labels_inside():
    chart = score_chart([("2026-01-01", 9), ("2026-02-01", 3)], low=3, high=9, threshold=5.5)
    first, last = chart.points
    assert first.y < last.y and first.x < last.x
    assert (first.anchor, last.anchor) == ("start", "end")
    assert chart.points[0].y < chart.threshold_y < chart.points[1].y
    assert [tick.value for tick in chart.ticks] == list(range(3, 10))
