"""Backgrounds for the offline illustrator: one painter per setting, with time of day.

Each painter draws sky, land and the setting's features onto the page and records on
the :class:`Stage` where things may stand (the floor), fly (the sky) or swim (water).
Big features go on the side of the page away from the hero (``stage.away``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from PIL import Image

from storyillus.illustration._offline_paint import (
    WHITE,
    Color,
    Pen,
    Point,
    darken,
    gradient,
    lighten,
    mix,
    sharp,
    star_points,
    wave_line,
)

TIMES = ("morning", "day", "sunset", "night")

SKIES: dict[str, list[tuple[float, Color]]] = {
    "morning": [(0.0, (112, 180, 236)), (0.55, (220, 218, 238)), (1.0, (255, 210, 176))],
    "day": [(0.0, (78, 156, 228)), (0.7, (160, 210, 244)), (1.0, (214, 238, 250))],
    "sunset": [
        (0.0, (68, 70, 148)),
        (0.4, (214, 118, 140)),
        (0.75, (250, 164, 104)),
        (1.0, (255, 208, 132)),
    ],
    "night": [(0.0, (14, 20, 58)), (0.65, (36, 50, 112)), (1.0, (72, 80, 142))],
}

TINTS: dict[str, Color] = {
    "morning": (255, 238, 226),
    "day": WHITE,
    "sunset": (255, 204, 182),
    "night": (104, 118, 184),
}


@dataclass
class Stage:
    """The page being painted and what the painter learnt about it."""

    img: Image.Image
    pen: Pen
    time: str
    rng: random.Random
    """Layout randomness for this page."""
    look: random.Random
    """Randomness stable for the whole book (colours of the house, the castle...)."""
    hero_x: float
    feet_y: float
    horizon: float
    away: int
    """+1 when the free side of the page is the right, -1 the left."""
    floor_top: float = 0.0
    sky_bottom: float = 0.0
    water: tuple[float, float] | None = None
    indoor: bool = False
    shadow: Color = (60, 70, 60)
    """Colour of soft shadows on the ground."""
    keep_clear: list[tuple[float, float, float, float]] = field(default_factory=list)
    skip_moon: bool = False
    """A moon prop will be drawn, so the sky should not have its own."""
    palette: dict[str, Color] = field(default_factory=dict)
    """The place's colours (``storyillus/data/places.toml``): sky, ground, wall, floor..."""
    own_time: bool = True
    """The page is at the place's own time of day, the time its palette was chosen for."""
    skip_lights: bool = False
    """A landmark draws the sky's light itself (the earth above the moon), so no sun or moon."""
    spots: list[float] = field(default_factory=list)
    """Room painters: x centres along the back wall still free for furniture, best first."""

    def pal(self, name: str, default: Color) -> Color:
        """The place's colour called ``name``, or ``default`` when its palette has none."""
        return self.palette.get(name, default)

    @property
    def w(self) -> float:
        return self.img.size[0]

    @property
    def h(self) -> float:
        return self.img.size[1]

    @property
    def u(self) -> float:
        return self.pen.u

    def away_x(self, frac: float) -> float:
        """An x that lies ``frac`` of the way from the hero to the far edge on the free side."""
        edge = self.w if self.away > 0 else 0.0
        return self.hero_x + (edge - self.hero_x) * frac


# ---------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------


def place_sky(st: Stage) -> list[tuple[float, Color]]:
    """The time of day's sky coloured by the place's own sky colour.

    At the place's own time the palette's sky fills the middle of the gradient; at other
    times it only tints the time's sky, so a savanna at night is still night.
    """
    stops = SKIES[st.time]
    if "sky" not in st.palette:
        return stops
    own = st.palette["sky"]
    amount = 0.8 if st.own_time else 0.3
    last = len(stops) - 1
    shades = [darken(own, 0.18), own, lighten(own, 0.3)]
    return [
        (pos, mix(colour, shades[min(2, round(2 * i / max(1, last)))], amount))
        for i, (pos, colour) in enumerate(stops)
    ]


def sky(st: Stage, stops: list[tuple[float, Color]] | None = None, bottom: float | None = None):
    height = round(bottom if bottom is not None else st.horizon + 12 * st.u)
    grad = gradient((round(st.w), max(1, height)), stops or place_sky(st))
    st.img.paste(grad, (0, 0))


def scatter_stars(st: Stage, count: int, y_max: float, big: int = 5) -> None:
    pen, rng, u = st.pen, st.rng, st.u
    area = st.w * y_max / (st.u * st.u * 10000)
    for _ in range(round(count * max(0.4, area))):
        x, y = rng.uniform(0, st.w), rng.uniform(0, y_max)
        r = rng.uniform(0.12, 0.32) * u
        pen.circle(x, y, r, (255, 250, 220), a=rng.randint(150, 255), line=0, lit=True)
    for _ in range(big):
        x, y = rng.uniform(0.03, 0.97) * st.w, rng.uniform(0.04, 0.8) * y_max
        r = rng.uniform(0.9, 1.6) * u
        pen.glow(x, y, r * 2.4, (255, 240, 190), 50)
        pen.polygon(star_points(x, y, r, r * 0.28, 4, -90), (255, 246, 210), line=0, lit=True)


def sun(st: Stage, x: float, y: float, r: float) -> None:
    pen = st.pen
    st.keep_clear.append((x - r * 1.6, y - r * 1.6, x + r * 1.6, y + r * 1.6))
    if st.time == "sunset":
        pen.glow(x, y, r * 3.2, (255, 190, 120), 90)
        pen.circle(x, y, r, (255, 150, 80), line=0, lit=True)
        pen.circle(x, y - r * 0.1, r * 0.82, (255, 178, 96), line=0, lit=True)
        return
    core = (255, 226, 110) if st.time == "day" else (255, 214, 140)
    pen.glow(x, y, r * 3.0, (255, 240, 180), 70)
    pen.circle(x, y, r * 1.18, (255, 240, 170), a=120, line=0, lit=True)
    pen.circle(x, y, r, core, line=0, lit=True)


def moon(st: Stage, x: float, y: float, r: float) -> None:
    pen = st.pen
    st.keep_clear.append((x - r * 1.5, y - r * 1.5, x + r * 1.5, y + r * 1.5))
    pen.glow(x, y, r * 3.2, (200, 210, 255), 60)
    pts: list[Point] = []
    shift = r * 0.55
    for i in range(41):
        ang = math.radians(-120 + 240 * i / 40)
        pts.append((x + r * math.cos(ang), y + r * math.sin(ang)))
    inner_r = r * 1.02
    for i in range(41):
        ang = math.radians(105 - 210 * i / 40)
        px, py = x - shift + inner_r * math.cos(ang), y + inner_r * math.sin(ang)
        if (px - x) ** 2 + (py - y) ** 2 <= r * r * 1.001:
            pts.append((px, py))
    pen.polygon(pts, (255, 244, 200), line=0.6, lit=True)


def sky_lights(st: Stage, x: float, y: float, r: float) -> None:
    """The sun, or the moon and stars, as the time of day asks."""
    if st.skip_lights:
        if st.time == "night":
            scatter_stars(st, 70, st.horizon - 4 * st.u)
        return
    if st.time == "night":
        scatter_stars(st, 70, st.horizon - 4 * st.u)
        if not st.skip_moon:
            moon(st, x, y, r * 0.9)
    elif st.time == "sunset":
        sun(st, x, st.horizon - 2 * st.u, r * 1.5)
    elif st.time == "morning":
        sun(st, x, st.horizon - r * 2.4, r * 1.1)
    else:
        sun(st, x, y, r)


def cloud(st: Stage, x: float, y: float, w: float, colour: Color = (255, 255, 255)) -> None:
    pen = st.pen
    parts = [
        (x - 0.27 * w, y, 0.2 * w),
        (x - 0.05 * w, y - 0.1 * w, 0.26 * w),
        (x + 0.22 * w, y - 0.02 * w, 0.2 * w),
        (x + 0.38 * w, y + 0.06 * w, 0.12 * w),
        (x - 0.42 * w, y + 0.07 * w, 0.11 * w),
    ]
    shade = mix(colour, (170, 176, 214), 0.35)
    for px, py, r in parts:
        pen.circle(px, py + 0.06 * w, r, shade, line=0)
    for px, py, r in parts:
        pen.circle(px, py, r, colour, line=0)
    pen.ellipse((x - 0.45 * w, y - 0.02 * w, x + 0.46 * w, y + 0.16 * w), colour, line=0)


def clouds(st: Stage, count: int, y_max: float) -> None:
    rng = st.rng
    colour = (255, 255, 255) if st.time != "sunset" else (255, 222, 214)
    if st.time == "night":
        colour = (170, 178, 220)
    slots = sorted(rng.sample(range(8), min(8, count)))
    for slot in slots:
        x = (slot + rng.uniform(0.2, 0.8)) / 8 * st.w
        y = rng.uniform(0.08, 0.3) * st.h
        w = rng.uniform(11, 19) * st.u
        box = (x - w * 0.5, y - w * 0.4, x + w * 0.5, y + w * 0.2)
        if y > y_max or any(
            box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
            for b in st.keep_clear
        ):
            continue
        cloud(st, x, y, w, colour)


