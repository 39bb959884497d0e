"""The hero of the offline illustrator: a friendly child drawn the same way on every page.

The hero's look (skin, hair, clothes) comes from the book's cast (``storyillus.casting``),
so every page of a book shows the same child. A reference picture, when there is one,
shapes that look through the cast; it is never pasted onto a page.
"""

from __future__ import annotations

import colorsys
import hashlib
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from PIL import Image

from storyillus.casting import look_words
from storyillus.domain import CastMember
from storyillus.illustration import _offline_props as props
from storyillus.illustration._offline_paint import (
    Color,
    Pen,
    Point,
    darken,
    hexc,
    lighten,
    mix,
    star_points,
)

SKINS: tuple[Color, ...] = (
    (255, 226, 200),
    (248, 210, 176),
    (236, 188, 148),
    (214, 160, 118),
    (182, 124, 88),
    (140, 92, 64),
    (108, 70, 50),
)
HAIRS: tuple[Color, ...] = (
    (44, 34, 36),
    (82, 54, 40),
    (128, 82, 50),
    (178, 94, 50),
    (214, 150, 72),
    (238, 204, 124),
    (64, 44, 40),
)
SHIRTS: tuple[Color, ...] = (
    (234, 86, 86),
    (250, 160, 60),
    (250, 206, 70),
    (108, 190, 110),
    (80, 170, 224),
    (96, 112, 214),
    (172, 110, 212),
    (240, 122, 170),
    (56, 180, 170),
)
PANTS: tuple[Color, ...] = (
    (70, 100, 172),
    (58, 70, 112),
    (140, 100, 72),
    (92, 132, 92),
    (120, 120, 142),
    (196, 160, 112),
)
SHOES: tuple[Color, ...] = (
    (204, 64, 64),
    (80, 66, 66),
    (60, 92, 164),
    (236, 236, 240),
    (224, 172, 60),
)
HAIR_STYLES = ("short", "long", "curly", "ponytail", "buns", "spiky", "bob", "afro")
OUTFITS = ("pants", "shorts", "dress")
EMBLEMS = ("star", "heart", "circle", "stripes", "none")


@dataclass(frozen=True)
class Look:
    skin: Color
    hair: Color
    hair_style: str
    shirt: Color
    pants: Color
    shoes: Color
    outfit: str
    emblem: str
    freckles: bool
    bow: bool
    glasses: bool = False


def stable_random(*parts: object) -> random.Random:
    """A ``random.Random`` seeded from a SHA-256 of the parts (never the salted hash())."""
    text = "\x1f".join(str(part) for part in parts)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


def look_for(name: str, elder: bool = False) -> Look:
    """The look of a child called ``name``: the same name always gives the same look."""
    rng = stable_random("hero-look", " ".join(name.casefold().split()))
    skin = rng.choice(SKINS)
    hair = rng.choice(HAIRS)
    style = rng.choice(HAIR_STYLES)
    shirt = rng.choice(SHIRTS)
    pants = rng.choice(PANTS)
    shoes = rng.choice(SHOES)
    outfit = rng.choice(OUTFITS)
    emblem = rng.choice(EMBLEMS)
    freckles = rng.random() < 0.25 and skin in SKINS[:3]
    bow = rng.random() < 0.35 and style in ("long", "ponytail", "buns", "bob")
    look = Look(skin, hair, style, shirt, pants, shoes, outfit, emblem, freckles, bow)
    if elder:
        look = replace(look, hair=(214, 214, 222), glasses=True, bow=False, outfit="pants")
        if look.hair_style in ("buns", "spiky", "afro"):
            look = replace(look, hair_style="bob")
    return look


def _rgb(hex_: str, fallback: Color) -> Color:
    return hexc(hex_) if hex_ else fallback


