"""Listeners never slow drawing: one 12-page offline job with 0 vs 100 SSE listeners.

The real app (``streamlit run app.py``, offline) on loopback; each round POSTs a 12-page book
and, in a listening round, opens 100 real HTTP connections to
GET /api/stories/illustrations/job/{id}/events (connections opened before the book is asked
for, so that the round times the streams, not TCP set-up) and reads every event to the end.
The drawing span is the job's own: from its creation to its last page stored, read from the
job store, so the listeners' clock plays no part. Rounds alternate (0, 100, 0, ..., 100, 0)
on one server in one run; each listening round is compared with the mean of the quiet
rounds on either side (the machine's load drifts: other sessions share it), and the median
of those paired ratios is the result. Target: within 10% of none (<= 1.10). Every listener
must receive all 12 pages, then the end event. The machine's load is reported: the load
average, and the CPU other processes used during the rounds.
With ``--model-latency S`` the pictures come from a model-like server instead (the tests'
fake OpenAI server on loopback, S seconds a picture, the offline illustrator off): drawing
then waits on the network as it does with a real model, which is the case the app is for;
offline, drawing is pure CPU beside the listeners' HTTP work, the worst case.
Run: .venv/bin/python bench/bench_job_events.py [rounds] [--model-latency S]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from tests.fake_openai import FakeOpenAI
from tests.server import start, stop, wait_until_up

PAGES = 12
LISTENERS = 100
ROUNDS = 15
TARGET = 1.10
BODY = {
    "character": {"name": "Lila", "age": 7, "personality": ["brave"], "interests": ["space"]},
    "prompt": "A cosmic garden adventure",
    "generateIllustrations": True,
    "pages": PAGES,
}
# Offline: no provider keys or token leak in from the caller's environment.
OFFLINE = {
    "OPENAI_API_KEY": "",
    "AZURE_OPENAI_ENDPOINT": "",
    "API_TOKEN": "",
    "BOOKS_PER_HOUR": "0",  # no limit: a run makes more books than a person may in an hour
}


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


def machine_busy() -> float:
    """CPU seconds all processes on the machine used so far (every core, from /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    idle = int(fields[3]) + int(fields[4])  # idle + iowait
    return (sum(int(f) for f in fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass
class Round:
    listeners: int
    span: float
    server_cpu: float
    client_cpu: float
    others_cpu: float
    """CPU the rest of the machine (other processes) used meanwhile: the load we cannot stop."""
    seconds: float


async def run(base: str, database: Path, rounds: int, pid: int) -> list[Round]:
    """Quiet and listening rounds interleaved, starting and ending with a quiet one
    (0, 100, 0, 100, ..., 0), so that each listening round has a quiet round on each side."""
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await one_round(client, 0)  # warm-up: imports, caches, the first book's fonts
        await one_round(client, LISTENERS)
        done: list[Round] = []
        for listeners in [0, LISTENERS] * rounds + [0]:
            server, here, machine = cpu_seconds(pid), time.process_time(), machine_busy()
            started = time.perf_counter()
            job_id = await one_round(client, listeners)
            took = time.perf_counter() - started
            server_cpu = cpu_seconds(pid) - server
            client_cpu = time.process_time() - here
            others = machine_busy() - machine - server_cpu - client_cpu
            done.append(
                Round(listeners, span(database, job_id), server_cpu, client_cpu, others, took)
            )
            await asyncio.sleep(0.5)  # let retention and the pool settle between rounds
        return done


def paired_ratios(rounds: list[Round]) -> list[float]:
    """Each listening round's span over the mean of the quiet rounds just before and after
    it: the machine's load (other sessions' tests) drifts over seconds, and a neighbour
    pair sees nearly the same load."""
    return [
        rounds[i].span / ((rounds[i - 1].span + rounds[i + 1].span) / 2)
        for i in range(1, len(rounds) - 1, 2)
    ]


def model_like(server: FakeOpenAI) -> dict[str, str]:
    """The settings that send the app's pictures (and nothing else) to a started fake
    OpenAI server."""
    return {
        **OFFLINE,
        "OPENAI_API_KEY": server.api_key,
        "OPENAI_BASE_URL": server.base_url,
        "ENABLE_NATIVE_GPT_IMAGE1": "false",
        "ENABLE_OFFLINE_ILLUSTRATOR": "false",
        "CONSISTENCY_JUDGE": "false",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rounds", nargs="?", type=int, default=ROUNDS)
    parser.add_argument("--model-latency", type=float, default=0.0, metavar="S")
    args = parser.parse_args()
    rounds = args.rounds
    model = FakeOpenAI() if args.model_latency else None
    kind = f"model-like ({args.model_latency:g} s a picture)" if model else "offline"
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    with model or contextlib.nullcontext(), tempfile.TemporaryDirectory() as home:
        env = OFFLINE
        if model is not None:
            model.latency = args.model_latency
            env = model_like(model)
        process, base = start(Path(home), env)
        try:
            wait_until_up(process, base)
            started = time.perf_counter()
            database = Path(home) / "data" / "storyillus.sqlite3"
            done = asyncio.run(run(base, database, rounds, process.pid))
            took = time.perf_counter() - started
        finally:
            stop(process)
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    quiet = [r for r in done if r.listeners == 0]
    busy = [r for r in done if r.listeners == LISTENERS]
    pairs = paired_ratios(done)
    ratio = statistics.median(pairs)
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"One {PAGES}-page {kind} job, drawing span (creation to last page stored),")
    print(f"{len(quiet)} quiet and {len(busy)} listening rounds interleaved on one server", end="")
    print(f" ({took:.0f} s in all; {os.cpu_count()} cores;", end="")
    print(f" load average before {' '.join(load_before)}, after {' '.join(load_after)}):")
    for name, group in (("  0", quiet), (f"{LISTENERS:3d}", busy)):
        shown = ", ".join(f"{r.span:.2f}" for r in group)
        median = statistics.median(r.span for r in group)
        print(f"  {name} SSE listeners: median {median:.3f} s  [{shown}]")
    for name, group in (("  0", quiet), (f"{LISTENERS:3d}", busy)):
        server = statistics.median(r.server_cpu for r in group)
        client = statistics.median(r.client_cpu for r in group)
        others = statistics.median(r.others_cpu / r.seconds for r in group)
        print(
            f"  {name} listeners, CPU per round: server {server:.2f} s, this benchmark's"
            f" clients {client:.2f} s; other processes {others:.2f} cores meanwhile"
        )
    medians = statistics.median(r.span for r in busy) / statistics.median(r.span for r in quiet)
    print(f"  paired ratios: {', '.join(f'{p:.2f}' for p in pairs)}")
    print(f"  ratio of the medians 100 / 0 listeners: {medians:.3f}")
    print(
        f"  median paired ratio 100 / 0 listeners: {ratio:.3f}  (target <= {TARGET:.2f}: {verdict})"
    )


if __name__ == "__main__":
    main()
