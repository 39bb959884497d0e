"""Drawings for the offline illustrator: the things a scene's words name, drawn simply.

Which words name which thing, where it sits and how big it is are data
(``storyillus/data/things.toml``, loaded by ``storyillus.things``).

Every prop is drawn by a function ``draw(pen, x, y, s, m)``: ``(x, y)`` is the middle of
its bottom edge, ``s`` its height in pixels and ``m`` +1 or -1 to face right or left.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise

from storyillus import _wordmatch
from storyillus.illustration import _offline_animals as animals
from storyillus.illustration import _offline_gear as gear
from storyillus.illustration._offline_paint import (
    Color,
    Pen,
    Point,
    darken,
    lighten,
    star_points,
)
from storyillus.things import Thing, things

DrawFn = Callable[[Pen, float, float, float, int], None]


def _face(pen: Pen, x: float, y: float, s: float, smile: bool = True) -> None:
    """Two shiny eyes and a little smile, ``s`` the distance between the eyes."""
    r = s * 0.16
    for side in (-1, 1):
        ex = x + side * s / 2
        pen.ellipse((ex - r, y - r * 1.25, ex + r, y + r * 1.25), (50, 36, 44), line=0)
        pen.circle(ex + r * 0.3, y - r * 0.45, r * 0.4, (255, 255, 255), line=0)
    if smile:
        pen.arc(
            (x - s * 0.3, y - s * 0.05, x + s * 0.3, y + s * 0.45), 20, 160, (90, 40, 50), s * 0.09
        )


def _ear(pen: Pen, pts: list[Point], fill: Color) -> None:
    pen.polygon(pts, fill)


# --- space -------------------------------------------------------------------------


def rocket(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    def p(fx: float, fy: float) -> Point:
        return (x + fx * s, y - fy * s)

    body, red, glass = (236, 236, 244), (226, 80, 76), (120, 196, 240)
    pen.polygon([p(-0.13, 0.42), p(-0.3, 0.12), p(-0.3, 0.0), p(-0.1, 0.16)], red)
    pen.polygon([p(0.13, 0.42), p(0.3, 0.12), p(0.3, 0.0), p(0.1, 0.16)], red)
    pen.polygon([p(-0.08, 0.1), p(0.0, -0.04), p(0.08, 0.1)], (255, 170, 60), lit=True)
    pts = [p(-0.16, 0.08), p(-0.16, 0.6)]
    for i in range(1, 12):
        ang = math.pi * i / 12
        pts.append(p(-0.16 * math.cos(ang), 0.6 + 0.4 * math.sin(ang)))
    pts += [p(0.16, 0.6), p(0.16, 0.08)]
    pen.polygon(pts, body)
    pen.polygon([p(0.06, 0.1), p(0.16, 0.1), p(0.16, 0.6), p(0.08, 0.8)], (214, 214, 228), line=0)
    cap = [
        p(-0.16 * math.cos(math.pi * i / 12), 0.6 + 0.4 * math.sin(math.pi * i / 12))
        for i in range(12)
    ]
    cap = [pt for pt in cap if y - pt[1] >= 0.8 * s]
    if len(cap) >= 3:
        pen.polygon(cap, red)
    pen.rect((x - 0.17 * s, y - 0.16 * s, x + 0.17 * s, y - 0.08 * s), red, radius=0.03 * s)
    pen.circle(x, y - 0.55 * s, 0.085 * s, (200, 200, 214))
    pen.circle(x, y - 0.55 * s, 0.06 * s, glass, line=0)
    pen.circle(x - 0.02 * s, y - 0.57 * s, 0.02 * s, (255, 255, 255), line=0)


def star(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    cy = y - s * 0.5
    pen.glow(x, cy, s * 0.9, (255, 236, 150), 60)
    pen.polygon(star_points(x, cy, s * 0.52, s * 0.24, 5), (255, 214, 80), lit=True)
    pen.polygon(
        star_points(x - s * 0.02, cy - s * 0.04, s * 0.34, s * 0.14, 5),
        (255, 234, 140),
        line=0,
        lit=True,
    )
    _face(pen, x, cy, s * 0.2)


def moon(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    r = s * 0.5
    cx, cy = x, y - r
    pen.glow(cx, cy, r * 1.8, (220, 226, 255), 50)
    pts: list[Point] = []
    for i in range(31):
        ang = (
            math.radians(-110 * m + 220 * m * i / 30) if m > 0 else math.radians(70 + 220 * i / 30)
        )
        pts.append((cx + r * math.cos(ang), cy + r * math.sin(ang)))
    inner = r * 0.95
    shift = r * 0.5 * m
    tail: list[Point] = []
    for i in range(31):
        ang = math.radians(-100 + 200 * i / 30)
        px = cx - shift + inner * math.cos(ang) * m
        py = cy + inner * math.sin(ang)
        if (px - cx) ** 2 + (py - cy) ** 2 <= r * r:
            tail.append((px, py))
    pen.polygon(pts + list(reversed(tail)) if m > 0 else pts + tail, (255, 238, 170), lit=True)
    pen.circle(cx + m * r * 0.55, cy - r * 0.12, r * 0.06, (60, 50, 60), line=0)
    pen.arc(
        (cx + m * r * 0.35, cy + r * 0.05, cx + m * r * 0.35 + r * 0.3, cy + r * 0.3),
        20,
        160,
        (120, 90, 70),
        r * 0.04,
    )


def planet(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    r = s * 0.32
    cx, cy = x, y - s * 0.5
    body, ring = (150, 120, 230), (250, 200, 120)
    pen.arc((cx - r * 1.8, cy - r * 0.5, cx + r * 1.8, cy + r * 0.5), 180, 360, ring, r * 0.16)
    pen.circle(cx, cy, r, body)
    pen.ellipse(
        (cx - r * 0.9, cy - r * 0.35, cx + r * 0.9, cy - r * 0.15), lighten(body, 0.3), line=0
    )
    pen.ellipse(
        (cx - r * 0.85, cy + r * 0.25, cx + r * 0.85, cy + r * 0.45), darken(body, 0.15), line=0
    )
    pen.arc((cx - r * 1.8, cy - r * 0.5, cx + r * 1.8, cy + r * 0.5), 0, 180, ring, r * 0.16)


def telescope(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    top = (x, y - s * 0.5)
    for dx in (-0.28, 0.0, 0.28):
        pen.stroke([top, (x + dx * s, y)], (140, 96, 64), s * 0.04)
    tube = [
        (x - m * 0.34 * s, y - 0.36 * s),
        (x + m * 0.3 * s, y - 0.78 * s),
        (x + m * 0.36 * s, y - 0.68 * s),
        (x - m * 0.28 * s, y - 0.28 * s),
    ]
    pen.polygon(tube, (70, 100, 180))
    pen.polygon(
        [
            (x + m * 0.26 * s, y - 0.83 * s),
            (x + m * 0.38 * s, y - 0.92 * s),
            (x + m * 0.46 * s, y - 0.77 * s),
            (x + m * 0.34 * s, y - 0.66 * s),
        ],
        (240, 190, 80),
    )
    pen.circle(x, y - 0.54 * s, 0.05 * s, (240, 190, 80))


def robot(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    metal, dark = (170, 200, 220), (100, 120, 150)
    for side in (-1, 1):
        pen.rect(
            (x + side * 0.16 * s - 0.07 * s, y - 0.3 * s, x + side * 0.16 * s + 0.07 * s, y),
            dark,
            radius=0.02 * s,
        )
        pen.stroke(
            [(x + side * 0.3 * s, y - 0.58 * s), (x + side * 0.42 * s, y - 0.38 * s)],
            dark,
            0.06 * s,
        )
        pen.circle(x + side * 0.43 * s, y - 0.36 * s, 0.05 * s, (240, 120, 100))
    pen.rect((x - 0.3 * s, y - 0.64 * s, x + 0.3 * s, y - 0.26 * s), metal, radius=0.06 * s)
    pen.rect(
        (x - 0.16 * s, y - 0.54 * s, x + 0.16 * s, y - 0.38 * s), (90, 110, 140), radius=0.03 * s
    )
    for k, c in enumerate(((240, 90, 90), (250, 210, 80), (110, 210, 130))):
        pen.circle(x - 0.08 * s + k * 0.08 * s, y - 0.46 * s, 0.03 * s, c, line=0, lit=True)
    pen.rect((x - 0.24 * s, y - 0.94 * s, x + 0.24 * s, y - 0.66 * s), metal, radius=0.07 * s)
    pen.line([(x, y - 0.94 * s), (x, y - 1.0 * s)], dark, 0.025 * s)
    pen.circle(x, y - 1.0 * s, 0.035 * s, (240, 90, 90), lit=True)
    for side in (-1, 1):
        pen.circle(x + side * 0.1 * s, y - 0.82 * s, 0.055 * s, (255, 255, 255))
        pen.circle(
            x + side * 0.1 * s + m * 0.015 * s, y - 0.82 * s, 0.028 * s, (40, 50, 70), line=0
        )
    pen.arc((x - 0.08 * s, y - 0.8 * s, x + 0.08 * s, y - 0.7 * s), 20, 160, (60, 70, 90), 0.02 * s)


# --- garden, forest and meadow ------------------------------------------------------


def flower(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    heads = (
        (-0.25, 0.75, (240, 110, 150)),
        (0.05, 1.0, (250, 200, 70)),
        (0.3, 0.65, (180, 120, 230)),
    )
    for dx, h, c in heads:
        fx, fy = x + dx * s, y - h * s * 0.9
        pen.stroke([(x + dx * s * 0.4, y), (fx, fy)], (80, 150, 70), s * 0.04)
        pen.ellipse((fx, fy + 0.3 * s * h, fx + 0.16 * s, fy + 0.38 * s * h), (100, 180, 80))
        r = s * 0.1
        for k in range(6):
            ang = k * math.tau / 6
            pen.circle(fx + math.cos(ang) * r, fy + math.sin(ang) * r, r * 0.7, c)
        pen.circle(fx, fy, r * 0.6, (255, 220, 90))


def tree(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    trunk, leaf = (146, 100, 66), (96, 170, 84)
    pen.polygon(
        [
            (x - 0.07 * s, y),
            (x - 0.05 * s, y - 0.5 * s),
            (x + 0.05 * s, y - 0.5 * s),
            (x + 0.07 * s, y),
        ],
        trunk,
    )
    blobs = (
        (-0.2, 0.6, 0.2),
        (0.2, 0.62, 0.19),
        (0.0, 0.82, 0.22),
        (-0.1, 0.66, 0.2),
        (0.12, 0.74, 0.2),
    )
    for dx, dy, r in blobs:
        pen.circle(x + dx * s, y - dy * s + 0.03 * s, r * s, darken(leaf, 0.2))
    for dx, dy, r in blobs:
        pen.circle(x + dx * s - 0.01 * s, y - dy * s, r * s * 0.9, leaf, line=0)
    for dx, dy in ((-0.15, 0.6), (0.12, 0.8), (0.2, 0.62), (-0.02, 0.7)):
        pen.circle(x + dx * s, y - dy * s, 0.03 * s, (230, 80, 70))


def mushroom(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    pen.rect((x - 0.14 * s, y - 0.72 * s, x + 0.14 * s, y), (246, 236, 214), radius=0.08 * s)
    pen.chord((x - 0.42 * s, y - 1.0 * s, x + 0.42 * s, y - 0.3 * s), 180, 360, (222, 72, 70))
    for dx, dy, r in ((-0.22, 0.8, 0.06), (0.05, 0.9, 0.07), (0.24, 0.76, 0.05)):
        pen.circle(x + dx * s, y - dy * s, r * s, (255, 250, 240), line=0)


def butterfly(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    cx, cy = x, y - s * 0.5
    c1, c2 = (250, 140, 80), (250, 200, 90)
    pen.ellipse((cx - 0.5 * s, cy - 0.5 * s, cx, cy + 0.05 * s), c1)
    pen.ellipse((cx, cy - 0.5 * s, cx + 0.5 * s, cy + 0.05 * s), c1)
    pen.ellipse((cx - 0.38 * s, cy - 0.05 * s, cx, cy + 0.38 * s), c2)
    pen.ellipse((cx, cy - 0.05 * s, cx + 0.38 * s, cy + 0.38 * s), c2)
    for side in (-1, 1):
        pen.circle(cx + side * 0.25 * s, cy - 0.25 * s, 0.07 * s, (255, 240, 220), line=0)
    pen.rect(
        (cx - 0.04 * s, cy - 0.35 * s, cx + 0.04 * s, cy + 0.35 * s), (70, 50, 60), radius=0.04 * s
    )
    pen.line([(cx, cy - 0.33 * s), (cx - 0.12 * s, cy - 0.5 * s)], (70, 50, 60), 0.02 * s)
    pen.line([(cx, cy - 0.33 * s), (cx + 0.12 * s, cy - 0.5 * s)], (70, 50, 60), 0.02 * s)


def bird(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    body = (110, 170, 230)
    cx, cy = x, y - s * 0.5
    pen.polygon(
        [
            (cx - m * 0.35 * s, cy),
            (cx - m * 0.6 * s, cy - 0.2 * s),
            (cx - m * 0.6 * s, cy + 0.15 * s),
        ],
        darken(body, 0.15),
    )
    pen.ellipse((cx - 0.42 * s, cy - 0.32 * s, cx + 0.42 * s, cy + 0.32 * s), body)
    pen.ellipse(
        (cx - 0.1 * s, cy - 0.05 * s, cx + 0.36 * s, cy + 0.28 * s)
        if m > 0
        else (cx - 0.36 * s, cy - 0.05 * s, cx + 0.1 * s, cy + 0.28 * s),
        (250, 240, 220),
        line=0,
    )
    pen.polygon(
        [
            (cx - m * 0.1 * s, cy - 0.05 * s),
            (cx - m * 0.05 * s, cy - 0.45 * s),
            (cx + m * 0.15 * s, cy - 0.05 * s),
        ],
        darken(body, 0.1),
    )
    pen.polygon(
        [
            (cx + m * 0.38 * s, cy - 0.1 * s),
            (cx + m * 0.56 * s, cy - 0.02 * s),
            (cx + m * 0.38 * s, cy + 0.05 * s),
        ],
        (250, 170, 60),
    )
    pen.circle(cx + m * 0.2 * s, cy - 0.12 * s, 0.06 * s, (40, 30, 40), line=0)


def owl(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    body = (166, 120, 86)
    pen.ellipse((x - 0.32 * s, y - 0.8 * s, x + 0.32 * s, y), body)
    pen.polygon(
        [(x - 0.3 * s, y - 0.7 * s), (x - 0.26 * s, y - 0.98 * s), (x - 0.1 * s, y - 0.76 * s)],
        body,
    )
    pen.polygon(
        [(x + 0.3 * s, y - 0.7 * s), (x + 0.26 * s, y - 0.98 * s), (x + 0.1 * s, y - 0.76 * s)],
        body,
    )
    pen.ellipse((x - 0.2 * s, y - 0.42 * s, x + 0.2 * s, y - 0.04 * s), (236, 214, 180), line=0)
    for side in (-1, 1):
        pen.circle(x + side * 0.13 * s, y - 0.62 * s, 0.12 * s, (255, 250, 236))
        pen.circle(x + side * 0.13 * s, y - 0.62 * s, 0.06 * s, (40, 30, 40), line=0)
        pen.circle(x + side * 0.13 * s + 0.02 * s, y - 0.64 * s, 0.02 * s, (255, 255, 255), line=0)
    pen.polygon(
        [(x - 0.04 * s, y - 0.54 * s), (x + 0.04 * s, y - 0.54 * s), (x, y - 0.46 * s)],
        (240, 170, 60),
    )


def rabbit(pen: Pen, x: float, y: float, s: float, m: int, fur: Color = (244, 240, 236)) -> None:
    """A rabbit; a cast member's rabbit comes in its own ``fur``."""
    pink = (244, 170, 180)
    pen.ellipse((x - 0.32 * s, y - 0.5 * s, x + 0.3 * s, y), fur)
    pen.circle(x - m * 0.32 * s, y - 0.2 * s, 0.09 * s, (255, 255, 255))
    hx, hy = x + m * 0.12 * s, y - 0.56 * s
    for dx in (-0.08, 0.08):
        pen.ellipse(
            (hx + dx * s - 0.06 * s, hy - 0.52 * s, hx + dx * s + 0.06 * s, hy - 0.08 * s), fur
        )
        pen.ellipse(
            (hx + dx * s - 0.03 * s, hy - 0.45 * s, hx + dx * s + 0.03 * s, hy - 0.14 * s),
            pink,
            line=0,
        )
    pen.circle(hx, hy, 0.2 * s, fur)
    _face(pen, hx, hy, 0.16 * s, smile=False)
    pen.circle(hx, hy + 0.06 * s, 0.025 * s, pink, line=0)


