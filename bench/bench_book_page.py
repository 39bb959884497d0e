"""The book page while it polls: server time per tick, and what the browser re-downloads.

(a) In-process with Streamlit's AppTest: a whole rerun of the book page of a 12-page
    illustrated offline book (an upper bound of one fragment tick). Target: median
    100 ms or less.
(b) Headless Chromium against the real server, while a 16-page book is still being drawn
    (fake OpenAI server, 1 s per request, one page at a time): every image response over
    ~6 poll ticks. Target: 0 re-downloads of pictures that did not change.
Run: .venv/bin/python bench/bench_book_page.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_HOME = tempfile.mkdtemp(prefix="storyillus-bench-")
os.environ["STORYILLUS_HOME"] = _HOME
for _name in ("OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "API_TOKEN"):
    os.environ.pop(_name, None)

import httpx  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit import config  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from storyillus import Character, StoryRequest  # noqa: E402
from storyillus.ui import close_engine, engine  # noqa: E402
from tests.fake_openai import FakeOpenAI  # noqa: E402
from tests.server import CHROMIUM, FLAGS, start, stop, wait_until_up  # noqa: E402

RERUNS = 20
TICK_TARGET_MS = 100.0
TICKS = 6
POLL_SECONDS = 1.0


def server_tick_ms() -> list[float]:
    hero = Character.create("Lila", 7, ["brave", "curious"], ["space"])
    request = StoryRequest.create(hero, "A cosmic garden adventure", pages=12, seed=1)
    book_id = engine().create_book(request, run_async=False).book.id
    config.set_option("server.address", "127.0.0.1")  # local mode, as make run serves it
    at = AppTest.from_file(str(ROOT / "ui.py"), default_timeout=30)
    at.session_state["book_id"] = book_id
    at.switch_page("views/book.py").run()
    assert not at.exception, at.exception
    assert len(at.get("image")) == 12, len(at.get("image"))
    out = []
    for _ in range(3 + RERUNS):
        started = time.perf_counter()
        at.run()
        out.append((time.perf_counter() - started) * 1000)
    assert not at.exception
    close_engine()
    return out[3:]


def slow_server_env(fake: FakeOpenAI) -> dict[str, str]:
    return {
        "OPENAI_API_KEY": fake.api_key,
        "OPENAI_BASE_URL": fake.base_url,
        "ENABLE_NATIVE_GPT_IMAGE1": "false",
        "AZURE_OPENAI_ENDPOINT": "",
        "ILLUSTRATION_CONCURRENCY": "1",
    }


def open_book_in_browser(page, base: str, book_id: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/library")
    page.locator(f".st-key-open_{book_id} button").click(timeout=30_000)
    page.get_by_text("illustrated ·").first.wait_for(timeout=30_000)


def image_requests() -> tuple[list[tuple[float, str]], float, int, int]:
    fake = FakeOpenAI()
    fake.start()
    fake.latency = 1.0
    with tempfile.TemporaryDirectory() as home:
        process, base = start(Path(home), slow_server_env(fake))
        try:
            wait_until_up(process, base)
            body = {
                "character": {"name": "Lila", "age": 7, "personality": ["brave"]},
                "prompt": "A cosmic garden adventure",
                "pages": 16,
            }
            made = httpx.post(f"{base}/api/stories/generate", json=body, timeout=60)
            assert made.status_code == 200, made.text
            book_id = made.json()["data"]["metadata"]["bookId"]
            seen: list[tuple[float, str]] = []

            def on_response(response) -> None:  # type: ignore[no-untyped-def]
                url = response.url
                kind = response.headers.get("content-type", "")
                if ("/media/" in url or "/generated/" in url) and kind.startswith("image/"):
                    seen.append((time.time(), url))

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.on("response", on_response)
                open_book_in_browser(page, base, book_id)
                page.wait_for_timeout(1500)  # let the first pictures arrive
                seen.clear()
                started = time.time()
                page.wait_for_timeout(TICKS * POLL_SECONDS * 1000)
                window = time.time() - started
                shown = page.evaluate(
                    "document.querySelectorAll('[data-testid=stImage] img').length"
                )
                browser.close()
            job_id = made.json()["data"]["metadata"]["illustrationJobId"]
            status = httpx.get(f"{base}/api/stories/illustrations/job/{job_id}", timeout=10)
            done = status.json()["data"]["completedPages"]
            return seen, window, shown, done
        finally:
            stop(process)
            fake.stop()


def main() -> None:
    ticks = server_tick_ms()
    med = statistics.median(ticks)
    verdict = "met" if med <= TICK_TARGET_MS else "MISSED"
    print("(a) book page, 12 illustrated pages, whole AppTest rerun (upper bound of a tick):")
    print(
        f"    median {med:.1f} ms, min {min(ticks):.1f}, max {max(ticks):.1f} "
        f"over {RERUNS} reruns   (target <= {TICK_TARGET_MS:.0f} ms: {verdict})"
    )

    seen, window, shown, done = image_requests()
    per_url = Counter(url for _, url in seen)
    repeats = sum(n - 1 for n in per_url.values())
    ticks_seen = window / POLL_SECONDS
    verdict = "met" if repeats == 0 else "MISSED"
    print(f"(b) Chromium on the book page while a 16-page job runs (1 page/s), {window:.1f} s:")
    print(
        f"    {len(seen)} image responses for {len(per_url)} distinct pictures; "
        f"{shown} pictures on the page at the end, {done} pages stored"
    )
    print(
        f"    re-downloads of unchanged pictures: {repeats} "
        f"({repeats / ticks_seen:.1f} per tick over ~{ticks_seen:.0f} ticks)"
        f"   (target 0: {verdict})"
    )
    print(f"    new pictures per tick: {len(per_url) / ticks_seen:.1f}")
    for url, n in per_url.most_common(3):
        print(f"    e.g. {n}x {url.split('/', 3)[-1]}")


if __name__ == "__main__":
    main()
