"""A whole offline 12-page book, from request to last image, on the real engine.

Target: 3 s or less. Also prints the same book drawn one page after another
(concurrency 1, as the seed does) measured in the same run, and their ratio.
Run: .venv/bin/python bench/bench_offline_book.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyillus import Character, Engine, StoryRequest, load_settings

PAGES = 12
RUNS = 3
TARGET_SECONDS = 3.0


def one_book(concurrency: int, seed: int) -> float:
    with tempfile.TemporaryDirectory() as home:
        settings = load_settings(environ={}, dotenv_path=None, home=home, concurrency=concurrency)
        engine = Engine(settings)
        hero = Character.create("Lila", 7, ["brave", "curious"], ["space"])
        request = StoryRequest.create(hero, "A cosmic garden adventure", pages=PAGES, seed=seed)
        started = time.perf_counter()
        made = engine.create_book(request)
        while not engine.get_job(made.job.id).status.is_final:
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        assert engine.get_job(made.job.id).done_count == PAGES
        engine.close(wait=True)
        return elapsed


def main() -> None:
    parallel = [one_book(4, seed) for seed in range(RUNS)]
    serial = [one_book(1, seed) for seed in range(RUNS)]
    p, s = statistics.median(parallel), statistics.median(serial)
    print(f"offline {PAGES}-page book, request to last image (median of {RUNS}):")
    verdict = "met" if p <= TARGET_SECONDS else "MISSED"
    print(f"  concurrency 4 : {p:.2f} s   (target <= {TARGET_SECONDS:.1f} s: {verdict})")
    print(f"  one by one    : {s:.2f} s")
    print(f"  speed-up      : {s / p:.2f}x on this {os.cpu_count()}-core machine")


if __name__ == "__main__":
    main()
