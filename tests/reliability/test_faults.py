"""Every fault at every step of the chain ends in a final job: pictures or clear errors.

Random fault sequences (hypothesis) are played by the fake OpenAI/Azure server against
the real engine: real HTTP, real retries, real SQLite store and thread pool.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from storyillus import Character, Engine, JobStatus, StoryRequest
from storyillus.domain import ResultStatus
from tests.conftest import make_settings, png_bytes
from tests.fake_openai import Fault

KINDS = ["rate_limit", "server_error", "slow", "drop", "malformed", "moderation", "auth"]
STEPS = ["edits", "azure_edits", "generations", "chat"]
TIMEOUT_MS = 300


def _fault(kind: str) -> Fault:
    if kind == "rate_limit":
        return Fault(kind, retry_after_ms=5)
    if kind == "slow":
        return Fault(kind, seconds=TIMEOUT_MS / 1000 + 0.2)
    return Fault(kind)


def _engine(home: Path, fake: Any, offline: bool) -> Engine:
    return Engine(
        make_settings(
            home,
            openai_api_key=fake.api_key,
            openai_base_url=fake.base_url,
            azure_endpoint=fake.azure_endpoint,
            azure_openai_api_key=fake.azure_key,
            azure_deployment=fake.deployment,
            image_edit_timeout_ms=TIMEOUT_MS,
            http_retries=1,
            http_backoff_ms=1,
            enable_offline_illustrator=offline,
        )
    )


def _check_final(engine: Engine, job_id: str) -> tuple[int, int]:
    job = engine.get_job(job_id)
    assert job.status in (JobStatus.COMPLETED, JobStatus.FAILED), job.status
    assert engine.store.jobs.unfinished() == []
    done = failed = 0
    for result in job.results:
        if result.status is ResultStatus.DONE:
            path = engine.image_path(result.illustration.local_url)
            assert path is not None, "a completed page has no file"
            with Image.open(path) as image:
                image.load()
            done += 1
        else:
            assert result.status is ResultStatus.FAILED
            assert result.error and "Traceback" not in result.error
            failed += 1
    assert (job.status is JobStatus.FAILED) == (failed > 0)
    if job.status is JobStatus.FAILED:
        assert job.error.startswith(("Page ", "Pages "))
    return done, failed


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("kind", KINDS)
def test_each_fault_at_each_step_ends_with_every_page_illustrated(
    fake_openai: Any, tmp_path: Path, step: str, kind: str
) -> None:
    fake_openai.script(step, *[_fault(kind)] * 3)
    engine = _engine(tmp_path, fake_openai, offline=True)
    try:
        picture = str(engine.store_reference_picture(png_bytes((120, 160))))
        hero = Character.create("Lila", 7, ["brave"], ["space"], image_path=picture)
        request = StoryRequest.create(hero, "A kite festival", pages=4, seed=1)
        job = engine.create_book(request, run_async=False).job
        done, failed = _check_final(engine, job.id)
    finally:
        engine.close(wait=True)
    # With the offline illustrator at the end of the chain, no fault costs a page.
    assert (done, failed) == (4, 0)


@pytest.mark.slow
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    faults=st.lists(st.tuples(st.sampled_from(STEPS), st.sampled_from(KINDS)), max_size=10),
    offline=st.booleans(),
    with_picture=st.booleans(),
)
def test_random_fault_sequences_never_leave_a_job_unfinished(
    fake_openai_server: Any, faults: list[tuple[str, str]], offline: bool, with_picture: bool
) -> None:
    fake = fake_openai_server
    fake.reset()
    for step, kind in faults:
        fake.script(step, _fault(kind))
    with tempfile.TemporaryDirectory() as home:
        engine = _engine(Path(home), fake, offline)
        try:
            picture = (
                str(engine.store_reference_picture(png_bytes((120, 160)))) if with_picture else None
            )
            hero = Character.create("Lila", 7, image_path=picture)
            request = StoryRequest.create(hero, "A kite festival", pages=4, seed=3)
            job = engine.create_book(request, run_async=False).job
            done, _ = _check_final(engine, job.id)
        finally:
            engine.close(wait=True)
    if offline:
        assert done == 4
