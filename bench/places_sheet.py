"""Every place of the vocabulary drawn by the offline illustrator, in one contact sheet.

Each place is drawn for the same page (same seed, same hero, same words) at its own time
of day and, with ``--times``, at other times too, and labelled with its name; people look
at the sheet to check that every place reads as itself.

    .venv/bin/python bench/places_sheet.py docs/places.png
    .venv/bin/python bench/places_sheet.py /tmp/night.png --times night,day --size 256
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from storyillus.casting import cast_for  # noqa: E402
from storyillus.domain import Character  # noqa: E402
from storyillus.illustration.base import SceneRequest  # noqa: E402
from storyillus.illustration.offline import OfflineIllustrator  # noqa: E402
from storyillus.places import CUSTOM, places  # noqa: E402

TIME_WORDS = {"own": "", "morning": "morning", "day": "noon", "sunset": "sunset", "night": "night"}
"""A word that sets each time of day in the scene; "own" keeps the place's own time."""


def draw_place(name: str, time: str, size: int) -> Image.Image:
    cast = cast_for(Character.create("Nia", 6), seed=7)
    request = SceneRequest(
        book_id="places",
        book_seed=7,
        page_number=2,
        page_count=8,
        page_text="Nia looks around.",
        scene=f"Nia looks around {TIME_WORDS[time]}".strip(),
        place=name,
        cast=cast,
        art_style="storybook",
        reference=None,
        size=(size, size),
    )
    picture = OfflineIllustrator().illustrate(replace(request))
    assert picture.png is not None
    return Image.open(io.BytesIO(picture.png)).convert("RGB")


def sheet(times: list[str], size: int, columns: int) -> Image.Image:
    names = [name for name in places().names if name != CUSTOM]
    cells = [(name, time) for name in names for time in times]
    label = 14
    rows = -(-len(cells) // columns)
    out = Image.new("RGB", (columns * size, rows * (size + label)), (255, 255, 255))
    ink = ImageDraw.Draw(out)
    for i, (name, time) in enumerate(cells):
        x, y = (i % columns) * size, (i // columns) * (size + label)
        out.paste(draw_place(name, time, size), (x, y + label))
        ink.text((x + 3, y + 1), f"{name} ({time})" if len(times) > 1 else name, fill=(0, 0, 0))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--times", default="own", help="comma-separated: own,morning,day,...")
    parser.add_argument("--size", type=int, default=160)
    parser.add_argument("--columns", type=int, default=8)
    args = parser.parse_args()
    image = sheet(args.times.split(","), args.size, args.columns)
    # 256 colours keep the sheet under 300 KB for the docs; the banding is slight.
    image.quantize(256, method=Image.Quantize.MEDIANCUT).save(args.out, optimize=True)
    print(f"{args.out}: {image.size[0]}x{image.size[1]}, {args.out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
