"""The engine end to end: real writer, real illustrator, real SQLite store and thread pool."""

from __future__ import annotations

import base64
import io
import os
import time
from pathlib import Path

import pytest
from PIL import Image

from storyillus import (
    Character,
    Engine,
    InvalidImage,
    InvalidInput,
    JobStatus,
    NotFound,
    StoryRequest,
)
from storyillus.domain import Companion, Job
from tests.conftest import make_settings, png_bytes
from tests.providers import InstrumentedIllustrator, chain_of


def _request(pages: int = 6, seed: int = 3, image_path: str | None = None) -> StoryRequest:
    hero = Character.create("Lila", 7, ["brave", "curious"], ["space"], image_path=image_path)
    return StoryRequest.create(hero, "A cosmic garden adventure", pages=pages, seed=seed)


def _wait(engine: Engine, job_id: str, timeout: float = 60) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = engine.get_job(job_id)
        if job.status.is_final:
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} did not finish: {engine.get_job(job_id)}")


def _open_png(engine: Engine, url: str) -> Image.Image:
    path = engine.image_path(url)
    assert path is not None, url
    image = Image.open(path)
    image.load()
    return image


def test_sync_book_is_complete_with_a_png_per_page(engine: Engine) -> None:
    made = engine.create_book(_request(pages=5), run_async=False)
    assert made.job.status is JobStatus.COMPLETED
    assert made.job.error is None
    status = made.job.to_status_json()
    assert [r["pageNumber"] for r in status["results"]] == [1, 2, 3, 4, 5]
    for page, result in zip(made.book.pages, status["results"], strict=True):
        assert result["description"] == page.scene
        assert result["model"] == "offline-illustrator"
        image = _open_png(engine, result["localUrl"])
        assert (image.format, image.size) == ("PNG", (1024, 1024))
    # Five pages and the hero's character sheet, drawn before them.
    assert engine.usage().files == 5 + len(made.book.cast)
    assert all(member.sheet for member in made.book.cast)


def test_async_book_returns_at_once_and_fills_in_page_by_page(settings) -> None:
    slow = InstrumentedIllustrator(delay=0.15)
    engine = Engine(settings, chain_factory=chain_of(slow))
    try:
        started = time.monotonic()
        made = engine.create_book(_request(pages=8))
        assert time.monotonic() - started < 1.0
        assert made.job.status in (JobStatus.QUEUED, JobStatus.PROCESSING)
        seen = set()
        while not (job := engine.get_job(made.job.id)).status.is_final:
            seen.add(job.done_count)
            time.sleep(0.01)
        assert job.status is JobStatus.COMPLETED
        assert len(seen - {0, 8}) >= 1, "pages should appear while the job runs"
        assert slow.max_in_flight == settings.concurrency == 4
    finally:
        engine.close(wait=True)


def test_concurrency_setting_bounds_pages_in_flight(tmp_path: Path) -> None:
    slow = InstrumentedIllustrator(delay=0.05)
    engine = Engine(make_settings(tmp_path, concurrency=2), chain_factory=chain_of(slow))
    try:
        engine.create_book(_request(pages=8), run_async=False)
    finally:
        engine.close(wait=True)
    assert slow.max_in_flight == 2
    assert len(slow.calls) == 8


def test_failed_page_falls_back_to_the_next_provider(settings) -> None:
    first = InstrumentedIllustrator(fail_pages=frozenset({2}), name="flaky")
    engine = Engine(settings, chain_factory=chain_of(first, InstrumentedIllustrator()))
    try:
        job = engine.create_book(_request(pages=4), run_async=False).job
    finally:
        engine.close(wait=True)
    assert job.status is JobStatus.COMPLETED
    second_page = job.results[1].illustration
    assert second_page.provider == "offline"
    assert [a["provider"] for a in second_page.attempts] == ["flaky", "offline"]
    assert second_page.attempts[0]["error"] == "flaky refused page 2."


