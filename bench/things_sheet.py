"""Contact sheets of the offline illustrator's things and the hero's poses, for people to look at.

Draws every thing of ``storyillus/data/things.toml`` in a grid with its name, and the hero in
every pose of ``storyillus/data/poses.toml`` (riding each rideable thing). Run from the
repository root:

    .venv/bin/python bench/things_sheet.py OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from storyillus.casting import cast_for  # noqa: E402
from storyillus.domain import Character  # noqa: E402
from storyillus.illustration import _offline_hero as hero  # noqa: E402
from storyillus.illustration._offline_paint import Pen, style_for  # noqa: E402
from storyillus.poses import RIDE, poses  # noqa: E402
from storyillus.things import things  # noqa: E402

CELL = 180
COLUMNS = 8
FONT = ROOT / "storyillus" / "export" / "fonts" / "DejaVuSans.ttf"


def _sheet(cells: list[tuple[str, object]], columns: int = COLUMNS) -> Image.Image:
    rows = (len(cells) + columns - 1) // columns
    img = Image.new("RGB", (columns * CELL, rows * CELL), (250, 246, 238))
    font = ImageFont.truetype(str(FONT), 14)
    label = ImageDraw.Draw(img)
    for i, (name, draw) in enumerate(cells):
        cx, cy = (i % columns) * CELL, (i // columns) * CELL
        label.rectangle((cx, cy, cx + CELL - 1, cy + CELL - 1), outline=(220, 214, 200))
        pen = Pen(img, style_for("watercolor"), CELL / 100)
        draw(pen, cx + CELL / 2, cy + CELL - 26)  # type: ignore[operator]
        label.text((cx + 6, cy + CELL - 20), name, fill=(60, 50, 60), font=font)
    return img


def things_sheet() -> Image.Image:
    cells = []
    for thing in things():
        size = (CELL - 50) / max(1.0, thing.aspect)

        def draw(pen: Pen, x: float, y: float, thing=thing, size=size) -> None:
            thing.draw(pen, x, y, size, 1)

        cells.append((thing.name, draw))
    return _sheet(cells)


def poses_sheet() -> Image.Image:
    look = hero.look_of(cast_for(Character.create("Nia", 6), seed=7)[0], 7)
    cells = []
    for name in poses().names:
        if name == RIDE:
            for ridden in poses()[RIDE].rides:

                def ride(pen: Pen, x: float, y: float, ridden=ridden) -> None:
                    hero.draw_rider(pen, x, y, 88, look, ridden, 1)

                cells.append((f"ride {ridden}", ride))
        elif name == "sleep":
            cells.append((name, lambda pen, x, y: hero.draw_sleeper(pen, x, y, 110, look, 1)))
        else:

            def pose(pen: Pen, x: float, y: float, name=name) -> None:
                hero.draw_hero(pen, x, y, 130, look, name, 1)

            cells.append((name, pose))
    return _sheet(cells, 5)


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    things_sheet().save(out / "things.png")
    poses_sheet().save(out / "poses.png")
    print(out / "things.png", out / "poses.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