def hill(
    st: Stage,
    base: float,
    amp: float,
    colour: Color,
    rim: float = 0.8,
    freq: float = 1.0,
    line: float = 1.0,
) -> list[Point]:
    """A rolling band of land from ``base`` down to the bottom; returns its crest."""
    rng = st.rng
    waves = [(rng.uniform(0.5, 1.2) * freq, rng.uniform(0, math.tau)) for _ in range(3)]
    crest = wave_line(-st.u * 4, st.w + st.u * 4, base, amp, waves, 48)
    bottom = st.h + st.u * 4
    poly = [*crest, (st.w + st.u * 4, bottom), (-st.u * 4, bottom)]
    st.pen.polygon(poly, colour, line=line)
    if rim:
        band = rim * st.u
        edge = [(x, y + band * 0.5 + 1) for x, y in crest]
        st.pen.line(edge, lighten(colour, 0.28), band, round_caps=False)
    return crest


def crest_y(crest: list[Point], x: float) -> float:
    for (x0, y0), (x1, y1) in pairwise(crest):
        if x0 <= x <= x1:
            t = (x - x0) / (x1 - x0) if x1 > x0 else 0.0
            return y0 + (y1 - y0) * t
    return crest[-1][1]


def tufts(st: Stage, y0: float, y1: float, colour: Color, count: int) -> None:
    pen, rng, u = st.pen, st.rng, st.u
    for _ in range(count):
        x, y = rng.uniform(0, st.w), rng.uniform(y0, y1)
        depth = 0.6 + 0.6 * (y - y0) / max(1.0, y1 - y0)
        h = rng.uniform(1.2, 2.2) * u * depth
        for dx in (-0.6, 0.0, 0.6):
            pen.line([(x + dx * u * depth * 0.5, y), (x + dx * u * depth, y - h)], colour, 0.3 * u)


def wildflowers(st: Stage, y0: float, y1: float, count: int, colours: list[Color]) -> None:
    pen, rng, u = st.pen, st.rng, st.u
    for _ in range(count):
        x, y = rng.uniform(0, st.w), rng.uniform(y0, y1)
        depth = 0.5 + 0.7 * (y - y0) / max(1.0, y1 - y0)
        r = rng.uniform(0.45, 0.75) * u * depth
        c = rng.choice(colours)
        pen.line([(x, y), (x, y + r * 2.5)], (80, 140, 70), 0.25 * u * depth, round_caps=False)
        for k in range(5):
            ang = k * math.tau / 5
            pen.circle(x + math.cos(ang) * r, y + math.sin(ang) * r, r * 0.7, c, line=0)
        pen.circle(x, y, r * 0.55, (255, 214, 90), line=0)


def round_tree(
    st: Stage,
    x: float,
    base: float,
    height: float,
    leaf: Color = (96, 168, 84),
    trunk: Color = (140, 96, 64),
    fruit: Color | None = None,
) -> None:
    pen, rng = st.pen, st.look
    tw = height * 0.09
    pen.polygon(
        [
            (x - tw, base),
            (x - tw * 0.7, base - height * 0.5),
            (x + tw * 0.7, base - height * 0.5),
            (x + tw, base),
        ],
        trunk,
    )
    pen.line([(x, base - height * 0.42), (x + tw * 2.6, base - height * 0.62)], trunk, tw * 0.7)
    cy = base - height * 0.66
    r = height * 0.3
    blobs = [
        (x - r * 0.75, cy + r * 0.2, r * 0.62),
        (x + r * 0.75, cy + r * 0.25, r * 0.6),
        (x, cy - r * 0.45, r * 0.72),
        (x - r * 0.3, cy + r * 0.3, r * 0.7),
        (x + r * 0.3, cy - r * 0.05, r * 0.7),
    ]
    dark = darken(leaf, 0.22)
    for bx, by, br in blobs:
        pen.circle(bx, by + r * 0.12, br, dark, line=1)
    for bx, by, br in blobs:
        pen.circle(bx - br * 0.08, by - br * 0.06, br * 0.88, leaf, line=0)
    for bx, by, br in blobs[:3]:
        pen.circle(bx - br * 0.3, by - br * 0.35, br * 0.3, lighten(leaf, 0.25), a=200, line=0)
    if fruit:
        for _ in range(6):
            ang = rng.uniform(0, math.tau)
            d = rng.uniform(0.2, 0.85) * r
            pen.circle(x + math.cos(ang) * d, cy + math.sin(ang) * d * 0.8, r * 0.09, fruit)


def pine_tree(
    st: Stage,
    x: float,
    base: float,
    height: float,
    leaf: Color = (54, 122, 88),
    snow: bool = False,
    line: float = 1.0,
) -> None:
    pen = st.pen
    trunk_w = height * 0.06
    pen.rect((x - trunk_w, base - height * 0.16, x + trunk_w, base), (120, 84, 60), line=line)
    tiers = 3
    for i in range(tiers):
        top = base - height * (1.0 - i * 0.2)
        bottom = base - height * (0.12 + (tiers - 1 - i) * 0.2)
        half = height * (0.2 + i * 0.07)
        pts = [(x, top), (x + half, bottom), (x - half, bottom)]
        pen.polygon(pts, leaf, line=line)
        pen.polygon(
            [(x, top), (x + half * 0.25, bottom), (x - half, bottom)], lighten(leaf, 0.1), line=0
        )
        if snow:
            sw = half * 0.55
            sy = top + (bottom - top) * 0.5
            pen.polygon(
                [
                    (x, top - height * 0.005),
                    (x + sw, sy),
                    (x + sw * 0.4, sy - height * 0.025),
                    (x, sy + height * 0.02),
                    (x - sw * 0.5, sy - height * 0.02),
                    (x - sw, sy),
                ],
                (250, 252, 255),
                line=0,
            )


def ground_shadow(st: Stage, x: float, y: float, w: float) -> None:
    st.pen.ellipse((x - w / 2, y - w * 0.09, x + w / 2, y + w * 0.09), st.shadow, a=60, line=0)


# ---------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------