def test_pages_that_no_provider_can_draw_fail_the_job_with_their_numbers(settings) -> None:
    broken = InstrumentedIllustrator(fail_pages=frozenset({2}), crash_pages=frozenset({4}))
    engine = Engine(settings, chain_factory=chain_of(broken))
    try:
        job = engine.create_book(_request(pages=5), run_async=False).job
    finally:
        engine.close(wait=True)
    assert job.status is JobStatus.FAILED
    assert job.error.startswith("Pages 2, 4 could not be illustrated:")
    assert job.done_count == 3
    assert job.results[3].error == "Unexpected error: RuntimeError."
    assert "Traceback" not in job.error


def test_no_illustrator_enabled_fails_clearly(tmp_path: Path) -> None:
    engine = Engine(make_settings(tmp_path, enable_offline_illustrator=False))
    try:
        job = engine.create_book(_request(pages=4), run_async=False).job
    finally:
        engine.close(wait=True)
    assert job.status is JobStatus.FAILED
    assert "No illustrator is enabled" in job.error


def test_without_saving_results_carry_b64_json(tmp_path: Path) -> None:
    engine = Engine(make_settings(tmp_path, save_generated_images=False))
    try:
        job = engine.create_book(_request(pages=4), run_async=False).job
    finally:
        engine.close(wait=True)
    result = job.to_status_json()["results"][0]
    assert "localUrl" not in result
    image = Image.open(io.BytesIO(base64.b64decode(result["b64_json"])))
    assert image.format == "PNG"
    # Only the character sheets, which pages are drawn from, are files.
    assert [p.name.split("-")[0] for p in (tmp_path / "generated").iterdir()] == ["sheet"]


def test_reference_picture_is_used(engine: Engine) -> None:
    path = engine.store_reference_picture(png_bytes((300, 400), (20, 160, 220)))
    job = engine.create_book(_request(pages=4, image_path=str(path)), run_async=False).job
    assert all(r.illustration.character_referenced for r in job.results)


def test_bad_reference_pictures_are_refused_and_not_stored(engine: Engine) -> None:
    for data in (b"", b"hello, not a picture", png_bytes()[:60]):
        with pytest.raises(InvalidImage):
            engine.store_reference_picture(data)
    assert list(engine.settings.uploads_dir.iterdir()) == []


def test_redraw_keeps_the_old_picture_until_the_new_one_is_ready(settings) -> None:
    slow = InstrumentedIllustrator()
    engine = Engine(settings, chain_factory=chain_of(slow))
    try:
        book = engine.create_book(_request(pages=4), run_async=False).book
        old = book.pages[1].illustration.local_url
        slow.delay = 0.3
        job = engine.redraw_page(book.id, 2)
        assert job.kind == "redraw"
        assert engine.get_book(book.id).pages[1].illustration.local_url == old
        assert _wait(engine, job.id).status is JobStatus.COMPLETED
        new = engine.get_book(book.id).pages[1].illustration.local_url
        assert new != old
        assert engine.image_path(old) is None
        assert engine.image_path(new) is not None
        assert engine.usage().files == 4 + len(book.cast)
    finally:
        engine.close(wait=True)


def test_edit_pin_and_delete(engine: Engine) -> None:
    picture = engine.store_reference_picture(png_bytes())
    book = engine.create_book(_request(pages=4, image_path=str(picture)), run_async=False).book
    edited = engine.edit_page_text(book.id, 3, "  A new third page.  ")
    assert edited.pages[2].text == "A new third page."
    with pytest.raises(InvalidInput):
        engine.edit_page_text(book.id, 3, "   ")
    with pytest.raises(InvalidInput):
        engine.edit_page_text(book.id, 9, "Too far.")
    engine.set_pinned(book.id, True)
    assert engine.get_book(book.id).pinned

    engine.delete_book(book.id)
    with pytest.raises(NotFound):
        engine.get_book(book.id)
    assert list(engine.settings.generated_dir.iterdir()) == []
    assert not picture.exists()
    assert engine.usage().files == 0


