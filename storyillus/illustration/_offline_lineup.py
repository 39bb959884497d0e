"""Where everyone on an offline page stands: the hero and every companion, in one row.

Nobody is left out and nobody stands on anybody: the row is measured first and, when it
is wider than the page, everyone is drawn smaller by the same factor (the hero too, so
sizes stay true to each other). Companions stand on alternate sides of the hero, the
first on the side with more room; the row then slides to fit inside the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyillus.domain import CastMember

PETS = frozenset({"dog", "cat", "rabbit"})
HEIGHTS = {"pet": 0.42, "child": 0.86, "adult": 1.08, "elder": 1.04}
"""A companion's height against the hero's."""
HALF_WIDTHS = {"pet": 0.5, "person": 0.36}
"""Half the width a figure needs, against its own height (arms and tails included)."""
GAP = 1.2
MARGIN = 2.0
"""Space between figures and at the page's edges, in page units (a hundredth of a side)."""
DEPTH = 0.012
"""How much further back (a share of the page height) each place away from the hero is."""


@dataclass(frozen=True)
class Spot:
    """One figure of the row."""

    member: CastMember
    x: float
    feet: float
    height: float
    half: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (
            self.x - self.half,
            self.feet - self.height * 1.05,
            self.x + self.half,
            self.feet + self.height * 0.03,
        )


@dataclass(frozen=True)
class Lineup:
    hero_x: float
    hero_h: float
    others: tuple[Spot, ...]
    """Everyone but the hero, nearest to the hero first."""


def height_of(kind: str) -> float:
    if kind in PETS:
        return HEIGHTS["pet"]
    return HEIGHTS.get(kind, HEIGHTS["child"])


def line_up(
    companions: tuple[CastMember, ...],
    hero_x: float,
    hero_h: float,
    feet: float,
    away: int,
    size: tuple[int, int],
) -> Lineup:
    """The row for a page ``size`` wide whose hero would stand at ``hero_x``.

    ``away`` is the side (+1 right, -1 left) with more room.
    """
    width, height = size
    unit = min(width, height) / 100
    # (member, height, half width) against the hero's height, before any scaling
    items: list[tuple[CastMember, float, float]] = []
    for member in companions:
        tall = height_of(member.kind)
        half = tall * HALF_WIDTHS["pet" if member.kind in PETS else "person"]
        items.append((member, tall, half))
    hero_half = {side: HALF_WIDTHS["person"] for side in (-1, 1)}
    sides: dict[int, list[tuple[CastMember, float, float]]] = {-1: [], 1: []}
    for i, item in enumerate(items):
        sides[away if i % 2 == 0 else -away].append(item)

    def extent(side: int, scale: float) -> float:
        """How far the row reaches on ``side`` of the hero's centre, in pixels."""
        reach = hero_half[side] * hero_h * scale
        for _, _, half in sides[side]:
            reach += GAP * unit + 2 * half * hero_h * scale
        return reach

    room = width - 2 * MARGIN * unit
    natural = extent(-1, 1.0) + extent(1, 1.0)
    # Gaps do not shrink, so solve for the scale that makes the whole row fit.
    gaps = GAP * unit * len(items)
    scale = 1.0 if natural <= room else max(0.05, (room - gaps) / max(1.0, natural - gaps))
    left, right = extent(-1, scale), extent(1, scale)
    low, high = MARGIN * unit + left, width - MARGIN * unit - right
    x = min(max(hero_x, low), high) if low <= high else (low + high) / 2
    hero_h *= scale

    spots: list[tuple[int, Spot]] = []
    for side in (-1, 1):
        edge = x + side * hero_half[side] * hero_h
        for rank, (member, tall, half) in enumerate(sides[side], start=1):
            half_px = half * hero_h
            centre = edge + side * (GAP * unit + half_px)
            edge = centre + side * half_px
            behind = feet - height * DEPTH * rank
            spots.append((rank, Spot(member, centre, behind, tall * hero_h, half_px)))
    spots.sort(key=lambda item: item[0])
    return Lineup(x, hero_h, tuple(spot for _, spot in spots))


__all__ = ["Lineup", "Spot", "height_of", "line_up"]
