"""From a page's illustration being stored to it being visible in the browser.

The real server with a slow fake OpenAI server (1 s per request, one page at a time, so
pages finish about one per second) draws a 16-page book; headless Chromium shows the
book page. For each page: ``finished_at`` from the job store's ``results`` table, and
the moment the page's <img> is loaded in the browser (count of loaded
``[data-testid=stImage] img`` polled every 50 ms; counts map to pages in the order they
were stored). Pages stored before the book page was open are left out.
Target: median 1.5 s or less.
Run: .venv/bin/python bench/bench_visible.py
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from playwright.sync_api import sync_playwright

from tests.fake_openai import FakeOpenAI
from tests.server import CHROMIUM, FLAGS, start, stop, wait_until_up

PAGES = 16
TARGET_SECONDS = 1.5
LOADED = (
    "[...document.querySelectorAll('[data-testid=stImage] img')]"
    ".filter(i => i.complete && i.naturalWidth > 0).length"
)


def main() -> None:
    fake = FakeOpenAI()
    fake.start()
    fake.latency = 1.0
    env = {
        "OPENAI_API_KEY": fake.api_key,
        "OPENAI_BASE_URL": fake.base_url,
        "ENABLE_NATIVE_GPT_IMAGE1": "false",
        "AZURE_OPENAI_ENDPOINT": "",
        "ILLUSTRATION_CONCURRENCY": "1",
        "API_TOKEN": "",
    }
    with tempfile.TemporaryDirectory() as home_dir:
        home = Path(home_dir)
        process, base = start(home, env)
        try:
            wait_until_up(process, base)
            seen: list[tuple[float, int]] = []  # (time, loaded count) at each increase
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"{base}/library")
                page.get_by_role("heading", name="Library").first.wait_for(timeout=30_000)
                body = {
                    "character": {"name": "Lila", "age": 7, "personality": ["brave"]},
                    "prompt": "A cosmic garden adventure",
                    "pages": PAGES,
                }
                made = httpx.post(f"{base}/api/stories/generate", json=body, timeout=60)
                assert made.status_code == 200, made.text
                meta = made.json()["data"]["metadata"]
                book_id, job_id = meta["bookId"], meta["illustrationJobId"]
                page.reload()
                page.locator(f".st-key-open_{book_id} button").click(timeout=30_000)
                page.get_by_text("illustrated ·").first.wait_for(timeout=30_000)
                opened = time.time()
                last = -1
                deadline = opened + PAGES * 1.5 + 10
                while time.time() < deadline:
                    count = page.evaluate(LOADED)
                    now = time.time()
                    if count > last:
                        seen.append((now, count))
                        last = count
                    if count >= PAGES:
                        break
                    time.sleep(0.05)
                browser.close()
            db = sqlite3.connect(home / "data" / "storyillus.sqlite3")
            rows = db.execute(
                "SELECT page_number, finished_at FROM results WHERE job_id = ? "
                "AND finished_at IS NOT NULL ORDER BY finished_at",
                (job_id,),
            ).fetchall()
            db.close()
        finally:
            stop(process)
            fake.stop()

    # The loaded count went from seen[i-1] to seen[i]: those pages became visible then.
    visible_at: dict[int, float] = {}
    first_count = seen[0][1] if seen else 0
    for i, (when, count) in enumerate(seen[1:], start=1):
        for index in range(seen[i - 1][1], count):
            if index < len(rows):
                visible_at[rows[index][0]] = when
    delays = [
        visible_at[number] - stored
        for number, stored in rows
        if number in visible_at and stored > opened
    ]
    print(f"stored -> visible in Chromium, {PAGES}-page book, 1 page/s, poll every 1 s:")
    print(
        f"    {len(rows)} pages stored, {first_count} already shown when the page opened, "
        f"{len(delays)} measured, {seen[-1][1] if seen else 0} visible at the end"
    )
    if not delays:
        print("    no page was stored while the book page was open: MISSED")
        return
    med = statistics.median(delays)
    verdict = "met" if med <= TARGET_SECONDS else "MISSED"
    print(
        f"    median {med:.2f} s, max {max(delays):.2f} s, min {min(delays):.2f} s"
        f"   (target median <= {TARGET_SECONDS:.1f} s: {verdict})"
    )


if __name__ == "__main__":
    main()
