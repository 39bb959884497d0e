"""Load: 20 books of 12 pages at once through the real server, against the fake OpenAI.

The app (``streamlit run app.py``) writes each story with the fake's chat endpoint and
illustrates every page with its image generations endpoint (no reference picture, so
text-only generation), each answer taking 0.2 s. The test checks that every job
completes with all its pages illustrated by the remote model, that no more than
ILLUSTRATION_CONCURRENCY image requests are ever in flight at the fake, that the job
store never reports "database is locked", and that the app's pages keep answering
within a second while the work runs.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fake_openai import FakeOpenAI
from tests.server import start, stop, wait_until_up

BOOKS = 20
PAGES = 12
CONCURRENCY = 4
LATENCY = 0.2
PROBE_LIMIT = 1.0  # seconds for GET / and GET /api/health while the jobs run
DEADLINE = 120.0

pytestmark = pytest.mark.slow


def _drain(stream: Any, lines: list[str]) -> None:
    """Read the server's output as it comes, so a full pipe never blocks it."""
    for line in stream:
        lines.append(line)


def _submit(client: httpx.Client, index: int) -> str:
    body = {
        "character": {"name": f"Kid {index}", "age": 6, "interests": ["kites"]},
        "prompt": f"A windy day adventure number {index}",
        "pages": PAGES,
        "generateIllustrations": True,
    }
    answer = client.post("/api/stories/generate", json=body)
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert len(data["pages"]) == PAGES
    return data["metadata"]["illustrationJobId"]


def _wait_all(client: httpx.Client, job_ids: list[str]) -> dict[str, dict[str, Any]]:
    final: dict[str, dict[str, Any]] = {}
    deadline = time.monotonic() + DEADLINE
    while len(final) < len(job_ids):
        assert time.monotonic() < deadline, f"only {len(final)} of {len(job_ids)} jobs finished"
        for job_id in job_ids:
            if job_id in final:
                continue
            answer = client.get(f"/api/stories/illustrations/job/{job_id}")
            assert answer.status_code == 200, answer.text
            job = answer.json()["data"]
            if job["status"] in ("completed", "failed"):
                final[job_id] = job
        time.sleep(0.2)
    return final


def _probe(base: str, stop_event: threading.Event, timings: dict[str, list[float]]) -> None:
    """Time GET / and GET /api/health every 0.25 s until told to stop."""
    with httpx.Client(base_url=base, timeout=10) as client:
        while not stop_event.is_set():
            for path in ("/", "/api/health"):
                started = time.monotonic()
                answer = client.get(path)
                timings[path].append(time.monotonic() - started)
                assert answer.status_code == 200, (path, answer.status_code)
            stop_event.wait(0.25)


def test_twenty_books_at_once(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.latency = LATENCY
    env = {
        "OPENAI_API_KEY": fake_openai.api_key,
        "OPENAI_BASE_URL": fake_openai.base_url,
        "ENABLE_NATIVE_GPT_IMAGE1": "false",
        "AZURE_OPENAI_ENDPOINT": "",
        "ILLUSTRATION_CONCURRENCY": str(CONCURRENCY),
        "HTTP_BACKOFF_MS": "10",
    }
    process, base = start(tmp_path, env)
    output: list[str] = []
    try:
        wait_until_up(process, base)
        reader = threading.Thread(target=_drain, args=(process.stdout, output), daemon=True)
        reader.start()
        fake_openai.reset()  # forget anything start-up sent; the load starts here
        fake_openai.latency = LATENCY

        timings: dict[str, list[float]] = {"/": [], "/api/health": []}
        stop_probe = threading.Event()
        probe_errors: list[BaseException] = []

        def probe() -> None:
            try:
                _probe(base, stop_probe, timings)
            except BaseException as exc:  # reported by the main thread
                probe_errors.append(exc)

        prober = threading.Thread(target=probe, daemon=True)
        with httpx.Client(base_url=base, timeout=60) as client:
            started = time.monotonic()
            prober.start()
            with ThreadPoolExecutor(BOOKS) as pool:
                job_ids = list(pool.map(lambda i: _submit(client, i), range(BOOKS)))
            submitted = time.monotonic() - started
            final = _wait_all(client, job_ids)
            wall = time.monotonic() - started
            stop_probe.set()
            prober.join(timeout=15)
    finally:
        stop(process)
    time.sleep(0.2)  # let the reader take the last lines

    generations = fake_openai.requests_to("generations")
    peak = fake_openai.max_in_flight_by_endpoint.get("generations", 0)
    slowest = {path: max(values, default=0.0) for path, values in timings.items()}
    models = {r["model"] for job in final.values() for r in job["results"]}
    print(
        f"\n{BOOKS} books x {PAGES} pages: submitted in {submitted:.1f} s, all final in "
        f"{wall:.1f} s; {len(generations)} image requests, peak {peak} in flight "
        f"(all endpoints {fake_openai.max_in_flight}); models {sorted(models)}; "
        f"{len(output)} lines of server output; probes: "
        + ", ".join(
            f"{path} n={len(values)} max={slowest[path]:.3f} s "
            f"mean={sum(values) / max(1, len(values)):.3f} s"
            for path, values in timings.items()
        )
    )

    assert not probe_errors, probe_errors
    failed = {job_id: job["error"] for job_id, job in final.items() if job["status"] != "completed"}
    assert not failed
    for job in final.values():
        results = job["results"]
        assert [r["pageNumber"] for r in results] == list(range(1, PAGES + 1))
        assert all(r["model"] != "offline" for r in results), {r["model"] for r in results}
    assert len([r for r in generations if r.status == 200]) >= BOOKS * PAGES
    assert 0 < peak <= CONCURRENCY
    log = "".join(output)
    assert "database is locked" not in log.lower()
    for path, values in timings.items():
        assert len(values) >= 3, f"{path} was probed only {len(values)} times during the load"
        assert slowest[path] < PROBE_LIMIT, (path, values)
