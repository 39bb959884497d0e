"""How fast a reference picture's look is read (``storyillus.looks_from_picture``).

Reads, at 1024 x 1024, the real photo the tests use (scikit-image's astronaut, a
development dependency) and the offline illustrator's character sheet of a hero (a
drawing), 20 times each, and prints the median and 90th percentile milliseconds per
picture. The engine reads each picture once (cached per file), when the cast is made.

Run from the repository root:

    .venv/bin/python bench/bench_looks_from_picture.py
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from storyillus.casting import cast_for  # noqa: E402
from storyillus.domain import Character  # noqa: E402
from storyillus.illustration._offline_sheet import render_sheet  # noqa: E402
from storyillus.looks_from_picture import measure, name_look  # noqa: E402
from tests import photos  # noqa: E402

SIDE = 1024
ROUNDS = 20


def _timed(image: Image.Image) -> list[float]:
    measure(image)  # the cascades load once per process
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        measure(image)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    photo = Image.open(io.BytesIO(photos.png(photos.astronaut(), side=SIDE)))
    hero = cast_for(Character.create("Ada", 7), seed=3)[0]
    drawing = Image.open(io.BytesIO(render_sheet(hero, 3, "watercolor", (SIDE,) * 2, (SIDE,) * 2)))
    for label, image in (("photo", photo), ("drawing", drawing)):
        times = _timed(image)
        seen = name_look(measure(image))
        words = ", ".join(
            f"{part} {getattr(seen, part).word}"
            for part in ("hair", "skin", "eyes", "clothes")
            if getattr(seen, part)
        )
        print(
            f"{label:8} {SIDE} px: median {statistics.median(times):.0f} ms, "
            f"p90 {times[int(len(times) * 0.9) - 1]:.0f} ms  ({seen.source}: {words})"
        )


if __name__ == "__main__":
    main()
