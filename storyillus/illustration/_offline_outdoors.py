"""Exteriors for the offline illustrator: open ground, the sea floor, a cave, and landmarks.

``paint_plain`` is open land under the place's sky on the place's ground; ``paint_underwater``
fills the page with the place's water; ``paint_cave`` is rock of the place's wall and floor.
Landmarks (a barn, a volcano, corals, a ferris wheel...) are drawn on top, big ones on the
side of the page away from the hero (``Stage.away_x``), in the place's ``accent`` colour
where they have one, so each place's palette shows.
"""

from __future__ import annotations

import math

from storyillus.illustration import _offline_props as props
from storyillus.illustration._offline_paint import Color, darken, gradient, lighten, mix, sharp
from storyillus.illustration._offline_scenes import (
    SKIES,
    Stage,
    cactus,
    cloud,
    clouds,
    fireflies,
    hill,
    lamp_post,
    palm,
    pine_tree,
    round_tree,
    scatter_stars,
    sky,
    sky_lights,
    tufts,
)

ACCENT: Color = (230, 110, 80)
GROUND: Color = (140, 190, 100)
WATER: Color = (40, 130, 190)


def _haze(st: Stage) -> Color:
    return SKIES[st.time][-1][1]


# ---------------------------------------------------------------------------------
# Bases
# ---------------------------------------------------------------------------------


def paint_plain(st: Stage) -> None:
    _pen, u, w = st.pen, st.u, st.w
    ground = st.pal("ground", GROUND)
    sky(st)
    sky_lights(st, st.away_x(0.55), 0.14 * st.h, 5 * u)
    if st.time != "night":
        clouds(st, 3, st.horizon - 12 * u)
    hill(st, st.horizon - 3 * u, 3 * u, mix(ground, _haze(st), 0.45), rim=0, freq=0.7)
    crest = hill(st, st.horizon + 3 * u, 1.5 * u, ground, rim=1.0, freq=0.5)
    low = max(y for _, y in crest)
    tufts(st, low + 2 * u, st.h, darken(ground, 0.18), int(w / u * 0.3))
    if st.time == "night":
        fireflies(st, 6)
    st.floor_top = low + 3 * u
    st.sky_bottom = st.horizon - 8 * u
    st.shadow = darken(ground, 0.55)


def paint_underwater(st: Stage) -> None:
    pen, rng, u, w, h = st.pen, st.rng, st.u, st.w, st.h
    water = st.pal("water", WATER)
    top = st.pal("sky", lighten(water, 0.3))
    dark = {"night": 0.55, "sunset": 0.25}.get(st.time, 0.0)
    stops = [
        (0.0, mix(top, (10, 20, 50), dark)),
        (1.0, mix(darken(water, 0.25), (5, 10, 30), dark)),
    ]
    st.img.paste(gradient((round(w), round(h)), stops), (0, 0))
    for _ in range(5):
        x0 = rng.uniform(0, w)
        spread = rng.uniform(3, 6) * u
        pen.polygon(
            [(x0, -u), (x0 + spread, -u), (x0 + spread * 3 + 10 * u, h), (x0 + 10 * u, h)],
            (230, 250, 255),
            a=22,
            line=0,
            lit=True,
        )
    sand = st.pal("ground", (216, 198, 144))
    floor_y = max(st.horizon, h * 0.66)
    st.horizon = floor_y
    crest = hill(st, floor_y, 2.5 * u, sand, rim=1.0, freq=0.6)
    low = max(y for _, y in crest)
    for _ in range(int(w / u * 0.5)):
        pen.circle(rng.uniform(0, w), rng.uniform(low, h), 0.25 * u, darken(sand, 0.12), line=0)
    for _ in range(14):
        x, y = rng.uniform(0, w), rng.uniform(0.05, 0.6) * h
        pen.circle(x, y, rng.uniform(0.3, 0.8) * u, (230, 246, 255), a=160, line=0.4, lit=True)
    st.floor_top = low + 3 * u
    st.sky_bottom = floor_y * 0.5
    st.water = (0.12 * h, floor_y - 4 * u)
    st.shadow = darken(sand, 0.5)


def paint_cave(st: Stage) -> None:
    pen, rng, u, w, h = st.pen, st.rng, st.u, st.w, st.h
    st.indoor = True
    rock, floor = st.pal("wall", (74, 64, 56)), st.pal("floor", (94, 82, 70))
    pen.rect((-u, -u, w + u, h + u), rock, line=0)
    # the mouth of the cave on the free side, the outside's light through it
    mx, my = st.away_x(0.6), st.horizon - 4 * u
    mouth = (mx - 14 * u, my - 24 * u, mx + 14 * u, my + 10 * u)
    st.img.paste(
        gradient((round(28 * u), round(34 * u)), SKIES[st.time]), (round(mouth[0]), round(mouth[1]))
    )
    pen.glow(mx, my, 24 * u, (255, 236, 190), 40)
    for k in range(18):
        ang = k * math.tau / 18
        r = rng.uniform(14, 22) * u
        pen.circle(
            mx + math.cos(ang) * r * 1.2,
            my + math.sin(ang) * r * 1.1,
            rng.uniform(5, 8) * u,
            rock,
            line=0,
        )
    for _ in range(18):
        x, y = rng.uniform(0, w), rng.uniform(0, st.horizon)
        r = rng.uniform(3, 7) * u
        pen.ellipse((x - r, y - r * 0.6, x + r, y + r * 0.6), lighten(rock, 0.08), line=0)
    crest = hill(st, st.horizon + 2 * u, 2 * u, floor, rim=1.0, freq=0.8)
    low = max(y for _, y in crest)
    for _ in range(8):
        x, y = rng.uniform(0, w), rng.uniform(low, h)
        r = rng.uniform(1, 2.5) * u
        pen.ellipse((x - r * 1.4, y - r, x + r * 1.4, y + r * 0.3), darken(floor, 0.15))
    st.keep_clear.append(mouth)
    st.floor_top = low + 3 * u
    st.sky_bottom = st.horizon - 10 * u
    st.shadow = (20, 16, 14)


# ---------------------------------------------------------------------------------
# Landmarks
# ---------------------------------------------------------------------------------


def _far_side(st: Stage, frac: float) -> float:
    return st.away_x(frac)


def _near_side(st: Stage, units: float) -> float:
    x = st.hero_x - st.away * units * st.u
    return min(max(x, 6 * st.u), st.w - 6 * st.u)


