"""Lay out a small line chart of scores over time, drawn as SVG by one template
(templates/connection/includes/score_chart.svg.html): the check-in scores of the
landscape and a ritual's consistency in plans."""

from dataclasses import dataclass

WIDTH, HEIGHT = 420, 230
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 14, 44
# Past this many points the dots (r=6) would overlap into a chain; the line alone reads better.
MOST_DOTS = 16


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    score: int
    label: str
    # Dates at the ends of the axis are anchored inwards so they are never cut off.
    anchor: str = "middle"


@dataclass(frozen=True)
class Tick:
    y: int
    value: int


@dataclass(frozen=True)
class ScoreChart:
    points: tuple[Point, ...]
    ticks: tuple[Tick, ...]
    threshold_y: int | None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_y: int = HEIGHT - BOTTOM

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def dots(self) -> bool:
        return len(self.points) <= MOST_DOTS


def score_chart(entries, *, low: int, high: int, threshold: float | None, step: int = 1):
    """entries: (label, score) in time order. threshold: where the cut-off line sits."""
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def y_of(value: float) -> int:
        return round(TOP + plot_height * (high - value) / (high - low))

    count = len(entries)
    points = tuple(
        Point(
            x=round(LEFT + (plot_width * index / (count - 1) if count > 1 else plot_width / 2)),
            y=y_of(score),
            score=score,
            label=label,
            anchor=(
                "start"
                if count > 1 and index == 0
                else "end"
                if count > 1 and index == count - 1
                else "middle"
            ),
        )
        for index, (label, score) in enumerate(entries)
    )
    ticks = tuple(Tick(y=y_of(v), value=v) for v in range(low, high + 1, step))
    return ScoreChart(
        points=points,
        ticks=ticks,
        threshold_y=y_of(threshold) if threshold is not None else None,
    )
