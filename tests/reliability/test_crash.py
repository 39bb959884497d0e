"""kill -9 the real server in the middle of a 12-page job, and a process saving settings."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from storyillus import Engine
from storyillus.config import load_settings
from storyillus.domain import ResultStatus
from storyillus.store import Store
from tests.conftest import make_settings
from tests.server import ROOT, start, stop, wait_until_up

PAGES = 12


def _env(fake: Any) -> dict[str, str]:
    return {
        "OPENAI_API_KEY": fake.api_key,
        "OPENAI_BASE_URL": fake.base_url,
        "AZURE_OPENAI_ENDPOINT": "",
        "ILLUSTRATION_CONCURRENCY": "2",
    }


def test_killed_server_resumes_the_job_without_losing_or_redrawing(
    fake_openai: Any, tmp_path: Path
) -> None:
    fake_openai.latency = 0.3
    process, base = start(tmp_path, _env(fake_openai))
    wait_until_up(process, base)
    body = {"character": {"name": "Ådne", "age": 6}, "prompt": "A whale island", "pages": PAGES}
    answer = httpx.post(f"{base}/api/stories/generate", json=body, timeout=30).json()
    job_id = answer["data"]["metadata"]["illustrationJobId"]
    book_id = answer["data"]["metadata"]["bookId"]

    store = Store(tmp_path / "data" / "storyillus.sqlite3", tmp_path / "uploads")
    deadline = time.monotonic() + 60
    while store.jobs.get(job_id).done_count < 3:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()

    before = store.jobs.get(job_id)
    done = {
        r.page_number: r.illustration.local_url
        for r in before.results
        if r.status is ResultStatus.DONE
    }
    assert 3 <= len(done) < PAGES and before.status.value == "processing"
    time.sleep(fake_openai.latency + 0.2)  # requests cut off by the kill finish in the fake
    # Pages are edits of the hero's sheet (text-only drew the sheet: there is no photo).
    drawn_before = {kind: len(fake_openai.requests_to(kind)) for kind in ("generations", "edits")}

    process, base = start(tmp_path, _env(fake_openai))
    try:
        wait_until_up(process, base)
        deadline = time.monotonic() + 60
        while True:
            job = httpx.get(f"{base}/api/stories/illustrations/job/{job_id}", timeout=10).json()[
                "data"
            ]
            if job["status"] in ("completed", "failed"):
                break
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        stop(process)

    assert job["status"] == "completed"
    prompts = [
        request.json["prompt"] if kind == "generations" else request.fields["prompt"][0]
        for kind, count in drawn_before.items()
        for request in fake_openai.requests_to(kind)[count:]
    ]
    redrawn = sorted(
        int(found[1]) for prompt in prompts if (found := re.search(r"page (\d+) of", prompt))
    )
    assert redrawn == sorted(set(range(1, PAGES + 1)) - done.keys()), "a finished page was redrawn"
    by_page = {r["pageNumber"]: r["localUrl"] for r in job["results"]}
    for page, url in done.items():
        assert by_page[page] == url
    assert store.books.get(book_id).title == answer["data"]["title"]
    files = sorted(p.name for p in (tmp_path / "generated").iterdir() if p.name != ".gitkeep")
    assert len([n for n in files if not n.startswith("sheet-")]) == PAGES
    assert len([n for n in files if n.startswith("sheet-")]) == 1  # the hero's, drawn once
    assert not [n for n in files if n.startswith(".tmp")]
    store.close()


SAVER = """
import sys
from storyillus.config import load_settings, save_settings
home = sys.argv[1]
n = 0
while True:
    n += 1
    settings = load_settings(environ={}, dotenv_path=None, home=home)
    save_settings(settings, {"max_files": n % 500 + 1})
"""


def test_a_crash_while_saving_settings_never_leaves_a_broken_file(tmp_path: Path) -> None:
    for round_ in range(5):
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(tmp_path)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 20
        while not (tmp_path / "data" / "settings.json").exists():
            assert time.monotonic() < deadline, "the saver never saved"
            time.sleep(0.01)
        time.sleep(0.05 + round_ * 0.037)  # somewhere in the middle of a save
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        settings = load_settings(environ={}, dotenv_path=None, home=tmp_path)
        assert 1 <= settings.max_files <= 500
        assert isinstance(json.loads(settings.settings_file.read_text()), dict)
    # A start cleans up whatever half-written file the last kill left.
    Engine(make_settings(tmp_path)).close()
    assert [p.name for p in (tmp_path / "data").iterdir() if p.name.endswith(".tmp")] == []
