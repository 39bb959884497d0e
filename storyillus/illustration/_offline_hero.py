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
    """Where the leading hand (on side ``m``) is for a pose."""
    k = height / 100
    top = feet_y - height
    lead = _hands(pose)[1]
    return (x + m * lead[0] * k, top + lead[1] * k)


def _hands(pose: str) -> tuple[Point, Point]:
    """(trailing hand, leading hand) in hero units for a pose (leading side is +x)."""
    return {
        "wave": ((-21, 66), (27, 22)),
        "down": ((-21, 66), (21, 66)),
        "cheer": ((-26, 20), (26, 20)),
        "point": ((-21, 66), (34, 44)),
        "hips": ((-22, 58), (22, 58)),
        "hold": ((-21, 66), (25, 38)),
    }[pose]


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
    top = feet_y - height

    def p(a: float, b: float) -> Point:
        return (x + a * k, top + b * k)

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
    if look.outfit == "pants":
        for side in (-1, 1):
            pen.rect(box(side * 6.5 - 5.5, 64, side * 6.5 + 5.5, 94), pants, radius=2.5 * k)
    else:
        for side in (-1, 1):
            pen.rect(box(side * 6.5 - 4.2, 70, side * 6.5 + 4.2, 94), skin, radius=2.5 * k)
        if look.outfit == "shorts":
            for side in (-1, 1):
                pen.rect(box(side * 6.5 - 6, 64, side * 6.5 + 6, 79), pants, radius=2.5 * k)
    for side in (-1, 1):
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