def bench(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _far_side(st, 0.45), st.horizon + 6 * u
    wood = st.pal("accent", (200, 140, 80))
    for k in range(3):
        pen.rect(
            (x - 9 * u, y - 8 * u + k * 2 * u, x + 9 * u, y - 6.6 * u + k * 2 * u),
            wood,
            radius=0.5 * u,
        )
    pen.rect((x - 9.5 * u, y - 3 * u, x + 9.5 * u, y - 1.6 * u), wood)
    for dx in (-7.5, 7.5):
        pen.rect((x + dx * u - 0.6 * u, y - 3 * u, x + dx * u + 0.6 * u, y + 1 * u), (70, 70, 80))


def pond(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 26), st.horizon + 8 * u
    pen.ellipse((x - 14 * u, y - 3 * u, x + 14 * u, y + 3 * u), st.pal("water", (90, 170, 220)))
    pen.ellipse((x - 9 * u, y - 1.6 * u, x + 3 * u, y + 0.2 * u), (220, 240, 255), a=120, line=0)


def park_trees(st: Stage) -> None:
    for k, frac in enumerate((0.15, 0.8)):
        x = st.away_x(frac) if k else _near_side(st, 30)
        round_tree(st, x, st.horizon + 3 * st.u, (26 + 6 * k) * st.u, (90, 160, 80))


def lamp(st: Stage) -> None:
    lamp_post(
        st, _far_side(st, 0.8), st.horizon + 8 * st.u, 30 * st.u, st.time in ("night", "sunset")
    )


def flowerbeds(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    accent = st.pal("accent", ACCENT)
    for _ in range(int(w / u * 0.25)):
        x = rng.uniform(0, w)
        if abs(x - st.hero_x) < 10 * u:
            continue
        y = rng.uniform(st.h * 0.9, st.h)
        pen.line([(x, y), (x, y - 4 * u)], (70, 140, 70), 0.35 * u)
        for k in range(5):
            a = k * math.tau / 5
            pen.circle(
                x + math.cos(a) * 1.1 * u,
                y - 4 * u + math.sin(a) * 1.1 * u,
                0.9 * u,
                accent,
                line=0.5,
            )
        pen.circle(x, y - 4 * u, 0.6 * u, (255, 220, 90), line=0)


def parasol(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _far_side(st, 0.55), st.floor_top + 2 * u
    accent = st.pal("accent", ACCENT)
    pen.line([(x, y), (x + 2 * u, y - 24 * u)], (240, 240, 236), 0.6 * u)
    cx, cy = x + 2 * u, y - 24 * u
    for k in range(6):
        a0, a1 = 180 + k * 30, 180 + (k + 1) * 30
        pen.pieslice(
            (cx - 13 * u, cy - 7 * u, cx + 13 * u, cy + 7 * u),
            a0,
            a1,
            accent if k % 2 == 0 else (252, 250, 244),
        )
    pen.rect((x - 9 * u, y - 1 * u, x + 5 * u, y + 1.5 * u), lighten(accent, 0.4), radius=u)


def sandcastle(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 22), st.floor_top + 6 * u
    sand = darken(st.pal("ground", (230, 200, 150)), 0.1)
    pen.rect((x - 6 * u, y - 6 * u, x + 6 * u, y), sand)
    for dx in (-5, 0, 5):
        pen.rect((x + dx * u - 1.8 * u, y - 10 * u, x + dx * u + 1.8 * u, y - 5 * u), sand)
    pen.line([(x, y - 10 * u), (x, y - 14 * u)], (120, 90, 70), 0.3 * u)
    pen.polygon(
        [(x, y - 14 * u), (x + 3 * u, y - 13 * u), (x, y - 12 * u)],
        st.pal("accent", ACCENT),
        line=0,
    )


def deck(st: Stage) -> None:
    """The deck of a ship: the hero sails the open sea, no beach in sight."""
    pen, u, w, h = st.pen, st.u, st.w, st.h
    top = st.floor_top - 8 * u
    wood = (176, 122, 80)
    pen.rect((-u, top, w + u, h + u), wood, line=0)
    y = top + 3 * u
    while y < h:
        pen.line([(-u, y), (w + u, y)], darken(wood, 0.18), 0.3 * u)
        y += 3.5 * u
    rail_y = top - 6 * u
    pen.rect((-u, rail_y, w + u, rail_y + 1.4 * u), darken(wood, 0.15))
    x = 0.0
    while x < w:
        pen.rect((x - 0.5 * u, rail_y, x + 0.5 * u, top), darken(wood, 0.15), line=0)
        x += 5 * u
    mx = st.away_x(0.6)
    pen.rect((mx - 1.2 * u, -u, mx + 1.2 * u, top), (140, 96, 64))
    sail = st.pal("accent", (245, 240, 225))
    pen.polygon(
        [
            (mx + 1.5 * u * st.away, 0.06 * st.h),
            (mx + 22 * u * st.away, top - 12 * u),
            (mx + 1.5 * u * st.away, top - 10 * u),
        ],
        sail,
    )
    st.floor_top = top + 3 * u
    st.water = (st.water[0], rail_y - 2 * u) if st.water else None
    st.shadow = (90, 60, 40)
    st.keep_clear.append(
        (min(mx, mx + 22 * u * st.away), 0.06 * st.h, max(mx, mx + 22 * u * st.away), top)
    )


def palm_island(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = st.away_x(0.55), st.horizon + 3 * u
    pen.chord(
        (x - 24 * u, y - 8 * u, x + 24 * u, y + 6 * u), 180, 360, st.pal("ground", (240, 216, 147))
    )
    for dx, hh in ((-8, 20), (5, 26), (14, 17)):
        palm(st, x + dx * u, y - 2 * u, hh * u)
    pen.circle(x + 2 * u, y - 4 * u, 3.5 * u, st.pal("accent", (63, 174, 90)), line=0.6)


def seaweed(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    for k in range(9):
        x = rng.uniform(0, w)
        if abs(x - st.hero_x) < 9 * u:
            continue
        base = st.floor_top + rng.uniform(-4, 4) * u
        hh = rng.uniform(14, 30) * u
        pts = [(x + math.sin(t * 1.3 + k) * 2 * u, base - hh * t / 6) for t in range(7)]
        pen.line(pts, (40, 140, 90) if k % 2 else (70, 160, 80), 1.0 * u)


def rocks(st: Stage) -> None:
    pen, rng, u = st.pen, st.rng, st.u
    rock = darken(st.pal("ground", (140, 130, 120)), 0.35)
    for k in range(3):
        x = st.away_x(0.3 + k * 0.3)
        y = st.floor_top - (2 - k) * u
        r = (9 - k * 2) * u * rng.uniform(0.8, 1.1)
        pen.chord((x - r * 1.3, y - r * 1.3, x + r * 1.3, y + r * 0.7), 180, 360, rock)
        pen.chord(
            (x - r * 0.8, y - r * 1.1, x + r * 0.3, y - r * 0.2),
            180,
            360,
            lighten(rock, 0.15),
            line=0,
        )


def sunken_chest(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 24), st.floor_top + 2 * u
    pen.rect((x - 6 * u, y - 6 * u, x + 6 * u, y), (130, 84, 56))
    pen.chord((x - 6 * u, y - 10 * u, x + 6 * u, y - 2 * u), 180, 360, (150, 96, 64))
    pen.rect((x - u, y - 6 * u, x + u, y - 3 * u), st.pal("accent", (240, 190, 80)))


def corals(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    accent = st.pal("accent", (255, 111, 125))
    colours = [accent, (250, 170, 80), (190, 110, 210), lighten(accent, 0.3)]
    for k in range(10):
        x = rng.uniform(0, w)
        if abs(x - st.hero_x) < 10 * u:
            continue
        base = st.floor_top + rng.uniform(-5, 3) * u
        c = colours[k % len(colours)]
        s = rng.uniform(6, 11) * u
        if k % 3 == 0:  # brain coral
            pen.chord((x - s, base - s * 1.2, x + s, base + s * 0.2), 180, 360, c)
            for j in range(3):
                pen.arc(
                    (
                        x - s * (0.8 - j * 0.25),
                        base - s * (1.0 - j * 0.25),
                        x + s * (0.8 - j * 0.25),
                        base + s * 0.2,
                    ),
                    200,
                    340,
                    darken(c, 0.2),
                    0.3 * u,
                )
        else:  # branching coral
            for a in (-50, -25, 0, 25, 50):
                ang = math.radians(a - 90)
                tip = (x + math.cos(ang) * s * 1.3, base + math.sin(ang) * s * 1.5)
                pen.line([(x, base), tip], c, 1.1 * u)
                pen.circle(tip[0], tip[1], 0.9 * u, lighten(c, 0.2), line=0)


def fish_school(st: Stage) -> None:
    pen, rng, u = st.pen, st.rng, st.u
    cx, cy = st.away_x(0.5), st.h * 0.3
    colours = [(255, 220, 80), (80, 200, 230), st.pal("accent", ACCENT)]
    for k in range(11):
        x = cx + rng.uniform(-16, 16) * u
        y = cy + rng.uniform(-8, 8) * u
        c = colours[k % 3]
        d = -st.away
        pen.ellipse((x - 2 * u, y - 1 * u, x + 2 * u, y + 1 * u), c, line=0.5)
        pen.polygon(
            [(x - d * 1.6 * u, y), (x - d * 3.2 * u, y - 1.2 * u), (x - d * 3.2 * u, y + 1.2 * u)],
            c,
            line=0.5,
        )
    st.keep_clear.append((cx - 20 * u, cy - 10 * u, cx + 20 * u, cy + 10 * u))


def jungle_trees(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    leaf = darken(st.pal("ground", (60, 125, 50)), 0.1)
    for k in range(6):
        x = (k + rng.uniform(0.1, 0.9)) * w / 6
        base = st.horizon + 2 * u
        hh = rng.uniform(30, 46) * u
        pen.rect((x - 1.5 * u, base - hh, x + 1.5 * u, base), (120, 90, 60))
        for j in range(6):
            a = math.radians(-170 + j * 32)
            pen.ellipse(
                (
                    x + math.cos(a) * 8 * u - 6 * u,
                    base - hh + math.sin(a) * 5 * u - 2.5 * u,
                    x + math.cos(a) * 8 * u + 6 * u,
                    base - hh + math.sin(a) * 5 * u + 2.5 * u,
                ),
                mix(leaf, (40, 100, 50), j / 6),
            )


def vines(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    for k in range(7):
        x = (k + 0.5) * w / 7 + rng.uniform(-3, 3) * u
        length = rng.uniform(0.2, 0.45) * st.h
        pts = [(x + math.sin(t * 0.9) * 2 * u, length * t / 8) for t in range(9)]
        pen.line(pts, (60, 120, 50), 0.6 * u)
        for px, py in pts[2::2]:
            pen.ellipse((px, py - u, px + 3 * u, py + u), (80, 160, 70), line=0.5)
    pen.rect((-u, -u, w + u, 3 * u), (50, 110, 50), line=0)


def big_leaves(st: Stage) -> None:
    pen, u, w, h = st.pen, st.u, st.w, st.h
    accent = st.pal("accent", (242, 193, 46))
    for side in (0, 1):
        edge = -2 * u if side == 0 else w + 2 * u
        s = 1 if side == 0 else -1
        for k, (ang, ln) in enumerate(((-60, 26), (-30, 30), (-5, 24))):
            a = math.radians(ang)
            tip = (edge + s * math.cos(a) * ln * u, h + math.sin(a) * ln * u)
            mid = ((edge + tip[0]) / 2, (h + tip[1]) / 2)
            nx, ny = -(tip[1] - h) * 0.25, (tip[0] - edge) * 0.25
            pen.polygon(
                [(edge, h), (mid[0] + nx, mid[1] + ny), tip, (mid[0] - nx, mid[1] - ny)],
                (50, 140, 60) if k % 2 else (70, 160, 70),
            )
            pen.line([(edge, h), tip], (110, 190, 100), 0.3 * u)
        fx = edge + s * 14 * u
        for j in range(5):
            a = j * math.tau / 5
            pen.circle(
                fx + math.cos(a) * 2 * u,
                h - 20 * u + math.sin(a) * 2 * u,
                1.8 * u,
                accent,
                line=0.5,
            )


def fallen_log(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 24), st.floor_top + 3 * u
    bark = st.pal("accent", (140, 90, 60))
    pen.rect((x - 12 * u, y - 5 * u, x + 12 * u, y), darken(bark, 0.1), radius=2.5 * u)
    pen.ellipse((x + 9.5 * u, y - 5 * u, x + 14.5 * u, y), (220, 180, 120))
    pen.arc((x + 10.5 * u, y - 4 * u, x + 13.5 * u, y - 1 * u), 0, 360, (180, 130, 80), 0.3 * u)


def snow_fall(st: Stage) -> None:
    pen, rng = st.pen, st.rng
    for _ in range(int(st.w * st.h / (st.u * st.u) * 0.012)):
        pen.circle(
            rng.uniform(0, st.w),
            rng.uniform(0, st.h),
            rng.uniform(0.25, 0.6) * st.u,
            (255, 255, 255),
            a=220,
            line=0,
            lit=True,
        )


def sled_landmark(st: Stage) -> None:
    """A sled waiting on the snow on the free side, painted in the place's accent: the red
    of a snowy village shows on every page, not only when the words name a sled."""
    u = st.u
    x, y, s = _far_side(st, 0.3), st.horizon + 17 * u, 13 * u
    with sharp(st.img, (x - s, y - s, x + s, y + u), st.pen) as pen:
        props.sled(pen, x, y, s, -st.away, wood=st.pal("accent", ACCENT))
    st.keep_clear.append((x - 0.7 * s, y - 0.7 * s, x + 0.7 * s, y))


def icebergs(st: Stage) -> None:
    pen, u = st.pen, st.u
    ice = (214, 236, 250)
    for k, (frac, s) in enumerate(((0.35, 14), (0.75, 20), (0.05, 10))):
        x = st.away_x(frac) if k < 2 else _near_side(st, 34)
        y = st.horizon + 2 * u
        pen.polygon(
            [
                (x - s * u, y),
                (x - s * 0.4 * u, y - s * 1.1 * u),
                (x + s * 0.1 * u, y - s * 0.8 * u),
                (x + s * 0.5 * u, y - s * 1.3 * u),
                (x + s * u, y),
            ],
            ice,
        )
        pen.polygon(
            [(x - s * 0.4 * u, y - s * 1.1 * u), (x - s * 0.1 * u, y), (x - s * u, y)],
            (180, 214, 240),
            line=0,
        )


def igloo(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 26), st.horizon + 9 * u
    pen.chord((x - 11 * u, y - 11 * u, x + 11 * u, y + 11 * u), 180, 360, (244, 250, 255))
    for k in range(1, 4):
        yy = y - k * 2.8 * u
        half = math.sqrt(max(0.0, 121 - (k * 2.8) ** 2)) * u
        pen.line([(x - half, yy), (x + half, yy)], (190, 214, 236), 0.3 * u)
    pen.chord((x - 4 * u, y - 7 * u, x + 4 * u, y + 7 * u), 180, 360, (60, 80, 120))


def aurora(st: Stage) -> None:
    pen, u, w = st.pen, st.u, st.w
    green = st.pal("accent", (95, 224, 176))
    for k in range(3):
        pts = [
            (x * w / 20, 0.1 * st.h + k * 4 * u + math.sin(x * 0.7 + k) * 4 * u) for x in range(21)
        ]
        lower = [(x, y + 9 * u) for x, y in reversed(pts)]
        pen.polygon([*pts, *lower], green if k != 1 else (150, 120, 230), a=70, line=0, lit=True)


def mountains(st: Stage) -> None:
    pen, u = st.pen, st.u
    rock = mix(st.pal("ground", (130, 140, 120)), (110, 110, 130), 0.5)
    rock = mix(rock, _haze(st), 0.25)
    cap = st.pal("accent", (240, 244, 248))
    for k, (frac, s) in enumerate(((0.2, 26), (0.65, 34), (1.0, 22))):
        x = st.away_x(frac) if k != 2 else _near_side(st, 20)
        y = st.horizon + 1 * u
        top = (x, y - s * u)
        pen.polygon([(x - s * 1.2 * u, y), top, (x + s * 1.2 * u, y)], rock)
        pen.polygon([top, (x + s * 1.2 * u, y), (x + s * 0.2 * u, y)], darken(rock, 0.12), line=0)
        pen.polygon(
            [
                top,
                (x + s * 0.36 * u, y - s * 0.7 * u),
                (x + s * 0.1 * u, y - s * 0.62 * u),
                (x - s * 0.1 * u, y - s * 0.72 * u),
                (x - s * 0.36 * u, y - s * 0.7 * u),
            ],
            cap,
        )


def pines(st: Stage) -> None:
    for k in range(5):
        x = st.w * (k + 0.5) / 5
        if abs(x - st.hero_x) > 10 * st.u:
            pine_tree(st, x, st.horizon + 6 * st.u, (14 + 3 * (k % 2)) * st.u, (54, 110, 80))


def pyramids(st: Stage) -> None:
    pen, u = st.pen, st.u
    stone = mix((226, 188, 120), _haze(st), 0.2)
    for _k, (frac, s) in enumerate(((0.3, 22), (0.7, 15))):
        x, y = st.away_x(frac), st.horizon + 2 * u
        pen.polygon([(x - s * u, y), (x, y - s * 0.9 * u), (x + s * u, y)], stone)
        pen.polygon(
            [(x, y - s * 0.9 * u), (x + s * u, y), (x + s * 0.25 * u, y)],
            darken(stone, 0.15),
            line=0,
        )
    ox = _near_side(st, 30)
    pen.ellipse((ox - 9 * st.u, st.horizon + 4 * u, ox + 9 * u, st.horizon + 8 * u), (90, 170, 210))
    palm(st, ox - 3 * u, st.horizon + 6 * u, 16 * u)
    pen.circle(ox - 3 * u, st.horizon - 10 * u, 2.5 * u, st.pal("accent", (106, 168, 79)), line=0.5)


def acacias(st: Stage) -> None:
    pen, u = st.pen, st.u
    trunk = st.pal("accent", (122, 74, 42))
    for k, frac in enumerate((0.35, 0.85)):
        x, y = st.away_x(frac), st.horizon + 3 * u
        s = (1.0 if k == 0 else 0.7) * u
        pen.line([(x, y), (x, y - 14 * s), (x - 6 * s, y - 22 * s)], trunk, 1.4 * s)
        pen.line([(x, y - 14 * s), (x + 7 * s, y - 22 * s)], trunk, 1.2 * s)
        pen.ellipse((x - 18 * s, y - 28 * s, x + 16 * s, y - 20 * s), (110, 140, 60))
        pen.ellipse((x - 15 * s, y - 30 * s, x + 12 * s, y - 24 * s), (130, 160, 70), line=0)
    gx = _near_side(st, 34)
    pen.line(
        [(gx, st.horizon + 2 * u), (gx, st.horizon - 10 * u), (gx + 3 * u, st.horizon - 18 * u)],
        (230, 180, 90),
        1.2 * u,
    )
    pen.ellipse((gx - 4 * u, st.horizon - 8 * u, gx + 4 * u, st.horizon - 2 * u), (230, 180, 90))


def tall_grass(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    grass = lighten(st.pal("ground", (217, 179, 91)), 0.1)
    for _ in range(int(w / u * 0.8)):
        x, y = rng.uniform(0, w), rng.uniform(st.horizon + 4 * u, st.h)
        hh = rng.uniform(3, 6) * u
        pen.line([(x, y), (x + rng.uniform(-1, 1) * u, y - hh)], darken(grass, 0.15), 0.3 * u)


def skyscrapers(st: Stage) -> None:
    pen, rng, u = st.pen, st.rng, st.u
    accent = st.pal("accent", (242, 177, 52))
    lit = st.time in ("night", "sunset")
    base = st.horizon - 22 * u
    for k in range(5):
        x = st.away_x(0.1 + k * 0.2)
        bw, bh = rng.uniform(5, 8) * u, rng.uniform(20, 36) * u
        body = mix((120, 130, 150), _haze(st), 0.35)
        pen.rect((x - bw, base - bh, x + bw, base + 2 * u), body)
        for row in range(int(bh / (3 * u))):
            for col in (-1, 1):
                pen.rect(
                    (
                        x + col * bw * 0.45 - u,
                        base - bh + 2 * u + row * 3 * u,
                        x + col * bw * 0.45 + u,
                        base - bh + 3.5 * u + row * 3 * u,
                    ),
                    accent if lit or (row + col) % 3 == 0 else lighten(body, 0.3),
                    line=0,
                    lit=lit,
                )


def zebra_crossing(st: Stage) -> None:
    pen, u, w = st.pen, st.u, st.w
    y0, y1 = st.floor_top - 2 * u, st.h
    x = _near_side(st, 22)
    for k in range(6):
        yy = y0 + k * (y1 - y0) / 6
        pen.rect((x - 8 * u, yy, x + 8 * u, yy + (y1 - y0) / 12), (246, 246, 240), line=0)
    pen.rect((-u, y0 - 1.2 * u, w + u, y0), (240, 240, 236), line=0)


def bus_stop(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = st.away_x(0.7), st.floor_top - 1 * u
    accent = st.pal("accent", (227, 93, 79))
    pen.rect((x - 0.6 * u, y - 26 * u, x + 0.6 * u, y), (90, 90, 100))
    pen.circle(x, y - 27 * u, 3.5 * u, accent)
    pen.rect((x - 2.2 * u, y - 27.7 * u, x + 2.2 * u, y - 26.3 * u), (250, 250, 250), line=0)
    pen.rect((x + 2 * u, y - 20 * u, x + 16 * u, y - 18.5 * u), accent)
    pen.rect((x + 2.5 * u, y - 18.5 * u, x + 15.5 * u, y - 2 * u), (210, 236, 246), a=110)
    pen.rect((x + 4 * u, y - 8 * u, x + 14 * u, y - 6.5 * u), (120, 90, 70))


def barn(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = st.away_x(0.55), st.horizon + 4 * u
    red = st.pal("accent", (194, 69, 45))
    pen.polygon(
        [
            (x - 15 * u, y - 18 * u),
            (x - 8 * u, y - 28 * u),
            (x + 8 * u, y - 28 * u),
            (x + 15 * u, y - 18 * u),
            (x + 15 * u, y),
            (x - 15 * u, y),
        ],
        red,
    )
    pen.polygon(
        [
            (x - 16.5 * u, y - 17 * u),
            (x - 8.5 * u, y - 29.5 * u),
            (x + 8.5 * u, y - 29.5 * u),
            (x + 16.5 * u, y - 17 * u),
            (x + 15 * u, y - 17 * u),
            (x + 8 * u, y - 27.5 * u),
            (x - 8 * u, y - 27.5 * u),
            (x - 15 * u, y - 17 * u),
        ],
        (245, 240, 230),
        line=0,
    )
    pen.rect((x - 6 * u, y - 13 * u, x + 6 * u, y), (245, 240, 230))
    pen.rect((x - 5 * u, y - 12 * u, x + 5 * u, y), darken(red, 0.15), line=0)
    pen.line([(x - 5 * u, y - 12 * u), (x + 5 * u, y)], (245, 240, 230), 0.6 * u)
    pen.line([(x + 5 * u, y - 12 * u), (x - 5 * u, y)], (245, 240, 230), 0.6 * u)
    pen.rect((x - 2.5 * u, y - 24 * u, x + 2.5 * u, y - 19 * u), (245, 240, 230))


def fence(st: Stage) -> None:
    pen, u, w = st.pen, st.u, st.w
    y = st.horizon + 10 * u
    wood = (200, 160, 110)
    pen.rect((-u, y - 6 * u, w + u, y - 5 * u), wood, line=0.5)
    pen.rect((-u, y - 3 * u, w + u, y - 2 * u), wood, line=0.5)
    x = 2 * u
    while x < w:
        pen.rect((x - 0.6 * u, y - 8 * u, x + 0.6 * u, y), wood, line=0.5)
        x += 9 * u


def haystack(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 28), st.horizon + 9 * u
    hay = (236, 200, 100)
    pen.chord((x - 8 * u, y - 14 * u, x + 8 * u, y + 4 * u), 180, 360, hay)
    pen.rect((x - 8 * u, y - 5.2 * u, x + 8 * u, y), hay, line=0)
    for k in range(5):
        pen.line(
            [(x - 6 * u + k * 3 * u, y - 1 * u), (x - 5 * u + k * 3 * u, y - 6 * u)],
            darken(hay, 0.15),
            0.3 * u,
        )


def space_station(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 30), st.h * 0.16
    panel = st.pal("accent", (255, 214, 90))
    pen.rect((x - 14 * u, y - 0.4 * u, x + 14 * u, y + 0.4 * u), (200, 200, 210), line=0)
    for side in (-1, 1):
        pen.rect((x + side * 8 * u - 4 * u, y - 3 * u, x + side * 8 * u + 4 * u, y + 3 * u), panel)
    pen.rect((x - 3 * u, y - 2 * u, x + 3 * u, y + 2 * u), (220, 220, 230), radius=u)
    st.keep_clear.append((x - 15 * u, y - 4 * u, x + 15 * u, y + 4 * u))


def craters(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    dust = st.pal("ground", (201, 198, 189))
    for _ in range(10):
        x, y = rng.uniform(0, w), rng.uniform(st.horizon + 3 * u, st.h)
        r = rng.uniform(2.5, 6) * u * (0.5 + (y - st.horizon) / max(1.0, st.h - st.horizon))
        pen.ellipse((x - r, y - r * 0.35, x + r, y + r * 0.35), darken(dust, 0.2), line=0.6)
        pen.ellipse(
            (x - r * 0.8, y - r * 0.25, x + r * 0.8, y + r * 0.2), darken(dust, 0.32), line=0
        )


def earth(st: Stage) -> None:
    """The earth hanging in the black sky above the moon, instead of a sun or a moon."""
    pen, u = st.pen, st.u
    x, y, r = st.away_x(0.55), st.h * 0.2, 8 * u
    sea = st.pal("accent", (127, 179, 255))
    pen.glow(x, y, r * 2, (150, 190, 255), 50)
    with sharp(st.img, (x - r * 1.2, y - r * 1.2, x + r * 1.2, y + r * 1.2), pen) as sp:
        sp.circle(x, y, r, sea, lit=True)
        for dx, dy, s in ((-0.3, -0.3, 0.4), (0.35, 0.2, 0.3), (-0.1, 0.5, 0.22)):
            sp.ellipse(
                (
                    x + (dx - s) * r,
                    y + (dy - s * 0.7) * r,
                    x + (dx + s) * r,
                    y + (dy + s * 0.7) * r,
                ),
                (110, 190, 110),
                line=0,
                lit=True,
            )
        sp.ellipse(
            (x - r * 0.7, y - r * 0.8, x + r * 0.1, y - r * 0.55),
            (255, 255, 255),
            a=200,
            line=0,
            lit=True,
        )
    st.keep_clear.append((x - r * 1.4, y - r * 1.4, x + r * 1.4, y + r * 1.4))
    scatter_stars(st, 60, st.horizon - 4 * u, big=3)


def banners(st: Stage) -> None:
    pen, u = st.pen, st.u
    accent = st.pal("accent", (142, 92, 207))
    for k in range(3):
        x = st.away_x(0.2 + k * 0.3)
        y = st.horizon - 34 * u + k * 2 * u
        pen.line([(x, y), (x, y + 12 * u)], (120, 100, 90), 0.4 * u)
        pen.polygon([(x, y), (x + 7 * u, y + 2 * u), (x, y + 4.5 * u)], accent)


def school_building(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = st.away_x(0.5), st.horizon + 2 * u
    brick = (200, 110, 90)
    accent = st.pal("accent", (242, 193, 78))
    pen.rect((x - 24 * u, y - 22 * u, x + 24 * u, y), brick)
    pen.polygon(
        [(x - 26 * u, y - 22 * u), (x, y - 30 * u), (x + 26 * u, y - 22 * u)], (120, 90, 100)
    )
    pen.circle(x, y - 25 * u, 2.5 * u, (250, 250, 240))
    pen.line([(x, y - 25 * u), (x, y - 26.8 * u)], (60, 50, 50), 0.3 * u)
    for row in range(2):
        for col in (-3, -2, 2, 3):
            wx = x + col * 6 * u
            pen.rect(
                (wx - 2 * u, y - 19 * u + row * 8 * u, wx + 2 * u, y - 14 * u + row * 8 * u),
                (200, 230, 246),
            )
    pen.rect((x - 4 * u, y - 12 * u, x + 4 * u, y), accent)
    pen.rect((x - 9 * u, y - 20.5 * u, x + 9 * u, y - 16 * u), accent, radius=u)
    pen.line([(x + 16 * u, y - 30 * u), (x + 16 * u, y - 44 * u)], (160, 160, 170), 0.4 * u)
    pen.polygon(
        [(x + 16 * u, y - 44 * u), (x + 23 * u, y - 42 * u), (x + 16 * u, y - 40 * u)], accent
    )


def hopscotch(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 22), st.h * 0.97
    chalk = (250, 250, 246)
    for k in range(5):
        yy = y - k * 4 * u
        if k % 2:
            pen.rect((x - 4 * u, yy - 4 * u, x, yy), chalk, a=0)
            pen.rect((x, yy - 4 * u, x + 4 * u, yy), chalk, a=0)
        pen.line(
            [
                (x - 4 * u, yy),
                (x + 4 * u, yy),
                (x + 4 * u, yy - 4 * u),
                (x - 4 * u, yy - 4 * u),
                (x - 4 * u, yy),
            ],
            chalk,
            0.35 * u,
        )


def slide(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = st.away_x(0.45), st.horizon + 10 * u
    red = st.pal("accent", (232, 85, 62))
    pen.rect((x - 10 * u, y - 20 * u, x - 9 * u, y), (120, 120, 140))
    pen.rect((x - 4 * u, y - 20 * u, x - 3 * u, y), (120, 120, 140))
    for k in range(5):
        pen.line(
            [(x - 10 * u, y - 4 * u - k * 4 * u), (x - 3 * u, y - 4 * u - k * 4 * u)],
            (120, 120, 140),
            0.4 * u,
        )
    pen.rect((x - 11 * u, y - 21 * u, x - 2 * u, y - 19.5 * u), (90, 150, 220))
    pen.polygon(
        [
            (x - 3 * u, y - 21 * u),
            (x + 12 * u, y - 1 * u),
            (x + 15 * u, y - 1 * u),
            (x - 0.5 * u, y - 21 * u),
        ],
        red,
    )


def swings(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 30), st.horizon + 9 * u
    frame = (90, 150, 220)
    pen.line([(x - 14 * u, y), (x - 11 * u, y - 22 * u), (x - 8 * u, y)], frame, 0.9 * u)
    pen.line([(x + 8 * u, y), (x + 11 * u, y - 22 * u), (x + 14 * u, y)], frame, 0.9 * u)
    pen.line([(x - 11 * u, y - 22 * u), (x + 11 * u, y - 22 * u)], frame, 0.9 * u)
    for dx in (-5, 4):
        pen.line(
            [(x + dx * u - 2 * u, y - 22 * u), (x + dx * u - 2 * u, y - 6 * u)],
            (80, 80, 80),
            0.25 * u,
        )
        pen.line(
            [(x + dx * u + 2 * u, y - 22 * u), (x + dx * u + 2 * u, y - 6 * u)],
            (80, 80, 80),
            0.25 * u,
        )
        pen.rect(
            (x + dx * u - 3 * u, y - 6.5 * u, x + dx * u + 3 * u, y - 5 * u),
            st.pal("accent", (232, 85, 62)),
        )


def sandpit(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = st.away_x(0.75), st.floor_top + 5 * u
    pen.rect((x - 11 * u, y - 4 * u, x + 11 * u, y + 3 * u), (170, 120, 80), radius=u)
    pen.rect((x - 10 * u, y - 3 * u, x + 10 * u, y + 2 * u), (240, 216, 150), line=0)
    pen.chord((x - 3 * u, y - 4 * u, x + 3 * u, y + 1 * u), 180, 360, (220, 190, 120), line=0.5)
    pen.rect((x + 4 * u, y - 4 * u, x + 7 * u, y - 1 * u), (90, 150, 220), radius=0.5 * u)


def windmill(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = st.away_x(0.4), st.horizon - 1 * u
    body = mix((240, 230, 210), _haze(st), 0.2)
    pen.polygon(
        [(x - 4 * u, y), (x - 2.5 * u, y - 18 * u), (x + 2.5 * u, y - 18 * u), (x + 4 * u, y)], body
    )
    pen.chord((x - 3 * u, y - 21 * u, x + 3 * u, y - 15 * u), 180, 360, (170, 90, 70))
    sail = st.pal("accent", (244, 208, 63))
    hx, hy = x, y - 17 * u
    for k in range(4):
        a = math.radians(20 + k * 90)
        b = math.radians(32 + k * 90)
        pen.polygon(
            [
                (hx, hy),
                (hx + math.cos(a) * 14 * u, hy + math.sin(a) * 14 * u),
                (hx + math.cos(b) * 14 * u, hy + math.sin(b) * 14 * u),
            ],
            sail,
            line=0.6,
        )
    pen.circle(hx, hy, 0.8 * u, (120, 90, 70))


def river(st: Stage) -> None:
    """A river winding from the far hills across the page, on the hero's free side."""
    pen, u = st.pen, st.u
    water = st.pal("water", (74, 163, 217))
    edge = st.pal("accent", (58, 140, 196))
    x0 = st.away_x(0.4)
    pts_l, pts_r = [], []
    for k in range(9):
        t = k / 8
        y = st.horizon + t * (st.h - st.horizon)
        x = x0 + math.sin(t * 3) * 8 * u * st.away + t * 10 * u * st.away
        half = (1 + 12 * t) * u
        pts_l.append((x - half, y))
        pts_r.append((x + half, y))
    pen.polygon([*pts_l, *reversed(pts_r)], edge)
    pen.polygon(
        [(x + 0.8 * u, y) for x, y in pts_l] + [(x - 0.8 * u, y) for x, y in reversed(pts_r)],
        water,
        line=0,
    )
    for k in range(1, 8):
        x, y = pts_l[k]
        pen.line([(x + 2 * u, y), (x + 5 * u, y)], (230, 246, 255), 0.3 * u, a=180)
    st.water = (st.horizon + 2 * u, st.h - 4 * u)


def reeds(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    for _ in range(14):
        x = rng.uniform(0, w)
        if abs(x - st.hero_x) < 10 * u:
            continue
        y = rng.uniform(st.horizon + 6 * u, st.h)
        hh = rng.uniform(6, 10) * u
        pen.line([(x, y), (x, y - hh)], (110, 150, 70), 0.35 * u)
        pen.rect((x - 0.7 * u, y - hh - 3 * u, x + 0.7 * u, y - hh), (130, 90, 60), radius=0.6 * u)


def lake(st: Stage) -> None:
    pen, u, w = st.pen, st.u, st.w
    water = st.pal("water", (76, 159, 212))
    top, low = st.horizon - 1 * u, st.horizon + 14 * u
    pen.ellipse((-20 * u, top, w + 20 * u, low + 10 * u), st.pal("accent", (47, 127, 184)))
    pen.ellipse((-18 * u, top + 1 * u, w + 18 * u, low + 8 * u), water, line=0)
    for k in range(6):
        x = w * (k + 0.5) / 6
        pen.line(
            [(x - 3 * u, top + 4 * u + k % 3 * 3 * u), (x + 3 * u, top + 4 * u + k % 3 * 3 * u)],
            (230, 246, 255),
            0.3 * u,
            a=160,
        )
    st.water = (top + 2 * u, low)


def jetty(st: Stage) -> None:
    pen, u = st.pen, st.u
    x = st.away_x(0.6)
    y = st.horizon + 12 * u
    wood = (160, 112, 76)
    pen.polygon(
        [
            (x - 4 * u, st.horizon + 2 * u),
            (x + 4 * u, st.horizon + 2 * u),
            (x + 8 * u, y),
            (x - 8 * u, y),
        ],
        wood,
    )
    for k in range(4):
        yy = st.horizon + 4 * u + k * 2.5 * u
        pen.line([(x - 5 * u - k * u, yy), (x + 5 * u + k * u, yy)], darken(wood, 0.2), 0.25 * u)


def enclosure(st: Stage) -> None:
    """A zoo enclosure: a tall fence with a giraffe and an elephant behind it."""
    pen, u = st.pen, st.u * 1.4
    x, y = st.away_x(0.5), st.horizon + 6 * st.u
    spots = st.pal("accent", (240, 154, 62))
    gx = x + 6 * u
    pen.rect((gx - 5 * u, y - 16 * u, gx + 5 * u, y - 11 * u), spots, radius=2 * u)
    for dx in (-4, -1.5, 2, 4):
        pen.rect(
            (gx + dx * u - 0.5 * u, y - 12 * u, gx + dx * u + 0.5 * u, y - 4 * u), spots, line=0.5
        )
    pen.polygon(
        [
            (gx + 2 * u, y - 15 * u),
            (gx + 5 * u, y - 30 * u),
            (gx + 7 * u, y - 29 * u),
            (gx + 5 * u, y - 14 * u),
        ],
        spots,
    )
    pen.ellipse((gx + 4 * u, y - 32 * u, gx + 10 * u, y - 28 * u), spots)
    for sx, sy in ((-2, -14), (1, -13), (4, -20), (5, -25)):
        pen.circle(gx + sx * u, y + sy * u, 0.7 * u, darken(spots, 0.35), line=0)
    ex = x - 12 * u
    grey = (150, 150, 160)
    pen.ellipse((ex - 8 * u, y - 14 * u, ex + 6 * u, y - 4 * u), grey)
    pen.circle(ex - 8 * u, y - 12 * u, 4 * u, grey)
    pen.line([(ex - 11 * u, y - 11 * u), (ex - 12 * u, y - 5 * u)], grey, 1.4 * u)
    for dx in (-5, -1, 3):
        pen.rect((ex + dx * u - 1 * u, y - 6 * u, ex + dx * u + 1 * u, y - 2 * u), grey, line=0)
    pen.rect((x - 24 * u, y - 12 * u, x + 24 * u, y - 11 * u), (130, 100, 70), line=0)
    pen.rect((x - 24 * u, y - 6 * u, x + 24 * u, y - 5 * u), (130, 100, 70), line=0)
    for k in range(13):
        px = x - 24 * u + k * 4 * u
        pen.rect((px - 0.5 * u, y - 14 * u, px + 0.5 * u, y), (130, 100, 70), line=0)


def cloud_bank(st: Stage) -> None:
    """The page is up in the sky: clouds below the hero's feet instead of land."""
    pen, rng, u, w, h = st.pen, st.rng, st.u, st.w, st.h
    cloud_colour = st.pal("ground", (255, 255, 255))
    top = st.horizon
    if st.time == "night":
        cloud_colour = mix(cloud_colour, (150, 160, 210), 0.5)
    pen.rect((-u, top + 6 * u, w + u, h + u), cloud_colour, line=0)
    x = -4 * u
    while x < w + 4 * u:
        r = rng.uniform(5, 9) * u
        pen.circle(x, top + 6 * u, r, cloud_colour, line=0.6)
        x += r * 1.3
    for _ in range(8):
        cloud(
            st,
            rng.uniform(0, w),
            rng.uniform(top + 12 * u, h),
            rng.uniform(12, 20) * u,
            cloud_colour,
        )
    st.floor_top = top + 10 * u
    st.shadow = (150, 160, 200)


def hot_air_balloons(st: Stage) -> None:
    pen, u = st.pen, st.u
    accent = st.pal("accent", (246, 165, 192))
    for k, (frac, s) in enumerate(((0.4, 7), (0.85, 5))):
        x, y = st.away_x(frac), st.h * (0.2 + 0.1 * k)
        with sharp(
            st.img, (x - s * u * 1.2, y - s * u * 1.3, x + s * u * 1.2, y + s * u * 2.2), pen
        ) as sp:
            sp.ellipse((x - s * u, y - s * 1.15 * u, x + s * u, y + s * u), accent)
            sp.ellipse(
                (x - s * 0.4 * u, y - s * 1.15 * u, x + s * 0.4 * u, y + s * u),
                (255, 236, 150),
                line=0,
            )
            sp.line(
                [(x - s * 0.5 * u, y + s * 0.8 * u), (x - s * 0.25 * u, y + s * 1.5 * u)],
                (120, 90, 70),
                0.2 * u,
            )
            sp.line(
                [(x + s * 0.5 * u, y + s * 0.8 * u), (x + s * 0.25 * u, y + s * 1.5 * u)],
                (120, 90, 70),
                0.2 * u,
            )
            sp.rect(
                (x - s * 0.3 * u, y + s * 1.5 * u, x + s * 0.3 * u, y + s * 1.9 * u), (170, 120, 80)
            )
        st.keep_clear.append((x - s * u, y - s * u, x + s * u, y + s * 2 * u))


def volcano(st: Stage, far: bool = False) -> None:
    pen, u = st.pen, st.u
    s = 18 if far else 34
    x, y = st.away_x(0.55 if not far else 0.7), st.horizon + (0 if far else 3) * u
    rock = (
        darken(st.pal("ground", (74, 59, 59)), 0.05)
        if not far
        else mix((110, 90, 90), _haze(st), 0.4)
    )
    lava = st.pal("accent", (255, 77, 31))
    pen.polygon(
        [
            (x - s * 1.3 * u, y),
            (x - s * 0.25 * u, y - s * u),
            (x + s * 0.25 * u, y - s * u),
            (x + s * 1.3 * u, y),
        ],
        rock,
    )
    pen.polygon(
        [
            (x - s * 0.25 * u, y - s * u),
            (x - s * 0.05 * u, y - s * 0.6 * u),
            (x + s * 0.1 * u, y - s * 0.75 * u),
            (x + s * 0.2 * u, y - s * 0.45 * u),
            (x + s * 0.25 * u, y - s * u),
        ],
        lava,
        lit=True,
    )
    pen.glow(x, y - s * u, s * 0.6 * u, (255, 140, 60), 90)
    for k in range(4):
        pen.circle(
            x + (k - 1.5) * s * 0.12 * u,
            y - s * (1.15 + 0.12 * k) * u,
            s * (0.1 + 0.03 * k) * u,
            (110, 100, 100),
            a=200,
            line=0,
        )


def far_volcano(st: Stage) -> None:
    volcano(st, far=True)


def lava(st: Stage) -> None:
    pen, u = st.pen, st.u
    lava_c = st.pal("accent", (255, 77, 31))
    x0 = st.away_x(0.55)
    pts = [
        (x0 + math.sin(k) * 4 * u + k * 2 * u * st.away, st.horizon + k * 4 * u) for k in range(8)
    ]
    pen.line(pts, (255, 170, 60), 3.2 * u, lit=True)
    pen.line(pts, lava_c, 2.2 * u, lit=True)


def cycads(st: Stage) -> None:
    for k, frac in enumerate((0.2, 0.55, 0.9)):
        x = st.away_x(frac)
        palm(st, x, st.horizon + 4 * st.u, (22 + 6 * (k % 2)) * st.u)


def ferns(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    for _ in range(8):
        fx = rng.uniform(0, w)
        if abs(fx - st.hero_x) < 12 * u:
            continue
        fy = rng.uniform(st.floor_top, st.h)
        for k in range(7):
            ang = math.radians(-170 + k * 27)
            tip = (fx + math.cos(ang) * 8 * u, fy + math.sin(ang) * 7 * u)
            pen.line([(fx, fy), tip], (60, 130, 60), 0.9 * u)
    for _ in range(3):
        x = rng.uniform(0, w)
        pen.ellipse(
            (x - 2 * u, st.h * 0.95 - u, x + 2 * u, st.h * 0.95 + u), (120, 100, 70), line=0
        )


def big_tent(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = st.away_x(0.5), st.horizon + 8 * u
    cloth = st.pal("accent", (255, 159, 64))
    pen.polygon([(x - 15 * u, y), (x, y - 18 * u), (x + 15 * u, y)], cloth)
    pen.polygon([(x, y - 18 * u), (x + 15 * u, y), (x + 4 * u, y)], darken(cloth, 0.15), line=0)
    pen.polygon([(x - 4 * u, y), (x, y - 10 * u), (x + 4 * u, y)], (60, 40, 40), line=0)


def campfire(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 22), st.floor_top + 6 * u
    pen.glow(x, y - 4 * u, 18 * u, (255, 170, 80), 110)
    for dx in (-1, 1):
        pen.line([(x - 5 * u * dx, y), (x + 5 * u * dx, y - 2 * u)], (120, 80, 50), 1.1 * u)
    for dx, hh, c in ((-1.5, 7, (250, 120, 50)), (1.5, 8, (255, 170, 60)), (0, 5, (255, 230, 120))):
        pen.polygon(
            [
                (x + (dx - 2.5) * u, y - 1 * u),
                (x + dx * u, y - hh * u),
                (x + (dx + 2.5) * u, y - 1 * u),
            ],
            c,
            line=0,
            lit=True,
        )
    for k in range(6):
        a = k * math.tau / 6
        pen.circle(x + math.cos(a) * 6 * u, y + math.sin(a) * 1.8 * u, 1.2 * u, (130, 130, 140))


def ferris_wheel(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y, r = st.away_x(0.55), st.horizon - 20 * u, 17 * u
    steel = (236, 236, 240)
    accent = st.pal("accent", (226, 61, 109))
    lit = st.time in ("night", "sunset")
    pen.line(
        [(x - 10 * u, st.horizon + 4 * u), (x, y), (x + 10 * u, st.horizon + 4 * u)], steel, 1.0 * u
    )
    pen.arc((x - r, y - r, x + r, y + r), 0, 360, steel, 0.8 * u)
    for k in range(8):
        a = k * math.tau / 8
        pen.line([(x, y), (x + math.cos(a) * r, y + math.sin(a) * r)], steel, 0.3 * u)
        cx, cy = x + math.cos(a) * r, y + math.sin(a) * r
        pen.rect(
            (cx - 2 * u, cy, cx + 2 * u, cy + 3 * u),
            accent if k % 2 else (90, 170, 230),
            radius=0.8 * u,
            lit=lit,
        )
    pen.circle(x, y, 1.5 * u, accent)
    st.keep_clear.append((x - r - 2 * u, y - r - 2 * u, x + r + 2 * u, st.horizon))


def circus_tent(st: Stage) -> None:
    pen, u = st.pen, st.u
    x, y = _near_side(st, 28), st.horizon + 6 * u
    accent = st.pal("accent", (226, 61, 109))
    for k in range(6):
        x0 = x - 14 * u + k * (28 / 6) * u
        pen.polygon(
            [(x0, y), (x, y - 22 * u), (x0 + (28 / 6) * u, y)],
            accent if k % 2 == 0 else (252, 246, 236),
            line=0.5,
        )
    pen.chord((x - 15 * u, y - 10 * u, x + 15 * u, y + 2 * u), 180, 360, (252, 246, 236), a=0)
    pen.line([(x, y - 22 * u), (x, y - 27 * u)], (120, 100, 90), 0.3 * u)
    pen.polygon([(x, y - 27 * u), (x + 4 * u, y - 26 * u), (x, y - 25 * u)], (255, 214, 90), line=0)


def bunting(st: Stage) -> None:
    pen, u, w = st.pen, st.u, st.w
    colours = [st.pal("accent", ACCENT), (255, 214, 90), (90, 170, 230), (120, 200, 120)]
    for row in range(2):
        y0 = 0.06 * st.h + row * 8 * u
        pts = [(x * w / 16, y0 + math.sin(x / 16 * math.pi) * 6 * u) for x in range(17)]
        pen.line(pts, (120, 100, 90), 0.2 * u)
        for k, (px, py) in enumerate(pts[:-1]):
            nx, ny = pts[k + 1]
            pen.polygon(
                [(px, py), (nx, ny), ((px + nx) / 2, (py + ny) / 2 + 4 * u)],
                colours[(k + row) % 4],
                line=0.5,
            )


def stalactites(st: Stage) -> None:
    pen, rng, u, w = st.pen, st.rng, st.u, st.w
    rock = lighten(st.pal("wall", (74, 64, 56)), 0.15)
    x = -2 * u
    while x < w:
        hh = rng.uniform(6, 16) * u
        half = rng.uniform(2, 3.5) * u
        pen.polygon([(x - half, -u), (x + half, -u), (x, hh)], rock)
        x += rng.uniform(6, 10) * u


def crystals(st: Stage) -> None:
    """Glowing crystals in the place's accent: the light a cave is seen by."""
    pen, u = st.pen, st.u
    glow = st.pal("accent", (242, 184, 75))
    for k, frac in enumerate((0.2, 0.75)):
        x = st.away_x(frac) if k else _near_side(st, 26)
        y = st.floor_top + 1 * u
        pen.glow(x, y - 5 * u, 16 * u, glow, 90)
        for dx, hh, lean in ((-3, 8, -1.5), (0, 12, 0), (3, 7, 1.5)):
            bx = x + dx * u
            pen.polygon(
                [(bx - 1.4 * u, y), (bx + lean * u, y - hh * u), (bx + 1.4 * u, y)], glow, lit=True
            )
            pen.line(
                [(bx, y - u), (bx + lean * u * 0.8, y - hh * u * 0.8)],
                lighten(glow, 0.5),
                0.3 * u,
                lit=True,
            )


def tree_row(st: Stage) -> None:
    for k in range(4):
        x = st.w * (k + 0.5) / 4
        if abs(x - st.hero_x) > 12 * st.u:
            round_tree(st, x, st.horizon + 2 * st.u, 18 * st.u, (90, 160, 80))


def cacti(st: Stage) -> None:
    for k in range(3):
        cactus(st.pen, st.away_x(0.25 + k * 0.3), st.horizon + 6 * st.u, (12 + 4 * k) * st.u, 1.0)


LANDMARKS = {
    "bench": bench,
    "pond": pond,
    "park trees": park_trees,
    "lamp post": lamp,
    "flowerbeds": flowerbeds,
    "parasol": parasol,
    "sandcastle": sandcastle,
    "deck": deck,
    "palm island": palm_island,
    "seaweed": seaweed,
    "rocks": rocks,
    "sunken chest": sunken_chest,
    "corals": corals,
    "fish school": fish_school,
    "jungle trees": jungle_trees,
    "vines": vines,
    "big leaves": big_leaves,
    "fallen log": fallen_log,
    "snow fall": snow_fall,
    "sled": sled_landmark,
    "icebergs": icebergs,
    "igloo": igloo,
    "aurora": aurora,
    "mountains": mountains,
    "pines": pines,
    "pyramids": pyramids,
    "acacias": acacias,
    "tall grass": tall_grass,
    "skyscrapers": skyscrapers,
    "zebra crossing": zebra_crossing,
    "bus stop": bus_stop,
    "barn": barn,
    "fence": fence,
    "haystack": haystack,
    "space station": space_station,
    "craters": craters,
    "earth": earth,
    "banners": banners,
    "school building": school_building,
    "hopscotch": hopscotch,
    "slide": slide,
    "swings": swings,
    "sandpit": sandpit,
    "windmill": windmill,
    "river": river,
    "reeds": reeds,
    "lake": lake,
    "jetty": jetty,
    "enclosure": enclosure,
    "cloud bank": cloud_bank,
    "hot air balloons": hot_air_balloons,
    "volcano": volcano,
    "far volcano": far_volcano,
    "lava": lava,
    "cycads": cycads,
    "ferns": ferns,
    "big tent": big_tent,
    "campfire": campfire,
    "ferris wheel": ferris_wheel,
    "circus tent": circus_tent,
    "bunting": bunting,
    "tree row": tree_row,
    "stalactites": stalactites,
    "crystals": crystals,
    "cacti": cacti,
}
"""Exterior landmarks by the name ``places.toml`` uses in a place's ``landmarks``."""

SKY_LIGHTS = frozenset({"earth", "aurora"})
"""Landmarks that light the sky themselves: the base draws no sun or moon."""