def look_of(member: CastMember, book_seed: int) -> Look:
    """How the painter draws a cast member: colours and hair from the stored look, the
    small things the look does not say (shoes, emblem) fixed per book and member."""
    rng = stable_random("member-look", book_seed, member.name)
    base = look_for(member.name, elder=member.kind == "elder")
    cast_look = member.look
    detail = cast_look.clothes.detail
    outfit = "dress" if "dress" in detail else "shorts" if "shorts" in detail else "pants"
    style = cast_look.hair.detail if cast_look.hair.detail in HAIR_STYLES else base.hair_style
    shirt = _rgb(cast_look.clothes.hex, base.shirt)
    return replace(
        base,
        skin=_rgb(cast_look.skin.hex, base.skin),
        hair=_rgb(cast_look.hair.hex, base.hair),
        hair_style=style,
        shirt=shirt,
        pants=darken(shirt, 0.4) if outfit == "dress" else rng.choice(PANTS),
        outfit=outfit,
        glasses=any("glasses" in extra for extra in cast_look.extras),
        # A bow is a small thing the description never says: never on a brother or a dad.
        bow=base.bow and style in ("long", "ponytail", "buns", "bob") and not _no_bow(member),
    )


def _no_bow(member: CastMember) -> bool:
    words = member.role.casefold().replace("-", " ").split()
    no_dress = look_words().no_dress
    return any(word in no_dress or word.removesuffix("s") in no_dress for word in words)


def _distance(a: Color, b: Color) -> float:
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)))


# ---------------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------------


def hero_box(x: float, feet_y: float, height: float) -> tuple[float, float, float, float]:
    k = height / 100
    return (x - 36 * k, feet_y - 104 * k, x + 36 * k, feet_y + 3 * k)


def hand_position(x: float, feet_y: float, height: float, pose: str, m: int) -> Point:
    """Where the leading hand (on side ``m``) is for a pose: where a held thing goes."""
    k = height / 100
    shape = POSES[pose]
    lead = shape.hands[1]
    return (x + m * lead[0] * k, feet_y - height + (lead[1] + shape.drop) * k)


Leg = tuple[Point, Point, Point]
"""Hip, knee and ankle in hero units (the figure 100 tall, feet at 100), leading side +x."""


@dataclass(frozen=True)
class PoseShape:
    """How the figure stands in a pose, in hero units (leading side is +x)."""

    hands: tuple[Point, Point]
    """(trailing hand, leading hand), before ``drop``."""
    legs: tuple[Leg, Leg] | None = None
    """(trailing leg, leading leg), or None for the two straight legs of standing."""
    drop: float = 0.0
    """How far the head, body and arms come down (sitting, kneeling) or up (on a seat)."""
    closed_eyes: bool = False


POSES: dict[str, PoseShape] = {
    "wave": PoseShape(((-21, 66), (27, 22))),
    "down": PoseShape(((-21, 66), (21, 66))),
    "cheer": PoseShape(((-26, 20), (26, 20))),
    "point": PoseShape(((-21, 66), (34, 44))),
    "hips": PoseShape(((-22, 58), (22, 58))),
    "hold": PoseShape(((-21, 66), (25, 38))),
    # a stride: the leading leg forward, the arms swinging against the legs
    "walk": PoseShape(
        ((-8, 66), (24, 60)),
        (((-6.5, 66), (-10, 80), (-16, 92)), ((6.5, 66), (12, 79), (15, 94))),
    ),
    # cross-legged on the ground, hands on the knees
    "sit": PoseShape(
        ((-20, 64), (20, 64)),
        (((-6.5, 86), (-21, 88), (4, 95)), ((6.5, 86), (21, 88), (-4, 96))),
        drop=20,
    ),
    # kneeling at work, both hands at the blocks in front
    "build": PoseShape(
        ((-6, 66), (24, 62)),
        (((-6.5, 80), (-17, 84), (-12, 95)), ((6.5, 80), (18, 84), (13, 95))),
        drop=14,
    ),
    # one arm reaching forward over the water, the other pulling back; legs under water
    "swim": PoseShape(((-31, 52), (33, 34)), drop=0),
    # on a seat (a bike's saddle, a horse's back): legs down its sides, hands forward
    "ride": PoseShape(
        ((14, 58), (25, 56)),
        (((-6.5, 66), (-13, 76), (-11, 88)), ((6.5, 66), (14, 76), (9, 88))),
    ),
    "sleep": PoseShape(((-19, 64), (19, 64)), closed_eyes=True),
}
"""Every pose the figure can take; ``storyillus/data/poses.toml`` says which words ask for
which (a pose there must be drawn here)."""


