"""Lay out the social map that the results page draws as SVG: rings around you.

The rings are the circles of the convoy model of social networks: the inner circle in the
middle, then close, then the wider circle. Within its ring, a person sits nearer the middle
the more often you are in touch now (weekly at the ring's inner edge, hardly ever at its
outer edge). How time together feels is shown twice, by colour and by shape (circle,
square, diamond, triangle), so colour alone never carries it.

The drawing is a square viewBox scaled to the width of the screen, so it is whole on a
320 px phone. Names are shortened on the map; the full name is in each mark's <title> and
in the table beside the map. A name that would cover another name or mark is left off
rather than drawn on top, and the map says how many it left off. Names are escaped by the
template that draws the layout.
"""

import math
from dataclasses import dataclass

from landscape.choices import Closeness, Energy, Frequency

SIZE = 360
CENTER = SIZE / 2
YOU_RADIUS = 17
# Each ring's inner and outer radius, from the middle out.
RINGS = (
    (Closeness.INNER, "Inner", 24, 74),
    (Closeness.CLOSE, "Close", 74, 124),
    (Closeness.WIDER, "Wider", 124, 174),
)
# Each ring turns its marks by part of a step, so rings with few people do not line up
# their marks (and names) along the same spokes.
RING_TURN = {Closeness.INNER: 0.0, Closeness.CLOSE: -0.3, Closeness.WIDER: 0.3}
RING_PADDING = 12
# How far from the ring's inner edge someone sits: 0 weekly … 1 hardly ever.
CONTACT_DEPTH = {
    Frequency.WEEKLY: 0.0,
    Frequency.FORTNIGHTLY: 0.25,
    Frequency.MONTHLY: 0.5,
    Frequency.QUARTERLY: 0.75,
    Frequency.YEARLY: 1.0,
    Frequency.NO_GOAL: 1.0,
}
CONTACT_WORDS = {
    Frequency.WEEKLY: "in touch weekly",
    Frequency.FORTNIGHTLY: "in touch every 2 weeks",
    Frequency.MONTHLY: "in touch monthly",
    Frequency.QUARTERLY: "in touch every 3 months",
    Frequency.YEARLY: "in touch yearly",
    Frequency.NO_GOAL: "hardly ever in touch",
}
MARK = 7.0
MIN_MARK = 2.5
FONT = 14
# A generous average glyph width (in font sizes), so an estimated text box is never smaller
# than the text the browser draws.
GLYPH = 0.62
LABEL_CHARS = 10
LABEL_GAP = 4
RING_FONT = 11
EDGE = 2


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, size: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= size and self.bottom <= size


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    size: float
    name: str
    label: str
    label_x: float
    label_y: float
    anchor: str
    energy: str
    closeness: str
    description: str

    @property
    def path(self) -> str:
        """The mark's outline: its shape says its energy as much as its colour does."""
        x, y, s = self.x, self.y, self.size
        if self.energy == Energy.ENERGIZING:
            arc = f"a{s:.1f},{s:.1f} 0 1,0"
            return f"M{x - s:.1f},{y:.1f}{arc} {2 * s:.1f},0{arc} {-2 * s:.1f},0Z"
        if self.energy == Energy.MIXED:
            return (
                f"M{x:.1f},{y - s:.1f}L{x + s:.1f},{y:.1f}L{x:.1f},{y + s:.1f}L{x - s:.1f},{y:.1f}Z"
            )
        if self.energy == Energy.DRAINING:
            # A triangle pointing down: energy flowing away.
            return (
                f"M{x - s:.1f},{y - s * 0.8:.1f}L{x + s:.1f},{y - s * 0.8:.1f}L{x:.1f},{y + s:.1f}Z"
            )
        q = s * 0.85
        return f"M{x - q:.1f},{y - q:.1f}h{2 * q:.1f}v{2 * q:.1f}h{-2 * q:.1f}Z"


@dataclass(frozen=True)
class Ring:
    closeness: str
    name: str
    radius: float
    name_y: float

    @property
    def name_box(self) -> Box:
        return text_box(self.name, CENTER, self.name_y, "middle", font=RING_FONT)


@dataclass(frozen=True)
class SocialMap:
    size: int
    rings: tuple[Ring, ...]
    dots: tuple[Dot, ...]

    @property
    def center(self) -> float:
        return CENTER

    @property
    def you_radius(self) -> int:
        return YOU_RADIUS

    @property
    def unlabelled(self) -> int:
        return sum(1 for dot in self.dots if not dot.label)


def text_box(text: str, x: float, baseline: float, anchor: str, font: float = FONT) -> Box:
    """Where a line of text sits, estimated (generously) from its length."""
    width = len(text) * GLYPH * font
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return Box(left, baseline - 0.8 * font, left + width, baseline + 0.25 * font)


