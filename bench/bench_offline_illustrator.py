"""How fast the offline illustrator draws pages.

Renders 24 pages at 1024x1024 (two books of 12 pages over several settings and times
of day; the second book has a reference picture this script makes itself) and prints
the median and 90th percentile milliseconds per page against the 150 ms target. Then
renders the same pages again on two threads, as the app does, and prints the
throughput.

Run from the repository root:

    .venv/bin/python bench/bench_offline_illustrator.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from storyillus.casting import cast_for  # noqa: E402
from storyillus.domain import Character, Companion  # noqa: E402
from storyillus.illustration.base import SceneRequest  # noqa: E402
from storyillus.illustration.offline import OfflineIllustrator  # noqa: E402
from storyillus.places import places  # noqa: E402

TARGET_MS = 150.0
SIZE = (1024, 1024)

BOOK_ONE = [
    ("space", "Ava climbs into her shiny rocket on a starry night."),
    ("space", "The rocket zooms past a ringed planet and a smiling star."),
    ("space", "Ava waves at a friendly robot on the moon."),
    ("garden", "In the morning Ava finds a butterfly among the flowers."),
    ("garden", "Ava and her dog Pepper chase a ball around the garden."),
    ("forest", "Ava follows a map into the forest and meets an owl."),
    ("forest", "At dusk a lantern glows under the tall trees."),
    ("ocean", "Ava sails a little boat while a fish jumps beside her."),
    ("ocean", "On the beach Ava finds a shell and a treasure chest."),
    ("castle", "A gentle dragon guards the castle with a golden crown."),
    ("home", "Back home at bedtime, Ava reads a book with her cat."),
    ("home", "Ava dreams of stars and the moon, snug in her room."),
]

BOOK_TWO = [
    ("city", "Leo walks through the city in the afternoon with a balloon."),
    ("city", "At night the city windows glow as Leo rides his bicycle."),
    ("snow", "Leo builds a snowman in the morning snow."),
    ("snow", "Leo and Grandma drink cocoa under the stars."),
    ("desert", "Leo rides through the desert at noon and spots a cactus."),
    ("desert", "At sunset Leo finds a key half buried in the dunes."),
    ("meadow", "Leo flies a kite high over the meadow."),
    ("meadow", "A rabbit and a frog join Leo for a picnic with cake."),
    ("", "Leo looks through his telescope at the moon."),
    ("", "Leo finds a gift from his friend Mo on the doorstep."),
    ("forest", "Leo and Mo camp in a tent and watch the fireflies."),
    ("home", "Leo hugs his teddy bear and smiles in the morning light."),
]


def make_reference(folder: Path) -> Path:
    """A stand-in photo: a face on a blue background with a red jumper."""
    img = Image.new("RGB", (640, 800), (64, 120, 210))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 560, 640, 800), fill=(214, 48, 60))
    draw.ellipse((180, 170, 460, 480), fill=(236, 196, 160))
    draw.ellipse((250, 290, 290, 330), fill=(40, 30, 30))
    draw.ellipse((350, 290, 390, 330), fill=(40, 30, 30))
    draw.arc((260, 340, 380, 430), 20, 160, fill=(150, 60, 70), width=8)
    path = folder / "reference.jpg"
    img.save(path, quality=90)
    return path


def requests(reference: Path) -> list[SceneRequest]:
    ava = Character(name="Ava", age=6, companions=(Companion("Pepper", "dog"),))
    leo = Character(
        name="Leo", age=5, companions=(Companion("Mo", "friend"), Companion("Grandma", "grandma"))
    )
    pages: list[SceneRequest] = []
    for book_id, seed, character, scenes, style, ref in (
        ("bench-book-ava", 11, ava, BOOK_ONE, "watercolor", None),
        ("bench-book-leo", 42, leo, BOOK_TWO, "storybook", reference),
    ):
        for number, (setting, scene) in enumerate(scenes, start=1):
            pages.append(
                SceneRequest(
                    book_id=book_id,
                    book_seed=seed,
                    page_number=number,
                    page_count=len(scenes),
                    page_text=scene,
                    scene=scene,
                    place=places().resolve(setting or "meadow").name,
                    cast=cast_for(character, seed),
                    art_style=style,
                    reference=ref,
                    size=SIZE,
                )
            )
    return pages


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        reference = make_reference(Path(folder))
        pages = requests(reference)
        illustrator = OfflineIllustrator()
        illustrator.illustrate(pages[0])  # warm up imports and allocations

        timings: list[float] = []
        sizes: list[int] = []
        for request in pages:
            start = time.perf_counter()
            picture = illustrator.illustrate(request)
            timings.append((time.perf_counter() - start) * 1000)
            sizes.append(len(picture.png or b""))

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(illustrator.illustrate, pages))
        threaded = (time.perf_counter() - start) * 1000

    median = statistics.median(timings)
    p90 = percentile(timings, 0.9)
    print(f"offline illustrator, {len(pages)} pages at {SIZE[0]}x{SIZE[1]}")
    print(f"  median   {median:7.1f} ms per page")
    print(f"  p90      {p90:7.1f} ms per page")
    print(f"  fastest  {min(timings):7.1f} ms, slowest {max(timings):.1f} ms")
    print(f"  target   {TARGET_MS:7.1f} ms per page -> {'OK' if p90 <= TARGET_MS else 'SLOW'}")
    print(f"  PNG size {statistics.median(sizes) / 1024:7.0f} KiB median")
    print(f"  2 threads: {threaded / len(pages):.1f} ms per page of wall time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