def _hands(pose: str) -> tuple[Point, Point]:
    """(trailing hand, leading hand) in hero units for a pose (leading side is +x)."""
    return POSES[pose].hands


WATER: Color = (96, 176, 230)
"""The water a swimmer is in when the page has none of its own."""
BLOCKS: tuple[Color, ...] = ((236, 96, 90), (250, 200, 70), (96, 164, 230), (120, 196, 110))
"""The toy blocks a builder stacks."""


def draw_hero(
    pen: Pen,
    x: float,
    feet_y: float,
    height: float,
    look: Look,
    pose: str = "wave",
    m: int = 1,
    gaze: float = 0.0,
    grin: bool = False,
    turn: float = 0.0,
) -> None:
    """Draw the child with feet at ``(x, feet_y)``; ``m`` mirrors the pose, not the look.

    ``turn`` (hero units, + to the right) moves the face across the head and hides the ear
    it turns towards: the three-quarter view of a character sheet.
    """
    k = height / 100
    shape = POSES[pose]
    # The head, body and arms are drawn ``drop`` lower; the legs keep the ground (``leg_p``).
    top = feet_y - height + shape.drop * k

    def p(a: float, b: float) -> Point:
        return (x + a * k, top + b * k)

    def leg_p(a: float, b: float) -> Point:
        return (x + m * a * k, feet_y - height + b * k)

    def box(a0: float, b0: float, a1: float, b1: float) -> tuple[float, float, float, float]:
        return (x + a0 * k, top + b0 * k, x + a1 * k, top + b1 * k)

    skin, hair, shirt, pants = look.skin, look.hair, look.shirt, look.pants
    skin_shade = darken(skin, 0.12)

    # hair that falls behind the head and shoulders
    style = look.hair_style
    if style == "long":
        pen.rect(box(-20.5, 10, 20.5, 54), hair, radius=9 * k)
    elif style == "bob":
        pen.rect(box(-21, 8, 21, 38), hair, radius=10 * k)
    elif style == "afro":
        pen.circle(*p(0, 19), 24 * k, hair)
        for i in range(13):
            ang = math.radians(140 + i * 20)
            pen.circle(*p(23 * math.cos(ang), 19 + 22 * math.sin(ang)), 6 * k, hair)
    elif style == "curly":
        for i in range(11):
            ang = math.radians(150 + i * 24)
            pen.circle(*p(19 * math.cos(ang), 21 + 19 * math.sin(ang)), 6.5 * k, hair)
    elif style == "ponytail":
        pen.ellipse(box(15, 12, 29, 40), hair)
        pen.circle(*p(17.5, 15), 2.6 * k, look.shirt if not look.bow else (240, 90, 120))
    elif style == "buns":
        for side in (-1, 1):
            pen.circle(*p(side * 14, 5), 7.5 * k, hair)

    # legs and shoes
    if shape.legs is not None:
        _posed_legs(pen, look, shape.legs, leg_p, k)
    elif pose == "swim":
        pass  # under the water drawn over the body below
    elif look.outfit == "pants":
        for side in (-1, 1):
            pen.rect(box(side * 6.5 - 5.5, 64, side * 6.5 + 5.5, 94), pants, radius=2.5 * k)
    else:
        for side in (-1, 1):
            pen.rect(box(side * 6.5 - 4.2, 70, side * 6.5 + 4.2, 94), skin, radius=2.5 * k)
        if look.outfit == "shorts":
            for side in (-1, 1):
                pen.rect(box(side * 6.5 - 6, 64, side * 6.5 + 6, 79), pants, radius=2.5 * k)
    for side in (-1, 1) if shape.legs is None and pose != "swim" else ():
        pen.ellipse(box(side * 7.5 - 7, 91, side * 7.5 + 7, 100), look.shoes)
        pen.ellipse(box(side * 7.5 - 4, 92.5, side * 7.5 + 1, 95), lighten(look.shoes, 0.4), line=0)

    trailing, leading = _hands(pose)
    hands = [(m * trailing[0], trailing[1]), (m * leading[0], leading[1])]
    shoulders = [(-m * 12.5, 43.0), (m * 12.5, 43.0)]

    # body
    if look.outfit == "dress":
        pen.polygon([p(-11, 38), p(11, 38), p(15, 48), p(22, 78), p(-22, 78), p(-15, 48)], shirt)
        pen.polygon([p(-17.4, 59.5), p(17.4, 59.5), p(18.1, 63), p(-18.1, 63)], pants, line=0.5)
    else:
        pen.polygon([p(-11, 38), p(11, 38), p(15, 46), p(16, 70), p(-16, 70), p(-15, 46)], shirt)
        pen.rect(box(-16, 64, 16, 70), pants, line=0)
    pen.polygon([p(-5, 38), p(5, 38), p(0, 43)], skin, line=0)
    _emblem(pen, look, lambda a, b: p(a + turn * 0.5, b), k)

    # arms
    for (sx, sy), (hx, hy) in zip(shoulders, hands, strict=True):
        ex, ey = sx + (hx - sx) * 0.5, sy + (hy - sy) * 0.5
        pen.stroke([p(sx, sy), p(ex, ey)], shirt, 7.5 * k)
        pen.stroke([p(ex, ey), p(hx, hy)], skin, 5.5 * k)
        pen.circle(*p(hx, hy), 4.2 * k, skin)

    # head
    pen.circle(*p(0, 35.5), 4 * k, skin_shade, line=0)
    for side in (-1, 1):
        if side * turn <= 2:  # the ear the head turns towards is out of sight
            pen.circle(*p(side * 17.2 - turn * 0.3, 25), 4 * k, skin)
    pen.circle(*p(0, 22), 18 * k, skin)
    x += turn * k  # the face's features, moved across the head by the turn

    # face
    blush = mix(skin, (240, 110, 120), 0.4)
    for side in (-1, 1):
        pen.ellipse(box(side * 10.5 - 3.4, 28.2, side * 10.5 + 3.4, 32), blush, line=0)
    eye = (46, 34, 44)
    for side in (-1, 1):
        ex = side * 6.5 + gaze
        if shape.closed_eyes:
            pen.arc(box(ex - 2.8, 21.5, ex + 2.8, 26.5), 20, 160, eye, 1.1 * k)
            continue
        pen.ellipse(box(ex - 2.3, 21.2, ex + 2.3, 27.4), eye, line=0)
        pen.circle(*p(ex + 0.8, 22.9), 1.0 * k, (255, 255, 255), line=0)
        pen.arc(
            box(side * 6.5 - 3.4, 18.6, side * 6.5 + 3.4, 22.6),
            205,
            335,
            darken(hair, 0.1),
            0.9 * k,
        )
    if look.freckles:
        for side in (-1, 1):
            for dx, dy in ((-1.2, 0), (0.8, 0.9), (1.4, -0.8)):
                pen.circle(*p(side * 10.5 + dx, 29 + dy), 0.45 * k, darken(skin, 0.3), line=0)
    pen.arc(box(-1.2, 26.5, 1.2, 29.2), 30, 150, darken(skin, 0.3), 0.8 * k)
    if grin:
        pen.chord(box(-4.6, 28, 4.6, 35.5), 0, 180, (150, 54, 70))
        pen.chord(box(-2.6, 31.5, 2.6, 35.3), 180, 360, (240, 130, 140), line=0)
    else:
        pen.arc(box(-4.5, 27.5, 4.5, 34), 25, 155, (150, 60, 70), 1.3 * k)
    if look.glasses:
        for side in (-1, 1):
            pen.arc(box(side * 6.5 - 4, 20, side * 6.5 + 4, 28.5), 0, 360, (90, 80, 90), 0.8 * k)
        pen.line([p(-2.5, 23.5), p(2.5, 23.5)], (90, 80, 90), 0.8 * k)

    # hair on top of the head
    x -= turn * k
    cap_box = box(-19.2, 2.2, 19.2, 41.5)
    if style == "afro":
        pen.chord(box(-20, 1.5, 20, 41.5), 200, 340, hair)
        for a in (-13, -6.5, 0, 6.5, 13):
            pen.circle(*p(a, 11.5), 4.2 * k, hair, line=0)
    elif style == "spiky":
        for a, b, r in ((-9, 3.5, 5.5), (0, 1.5, 6), (9, 3.5, 5.5)):
            pen.circle(*p(a, b), r * k, hair)
        pen.chord(cap_box, 196, 344, hair)
        for a, b in ((-13, 15.5), (-5, 14.5), (4, 14.5), (12, 15.5)):
            pen.polygon([p(a - 4.5, b - 4), p(a, b + 3), p(a + 4.5, b - 4)], hair, line=0)
    else:
        pen.chord(cap_box, 196, 344, hair)
    if style in ("short", "curly", "ponytail", "buns"):
        for a, b in ((-12.5, 15.2), (-4.5, 14.6), (3.5, 14.6), (11.5, 15.2)):
            pen.ellipse(box(a - 4.4, b - 3.5, a + 4.4, b + 3.1), hair, line=0)
    elif style in ("long", "bob"):
        pen.chord(box(-16, 2, 12, 26), 170, 360, hair, line=0)
        for side in (-1, 1):
            pen.rect(
                box(side * 17.5 - 3.4, 13, side * 17.5 + 3.4, 44 if style == "long" else 34),
                hair,
                radius=3 * k,
            )
    pen.arc(box(-11, 5, 3, 14), 200, 280, lighten(hair, 0.35), 1.0 * k)
    if look.bow:
        bx, by = (13, 7) if style != "buns" else (14, 11)
        pen.polygon([p(bx, by), p(bx - 5, by - 4), p(bx - 5, by + 4)], (240, 90, 120))
        pen.polygon([p(bx, by), p(bx + 5, by - 4), p(bx + 5, by + 4)], (240, 90, 120))
        pen.circle(*p(bx, by), 1.6 * k, (250, 130, 160))
    if pose == "swim":
        _water(pen, p, k)
    elif pose == "build":
        _blocks(pen, leg_p, k)


