"""Listeners never slow drawing: one 12-page offline job with 0 vs 100 SSE listeners.

The real app (``streamlit run app.py``, offline) on loopback; each round POSTs a 12-page book
and, in a listening round, opens 100 real HTTP connections to
GET /api/stories/illustrations/job/{id}/events (connections opened before the book is asked
for, so that the round times the streams, not TCP set-up) and reads every event to the end.
The drawing span is the job's own: from its creation to its last page stored, read from the
job store, so the listeners' clock plays no part. Rounds alternate (0, 100, 0, 100, ...)
on one server in one run; medians are compared. Target: the span with 100 listeners within
10% of none. Every listener must receive all 12 pages, then the end event.
Run: .venv/bin/python bench/bench_job_events.py [rounds]
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from tests.server import start, stop, wait_until_up

PAGES = 12
LISTENERS = 100
ROUNDS = 6
TARGET = 1.10
BODY = {
    "character": {"name": "Lila", "age": 7, "personality": ["brave"], "interests": ["space"]},
    "prompt": "A cosmic garden adventure",
    "generateIllustrations": True,
    "pages": PAGES,
}
# Offline: no provider keys or token leak in from the caller's environment.
OFFLINE = {"OPENAI_API_KEY": "", "AZURE_OPENAI_ENDPOINT": "", "API_TOKEN": ""}


def span(database: Path, job_id: str) -> float:
    """Seconds from the job's creation to its last page stored, as the store recorded them."""
    with sqlite3.connect(database) as db:
        created, status = db.execute(
            "SELECT created_at, status FROM jobs WHERE id = ?", (job_id,)
        ).fetchone()
        (last,) = db.execute(
            "SELECT MAX(finished_at) FROM results WHERE job_id = ?", (job_id,)
        ).fetchone()
    assert status == "completed", status
    return last - created


class Listener:
    """One real HTTP/1.1 connection to the server, opened before the round, that asks for a
    job's event stream and keeps every byte of it.

    A bare asyncio socket, not httpx: this process shares the two cores with the server it
    measures, and 100 httpx streams cost this process about as much CPU as the server's
    drawing (see BENCHMARKS.md), which would measure the benchmark, not the listeners.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, host: str, port: int) -> Listener:
        return cls(*await asyncio.open_connection(host, port))

    async def listen(self, job_id: str) -> bytes:
        self.writer.write(
            f"GET /api/stories/illustrations/job/{job_id}/events HTTP/1.1\r\n"
            "Host: 127.0.0.1\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n".encode()
        )
        await self.writer.drain()
        stream = await self.reader.read(-1)  # to the end: the server closes after the stream
        self.writer.close()
        return stream


async def wait_until_final(client: httpx.AsyncClient, job_id: str) -> None:
    while True:
        answer = await client.get(f"/api/stories/illustrations/job/{job_id}")
        if answer.json()["data"]["status"] in ("completed", "failed"):
            return
        await asyncio.sleep(0.5)  # slow, so as not to load the server it measures


async def one_round(client: httpx.AsyncClient, listeners: int) -> str:
    url = httpx.URL(str(client.base_url))
    assert url.host and url.port
    connected = [await Listener.connect(url.host, url.port) for _ in range(listeners)]
    answer = await client.post("/api/stories/generate", json=BODY)
    assert answer.status_code == 200, answer.text
    job_id = answer.json()["data"]["metadata"]["illustrationJobId"]
    if listeners:
        streams = await asyncio.gather(*(one.listen(job_id) for one in connected))
        for stream in streams:
            assert stream.startswith(b"HTTP/1.1 200 "), stream[:200]
            assert b"content-type: text/event-stream" in stream.lower(), stream[:400]
            assert stream.count(b"event: page\n") == PAGES, stream
            assert stream.count(b"event: end\n") == 1, stream
            # The end is the last event (chunked framing: the end's chunk, then "0").
            assert stream.rindex(b"event: end\n") > stream.rindex(b"event: page\n")
    else:
        await wait_until_final(client, job_id)
    return job_id


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process and its threads used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run(
    base: str, database: Path, rounds: int, pid: int
) -> tuple[dict[int, list[float]], dict[int, list[tuple[float, float]]]]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await one_round(client, 0)  # warm-up: imports, caches, the first book's fonts
        spans: dict[int, list[float]] = {0: [], LISTENERS: []}
        cpu: dict[int, list[tuple[float, float]]] = {0: [], LISTENERS: []}
        for _ in range(rounds):
            for listeners in (0, LISTENERS):
                server, here = cpu_seconds(pid), time.process_time()
                job_id = await one_round(client, listeners)
                cpu[listeners].append((cpu_seconds(pid) - server, time.process_time() - here))
                spans[listeners].append(span(database, job_id))
                await asyncio.sleep(0.5)  # let retention and the pool settle between rounds
        return spans, cpu


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS
    with tempfile.TemporaryDirectory() as home:
        process, base = start(Path(home), OFFLINE)
        try:
            wait_until_up(process, base)
            started = time.perf_counter()
            database = Path(home) / "data" / "storyillus.sqlite3"
            spans, cpu = asyncio.run(run(base, database, rounds, process.pid))
            took = time.perf_counter() - started
        finally:
            stop(process)
    quiet, busy = statistics.median(spans[0]), statistics.median(spans[LISTENERS])
    ratio = busy / quiet
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"One {PAGES}-page offline job, drawing span (creation to last page stored), ")
    print(f"{rounds} alternating rounds each on one server ({took:.0f} s in all):")
    for listeners, values in spans.items():
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(
            f"  {listeners:3d} SSE listeners: median {statistics.median(values):.3f} s  [{shown}]"
        )
    for listeners, values in cpu.items():
        server = statistics.median(v[0] for v in values)
        client = statistics.median(v[1] for v in values)
        print(
            f"  {listeners:3d} listeners, CPU per round: server {server:.2f} s,"
            f" this benchmark's clients {client:.2f} s"
        )
    print(f"  ratio 100 / 0 listeners: {ratio:.3f}  (target <= {TARGET:.2f}: {verdict})")


if __name__ == "__main__":
    main()