def test_retention_runs_after_saves_and_spares_the_running_book(tmp_path: Path) -> None:
    engine = Engine(make_settings(tmp_path, max_files=6))
    try:
        first = engine.create_book(_request(pages=4), run_async=False).book
        second = engine.create_book(_request(pages=6, seed=4), run_async=False).book
        names = {p.name for p in (tmp_path / "generated").iterdir()}
        pages = {n for n in names if not n.startswith("sheet-")}
        assert len(pages) == 6 - 2  # the two books' sheets are never pruned
        assert all(second.id in n for n in pages), "the older book's pictures go first"
        assert engine.get_book(first.id).pages[0].illustration is not None
    finally:
        engine.close(wait=True)


def test_books_are_listed_newest_first(engine: Engine) -> None:
    a = engine.create_book(_request(pages=4, seed=1), run_async=False).book
    b = engine.create_book(_request(pages=4, seed=2), run_async=False).book
    assert [x.id for x in engine.list_books()] == [b.id, a.id]
    assert engine.jobs_for_book(a.id)[0].book_id == a.id
    assert engine.list_jobs()[0].book_id == b.id


def test_old_reference_pictures_expire_except_for_pinned_books(tmp_path: Path) -> None:
    engine = Engine(make_settings(tmp_path, upload_max_age_days=30))
    try:
        kept = engine.store_reference_picture(png_bytes())
        expired = engine.store_reference_picture(png_bytes())
        fresh = engine.store_reference_picture(png_bytes())
        stray = engine.store_reference_picture(png_bytes())  # uploaded, never used
        pinned_book = engine.create_book(_request(4, image_path=str(kept)), run_async=False).book
        other = engine.create_book(_request(4, image_path=str(expired)), run_async=False).book
        engine.set_pinned(pinned_book.id, True)
        old = time.time() - 31 * 86_400
        for path in (kept, expired, stray):
            os.utime(path, (old, old))

        assert engine.expire_reference_pictures() == 2
        assert kept.exists() and fresh.exists()
        assert not expired.exists() and not stray.exists()
        # The book stays whole, and a redraw goes on without the picture.
        job = _wait(engine, engine.redraw_page(other.id, 1).id)
        assert job.status is JobStatus.COMPLETED
        assert job.results[0].illustration.character_referenced is False
    finally:
        engine.close(wait=True)


def test_uploaded_photos_expire_after_30_days_by_default(engine: Engine) -> None:
    """UPLOAD_RETENTION_DAYS (default 30): a child's photo is not kept for ever."""
    old = engine.store_reference_picture(png_bytes())
    recent = engine.store_reference_picture(png_bytes((64, 64), (10, 200, 10)))
    now = time.time()
    os.utime(old, (now - 31 * 86_400, now - 31 * 86_400))
    os.utime(recent, (now - 29 * 86_400, now - 29 * 86_400))
    assert engine.expire_reference_pictures() == 1
    assert not old.exists() and recent.exists()


def test_deleting_a_book_removes_its_companions_pictures_unless_another_book_uses_them(
    engine: Engine,
) -> None:
    hero_picture = str(engine.store_reference_picture(png_bytes((80, 80), (200, 40, 40))))
    sister_picture = str(engine.store_reference_picture(png_bytes((80, 80), (40, 40, 200))))
    shared = str(engine.store_reference_picture(png_bytes((80, 80), (40, 200, 40))))

    def made(companions: list[Companion]) -> str:
        hero = Character.create("Lila", 7, companions=companions, image_path=hero_picture)
        request = StoryRequest.create(hero, "A day at the beach", pages=4, seed=3)
        return engine.create_book(request, illustrate=False).book.id

    first = made(
        [
            Companion("Mia", "sister", image_path=sister_picture),
            Companion("Rex", "dog", image_path=shared),
        ]
    )
    made([Companion("Rex", "dog", image_path=shared)])
    engine.delete_book(first)
    assert not Path(sister_picture).exists()
    assert Path(shared).exists() and Path(hero_picture).exists()  # the other book uses them