@dataclass(frozen=True)
class Seat:
    """Where a rider sits on what it rides, in the ridden thing's height ``s``."""

    size: float
    """The ridden thing's height against the rider's standing height."""
    dx: float
    """The seat's distance behind the thing's middle."""
    height: float
    """The seat's height above the thing's bottom."""
    in_front: bool = False
    """Whether the thing's front is drawn again over the rider (a boat's hull)."""


SEATS: dict[str, Seat] = {
    "bicycle": Seat(0.62, 0.12, 0.72),
    "horse": Seat(0.9, 0.05, 0.62),
    "unicorn": Seat(0.9, 0.05, 0.62),
    "boat": Seat(1.0, 0.22, 0.4, in_front=True),
}
"""What the figure can ride: ``storyillus/data/poses.toml`` names these for "ride"."""
RIDE_POSE = {"boat": "wave"}
"""In a boat the legs are out of sight: the rider waves; elsewhere the legs straddle."""


def draw_rider(
    pen: Pen,
    x: float,
    ground_y: float,
    height: float,
    look: Look,
    vehicle: str,
    m: int = 1,
    grin: bool = False,
) -> None:
    """The figure riding ``vehicle`` (a key of SEATS), which stands on ``ground_y`` at ``x``."""
    seat = SEATS[vehicle]
    s = seat.size * height
    draw = getattr(props, vehicle)
    draw(pen, x, ground_y, s, m)
    seat_x, seat_y = x - m * seat.dx * s, ground_y - seat.height * s
    # The hips (66 hero units down) sit on the seat.
    feet_y = seat_y + 0.34 * height
    pose = RIDE_POSE.get(vehicle, "ride")
    draw_hero(pen, seat_x, feet_y, height, look, pose, m, m * 0.8, grin)
    if seat.in_front:
        props.boat_hull(pen, x, ground_y, s, m)