def _label(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _ring_name_y(outer: float) -> float:
    return CENTER - outer + RING_FONT + 3


def _reserved_angle(outer: float, name: str) -> float:
    """Half the wedge at the top of a ring kept free of marks for the ring's name."""
    half_width = len(name) * GLYPH * RING_FONT / 2 + MARK + 2
    nearest = outer - RING_PADDING - MARK
    return math.asin(min(1.0, half_width / nearest))


def _label_spots(label: str, x: float, y: float, size: float, outward_right: bool):
    """Where a name may go, best first: beside the mark pointing away from the middle,
    then beside it a line higher or lower, then above or below it (kept on the map)."""
    baseline = y + FONT * 0.3
    right = ("start", x + size + LABEL_GAP)
    left = ("end", x - size - LABEL_GAP)
    sides = (right, left) if outward_right else (left, right)
    spots = [(anchor, label_x, baseline) for anchor, label_x in sides]
    spots += [
        (anchor, label_x, baseline + shift) for anchor, label_x in sides for shift in (-FONT, FONT)
    ]
    half = len(label) * GLYPH * FONT / 2
    centred = min(max(x, EDGE + half), SIZE - EDGE - half)
    spots += [("middle", centred, y - size - 3), ("middle", centred, y + size + FONT)]
    for anchor, label_x, label_y in spots:
        yield anchor, round(label_x, 1), round(label_y, 1)


def social_map(people, closeness_labels: dict) -> SocialMap:
    """people: objects or Rated rows with name, energy, closeness and contact_now."""
    known_rings = {closeness for closeness, *_ in RINGS}
    by_ring: dict[str, list] = {closeness: [] for closeness in known_rings}
    for person in people:
        ring = person.closeness if person.closeness in known_rings else Closeness.CLOSE
        by_ring[ring].append(person)

    rings, placed = [], []
    for closeness, short, inner, outer in RINGS:
        rings.append(Ring(closeness, short, outer, _ring_name_y(outer)))
        members = sorted(
            by_ring[closeness],
            key=lambda p: (CONTACT_DEPTH.get(p.contact_now, 0.5), p.name.casefold()),
        )
        if not members:
            continue
        reserved = _reserved_angle(outer, short)
        step = (2 * math.pi - 2 * reserved) / len(members)
        depth_room = outer - inner - 2 * RING_PADDING
        nearest = inner + RING_PADDING
        spacing = step * nearest
        crowded = spacing < 2 * MARK + 2
        # Crowded rings alternate their marks in and out a little, which doubles the room.
        size = max(MIN_MARK, min(MARK, (spacing * (2 if crowded else 1)) * 0.42))
        for index, person in enumerate(members):
            angle = -math.pi / 2 + reserved + (index + 0.5 + RING_TURN[closeness]) * step
            depth = CONTACT_DEPTH.get(person.contact_now, 0.5)
            radius = nearest + depth * depth_room
            if crowded:
                radius += (RING_PADDING - size) * (1 if index % 2 else -1) * 0.9
            x = round(CENTER + radius * math.cos(angle), 1)
            y = round(CENTER + radius * math.sin(angle), 1)
            placed.append((person, closeness, x, y, round(size, 1), math.cos(angle) >= 0))

    obstacles = [ring.name_box for ring in rings]
    obstacles.append(
        Box(CENTER - YOU_RADIUS, CENTER - YOU_RADIUS, CENTER + YOU_RADIUS, CENTER + YOU_RADIUS)
    )
    marks = [Box(x - s, y - s, x + s, y + s) for _, _, x, y, s, _ in placed]
    dots = []
    for index, (person, closeness, x, y, size, outward_right) in enumerate(placed):
        label = _label(person.name)
        others = marks[:index] + marks[index + 1 :]
        spot = next(
            (
                (anchor, lx, ly)
                for anchor, lx, ly in _label_spots(label, x, y, size, outward_right)
                if _fits(text_box(label, lx, ly, anchor), obstacles, others)
            ),
            None,
        )
        if spot is None:
            label, spot = "", ("start", x, y)
        else:
            obstacles.append(text_box(label, spot[1], spot[2], spot[0]))
        energy = person.energy if person.energy in Energy.values else Energy.NEUTRAL
        dots.append(
            Dot(
                x=x,
                y=y,
                size=size,
                name=person.name,
                label=label,
                label_x=spot[1],
                label_y=spot[2],
                anchor=spot[0],
                energy=energy,
                closeness=closeness,
                description=" · ".join(
                    (
                        closeness_labels.get(closeness, ""),
                        Energy(energy).label,
                        CONTACT_WORDS.get(person.contact_now, ""),
                    )
                ),
            )
        )
    return SocialMap(size=SIZE, rings=tuple(rings), dots=tuple(dots))


def _fits(box: Box, obstacles: list[Box], marks: list[Box]) -> bool:
    return (
        box.inside(SIZE - EDGE)
        and box.left >= EDGE
        and box.top >= EDGE
        and not any(box.overlaps(other) for other in (*obstacles, *marks))
    )