def frog(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    green = (110, 190, 90)
    pen.ellipse((x - 0.5 * s, y - 0.6 * s, x + 0.5 * s, y), green)
    for side in (-1, 1):
        pen.circle(x + side * 0.24 * s, y - 0.62 * s, 0.15 * s, green)
        pen.circle(x + side * 0.24 * s, y - 0.64 * s, 0.09 * s, (255, 255, 255), line=0)
        pen.circle(x + side * 0.24 * s, y - 0.64 * s, 0.045 * s, (30, 30, 30), line=0)
        pen.ellipse(
            (
                x + side * 0.5 * s - 0.16 * s,
                y - 0.1 * s,
                x + side * 0.5 * s + 0.16 * s,
                y + 0.02 * s,
            ),
            darken(green, 0.1),
        )
    pen.ellipse((x - 0.3 * s, y - 0.32 * s, x + 0.3 * s, y - 0.02 * s), (200, 230, 150), line=0)
    pen.arc((x - 0.22 * s, y - 0.5 * s, x + 0.22 * s, y - 0.3 * s), 20, 160, (50, 90, 40), 0.03 * s)


def apple(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    basket = (196, 140, 86)
    for dx, dy in ((-0.22, 0.62), (0.2, 0.62), (0.0, 0.72), (-0.1, 0.55), (0.12, 0.55)):
        pen.circle(x + dx * s, y - dy * s, 0.16 * s, (220, 60, 60))
        pen.circle(x + dx * s - 0.05 * s, y - dy * s - 0.05 * s, 0.04 * s, (255, 200, 200), line=0)
    pen.polygon(
        [
            (x - 0.45 * s, y - 0.55 * s),
            (x + 0.45 * s, y - 0.55 * s),
            (x + 0.35 * s, y),
            (x - 0.35 * s, y),
        ],
        basket,
    )
    for k in range(1, 3):
        yy = y - 0.55 * s + k * 0.18 * s
        pen.line(
            [(x - 0.43 * s + k * 0.03 * s, yy), (x + 0.43 * s - k * 0.03 * s, yy)],
            darken(basket, 0.2),
            0.02 * s,
        )
    pen.arc(
        (x - 0.38 * s, y - 1.0 * s, x + 0.38 * s, y - 0.3 * s),
        180,
        360,
        darken(basket, 0.1),
        0.05 * s,
    )


def bicycle(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    frame, tyre = (230, 80, 80), (60, 60, 70)
    r = 0.26 * s
    back, front = (x - m * 0.36 * s, y - r), (x + m * 0.36 * s, y - r)
    for wx, wy in (back, front):
        pen.circle(wx, wy, r, tyre)
        pen.circle(wx, wy, r * 0.82, (236, 236, 240), line=0)
        pen.circle(wx, wy, r * 0.12, (150, 150, 160), line=0)
    seat = (x - m * 0.12 * s, y - 0.72 * s)
    bar = (x + m * 0.26 * s, y - 0.8 * s)
    pedal = (x, y - r)
    pen.line([back, seat, pedal, back], frame, 0.05 * s)
    pen.line([pedal, (x + m * 0.2 * s, y - 0.66 * s), front], frame, 0.05 * s)
    pen.line([seat, (x + m * 0.2 * s, y - 0.66 * s)], frame, 0.05 * s)
    pen.line([(x + m * 0.2 * s, y - 0.66 * s), bar], frame, 0.05 * s)
    pen.rect(
        (seat[0] - 0.09 * s, seat[1] - 0.05 * s, seat[0] + 0.09 * s, seat[1] + 0.01 * s),
        (60, 50, 50),
        radius=0.03 * s,
    )
    pen.line(
        [(bar[0] - m * 0.08 * s, bar[1]), (bar[0] + m * 0.06 * s, bar[1] - 0.02 * s)],
        (60, 50, 50),
        0.05 * s,
    )


def kite(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    top = (x + m * 0.1 * s, y - s)
    mid = (x + m * 0.1 * s, y - 0.62 * s)
    left, right = (
        (x + m * 0.1 * s - 0.28 * s, y - 0.72 * s),
        (x + m * 0.1 * s + 0.28 * s, y - 0.72 * s),
    )
    bottom = (x + m * 0.1 * s, y - 0.36 * s)
    pen.polygon([top, right, mid], (240, 90, 90))
    pen.polygon([top, left, mid], (250, 200, 70))
    pen.polygon([left, bottom, mid], (90, 160, 230))
    pen.polygon([right, bottom, mid], (120, 200, 120))
    tail = [(bottom[0] - m * 0.1 * s * math.sin(k), bottom[1] + 0.08 * s * k) for k in range(5)]
    pen.line([bottom, *tail], (90, 70, 80), 0.015 * s)
    for tx, ty in tail[1:]:
        pen.polygon(
            [
                (tx - 0.04 * s, ty - 0.03 * s),
                (tx + 0.04 * s, ty + 0.03 * s),
                (tx + 0.04 * s, ty - 0.03 * s),
                (tx - 0.04 * s, ty + 0.03 * s),
            ],
            (240, 110, 150),
            line=0.5,
        )


def balloon(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    colours = ((240, 80, 90), (250, 200, 70), (90, 160, 240))
    knot = (x, y)
    for k, (dx, dy, c) in enumerate(
        ((-0.22, 0.78, colours[0]), (0.2, 0.82, colours[1]), (0.0, 0.62, colours[2]))
    ):
        bx, by = x + dx * s, y - dy * s
        pen.line(
            [
                (bx, by + 0.18 * s),
                (bx * 0.3 + knot[0] * 0.7 + (k - 1) * 0.02 * s, y - 0.2 * s),
                knot,
            ],
            (120, 110, 120),
            0.012 * s,
        )
        pen.ellipse((bx - 0.15 * s, by - 0.19 * s, bx + 0.15 * s, by + 0.18 * s), c)
        pen.polygon(
            [(bx - 0.03 * s, by + 0.21 * s), (bx, by + 0.17 * s), (bx + 0.03 * s, by + 0.21 * s)],
            c,
            line=0.5,
        )
        pen.ellipse(
            (bx - 0.09 * s, by - 0.13 * s, bx - 0.03 * s, by - 0.03 * s), lighten(c, 0.6), line=0
        )


def ball(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    r = s * 0.5
    cx, cy = x, y - r
    colours = (
        (240, 80, 80),
        (250, 250, 250),
        (70, 150, 230),
        (250, 250, 250),
        (250, 200, 60),
        (250, 250, 250),
    )
    for k, c in enumerate(colours):
        pen.pieslice((cx - r, cy - r, cx + r, cy + r), k * 60 - 90, (k + 1) * 60 - 90, c, line=0.5)
    pen.circle(cx, cy, r * 0.18, (250, 250, 250), line=0.5)
    pen.arc((cx - r, cy - r, cx + r, cy + r), 0, 360, darken((200, 200, 200), 0.4), r * 0.05, a=120)


# --- things to carry ---------------------------------------------------------------


def book(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    cover, paper = (90, 130, 210), (252, 248, 236)
    pen.polygon(
        [
            (x - 0.5 * s, y - 0.1 * s),
            (x, y),
            (x + 0.5 * s, y - 0.1 * s),
            (x + 0.5 * s, y - 0.75 * s),
            (x, y - 0.65 * s),
            (x - 0.5 * s, y - 0.75 * s),
        ],
        cover,
    )
    pen.polygon(
        [
            (x - 0.46 * s, y - 0.16 * s),
            (x, y - 0.07 * s),
            (x, y - 0.7 * s),
            (x - 0.46 * s, y - 0.8 * s),
        ],
        paper,
    )
    pen.polygon(
        [
            (x + 0.46 * s, y - 0.16 * s),
            (x, y - 0.07 * s),
            (x, y - 0.7 * s),
            (x + 0.46 * s, y - 0.8 * s),
        ],
        paper,
    )
    for k in range(4):
        yy = y - (0.62 - k * 0.12) * s
        pen.line([(x - 0.38 * s, yy - 0.06 * s), (x - 0.08 * s, yy)], (170, 170, 190), 0.02 * s)
        pen.line([(x + 0.08 * s, yy), (x + 0.38 * s, yy - 0.06 * s)], (170, 170, 190), 0.02 * s)
    pen.polygon(
        star_points(x + 0.25 * s, y - 0.95 * s, 0.09 * s, 0.04 * s), (255, 214, 90), lit=True
    )
    pen.polygon(
        star_points(x - 0.2 * s, y - 1.0 * s, 0.06 * s, 0.025 * s), (255, 214, 90), lit=True
    )


def map_(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    paper = (244, 226, 180)
    w, h = 0.7 * s, 0.5 * s
    pen.polygon(
        [
            (x - w, y - h),
            (x - w * 0.33, y - h * 1.1),
            (x + w * 0.33, y - h),
            (x + w, y - h * 1.1),
            (x + w, y - 0.05 * s),
            (x + w * 0.33, y),
            (x - w * 0.33, y - 0.05 * s),
            (x - w, y),
        ],
        paper,
    )
    pen.line(
        [(x - w * 0.33, y - h * 1.1), (x - w * 0.33, y - 0.05 * s)], darken(paper, 0.12), 0.02 * s
    )
    pen.line([(x + w * 0.33, y - h), (x + w * 0.33, y)], darken(paper, 0.12), 0.02 * s)
    pen.ellipse((x - w * 0.85, y - h * 0.85, x - w * 0.35, y - h * 0.45), (140, 200, 120), line=0)
    pts = [
        (x - w * 0.7, y - h * 0.3),
        (x - w * 0.3, y - h * 0.5),
        (x + w * 0.1, y - h * 0.3),
        (x + w * 0.5, y - h * 0.6),
    ]
    for (x0, y0), (x1, y1) in pairwise(pts):
        for k in range(3):
            t0, t1 = k / 3, k / 3 + 0.18
            pen.line(
                [
                    (x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0),
                    (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1),
                ],
                (200, 90, 80),
                0.025 * s,
            )
    ex, ey = x + w * 0.6, y - h * 0.65
    pen.line(
        [(ex - 0.06 * s, ey - 0.06 * s), (ex + 0.06 * s, ey + 0.06 * s)], (210, 50, 50), 0.04 * s
    )
    pen.line(
        [(ex - 0.06 * s, ey + 0.06 * s), (ex + 0.06 * s, ey - 0.06 * s)], (210, 50, 50), 0.04 * s
    )


def key(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    gold = (246, 196, 70)
    cx, cy = x, y - 0.75 * s
    pen.glow(cx, y - 0.5 * s, 0.6 * s, (255, 230, 150), 40)
    pen.circle(cx, cy, 0.22 * s, gold, lit=True)
    pen.circle(cx, cy, 0.09 * s, (255, 250, 230), line=0.5)
    pen.rect((cx - 0.05 * s, cy + 0.18 * s, cx + 0.05 * s, y), gold, lit=True)
    pen.rect((cx + 0.05 * s, y - 0.2 * s, cx + 0.17 * s, y - 0.13 * s), gold, lit=True)
    pen.rect((cx + 0.05 * s, y - 0.08 * s, cx + 0.14 * s, y - 0.01 * s), gold, lit=True)
    pen.polygon(
        star_points(cx + 0.3 * s, cy - 0.2 * s, 0.07 * s, 0.02 * s, 4),
        (255, 255, 240),
        line=0,
        lit=True,
    )


def chest(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    wood, band, gold = (170, 104, 60), (110, 70, 50), (250, 200, 70)
    w = 0.7 * s
    pen.glow(x, y - 0.62 * s, 0.6 * s, (255, 220, 120), 70)
    lid = [
        (x - w * 0.5, y - 0.6 * s),
        (x - w * 0.58, y - 1.0 * s),
        (x + w * 0.42, y - 1.04 * s),
        (x + w * 0.5, y - 0.62 * s),
    ]
    pen.polygon(lid, darken(wood, 0.1))
    pen.line([(x - w * 0.54, y - 0.8 * s), (x + w * 0.46, y - 0.83 * s)], band, 0.06 * s)
    for k in range(7):
        cx = x - w * 0.38 + k * w * 0.127
        pen.circle(cx, y - 0.62 * s - (k % 2) * 0.06 * s, 0.085 * s, gold, lit=True)
    pen.polygon(
        star_points(x + w * 0.2, y - 0.78 * s, 0.07 * s, 0.025 * s, 4),
        (255, 255, 240),
        line=0,
        lit=True,
    )
    pen.rect((x - w * 0.5, y - 0.62 * s, x + w * 0.5, y), wood, radius=0.04 * s)
    pen.rect((x - w * 0.5, y - 0.62 * s, x + w * 0.5, y - 0.54 * s), band, line=0)
    for dx in (-0.36, 0.36):
        pen.rect((x + dx * w - 0.04 * s, y - 0.62 * s, x + dx * w + 0.04 * s, y), band, line=0)
    pen.rect((x - 0.07 * s, y - 0.5 * s, x + 0.07 * s, y - 0.32 * s), gold, lit=True)
    pen.circle(x, y - 0.42 * s, 0.025 * s, (60, 40, 30), line=0)


def lantern(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    frame, light = (70, 70, 90), (255, 214, 110)
    cy = y - 0.45 * s
    pen.glow(x, cy, 0.9 * s, (255, 210, 120), 100)
    pen.rect((x - 0.22 * s, y - 0.12 * s, x + 0.22 * s, y), frame, radius=0.03 * s)
    pen.rect(
        (x - 0.18 * s, y - 0.72 * s, x + 0.18 * s, y - 0.12 * s), light, radius=0.05 * s, lit=True
    )
    pen.circle(x, cy, 0.09 * s, (255, 250, 220), line=0, lit=True)
    for dx in (-0.18, 0.0, 0.18):
        pen.line([(x + dx * s, y - 0.72 * s), (x + dx * s, y - 0.12 * s)], frame, 0.03 * s)
    pen.polygon(
        [(x - 0.26 * s, y - 0.72 * s), (x + 0.26 * s, y - 0.72 * s), (x, y - 0.9 * s)], frame
    )
    pen.arc((x - 0.1 * s, y - 1.02 * s, x + 0.1 * s, y - 0.84 * s), 180, 360, frame, 0.03 * s)


def cake(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    sponge, icing = (250, 210, 170), (250, 170, 200)
    pen.ellipse((x - 0.55 * s, y - 0.08 * s, x + 0.55 * s, y + 0.04 * s), (240, 240, 248))
    pen.rect((x - 0.45 * s, y - 0.42 * s, x + 0.45 * s, y - 0.02 * s), sponge, radius=0.05 * s)
    pen.rect((x - 0.32 * s, y - 0.7 * s, x + 0.32 * s, y - 0.4 * s), sponge, radius=0.05 * s)
    for top, half in ((0.42, 0.45), (0.7, 0.32)):
        yy = y - top * s
        pen.rect((x - half * s, yy, x + half * s, yy + 0.08 * s), icing, radius=0.03 * s, line=0.5)
        k = -half + 0.06
        while k < half - 0.04:
            pen.circle(x + k * s, yy + 0.09 * s, 0.035 * s, icing, line=0)
            k += 0.1
    for k in range(4):
        pen.circle(x - 0.3 * s + k * 0.2 * s, y - 0.22 * s, 0.03 * s, (230, 80, 90), line=0)
    for dx in (-0.15, 0.0, 0.15):
        cx = x + dx * s
        pen.rect(
            (cx - 0.025 * s, y - 0.88 * s, cx + 0.025 * s, y - 0.7 * s), (120, 180, 240), line=0.5
        )
        pen.glow(cx, y - 0.93 * s, 0.08 * s, (255, 220, 120), 60)
        pen.ellipse(
            (cx - 0.03 * s, y - 0.99 * s, cx + 0.03 * s, y - 0.88 * s),
            (255, 190, 70),
            line=0,
            lit=True,
        )


def gift(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    box, ribbon = (110, 180, 230), (240, 90, 110)
    pen.rect((x - 0.45 * s, y - 0.6 * s, x + 0.45 * s, y), box)
    pen.rect((x - 0.5 * s, y - 0.74 * s, x + 0.5 * s, y - 0.58 * s), lighten(box, 0.15))
    pen.rect((x - 0.07 * s, y - 0.74 * s, x + 0.07 * s, y), ribbon, line=0)
    pen.ellipse((x - 0.32 * s, y - 0.98 * s, x, y - 0.74 * s), ribbon)
    pen.ellipse((x, y - 0.98 * s, x + 0.32 * s, y - 0.74 * s), ribbon)
    pen.circle(x, y - 0.76 * s, 0.06 * s, darken(ribbon, 0.1))


def crown(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    gold, cushion = (250, 200, 70), (200, 60, 90)
    pen.rect((x - 0.48 * s, y - 0.3 * s, x + 0.48 * s, y), cushion, radius=0.14 * s)
    for dx in (-0.44, 0.44):
        pen.circle(x + dx * s, y - 0.02 * s, 0.05 * s, (250, 210, 90))
    pen.glow(x, y - 0.6 * s, 0.5 * s, (255, 230, 140), 50)
    pts = [
        (x - 0.34 * s, y - 0.28 * s),
        (x - 0.36 * s, y - 0.78 * s),
        (x - 0.17 * s, y - 0.54 * s),
        (x, y - 0.9 * s),
        (x + 0.17 * s, y - 0.54 * s),
        (x + 0.36 * s, y - 0.78 * s),
        (x + 0.34 * s, y - 0.28 * s),
    ]
    pen.polygon(pts, gold, lit=True)
    for px, py in ((x - 0.36 * s, y - 0.8 * s), (x, y - 0.92 * s), (x + 0.36 * s, y - 0.8 * s)):
        pen.circle(px, py, 0.05 * s, (255, 240, 200), lit=True)
    for k, c in enumerate(((230, 60, 80), (70, 160, 230), (90, 200, 120))):
        pen.circle(x + (k - 1) * 0.2 * s, y - 0.4 * s, 0.05 * s, c, lit=True)


def umbrella(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    c = (240, 90, 100)
    pen.line([(x, y - 0.75 * s), (x, y - 0.08 * s)], (80, 70, 80), 0.04 * s)
    pen.arc((x, y - 0.16 * s, x + 0.16 * s, y), 0, 180, (80, 70, 80), 0.04 * s)
    pen.chord((x - 0.55 * s, y - 1.0 * s, x + 0.55 * s, y - 0.5 * s), 180, 360, c)
    for k in range(4):
        sx = x - 0.55 * s + k * 0.275 * s
        pen.chord((sx, y - 0.8 * s, sx + 0.275 * s, y - 0.7 * s), 0, 180, c, line=0.5)
    pen.line([(x, y - 1.0 * s), (x - 0.28 * s, y - 0.76 * s)], lighten(c, 0.3), 0.02 * s)
    pen.line([(x, y - 1.0 * s), (x + 0.28 * s, y - 0.76 * s)], lighten(c, 0.3), 0.02 * s)


# --- places and vehicles ---------------------------------------------------------


def house(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    wall, roof = (250, 230, 190), (210, 90, 80)
    pen.rect(
        (x + m * 0.18 * s - 0.06 * s, y - 0.95 * s, x + m * 0.18 * s + 0.06 * s, y - 0.6 * s),
        (160, 100, 90),
    )
    pen.rect((x - 0.42 * s, y - 0.6 * s, x + 0.42 * s, y), wall)
    pen.polygon(
        [(x - 0.52 * s, y - 0.56 * s), (x, y - 1.0 * s), (x + 0.52 * s, y - 0.56 * s)], roof
    )
    pen.rect((x - 0.08 * s, y - 0.34 * s, x + 0.08 * s, y), (140, 90, 70), radius=0.04 * s)
    for dx in (-0.26, 0.26):
        pen.rect(
            (x + dx * s - 0.08 * s, y - 0.46 * s, x + dx * s + 0.08 * s, y - 0.3 * s),
            (160, 210, 240),
        )
    pen.circle(x, y - 0.72 * s, 0.06 * s, (160, 210, 240))


def castle(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    stone, roof = (220, 212, 228), (120, 100, 210)
    for dx in (-0.38, 0.38):
        pen.rect((x + dx * s - 0.1 * s, y - 0.7 * s, x + dx * s + 0.1 * s, y), stone)
        pen.polygon(
            [
                (x + dx * s - 0.14 * s, y - 0.68 * s),
                (x + dx * s, y - 0.98 * s),
                (x + dx * s + 0.14 * s, y - 0.68 * s),
            ],
            roof,
        )
    pen.rect((x - 0.3 * s, y - 0.5 * s, x + 0.3 * s, y), stone)
    for k in range(5):
        cx = x - 0.3 * s + k * 0.13 * s
        pen.rect((cx, y - 0.58 * s, cx + 0.07 * s, y - 0.49 * s), stone)
    pen.chord((x - 0.09 * s, y - 0.3 * s, x + 0.09 * s, y - 0.1 * s), 180, 360, (110, 80, 70))
    pen.rect((x - 0.09 * s, y - 0.2 * s, x + 0.09 * s, y), (110, 80, 70), line=0)
    pen.line([(x + 0.38 * s, y - 0.98 * s), (x + 0.38 * s, y - 1.12 * s)], (100, 80, 80), 0.015 * s)
    pen.polygon(
        [(x + 0.38 * s, y - 1.12 * s), (x + 0.5 * s, y - 1.08 * s), (x + 0.38 * s, y - 1.04 * s)],
        (250, 200, 70),
    )


def boat_hull(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """The boat's hull alone: drawn again over a rider sitting in the boat."""
    pen.polygon(
        [
            (x - 0.55 * s, y - 0.34 * s),
            (x + 0.55 * s, y - 0.34 * s),
            (x + 0.4 * s, y),
            (x - 0.4 * s, y),
        ],
        (210, 96, 80),
    )
    pen.rect((x - 0.55 * s, y - 0.34 * s, x + 0.55 * s, y - 0.26 * s), (250, 248, 240), line=0.5)
    for k in range(3):
        pen.circle(x - 0.3 * s + k * 0.3 * s, y - 0.17 * s, 0.04 * s, (250, 248, 240), line=0.5)


def boat(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    boat_hull(pen, x, y, s, m)
    pen.line([(x, y - 0.34 * s), (x, y - 1.0 * s)], (130, 96, 70), 0.04 * s)
    pen.polygon(
        [
            (x + m * 0.04 * s, y - 0.98 * s),
            (x + m * 0.48 * s, y - 0.42 * s),
            (x + m * 0.04 * s, y - 0.42 * s),
        ],
        (252, 250, 244),
    )
    pen.polygon(
        [
            (x - m * 0.04 * s, y - 0.86 * s),
            (x - m * 0.34 * s, y - 0.42 * s),
            (x - m * 0.04 * s, y - 0.42 * s),
        ],
        (250, 210, 100),
    )
    pen.polygon(
        [(x, y - 1.0 * s), (x + m * 0.14 * s, y - 0.96 * s), (x, y - 0.92 * s)], (90, 160, 230)
    )


def train(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    red, blue, black = (220, 80, 80), (80, 130, 210), (60, 56, 66)
    pen.rect((x - 0.6 * s, y - 0.3 * s, x + 0.6 * s, y - 0.12 * s), black, radius=0.03 * s)
    pen.rect(
        (
            x - m * 0.55 * s if m > 0 else x + 0.05 * s,
            y - 0.8 * s,
            x - m * 0.05 * s if m > 0 else x + 0.55 * s,
            y - 0.28 * s,
        ),
        red,
        radius=0.04 * s,
    )
    pen.rect(
        (
            x - m * 0.6 * s if m > 0 else x - 0.02 * s,
            y - 0.88 * s,
            x - m * 0.0 * s if m > 0 else x + 0.6 * s,
            y - 0.8 * s,
        ),
        darken(red, 0.3),
        radius=0.03 * s,
    )
    win = (x - m * 0.42 * s, x - m * 0.18 * s)
    pen.rect((min(win), y - 0.72 * s, max(win), y - 0.5 * s), (190, 226, 246))
    pen.rect(
        (
            x - 0.02 * s if m > 0 else x - 0.6 * s,
            y - 0.58 * s,
            x + 0.6 * s if m > 0 else x + 0.02 * s,
            y - 0.28 * s,
        ),
        blue,
        radius=0.12 * s,
    )
    fx = x + m * 0.38 * s
    pen.rect((fx - 0.06 * s, y - 0.8 * s, fx + 0.06 * s, y - 0.56 * s), black)
    for k in range(3):
        pen.circle(
            fx + m * k * 0.08 * s,
            y - (0.9 + k * 0.1) * s,
            (0.06 + k * 0.02) * s,
            (240, 240, 248),
            line=0.5,
        )
    for dx in (-0.4, -0.12, 0.16, 0.42):
        pen.circle(x + dx * s, y - 0.12 * s, 0.11 * s, black)
        pen.circle(x + dx * s, y - 0.12 * s, 0.04 * s, (230, 200, 90), line=0)


def car(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    body = (90, 180, 220)
    pen.rect((x - 0.6 * s, y - 0.55 * s, x + 0.6 * s, y - 0.18 * s), body, radius=0.12 * s)
    pen.chord((x - 0.36 * s, y - 0.92 * s, x + 0.3 * s, y - 0.2 * s), 180, 360, body)
    pen.chord(
        (x - 0.28 * s, y - 0.84 * s, x + 0.22 * s, y - 0.3 * s), 180, 360, (200, 232, 248), line=0
    )
    pen.line([(x - 0.03 * s, y - 0.84 * s), (x - 0.03 * s, y - 0.57 * s)], body, 0.04 * s)
    pen.circle(x + m * 0.52 * s, y - 0.42 * s, 0.05 * s, (255, 240, 160), lit=True)
    for dx in (-0.34, 0.34):
        pen.circle(x + dx * s, y - 0.17 * s, 0.17 * s, (60, 56, 66))
        pen.circle(x + dx * s, y - 0.17 * s, 0.07 * s, (210, 210, 220), line=0)


def tent(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    c = (240, 150, 70)
    pen.polygon([(x - 0.7 * s, y), (x, y - 0.9 * s), (x + 0.7 * s, y)], c)
    pen.polygon([(x, y - 0.9 * s), (x + 0.7 * s, y), (x + 0.35 * s, y)], darken(c, 0.12), line=0)
    pen.polygon([(x - 0.2 * s, y), (x, y - 0.6 * s), (x + 0.2 * s, y)], (90, 60, 50))
    pen.line([(x, y - 0.9 * s), (x, y - 1.0 * s)], (110, 90, 80), 0.03 * s)
    pen.polygon([(x, y - 1.0 * s), (x + 0.14 * s, y - 0.97 * s), (x, y - 0.93 * s)], (240, 80, 80))


def snowman(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    snow = (250, 252, 255)
    pen.circle(x, y - 0.22 * s, 0.23 * s, snow)
    pen.circle(x, y - 0.56 * s, 0.17 * s, snow)
    pen.circle(x, y - 0.82 * s, 0.13 * s, snow)
    for side in (-1, 1):
        pen.stroke(
            [(x + side * 0.15 * s, y - 0.58 * s), (x + side * 0.36 * s, y - 0.72 * s)],
            (130, 90, 60),
            0.025 * s,
        )
    pen.rect(
        (x - 0.16 * s, y - 0.72 * s, x + 0.16 * s, y - 0.67 * s), (230, 70, 80), radius=0.02 * s
    )
    pen.rect((x + 0.04 * s, y - 0.7 * s, x + 0.1 * s, y - 0.54 * s), (230, 70, 80), radius=0.02 * s)
    pen.rect((x - 0.12 * s, y - 0.99 * s, x + 0.12 * s, y - 0.93 * s), (50, 50, 60))
    pen.rect((x - 0.08 * s, y - 1.12 * s, x + 0.08 * s, y - 0.95 * s), (50, 50, 60))
    for side in (-1, 1):
        pen.circle(x + side * 0.05 * s, y - 0.85 * s, 0.017 * s, (40, 40, 40), line=0)
    pen.polygon(
        [(x, y - 0.82 * s), (x + m * 0.14 * s, y - 0.8 * s), (x, y - 0.78 * s)], (250, 140, 50)
    )
    for k in range(3):
        pen.circle(x, y - (0.5 + k * 0.07) * s, 0.018 * s, (40, 40, 40), line=0)


def shell(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    c = (250, 200, 190)
    pen.pieslice((x - 0.55 * s, y - 1.0 * s, x + 0.55 * s, y + 0.1 * s), 180, 360, c)
    for k in range(1, 6):
        ang = math.radians(180 + k * 30)
        pen.line(
            [
                (x, y - 0.45 * s),
                (x + math.cos(ang) * 0.5 * s, y - 0.45 * s + math.sin(ang) * 0.5 * s),
            ],
            darken(c, 0.2),
            0.025 * s,
        )
    pen.rect(
        (x - 0.14 * s, y - 0.5 * s, x + 0.14 * s, y - 0.36 * s), darken(c, 0.08), radius=0.04 * s
    )


def fish(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    c = (250, 150, 60)
    cx, cy = x, y - 0.5 * s
    pen.polygon(
        [
            (cx - m * 0.3 * s, cy),
            (cx - m * 0.55 * s, cy - 0.22 * s),
            (cx - m * 0.55 * s, cy + 0.22 * s),
        ],
        darken(c, 0.05),
    )
    pen.ellipse((cx - 0.4 * s, cy - 0.26 * s, cx + 0.4 * s, cy + 0.26 * s), c)
    pen.polygon(
        [
            (cx - m * 0.05 * s, cy - 0.22 * s),
            (cx + m * 0.05 * s, cy - 0.42 * s),
            (cx + m * 0.2 * s, cy - 0.2 * s),
        ],
        darken(c, 0.1),
    )
    pen.arc(
        (cx - 0.05 * s, cy - 0.22 * s, cx + 0.2 * s, cy + 0.22 * s)
        if m > 0
        else (cx - 0.2 * s, cy - 0.22 * s, cx + 0.05 * s, cy + 0.22 * s),
        270 if m > 0 else 90,
        90 if m > 0 else 270,
        (250, 240, 220),
        0.03 * s,
    )
    pen.circle(cx + m * 0.22 * s, cy - 0.06 * s, 0.06 * s, (255, 255, 255), line=0)
    pen.circle(cx + m * 0.23 * s, cy - 0.06 * s, 0.03 * s, (30, 30, 40), line=0)


def fishbowl(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    pen.circle(x, y - 0.45 * s, 0.45 * s, (200, 232, 250), a=200)
    pen.chord((x - 0.45 * s, y - 0.9 * s, x + 0.45 * s, y), 10, 170, (120, 190, 240), a=220, line=0)
    pen.rect(
        (x - 0.3 * s, y - 0.92 * s, x + 0.3 * s, y - 0.84 * s), (220, 240, 250), radius=0.03 * s
    )
    fish(pen, x, y - 0.15 * s, 0.4 * s, m)
    pen.circle(x - m * 0.2 * s, y - 0.7 * s, 0.03 * s, (255, 255, 255), line=0)


def whale(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    c = (90, 130, 200)
    pen.chord((x - 0.7 * s, y - 0.7 * s, x + 0.7 * s, y + 0.5 * s), 180, 360, c)
    pen.polygon(
        [
            (x - m * 0.62 * s, y - 0.08 * s),
            (x - m * 0.86 * s, y - 0.5 * s),
            (x - m * 0.7 * s, y - 0.3 * s),
            (x - m * 0.98 * s, y - 0.36 * s),
        ],
        c,
    )
    pen.circle(x + m * 0.34 * s, y - 0.28 * s, 0.05 * s, (30, 30, 40), line=0)
    pen.arc(
        (x + m * 0.2 * s - 0.14 * s, y - 0.24 * s, x + m * 0.2 * s + 0.14 * s, y - 0.08 * s),
        20,
        160,
        (40, 60, 110),
        0.025 * s,
    )
    for k, (dx, dy) in enumerate(((0.0, 0.85), (-0.12, 0.95), (0.12, 0.95))):
        pen.line(
            [(x + m * 0.1 * s, y - 0.72 * s), (x + m * 0.1 * s + dx * s, y - dy * s)],
            (210, 236, 255),
            0.05 * s - k * 0.005 * s,
        )


def duck(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    c = (250, 214, 70)
    pen.ellipse((x - 0.5 * s, y - 0.5 * s, x + 0.4 * s, y), c)
    pen.polygon(
        [
            (x - m * 0.45 * s, y - 0.3 * s),
            (x - m * 0.62 * s, y - 0.5 * s),
            (x - m * 0.36 * s, y - 0.42 * s),
        ],
        c,
    )
    pen.circle(x + m * 0.22 * s, y - 0.66 * s, 0.22 * s, c)
    pen.ellipse((x - 0.25 * s, y - 0.36 * s, x + 0.12 * s, y - 0.16 * s), darken(c, 0.08), line=0.5)
    pen.polygon(
        [
            (x + m * 0.38 * s, y - 0.66 * s),
            (x + m * 0.6 * s, y - 0.6 * s),
            (x + m * 0.38 * s, y - 0.54 * s),
        ],
        (250, 140, 50),
    )
    pen.circle(x + m * 0.28 * s, y - 0.72 * s, 0.04 * s, (30, 30, 40), line=0)


def turtle(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    skin, shell_c = (140, 200, 110), (110, 160, 80)
    for dx in (-0.32, 0.28):
        pen.ellipse((x + dx * s - 0.1 * s, y - 0.5 * s, x + dx * s + 0.1 * s, y), skin)
    pen.circle(x + m * 0.55 * s, y - 0.36 * s, 0.16 * s, skin)
    pen.chord((x - 0.5 * s, y - 0.9 * s, x + 0.5 * s, y + 0.0 * s), 180, 360, shell_c)
    for dx, dy in ((-0.22, 0.22), (0.0, 0.32), (0.22, 0.22)):
        pen.circle(x + dx * s, y - dy * s, 0.09 * s, lighten(shell_c, 0.25), line=0.6)
    pen.circle(x + m * 0.6 * s, y - 0.4 * s, 0.03 * s, (30, 30, 40), line=0)


# --- animals ---------------------------------------------------------------------


def cat(pen: Pen, x: float, y: float, s: float, m: int, fur: Color = (240, 160, 80)) -> None:
    """A cat; a cast member's cat comes in its own ``fur``."""
    pen.stroke(
        [
            (x - m * 0.2 * s, y - 0.06 * s),
            (x - m * 0.45 * s, y - 0.2 * s),
            (x - m * 0.42 * s, y - 0.5 * s),
        ],
        fur,
        0.07 * s,
    )
    pen.ellipse((x - 0.28 * s, y - 0.6 * s, x + 0.28 * s, y), fur)
    pen.ellipse((x - 0.14 * s, y - 0.42 * s, x + 0.14 * s, y - 0.02 * s), (252, 232, 200), line=0)
    hx, hy = x, y - 0.7 * s
    for side in (-1, 1):
        pen.polygon(
            [
                (hx + side * 0.22 * s, hy - 0.02 * s),
                (hx + side * 0.22 * s, hy - 0.3 * s),
                (hx + side * 0.04 * s, hy - 0.16 * s),
            ],
            fur,
        )
    pen.circle(hx, hy, 0.24 * s, fur)
    for k in range(3):
        pen.line(
            [
                (hx - 0.06 * s + k * 0.06 * s, hy - 0.23 * s),
                (hx - 0.06 * s + k * 0.06 * s, hy - 0.15 * s),
            ],
            darken(fur, 0.2),
            0.02 * s,
        )
    _face(pen, hx, hy, 0.2 * s, smile=False)
    pen.polygon(
        [(hx - 0.025 * s, hy + 0.06 * s), (hx + 0.025 * s, hy + 0.06 * s), (hx, hy + 0.09 * s)],
        (240, 120, 130),
        line=0,
    )
    for side in (-1, 1):
        pen.line(
            [(hx + side * 0.08 * s, hy + 0.09 * s), (hx + side * 0.3 * s, hy + 0.06 * s)],
            (90, 70, 70),
            0.01 * s,
        )


def dog(
    pen: Pen,
    x: float,
    y: float,
    s: float,
    m: int,
    fur: Color = (214, 170, 120),
    collar: Color = (230, 70, 80),
) -> None:
    """A dog; a cast member's dog comes in its own ``fur`` and ``collar``."""
    ear = (150, 100, 70) if fur == (214, 170, 120) else darken(fur, 0.3)
    pen.stroke([(x - m * 0.25 * s, y - 0.2 * s), (x - m * 0.45 * s, y - 0.45 * s)], fur, 0.07 * s)
    pen.ellipse((x - 0.32 * s, y - 0.55 * s, x + 0.32 * s, y), fur)
    for dx in (-0.14, 0.14):
        pen.rect(
            (x + dx * s - 0.07 * s, y - 0.25 * s, x + dx * s + 0.07 * s, y), fur, radius=0.05 * s
        )
    pen.rect((x - 0.18 * s, y - 0.6 * s, x + 0.18 * s, y - 0.53 * s), collar, radius=0.03 * s)
    hx, hy = x + m * 0.04 * s, y - 0.72 * s
    pen.circle(hx, hy, 0.24 * s, fur)
    for side in (-1, 1):
        pen.ellipse(
            (
                hx + side * 0.22 * s - 0.08 * s,
                hy - 0.18 * s,
                hx + side * 0.22 * s + 0.08 * s,
                hy + 0.14 * s,
            ),
            ear,
        )
    pen.ellipse(
        (hx - 0.12 * s, hy + 0.0 * s, hx + 0.12 * s, hy + 0.16 * s), (246, 226, 196), line=0
    )
    _face(pen, hx, hy - 0.04 * s, 0.2 * s, smile=False)
    pen.ellipse(
        (hx - 0.045 * s, hy + 0.02 * s, hx + 0.045 * s, hy + 0.07 * s), (50, 36, 40), line=0
    )
    pen.chord(
        (hx - 0.05 * s, hy + 0.07 * s, hx + 0.05 * s, hy + 0.17 * s),
        0,
        180,
        (240, 110, 130),
        line=0,
    )


def teddy(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    fur, light = (190, 130, 80), (236, 200, 150)
    pen.circle(x - 0.2 * s, y - 0.1 * s, 0.12 * s, fur)
    pen.circle(x + 0.2 * s, y - 0.1 * s, 0.12 * s, fur)
    pen.ellipse((x - 0.28 * s, y - 0.6 * s, x + 0.28 * s, y - 0.04 * s), fur)
    pen.ellipse((x - 0.15 * s, y - 0.45 * s, x + 0.15 * s, y - 0.12 * s), light, line=0)
    for side in (-1, 1):
        pen.circle(x + side * 0.3 * s, y - 0.4 * s, 0.09 * s, fur)
        pen.circle(x + side * 0.18 * s, y - 0.95 * s, 0.09 * s, fur)
        pen.circle(x + side * 0.18 * s, y - 0.95 * s, 0.045 * s, light, line=0)
    pen.circle(x, y - 0.76 * s, 0.22 * s, fur)
    pen.ellipse((x - 0.1 * s, y - 0.74 * s, x + 0.1 * s, y - 0.6 * s), light, line=0)
    pen.circle(x, y - 0.7 * s, 0.03 * s, (50, 36, 40), line=0)
    _face(pen, x, y - 0.8 * s, 0.16 * s, smile=False)
    pen.polygon(
        [
            (x - 0.12 * s, y - 0.56 * s),
            (x, y - 0.5 * s),
            (x + 0.12 * s, y - 0.56 * s),
            (x + 0.12 * s, y - 0.46 * s),
            (x, y - 0.52 * s),
            (x - 0.12 * s, y - 0.46 * s),
        ],
        (230, 80, 100),
    )


def dragon(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    green, belly, wing = (110, 190, 110), (246, 226, 150), (240, 140, 110)
    pen.stroke(
        [
            (x - m * 0.2 * s, y - 0.1 * s),
            (x - m * 0.45 * s, y - 0.05 * s),
            (x - m * 0.55 * s, y - 0.22 * s),
        ],
        green,
        0.09 * s,
    )
    pen.polygon(
        [
            (x - m * 0.55 * s, y - 0.22 * s),
            (x - m * 0.64 * s, y - 0.36 * s),
            (x - m * 0.48 * s, y - 0.3 * s),
        ],
        wing,
    )
    pen.polygon(
        [
            (x - m * 0.05 * s, y - 0.6 * s),
            (x - m * 0.5 * s, y - 0.95 * s),
            (x - m * 0.42 * s, y - 0.7 * s),
            (x - m * 0.56 * s, y - 0.62 * s),
            (x - m * 0.3 * s, y - 0.45 * s),
        ],
        wing,
    )
    pen.ellipse((x - 0.3 * s, y - 0.68 * s, x + 0.3 * s, y), green)
    pen.ellipse(
        (x - 0.16 * s + m * 0.06 * s, y - 0.52 * s, x + 0.16 * s + m * 0.06 * s, y - 0.04 * s),
        belly,
        line=0,
    )
    for dx in (-0.15, 0.15):
        pen.ellipse((x + dx * s - 0.1 * s, y - 0.1 * s, x + dx * s + 0.1 * s, y + 0.01 * s), green)
    hx, hy = x + m * 0.12 * s, y - 0.8 * s
    for k in range(3):
        pen.polygon(
            [
                (hx - m * (0.1 + k * 0.1) * s, hy - 0.18 * s + k * 0.12 * s),
                (hx - m * (0.2 + k * 0.1) * s, hy - 0.3 * s + k * 0.12 * s),
                (hx - m * (0.22 + k * 0.1) * s, hy - 0.12 * s + k * 0.12 * s),
            ],
            wing,
        )
    pen.ellipse((hx - 0.2 * s, hy - 0.2 * s, hx + 0.2 * s, hy + 0.18 * s), green)
    pen.ellipse(
        (
            hx + m * 0.06 * s - 0.15 * s,
            hy,
            hx + m * 0.06 * s + 0.15 * s + m * 0.05 * s,
            hy + 0.18 * s,
        ),
        lighten(green, 0.1),
    )
    for side in (-1, 1):
        pen.polygon(
            [
                (hx + side * 0.1 * s, hy - 0.16 * s),
                (hx + side * 0.14 * s, hy - 0.3 * s),
                (hx + side * 0.02 * s, hy - 0.18 * s),
            ],
            belly,
        )
    _face(pen, hx, hy - 0.04 * s, 0.16 * s, smile=False)
    pen.arc(
        (hx - 0.06 * s + m * 0.06 * s, hy + 0.04 * s, hx + 0.1 * s + m * 0.06 * s, hy + 0.14 * s),
        20,
        160,
        (40, 80, 40),
        0.02 * s,
    )


def _equine(
    pen: Pen,
    x: float,
    y: float,
    s: float,
    m: int,
    body: Color,
    mane: Color,
    hooves: Color,
    tail: tuple[float, float],
    muzzle: Color,
) -> tuple[float, float]:
    """A horse's legs, tail, body, neck and head (a unicorn is one too); its head's centre."""
    for dx in (-0.28, -0.14, 0.14, 0.28):
        pen.rect(
            (x + dx * s - 0.05 * s, y - 0.38 * s, x + dx * s + 0.05 * s, y), body, radius=0.03 * s
        )
        pen.rect((x + dx * s - 0.05 * s, y - 0.05 * s, x + dx * s + 0.05 * s, y), hooves, line=0)
    top, bottom = tail
    pen.stroke(
        [
            (x - m * top * 0.65 * s, y - top * s),
            (x - m * 0.5 * s, y - 0.36 * s),
            (x - m * 0.46 * s, y - bottom * s),
        ],
        mane,
        0.08 * s,
    )
    pen.ellipse((x - 0.4 * s, y - 0.66 * s, x + 0.4 * s, y - 0.3 * s), body)
    neck = [
        (x + m * 0.18 * s, y - 0.6 * s),
        (x + m * 0.3 * s, y - 0.9 * s),
        (x + m * 0.44 * s, y - 0.86 * s),
        (x + m * 0.36 * s, y - 0.5 * s),
    ]
    pen.polygon(neck, body)
    hx, hy = x + m * 0.42 * s, y - 0.86 * s
    pen.ellipse((hx - 0.13 * s, hy - 0.1 * s, hx + 0.13 * s, hy + 0.1 * s), body)
    pen.ellipse(
        (hx + m * 0.08 * s - 0.08 * s, hy - 0.04 * s, hx + m * 0.08 * s + 0.09 * s, hy + 0.1 * s),
        muzzle,
    )
    return hx, hy


def unicorn(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    body, mane = (250, 246, 252), (200, 140, 230)
    hx, hy = _equine(pen, x, y, s, m, body, mane, (220, 180, 240), (0.52, 0.18), body)
    pen.polygon(
        [
            (hx - 0.04 * s, hy - 0.08 * s),
            (hx + m * 0.06 * s, hy - 0.34 * s),
            (hx + 0.05 * s, hy - 0.07 * s),
        ],
        (250, 210, 90),
        lit=True,
    )
    for k in range(4):
        pen.circle(
            x + m * (0.26 - k * 0.03) * s,
            y - (0.96 - k * 0.12) * s,
            0.07 * s,
            [mane, (140, 200, 240), (250, 180, 200), mane][k],
        )
    pen.circle(hx + m * 0.03 * s, hy - 0.02 * s, 0.025 * s, (40, 30, 50), line=0)


def sandcastle(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    sand = (236, 200, 140)
    for dx in (-0.35, 0.35):
        pen.rect((x + dx * s - 0.12 * s, y - 0.6 * s, x + dx * s + 0.12 * s, y), sand)
    pen.rect((x - 0.3 * s, y - 0.45 * s, x + 0.3 * s, y), sand)
    pen.rect((x - 0.14 * s, y - 0.85 * s, x + 0.14 * s, y - 0.4 * s), sand)
    pen.line([(x, y - 0.85 * s), (x, y - 1.0 * s)], (120, 90, 70), 0.02 * s)
    pen.polygon([(x, y - 1.0 * s), (x + 0.14 * s, y - 0.96 * s), (x, y - 0.92 * s)], (240, 80, 80))
    pen.chord(
        (x - 0.08 * s, y - 0.24 * s, x + 0.08 * s, y - 0.08 * s), 180, 360, darken(sand, 0.25)
    )
    pen.rect((x - 0.08 * s, y - 0.16 * s, x + 0.08 * s, y), darken(sand, 0.25), line=0)


def rainbow(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    colours = (
        (236, 90, 90),
        (246, 160, 70),
        (250, 220, 90),
        (110, 196, 110),
        (90, 160, 230),
        (160, 110, 210),
    )
    band = s * 0.09
    for k, c in enumerate(colours):
        r = s - k * band
        pen.arc((x - r, y - r, x + r, y + r), 180, 360, c, band * 1.15, a=220)
    for side in (-1, 1):
        cx = x + side * (s - band * 2.5)
        for dx, r in ((-0.1, 0.1), (0.05, 0.13), (0.18, 0.09)):
            pen.circle(cx + dx * s, y - r * s * 0.5, r * s, (255, 255, 255), line=0.6)


# --- things added with the things vocabulary (storyillus/data/things.toml) -----------


def egg(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    shell_c = (250, 240, 214)
    pen.ellipse((x - 0.36 * s, y - 1.0 * s, x + 0.36 * s, y), shell_c)
    for dx, dy, r in ((-0.12, 0.7, 0.07), (0.14, 0.5, 0.09), (-0.1, 0.28, 0.06), (0.1, 0.82, 0.05)):
        pen.circle(x + dx * s, y - dy * s, r * s, (140, 196, 150), line=0)
    pen.ellipse(
        (x - 0.22 * s, y - 0.88 * s, x - 0.1 * s, y - 0.66 * s), lighten(shell_c, 0.7), line=0
    )


def dinosaur(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    green, belly, plate = (120, 184, 120), (226, 236, 170), (240, 150, 90)
    pen.polygon(
        [
            (x - m * 0.2 * s, y - 0.5 * s),
            (x - m * 0.72 * s, y - 0.1 * s),
            (x - m * 0.16 * s, y - 0.22 * s),
        ],
        green,
    )
    for k in range(4):
        px = x - m * (0.22 - k * 0.14) * s
        pen.polygon(
            [(px - 0.07 * s, y - 0.62 * s), (px, y - 0.8 * s), (px + 0.07 * s, y - 0.62 * s)],
            plate,
        )
    for dx in (-0.16, 0.14):
        pen.rect(
            (x + dx * s - 0.07 * s, y - 0.3 * s, x + dx * s + 0.07 * s, y), green, radius=0.04 * s
        )
    pen.ellipse((x - 0.34 * s, y - 0.7 * s, x + 0.34 * s, y - 0.16 * s), green)
    pen.ellipse(
        (x - 0.18 * s + m * 0.08 * s, y - 0.5 * s, x + 0.18 * s + m * 0.08 * s, y - 0.2 * s),
        belly,
        line=0,
    )
    neck = [
        (x + m * 0.16 * s, y - 0.6 * s),
        (x + m * 0.3 * s, y - 0.86 * s),
        (x + m * 0.44 * s, y - 0.8 * s),
        (x + m * 0.32 * s, y - 0.5 * s),
    ]
    pen.polygon(neck, green)
    hx, hy = x + m * 0.4 * s, y - 0.88 * s
    pen.ellipse((hx - 0.16 * s, hy - 0.12 * s, hx + 0.16 * s, hy + 0.1 * s), green)
    pen.circle(hx + m * 0.04 * s, hy - 0.03 * s, 0.03 * s, (40, 40, 40), line=0)
    pen.arc(
        (hx - 0.02 * s, hy - 0.02 * s, hx + 0.14 * s, hy + 0.07 * s)
        if m > 0
        else (hx - 0.14 * s, hy - 0.02 * s, hx + 0.02 * s, hy + 0.07 * s),
        20,
        160,
        (50, 90, 50),
        0.02 * s,
    )


def mooncake(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    crust, top = (214, 150, 80), (236, 180, 100)
    pen.ellipse((x - 0.5 * s, y - 0.4 * s, x + 0.5 * s, y), darken(crust, 0.1))
    pen.rect((x - 0.5 * s, y - 0.7 * s, x + 0.5 * s, y - 0.2 * s), crust, line=0)
    pen.ellipse((x - 0.5 * s, y - 0.96 * s, x + 0.5 * s, y - 0.5 * s), top)
    for k in range(8):
        ang = k * math.tau / 8
        pen.circle(
            x + math.cos(ang) * 0.36 * s,
            y - 0.73 * s + math.sin(ang) * 0.16 * s,
            0.06 * s,
            lighten(top, 0.2),
            line=0.5,
        )
    pen.ellipse((x - 0.2 * s, y - 0.82 * s, x + 0.2 * s, y - 0.64 * s), darken(top, 0.15), line=0)
    pen.ellipse((x - 0.12 * s, y - 0.78 * s, x + 0.12 * s, y - 0.68 * s), lighten(top, 0.3), line=0)


def seed(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A sprouting seed: what a story's seed looks like at picture-book size."""
    pen.stroke([(x, y - 0.3 * s), (x + m * 0.02 * s, y - 0.7 * s)], (90, 170, 80), 0.06 * s)
    for side in (-1, 1):
        pen.ellipse(
            (
                x + side * 0.02 * s - (0.3 * s if side < 0 else 0),
                y - 0.95 * s,
                x + side * 0.02 * s + (0.3 * s if side > 0 else 0),
                y - 0.68 * s,
            ),
            (120, 200, 100),
        )
    pen.ellipse((x - 0.32 * s, y - 0.42 * s, x + 0.32 * s, y), (160, 110, 70))
    pen.arc(
        (x - 0.2 * s, y - 0.34 * s, x + 0.1 * s, y - 0.06 * s), 200, 290, (210, 170, 120), 0.04 * s
    )


def beanstalk(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    stalk, leaf = (80, 160, 70), (110, 196, 90)
    pts = [(x + math.sin(i * 0.9) * 0.12 * s, y - i * s / 10) for i in range(11)]
    pen.stroke(pts, stalk, 0.09 * s)
    pen.stroke([(px + 0.05 * s, py) for px, py in pts[:-1]], lighten(stalk, 0.2), 0.03 * s)
    for i in range(2, 11, 2):
        px, py = pts[i]
        side = 1 if i % 4 == 0 else -1
        pen.ellipse(
            (
                px + (0.02 if side > 0 else -0.26) * s,
                py - 0.07 * s,
                px + (0.26 if side > 0 else -0.02) * s,
                py + 0.05 * s,
            ),
            leaf,
        )
    pen.circle(pts[-1][0], pts[-1][1], 0.05 * s, leaf)


def wheelchair(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    frame, tyre, seat_c = (120, 130, 150), (60, 60, 70), (80, 120, 200)
    r = 0.4 * s
    wx, wy = x - m * 0.08 * s, y - r
    pen.line([(x - m * 0.3 * s, y - 1.0 * s), (x - m * 0.3 * s, y - 0.5 * s)], frame, 0.05 * s)
    pen.rect(
        (x - m * 0.32 * s - 0.04 * s, y - 0.95 * s, x - m * 0.32 * s + 0.04 * s, y - 0.5 * s),
        seat_c,
    )
    pen.rect((x - 0.32 * s, y - 0.56 * s, x + 0.32 * s, y - 0.46 * s), seat_c, radius=0.03 * s)
    pen.line([(x + m * 0.3 * s, y - 0.5 * s), (x + m * 0.4 * s, y - 0.12 * s)], frame, 0.04 * s)
    pen.circle(x + m * 0.4 * s, y - 0.08 * s, 0.08 * s, tyre)
    pen.circle(wx, wy, r, tyre)
    pen.circle(wx, wy, r * 0.84, (226, 230, 238), line=0)
    pen.circle(wx, wy, r * 0.72, frame, line=0.5)
    pen.circle(wx, wy, r * 0.64, (226, 230, 238), line=0)
    for k in range(4):
        ang = k * math.pi / 4
        pen.line(
            [
                (wx - math.cos(ang) * r * 0.64, wy - math.sin(ang) * r * 0.64),
                (wx + math.cos(ang) * r * 0.64, wy + math.sin(ang) * r * 0.64),
            ],
            frame,
            0.015 * s,
        )
    pen.circle(wx, wy, r * 0.1, frame)


def bed(pen: Pen, x: float, y: float, s: float, m: int, blanket: bool = True) -> None:
    """A bed seen from the side, the pillow at side ``-m``; a sleeper's bed has no blanket
    yet (``storyillus.illustration._offline_hero.draw_sleeper`` tucks the sleeper in)."""
    wood, sheet, quilt = (170, 116, 80), (246, 244, 250), (150, 178, 232)
    for dx in (-1.08, 1.0):
        pen.rect((x + dx * s, y - 0.3 * s, x + (dx + 0.08) * s, y), darken(wood, 0.15))
    head = x - m * 1.14 * s
    pen.rect(
        (min(head, head + m * 0.12 * s), y - 1.0 * s, max(head, head + m * 0.12 * s), y - 0.2 * s),
        wood,
        radius=0.05 * s,
    )
    foot = x + m * 1.1 * s
    pen.rect(
        (min(foot, foot - m * 0.1 * s), y - 0.7 * s, max(foot, foot - m * 0.1 * s), y - 0.2 * s),
        wood,
        radius=0.04 * s,
    )
    pen.rect((x - 1.04 * s, y - 0.32 * s, x + 1.04 * s, y - 0.2 * s), wood)
    pen.rect((x - 1.02 * s, y - 0.56 * s, x + 1.02 * s, y - 0.3 * s), sheet, radius=0.05 * s)
    px = x - m * 0.7 * s
    pen.ellipse((px - 0.24 * s, y - 0.76 * s, px + 0.2 * s, y - 0.52 * s), (255, 252, 246))
    if blanket:
        x0, x1 = (x - 0.58 * s, x + 1.02 * s) if m > 0 else (x - 1.02 * s, x + 0.58 * s)
        pen.rect((x0, y - 0.6 * s, x1, y - 0.3 * s), quilt, radius=0.04 * s)
        for i in range(1, 4):
            bx = x0 + (x1 - x0) * i / 4
            pen.line([(bx, y - 0.58 * s), (bx, y - 0.32 * s)], darken(quilt, 0.15), 0.02 * s)


def monster(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A friendly monster: round, furry, one horn each side and a big smile."""
    fur, horn = (150, 110, 210), (250, 236, 200)
    for side in (-1, 1):
        pen.ellipse(
            (x + side * 0.2 * s - 0.12 * s, y - 0.14 * s, x + side * 0.2 * s + 0.12 * s, y), fur
        )
        pen.polygon(
            [
                (x + side * 0.2 * s, y - 0.82 * s),
                (x + side * 0.36 * s, y - 1.0 * s),
                (x + side * 0.3 * s, y - 0.74 * s),
            ],
            horn,
        )
        pen.stroke(
            [(x + side * 0.36 * s, y - 0.5 * s), (x + side * 0.5 * s, y - 0.34 * s)], fur, 0.1 * s
        )
    pen.ellipse((x - 0.4 * s, y - 0.9 * s, x + 0.4 * s, y - 0.08 * s), fur)
    pen.ellipse((x - 0.24 * s, y - 0.5 * s, x + 0.24 * s, y - 0.14 * s), lighten(fur, 0.35), line=0)
    pen.circle(x, y - 0.66 * s, 0.13 * s, (255, 255, 255))
    pen.circle(x + m * 0.03 * s, y - 0.66 * s, 0.06 * s, (40, 30, 50), line=0)
    pen.circle(x + m * 0.05 * s, y - 0.69 * s, 0.02 * s, (255, 255, 255), line=0)
    pen.chord((x - 0.16 * s, y - 0.56 * s, x + 0.16 * s, y - 0.36 * s), 0, 180, (120, 50, 80))
    for side in (-1, 1):
        pen.polygon(
            [
                (x + side * 0.09 * s, y - 0.47 * s),
                (x + side * 0.05 * s, y - 0.47 * s),
                (x + side * 0.07 * s, y - 0.42 * s),
            ],
            (255, 255, 255),
            line=0,
        )


def horse(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    body, mane = (186, 128, 84), (110, 72, 50)
    hx, hy = _equine(pen, x, y, s, m, body, mane, mane, (0.56, 0.16), lighten(body, 0.15))
    pen.polygon(
        [
            (hx - 0.05 * s, hy - 0.08 * s),
            (hx - m * 0.02 * s, hy - 0.2 * s),
            (hx + 0.03 * s, hy - 0.08 * s),
        ],
        body,
    )
    for k in range(4):
        pen.circle(x + m * (0.27 - k * 0.03) * s, y - (0.94 - k * 0.12) * s, 0.06 * s, mane)
    pen.circle(hx + m * 0.03 * s, hy - 0.02 * s, 0.025 * s, (40, 30, 50), line=0)


def zebra(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A horse in black and white stripes."""
    white, black = (248, 248, 246), (44, 40, 48)
    hx, hy = _equine(pen, x, y, s, m, white, black, black, (0.56, 0.16), (90, 84, 92))
    for k in range(5):
        sx = x + (-0.28 + k * 0.13) * s
        pen.polygon(
            [(sx - 0.03 * s, y - 0.66 * s), (sx + 0.03 * s, y - 0.66 * s), (sx, y - 0.36 * s)],
            black,
            line=0,
        )
    # stripes across the neck (between its back and front edges, as _equine draws it) and a
    # short black mane along its back edge
    for k in range(1, 4):
        f = k / 4
        back = (x + m * (0.18 + 0.12 * f) * s, y - (0.6 + 0.3 * f) * s)
        front = (x + m * (0.36 + 0.08 * f) * s, y - (0.5 + 0.36 * f) * s)
        pen.line([back, front], black, 0.035 * s)
    for k in range(4):
        f = 0.25 + k * 0.25
        pen.circle(x + m * (0.16 + 0.12 * f) * s, y - (0.62 + 0.3 * f) * s, 0.035 * s, black)
    pen.circle(hx + m * 0.03 * s, hy - 0.02 * s, 0.025 * s, (40, 30, 50), line=0)


def cactus(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    green = (96, 170, 100)
    for side, (h0, h1) in ((-1, (0.42, 0.72)), (1, (0.52, 0.86))):
        ax = x + side * 0.26 * s
        pen.rect(
            (ax - 0.07 * s, y - h1 * s, ax + 0.07 * s, y - h0 * s + 0.07 * s),
            green,
            radius=0.07 * s,
        )
        pen.rect(
            (min(x, ax), y - h0 * s - 0.06 * s, max(x, ax), y - h0 * s + 0.06 * s), green, line=0
        )
    pen.rect((x - 0.13 * s, y - 1.0 * s, x + 0.13 * s, y), green, radius=0.13 * s)
    for k in range(3):
        pen.line(
            [
                (x - 0.06 * s + k * 0.06 * s, y - 0.92 * s),
                (x - 0.06 * s + k * 0.06 * s, y - 0.08 * s),
            ],
            darken(green, 0.15),
            0.015 * s,
        )
    pen.circle(x, y - 1.0 * s, 0.06 * s, (240, 110, 150))


def pumpkin(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    orange = (240, 140, 50)
    pen.rect(
        (x - 0.05 * s, y - 1.0 * s, x + 0.05 * s, y - 0.74 * s), (110, 140, 70), radius=0.02 * s
    )
    for dx, w in ((-0.26, 0.3), (0.26, 0.3), (0.0, 0.34)):
        pen.ellipse(
            (x + dx * s - w * s, y - 0.8 * s, x + dx * s + w * s, y),
            orange if dx else lighten(orange, 0.1),
        )
    pen.ellipse(
        (x - 0.5 * s, y - 0.66 * s, x - 0.36 * s, y - 0.2 * s), lighten(orange, 0.35), line=0
    )


def sled(pen: Pen, x: float, y: float, s: float, m: int, wood: Color = (200, 80, 70)) -> None:
    runner = (140, 140, 160)
    pen.stroke(
        [(x - 0.6 * s, y - 0.1 * s), (x + 0.5 * s, y - 0.1 * s), (x + m * 0.66 * s, y - 0.4 * s)]
        if m > 0
        else [(x + 0.6 * s, y - 0.1 * s), (x - 0.5 * s, y - 0.1 * s), (x - 0.66 * s, y - 0.4 * s)],
        runner,
        0.07 * s,
    )
    for dx in (-0.35, 0.25):
        pen.line([(x + dx * s, y - 0.12 * s), (x + dx * s, y - 0.45 * s)], runner, 0.06 * s)
    pen.rect((x - 0.6 * s, y - 0.62 * s, x + 0.5 * s, y - 0.42 * s), wood, radius=0.05 * s)
    for k in range(4):
        pen.line(
            [(x - 0.5 * s + k * 0.28 * s, y - 0.6 * s), (x - 0.5 * s + k * 0.28 * s, y - 0.44 * s)],
            darken(wood, 0.2),
            0.02 * s,
        )


def basket(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    wicker, cloth = (206, 156, 96), (236, 96, 96)
    pen.arc(
        (x - 0.38 * s, y - 1.0 * s, x + 0.38 * s, y - 0.2 * s),
        180,
        360,
        darken(wicker, 0.15),
        0.06 * s,
    )
    pen.polygon(
        [(x - 0.22 * s, y - 0.6 * s), (x + 0.25 * s, y - 0.72 * s), (x + 0.3 * s, y - 0.55 * s)],
        cloth,
    )
    pen.polygon(
        [
            (x - 0.5 * s, y - 0.6 * s),
            (x + 0.5 * s, y - 0.6 * s),
            (x + 0.38 * s, y),
            (x - 0.38 * s, y),
        ],
        wicker,
    )
    for k in range(1, 4):
        yy = y - 0.6 * s + k * 0.15 * s
        pen.line(
            [(x - 0.48 * s + k * 0.03 * s, yy), (x + 0.48 * s - k * 0.03 * s, yy)],
            darken(wicker, 0.2),
            0.02 * s,
        )
    for k in range(-3, 4):
        pen.line(
            [(x + k * 0.13 * s, y - 0.6 * s), (x + k * 0.1 * s, y)], darken(wicker, 0.12), 0.015 * s
        )


def cookie(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    dough = (222, 170, 104)
    pen.circle(x, y - 0.5 * s, 0.5 * s, dough)
    pen.circle(x - 0.06 * s, y - 0.54 * s, 0.38 * s, lighten(dough, 0.12), line=0)
    for dx, dy in ((-0.2, 0.66), (0.15, 0.7), (0.22, 0.4), (-0.12, 0.32), (0.02, 0.52)):
        pen.circle(x + dx * s, y - dy * s, 0.06 * s, (100, 62, 46), line=0)


def drum(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    red, skin_c, rim = (220, 70, 70), (248, 240, 222), (250, 200, 70)
    pen.rect((x - 0.45 * s, y - 0.62 * s, x + 0.45 * s, y - 0.1 * s), red, line=0)
    pen.ellipse((x - 0.45 * s, y - 0.22 * s, x + 0.45 * s, y), red)
    for k in range(5):
        dx = -0.4 + k * 0.2
        pen.line([(x + dx * s, y - 0.6 * s), (x + (dx + 0.1) * s, y - 0.12 * s)], rim, 0.025 * s)
    pen.ellipse((x - 0.45 * s, y - 0.74 * s, x + 0.45 * s, y - 0.5 * s), skin_c)
    for side in (-1, 1):
        pen.stroke(
            [(x + side * 0.1 * s, y - 0.66 * s), (x + side * 0.38 * s, y - 1.0 * s)],
            (170, 116, 80),
            0.04 * s,
        )
        pen.circle(x + side * 0.38 * s, y - 1.0 * s, 0.05 * s, (250, 246, 236))


def nest(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    twig = (150, 104, 66)
    for dx in (-0.2, 0.0, 0.2):
        pen.ellipse(
            (x + dx * s - 0.14 * s, y - 0.84 * s, x + dx * s + 0.14 * s, y - 0.44 * s),
            (160, 206, 236),
        )
    pen.chord((x - 0.5 * s, y - 0.8 * s, x + 0.5 * s, y), 0, 180, twig)
    for k in range(5):
        yy = y - 0.38 * s + k * 0.07 * s
        pen.arc(
            (x - 0.46 * s, yy - 0.1 * s, x + 0.46 * s, yy + 0.1 * s),
            10,
            170,
            darken(twig, 0.25),
            0.02 * s,
        )


DRAWINGS: dict[str, DrawFn] = {
    fn.__name__.removesuffix("_"): fn
    for fn in (
        rocket,
        star,
        moon,
        planet,
        telescope,
        robot,
        flower,
        tree,
        mushroom,
        butterfly,
        bird,
        owl,
        rabbit,
        frog,
        apple,
        bicycle,
        kite,
        balloon,
        ball,
        book,
        map_,
        key,
        chest,
        lantern,
        cake,
        gift,
        crown,
        umbrella,
        house,
        castle,
        boat,
        train,
        car,
        tent,
        snowman,
        shell,
        fish,
        fishbowl,
        whale,
        duck,
        turtle,
        cat,
        dog,
        teddy,
        dragon,
        unicorn,
        sandcastle,
        rainbow,
        egg,
        dinosaur,
        mooncake,
        seed,
        beanstalk,
        wheelchair,
        bed,
        monster,
        horse,
        cactus,
        pumpkin,
        sled,
        basket,
        cookie,
        drum,
        nest,
        animals.elephant,
        animals.giraffe,
        animals.lion,
        animals.monkey,
        animals.penguin,
        animals.cow,
        animals.sheep,
        animals.pig,
        animals.bear,
        animals.fox,
        animals.squirrel,
        animals.bee,
        animals.crab,
        animals.octopus,
        animals.tiger,
        zebra,
        gear.airplane,
        gear.fire_engine,
        gear.bus,
        gear.tractor,
        gear.hat,
        gear.bucket,
        gear.bag,
    )
}
"""Every drawing by its name; ``storyillus/data/things.toml`` says which thing each draws."""


class _ThingsView(Mapping[str, Thing]):
    """The drawable things by name, read from the things vocabulary when first asked."""

    def __getitem__(self, name: str) -> Thing:
        return things()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(things().names)

    def __len__(self) -> int:
        return len(things())


PROPS: Mapping[str, Thing] = _ThingsView()
FISHBOWL = Thing("fish", (), "ground", 0.24, 1.0, "fishbowl", fishbowl)
"""A fish on a page without water swims in a bowl."""


def words(text: str) -> list[str]:
    return _wordmatch.words(text)


def lookup(word: str) -> str | None:
    """The thing a word or phrase names, with simple plurals ("stars", "butterflies")."""
    thing = things().lookup(word)
    return thing.name if thing else None


def find_props(scene: str, page_text: str, limit: int = 4) -> list[str]:
    """Things named in the scene (first) and the page text, in order, without repeats.

    Multi-word things are found first ("a treasure map" is a map, not a chest and a map).
    """
    found: list[str] = []
    for source in (scene, page_text):
        for thing in things().present(source):
            if thing.name not in found:
                found.append(thing.name)
                if len(found) >= limit:
                    return found
        if len(found) >= 3:
            break
    return found