BED_SIZE = 0.5
"""A bed's height against the sleeper's standing height."""
BLANKET: Color = (150, 178, 232)
HEAD_AT = 0.62
"""How far from the bed's middle the sleeper's head lies, in the bed's height."""


def draw_sleeper(
    pen: Pen, x: float, ground_y: float, height: float, look: Look, m: int = 1
) -> None:
    """The figure asleep in a bed standing on ``ground_y`` at ``x``, its head at side ``-m``.

    The figure is drawn standing on a clear layer, turned to lie on the mattress and
    tucked in from the waist down.
    """
    s = BED_SIZE * height
    props.bed(pen, x, ground_y, s, m, blanket=False)
    lying = s * 1.75  # the sleeper's length: the head on the pillow, the feet at the foot
    k = lying / 100
    # the layer, in page coordinates: the standing figure's box
    lx0, ly0 = x - 40 * k, ground_y - 106 * k
    size = (max(1, round(80 * k * pen.k)), max(1, round(110 * k * pen.k)))
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    layer_pen = pen.on(layer, lx0, ly0, pen.k)
    feet = ground_y - 8 * k
    draw_hero(layer_pen, x, feet, lying, look, "sleep", m)
    head_u, head_v = layer_pen._p(x, feet - lying + 22 * k)
    turned = layer.rotate(90 * m, expand=True, resample=Image.Resampling.BICUBIC)
    w, h = layer.size
    # where the head's centre lands once turned (a quarter turn about the layer)
    hu, hv = (head_v, w - head_u) if m > 0 else (h - head_v, head_u)
    pillow_x, pillow_y = pen._p(x - m * HEAD_AT * s, ground_y - 0.66 * s)
    pen.img.paste(turned, (round(pillow_x - hu), round(pillow_y - hv)), turned)
    # the blanket, from the waist to the foot of the bed, over the legs
    waist = x - m * HEAD_AT * s + m * (66 - 22) * k
    foot = x + m * 1.08 * s
    x0, x1 = min(waist, foot), max(waist, foot)
    bumps = [
        (
            x0 + (x1 - x0) * i / 8,
            ground_y - (0.96 if 0 < i < 8 else 0.6) * s - math.sin(i * 0.9) * 0.05 * s,
        )
        for i in range(9)
    ]
    pen.polygon([*bumps, (x1, ground_y - 0.3 * s), (x0, ground_y - 0.3 * s)], BLANKET)
    for i in range(1, 4):
        bx = x0 + (x1 - x0) * i / 4
        pen.line(
            [(bx, ground_y - 0.8 * s), (bx, ground_y - 0.33 * s)], darken(BLANKET, 0.15), 0.02 * s
        )
    # the folded-back top of the blanket at the waist
    fold = waist if m > 0 else waist - 0.1 * s
    pen.rect(
        (fold, ground_y - 0.96 * s, fold + 0.1 * s, ground_y - 0.3 * s),
        lighten(BLANKET, 0.5),
        radius=0.04 * s,
    )