def paint_space(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    tops = {
        "morning": [(0.0, (24, 22, 72)), (0.6, (70, 50, 130)), (1.0, (150, 100, 170))],
        "day": [(0.0, (16, 22, 70)), (0.6, (40, 52, 130)), (1.0, (96, 90, 180))],
        "sunset": [(0.0, (20, 14, 54)), (0.6, (80, 40, 110)), (1.0, (190, 100, 140))],
        "night": [(0.0, (8, 8, 34)), (0.6, (30, 22, 80)), (1.0, (70, 44, 120))],
    }
    sky(st, tops[st.time])
    for _ in range(3):
        x, y = rng.uniform(0, w), rng.uniform(0.1, 0.5) * st.h
        c = rng.choice([(150, 90, 210), (70, 170, 210), (220, 110, 180)])
        for k in range(6):
            r = (30 - k * 4) * u
            pen.ellipse((x - r * 1.5, y - r * 0.7, x + r * 1.5, y + r * 0.7), c, a=10, line=0)
    scatter_stars(st, 150, st.horizon, big=7)
    # a shooting star
    sx, sy = rng.uniform(0.15, 0.85) * w, rng.uniform(0.06, 0.2) * st.h
    tail = 16 * u
    for k in range(8):
        t0, t1 = k / 8, (k + 1) / 8
        pen.line(
            [
                (sx - tail * (1 - t0), sy - tail * 0.4 * (1 - t0)),
                (sx - tail * (1 - t1), sy - tail * 0.4 * (1 - t1)),
            ],
            (255, 240, 200),
            0.5 * u,
            a=20 + k * 25,
            lit=True,
        )
    pen.glow(sx, sy, 2.5 * u, (255, 240, 200), 60)
    # the big ringed planet on the free side
    px = st.away_x(rng.uniform(0.45, 0.7))
    py = rng.uniform(0.16, 0.3) * st.h
    pr = rng.uniform(8, 11) * u
    body = st.look.choice([(236, 150, 96), (120, 186, 232), (232, 124, 164), (150, 206, 140)])
    ring = lighten(body, 0.45)
    st.keep_clear.append((px - pr * 2, py - pr * 1.2, px + pr * 2, py + pr * 1.2))
    with sharp(st.img, (px - pr * 2.2, py - pr * 1.3, px + pr * 2.2, py + pr * 1.3), pen) as sp:
        sp.arc(
            (px - pr * 1.9, py - pr * 0.55, px + pr * 1.9, py + pr * 0.55), 180, 360, ring, 0.9 * u
        )
        sp.circle(px, py, pr, body)
        for dy, t in ((-0.45, 0.25), (0.1, -0.15), (0.5, 0.2)):
            half = math.sqrt(max(0.0, 1 - dy * dy)) * pr * 0.92
            c = lighten(body, t) if t > 0 else darken(body, -t)
            sp.ellipse(
                (px - half, py + dy * pr - pr * 0.1, px + half, py + dy * pr + pr * 0.1), c, line=0
            )
        sp.circle(px - pr * 0.4, py - pr * 0.4, pr * 0.22, lighten(body, 0.5), a=150, line=0)
        sp.arc(
            (px - pr * 1.9, py - pr * 0.55, px + pr * 1.9, py + pr * 0.55), 0, 180, ring, 0.9 * u
        )
    # a small moon far away
    mx = st.away_x(0.2) if rng.random() < 0.5 else rng.uniform(0.1, 0.9) * w
    my = rng.uniform(0.08, 0.18) * st.h
    mr = rng.uniform(2.5, 3.5) * u
    pen.glow(mx, my, mr * 2.2, (220, 220, 255), 40)
    pen.circle(mx, my, mr, (220, 214, 236))
    pen.circle(mx + mr * 0.3, my - mr * 0.2, mr * 0.25, (190, 184, 214), line=0)
    pen.circle(mx - mr * 0.35, my + mr * 0.3, mr * 0.18, (190, 184, 214), line=0)
    # the moon-like ground
    hill(st, st.horizon - 2 * u, 5 * u, (128, 112, 170), rim=1.0, freq=1.4)
    crest = hill(
        st, st.horizon + 6 * u, 3 * u, st.pal("ground", (168, 154, 200)), rim=1.2, freq=0.8
    )
    low = min(y for _, y in crest)
    for _ in range(9):
        cx = rng.uniform(0, w)
        cy = rng.uniform(low + 6 * u, st.h)
        depth = 0.5 + (cy - low) / max(1.0, st.h - low)
        cr = rng.uniform(2.5, 5.0) * u * depth
        pen.ellipse((cx - cr, cy - cr * 0.36, cx + cr, cy + cr * 0.36), (140, 126, 178), line=0.6)
        pen.ellipse(
            (cx - cr * 0.85, cy - cr * 0.3, cx + cr * 0.85, cy + cr * 0.16), (120, 106, 160), line=0
        )
    for _ in range(14):
        cx, cy = rng.uniform(0, w), rng.uniform(low + 3 * u, st.h)
        pen.circle(cx, cy, rng.uniform(0.3, 0.7) * u, (196, 186, 224), line=0)
    st.floor_top = low + 6 * u
    st.sky_bottom = st.horizon - 6 * u
    st.shadow = (50, 30, 80)


def paint_garden(st: Stage) -> None:
    pen, rng, look, u, w = st.pen, st.rng, st.look, st.u, st.w
    sky(st)
    sky_lights(st, st.away_x(0.55), 0.14 * st.h, 5 * u)
    if st.time != "night":
        clouds(st, 3, st.horizon - 12 * u)
    hill(st, st.horizon - 7 * u, 4 * u, mix((120, 180, 140), SKIES[st.time][-1][1], 0.35), rim=0)
    # hedge
    hy = st.horizon - 1 * u
    hedge = (70, 138, 74)
    x = -3 * u
    while x < w + 3 * u:
        r = rng.uniform(3.5, 5) * u
        pen.circle(x, hy, r, hedge, line=0.8)
        x += r * 1.2
    pen.rect((-u, hy, w + u, st.horizon + 5 * u), hedge, line=0)
    for _ in range(int(w / u / 4)):
        pen.circle(
            rng.uniform(0, w),
            rng.uniform(hy - 3 * u, hy + 5 * u),
            0.7 * u,
            lighten(hedge, 0.2),
            line=0,
        )
    hill(st, st.horizon + 4 * u, 1.5 * u, st.pal("ground", (132, 198, 100)), rim=0.8, freq=0.6)
    # picket fence
    top, bottom = st.horizon - 2 * u, st.horizon + 7 * u
    fence = (250, 248, 240)
    gate = st.hero_x + st.away * rng.uniform(14, 24) * u
    pen.rect((-u, top + 2.4 * u, w + u, top + 3.4 * u), fence, line=0.6)
    pen.rect((-u, bottom - 3.2 * u, w + u, bottom - 2.2 * u), fence, line=0.6)
    x = u
    while x < w:
        if abs(x - gate) > 4 * u:
            pen.polygon(
                [
                    (x - 1.2 * u, bottom),
                    (x - 1.2 * u, top + 1.2 * u),
                    (x, top),
                    (x + 1.2 * u, top + 1.2 * u),
                    (x + 1.2 * u, bottom),
                ],
                fence,
                line=0.6,
            )
        x += 4 * u
    # flower bed along the fence
    soil = (150, 104, 74)
    pen.rect((-u, bottom - 0.5 * u, w + u, bottom + 3 * u), soil, line=0.5, radius=1.5 * u)
    petals = [
        look.choice(
            [(240, 110, 140), (250, 190, 70), (186, 120, 220), (250, 250, 250), (240, 90, 80)]
        )
        for _ in range(3)
    ]
    x = rng.uniform(0, 3) * u
    while x < w:
        fy = bottom + rng.uniform(-0.5, 1.5) * u
        stem = rng.uniform(3, 6) * u
        pen.line([(x, fy), (x, fy - stem)], (70, 140, 70), 0.35 * u, round_caps=False)
        pen.ellipse((x, fy - stem * 0.55, x + 1.8 * u, fy - stem * 0.35), (90, 170, 80), line=0)
        r = rng.uniform(0.9, 1.3) * u
        c = rng.choice(petals)
        for k in range(5):
            ang = k * math.tau / 5 + x
            pen.circle(x + math.cos(ang) * r, fy - stem + math.sin(ang) * r, r * 0.75, c, line=0.5)
        pen.circle(x, fy - stem, r * 0.55, (255, 214, 90), line=0)
        x += rng.uniform(2.4, 4) * u
    # stepping-stone path towards the gate
    for k in range(7):
        t = k / 6
        py = st.h + 2 * u - t * (st.h + 2 * u - bottom - 4 * u)
        px = gate + (st.hero_x - gate) * 0.3 * (1 - t) + math.sin(t * 3) * 2 * u
        r = (6 - 3.5 * t) * u
        pen.ellipse((px - r, py - r * 0.35, px + r, py + r * 0.35), (214, 200, 180), line=0.6)
    tufts(st, bottom + 4 * u, st.h, (96, 166, 80), int(w / u * 0.4))
    wildflowers(st, bottom + 6 * u, st.h, int(w / u * 0.12), petals)
    if st.time != "night":
        for _ in range(2):
            butterfly(
                st,
                rng.uniform(0.05, 0.95) * w,
                rng.uniform(st.horizon - 14 * u, st.horizon),
                1.6 * u,
            )
    else:
        fireflies(st, 12)
    st.floor_top = bottom + 4 * u
    st.sky_bottom = st.horizon - 8 * u
    st.shadow = (40, 90, 40)


def butterfly(st: Stage, x: float, y: float, s: float, colour: Color | None = None) -> None:
    pen = st.pen
    c = colour or st.rng.choice([(250, 150, 80), (240, 120, 190), (120, 170, 250), (250, 220, 90)])
    pen.ellipse((x - 1.9 * s, y - 1.5 * s, x, y + 0.1 * s), c, line=0.6)
    pen.ellipse((x, y - 1.5 * s, x + 1.9 * s, y + 0.1 * s), c, line=0.6)
    pen.ellipse((x - 1.4 * s, y - 0.1 * s, x, y + 1.1 * s), lighten(c, 0.3), line=0.6)
    pen.ellipse((x, y - 0.1 * s, x + 1.4 * s, y + 1.1 * s), lighten(c, 0.3), line=0.6)
    pen.line([(x, y - 0.9 * s), (x, y + 0.9 * s)], (70, 50, 60), 0.35 * s)


def fireflies(st: Stage, count: int) -> None:
    rng = st.rng
    for _ in range(count):
        x = rng.uniform(0, st.w)
        y = rng.uniform(st.horizon - 10 * st.u, st.h * 0.95)
        st.pen.glow(x, y, 1.6 * st.u, (255, 240, 140), 70)
        st.pen.circle(x, y, 0.3 * st.u, (255, 250, 190), line=0, lit=True)


def paint_forest(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    sky(st)
    sky_lights(st, st.away_x(0.5), 0.13 * st.h, 4.5 * u)
    haze = SKIES[st.time][-1][1]
    far = mix((70, 130, 110), haze, 0.5)
    x = -4 * u
    while x < w + 4 * u:
        pine_tree(st, x, st.horizon + 2 * u, rng.uniform(12, 20) * u, far, line=0)
        x += rng.uniform(4, 7) * u
    hill(st, st.horizon + 1 * u, 2 * u, (110, 164, 96), rim=0.8)
    mid = mix((50, 120, 80), haze, 0.2)
    x = -6 * u
    while x < w + 6 * u:
        if abs(x - st.hero_x) > 10 * u or rng.random() < 0.3:
            h = rng.uniform(22, 32) * u
            if rng.random() < 0.5:
                pine_tree(st, x, st.horizon + 4 * u, h, mid)
            else:
                round_tree(st, x, st.horizon + 4 * u, h, mix((80, 150, 80), haze, 0.15))
        x += rng.uniform(9, 15) * u
    # the forest floor and a path
    crest = hill(
        st, st.horizon + 5 * u, 1.5 * u, st.pal("ground", (120, 176, 90)), rim=0.8, freq=0.5
    )
    low = max(y for _, y in crest)
    path = (222, 196, 150)
    top_x = st.hero_x + st.away * 8 * u
    pen.polygon(
        [
            (top_x - 2 * u, low),
            (top_x + 2 * u, low),
            (st.hero_x + 18 * u, st.h + u),
            (st.hero_x - 18 * u, st.h + u),
        ],
        path,
        line=0.6,
    )
    # light rays
    if st.time in ("morning", "day"):
        for _ in range(4):
            x0 = rng.uniform(0.1, 0.9) * w
            spread = rng.uniform(3, 7) * u
            pen.polygon(
                [
                    (x0, -u),
                    (x0 + spread, -u),
                    (x0 + spread * 4 + 20 * u, st.h),
                    (x0 + 20 * u, st.h),
                ],
                (255, 250, 210),
                a=26,
                line=0,
            )
    # big framing trunks at the page edges
    for edge in (-1, 1):
        if edge == -st.away and abs(st.hero_x - (0 if edge < 0 else w)) < 22 * u:
            continue
        tx = (-1 * u) if edge < 0 else w + u
        tw = rng.uniform(5, 7) * u
        pen.polygon(
            [(tx - tw, st.h + u), (tx - tw * 0.7, -u), (tx + tw * 0.7, -u), (tx + tw, st.h + u)],
            (118, 80, 58),
        )
        pen.line(
            [(tx - tw * 0.3 * edge, 0.2 * st.h), (tx - tw * 0.3 * edge, 0.7 * st.h)],
            (96, 64, 48),
            0.6 * u,
        )
        for k in range(5):
            bx = tx - edge * rng.uniform(0, 14) * u
            by = rng.uniform(-4, 8) * u
            pen.circle(bx, by, rng.uniform(8, 13) * u, (58, 120, 70) if k % 2 else (70, 138, 78))
    # mushrooms, ferns, tufts
    for _ in range(4):
        mx = rng.uniform(0.04, 0.96) * w
        if abs(mx - st.hero_x) < 12 * u:
            continue
        my = rng.uniform(low + 3 * u, st.h * 0.97)
        mushroom(st.pen, mx, my, rng.uniform(2.5, 4) * u)
    for _ in range(5):
        fx = rng.uniform(0, w)
        fy = rng.uniform(low + 2 * u, st.h)
        for k in range(5):
            ang = math.radians(-160 + k * 35)
            pen.line(
                [(fx, fy), (fx + math.cos(ang) * 5 * u, fy + math.sin(ang) * 4 * u)],
                (70, 140, 70),
                0.6 * u,
            )
    tufts(st, low + 2 * u, st.h, (80, 146, 70), int(w / u * 0.4))
    if st.time in ("night", "sunset"):
        fireflies(st, 16)
    st.floor_top = low + 4 * u
    st.sky_bottom = st.horizon - 14 * u
    st.shadow = (40, 80, 40)


def mushroom(pen: Pen, x: float, y: float, s: float, cap: Color = (222, 72, 70)) -> None:
    pen.rect((x - s * 0.35, y - s * 1.1, x + s * 0.35, y), (246, 236, 214), radius=s * 0.2)
    pen.chord((x - s, y - s * 1.9, x + s, y - s * 0.5), 180, 360, cap)
    for dx, dy, r in ((-0.5, -1.45, 0.15), (0.15, -1.68, 0.18), (0.55, -1.38, 0.12)):
        pen.circle(x + dx * s, y + dy * s, r * s, (255, 250, 240), line=0)


def paint_ocean(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    st.horizon = min(st.horizon, st.h * 0.5)
    sky(st)
    sun_x = st.away_x(0.5)
    sky_lights(st, sun_x, 0.14 * st.h, 5 * u)
    if st.time != "night":
        clouds(st, 3, st.horizon - 10 * u)
        for _ in range(3):
            gx, gy = rng.uniform(0.05, 0.95) * w, rng.uniform(0.12, 0.34) * st.h
            gs = rng.uniform(1.2, 2) * u
            pen.arc((gx - 2 * gs, gy - gs, gx, gy + gs), 200, 330, (80, 80, 100), 0.35 * u)
            pen.arc((gx, gy - gs, gx + 2 * gs, gy + gs), 210, 340, (80, 80, 100), 0.35 * u)
    sea_top = {
        "morning": (110, 170, 210),
        "day": (70, 160, 214),
        "sunset": (150, 120, 170),
        "night": (36, 56, 110),
    }[st.time]
    sea_low = {
        "morning": (60, 130, 190),
        "day": (36, 118, 186),
        "sunset": (80, 80, 150),
        "night": (20, 34, 80),
    }[st.time]
    shore = st.h * rng.uniform(0.76, 0.8)
    # The palette's water, or its ground when the place is the open sea itself.
    water = st.palette.get("water", st.palette.get("ground"))
    sand = st.palette["ground"] if "water" in st.palette else (244, 218, 168)
    stops = [(0.0, sea_top), (1.0, sea_low)]
    if water is not None:
        amount = 0.8 if st.own_time else 0.35
        sea_top = mix(sea_top, lighten(water, 0.1), amount)
        sea_low = mix(sea_low, darken(water, 0.2), amount)
        # the place's own water runs through the middle in any light (only as far from it as
        # the light may move a colour), so a sea at sunset is still that sea
        stops = [(0.0, sea_top), (0.5, st.pen.col(water)[:3]), (1.0, sea_low)]
    sea = gradient((round(w), round(st.h - st.horizon)), stops)
    st.img.paste(sea, (0, round(st.horizon)))
    glint = (255, 240, 200) if st.time != "night" else (230, 230, 255)
    for k in range(14):
        y = st.horizon + (k + 1) * (shore - st.horizon) / 16
        half = (1.5 + k * 0.5) * u * rng.uniform(0.6, 1.3)
        gx = sun_x + rng.uniform(-2, 2) * u
        pen.ellipse(
            (gx - half, y - 0.25 * u, gx + half, y + 0.25 * u), glint, a=150, line=0, lit=True
        )
    # a sailboat and an island far away
    bx = st.away_x(rng.uniform(0.3, 0.8))
    boat_far(st, bx, st.horizon + 1.2 * u, 5 * u)
    if rng.random() < 0.6:
        ix = st.hero_x - st.away * rng.uniform(10, 25) * u
        iy = st.horizon + 0.5 * u
        pen.chord(
            (ix - 9 * u, iy - 3 * u, ix + 9 * u, iy + 3 * u), 180, 360, (228, 204, 150), line=0.6
        )
        palm(st, ix + 2 * u, iy - 2.4 * u, 9 * u)
    for k in range(9):
        y = st.horizon + (k + 0.6) * (shore - st.horizon) / 9.5
        size = (1.2 + k * 0.45) * u
        x = rng.uniform(-2, 0) * size * 4
        while x < w:
            if rng.random() < 0.55:
                pen.arc(
                    (x, y - size, x + size * 3, y + size),
                    200,
                    340,
                    (235, 248, 255),
                    0.28 * u + k * 0.04 * u,
                    a=160,
                )
            x += size * rng.uniform(4, 7)
    # sand
    waves = [(rng.uniform(0.4, 0.9), rng.uniform(0, math.tau)) for _ in range(2)]
    edge = wave_line(-2 * u, w + 2 * u, shore, 2.5 * u, waves, 40)
    pen.polygon(
        [*[(x, y - 1.2 * u) for x, y in edge], (w + 2 * u, st.h + u), (-2 * u, st.h + u)],
        (250, 252, 255),
        a=200,
        line=0,
    )
    pen.polygon([*edge, (w + 2 * u, st.h + u), (-2 * u, st.h + u)], darken(sand, 0.12), line=0)
    pen.polygon(
        [*[(x, y + 1.6 * u) for x, y in edge], (w + 2 * u, st.h + u), (-2 * u, st.h + u)],
        sand,
        line=0,
    )
    for _ in range(int(w / u * 0.5)):
        pen.circle(
            rng.uniform(0, w), rng.uniform(shore + 3 * u, st.h), 0.2 * u, (210, 180, 130), line=0
        )
    for _ in range(3):
        sx = rng.uniform(0.05, 0.95) * w
        if abs(sx - st.hero_x) < 10 * u:
            continue
        sy = rng.uniform(shore + 6 * u, st.h * 0.97)
        if rng.random() < 0.5:
            pen.polygon(star_points(sx, sy, 1.8 * u, 0.8 * u, 5), (240, 130, 100), line=0.6)
        else:
            shell_small(pen, sx, sy, 1.6 * u)
    st.floor_top = shore + 5 * u
    st.sky_bottom = st.horizon - 6 * u
    st.water = (st.horizon + 4 * u, shore - 1 * u)
    st.shadow = (150, 110, 70)


def shell_small(pen: Pen, x: float, y: float, s: float) -> None:
    pen.pieslice((x - s, y - s, x + s, y + s), 180, 360, (250, 214, 200))
    for k in range(1, 5):
        ang = math.radians(180 + k * 36)
        pen.line(
            [(x, y), (x + math.cos(ang) * s * 0.9, y + math.sin(ang) * s * 0.9)],
            (220, 160, 150),
            0.15 * s,
        )


def boat_far(st: Stage, x: float, y: float, s: float) -> None:
    pen = st.pen
    pen.polygon(
        [(x - s, y - s * 0.3), (x + s, y - s * 0.3), (x + s * 0.7, y), (x - s * 0.7, y)],
        (200, 90, 80),
        line=0.5,
    )
    pen.line([(x, y - s * 0.3), (x, y - s * 1.6)], (120, 90, 70), 0.15 * s)
    pen.polygon(
        [(x + s * 0.1, y - s * 1.55), (x + s * 0.9, y - s * 0.45), (x + s * 0.1, y - s * 0.45)],
        (250, 248, 240),
        line=0.5,
    )


def palm(st: Stage, x: float, y: float, h: float) -> None:
    pen = st.pen
    pts = [(x + math.sin(t / 6 * 1.4) * h * 0.18, y - h * t / 6) for t in range(7)]
    pen.stroke(pts, (150, 110, 70), h * 0.07)
    tx, ty = pts[-1]
    for ang in (-160, -130, -95, -50, -20):
        a = math.radians(ang)
        end = (tx + math.cos(a) * h * 0.45, ty + math.sin(a) * h * 0.2 + h * 0.12)
        mid = (tx + math.cos(a) * h * 0.25, ty + math.sin(a) * h * 0.25)
        pen.stroke([(tx, ty), mid, end], (70, 150, 80), h * 0.06)


def paint_castle(st: Stage) -> None:
    pen, rng, look, u, w = st.pen, st.rng, st.look, st.u, st.w
    sky(st)
    cx = st.away_x(rng.uniform(0.5, 0.62))
    sky_lights(
        st, st.hero_x - st.away * 10 * u if st.time != "sunset" else cx, 0.13 * st.h, 4.5 * u
    )
    if st.time != "night":
        clouds(st, 3, st.horizon - 16 * u)
    haze = SKIES[st.time][-1][1]
    hill(st, st.horizon - 5 * u, 4 * u, mix((110, 170, 120), haze, 0.4), rim=0)
    # the castle's own hill
    base = st.horizon + 2 * u
    pen.ellipse((cx - 40 * u, base - 5 * u, cx + 40 * u, base + 14 * u), (124, 184, 100))
    roof = look.choice([(70, 100, 200), (200, 70, 90), (140, 90, 190), (60, 150, 170)])
    flag = look.choice([(250, 200, 70), (240, 90, 90), (250, 250, 250)])
    stone = (214, 206, 222)
    stone_dark = (186, 176, 200)
    scale = rng.uniform(0.9, 1.1)
    lit_windows = st.time in ("night", "sunset")
    win = (255, 220, 120) if lit_windows else (90, 86, 120)

    def crenels(x0: float, x1: float, top: float, colour: Color) -> None:
        step = 2.4 * u * scale
        x = x0
        while x + step * 0.6 <= x1 + 0.01:
            pen.rect((x, top - 1.6 * u * scale, x + step * 0.6, top + 0.5), colour, line=0.7)
            x += step

    def window(x: float, y: float, s: float) -> None:
        if lit_windows:
            pen.glow(x, y, s * 2.2, (255, 210, 120), 40)
        pen.chord((x - s * 0.5, y - s, x + s * 0.5, y), 180, 360, win, line=0.6, lit=lit_windows)
        pen.rect(
            (x - s * 0.5, y - s * 0.5, x + s * 0.5, y + s * 0.7), win, line=0.6, lit=lit_windows
        )

    def tower(x: float, width: float, height: float, cone: bool) -> None:
        top = base - height
        pen.rect((x - width / 2, top, x + width / 2, base), stone)
        pen.rect((x + width * 0.18, top, x + width / 2, base), stone_dark, line=0)
        window(x, top + height * 0.35, 2 * u * scale)
        if cone:
            tip = top - width * 1.2
            pen.polygon(
                [(x - width * 0.62, top + 0.5 * u), (x, tip), (x + width * 0.62, top + 0.5 * u)],
                roof,
            )
            pen.polygon(
                [(x, tip), (x + width * 0.62, top + 0.5 * u), (x + width * 0.2, top + 0.5 * u)],
                darken(roof, 0.15),
                line=0,
            )
            pen.line([(x, tip), (x, tip - 5 * u * scale)], (110, 90, 80), 0.35 * u)
            wave = rng.uniform(-0.6, 0.6) * u
            pen.polygon(
                [
                    (x, tip - 5 * u * scale),
                    (x + 4.5 * u * scale, tip - 4 * u * scale + wave),
                    (x, tip - 3 * u * scale),
                ],
                flag,
                line=0.6,
            )
        else:
            crenels(x - width / 2, x + width / 2, top, stone)

    wall_w, wall_h = 30 * u * scale, 14 * u * scale
    side_h, mid_h = 24 * u * scale, 33 * u * scale
    tower(cx - wall_w * 0.7, 8 * u * scale, side_h * 0.8, False)
    tower(cx + wall_w * 0.7, 8 * u * scale, side_h * 0.8, False)
    pen.rect((cx - wall_w / 2, base - wall_h, cx + wall_w / 2, base), stone)
    crenels(cx - wall_w / 2, cx + wall_w / 2, base - wall_h, stone)
    for _ in range(10):
        bx = cx + rng.uniform(-0.45, 0.45) * wall_w
        by = base - rng.uniform(0.1, 0.9) * wall_h
        pen.rect((bx - 1.2 * u, by - 0.5 * u, bx + 1.2 * u, by + 0.5 * u), stone_dark, line=0)
    tower(cx - wall_w * 0.5, 9 * u * scale, side_h, True)
    tower(cx + wall_w * 0.5, 9 * u * scale, side_h, True)
    tower(cx, 11 * u * scale, mid_h, True)
    gate_w = 7 * u * scale
    pen.chord(
        (cx - gate_w / 2, base - gate_w * 1.5, cx + gate_w / 2, base - gate_w * 0.5),
        180,
        360,
        (96, 70, 64),
    )
    pen.rect((cx - gate_w / 2, base - gate_w, cx + gate_w / 2, base), (96, 70, 64), line=0)
    for k in range(1, 4):
        gx = cx - gate_w / 2 + gate_w * k / 4
        pen.line([(gx, base - gate_w * 1.4), (gx, base)], (60, 44, 40), 0.3 * u)
    # land in front and the path to the gate
    crest = hill(
        st, st.horizon + 8 * u, 1.8 * u, st.pal("ground", (128, 192, 96)), rim=0.8, freq=0.6
    )
    low = max(y for _, y in crest)
    path = (226, 204, 160)
    pen.polygon(
        [
            (cx - gate_w * 0.45, base),
            (cx + gate_w * 0.45, base),
            (st.hero_x + 14 * u, st.h + u),
            (st.hero_x - 14 * u, st.h + u),
        ],
        path,
        line=0.6,
    )
    for _ in range(4):
        bx = rng.uniform(0, w)
        if abs(bx - st.hero_x) < 14 * u:
            continue
        by = rng.uniform(low + 2 * u, st.h)
        r = rng.uniform(2.5, 4) * u
        for dx in (-0.8, 0.0, 0.8):
            pen.circle(bx + dx * r, by - r * (0.6 if dx else 0.9), r * 0.75, (80, 150, 80))
    tufts(st, low, st.h, (96, 160, 80), int(w / u * 0.35))
    wildflowers(
        st, low + 2 * u, st.h, int(w / u * 0.08), [(250, 250, 250), (250, 200, 80), (240, 140, 170)]
    )
    st.floor_top = low + 4 * u
    st.sky_bottom = st.horizon - 10 * u
    st.keep_clear.append(
        (cx - wall_w * 0.9, base - mid_h - 16 * u * scale, cx + wall_w * 0.9, base)
    )
    st.shadow = (40, 90, 40)


def paint_city(st: Stage) -> None:
    pen, rng, look, u, w = st.pen, st.rng, st.look, st.u, st.w
    sky(st)
    sky_lights(st, st.away_x(0.5), 0.12 * st.h, 4.5 * u)
    if st.time == "day" or st.time == "morning":
        clouds(st, 2, st.horizon - 20 * u)
    haze = SKIES[st.time][-1][1]
    street = st.horizon + 6 * u
    far = mix((140, 150, 190), haze, 0.5)
    x = -2 * u
    while x < w:
        bw = rng.uniform(6, 12) * u
        bh = rng.uniform(14, 34) * u
        pen.rect((x, street - bh, x + bw, street), far, line=0)
        x += bw + rng.uniform(0, 2) * u
    lit = st.time in ("night", "sunset")
    facades = [
        (214, 112, 96),
        (236, 196, 110),
        (104, 176, 176),
        (232, 156, 168),
        (170, 150, 206),
        (240, 222, 184),
        (130, 170, 220),
    ]
    look.shuffle(facades)
    x = -rng.uniform(0, 6) * u
    i = 0
    while x < w + u:
        bw = rng.uniform(13, 21) * u
        bh = rng.uniform(22, 40) * u
        c = facades[i % len(facades)]
        top = street - bh
        pen.rect((x, top, x + bw, street), c)
        pen.rect((x - 0.6 * u, top - 1.2 * u, x + bw + 0.6 * u, top + 0.4 * u), darken(c, 0.2))
        roof = rng.random()
        if roof < 0.3:
            pen.polygon(
                [(x, top - 1.2 * u), (x + bw / 2, top - bw * 0.35), (x + bw, top - 1.2 * u)],
                darken(c, 0.3),
            )
        elif roof < 0.5:
            tx = x + bw * rng.uniform(0.25, 0.75)
            pen.rect((tx - 2 * u, top - 6 * u, tx + 2 * u, top - 2 * u), (150, 110, 90), radius=u)
            pen.line([(tx - 1.5 * u, top - 2 * u), (tx - 1.5 * u, top)], (110, 80, 70), 0.4 * u)
            pen.line([(tx + 1.5 * u, top - 2 * u), (tx + 1.5 * u, top)], (110, 80, 70), 0.4 * u)
        cols = max(2, int(bw / (4.5 * u)))
        rows = max(2, int((bh - 9 * u) / (6 * u)))
        gap = bw / cols
        for r in range(rows):
            for col in range(cols):
                wx = x + gap * (col + 0.5)
                wy = top + 4 * u + r * 6 * u
                on = lit and rng.random() < 0.65
                wc = (255, 222, 130) if on else ((190, 220, 240) if not lit else (70, 80, 120))
                if on:
                    pen.glow(wx, wy + 1.4 * u, 3 * u, (255, 210, 120), 24)
                pen.rect((wx - 1.3 * u, wy, wx + 1.3 * u, wy + 3 * u), wc, lit=on, line=0.7)
                pen.line(
                    [(wx - 1.3 * u, wy + 3 * u), (wx + 1.3 * u, wy + 3 * u)],
                    (250, 250, 250),
                    0.4 * u,
                )
        # shop front with awning or a door
        if rng.random() < 0.5:
            aw = (240, 90, 90) if rng.random() < 0.5 else (80, 150, 220)
            ay = street - 8 * u
            stripes = 6
            for k in range(stripes):
                sx0 = x + 1 * u + (bw - 2 * u) * k / stripes
                sx1 = x + 1 * u + (bw - 2 * u) * (k + 1) / stripes
                pen.rect(
                    (sx0, ay, sx1, ay + 2.4 * u), aw if k % 2 == 0 else (250, 248, 240), line=0.5
                )
                pen.chord(
                    (sx0, ay + 1.2 * u, sx1, ay + 3.6 * u),
                    0,
                    180,
                    aw if k % 2 == 0 else (250, 248, 240),
                    line=0.5,
                )
            pen.rect(
                (x + 2 * u, ay + 4 * u, x + bw - 2 * u, street - 0.5 * u),
                (255, 226, 150) if lit else (200, 228, 240),
                lit=lit,
            )
        else:
            dx = x + bw * 0.5
            pen.rect(
                (dx - 2.2 * u, street - 7 * u, dx + 2.2 * u, street), darken(c, 0.45), radius=u
            )
            pen.circle(dx + 1.3 * u, street - 3.5 * u, 0.35 * u, (250, 210, 90), line=0)
        x += bw
        i += 1
    # sidewalk
    pen.rect((-u, street, w + u, st.h + u), st.pal("ground", (206, 200, 196)), line=0)
    pen.rect((-u, street, w + u, street + 1.2 * u), (176, 168, 168), line=0)
    y = street + 5 * u
    step = 5 * u
    while y < st.h:
        pen.line([(-u, y), (w + u, y)], (186, 180, 178), 0.25 * u)
        step *= 1.35
        y += step
    for k in range(-2, 24):
        x0 = w / 2 + (k - 10) * 9 * u
        pen.line(
            [(x0, street + 1.2 * u), (w / 2 + (x0 - w / 2) * 2.2, st.h + u)],
            (186, 180, 178),
            0.25 * u,
        )
    # street lamps and a little tree
    for lx in (st.away_x(0.35), st.hero_x - st.away * 22 * u):
        if -2 * u < lx < w + 2 * u:
            lamp_post(st, lx, street + 4 * u, 30 * u, lit)
    tx = st.away_x(0.75)
    pen.rect(
        (tx - 3 * u, street + 1 * u, tx + 3 * u, street + 5 * u), (170, 110, 80), radius=0.6 * u
    )
    round_tree(st, tx, street + 1.5 * u, 16 * u)
    st.floor_top = street + 5 * u
    st.sky_bottom = street - 42 * u
    st.shadow = (60, 60, 70)


def lamp_post(st: Stage, x: float, base: float, h: float, lit: bool) -> None:
    pen, u = st.pen, st.u
    pen.rect((x - 0.6 * u, base - h, x + 0.6 * u, base), (60, 70, 90), line=0.6)
    pen.rect((x - 1.4 * u, base - 2 * u, x + 1.4 * u, base), (60, 70, 90), line=0.6)
    top = base - h
    if lit:
        pen.glow(x, top - 1.5 * u, 8 * u, (255, 220, 140), 90)
    pen.polygon(
        [
            (x - 2 * u, top),
            (x + 2 * u, top),
            (x + 1.2 * u, top - 4 * u),
            (x - 1.2 * u, top - 4 * u),
        ],
        (255, 230, 150) if lit else (230, 236, 240),
        lit=lit,
    )
    pen.polygon(
        [(x - 2.6 * u, top - 4 * u), (x + 2.6 * u, top - 4 * u), (x, top - 6.5 * u)], (60, 70, 90)
    )


def paint_snow(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    stops = {
        "morning": [(0.0, (150, 190, 230)), (1.0, (250, 228, 230))],
        "day": [(0.0, (130, 180, 230)), (1.0, (226, 240, 252))],
        "sunset": [(0.0, (90, 90, 160)), (0.6, (220, 150, 170)), (1.0, (255, 200, 170))],
        "night": [(0.0, (12, 22, 60)), (1.0, (50, 70, 130))],
    }[st.time]
    sky(st, stops)
    sky_lights(st, st.away_x(0.5), 0.13 * st.h, 4.5 * u)
    if st.time == "night":
        for k in range(3):
            base = 0.12 * st.h + k * 3 * u
            waves = [(rng.uniform(0.6, 1.5), rng.uniform(0, math.tau))]
            crest = wave_line(-u, w + u, base, 5 * u, waves, 40)
            c = (90, 230, 170) if k != 1 else (120, 200, 240)
            for j in range(6):
                pen.line(
                    [(x, y + j * 1.6 * u) for x, y in crest], c, 1.6 * u, a=28 - j * 4, lit=True
                )
    # mountains
    mx = -10 * u
    while mx < w + 10 * u:
        mh = rng.uniform(16, 26) * u
        mw = mh * rng.uniform(1.1, 1.5)
        base = st.horizon + 2 * u
        col = mix((150, 170, 210), stops[-1][1], 0.35)
        pen.polygon([(mx - mw, base), (mx, base - mh), (mx + mw, base)], col, line=0.6)
        pen.polygon(
            [(mx, base - mh), (mx + mw, base), (mx + mw * 0.3, base)], darken(col, 0.08), line=0
        )
        pen.polygon(
            [
                (mx - mw * 0.3, base - mh * 0.7),
                (mx, base - mh),
                (mx + mw * 0.3, base - mh * 0.7),
                (mx + mw * 0.12, base - mh * 0.62),
                (mx - mw * 0.1, base - mh * 0.72),
            ],
            (250, 252, 255),
            line=0,
        )
        mx += mw * rng.uniform(1.0, 1.5)
    hill(st, st.horizon + 1 * u, 3 * u, (226, 236, 250), rim=1.0)
    far_leaf = (70, 120, 110)
    for _ in range(9):
        tx = rng.uniform(0, w)
        pine_tree(
            st,
            tx,
            st.horizon + rng.uniform(3, 6) * u,
            rng.uniform(9, 14) * u,
            far_leaf,
            snow=True,
            line=0.6,
        )
    if rng.random() < 0.7:
        cabin(st, st.away_x(rng.uniform(0.4, 0.7)), st.horizon + 6 * u, 12 * u)
    crest = hill(
        st, st.horizon + 9 * u, 2.5 * u, st.pal("ground", (240, 246, 255)), rim=1.2, freq=0.7
    )
    low = max(y for _, y in crest)
    for _ in range(3):
        sx = rng.uniform(0, w)
        sy = rng.uniform(low + 4 * u, st.h)
        pen.ellipse(
            (sx - 14 * u, sy - 1.2 * u, sx + 14 * u, sy + 1.2 * u), (214, 228, 248), a=120, line=0
        )
    for edge in (0.04, 0.96):
        ex = edge * w
        if abs(ex - st.hero_x) > 20 * u:
            pine_tree(
                st,
                ex,
                st.h * rng.uniform(0.8, 0.9),
                rng.uniform(28, 36) * u,
                (50, 110, 90),
                snow=True,
            )
    flake = (255, 255, 255)
    for _ in range(int(w / u * 1.3)):
        x, y = rng.uniform(0, w), rng.uniform(0, st.h)
        pen.circle(
            x, y, rng.uniform(0.2, 0.6) * u, flake, a=rng.randint(150, 240), line=0, lit=True
        )
    for _ in range(10):
        x, y, r = rng.uniform(0, w), rng.uniform(0, st.h * 0.8), rng.uniform(0.8, 1.4) * u
        for k in range(3):
            ang = math.pi * k / 3
            dx, dy = math.cos(ang) * r, math.sin(ang) * r
            pen.line([(x - dx, y - dy), (x + dx, y + dy)], flake, 0.22 * u, a=220, lit=True)
    st.floor_top = low + 4 * u
    st.sky_bottom = st.horizon - 12 * u
    st.shadow = (90, 110, 170)


def cabin(st: Stage, x: float, base: float, s: float) -> None:
    pen, u = st.pen, st.u
    lit = st.time in ("night", "sunset")
    pen.rect((x - s * 0.6, base - s * 0.6, x + s * 0.6, base), (176, 110, 80))
    for k in range(1, 4):
        y = base - s * 0.15 * k
        pen.line([(x - s * 0.6, y), (x + s * 0.6, y)], (140, 84, 60), 0.2 * u)
    pen.rect((x + s * 0.25, base - s * 1.05, x + s * 0.42, base - s * 0.6), (150, 100, 90))
    pen.polygon(
        [(x - s * 0.78, base - s * 0.55), (x, base - s * 1.1), (x + s * 0.78, base - s * 0.55)],
        (250, 252, 255),
    )
    if lit:
        pen.glow(x - s * 0.25, base - s * 0.32, s * 0.5, (255, 210, 120), 60)
    pen.rect(
        (x - s * 0.38, base - s * 0.45, x - s * 0.12, base - s * 0.2),
        (255, 220, 130) if lit else (150, 190, 220),
        lit=lit,
        line=0.6,
    )
    pen.rect((x + s * 0.08, base - s * 0.42, x + s * 0.32, base), (110, 70, 50), line=0.6)
    for k in range(4):
        pen.circle(
            x + s * (0.34 + 0.07 * k),
            base - s * (1.2 + 0.18 * k),
            s * (0.07 + 0.03 * k),
            (240, 240, 250),
            a=160 - k * 30,
            line=0,
        )


def paint_desert(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    stops = {
        "morning": [(0.0, (130, 180, 230)), (1.0, (255, 220, 180))],
        "day": [(0.0, (90, 170, 232)), (0.7, (186, 222, 240)), (1.0, (255, 236, 196))],
        "sunset": SKIES["sunset"],
        "night": SKIES["night"],
    }[st.time]
    sky(st, stops)
    if st.time == "day":
        sun(st, st.away_x(0.5), 0.15 * st.h, 7 * u)
    else:
        sky_lights(st, st.away_x(0.5), 0.14 * st.h, 5 * u)
    if st.time in ("day", "morning"):
        clouds(st, 2, st.horizon - 20 * u)
    haze = stops[-1][1]
    # mesas and maybe pyramids far away
    for _ in range(2):
        mx = rng.uniform(0.05, 0.95) * w
        mw, mh = rng.uniform(10, 18) * u, rng.uniform(6, 11) * u
        col = mix((206, 120, 90), haze, 0.45)
        base = st.horizon + u
        pen.polygon(
            [
                (mx - mw, base),
                (mx - mw * 0.75, base - mh),
                (mx + mw * 0.75, base - mh),
                (mx + mw, base),
            ],
            col,
            line=0.5,
        )
        pen.rect(
            (mx - mw * 0.75, base - mh, mx + mw * 0.75, base - mh + 1.4 * u),
            lighten(col, 0.2),
            line=0,
        )
    if rng.random() < 0.4:
        px = st.away_x(0.6)
        for dx, s in ((0, 12), (13, 8)):
            base = st.horizon + u
            x = px + dx * u * st.away
            pen.polygon(
                [(x - s * u, base), (x, base - s * u * 0.85), (x + s * u, base)],
                mix((230, 190, 120), haze, 0.3),
                line=0.5,
            )
            pen.polygon(
                [(x, base - s * u * 0.85), (x + s * u, base), (x + s * u * 0.2, base)],
                mix((200, 150, 90), haze, 0.3),
                line=0,
            )
    colours = [(246, 214, 150), (236, 194, 124), st.pal("ground", (226, 174, 106))]
    low = st.horizon
    for k, c in enumerate(colours):
        crest = hill(st, st.horizon + (2 + k * 7) * u, (3 + k) * u, c, rim=1.4, freq=0.5 + 0.3 * k)
        low = max(y for _, y in crest)
        if k == 0:
            for _ in range(3):
                x = rng.uniform(0, w)
                cactus(st.pen, x, crest_y(crest, x) + 3 * u, rng.uniform(7, 10) * u, 0.6)
    for edge in (0, 1):
        x = rng.uniform(0.04, 0.2) * w if edge == 0 else rng.uniform(0.8, 0.96) * w
        if abs(x - st.hero_x) > 16 * u:
            cactus(pen, x, st.h * rng.uniform(0.82, 0.92), rng.uniform(22, 30) * u, 1.0)
    for _ in range(5):
        rx = rng.uniform(0, w)
        if abs(rx - st.hero_x) < 10 * u:
            continue
        ry = rng.uniform(low + 2 * u, st.h)
        r = rng.uniform(1.5, 3.5) * u
        pen.ellipse((rx - r * 1.4, ry - r, rx + r * 1.4, ry + r * 0.3), (196, 140, 110))
        pen.ellipse(
            (rx - r * 1.0, ry - r * 0.9, rx + r * 0.2, ry - r * 0.2), (214, 166, 136), line=0
        )
    for _ in range(int(w / u * 0.6)):
        pen.circle(rng.uniform(0, w), rng.uniform(low, st.h), 0.2 * u, (206, 160, 100), line=0)
    st.floor_top = low + 2 * u
    st.sky_bottom = st.horizon - 8 * u
    st.shadow = (160, 100, 60)


def cactus(pen: Pen, x: float, base: float, h: float, detail: float) -> None:
    green = (96, 164, 104)
    bw = h * 0.16
    pen.rect((x - bw / 2, base - h, x + bw / 2, base), green, radius=bw / 2, line=detail)
    for side, arm_y, arm_h in ((-1, 0.55, 0.28), (1, 0.42, 0.3)):
        ax = x + side * bw * 1.25
        ay = base - h * arm_y
        pen.rect(
            (min(x, ax), ay - bw * 0.32, max(x, ax), ay + bw * 0.32),
            green,
            line=detail,
            radius=bw * 0.3,
        )
        pen.rect(
            (ax - bw * 0.35, ay - h * arm_h, ax + bw * 0.35, ay + bw * 0.3),
            green,
            radius=bw * 0.35,
            line=detail,
        )
    pen.rect((x - bw / 2, base - h, x + bw / 2, base), green, radius=bw / 2, line=0)
    pen.line(
        [(x - bw * 0.15, base - h * 0.9), (x - bw * 0.15, base - h * 0.05)],
        lighten(green, 0.25),
        bw * 0.12,
    )
    if detail >= 1:
        pen.circle(x, base - h, bw * 0.3, (250, 130, 170), line=0.6)


def paint_home(st: Stage) -> None:
    pen, rng, look, u, w = st.pen, st.rng, st.look, st.u, st.w
    st.indoor = True
    floor_y = max(st.horizon, st.h * 0.6)
    st.horizon = floor_y
    wall = look.choice(
        [(246, 228, 204), (214, 234, 220), (238, 214, 226), (214, 226, 244), (250, 236, 190)]
    )
    pattern = look.choice(["stripes", "dots", "diamonds"])
    pen.rect((-u, -u, w + u, floor_y + u), wall, line=0)
    light = lighten(wall, 0.35)
    if pattern == "stripes":
        x = 0.0
        while x < w:
            pen.rect((x, -u, x + 3 * u, floor_y), light, line=0)
            x += 7 * u
    elif pattern == "dots":
        for row in range(int(floor_y / (6 * u)) + 1):
            for col in range(int(w / (6 * u)) + 2):
                pen.circle(
                    col * 6 * u + (row % 2) * 3 * u, row * 6 * u + 3 * u, 0.8 * u, light, line=0
                )
    else:
        for row in range(int(floor_y / (8 * u)) + 1):
            for col in range(int(w / (8 * u)) + 2):
                dx, dy = col * 8 * u + (row % 2) * 4 * u, row * 8 * u + 4 * u
                pen.polygon(
                    [
                        (dx, dy - 1.2 * u),
                        (dx + 0.8 * u, dy),
                        (dx, dy + 1.2 * u),
                        (dx - 0.8 * u, dy),
                    ],
                    light,
                    line=0,
                )
    # window on the free side, showing the sky outside
    wx = st.away_x(rng.uniform(0.35, 0.55))
    wy0, wy1 = 0.14 * st.h, floor_y - 16 * u
    ww = min(24 * u, (wy1 - wy0) * 0.8)
    inside = (wx - ww / 2, wy0, wx + ww / 2, wy1)
    pen.rect(
        (inside[0] - 1.6 * u, wy0 - 1.6 * u, inside[2] + 1.6 * u, wy1 + 1.6 * u), (250, 250, 246)
    )
    view = gradient((round(ww), round(wy1 - wy0)), SKIES[st.time])
    st.img.paste(view, (round(inside[0]), round(wy0)))
    with sharp(st.img, inside, pen, 1) as vp:
        outside = Stage(st.img, vp.tinted(0), st.time, rng, look, wx, wy1, wy1, st.away)
        if st.time == "night":
            for _ in range(14):
                vp.circle(
                    rng.uniform(inside[0], inside[2]),
                    rng.uniform(wy0, wy1 - 6 * u),
                    rng.uniform(0.15, 0.35) * u,
                    (255, 250, 220),
                    line=0,
                    lit=True,
                )
            moon(outside, wx + ww * 0.2, wy0 + 6 * u, 3 * u)
        elif st.time == "sunset":
            sun(outside, wx, wy1 - 5 * u, 4 * u)
        else:
            sun(outside, wx + ww * 0.22, wy0 + 6 * u, 2.6 * u)
            cloud(outside, wx - ww * 0.15, wy0 + 10 * u, 9 * u)
        vp.ellipse((wx - ww, wy1 - 7 * u, wx + ww * 0.6, wy1 + 8 * u), (110, 170, 100), line=0)
        vp.ellipse((wx - ww * 0.2, wy1 - 5 * u, wx + ww, wy1 + 8 * u), (90, 150, 90), line=0)
    pen.rect((wx - 0.5 * u, wy0, wx + 0.5 * u, wy1), (250, 250, 246), line=0)
    pen.rect(
        (inside[0], (wy0 + wy1) / 2 - 0.5 * u, inside[2], (wy0 + wy1) / 2 + 0.5 * u),
        (250, 250, 246),
        line=0,
    )
    pen.rect((inside[0] - 3 * u, wy1 + 1 * u, inside[2] + 3 * u, wy1 + 2.8 * u), (236, 230, 220))
    curtain = look.choice([(230, 110, 120), (110, 160, 220), (240, 190, 90), (150, 120, 200)])
    for side in (-1, 1):
        outer = wx + side * (ww / 2 + 5 * u)
        inner = wx + side * (ww / 2 - 3 * u)
        top, low_y = wy0 - 3 * u, wy1 + 4 * u
        tie = wy0 + (wy1 - wy0) * 0.62
        pen.polygon(
            [
                (inner, top),
                (outer, top),
                (outer, low_y),
                (outer - side * 4.5 * u, low_y),
                (outer - side * 3.2 * u, tie),
                (inner + side * 0.5 * u, (top + tie) / 2),
            ],
            curtain,
        )
        for k in (0.3, 0.6):
            fx = outer - side * 4.5 * u * k
            pen.line(
                [(inner + (outer - inner) * k, top + u), (fx, tie)], darken(curtain, 0.15), 0.4 * u
            )
        pen.rect(
            (
                outer - side * 3.8 * u - 1.2 * u,
                tie - 0.8 * u,
                outer - side * 3.8 * u + 2.4 * u,
                tie + 0.8 * u,
            ),
            darken(curtain, 0.25),
            radius=0.6 * u,
        )
    pen.rect(
        (inside[0] - 8 * u, wy0 - 4 * u, inside[2] + 8 * u, wy0 - 2.6 * u),
        (150, 110, 80),
        radius=0.7 * u,
    )
    plant_pot(pen, wx - ww * 0.28, wy1 + 1 * u, 5 * u)
    st.keep_clear.append((inside[0] - 8 * u, wy0 - 4 * u, inside[2] + 8 * u, wy1 + 4 * u))
    # a picture on the wall, on the hero's side
    fx = st.hero_x - st.away * rng.uniform(6, 16) * u
    if 8 * u < fx < w - 8 * u:
        fy = 0.12 * st.h
        pen.rect((fx - 7 * u, fy, fx + 7 * u, fy + 9 * u), (190, 140, 90))
        st.keep_clear.append((fx - 7 * u, fy, fx + 7 * u, fy + 9 * u))
        pen.rect((fx - 5.8 * u, fy + 1.2 * u, fx + 5.8 * u, fy + 7.8 * u), (200, 230, 246), line=0)
        pen.polygon(
            [
                (fx - 5.8 * u, fy + 7.8 * u),
                (fx - 2 * u, fy + 3.5 * u),
                (fx + 1 * u, fy + 6 * u),
                (fx + 3 * u, fy + 4.5 * u),
                (fx + 5.8 * u, fy + 7.8 * u),
            ],
            (110, 170, 110),
            line=0,
        )
        pen.circle(fx + 3 * u, fy + 3 * u, 1 * u, (250, 200, 80), line=0)
    # bookshelf on the far edge of the free side
    bx = w - 9 * u if st.away > 0 else 9 * u
    if abs(bx - wx) > ww / 2 + 14 * u:
        top = floor_y - 30 * u
        st.keep_clear.append((bx - 8 * u, top, bx + 8 * u, floor_y))
        pen.rect((bx - 8 * u, top, bx + 8 * u, floor_y + 1 * u), (176, 122, 84))
        for shelf in range(3):
            sy = top + 1.5 * u + shelf * 9.5 * u
            pen.rect((bx - 6.8 * u, sy, bx + 6.8 * u, sy + 8 * u), (130, 88, 60), line=0)
            x = bx - 6.5 * u
            while x < bx + 5.5 * u:
                bw = rng.uniform(1.2, 2.2) * u
                bh = rng.uniform(5, 7.5) * u
                pen.rect(
                    (x, sy + 8 * u - bh, x + bw, sy + 8 * u),
                    rng.choice(
                        [
                            (220, 90, 90),
                            (90, 150, 220),
                            (240, 200, 90),
                            (110, 180, 120),
                            (180, 120, 200),
                        ]
                    ),
                    line=0.6,
                )
                x += bw + 0.2 * u
    # floor and skirting board
    pen.rect((-u, floor_y, w + u, st.h + u), (204, 150, 104), line=0)
    y = floor_y + 3 * u
    step = 3 * u
    while y < st.h:
        pen.line([(-u, y), (w + u, y)], (180, 128, 88), 0.3 * u)
        for _ in range(3):
            jx = rng.uniform(0, w)
            pen.line([(jx, y - step), (jx, y)], (180, 128, 88), 0.25 * u)
        step *= 1.25
        y += step
    pen.rect((-u, floor_y - 2.2 * u, w + u, floor_y + 0.6 * u), (250, 246, 236))
    # the rug under the hero
    rug = look.choice(
        [(220, 100, 100), (90, 140, 210), (120, 180, 120), (230, 170, 80), (170, 110, 190)]
    )
    rx, ry = st.hero_x, st.feet_y
    rw, rh = 30 * u, 7 * u
    pen.ellipse((rx - rw, ry - rh, rx + rw, ry + rh), rug)
    pen.ellipse(
        (rx - rw * 0.86, ry - rh * 0.8, rx + rw * 0.86, ry + rh * 0.8), lighten(rug, 0.3), line=0
    )
    pen.ellipse((rx - rw * 0.7, ry - rh * 0.62, rx + rw * 0.7, ry + rh * 0.62), rug, line=0)
    pen.ellipse(
        (rx - rw * 0.5, ry - rh * 0.42, rx + rw * 0.5, ry + rh * 0.42), lighten(rug, 0.45), line=0
    )
    # a lamp between the hero and the window
    lx = st.hero_x + st.away * rng.uniform(18, 24) * u
    lamp_on = st.time in ("night", "sunset")
    if 6 * u < lx < w - 6 * u:
        table = floor_y + 6 * u
        pen.rect((lx - 5 * u, table - 9 * u, lx + 5 * u, table - 8 * u), (160, 110, 80))
        pen.rect((lx - 4.4 * u, table - 8 * u, lx - 3.6 * u, table), (150, 100, 70))
        pen.rect((lx + 3.6 * u, table - 8 * u, lx + 4.4 * u, table), (150, 100, 70))
        pen.rect((lx - 0.4 * u, table - 15 * u, lx + 0.4 * u, table - 9 * u), (120, 100, 90))
        if lamp_on:
            pen.glow(lx, table - 17 * u, 16 * u, (255, 220, 150), 110)
        shade = (255, 226, 150) if lamp_on else (246, 220, 170)
        pen.polygon(
            [
                (lx - 3 * u, table - 20 * u),
                (lx + 3 * u, table - 20 * u),
                (lx + 5 * u, table - 14.5 * u),
                (lx - 5 * u, table - 14.5 * u),
            ],
            shade,
            lit=lamp_on,
        )
        st.keep_clear.append((lx - 6 * u, table - 21 * u, lx + 6 * u, table))
    st.floor_top = floor_y + 6 * u
    st.sky_bottom = floor_y - 22 * u
    st.shadow = (100, 60, 40)


def plant_pot(pen: Pen, x: float, base: float, s: float) -> None:
    for ang in (-150, -120, -90, -60, -30):
        a = math.radians(ang)
        pen.ellipse(
            (
                x + math.cos(a) * s * 0.7 - s * 0.3,
                base - s * 0.8 + math.sin(a) * s * 0.7 - s * 0.3,
                x + math.cos(a) * s * 0.7 + s * 0.3,
                base - s * 0.8 + math.sin(a) * s * 0.7 + s * 0.3,
            ),
            (90, 160, 90),
        )
    pen.polygon(
        [
            (x - s * 0.5, base - s * 0.8),
            (x + s * 0.5, base - s * 0.8),
            (x + s * 0.38, base),
            (x - s * 0.38, base),
        ],
        (214, 120, 90),
    )


def paint_meadow(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    sky(st)
    sky_lights(st, st.away_x(0.55), 0.14 * st.h, 5 * u)
    if st.time != "night":
        clouds(st, 4, st.horizon - 12 * u)
    haze = SKIES[st.time][-1][1]
    hill(st, st.horizon - 6 * u, 5 * u, mix((120, 180, 120), haze, 0.45), rim=0, freq=0.8)
    hill(st, st.horizon - 1 * u, 4 * u, mix((140, 196, 100), haze, 0.2), rim=0.8, freq=0.9)
    # a big tree on the free side, and far trees
    for _ in range(4):
        fx = rng.uniform(0, w)
        round_tree(
            st, fx, st.horizon + 1 * u, rng.uniform(7, 10) * u, mix((90, 150, 90), haze, 0.3)
        )
    crest = hill(
        st, st.horizon + 5 * u, 2.5 * u, st.pal("ground", (128, 196, 92)), rim=1.0, freq=0.6
    )
    low = max(y for _, y in crest)
    tx = st.away_x(rng.uniform(0.55, 0.8))
    round_tree(
        st,
        tx,
        crest_y(crest, tx) + 10 * u,
        34 * u,
        (100, 172, 84),
        fruit=(230, 80, 70) if rng.random() < 0.5 else None,
    )
    st.keep_clear.append(
        (tx - 14 * u, crest_y(crest, tx) - 26 * u, tx + 14 * u, crest_y(crest, tx) + 10 * u)
    )
    # a winding path
    pts_l: list[Point] = []
    pts_r: list[Point] = []
    for k in range(11):
        t = k / 10
        y = low - 2 * u + t * (st.h - low + 4 * u)
        x = st.hero_x + math.sin(t * 2.6 + 1) * 10 * u * (1 - t) + st.away * 10 * u * (1 - t)
        half = (1 + 9 * t) * u
        pts_l.append((x - half, y))
        pts_r.append((x + half, y))
    pen.polygon([*pts_l, *reversed(pts_r)], (232, 214, 170), line=0.6)
    tufts(st, low, st.h, (96, 170, 80), int(w / u * 0.5))
    wildflowers(
        st,
        low + 2 * u,
        st.h,
        int(w / u * 0.25),
        [(250, 250, 250), (250, 210, 80), (240, 130, 170), (180, 140, 230)],
    )
    if st.time in ("day", "morning"):
        for _ in range(2):
            butterfly(
                st,
                rng.uniform(0.05, 0.95) * w,
                rng.uniform(st.horizon - 10 * u, st.horizon + 6 * u),
                1.5 * u,
            )
    elif st.time == "night":
        fireflies(st, 14)
    st.floor_top = low + 3 * u
    st.sky_bottom = st.horizon - 8 * u
    st.shadow = (40, 90, 40)


PAINTERS: dict[str, Callable[[Stage], None]] = {
    "space": paint_space,
    "garden": paint_garden,
    "forest": paint_forest,
    "ocean": paint_ocean,
    "castle": paint_castle,
    "city": paint_city,
    "snow": paint_snow,
    "desert": paint_desert,
    "home": paint_home,
    "meadow": paint_meadow,
}
