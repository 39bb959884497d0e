"""Resident memory after many finished books: pictures live on disk, not in memory.

Real engine, offline illustrator, run_async=False, every image saved under generated/
(retention off so all of them stay). Measures VmRSS growth from after one warm-up book
to after BOOKS more finished 12-page books, and checks that no PNG (bytes > 100 KB
starting with the PNG signature, or its base64 text) is still referenced by any object
the garbage collector tracks.

The seed's way, simulated in the same run: every finished job kept in a dict in memory
with its pictures as base64 text (the same PNG files, read back and encoded).
Target: growth of 50 MB or less over 50 books, and no image bytes kept in memory.
Run: .venv/bin/python bench/bench_memory.py
"""

from __future__ import annotations

import base64
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyillus import Character, Engine, StoryRequest, load_settings

BOOKS = 50
PAGES = 12
TARGET_MB = 50.0
BIG = 100 * 1024
PNG_MAGIC = b"\x89PNG"
PNG_B64 = "iVBORw0KGgo"


def rss_mb() -> float:
    gc.collect()
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def pictures_in_memory() -> tuple[int, int]:
    """(count, total bytes) of PNG bytes or base64 PNG text > 100 KB that objects hold.

    Walks everything reachable from the objects the collector tracks, including the
    containers it does not track (a dict of only strings and numbers is untracked).
    """
    gc.collect()
    seen: set[int] = set()
    stack = gc.get_objects()
    count = total = 0
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, bytes | bytearray | memoryview):
            data = bytes(item[:4]) if len(item) > BIG else b""
            if data == PNG_MAGIC:
                count, total = count + 1, total + len(item)
        elif isinstance(item, str):
            if len(item) > BIG and item.startswith(PNG_B64):
                count, total = count + 1, total + len(item)
        elif not isinstance(item, int | float | type(None)):
            stack.extend(gc.get_referents(item))
    return count, total


def make_book(engine: Engine, seed: int) -> str:
    hero = Character.create("Lila", 7, ["brave", "curious"], ["space"])
    request = StoryRequest.create(hero, "A cosmic garden adventure", pages=PAGES, seed=seed)
    made = engine.create_book(request, run_async=False)
    assert made.job is not None and made.job.done_count == PAGES, made.job
    return made.job.id


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        settings = load_settings(
            environ={}, dotenv_path=None, home=home, max_files=0, max_mb=0, concurrency=4
        )
        engine = Engine(settings)
        make_book(engine, 10_000)  # warm-up: imports, fonts, thread pool, connections
        before = rss_mb()
        started = time.perf_counter()
        job_ids = [make_book(engine, seed) for seed in range(BOOKS)]
        elapsed = time.perf_counter() - started
        after = rss_mb()
        held, held_bytes = pictures_in_memory()
        ours = after - before

        files = sorted(settings.generated_dir.glob("*.png"))
        on_disk = sum(f.stat().st_size for f in files) / 1_048_576
        assert len(files) == (BOOKS + 1) * PAGES, len(files)

        # The seed's way: each finished job with its pictures as base64 in a dict.
        seed_before = rss_mb()
        kept: dict[str, dict[str, object]] = {}
        for job_id in job_ids:
            job = engine.get_job(job_id)
            book = engine.get_book(job.book_id)
            pages = []
            for page in book.pages:
                path = engine.image_path(page.illustration.local_url)
                b64 = base64.b64encode(path.read_bytes()).decode("ascii")
                pages.append({"page": page.number, "text": page.text, "b64_json": b64})
            kept[job_id] = {"status": "completed", "title": book.title, "pages": pages}
        seed_growth = rss_mb() - seed_before
        seed_held, _ = pictures_in_memory()
        del kept
        engine.close(wait=True)

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(
        f"{BOOKS} offline {PAGES}-page books ({BOOKS * PAGES} pictures, {on_disk:.0f} MB on "
        f"disk) in {elapsed:.0f} s, {os.cpu_count()} cores; RSS from /proc/self/status"
    )
    print(f"{'figure':<42}{'measured':>12}{'target':>12}  verdict")
    print(
        f"{'RSS growth, ours (pictures on disk)':<42}{ours:>9.1f} MB{'<= 50 MB':>12}  "
        f"{verdict(ours <= TARGET_MB)}"
    )
    print(
        f"{'PNG/base64 > 100 KB held in memory, ours':<42}{held:>12}{'0':>12}  {verdict(held == 0)}"
    )
    print(f"{'RSS growth, seed way (base64 in a dict)':<42}{seed_growth:>9.1f} MB")
    print(f"{'  base64 pictures > 100 KB it holds':<42}{seed_held:>12}")
    print(f"{'seed growth / ours':<42}{seed_growth / max(ours, 0.1):>11.1f}x")
    if held:
        print(f"  (ours holds {held_bytes / 1_048_576:.1f} MB of picture data)")


if __name__ == "__main__":
    main()
