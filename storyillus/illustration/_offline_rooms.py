"""Interiors for the offline illustrator: a room of the place's colours and its fittings.

``paint_room`` draws the back wall (the palette's ``wall``), the floor (``floor``) and a
window showing the time of day, with curtains in the place's ``accent``; it leaves
``Stage.spots``, the places along the wall still free. Each fitting (a bed, an oven, a
blackboard...) takes the next spot, so the data file only lists what a room holds.
"""

from __future__ import annotations

import itertools
import math

from storyillus.illustration._offline_paint import Color, darken, gradient, lighten, sharp
from storyillus.illustration._offline_scenes import (
    SKIES,
    Stage,
    cloud,
    moon,
    plant_pot,
    sun,
)

WALL: Color = (236, 222, 200)
FLOOR: Color = (190, 140, 100)
ACCENT: Color = (220, 100, 90)
WOOD: Color = (160, 112, 76)
WHITE_WARE: Color = (246, 246, 242)
BRIGHT: tuple[Color, ...] = ((220, 90, 90), (90, 150, 220), (240, 200, 90), (110, 180, 120))


def floor_line(st: Stage) -> float:
    return st.horizon


def paint_room(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    st.indoor = True
    floor_y = max(st.horizon, st.h * 0.6)
    st.horizon = floor_y
    wall, floor = st.pal("wall", WALL), st.pal("floor", FLOOR)
    pen.rect((-u, -u, w + u, floor_y + u), wall, line=0)
    stripe = lighten(wall, 0.12) if sum(wall) < 600 else darken(wall, 0.04)
    x = 0.0
    while x < w:
        pen.rect((x, -u, x + 4 * u, floor_y), stripe, line=0)
        x += 10 * u
    pen.rect((-u, floor_y, w + u, st.h + u), floor, line=0)
    y, step = floor_y + 3 * u, 3 * u
    seam = darken(floor, 0.12)
    while y < st.h:
        pen.line([(-u, y), (w + u, y)], seam, 0.3 * u)
        step *= 1.25
        y += step
    pen.rect((-u, floor_y - 2.2 * u, w + u, floor_y + 0.6 * u), lighten(wall, 0.5))
    window_x = st.away_x(rng.uniform(0.35, 0.55))
    if not st.skip_lights:
        window(st, window_x, 0.12 * st.h, floor_y - 17 * u, min(22 * u, w * 0.22))
    # wall spots for the fittings: away from the window, furthest from the hero first
    xs = [w * frac for frac in (0.17, 0.39, 0.61, 0.83)]
    free = [x for x in xs if st.skip_lights or abs(x - window_x) > 19 * u]
    st.spots = sorted(free, key=lambda x: -abs(x - st.hero_x))
    st.floor_top = floor_y + 6 * u
    st.sky_bottom = floor_y - 24 * u
    st.shadow = darken(floor, 0.5)


def take(st: Stage) -> float:
    """The next free spot along the wall (the middle of the page when none is left)."""
    return st.spots.pop(0) if st.spots else st.w / 2


def view(st: Stage, box: tuple[float, float, float, float]) -> None:
    """The outside seen through a window: the time's sky, its light and a green hill."""
    x0, y0, x1, y1 = box
    u = st.u
    st.img.paste(
        gradient((max(1, round(x1 - x0)), max(1, round(y1 - y0))), SKIES[st.time]),
        (round(x0), round(y0)),
    )
    with sharp(st.img, box, st.pen, 1) as vp:
        cx = (x0 + x1) / 2
        outside = Stage(st.img, vp.tinted(0), st.time, st.rng, st.look, cx, y1, y1, st.away)
        if st.time == "night":
            for _ in range(10):
                vp.circle(
                    st.rng.uniform(x0, x1),
                    st.rng.uniform(y0, y1 - 4 * u),
                    0.25 * u,
                    (255, 250, 220),
                    line=0,
                    lit=True,
                )
            moon(outside, cx + (x1 - x0) * 0.2, y0 + 5 * u, 2.6 * u)
        elif st.time == "sunset":
            sun(outside, cx, y1 - 4 * u, 3.5 * u)
        else:
            sun(outside, cx + (x1 - x0) * 0.22, y0 + 5 * u, 2.4 * u)
            cloud(outside, cx - (x1 - x0) * 0.15, y0 + 9 * u, 8 * u)
        hill = (110, 170, 100) if st.time != "night" else (50, 70, 90)
        vp.ellipse((x0 - (x1 - x0) * 0.5, y1 - 5 * u, x1, y1 + 8 * u), hill, line=0)


def window(st: Stage, x: float, y0: float, y1: float, ww: float) -> None:
    pen, u = st.pen, st.u
    frame = (250, 250, 246)
    inside = (x - ww / 2, y0, x + ww / 2, y1)
    pen.rect((inside[0] - 1.6 * u, y0 - 1.6 * u, inside[2] + 1.6 * u, y1 + 1.6 * u), frame)
    view(st, inside)
    pen.rect((x - 0.5 * u, y0, x + 0.5 * u, y1), frame, line=0)
    pen.rect(
        (inside[0], (y0 + y1) / 2 - 0.5 * u, inside[2], (y0 + y1) / 2 + 0.5 * u), frame, line=0
    )
    pen.rect((inside[0] - 3 * u, y1 + 1 * u, inside[2] + 3 * u, y1 + 2.8 * u), (236, 230, 220))
    curtain = st.pal("accent", ACCENT)
    for side in (-1, 1):
        outer = x + side * (ww / 2 + 5 * u)
        inner = x + side * (ww / 2 - 3 * u)
        top, low = y0 - 3 * u, y1 + 4 * u
        tie = y0 + (y1 - y0) * 0.62
        pen.polygon(
            [
                (inner, top),
                (outer, top),
                (outer, low),
                (outer - side * 4.5 * u, low),
                (outer - side * 3.2 * u, tie),
                (inner + side * 0.5 * u, (top + tie) / 2),
            ],
            curtain,
        )
    pen.rect((inside[0] - 8 * u, y0 - 4 * u, inside[2] + 8 * u, y0 - 2.6 * u), WOOD, radius=0.7 * u)
    st.keep_clear.append((inside[0] - 8 * u, y0 - 4 * u, inside[2] + 8 * u, y1 + 4 * u))


# ---------------------------------------------------------------------------------
# Fittings: each takes a spot along the wall (or the whole wall) and draws itself
# ---------------------------------------------------------------------------------


def bed(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    accent = st.pal("accent", ACCENT)
    pen.rect((x - 15 * u, fy - 16 * u, x - 12 * u, fy + 4 * u), WOOD, radius=u)
    pen.rect((x + 12 * u, fy - 9 * u, x + 15 * u, fy + 4 * u), WOOD, radius=u)
    pen.rect((x - 13 * u, fy - 6 * u, x + 13 * u, fy + 1 * u), WHITE_WARE, radius=u)
    pen.ellipse((x - 12 * u, fy - 10 * u, x - 4 * u, fy - 5 * u), WHITE_WARE)
    pen.rect((x - 6 * u, fy - 7 * u, x + 13.5 * u, fy + 2 * u), accent, radius=1.5 * u)
    for k in range(3):
        pen.line(
            [(x - 2 * u + k * 5 * u, fy - 6 * u), (x - 2 * u + k * 5 * u, fy + 1.5 * u)],
            lighten(accent, 0.35),
            0.5 * u,
        )


def wardrobe(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    pen.rect((x - 8 * u, fy - 30 * u, x + 8 * u, fy + 1 * u), WOOD)
    pen.line([(x, fy - 29 * u), (x, fy)], darken(WOOD, 0.3), 0.4 * u)
    for side in (-1, 1):
        pen.circle(x + side * 1.4 * u, fy - 15 * u, 0.6 * u, (240, 210, 120))
        pen.rect(
            (x + side * 6.5 * u - 2 * u, fy - 27 * u, x + side * 2 * u, fy - 18 * u),
            lighten(WOOD, 0.15),
            line=0.5,
        )


def counter(st: Stage, width: float = 16.0, top_colour: Color | None = None) -> float:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    accent = st.pal("accent", ACCENT)
    for row in range(3):
        for col in range(int(width * 2 / 3) + 1):
            tx = x - width * u + col * 3 * u
            pen.rect(
                (tx, fy - 22 * u + row * 3 * u, tx + 2.8 * u, fy - 19.2 * u + row * 3 * u),
                accent if (row + col) % 2 else lighten(accent, 0.6),
                line=0,
            )
    pen.rect((x - width * u, fy - 12 * u, x + width * u, fy + 1 * u), lighten(WOOD, 0.25))
    pen.rect(
        (x - width * u - u, fy - 13.5 * u, x + width * u + u, fy - 11.5 * u),
        top_colour or (230, 226, 220),
    )
    for k in range(int(width / 6) + 1):
        dx = x - width * u + (k + 0.5) * 12 * u
        if dx < x + width * u:
            pen.circle(dx, fy - 7 * u, 0.6 * u, darken(WOOD, 0.3))
    return x


def oven(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    accent = st.pal("accent", ACCENT)
    pen.rect((x - 8 * u, fy - 16 * u, x + 8 * u, fy + 1 * u), (236, 236, 232))
    pen.rect((x - 6 * u, fy - 10 * u, x + 6 * u, fy - 1 * u), (70, 60, 60))
    pen.rect((x - 5 * u, fy - 9 * u, x + 5 * u, fy - 2 * u), (250, 170, 90), a=150, lit=True)
    for k in range(4):
        pen.circle(x - 4.5 * u + k * 3 * u, fy - 13.5 * u, 0.9 * u, accent)
    pen.rect((x - 4 * u, fy - 22 * u, x + 4 * u, fy - 16 * u), accent, radius=2 * u)


def hanging_pans(st: Stage) -> None:
    pen, u = st.pen, st.u
    x = take(st) if st.spots else st.w / 2
    y = st.h * 0.12
    pen.line([(x - 12 * u, y), (x + 12 * u, y)], (120, 110, 110), 0.6 * u)
    for k in range(4):
        px = x - 9 * u + k * 6 * u
        r = (2.2 + (k % 2)) * u
        pen.line([(px, y), (px, y + 3 * u)], (120, 110, 110), 0.3 * u)
        pen.circle(px, y + 3 * u + r, r, (180, 110, 80) if k % 2 else (120, 120, 130))


def blackboard(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    board = st.pal("accent", (47, 111, 79))
    x0, x1, y0, y1 = x - 20 * u, x + 20 * u, fy - 36 * u, fy - 14 * u
    pen.rect((x0 - 1.5 * u, y0 - 1.5 * u, x1 + 1.5 * u, y1 + 1.5 * u), WOOD)
    pen.rect((x0, y0, x1, y1), board)
    chalk = (244, 244, 236)
    for k, (dx, dy) in enumerate(((-16, 4), (-6, 4), (4, 4))):
        cx, cy = x + dx * u, y0 + dy * u
        pen.line([(cx, cy + 4 * u), (cx + 2 * u, cy), (cx + 4 * u, cy + 4 * u)], chalk, 0.4 * u)
        if k == 2:
            pen.circle(cx + 10 * u, cy + 2 * u, 2 * u, chalk, a=0)
            pen.arc((cx + 8 * u, cy, cx + 12 * u, cy + 4 * u), 0, 360, chalk, 0.4 * u)
    pen.line([(x0 + 3 * u, y1 - 6 * u), (x1 - 8 * u, y1 - 6 * u)], chalk, 0.3 * u)
    pen.line([(x0 + 3 * u, y1 - 3 * u), (x1 - 14 * u, y1 - 3 * u)], chalk, 0.3 * u)
    pen.rect((x0, y1 + 1.5 * u, x1, y1 + 2.5 * u), WOOD, line=0)
    st.keep_clear.append((x0, y0, x1, y1))


def desks(st: Stage) -> None:
    pen, u, w, fy = st.pen, st.u, st.w, floor_line(st)
    top = (200, 160, 110)
    for k in range(5):
        x = w * (k + 0.5) / 5
        if abs(x - st.hero_x) < 14 * u:
            continue
        y = fy + 4 * u
        pen.rect((x - 6 * u, y - 6 * u, x - 5 * u, y + 2 * u), (120, 120, 130), line=0)
        pen.rect((x + 5 * u, y - 6 * u, x + 6 * u, y + 2 * u), (120, 120, 130), line=0)
        pen.rect((x - 7 * u, y - 7.5 * u, x + 7 * u, y - 5.5 * u), top)
        pen.rect((x - 3 * u, y - 9 * u, x + 1 * u, y - 7.5 * u), BRIGHT[k % 4], line=0.5)


def sofa(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    accent = st.pal("accent", ACCENT)
    pen.rect((x - 15 * u, fy - 14 * u, x + 15 * u, fy - 4 * u), accent, radius=3 * u)
    pen.rect((x - 16 * u, fy - 6 * u, x + 16 * u, fy + 1 * u), darken(accent, 0.12), radius=2 * u)
    for side in (-1, 1):
        pen.rect(
            (x + side * 17 * u - 2.5 * u, fy - 9 * u, x + side * 17 * u + 2.5 * u, fy + 1 * u),
            darken(accent, 0.2),
            radius=2 * u,
        )
    pen.rect((x - 10 * u, fy - 11 * u, x - 4 * u, fy - 5 * u), (250, 230, 170), radius=1.5 * u)


def fireplace(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    brick = (176, 96, 76)
    pen.rect((x - 11 * u, fy - 20 * u, x + 11 * u, fy + 1 * u), brick)
    for row in range(6):
        y = fy - 19 * u + row * 3.3 * u
        pen.line([(x - 11 * u, y), (x + 11 * u, y)], darken(brick, 0.2), 0.25 * u)
    pen.rect((x - 13 * u, fy - 22 * u, x + 13 * u, fy - 19.5 * u), (236, 226, 210))
    pen.chord((x - 6 * u, fy - 14 * u, x + 6 * u, fy + 4 * u), 180, 360, (50, 36, 36))
    pen.rect((x - 6 * u, fy - 5 * u, x + 6 * u, fy + 1 * u), (50, 36, 36), line=0)
    pen.glow(x, fy - 3 * u, 10 * u, (255, 180, 90), 90)
    for dx, h, c in ((-2, 6, (250, 120, 60)), (1.5, 7, (255, 170, 60)), (0, 4, (255, 230, 120))):
        pen.polygon(
            [(x + (dx - 2) * u, fy), (x + dx * u, fy - h * u), (x + (dx + 2) * u, fy)],
            c,
            line=0,
            lit=True,
        )


def shelf(st: Stage, x: float, width: float, height: float, rows: int, goods: str) -> None:
    pen, u, fy = st.pen, st.u, floor_line(st)
    top = fy - height * u
    pen.rect((x - width * u, top, x + width * u, fy + 1 * u), WOOD)
    step = (height - 2) / rows
    accent = st.pal("accent", ACCENT)
    colours = (accent, *BRIGHT)
    for row in range(rows):
        sy = top + 1.2 * u + row * step * u
        base = sy + (step - 1.2) * u
        pen.rect(
            (x - (width - 1.2) * u, sy, x + (width - 1.2) * u, base), darken(WOOD, 0.3), line=0
        )
        bx = x - (width - 1.5) * u
        k = row
        while bx < x + (width - 2.5) * u:
            c = colours[(k * 7 + row) % len(colours)]
            if goods == "books":
                bw = (1.2 + (k % 3) * 0.4) * u
                bh = (step - 2.5 - (k % 2)) * u
                pen.rect((bx, base - bh, bx + bw, base), c, line=0.6)
                bx += bw + 0.2 * u
            elif goods == "bread":
                pen.ellipse((bx, base - 2.6 * u, bx + 4.5 * u, base), (214, 160, 90))
                pen.line(
                    [(bx + 1.5 * u, base - 2.2 * u), (bx + 2.2 * u, base - 0.8 * u)],
                    (240, 210, 150),
                    0.3 * u,
                )
                bx += 5 * u
            elif goods == "toys":
                if k % 2:
                    pen.circle(bx + 1.8 * u, base - 1.8 * u, 1.8 * u, c)
                else:
                    pen.rect((bx, base - 3.2 * u, bx + 3.2 * u, base), c, radius=0.4 * u)
                bx += 4.2 * u
            elif goods == "tins":
                tin = (c, (190, 196, 206))[k % 2]
                pen.rect((bx, base - 3.4 * u, bx + 3 * u, base), tin, radius=0.3 * u)
                pen.rect(
                    (bx - 0.2 * u, base - 3.8 * u, bx + 3.2 * u, base - 3.2 * u), (150, 156, 166)
                )
                bx += 3.8 * u
            else:  # goods in a shop: tins and boxes
                bh = (2.5 + (k % 3)) * u
                pen.rect((bx, base - bh, bx + 2.6 * u, base), c, radius=0.5 * u if k % 2 else 0)
                bx += 3 * u
            k += 1


def bookshelves(st: Stage) -> None:
    for _ in range(2):
        shelf(st, take(st), 8, 34, 4, "books")


def reading_lamp(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    lit = st.time in ("night", "sunset")
    pen.rect((x - 3 * u, fy - 0.5 * u, x + 3 * u, fy + 1 * u), (90, 80, 80))
    pen.rect((x - 0.4 * u, fy - 24 * u, x + 0.4 * u, fy), (90, 80, 80), line=0)
    if lit:
        pen.glow(x, fy - 24 * u, 12 * u, (255, 220, 150), 100)
    pen.polygon(
        [
            (x - 2.5 * u, fy - 30 * u),
            (x + 2.5 * u, fy - 30 * u),
            (x + 4.5 * u, fy - 24 * u),
            (x - 4.5 * u, fy - 24 * u),
        ],
        st.pal("accent", ACCENT),
        lit=lit,
    )
    pen.rect((x - 5 * u, fy - 12 * u, x + 7 * u, fy - 2 * u), (150, 90, 70), radius=2 * u)


def shop_shelves(st: Stage) -> None:
    for _ in range(2):
        shelf(st, take(st), 9, 30, 3, "goods")


def till_counter(st: Stage) -> None:
    x = counter(st, 12, st.pal("accent", ACCENT))
    pen, u, fy = st.pen, st.u, floor_line(st)
    pen.rect((x + 2 * u, fy - 19 * u, x + 9 * u, fy - 13.5 * u), (90, 90, 100), radius=u)
    pen.rect((x + 3 * u, fy - 18 * u, x + 8 * u, fy - 16 * u), (160, 230, 170), line=0)
    pen.rect((x - 9 * u, fy - 17 * u, x - 3 * u, fy - 13.5 * u), (230, 190, 110))


def tiles(st: Stage) -> None:
    pen, u, w, fy = st.pen, st.u, st.w, floor_line(st)
    tile = st.pal("wall", WALL)
    top = fy - 24 * u
    pen.rect((-u, top, w + u, fy), tile, line=0)
    x = 0.0
    while x < w:
        pen.line([(x, top), (x, fy)], darken(tile, 0.12), 0.2 * u)
        x += 4 * u
    y = top
    while y < fy:
        pen.line([(0, y), (w, y)], darken(tile, 0.12), 0.2 * u)
        y += 4 * u


def bathtub(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    for k in range(7):
        pen.circle(
            x - 10 * u + k * 3.3 * u, fy - 10 * u - (k % 2) * u, 2.2 * u, (250, 252, 255), line=0.5
        )
    pen.rect((x - 15 * u, fy - 11 * u, x + 15 * u, fy + 1 * u), WHITE_WARE, radius=4 * u)
    pen.rect((x + 11 * u, fy - 17 * u, x + 12.5 * u, fy - 10 * u), (190, 196, 204), line=0.5)
    pen.rect((x + 8 * u, fy - 17.5 * u, x + 12.5 * u, fy - 16 * u), (190, 196, 204), line=0.5)
    duck = st.pal("accent", (242, 194, 48))
    pen.circle(x - 6 * u, fy - 12.5 * u, 1.8 * u, duck)
    pen.circle(x - 4.8 * u, fy - 14.5 * u, 1.2 * u, duck)
    pen.polygon(
        [(x - 3.8 * u, fy - 14.7 * u), (x - 2.5 * u, fy - 14.2 * u), (x - 3.8 * u, fy - 13.8 * u)],
        (240, 130, 60),
        line=0,
    )


def sink(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    pen.rect((x - 1.5 * u, fy - 12 * u, x + 1.5 * u, fy + 1 * u), WHITE_WARE)
    pen.chord((x - 6 * u, fy - 17 * u, x + 6 * u, fy - 9 * u), 0, 180, WHITE_WARE)
    pen.rect((x - 6 * u, fy - 14 * u, x + 6 * u, fy - 13 * u), WHITE_WARE, line=0)
    pen.rect((x - 0.4 * u, fy - 17 * u, x + 0.4 * u, fy - 14 * u), (190, 196, 204))
    pen.rect((x - 6 * u, fy - 33 * u, x + 6 * u, fy - 19 * u), (200, 230, 240), radius=3 * u)
    pen.line([(x - 3 * u, fy - 30 * u), (x - 1 * u, fy - 27 * u)], (250, 252, 255), 0.5 * u)
    pen.rect((x + 3 * u, fy - 17.5 * u, x + 4.5 * u, fy - 14 * u), st.pal("accent", ACCENT))


def train_windows(st: Stage) -> None:
    """A row of carriage windows along the whole wall, the country rushing past."""
    pen, u, w, fy = st.pen, st.u, st.w, floor_line(st)
    frame = st.pal("accent", (227, 194, 122))
    n = max(2, round(w / (26 * u)))
    span = w / n
    y0, y1 = 0.14 * st.h, fy - 20 * u
    for k in range(n):
        cx = (k + 0.5) * span
        box = (cx - span * 0.36, y0, cx + span * 0.36, y1)
        pen.rect(
            (box[0] - 1.4 * u, y0 - 1.4 * u, box[2] + 1.4 * u, y1 + 1.4 * u), frame, radius=2.5 * u
        )
        view(st, box)
        for j in range(3):
            lx = box[0] + (j + 0.3) * (box[2] - box[0]) / 3
            pen.line(
                [(lx, y1 - 9 * u + j * 2 * u), (lx + 5 * u, y1 - 9 * u + j * 2 * u)],
                (255, 255, 255),
                0.3 * u,
                a=150,
            )
    st.keep_clear.append((0, y0, w, y1))


def seats(st: Stage) -> None:
    pen, u, w, fy = st.pen, st.u, st.w, floor_line(st)
    seat = darken(st.pal("wall", (122, 59, 59)), 0.15)
    n = max(2, round(w / (26 * u)))
    span = w / n
    for k in range(n + 1):
        x = k * span
        pen.rect((x - 5 * u, fy - 17 * u, x + 5 * u, fy - 2 * u), lighten(seat, 0.15), radius=2 * u)
        pen.rect((x - 4 * u, fy - 18.5 * u, x + 4 * u, fy - 14 * u), (240, 236, 226), radius=u)
        pen.rect((x - 9 * u, fy - 4 * u, x + 9 * u, fy + 1 * u), seat, radius=1.5 * u)


def luggage_rack(st: Stage) -> None:
    pen, u, w = st.pen, st.u, st.w
    y = 0.08 * st.h
    pen.line([(-u, y), (w + u, y)], (200, 200, 206), 0.6 * u)
    pen.line([(-u, y + 2 * u), (w + u, y + 2 * u)], (200, 200, 206), 0.4 * u)
    for k, x in enumerate((0.2, 0.55, 0.85)):
        c = BRIGHT[k]
        pen.rect((x * w - 5 * u, y - 6 * u, x * w + 5 * u, y), c, radius=u)
        pen.rect((x * w - 1.5 * u, y - 7.5 * u, x * w + 1.5 * u, y - 6 * u), darken(c, 0.3), line=0)


def bakery_counter(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    accent = st.pal("accent", ACCENT)
    pen.rect((x - 15 * u, fy - 10 * u, x + 15 * u, fy + 1 * u), lighten(WOOD, 0.3))
    pen.rect((x - 15 * u, fy - 22 * u, x + 15 * u, fy - 10 * u), (220, 240, 250), a=160)
    pen.rect((x - 15.5 * u, fy - 11 * u, x + 15.5 * u, fy - 9.5 * u), accent)
    for k in range(4):
        cx = x - 11 * u + k * 7.3 * u
        pen.rect(
            (cx - 2.5 * u, fy - 16 * u, cx + 2.5 * u, fy - 11 * u), (250, 236, 220), radius=0.8 * u
        )
        pen.chord(
            (cx - 2.8 * u, fy - 18.5 * u, cx + 2.8 * u, fy - 13.5 * u),
            180,
            360,
            accent if k % 2 else (140, 90, 60),
        )
        pen.circle(cx, fy - 18.6 * u, 0.7 * u, (220, 60, 70))
    pen.rect((x - 15 * u, fy - 23 * u, x + 15 * u, fy - 22 * u), (180, 196, 204), line=0)


def bread_shelves(st: Stage) -> None:
    shelf(st, take(st), 10, 28, 3, "bread")


def brick_oven(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    brick = (196, 120, 90)
    pen.chord((x - 12 * u, fy - 30 * u, x + 12 * u, fy - 2 * u), 180, 360, brick)
    pen.rect((x - 12 * u, fy - 16 * u, x + 12 * u, fy + 1 * u), brick)
    pen.chord((x - 6 * u, fy - 14 * u, x + 6 * u, fy - 2 * u), 180, 360, (60, 40, 36))
    pen.rect((x - 6 * u, fy - 8 * u, x + 6 * u, fy - 3 * u), (60, 40, 36), line=0)
    pen.glow(x, fy - 5 * u, 8 * u, (255, 170, 80), 90)
    pen.ellipse((x - 3 * u, fy - 7 * u, x + 3 * u, fy - 3.5 * u), (230, 170, 90), lit=True)


def dinosaur_skeleton(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    bone = (246, 238, 218)
    s = st.away if x > st.hero_x else -st.away
    s = s or 1
    pen.rect((x - 14 * u, fy - 3 * u, x + 14 * u, fy + 1 * u), darken(st.pal("wall", WALL), 0.15))
    spine = [
        (x - s * 16 * u, fy - 16 * u),
        (x - s * 6 * u, fy - 20 * u),
        (x + s * 4 * u, fy - 19 * u),
        (x + s * 9 * u, fy - 26 * u),
        (x + s * 11 * u, fy - 32 * u),
    ]
    pen.line(spine, bone, 1.2 * u)
    for k in range(6):
        rx = x - s * (6 - k * 2) * u
        pen.arc((rx - 2 * u, fy - 21 * u, rx + 2 * u, fy - 11 * u), 0, 180, bone, 0.6 * u)
    pen.ellipse((x + s * 8 * u, fy - 36 * u, x + s * 17 * u, fy - 30 * u), bone)
    pen.circle(x + s * 13 * u, fy - 34 * u, 0.8 * u, (60, 50, 50), line=0)
    for lx in (-5, 3):
        pen.line(
            [
                (x + s * lx * u, fy - 18 * u),
                (x + s * (lx - 1) * u, fy - 9 * u),
                (x + s * lx * u, fy - 3 * u),
            ],
            bone,
            1.0 * u,
        )


def frames(st: Stage) -> None:
    pen, u, fy = st.pen, st.u, floor_line(st)
    gold = st.pal("accent", (184, 134, 47))
    for k in range(2):
        x = take(st)
        y = fy - 34 * u + k * 3 * u
        pen.rect((x - 8 * u, y, x + 8 * u, y + 12 * u), gold)
        pen.rect(
            (x - 6.5 * u, y + 1.5 * u, x + 6.5 * u, y + 10.5 * u),
            BRIGHT[k + 1] if k else (200, 226, 240),
            line=0,
        )
        pen.circle(x, y + 6 * u, 2.5 * u, BRIGHT[k * 2], line=0)


def rope_barrier(st: Stage) -> None:
    pen, u, w, fy = st.pen, st.u, st.w, floor_line(st)
    rope = st.pal("accent", (180, 40, 60))
    posts = [w * k / 4 for k in range(5)]
    y = fy + 2 * u
    for a, b in itertools.pairwise(posts):
        pen.arc((a, y - 8 * u, b, y - 2 * u), 0, 180, rope, 0.7 * u)
    for x in posts:
        pen.rect((x - 0.6 * u, y - 9 * u, x + 0.6 * u, y), (200, 170, 90))
        pen.circle(x, y - 9 * u, 1 * u, (220, 190, 100))


def hospital_bed(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    metal = (180, 190, 200)
    pen.rect((x - 15 * u, fy - 14 * u, x - 13.5 * u, fy + 2 * u), metal)
    pen.rect((x + 13.5 * u, fy - 10 * u, x + 15 * u, fy + 2 * u), metal)
    pen.rect((x - 14 * u, fy - 7 * u, x + 14 * u, fy - 2 * u), WHITE_WARE, radius=u)
    pen.rect((x - 5 * u, fy - 8 * u, x + 14.5 * u, fy - 1.5 * u), (150, 200, 220), radius=1.5 * u)
    pen.ellipse((x - 13 * u, fy - 11 * u, x - 6 * u, fy - 6 * u), WHITE_WARE)
    pen.line([(x + 18 * u, fy + 1 * u), (x + 18 * u, fy - 24 * u)], metal, 0.5 * u)
    pen.rect((x + 16.5 * u, fy - 24 * u, x + 19.5 * u, fy - 19 * u), (220, 236, 246), radius=u)


def bed_curtain(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    cloth = (180, 220, 214)
    pen.line([(x - 12 * u, 0.1 * st.h), (x + 12 * u, 0.1 * st.h)], (170, 170, 180), 0.5 * u)
    pen.rect((x - 12 * u, 0.1 * st.h, x + 12 * u, fy - 2 * u), cloth, a=230)
    for k in range(6):
        fx = x - 10 * u + k * 4 * u
        pen.line([(fx, 0.1 * st.h + u), (fx, fy - 3 * u)], darken(cloth, 0.12), 0.4 * u)


def red_cross(st: Stage) -> None:
    pen, u = st.pen, st.u
    x = take(st)
    y = st.h * 0.16
    pen.rect((x - 6 * u, y - 6 * u, x + 6 * u, y + 6 * u), (250, 250, 250), radius=1.5 * u)
    cross = st.pal("accent", (224, 88, 91))
    pen.rect((x - 1.6 * u, y - 4.5 * u, x + 1.6 * u, y + 4.5 * u), cross, line=0)
    pen.rect((x - 4.5 * u, y - 1.6 * u, x + 4.5 * u, y + 1.6 * u), cross, line=0)
    st.keep_clear.append((x - 6 * u, y - 6 * u, x + 6 * u, y + 6 * u))


def roof_beams(st: Stage) -> None:
    """The attic's sloping roof: wooden slopes on both sides and rafters across."""
    pen, u, w, fy = st.pen, st.u, st.w, floor_line(st)
    wood = darken(st.pal("wall", (184, 154, 120)), 0.25)
    for side in (0, 1):
        edge = 0 if side == 0 else w
        inner = w * 0.18 if side == 0 else w * 0.82
        pen.polygon([(edge, -u), (inner, -u), (edge, fy * 0.75)], wood)
        for k in range(3):
            t = 0.25 + k * 0.25
            pen.line(
                [(edge, fy * 0.75 * t), (edge + (inner - edge) * (1 - t), 0)],
                darken(wood, 0.2),
                0.6 * u,
            )
    pen.rect((-u, 0.03 * st.h, w + u, 0.03 * st.h + 2.5 * u), wood)


def boxes(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    card = (206, 164, 112)
    for dx, dy, s in ((-7, 0, 9), (3, 0, 8), (-3, -9, 7)):
        bx, by = x + dx * u, fy + dy * u
        pen.rect((bx - s / 2 * u, by - s * u, bx + s / 2 * u, by + 1 * u), card)
        pen.line([(bx, by - s * u), (bx, by - s * 0.6 * u)], (240, 230, 200), 0.8 * u)
    tx = take(st)
    pen.rect((tx - 9 * u, fy - 9 * u, tx + 9 * u, fy + 1 * u), (130, 80, 60), radius=u)
    pen.chord((tx - 9 * u, fy - 14 * u, tx + 9 * u, fy - 4 * u), 180, 360, (150, 96, 70))
    pen.rect(
        (tx - 1.2 * u, fy - 10 * u, tx + 1.2 * u, fy - 7 * u), st.pal("accent", (240, 192, 96))
    )


def round_window(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y, r = st.away_x(0.45), st.h * 0.28, 8 * u
    view(st, (x - r, y - r, x + r, y + r))
    # the wall covers the view's corners, so it shows round
    wall = darken(st.pal("wall", WALL), 0.25)
    pen.arc((x - r * 1.45, y - r * 1.45, x + r * 1.45, y + r * 1.45), 0, 360, wall, r * 0.5)
    frame = (240, 236, 226)
    pen.arc((x - r, y - r, x + r, y + r), 0, 360, frame, 1.5 * u)
    pen.line([(x - r, y), (x + r, y)], frame, 0.6 * u)
    pen.line([(x, y - r), (x, y + r)], frame, 0.6 * u)
    st.keep_clear.append((x - r * 1.3, y - r * 1.3, x + r * 1.3, y + r * 1.3))


def toy_shelf(st: Stage) -> None:
    shelf(st, take(st), 9, 24, 3, "toys")


def blocks(st: Stage) -> None:
    pen, u, fy = st.pen, st.u, floor_line(st)
    x = take(st)
    accent = st.pal("accent", ACCENT)
    for k, (dx, dy) in enumerate(((-5, 0), (0, 0), (5, 0), (-2.5, -5), (2.5, -5), (0, -10))):
        c = (accent, *BRIGHT)[k % 5]
        bx, by = x + dx * u, fy + 3 * u + dy * u
        pen.rect((bx - 2.4 * u, by - 4.8 * u, bx + 2.4 * u, by), c, radius=0.4 * u)


def toy_box(st: Stage) -> None:
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    accent = st.pal("accent", ACCENT)
    pen.circle(x - 3 * u, fy - 9 * u, 3 * u, BRIGHT[1])
    pen.rect((x + 1 * u, fy - 13 * u, x + 2 * u, fy - 7 * u), BRIGHT[2], line=0.5)
    pen.rect((x - 9 * u, fy - 8 * u, x + 9 * u, fy + 2 * u), accent, radius=u)
    pen.polygon(star_shape(x, fy - 3 * u, 2.5 * u), (255, 236, 120), line=0.5)


def star_shape(x: float, y: float, r: float) -> list[tuple[float, float]]:
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.45
        a = math.radians(-90 + i * 36)
        pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
    return pts


def fish_tanks(st: Stage) -> None:
    """Big lit tanks across the whole wall, fish and weed swimming in the place's water."""
    pen, u, w, fy = st.pen, st.u, st.w, floor_line(st)
    water = st.pal("water", (63, 167, 214))
    accent = st.pal("accent", (255, 184, 74))
    n = max(2, round(w / (34 * u)))
    span = w / n
    y0, y1 = 0.1 * st.h, fy - 6 * u
    for k in range(n):
        cx = (k + 0.5) * span
        x0, x1 = cx - span * 0.44, cx + span * 0.44
        pen.rect((x0 - 1.5 * u, y0 - 1.5 * u, x1 + 1.5 * u, y1 + 1.5 * u), (40, 50, 70))
        pen.rect((x0, y0, x1, y1), water, line=0, lit=True)
        pen.rect((x0, y0, x1, y0 + (y1 - y0) * 0.25), lighten(water, 0.2), line=0, lit=True)
        pen.rect((x0, y1 - 4 * u, x1, y1), (216, 198, 150), line=0, lit=True)
        for j in range(4):
            wx = x0 + (j + 0.5) * (x1 - x0) / 4
            pen.line(
                [(wx, y1 - 2 * u), (wx + 1.5 * u, y1 - 8 * u), (wx, y1 - 13 * u)],
                (60, 150, 90),
                0.8 * u,
                lit=True,
            )
        for j in range(3):
            fx = x0 + st.rng.uniform(0.2, 0.8) * (x1 - x0)
            fy0 = y0 + st.rng.uniform(0.2, 0.7) * (y1 - y0)
            c = accent if j % 2 == 0 else (250, 230, 120)
            pen.ellipse((fx - 2.5 * u, fy0 - 1.4 * u, fx + 2.5 * u, fy0 + 1.4 * u), c, lit=True)
            pen.polygon(
                [(fx + 2 * u, fy0), (fx + 4 * u, fy0 - 1.5 * u), (fx + 4 * u, fy0 + 1.5 * u)],
                c,
                lit=True,
            )
        for j in range(5):
            pen.circle(
                cx + st.rng.uniform(-6, 6) * u,
                y0 + j * 5 * u + 3 * u,
                0.5 * u,
                (230, 246, 255),
                a=180,
                line=0,
                lit=True,
            )
    st.keep_clear.append((0, y0, w, y1))


def potted_plant(st: Stage) -> None:
    x = take(st)
    plant_pot(st.pen, x, floor_line(st) + 1 * st.u, 7 * st.u)


# --- the swimming pool ----------------------------------------------------------------


def pool_water(st: Stage) -> None:
    """The pool across the back of the floor: tiled edge, blue water, red and white lane
    ropes; the hero stands on the deck in front. Things that float go in its water."""
    pen, u, w, fy = st.pen, st.u, st.w, floor_line(st)
    water = st.pal("water", (70, 176, 222))
    y0, y1 = fy + 1.5 * u, fy + (st.h - fy) * 0.5
    pen.rect((-u, fy, w + u, y1 + 1.5 * u), WHITE_WARE, line=0)
    pen.rect((-u, y0, w + u, y1), water, line=0)
    for k in range(5):
        yy = y0 + (k + 0.5) * (y1 - y0) / 5
        pen.line(
            [(-u, yy + 0.6 * u), (w * 0.3, yy - 0.3 * u), (w * 0.6, yy + 0.5 * u), (w + u, yy)],
            lighten(water, 0.35),
            0.4 * u,
        )
    rope = st.pal("accent", (226, 70, 70))
    for k in (1, 2):
        yy = y0 + (y1 - y0) * k / 3
        x = 0.0
        while x < w:
            c = rope if round(x / (2.4 * u)) % 2 else (250, 250, 250)
            pen.circle(x, yy, 0.8 * u, c, line=0.4)
            x += 2.4 * u
    pen.rect((-u, y1, w + u, y1 + 1.2 * u), darken(WHITE_WARE, 0.1), line=0)
    st.water = (y0, y1)


def pool_ladder(st: Stage) -> None:
    """Two steel rails curving over the pool's edge, rungs between them."""
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    steel = (196, 204, 214)
    for dx in (-2.5, 2.5):
        pen.line(
            [(x + dx * u, fy + 5 * u), (x + dx * u, fy - 6 * u), (x + dx * u + 2 * u, fy - 8 * u)],
            steel,
            0.7 * u,
        )
    for k in range(3):
        yy = fy + 3 * u - k * 3 * u
        pen.line([(x - 2.5 * u, yy), (x + 2.5 * u, yy)], steel, 0.5 * u)


def diving_board(st: Stage) -> None:
    """A springboard on its stand, reaching out over the water."""
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    accent = st.pal("accent", ACCENT)
    pen.rect((x - 9 * u, fy - 9 * u, x - 5 * u, fy + 1 * u), (150, 160, 172))
    pen.rect((x - 10 * u, fy - 10.5 * u, x + 12 * u, fy - 8.5 * u), accent, radius=0.8 * u)
    for k in range(3):
        pen.line(
            [(x - 10 * u, fy - 8 * u + k * 2.6 * u), (x - 5 * u, fy - 8 * u + k * 2.6 * u)],
            (110, 118, 130),
            0.35 * u,
        )


def swim_rings(st: Stage) -> None:
    """Rubber rings and a float hanging on the wall, ready for the lesson."""
    pen, u, x = st.pen, st.u, take(st)
    y = floor_line(st) - 30 * u
    accent = st.pal("accent", ACCENT)
    for k, dx in enumerate((-5, 5)):
        c = accent if k == 0 else (250, 200, 60)
        pen.circle(x + dx * u, y, 4 * u, c)
        pen.circle(x + dx * u, y, 1.8 * u, st.pal("wall", WALL), line=0.6)
        for j in range(4):
            a = math.radians(45 + 90 * j)
            pen.circle(
                x + dx * u + 2.9 * u * math.cos(a), y + 2.9 * u * math.sin(a), 0.8 * u, WHITE_WARE
            )
    pen.rect((x - 3 * u, y + 6 * u, x + 3 * u, y + 14 * u), (90, 170, 230), radius=1.2 * u)


# --- the garage -----------------------------------------------------------------------


def pegboard(st: Stage) -> None:
    """A board of holes on the wall, each tool hanging in its outline."""
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    board = (204, 168, 120)
    x0, x1, y0, y1 = x - 14 * u, x + 14 * u, fy - 34 * u, fy - 16 * u
    pen.rect((x0, y0, x1, y1), board)
    for gy in range(1, 6):
        for gx in range(1, 9):
            pen.circle(
                x0 + gx * (x1 - x0) / 9,
                y0 + gy * (y1 - y0) / 6,
                0.25 * u,
                darken(board, 0.35),
                line=0,
            )
    steel, handle = (170, 176, 186), st.pal("accent", ACCENT)
    # a hammer, a spanner, a saw and a screwdriver
    hx = x0 + 4 * u
    pen.line([(hx, y0 + 4 * u), (hx, y1 - 3 * u)], (150, 100, 60), 0.9 * u)
    pen.rect((hx - 2.5 * u, y0 + 2.5 * u, hx + 2.5 * u, y0 + 5 * u), steel)
    sx = x0 + 10 * u
    pen.line([(sx, y0 + 4 * u), (sx, y1 - 4 * u)], steel, 0.9 * u)
    pen.circle(sx, y0 + 3.5 * u, 1.6 * u, steel)
    pen.circle(sx, y0 + 2.8 * u, 0.8 * u, board, line=0)
    saw = [(x0 + 14 * u, y0 + 4 * u), (x0 + 23 * u, y0 + 4 * u), (x0 + 23 * u, y0 + 8 * u)]
    pen.polygon(saw, steel)
    pen.rect((x0 + 12 * u, y0 + 3 * u, x0 + 15 * u, y0 + 7 * u), handle, radius=0.6 * u)
    dx = x1 - 3 * u
    pen.rect((dx - 0.9 * u, y0 + 9 * u, dx + 0.9 * u, y0 + 13 * u), handle, radius=0.5 * u)
    pen.line([(dx, y0 + 13 * u), (dx, y1 - 1.5 * u)], steel, 0.4 * u)
    st.keep_clear.append((x0, y0, x1, y1))


def workbench(st: Stage) -> None:
    """A sturdy wooden bench with a vice, a toolbox and a few planks under it."""
    pen, u, x, fy = st.pen, st.u, take(st), floor_line(st)
    wood = lighten(WOOD, 0.1)
    for dx in (-13, 11):
        pen.rect((x + dx * u, fy - 11 * u, x + (dx + 2.5) * u, fy + 2 * u), darken(wood, 0.15))
    pen.rect((x - 14 * u, fy - 3 * u, x + 14 * u, fy - 2 * u), darken(wood, 0.15), line=0)
    pen.rect((x - 15 * u, fy - 13 * u, x + 15 * u, fy - 10.5 * u), wood)
    pen.rect((x + 9 * u, fy - 16 * u, x + 14 * u, fy - 13 * u), (110, 120, 134))
    pen.rect((x + 8 * u, fy - 15.5 * u, x + 9.5 * u, fy - 14 * u), (110, 120, 134), line=0)
    accent = st.pal("accent", ACCENT)
    pen.rect((x - 11 * u, fy - 18 * u, x - 1 * u, fy - 13 * u), accent, radius=0.6 * u)
    pen.arc((x - 8.5 * u, fy - 21 * u, x - 3.5 * u, fy - 16 * u), 180, 360, (60, 60, 70), 0.6 * u)
    for k in range(3):
        pen.rect(
            (x - 10 * u, fy - 1.5 * u - k * 1.6 * u, x + 6 * u, fy - 0.2 * u - k * 1.6 * u),
            lighten(WOOD, 0.3 - k * 0.08),
            line=0.5,
        )


def tool_shelves(st: Stage) -> None:
    """Metal shelves of paint tins and boxes."""
    shelf(st, take(st), 9, 30, 3, "tins")


def parked_car(st: Stage) -> None:
    """The family car parked on the far side, its front half in the picture."""
    pen, u, fy = st.pen, st.u, floor_line(st)
    edge = st.w if st.away > 0 else 0.0
    s = 32 * u
    x = edge - st.away * 6 * u
    from storyillus.illustration import _offline_props as props  # here: props loads things

    props.car(pen, x, fy + 6 * u, s, -st.away)
    st.keep_clear.append((min(x, edge) - 0.7 * s, fy + 6 * u - s, max(x, edge) + 0.7 * s, fy))


FITTINGS = {
    "bed": bed,
    "wardrobe": wardrobe,
    "counter": counter,
    "oven": oven,
    "hanging pans": hanging_pans,
    "blackboard": blackboard,
    "desks": desks,
    "sofa": sofa,
    "fireplace": fireplace,
    "bookshelves": bookshelves,
    "reading lamp": reading_lamp,
    "shop shelves": shop_shelves,
    "till counter": till_counter,
    "tiles": tiles,
    "bathtub": bathtub,
    "sink": sink,
    "train windows": train_windows,
    "seats": seats,
    "luggage rack": luggage_rack,
    "bakery counter": bakery_counter,
    "bread shelves": bread_shelves,
    "brick oven": brick_oven,
    "dinosaur skeleton": dinosaur_skeleton,
    "frames": frames,
    "rope barrier": rope_barrier,
    "hospital bed": hospital_bed,
    "bed curtain": bed_curtain,
    "red cross": red_cross,
    "roof beams": roof_beams,
    "boxes": boxes,
    "round window": round_window,
    "toy shelf": toy_shelf,
    "blocks": blocks,
    "toy box": toy_box,
    "fish tanks": fish_tanks,
    "potted plant": potted_plant,
    "pool water": pool_water,
    "pool ladder": pool_ladder,
    "diving board": diving_board,
    "swim rings": swim_rings,
    "pegboard": pegboard,
    "workbench": workbench,
    "tool shelves": tool_shelves,
    "parked car": parked_car,
}
"""Room fittings by the name ``places.toml`` uses in a place's ``landmarks``."""

WINDOWLESS = frozenset({"train windows", "round window", "fish tanks"})
"""Fittings that are the room's window themselves: the room draws no other."""
