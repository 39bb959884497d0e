"""What every browser test needs: Debian's Chromium, and a screenshot when asked for."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.server import CHROMIUM, FLAGS, start, stop, wait_until_up

VIEWPORT = {"width": 1280, "height": 1000}


@pytest.fixture
def page() -> Iterator[Page]:
    assert Path(CHROMIUM).exists(), "browser tests need Chromium: apt-get install -y chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        yield context.new_page()
        browser.close()


def shot(page: Page, name: str) -> None:
    """With STORYILLUS_SCREENSHOTS=folder, the whole app, however long, as ``name``.png:
    Streamlit scrolls inside its own main block, so the window is made as tall as it."""
    if folder := os.environ.get("STORYILLUS_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 1000), 6000)})
        page.wait_for_timeout(500)  # progress bars and images settle
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
        page.set_viewport_size(VIEWPORT)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[str]:
    """The app, started as `make run` starts it, on a fresh home: its base URL."""
    process, base = start(tmp_path)
    wait_until_up(process, base)
    yield base
    stop(process)
