"""Lay out the social map that the results page draws as SVG.

x: how often you are in touch now (rarely → often); y: how time together feels
(draining at the bottom, energizing at the top). Each cell of the grid lists its people
as a dot and a name; the inner circle is drawn larger and filled, so neither colour nor
size alone carries meaning. Names are escaped by the template that draws the layout.
"""

from dataclasses import dataclass

from landscape.choices import Closeness, Energy, Frequency

COLUMNS = (
    ((Frequency.YEARLY, Frequency.NO_GOAL), "Rarely"),
    ((Frequency.QUARTERLY,), "Every 3 months"),
    ((Frequency.MONTHLY,), "Monthly"),
    ((Frequency.FORTNIGHTLY,), "Every 2 weeks"),
    ((Frequency.WEEKLY,), "Weekly"),
)
ROWS = (
    (Energy.ENERGIZING, "Energizing"),
    (Energy.NEUTRAL, "Neutral"),
    (Energy.MIXED, "Mixed"),
    (Energy.DRAINING, "Draining"),
)
RADIUS = {Closeness.INNER: 9, Closeness.CLOSE: 6, Closeness.WIDER: 4}
LEFT, TOP, BOTTOM = 96, 44, 40
COLUMN_WIDTH, LINE_HEIGHT, CELL_PADDING = 124, 24, 10
MAX_PER_CELL = 8
LABEL_CHARS = 13

_COLUMN_OF = {freq: index for index, (freqs, _) in enumerate(COLUMNS) for freq in freqs}
_ROW_OF = {energy: index for index, (energy, _) in enumerate(ROWS)}


@dataclass(frozen=True)
class Dot:
    x: int
    y: int
    r: int
    name: str
    label: str
    energy: str
    closeness: str
    closeness_label: str


@dataclass(frozen=True)
class Band:
    label: str
    energy: str
    y: int
    height: int

    @property
    def label_y(self) -> int:
        return self.y + self.height // 2 + 4


@dataclass(frozen=True)
class Column:
    label: str
    x: int

    @property
    def center(self) -> int:
        return self.x + COLUMN_WIDTH // 2


@dataclass(frozen=True)
class More:
    x: int
    y: int
    count: int


@dataclass(frozen=True)
class SocialMap:
    width: int
    height: int
    bands: tuple[Band, ...]
    columns: tuple[Column, ...]
    dots: tuple[Dot, ...]
    more: tuple[More, ...]

    @property
    def plot_bottom(self) -> int:
        return self.height - BOTTOM

    @property
    def axis_label_y(self) -> int:
        return self.height - 10

    @property
    def column_label_y(self) -> int:
        return TOP - 14


def _label(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def social_map(people, closeness_labels: dict) -> SocialMap:
    """people: objects or Rated rows with name, energy, closeness, contact_now."""
    cells: dict[tuple[int, int], list] = {}
    for person in people:
        row = _ROW_OF.get(person.energy, _ROW_OF[Energy.NEUTRAL])
        column = _COLUMN_OF.get(person.contact_now, 0)
        cells.setdefault((row, column), []).append(person)

    bands, dots, more = [], [], []
    y = TOP
    for row, (energy, label) in enumerate(ROWS):
        tallest = max(
            [min(len(cells.get((row, c), ())), MAX_PER_CELL + 1) for c in range(len(COLUMNS))] + [1]
        )
        height = tallest * LINE_HEIGHT + 2 * CELL_PADDING
        bands.append(Band(label=label, energy=energy, y=y, height=height))
        for column in range(len(COLUMNS)):
            members = sorted(
                cells.get((row, column), ()),
                key=lambda p: (list(RADIUS).index(p.closeness), p.name.casefold()),
            )
            x = LEFT + column * COLUMN_WIDTH + 14
            for line, person in enumerate(members[:MAX_PER_CELL]):
                dots.append(
                    Dot(
                        x=x,
                        y=y + CELL_PADDING + line * LINE_HEIGHT + LINE_HEIGHT // 2,
                        r=RADIUS.get(person.closeness, RADIUS[Closeness.CLOSE]),
                        name=person.name,
                        label=_label(person.name),
                        energy=energy,
                        closeness=person.closeness,
                        closeness_label=closeness_labels.get(person.closeness, ""),
                    )
                )
            if len(members) > MAX_PER_CELL:
                more.append(
                    More(
                        x=x - 6,
                        y=y + CELL_PADDING + MAX_PER_CELL * LINE_HEIGHT + LINE_HEIGHT // 2 + 4,
                        count=len(members) - MAX_PER_CELL,
                    )
                )
        y += height
    columns = tuple(
        Column(label=label, x=LEFT + index * COLUMN_WIDTH)
        for index, (_, label) in enumerate(COLUMNS)
    )
    return SocialMap(
        width=LEFT + len(COLUMNS) * COLUMN_WIDTH + 8,
        height=y + BOTTOM,
        bands=tuple(bands),
        columns=columns,
        dots=tuple(dots),
        more=tuple(more),
    )