def _posed_legs(
    pen: Pen, look: Look, legs: tuple[Leg, Leg], p: Callable[[float, float], Point], k: float
) -> None:
    """Bent legs (hip, knee, ankle) and their shoes; ``p`` maps hero units, mirrored."""
    bare = look.outfit != "pants"
    for hip, knee, ankle in legs:
        points = [p(*hip), p(*knee), p(*ankle)]
        if bare:
            pen.stroke(points, look.skin, 8.4 * k)
            if look.outfit == "shorts":
                half = ((hip[0] + knee[0]) / 2, (hip[1] + knee[1]) / 2)
                pen.stroke([p(*hip), p(*half)], look.pants, 12 * k)
        else:
            pen.stroke(points, look.pants, 11 * k)
        fx, fy = ankle
        pen.ellipse((*p(fx - 7, fy - 2), *p(fx + 7, fy + 7)), look.shoes)


def _water(pen: Pen, p: Callable[[float, float], Point], k: float) -> None:
    """The water a swimmer is in, over the body from the waist down, with ripples."""
    pen.ellipse((*p(-46, 58), *p(46, 104)), WATER, a=235, line=0.6)
    for a, b, w in ((-30, 61, 14), (14, 62, 18), (-6, 72, 12), (22, 80, 10), (-26, 84, 12)):
        x0, y0 = p(a - w / 2, b)
        x1, y1 = p(a + w / 2, b + 3)
        pen.arc((x0, y0, x1, y1), 200, 340, lighten(WATER, 0.6), 1.1 * k)
    for a, b in ((-36, 52), (38, 30), (36, 40)):
        pen.circle(*p(a, b), 1.8 * k, lighten(WATER, 0.75), line=0)


