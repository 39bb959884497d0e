"""A 12-page book illustrated by a remote provider (the fake OpenAI server), in parallel.

The fake answers every request after 0.3 s (tests/fake_openai.py, on loopback), and it is
the only illustrator: no Azure, no offline fallback, no reference picture (so text-only
generation). The chat story writer also calls the fake; story writing is not measured.

Measured: the job's own span as kept in the store, from its ``created_at`` (job queued,
after the story is written) to its ``updated_at`` once final (last page recorded). The job
draws the hero's character sheet first (one round), then the pages; the consistency judge
is off here (bench_consistency.py measures it).
Targets: concurrency 4 within 1.10x of the ideal (1 + ceil(12/4)) x 0.3 s, and >= 3.0x
faster than the same book drawn one picture at a time (concurrency 1: 1 + 12 rounds), both
measured in the same run.
Run: .venv/bin/python bench/bench_parallel.py
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyillus import Character, Engine, StoryRequest, load_settings
from tests.fake_openai import FakeOpenAI

PAGES = 12
LATENCY = 0.3
CONCURRENCY = 4
RUNS = 3
SHEETS = 1
"""The hero's character sheet, drawn before the pages: one round."""
IDEAL = (SHEETS + math.ceil(PAGES / CONCURRENCY)) * LATENCY
TARGET_VS_IDEAL = 1.10
TARGET_SPEEDUP = 3.0
"""(1 + 12) / (1 + 3) rounds = 3.25x at best."""


def one_book(fake: FakeOpenAI, concurrency: int, seed: int) -> tuple[float, float]:
    """(job span from the store, wall time of create_book including the story) in s."""
    with tempfile.TemporaryDirectory() as home:
        settings = load_settings(
            environ={},
            dotenv_path=None,
            home=home,
            openai_api_key=fake.api_key,
            openai_base_url=fake.base_url,
            enable_native_edits=False,
            azure_endpoint=None,
            enable_offline_illustrator=False,
            concurrency=concurrency,
            consistency_judge="false",
        )
        engine = Engine(settings)
        try:
            hero = Character.create("Lila", 7, ["brave", "curious"], ["space"])
            request = StoryRequest.create(hero, "A cosmic garden adventure", pages=PAGES, seed=seed)
            started = time.perf_counter()
            made = engine.create_book(request, run_async=False)
            wall = time.perf_counter() - started
            job = engine.get_job(made.job.id)
            assert job.status.is_final and job.done_count == PAGES, (job.status, job.error)
            providers = {p.illustration.provider for p in engine.get_book(job.book_id).pages}
            assert "offline" not in " ".join(providers).lower(), providers
            return job.updated_at - job.created_at, wall
        finally:
            engine.close(wait=True)


def main() -> None:
    fake = FakeOpenAI()
    fake.start()
    try:
        one_book(fake, CONCURRENCY, 99)  # warm-up: imports, fonts, the fake's image cache
        fake.reset()
        fake.latency = LATENCY
        parallel = [one_book(fake, CONCURRENCY, seed) for seed in range(RUNS)]
        peak = fake.max_in_flight_by_endpoint.get("generations", 0)
        images = len(fake.requests_to("generations"))
        serial = [one_book(fake, 1, seed) for seed in range(RUNS)]
    finally:
        fake.stop()
    p = statistics.median(span for span, _ in parallel)
    s = statistics.median(span for span, _ in serial)
    p_wall = statistics.median(wall for _, wall in parallel)
    s_wall = statistics.median(wall for _, wall in serial)
    vs_ideal, speedup = p / IDEAL, s / p

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(
        f"{PAGES}-page book, fake provider at {LATENCY:.1f} s a request, median of {RUNS} "
        f"({os.cpu_count()} cores)"
    )
    print("measured: job created_at -> updated_at when final (store), story writing excluded")
    print(f"{'figure':<34}{'measured':>10}{'target':>14}  verdict")
    print(
        f"{'job span, concurrency 4':<34}{p:>9.2f}s{f'<= {IDEAL * TARGET_VS_IDEAL:.2f}s':>14}"
        f"  {verdict(vs_ideal <= TARGET_VS_IDEAL)}"
    )
    print(f"{'  / ideal (1 + 12/4) x 0.3 s':<34}{vs_ideal:>9.2f}x{'<= 1.10x':>14}")
    print(f"{'job span, concurrency 1 (seed)':<34}{s:>9.2f}s{'':>14}")
    print(
        f"{'speed-up 4 vs 1':<34}{speedup:>9.2f}x{f'>= {TARGET_SPEEDUP:.1f}x':>14}"
        f"  {verdict(speedup >= TARGET_SPEEDUP)}"
    )
    print(f"{'peak image requests in flight':<34}{peak:>10}{CONCURRENCY:>14}")
    print(f"{'image requests (3 books, conc. 4)':<34}{images:>10}{RUNS * (PAGES + SHEETS):>14}")
    print(
        f"for reference, create_book wall time incl. story writing: {p_wall:.2f} s "
        f"(concurrency 4), {s_wall:.2f} s (concurrency 1)"
    )


if __name__ == "__main__":
    main()
