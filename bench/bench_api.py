"""Latency of POST /api/stories/generate on the real app (offline, 8 pages).

Target: median 50 ms or less with the default ASYNC_ILLUSTRATIONS=true (the call
returns once the job is queued). For comparison, the same run against a second server
with ASYNC_ILLUSTRATIONS=false (the call waits for every page), and their ratio.
Run: .venv/bin/python bench/bench_api.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from tests.server import start, stop, wait_until_up

WARMUPS = 3
REQUESTS = 50
TARGET_MS = 50.0
BODY = {
    "character": {
        "name": "Lila",
        "age": 7,
        "personality": ["brave", "curious"],
        "interests": ["space"],
    },
    "prompt": "A cosmic garden adventure",
    "generateIllustrations": True,
    "pages": 8,
}
# Offline: no provider keys or token leak in from the caller's environment.
OFFLINE = {"OPENAI_API_KEY": "", "AZURE_OPENAI_ENDPOINT": "", "API_TOKEN": ""}


def timings(async_on: bool) -> list[float]:
    with tempfile.TemporaryDirectory() as home:
        env = {**OFFLINE, "ASYNC_ILLUSTRATIONS": "true" if async_on else "false"}
        process, base = start(Path(home), env)
        try:
            wait_until_up(process, base)
            with httpx.Client(base_url=base, timeout=60) as client:
                out = []
                for i in range(WARMUPS + REQUESTS):
                    started = time.perf_counter()
                    answer = client.post("/api/stories/generate", json=BODY)
                    elapsed = (time.perf_counter() - started) * 1000
                    assert answer.status_code == 200, answer.text
                    data = answer.json()["data"]
                    assert len(data["pages"]) == 8
                    if not async_on:
                        assert len(data["illustrations"]) == 8
                    if i >= WARMUPS:
                        out.append(elapsed)
                return out
        finally:
            stop(process)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def main() -> None:
    fast = timings(async_on=True)
    slow = timings(async_on=False)
    med_a, med_s = statistics.median(fast), statistics.median(slow)
    verdict = "met" if med_a <= TARGET_MS else "MISSED"
    print(f"POST /api/stories/generate, offline, 8 pages, {REQUESTS} sequential requests:")
    print(
        f"  async (default)          : median {med_a:.1f} ms, p90 {p90(fast):.1f} ms"
        f"   (target median <= {TARGET_MS:.0f} ms: {verdict})"
    )
    print(f"  ASYNC_ILLUSTRATIONS=false: median {med_s:.1f} ms, p90 {p90(slow):.1f} ms")
    print(f"  sync / async median      : {med_s / med_a:.1f}x")


if __name__ == "__main__":
    main()