def _blocks(pen: Pen, p: Callable[[float, float], Point], k: float) -> None:
    """A little tower of toy blocks on the leading side: what the builder is building."""
    for a, b, colour in ((24, 100, BLOCKS[0]), (33.5, 100, BLOCKS[1]), (28.5, 91, BLOCKS[2])):
        x0, y0 = p(a - 4.5, b - 9)
        x1, y1 = p(a + 4.5, b)
        pen.rect((min(x0, x1), y0, max(x0, x1), y1), colour, radius=1.2 * k)


def _emblem(pen: Pen, look: Look, p: Callable[[float, float], Point], k: float) -> None:
    mark = lighten(look.shirt, 0.55) if sum(look.shirt) < 560 else darken(look.shirt, 0.3)
    if look.emblem == "star":
        cx, cy = p(0, 52)
        pen.polygon(star_points(cx, cy, 5 * k, 2.2 * k), mark, line=0.5)
    elif look.emblem == "heart":
        cx, cy = p(0, 52)
        r = 2.4 * k
        pen.circle(cx - r * 0.9, cy - r * 0.3, r, mark, line=0)
        pen.circle(cx + r * 0.9, cy - r * 0.3, r, mark, line=0)
        pen.polygon([(cx - r * 1.85, cy), (cx + r * 1.85, cy), (cx, cy + r * 2.2)], mark, line=0)
    elif look.emblem == "circle":
        cx, cy = p(0, 52)
        pen.circle(cx, cy, 4.2 * k, mark, line=0.5)
        pen.circle(cx, cy, 2 * k, look.shirt, line=0)
    elif look.emblem == "stripes" and look.outfit != "dress":
        for b in (48, 55, 62):
            x0, y0 = p(-15.5, b)
            x1, y1 = p(15.5, b + 2.6)
            pen.rect((x0, y0, x1, y1), mark, line=0)


def draw_pet(pen: Pen, member: CastMember, x: float, feet_y: float, height: float, m: int) -> None:
    """An animal of the cast as its animal, in the fur (and collar) of its look."""
    fur = _rgb(member.look.hair.hex, PET_FUR.get(member.kind, (214, 170, 120)))
    if member.kind == "dog":
        props.dog(pen, x, feet_y, height, m, fur, _rgb(member.look.clothes.hex, (230, 70, 80)))
    elif member.kind == "cat":
        props.cat(pen, x, feet_y, height, m, fur)
    elif member.kind == "rabbit":
        props.rabbit(pen, x, feet_y, height, m, fur)
    else:
        props.PROPS[member.kind].draw(pen, x, feet_y, height, m)


PET_FUR: dict[str, Color] = {
    "dog": (214, 170, 120),
    "cat": (240, 160, 80),
    "rabbit": (244, 240, 236),
}
"""The fur of an animal whose look names none."""


# ---------------------------------------------------------------------------------
# Reference pictures
# ---------------------------------------------------------------------------------


def dominant_colours(img: Image.Image, count: int = 2) -> list[Color]:
    """The picture's main colours, livelier ones first, made a little brighter for clothes."""
    small = img.convert("RGB").resize((48, 48), Image.Resampling.BILINEAR)
    quant = small.quantize(colors=6, method=Image.Quantize.MEDIANCUT)
    palette = quant.getpalette() or []
    counts = sorted(quant.getcolors() or [], reverse=True)
    scored: list[tuple[float, Color]] = []
    for n, index in counts:
        r, g, b = palette[index * 3 : index * 3 + 3]
        _, s, v = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
        dull = v < 0.12 or (v > 0.94 and s < 0.08)
        weight = 0.15 if dull else 0.35 + s
        scored.append((n * weight, (r, g, b)))
    scored.sort(key=lambda item: -item[0])
    chosen: list[Color] = []
    for _, colour in scored:
        if all(_distance(colour, other) > 70 for other in chosen):
            chosen.append(colour)
        if len(chosen) >= count:
            break
    return [_friendly(c) for c in chosen]


def _friendly(c: Color) -> Color:
    h, s, v = colorsys.rgb_to_hsv(c[0] / 255, c[1] / 255, c[2] / 255)
    v = min(1.0, max(v, 0.35))
    r, g, b = colorsys.hsv_to_rgb(h, s, v)
    return (round(r * 255), round(g * 255), round(b * 255))
