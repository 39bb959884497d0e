"""kill -9 a process in the middle of a job; a new process resumes it, losing and redoing none."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from storyillus.domain import ResultStatus
from storyillus.store import Store

ROOT = Path(__file__).resolve().parents[2]
PAGES = 12

CHILD = """
import json, sys, time
from storyillus import Character, Engine, StoryRequest
from storyillus.config import load_settings
from tests.providers import InstrumentedIllustrator, chain_of

home, mode, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
settings = load_settings(environ={}, dotenv_path=None, home=home, concurrency=2)
if mode == "start":
    provider = InstrumentedIllustrator(delay=0.25)
    engine = Engine(settings, chain_factory=chain_of(provider))
    hero = Character.create("Ådne", 6, ["brave"], ["boats"])
    request = StoryRequest.create(hero, "A voyage to the whale island", pages=pages, seed=5)
    made = engine.create_book(request)
    print(made.job.id, flush=True)
    time.sleep(600)
else:
    provider = InstrumentedIllustrator()
    engine = Engine(settings, chain_factory=chain_of(provider))
    resumed = engine.start()
    job_id = resumed[0].id
    while not engine.get_job(job_id).status.is_final:
        time.sleep(0.02)
    status = engine.get_job(job_id).status.value
    engine.close(wait=True)
    print(json.dumps({"resumed": len(resumed), "status": status,
                      "drawn": sorted(page for _, page in provider.calls)}))
"""


def _child(home: Path, mode: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), mode, str(PAGES)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_killed_job_resumes_in_a_new_process_without_losing_or_redrawing_pages(
    tmp_path: Path,
) -> None:
    first = _child(tmp_path, "start")
    job_id = first.stdout.readline().strip()
    assert job_id, "the first process did not start a job"

    store = Store(tmp_path / "data" / "storyillus.sqlite3", tmp_path / "uploads")
    deadline = time.monotonic() + 60
    while store.jobs.get(job_id).done_count < 4:
        assert time.monotonic() < deadline, "no progress before the kill"
        time.sleep(0.02)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()

    before = store.jobs.get(job_id)
    done_before = {
        r.page_number: r.illustration.local_url
        for r in before.results
        if r.status is ResultStatus.DONE
    }
    assert 4 <= len(done_before) < PAGES
    assert before.status.value == "processing"

    second = _child(tmp_path, "resume")
    out, _ = second.communicate(timeout=120)
    report = json.loads(out)
    assert report["resumed"] == 1
    assert report["status"] == "completed"
    assert report["drawn"] == sorted(set(range(1, PAGES + 1)) - done_before.keys())

    after = store.jobs.get(job_id)
    for page, url in done_before.items():
        assert after.results[page - 1].illustration.local_url == url
    generated = sorted(p.name for p in (tmp_path / "generated").iterdir())
    pages = [n for n in generated if not n.startswith("sheet-")]
    assert len(pages) == PAGES, generated
    assert not [n for n in generated if n.startswith(".tmp")]
    assert store.pictures.usage().files == len(generated)
    store.close()
