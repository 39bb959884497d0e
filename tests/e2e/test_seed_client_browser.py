"""The seed's kind of web client, on another origin, against a real app server in sync mode.

A static page of the tests' own (tests/e2e/seed_client/index.html) is served by a tiny
http.server on 127.0.0.1 at its own port: another origin than the app's. With CORS_ORIGINS
naming it and ASYNC_ILLUSTRATIONS=false, the page uploads a picture, analyses it, makes a
book in one request and shows every illustration by its ``url``; each must load.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot
from tests.photos import astronaut, png
from tests.server import free_port, start, stop, wait_until_up

CLIENT = Path(__file__).with_name("seed_client")


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


@pytest.fixture
def app(tmp_path: Path, client_origin: str) -> Iterator[str]:
    env = {"CORS_ORIGINS": client_origin, "ASYNC_ILLUSTRATIONS": "false", "OPENAI_API_KEY": ""}
    process, base = start(tmp_path, env)
    try:
        wait_until_up(process, base)
        yield base
    finally:
        stop(process)


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
