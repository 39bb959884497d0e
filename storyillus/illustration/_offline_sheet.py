"""The offline illustrator's character sheets: one cast member on a plain ground.

A model sheet as an illustrator draws one: the whole figure front on (feet visible) in a
neutral pose and the story's clothes on the left; a close-up of the whole face top right;
a three-quarter (turned) view below it. No name or other text: pictures carry no words.
Colours come from the member's look, so the offline judge finds on a page what the sheet
shows. An animal is drawn as itself, in its own fur.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image

from storyillus.domain import CastMember
from storyillus.illustration import _offline_hero as hero
from storyillus.illustration._offline_paint import Pen, sharp, style_for

PAPER = (248, 246, 242)
"""A plain, light ground: nothing on a sheet but the character."""
PETS = frozenset({"dog", "cat", "rabbit"})

FRONT_X = 0.27
"""The front view's centre, as a share of the sheet's width."""
FEET = 0.95
CLOSE_UP = (0.56, 0.03, 0.97, 0.44)
"""Where the face close-up goes, as shares of the sheet's width and height."""
TURNED_X = 0.77
TURNED_SCALE = 0.56
"""The turned view's height against the front view's."""
TURN = 5.0
"""How far the turned view's face moves across the head, in figure units (of 100)."""
SQUASH = 0.86
"""A turned body is narrower than a front-on one."""

# The head of a figure drawn ``tall`` high with its feet at y: (left, top, right, bottom)
# in figure units around its centre line; wide and tall enough for an afro, buns, ears,
# a bow and the chin, so the close-up always shows the whole face.
_HEAD = (-30.0, -6.0, 30.0, 47.0)
# An animal's head, in shares of its drawn size around (x, feet): per kind.
_PET_HEAD: dict[str, tuple[float, float, float, float]] = {
    "dog": (-0.36, -1.02, 0.44, -0.4),
    "cat": (-0.34, -1.04, 0.34, -0.4),
    "rabbit": (-0.24, -1.14, 0.48, -0.3),
}


def render_sheet(
    member: CastMember,
    book_seed: int,
    art_style: str,
    size: tuple[int, int],
    out: tuple[int, int],
) -> bytes:
    """The sheet drawn at ``size`` and delivered at ``out`` pixels, as PNG bytes."""
    width, height = size
    img = Image.new("RGB", (width, height), PAPER)
    unit = min(width, height) / 100
    pen = Pen(img, style_for(art_style), unit)
    feet = height * FEET
    if member.kind in PETS:
        _pet_sheet(img, pen, member, feet)
    else:
        _person_sheet(img, pen, member, book_seed, feet)
    if img.size != out:
        img = img.resize(out, Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    img.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def _person_sheet(
    img: Image.Image, pen: Pen, member: CastMember, book_seed: int, feet: float
) -> None:
    width, height = img.size
    look = hero.look_of(member, book_seed)
    # Grown-ups stand a little taller on their sheet than children.
    tall = height * (0.8 if member.kind == "child" else 0.86)
    x = width * FRONT_X
    with sharp(img, (0, 0, width * 0.56, height), pen) as sp:
        hero.draw_hero(sp, x, feet, tall, look, "down", 1, 0.0, False)

    # The close-up: the head drawn again on its own, large, so no crop cuts the face.
    def head(pen: Pen, hx: float, hfeet: float, htall: float) -> None:
        hero.draw_hero(pen, hx, hfeet, htall, look, "down", 1, 0.0, False)

    k = tall / 100
    left, top, right, bottom = _HEAD
    _close_up(
        img,
        pen,
        head,
        (x + left * k, feet - tall + top * k, x + right * k, feet - tall + bottom * k),
        x,
        feet,
        tall,
    )

    # The turned view: the face moved across the head, the body a little narrower.
    small = tall * TURNED_SCALE
    _turned(
        img,
        pen,
        lambda sp, tx, tf: hero.draw_hero(sp, tx, tf, small, look, "down", -1, 0.0, False, TURN),
        small,
        feet,
    )


def _pet_sheet(img: Image.Image, pen: Pen, member: CastMember, feet: float) -> None:
    width, height = img.size
    size = height * 0.52
    x = width * FRONT_X
    with sharp(img, (0, height * 0.2, width * 0.56, height), pen) as sp:
        hero.draw_pet(sp, member, x, feet, size, 1)

    def head(pen: Pen, hx: float, hfeet: float, hsize: float) -> None:
        hero.draw_pet(pen, member, hx, hfeet, hsize, 1)

    left, top, right, bottom = _PET_HEAD[member.kind]
    box = (x + left * size, feet + top * size, x + right * size, feet + bottom * size)
    _close_up(img, pen, head, box, x, feet, size)
    small = size * TURNED_SCALE * 1.25
    _turned(img, pen, lambda sp, tx, tf: hero.draw_pet(sp, member, tx, tf, small, -1), small, feet)


def _close_up(
    img: Image.Image,
    pen: Pen,
    draw: Callable[[Pen, float, float, float], None],
    head: tuple[float, float, float, float],
    x: float,
    feet: float,
    tall: float,
) -> None:
    """The figure drawn again at the scale that makes its ``head`` box fill the close-up
    panel, and only that box kept: a sharp, whole face (not an enlarged crop)."""
    width, height = img.size
    px0, py0, px1, py1 = (
        CLOSE_UP[0] * width,
        CLOSE_UP[1] * height,
        CLOSE_UP[2] * width,
        CLOSE_UP[3] * height,
    )
    hw, hh = head[2] - head[0], head[3] - head[1]
    scale = min((px1 - px0) / hw, (py1 - py0) / hh)
    side_w, side_h = round(hw * scale), round(hh * scale)
    panel = Image.new("RGB", (side_w, side_h), PAPER)
    # Page coordinates of the figure in the panel: the head box maps onto (0, 0).
    fx = (x - head[0]) * scale
    ffeet = (feet - head[1]) * scale
    # Outlines grow with the close-up, as if the face were drawn that large.
    big_pen = Pen(panel, pen.style, pen.u * scale)
    with sharp(panel, (0, 0, side_w, side_h), big_pen) as sp:
        draw(sp, fx, ffeet, tall * scale)
    at = (round(px0 + (px1 - px0 - side_w) / 2), round(py0 + (py1 - py0 - side_h) / 2))
    img.paste(panel, at)


def _turned(
    img: Image.Image,
    pen: Pen,
    draw: Callable[[Pen, float, float], None],
    tall: float,
    feet: float,
) -> None:
    """A smaller figure drawn on its own and narrowed, standing bottom right."""
    width = img.width
    half = round(tall * 0.5)
    box_w, box_h = half * 2, round(tall * 1.12)
    panel = Image.new("RGB", (box_w, box_h), PAPER)
    foot = box_h - tall * 0.04  # room below the feet for the shoes' outline
    with sharp(panel, (0, 0, box_w, box_h), pen.on(panel, 0, 0, 1)) as sp:
        draw(sp, half, foot)
    narrow = panel.resize((max(1, round(box_w * SQUASH)), box_h), Image.Resampling.LANCZOS)
    img.paste(narrow, (round(width * TURNED_X - narrow.width / 2), round(feet - foot)))


__all__ = ["PAPER", "render_sheet"]
