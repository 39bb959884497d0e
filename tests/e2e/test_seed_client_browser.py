"""The seed's kind of web client, on another origin, against a real app server.

A static page of the tests' own (tests/e2e/seed_client/index.html) is served by a tiny
http.server on 127.0.0.1 at its own port: another origin than the app's. With CORS_ORIGINS
naming it, the page uploads a picture, analyses it and makes a book. With
ASYNC_ILLUSTRATIONS=false it shows every illustration of the answer by its ``url``; with
ASYNC_ILLUSTRATIONS=true it follows the job with an ``EventSource`` on the job's event stream
and shows each page as its event arrives, then closes the stream after ``end``. Every
picture must load.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot
from tests.fake_openai import FakeOpenAI
from tests.photos import astronaut, png
from tests.server import free_port, start, stop, wait_until_up

CLIENT = Path(__file__).with_name("seed_client")
ASYNC_PAGES = 4
LATENCY = 0.6
"""Seconds the fake OpenAI takes per request: with one page drawn at a time, page events
come that far apart, well apart from one another for the browser's clock."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def client_origin() -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", free_port()), functools.partial(_Quiet, directory=str(CLIENT))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _serve(home: Path, env: dict[str, str]) -> Iterator[str]:
    process, base = start(home, env)
    try:
        wait_until_up(process, base)
        yield base
    finally:
        stop(process)


@pytest.fixture
def app(tmp_path: Path, client_origin: str) -> Iterator[str]:
    env = {"CORS_ORIGINS": client_origin, "ASYNC_ILLUSTRATIONS": "false", "OPENAI_API_KEY": ""}
    yield from _serve(tmp_path, env)


@pytest.fixture
def async_app(tmp_path: Path, client_origin: str, fake_openai: FakeOpenAI) -> Iterator[str]:
    """Async illustrations drawn one page at a time by a fake OpenAI that takes LATENCY
    per request, so that the job's page events come apart."""
    env = {
        "CORS_ORIGINS": client_origin,
        "ASYNC_ILLUSTRATIONS": "true",
        "ILLUSTRATION_CONCURRENCY": "1",
        "OPENAI_API_KEY": fake_openai.api_key,
        "OPENAI_BASE_URL": fake_openai.base_url,
        "AZURE_OPENAI_ENDPOINT": "",
        "ENABLE_NATIVE_GPT_IMAGE1": "false",
        "ENABLE_OFFLINE_ILLUSTRATOR": "false",
        "HTTP_BACKOFF_MS": "10",
    }
    yield from _serve(tmp_path, env)


def test_a_client_on_another_origin_makes_a_book_and_shows_every_picture(
    page: Page, app: str, client_origin: str, tmp_path: Path
) -> None:
    assert client_origin != app  # another port: another origin
    photo = tmp_path / "hero.png"
    photo.write_bytes(png(astronaut(), 320))
    page.goto(f"{client_origin}/index.html?api={app}")
    page.set_input_files("#picture", str(photo))
    page.click("#make")
    expect(page.locator("#status")).to_contain_text("done", timeout=120_000)
    assert "hair" in page.locator("#descriptor").inner_text()
    images = page.locator("#pages img")
    expect(images).to_have_count(4)
    for index in range(4):
        source = images.nth(index).get_attribute("src") or ""
        assert source.startswith(f"{app}/generated/"), source
        images.nth(index).scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=images.nth(index).element_handle()
        )
    shot(page, "seed-client-other-origin")


def test_a_client_on_another_origin_follows_the_job_with_event_source_page_by_page(
    page: Page, async_app: str, client_origin: str, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.latency = LATENCY
    photo = tmp_path / "hero.png"
    photo.write_bytes(png(astronaut(), 320))
    streams: list[str] = []
    page.on("request", lambda r: streams.append(r.url) if r.url.endswith("/events") else None)
    page.goto(f"{client_origin}/index.html?api={async_app}")
    page.set_input_files("#picture", str(photo))
    page.click("#make")
    expect(page.locator("#status")).to_contain_text("drawing", timeout=120_000)
    # Mid-job: some pages are shown, not all (the events are pushed one by one).
    expect(page.locator("#pages img")).not_to_have_count(0, timeout=30_000)
    assert page.locator("#pages img").count() < ASYNC_PAGES
    expect(page.locator("#status")).to_contain_text(
        f"(completed, {ASYNC_PAGES} pages pushed)", timeout=60_000
    )
    arrivals = page.evaluate("window.arrivals")
    # Every page once, in the order the job stored them (not always page order).
    assert sorted(a["page"] for a in arrivals) == list(range(1, ASYNC_PAGES + 1)), arrivals
    assert [a["id"] for a in arrivals] == [str(k) for k in range(1, ASYNC_PAGES + 1)]
    gaps = [later["ms"] - earlier["ms"] for earlier, later in itertools.pairwise(arrivals)]
    # Each page arrived on its own, about one drawing (LATENCY) after the one before.
    assert all(gap > LATENCY * 1000 / 2 for gap in gaps), arrivals

    images = page.locator("#pages img")
    for index in range(ASYNC_PAGES):
        source = images.nth(index).get_attribute("src") or ""
        assert source.startswith(f"{async_app}/generated/"), source
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=images.nth(index).element_handle()
        )
    progress = f"{ASYNC_PAGES} of {ASYNC_PAGES} pages (completed)"
    expect(page.locator("#progress")).to_have_text(progress)
    # The page closed the stream at "end": no reconnect, though a browser retries a
    # stream that ends after about 3 s.
    page.wait_for_timeout(4_000)
    assert len(streams) == 1, streams
    assert page.evaluate("[window.streamOpens, window.streamErrors]") == [1, 0]
    shot(page, "seed-client-event-source")
