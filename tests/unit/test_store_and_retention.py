"""The SQLite job store and retention, on a real database and a real folder."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from storyillus import NotFound
from storyillus.casting import cast_for
from storyillus.domain import (
    Book,
    CastMember,
    Character,
    Companion,
    Feature,
    Illustration,
    JobStatus,
    Look,
    Page,
    StoryRequest,
)
from storyillus.storage.files import ImageFiles
from storyillus.storage.retention import Retention
from storyillus.store import Store


def _book(book_id: str, pages: int = 3, pinned: bool = False) -> Book:
    hero = Character.create("Lila", 7)
    request = StoryRequest.create(hero, "A cosmic garden adventure", pages=4)
    return Book(
        id=book_id,
        title="Lila and the Garden",
        request=request,
        setting="garden",
        cast=cast_for(hero, 1),
        pages=tuple(
            Page(n, f"Text {n}.", f"Scene {n}.", "garden", ("Lila",)) for n in range(1, pages + 1)
        ),
        created_at=time.time(),
        seed=1,
        pinned=pinned,
    )


def _draw(store: Store, files: ImageFiles, job_id: str, book_id: str, page: int, size: int = 1000):
    saved = files.save(b"x" * size, "offline", book_id, page)
    illustration = Illustration("offline", "offline-illustrator", False, local_url=saved.url)
    return store.record_page(job_id, page, illustration, image=saved), saved


@pytest.fixture
def parts(tmp_path: Path) -> tuple[Store, ImageFiles, Retention]:
    store = Store(tmp_path / "data" / "db.sqlite3", tmp_path / "uploads")
    files = ImageFiles(tmp_path / "generated")
    yield store, files, Retention(store.pictures, files)
    store.close()


def test_job_lifecycle_follows_the_seed(parts) -> None:
    store, files, _ = parts
    book_id = "a" * 32
    store.books.add(_book(book_id))
    job = store.jobs.add(book_id, [(1, "Scene 1."), (2, "Scene 2."), (3, "Scene 3.")])
    assert job.status is JobStatus.QUEUED
    assert job.to_status_json()["results"] == []

    store.jobs.start(job.id)
    outcome, saved = _draw(store, files, job.id, book_id, 1)
    assert outcome.recorded and outcome.finished is None
    status = store.jobs.get(job.id).to_status_json()
    assert status["status"] == "processing"
    assert status["results"][0]["localUrl"] == f"/generated/{saved.name}"
    assert status["results"][0]["pageNumber"] == 1
    assert status["results"][0]["model"] == "offline-illustrator"
    assert status["results"][0]["characterReferenced"] is False

    store.record_page(job.id, 2, None, error="The provider refused.")
    outcome, _ = _draw(store, files, job.id, book_id, 3)
    assert outcome.finished is not None
    assert outcome.finished.status is JobStatus.FAILED
    assert outcome.finished.error == "Page 2 could not be illustrated: The provider refused."
    assert store.books.get(book_id).pages[0].illustration.local_url == f"/generated/{saved.name}"
    assert store.jobs.unfinished() == []


def test_a_book_round_trips_its_setting_cast_places_and_characters(parts) -> None:
    store, files, _ = parts
    hero = Character.create(
        "Zoë", 6, companions=[Companion("Leo", "brother"), Companion("Biscuit", "dog")]
    )
    cast = (
        *cast_for(hero, 5),
        CastMember(
            name="Nana",
            role="grandmother",
            kind="elder",
            description="Nana has silver hair in a bun and round glasses.",
            look=Look(
                hair=Feature("silver", "#c0c0c8", "bun"),
                skin=Feature("tan", "#c68e5e"),
                eyes=Feature("green", "#3a7d44"),
                clothes=Feature("blue", "#2255aa", "knitted cardigan"),
                extras=("round glasses",),
            ),
            sheet="sheet-nana.png",
        ),
    )
    book = Book(
        id="r" * 32,
        title="Zoë at Nana's Lighthouse",
        request=StoryRequest.create(hero, "A night at Nana's lighthouse", setting="lighthouse"),
        setting="nana's lighthouse",  # a custom place keeps the user's words
        cast=cast,
        pages=(
            Page(1, "Zoë arrives.", "Scene 1.", "beach", ("Zoë", "Nana")),
            Page(2, "Up the stairs.", "Scene 2.", "nana's lighthouse", ("Zoë", "Leo", "Biscuit")),
            Page(3, "Bedtime.", "Scene 3.", "bedroom", ("Zoë",)),
        ),
        created_at=1_800_000_000.25,
        seed=5,
        usage={"total_tokens": 12},
        notes=("a note",),
    )
    assert [m.role for m in cast[:3]] == ["hero", "brother", "dog"]
    store.books.add(book)
    assert store.books.get(book.id) == book
    assert store.books.newest_first() == [book]
    # Drawing a page changes its picture only.
    job = store.jobs.add(book.id, [(2, "Scene 2.")], kind="redraw")
    outcome, _ = _draw(store, files, job.id, book.id, 2)
    assert outcome.recorded and outcome.finished is not None
    drawn = store.books.get(book.id)
    assert drawn.page(2).illustration is not None
    assert (drawn.setting, drawn.cast) == (book.setting, book.cast)
    assert [(p.place, p.characters) for p in drawn.pages] == [
        (p.place, p.characters) for p in book.pages
    ]


def test_a_page_is_recorded_once(parts) -> None:
    store, files, _ = parts
    book_id = "b" * 32
    store.books.add(_book(book_id, pages=1))
    job = store.jobs.add(book_id, [(1, "Scene 1.")])
    first, _ = _draw(store, files, job.id, book_id, 1)
    second, _ = _draw(store, files, job.id, book_id, 1)
    assert first.recorded and not second.recorded
    assert store.pictures.usage().files == 1


def test_redraw_replaces_the_page_picture_and_frees_the_old_file(parts) -> None:
    store, files, _ = parts
    book_id = "c" * 32
    store.books.add(_book(book_id, pages=1))
    _, old = _draw(store, files, store.jobs.add(book_id, [(1, "S")]).id, book_id, 1)
    outcome, new = _draw(
        store, files, store.jobs.add(book_id, [(1, "S")], kind="redraw").id, book_id, 1
    )
    assert outcome.replaced_image == old.name
    assert store.books.get(book_id).pages[0].illustration.local_url == new.url
    assert store.pictures.usage().files == 1


def test_delete_book_returns_its_images_and_unknown_ids_raise(parts) -> None:
    store, files, _ = parts
    book_id = "d" * 32
    store.books.add(_book(book_id, pages=2))
    job = store.jobs.add(book_id, [(1, "S"), (2, "S")])
    _, one = _draw(store, files, job.id, book_id, 1)
    assert store.delete_book(book_id) == [one.name]
    with pytest.raises(NotFound):
        store.books.get(book_id)
    with pytest.raises(NotFound):
        store.jobs.get(job.id)
    # A worker finishing a page of the deleted book is told it was not recorded.
    late, _ = _draw(store, files, job.id, book_id, 2)
    assert not late.recorded
    assert store.pictures.usage().files == 0


def test_retention_removes_oldest_first_by_count_then_size(parts, caplog) -> None:
    store, files, retention = parts
    book_id = "e" * 32
    store.books.add(_book(book_id, pages=6))
    job = store.jobs.add(book_id, [(n, "S") for n in range(1, 7)])
    saved = [_draw(store, files, job.id, book_id, n, size=400_000)[1] for n in range(1, 7)]
    assert store.jobs.get(job.id).status is JobStatus.COMPLETED

    with caplog.at_level(logging.INFO):
        assert retention.prune(max_files=4, max_mb=0) == 2
    assert "🧹 Retention pruning removed 2 old generated image(s)." in caplog.text
    assert [files.path_for(s.name) is None for s in saved] == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]

    # 4 x 400 kB is over 1 MB: the two oldest remaining go.
    assert retention.prune(max_files=4, max_mb=1) == 2
    assert store.pictures.usage().files == 2
    assert sorted(n for n, _, _ in files.scan()) == sorted(s.name for s in saved[4:])
    assert retention.prune(max_files=0, max_mb=0) == 0


def test_retention_never_touches_pinned_books_or_running_jobs(parts) -> None:
    store, files, retention = parts
    pinned, running, done = "f" * 32, "0" * 32, "1" * 32
    for book_id in (pinned, running, done):
        store.books.add(_book(book_id, pages=2, pinned=book_id == pinned))
    jobs = {b: store.jobs.add(b, [(1, "S"), (2, "S")]) for b in (pinned, running, done)}
    for book_id in (pinned, done):
        for page in (1, 2):
            _draw(store, files, jobs[book_id].id, book_id, page)
    _draw(store, files, jobs[running].id, running, 1)  # page 2 still being drawn

    assert retention.prune(max_files=1, max_mb=0) == 2
    left = {ImageFiles.book_id_from_name(n) for n, _, _ in files.scan()}
    assert left == {pinned, running}
    assert store.pictures.usage().files == 3


def test_reconcile_deletes_crash_orphans_and_adopts_foreign_files(parts) -> None:
    store, files, _ = parts
    book_id = "2" * 32
    store.books.add(_book(book_id, pages=1))
    orphan = files.save(b"half", "offline", book_id, 1)  # written, never recorded
    foreign = files.save(b"older", "gptimg-native", "9" * 32, 1)
    assert store.pictures.reconcile(files.scan()) == [orphan.name]
    assert store.pictures.usage().files == 1
    (files.directory / foreign.name).unlink()
    store.pictures.reconcile(files.scan())
    assert store.pictures.usage().files == 0


def test_save_is_atomic_and_names_follow_the_seed(tmp_path: Path) -> None:
    files = ImageFiles(tmp_path)
    saved = files.save(b"png", "offline", "3" * 32, 7)
    assert saved.name.startswith("offline-" + "3" * 32 + "-p07-")
    assert saved.url == f"/generated/{saved.name}"
    assert [p.name for p in tmp_path.iterdir()] == [saved.name]
    (tmp_path / ".tmp-abc-half.png").write_bytes(b"x")
    assert files.remove_temporary() == 1
    assert files.path_for("../etc/passwd") is None
    assert files.path_for(saved.name) == tmp_path / saved.name


def test_a_page_of_the_library_is_read_through_the_newest_first_index(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.sqlite3", tmp_path / "uploads")
    plan = store.database.connection().execute(
        "EXPLAIN QUERY PLAN SELECT * FROM books WHERE (created_at, id) < (?, ?)"
        " ORDER BY created_at DESC, id DESC LIMIT 10",
        (1.0, "x"),
    )
    assert "books_newest" in " ".join(str(tuple(row)) for row in plan)
    store.close()


def test_more_jobs_than_one_query_asks_for_all_read_with_their_own_results(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "store.sqlite3", tmp_path / "uploads")
    store.books.add(_book("b" * 32, pages=3))
    added = [store.jobs.add("b" * 32, [(n, f"scene {i}-{n}") for n in (1, 2)]) for i in range(501)]
    read = {job.id: job for job in store.jobs.recent(limit=-1)}
    assert len(read) == 501
    for job in added:
        assert [r.description for r in read[job.id].results] == [r.description for r in job.results]
    store.close()
