"""GET /api/stories/illustrations/job/{id}/events: job events pushed as Server-Sent Events,
over real HTTP connections (uvicorn in the test's process, and the whole app once)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from storyillus.access import access_for
from storyillus.domain import Character, StoryRequest
from storyillus.service import Engine
from storyillus.store import JobChanges
from tests.asgi import in_process
from tests.conftest import make_settings
from tests.fake_openai import FakeOpenAI
from tests.server import start, stop, wait_until_up
from tests.sse import Stream, read_events, serve

PAGES = 4
STORY = {
    "character": {"name": "Lila", "age": 7, "personality": ["brave"], "interests": ["space"]},
    "prompt": "A cosmic garden adventure",
    "pages": PAGES,
}


def _events_url(base: str, job_id: str) -> str:
    return f"{base}/api/stories/illustrations/job/{job_id}/events"


def _listen(
    base: str, job_id: str, headers: dict[str, str] | None = None, stop_after: str | None = None
) -> Stream:
    stream = Stream()
    with httpx.stream("GET", _events_url(base, job_id), headers=headers, timeout=60) as answer:
        assert answer.status_code == 200, answer.read()
        assert answer.headers["content-type"].startswith("text/event-stream")
        read_events(answer.iter_lines(), stream, stop_after)
    return stream


def _start_job(base: str) -> str:
    answer = httpx.post(f"{base}/api/stories/generate", json=STORY, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]["metadata"]["illustrationJobId"]


def _status(base: str, job_id: str) -> dict[str, Any]:
    return httpx.get(f"{base}/api/stories/illustrations/job/{job_id}", timeout=30).json()["data"]


@pytest.fixture
def slow_engine(tmp_path: Path, fake_openai: FakeOpenAI) -> Iterator[Engine]:
    """Pages drawn one at a time by a fake OpenAI that takes ``latency`` per request."""
    settings = make_settings(
        tmp_path,
        openai_api_key=fake_openai.api_key,
        openai_base_url=fake_openai.base_url,
        azure_endpoint=None,
        enable_offline_illustrator=False,
        concurrency=1,
        sse_heartbeat_seconds=1,
    )
    engine = Engine(settings)
    yield engine
    engine.close(wait=True)


@pytest.fixture
def offline_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = Engine(make_settings(tmp_path, sse_heartbeat_seconds=1))
    yield engine
    engine.close(wait=True)


def test_each_page_is_pushed_as_it_is_stored_then_the_final_status(
    slow_engine: Engine, fake_openai: FakeOpenAI
) -> None:
    with serve(slow_engine) as base:
        job_id = _start_job(base)  # the story is written before the latency applies
        fake_openai.latency = 0.4
        stream = _listen(base, job_id)
        status = _status(base, job_id)

    pages, end = stream.named("page"), stream.named("end")
    # Every page once, numbered 1..N in storing order, each exactly as in the job status.
    assert [e.id for e in pages] == [str(k) for k in range(1, PAGES + 1)]
    by_number = {r["pageNumber"]: r for r in status["results"]}
    assert sorted(e.data["pageNumber"] for e in pages) == list(range(1, PAGES + 1))
    assert all(e.data == by_number[e.data["pageNumber"]] for e in pages)
    # Pushed live: pages arrive apart, while the job is still drawing.
    assert pages[-1].at - pages[0].at > 0.4 * (PAGES - 2)
    progress = stream.named("progress")
    assert progress[0].data["status"] in ("queued", "processing")
    assert [p.data["done"] for p in progress][-PAGES:] == list(range(1, PAGES + 1))
    assert progress[-1].data == {"status": "completed", "done": PAGES, "failed": 0, "total": PAGES}
    # The last event is the job's final status, and then the stream ended (we got here).
    assert stream.events[-1] is end[0] and len(end) == 1
    assert end[0].id == str(PAGES + 1)
    assert end[0].data == status and status["status"] == "completed"


def test_last_event_id_resumes_without_repeats_or_gaps(
    slow_engine: Engine, fake_openai: FakeOpenAI
) -> None:
    with serve(slow_engine) as base:
        job_id = _start_job(base)
        fake_openai.latency = 0.3
        first = _listen(base, job_id, stop_after="2")  # then the connection drops
        second = _listen(base, job_id, headers={"Last-Event-ID": "2"})
        # A client that cannot set headers (and an EventSource's reconnect after the end).
        replay = Stream()
        answer = httpx.get(_events_url(base, job_id) + "?lastEventId=1", timeout=30)
        read_events(answer.text.splitlines(), replay)
        after_end = httpx.get(_events_url(base, job_id), headers={"Last-Event-ID": "5"})

    seen = [e.data["pageNumber"] for e in first.named("page") + second.named("page")]
    assert sorted(seen) == list(range(1, PAGES + 1))  # no repeats, no gaps
    assert [e.id for e in second.named("page")] == ["3", "4"]
    assert second.events[-1].name == "end"
    assert [e.id for e in replay.named("page")] == ["2", "3", "4"]
    assert replay.named("page")[0].data == first.named("page")[1].data
    # After the end event, 204: EventSource stops reconnecting.
    assert after_end.status_code == 204 and after_end.text == ""


def test_a_slow_job_sends_heartbeats(slow_engine: Engine, fake_openai: FakeOpenAI) -> None:
    with serve(slow_engine) as base:
        job_id = _start_job(base)
        fake_openai.latency = 1.6  # each page takes longer than SSE_HEARTBEAT_SECONDS=1
        stream = _listen(base, job_id, stop_after="2")

    assert stream.pings, "no ': ping' comment while waiting for pages"
    assert [e.id for e in stream.named("page")] == ["1", "2"]


def test_unknown_job_and_bad_last_event_id_are_refused_before_any_stream(
    offline_engine: Engine,
) -> None:
    with serve(offline_engine) as base:
        unknown = httpx.get(_events_url(base, "no-such-job"), timeout=30)
        job_id = _start_job(base)
        bad = httpx.get(_events_url(base, job_id), headers={"Last-Event-ID": "page-2"})
        beyond = httpx.get(_events_url(base, job_id) + "?lastEventId=99")

    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/json"
    assert unknown.json() == {"success": False, "error": "No job with id 'no-such-job'."}
    for answer in (bad, beyond):
        assert answer.status_code == 400
        assert answer.json()["success"] is False and "Last-Event-ID" in answer.json()["error"]


def test_a_finished_job_replays_its_pages_and_ends_at_once(offline_engine: Engine) -> None:
    hero = Character.create("Lila", 7, ["brave"], ["space"])
    made = offline_engine.create_book(
        StoryRequest.create(hero, "A cosmic garden adventure", pages=PAGES), run_async=False
    )
    with serve(offline_engine) as base:
        started = time.monotonic()
        stream = _listen(base, made.job.id)
        took = time.monotonic() - started
        status = _status(base, made.job.id)

    assert [e.name for e in stream.events] == ["page"] * PAGES + ["progress", "end"]
    replayed = sorted(stream.named("page"), key=lambda e: e.data["pageNumber"])
    assert [e.data for e in replayed] == status["results"]
    assert stream.events[-1].data == status
    assert took < 1.0 and not stream.pings  # no waiting for a change that cannot come


def test_in_process_the_same_stream_for_a_finished_job(offline_engine: Engine) -> None:
    hero = Character.create("Lila", 7, ["brave"], ["space"])
    made = offline_engine.create_book(
        StoryRequest.create(hero, "A garden", pages=PAGES), run_async=False
    )
    with in_process(offline_engine) as client:
        answer = client.get(f"/api/stories/illustrations/job/{made.job.id}/events")
        missing = client.get("/api/stories/illustrations/job/nope/events")
    stream = Stream()
    read_events(answer.text.splitlines(), stream)
    assert answer.status_code == 200
    ids = [str(k) for k in range(1, PAGES + 1)]
    assert [e.id for e in stream.events] == [*ids, str(PAGES), str(PAGES + 1)]
    assert missing.status_code == 404 and missing.json()["success"] is False


def test_one_change_wakes_every_listener_and_they_share_one_read() -> None:
    changes = JobChanges()
    changes.changed("job")  # nobody listens: nothing to do, nothing kept
    assert changes.listeners("job") == 0
    reads = []

    def reader() -> int:
        reads.append(1)
        time.sleep(0.05)
        return len(reads)

    async def listeners() -> list[int]:
        async def one(watch_ready: asyncio.Event) -> int:
            with changes.watch("job") as watch:
                seen = watch.version
                watch_ready.set()
                assert await watch.wait(seen, timeout=10)
                return await watch.read(watch.version, reader)

        ready = [asyncio.Event() for _ in range(100)]
        tasks = [asyncio.ensure_future(one(r)) for r in ready]
        for r in ready:
            await r.wait()
        assert changes.listeners("job") == 100
        # The change comes from another thread, as a drawing thread's would.
        threading.Thread(target=changes.changed, args=("job",)).start()
        return await asyncio.gather(*tasks)

    results = asyncio.run(listeners())
    assert results == [1] * 100 and len(reads) == 1
    assert changes.listeners("job") == 0


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("events-app")
    env = {"OPENAI_API_KEY": "", "AZURE_OPENAI_ENDPOINT": "", "API_TOKEN": ""}
    process, base = start(home, env)
    try:
        wait_until_up(process, base)
        yield base
    finally:
        stop(process)


def test_the_real_app_streams_job_events(app_server: str) -> None:
    job_id = _start_job(app_server)
    stream = _listen(app_server, job_id)
    status = _status(app_server, job_id)
    assert sorted(e.data["pageNumber"] for e in stream.named("page")) == list(range(1, PAGES + 1))
    assert stream.events[-1].name == "end" and stream.events[-1].data == status


def test_another_users_job_is_unknown_and_a_caller_without_token_is_refused(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, auth_required="true")
    engine = Engine(settings, access=access_for(settings, "127.0.0.1", auth_configured=True))
    try:
        owner, other = engine.create_token("ann@example.org"), engine.create_token("bo@example.org")
        with in_process(engine, {"Authorization": f"Bearer {owner}"}) as client:
            made = client.post("/api/stories/generate", json=STORY)
            job_id = made.json()["data"]["metadata"]["illustrationJobId"]
            mine = client.get(f"/api/stories/illustrations/job/{job_id}/events")
        with in_process(engine, {"Authorization": f"Bearer {other}"}) as client:
            theirs = client.get(f"/api/stories/illustrations/job/{job_id}/events")
        with in_process(engine) as client:
            nobody = client.get(f"/api/stories/illustrations/job/{job_id}/events")
    finally:
        engine.close(wait=True)

    assert mine.status_code == 200 and "event: end" in mine.text
    assert theirs.status_code == 404
    assert theirs.json() == {"success": False, "error": f"No job with id {job_id!r}."}
    assert nobody.status_code == 401 and nobody.json()["success"] is False


def test_changes_close_together_wake_once_and_reads_are_shared_per_caller_only() -> None:
    changes = JobChanges()

    async def scenario() -> tuple[int, list[str], float]:
        wakes = 0
        with changes.watch("job", spacing=0.3) as watch:
            changes.changed("job")  # after a quiet spell: woken at once
            assert await watch.wait(0, timeout=5)
            wakes += 1
            seen = watch.version
            started = time.monotonic()
            for _ in range(3):  # three pages stored in quick succession
                changes.changed("job")
            assert await watch.wait(seen, timeout=5)
            wakes += 1
            batched_after = time.monotonic() - started
            assert watch.version == seen + 3  # one wake for all three
            version = watch.version
            ann = await watch.read(version, lambda: "ann's read", "ann")
            again = await watch.read(version, lambda: "another read", "ann")
            bo = await watch.read(version, lambda: "bo's read", "bo")
        return wakes, [ann, again, bo], batched_after

    wakes, reads, batched_after = asyncio.run(scenario())
    assert wakes == 2 and batched_after >= 0.2
    assert reads == ["ann's read", "ann's read", "bo's read"]
