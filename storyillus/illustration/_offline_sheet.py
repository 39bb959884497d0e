"""The offline illustrator's character sheets: one cast member on a plain ground.

The whole figure front on, feet visible, in a neutral pose and the story's clothes; beside
it a turned view and a close-up of the face, as a model sheet shows them. Colours come from
the member's look, so the offline judge finds on a page what the sheet shows.
"""

from __future__ import annotations

import io

from PIL import Image

from storyillus.domain import CastMember
from storyillus.illustration import _offline_hero as hero
from storyillus.illustration._offline_paint import Pen, sharp, style_for

PAPER = (248, 246, 242)
"""A plain, light ground: nothing on a sheet but the character."""
_PETS = frozenset({"dog", "cat", "rabbit"})


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
    feet = height * 0.93
    if member.kind in _PETS:
        figure = height * 0.5
        with sharp(img, (0, height * 0.2, width, height), pen) as sp:
            hero.draw_pet(sp, member.kind, width * 0.33, feet, figure, 1)
            hero.draw_pet(sp, member.kind, width * 0.75, feet, figure * 0.8, -1)
    else:
        look = hero.look_of(member, book_seed)
        tall = height * (0.8 if member.kind == "child" else 0.86)
        with sharp(img, (0, 0, width, height), pen) as sp:
            # front view, neutral pose; a turned, smaller view beside it
            hero.draw_hero(sp, width * 0.3, feet, tall, look, "down", 1, 0.0, False)
            hero.draw_hero(sp, width * 0.74, feet, tall * 0.62, look, "down", -1, -0.8, False)
        _close_up(img, width * 0.3, feet - tall, tall, (width * 0.6, height * 0.04))
    if img.size != out:
        img = img.resize(out, Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    img.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def _close_up(img: Image.Image, x: float, top: float, tall: float, at: tuple[float, float]) -> None:
    """The head of the front view, enlarged into the sheet's top right corner."""
    half = tall * 0.19
    box = (round(x - half), round(top - tall * 0.03), round(x + half), round(top + tall * 0.33))
    head = img.crop(box)
    side = round(img.width * 0.34)
    head = head.resize((side, round(side * head.height / max(1, head.width))), Image.LANCZOS)
    img.paste(head, (round(at[0]), round(at[1])))


__all__ = ["PAPER", "render_sheet"]
