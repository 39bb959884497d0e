"""The job store: books, jobs, per-page results and the index of saved images, in SQLite.

It is the single source of truth for job state. Each thread gets its own connection
(SQLite connections must not be shared across threads); WAL mode lets pages poll while
workers write. Every change that must hold together (a page's result, the page's new
picture, the image index and the job's final status) is one transaction, so a crash
leaves either all of it or none.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyillus._exceptions import NotFound
from storyillus.domain import (
    Book,
    Illustration,
    Job,
    JobStatus,
    Page,
    PageResult,
    ResultStatus,
    StoryRequest,
    Usage,
)
from storyillus.storage.files import ImageFiles, SavedImage

_SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS books (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    request TEXT NOT NULL,
    seed INTEGER NOT NULL,
    writer TEXT NOT NULL,
    model TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    story_usage TEXT NOT NULL DEFAULT '{}',
    notes TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS pages (
    book_id TEXT NOT NULL REFERENCES books(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    scene TEXT NOT NULL,
    illustration TEXT,
    PRIMARY KEY (book_id, number)
);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL REFERENCES books(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
-- (book_id, status): retention asks "has this book a running job?" for every candidate.
DROP INDEX IF EXISTS jobs_by_book;
CREATE INDEX IF NOT EXISTS jobs_by_book_status ON jobs(book_id, status);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs(status);
CREATE TABLE IF NOT EXISTS results (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    page_number INTEGER NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    illustration TEXT,
    error TEXT,
    finished_at REAL,
    PRIMARY KEY (job_id, page_number)
);
-- Saved images, oldest first by seq: retention reads the oldest few and the totals,
-- never the whole folder.
CREATE TABLE IF NOT EXISTS images (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    book_id TEXT,
    bytes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS images_by_book ON images(book_id);
CREATE TABLE IF NOT EXISTS image_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    files INTEGER NOT NULL,
    bytes INTEGER NOT NULL
);
INSERT OR IGNORE INTO image_totals VALUES (1, 0, 0);
CREATE TRIGGER IF NOT EXISTS images_added AFTER INSERT ON images BEGIN
    UPDATE image_totals SET files = files + 1, bytes = bytes + NEW.bytes WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS images_removed AFTER DELETE ON images BEGIN
    UPDATE image_totals SET files = files - 1, bytes = bytes - OLD.bytes WHERE id = 1;
END;
"""
_ACTIVE = (JobStatus.QUEUED.value, JobStatus.PROCESSING.value)


@dataclass(frozen=True)
class PageOutcome:
    """What recording one page changed, for the caller to act on outside the transaction."""

    recorded: bool
    """False when the job or book was deleted meanwhile: the new image is an orphan."""
    replaced_image: str | None = None
    """The page's previous picture, no longer used by anything."""
    finished: Job | None = None
    """The job, when this page was its last one."""


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Store:
    """Books, jobs and the image index in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # executescript commits on its own; every statement in it is idempotent.
        db = self._db()
        db.executescript(_SCHEMA)
        columns = {row[1] for row in db.execute("PRAGMA table_info(books)")}
        for column, default in (("story_usage", "'{}'"), ("notes", "'[]'")):
            if column not in columns:  # a store made before version 2
                db.execute(f"ALTER TABLE books ADD COLUMN {column} TEXT NOT NULL DEFAULT {default}")
        db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    # -- connections -------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 30000")
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    class _Transaction:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> sqlite3.Connection:
            # IMMEDIATE takes the write lock up front, so two writers never deadlock
            # upgrading read locks.
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, kind: object, *_: object) -> None:
            self.db.execute("ROLLBACK" if kind else "COMMIT")

    def _write(self) -> Store._Transaction:
        return Store._Transaction(self._db())

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                # A connection made in a thread that has ended may refuse; nothing is lost.
                with contextlib.suppress(sqlite3.ProgrammingError):
                    db.close()
            self._connections.clear()
        self._local = threading.local()

    # -- books -------------------------------------------------------------------

    def add_book(self, book: Book) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO books (id, title, request, seed, writer, model, pinned, created_at,"
                " story_usage, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    book.id,
                    book.title,
                    _dumps(book.request.to_json()),
                    book.seed,
                    book.writer,
                    book.model,
                    int(book.pinned),
                    book.created_at,
                    _dumps(book.usage),
                    _dumps(list(book.notes)),
                ),
            )
            db.executemany(
                "INSERT INTO pages (book_id, number, text, scene) VALUES (?, ?, ?, ?)",
                [(book.id, p.number, p.text, p.scene) for p in book.pages],
            )

    def get_book(self, book_id: str) -> Book:
        db = self._db()
        row = db.execute("SELECT * FROM books WHERE id = ?", (book_id,)).fetchone()
        if row is None:
            raise NotFound(f"No book with id {book_id!r}.")
        pages = db.execute(
            "SELECT * FROM pages WHERE book_id = ? ORDER BY number", (book_id,)
        ).fetchall()
        return self._book(row, pages)

    @staticmethod
    def _book(row: sqlite3.Row, pages: list[sqlite3.Row]) -> Book:
        return Book(
            id=row["id"],
            title=row["title"],
            request=StoryRequest.from_json(json.loads(row["request"])),
            pages=tuple(
                Page(
                    number=p["number"],
                    text=p["text"],
                    scene=p["scene"],
                    illustration=Illustration.from_json(json.loads(p["illustration"]))
                    if p["illustration"]
                    else None,
                )
                for p in pages
            ),
            created_at=row["created_at"],
            seed=row["seed"],
            writer=row["writer"],
            model=row["model"],
            pinned=bool(row["pinned"]),
            usage=json.loads(row["story_usage"]),
            notes=tuple(json.loads(row["notes"])),
        )

    def list_books(self) -> list[Book]:
        """Every book, newest first."""
        db = self._db()
        rows = db.execute("SELECT * FROM books ORDER BY created_at DESC, rowid DESC").fetchall()
        pages: dict[str, list[sqlite3.Row]] = {}
        for page in db.execute("SELECT * FROM pages ORDER BY book_id, number"):
            pages.setdefault(page["book_id"], []).append(page)
        return [self._book(row, pages.get(row["id"], [])) for row in rows]

    def set_page_text(self, book_id: str, number: int, text: str) -> None:
        with self._write() as db:
            changed = db.execute(
                "UPDATE pages SET text = ? WHERE book_id = ? AND number = ?",
                (text, book_id, number),
            ).rowcount
        if not changed:
            raise NotFound(f"No page {number} in book {book_id!r}.")

    def set_pinned(self, book_id: str, pinned: bool) -> None:
        with self._write() as db:
            changed = db.execute(
                "UPDATE books SET pinned = ? WHERE id = ?", (int(pinned), book_id)
            ).rowcount
        if not changed:
            raise NotFound(f"No book with id {book_id!r}.")

    def delete_book(self, book_id: str) -> list[str]:
        """Remove the book, its jobs and its image index rows; return the image names."""
        with self._write() as db:
            names = [
                r["name"]
                for r in db.execute("SELECT name FROM images WHERE book_id = ?", (book_id,))
            ]
            db.execute("DELETE FROM images WHERE book_id = ?", (book_id,))
            if not db.execute("DELETE FROM books WHERE id = ?", (book_id,)).rowcount:
                raise NotFound(f"No book with id {book_id!r}.")
        return names

    # -- jobs --------------------------------------------------------------------

    def add_job(self, book_id: str, pages: list[tuple[int, str]], kind: str = "book") -> Job:
        """Queue a job to illustrate ``pages`` (number, scene description) of a book."""
        job_id = str(uuid.uuid4())
        now = time.time()
        with self._write() as db:
            db.execute(
                "INSERT INTO jobs (id, book_id, kind, status, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (job_id, book_id, kind, JobStatus.QUEUED.value, now, now),
            )
            db.executemany(
                "INSERT INTO results (job_id, page_number, description) VALUES (?, ?, ?)",
                [(job_id, number, scene) for number, scene in pages],
            )
        return self.get_job(job_id)

    def get_job(self, job_id: str) -> Job:
        jobs = self._jobs_where("id = ?", (job_id,))
        if not jobs:
            raise NotFound(f"No job with id {job_id!r}.")
        return jobs[0]

    @staticmethod
    def _job(row: sqlite3.Row, results: list[sqlite3.Row]) -> Job:
        return Job(
            id=row["id"],
            book_id=row["book_id"],
            status=JobStatus(row["status"]),
            results=tuple(
                PageResult(
                    page_number=r["page_number"],
                    description=r["description"],
                    status=ResultStatus(r["status"]),
                    illustration=Illustration.from_json(json.loads(r["illustration"]))
                    if r["illustration"]
                    else None,
                    error=r["error"],
                )
                for r in results
            ),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            error=row["error"],
            kind=row["kind"],
        )

    def _jobs_where(self, where: str, args: tuple[object, ...], limit: int = -1) -> list[Job]:
        db = self._db()
        rows = db.execute(
            f"SELECT * FROM jobs WHERE {where} ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (*args, limit),
        ).fetchall()
        jobs = []
        for row in rows:
            results = db.execute(
                "SELECT * FROM results WHERE job_id = ? ORDER BY page_number", (row["id"],)
            ).fetchall()
            jobs.append(self._job(row, results))
        return jobs

    def list_jobs(self, limit: int = 50) -> list[Job]:
        """The most recent jobs, newest first."""
        return self._jobs_where("1 = 1", (), limit)

    def jobs_for_book(self, book_id: str) -> list[Job]:
        """A book's jobs, newest first."""
        return self._jobs_where("book_id = ?", (book_id,))

    def unfinished_jobs(self) -> list[Job]:
        """Jobs a crash may have interrupted, oldest first."""
        return list(reversed(self._jobs_where("status IN (?, ?)", _ACTIVE)))

    def start_job(self, job_id: str) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE jobs SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                (JobStatus.PROCESSING.value, time.time(), job_id, JobStatus.QUEUED.value),
            )

    def record_page(
        self,
        job_id: str,
        page_number: int,
        illustration: Illustration | None,
        error: str | None = None,
        image: SavedImage | None = None,
    ) -> PageOutcome:
        """Record one page's outcome, update the book's page and maybe finish the job."""
        now = time.time()
        with self._write() as db:
            status = ResultStatus.DONE if illustration else ResultStatus.FAILED
            updated = db.execute(
                "UPDATE results SET status = ?, illustration = ?, error = ?, finished_at = ?"
                " WHERE job_id = ? AND page_number = ? AND status = ?",
                (
                    status.value,
                    _dumps(illustration.to_json()) if illustration else None,
                    error,
                    now,
                    job_id,
                    page_number,
                    ResultStatus.PENDING.value,
                ),
            ).rowcount
            if not updated:
                return PageOutcome(recorded=False)
            book_id = db.execute("SELECT book_id FROM jobs WHERE id = ?", (job_id,)).fetchone()[0]
            replaced = None
            if illustration is not None:
                previous = db.execute(
                    "SELECT illustration FROM pages WHERE book_id = ? AND number = ?",
                    (book_id, page_number),
                ).fetchone()
                if previous and previous[0]:
                    replaced = ImageFiles.name_from_url(json.loads(previous[0]).get("localUrl"))
                db.execute(
                    "UPDATE pages SET illustration = ? WHERE book_id = ? AND number = ?",
                    (_dumps(illustration.to_json()), book_id, page_number),
                )
                if replaced:
                    db.execute("DELETE FROM images WHERE name = ?", (replaced,))
                if image is not None:
                    db.execute(
                        "INSERT INTO images (name, book_id, bytes) VALUES (?, ?, ?)",
                        (image.name, book_id, image.bytes),
                    )
            db.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", (now, job_id))
            finished = self._finish_if_done(db, job_id, now)
        return PageOutcome(
            recorded=True,
            replaced_image=replaced,
            finished=self.get_job(job_id) if finished else None,
        )

    @staticmethod
    def _finish_if_done(db: sqlite3.Connection, job_id: str, now: float) -> bool:
        counts = dict(
            db.execute(
                "SELECT status, COUNT(*) FROM results WHERE job_id = ? GROUP BY status", (job_id,)
            ).fetchall()
        )
        if counts.get(ResultStatus.PENDING.value):
            return False
        failed = db.execute(
            "SELECT page_number, error FROM results WHERE job_id = ? AND status = ?"
            " ORDER BY page_number",
            (job_id, ResultStatus.FAILED.value),
        ).fetchall()
        if failed:
            numbers = ", ".join(str(r[0]) for r in failed)
            noun = "Page" if len(failed) == 1 else "Pages"
            error = f"{noun} {numbers} could not be illustrated: {failed[0][1]}"
            status = JobStatus.FAILED
        else:
            error, status = None, JobStatus.COMPLETED
        db.execute(
            "UPDATE jobs SET status = ?, error = ?, updated_at = ? WHERE id = ?",
            (status.value, error, now, job_id),
        )
        return True

    def fail_job(self, job_id: str, error: str) -> None:
        """End a job that cannot run at all; its pending pages fail with ``error``."""
        now = time.time()
        with self._write() as db:
            db.execute(
                "UPDATE results SET status = ?, error = ?, finished_at = ?"
                " WHERE job_id = ? AND status = ?",
                (ResultStatus.FAILED.value, error, now, job_id, ResultStatus.PENDING.value),
            )
            self._finish_if_done(db, job_id, now)

    # -- image index -------------------------------------------------------------

    def image_usage(self) -> Usage:
        row = self._db().execute("SELECT files, bytes FROM image_totals WHERE id = 1").fetchone()
        return Usage(files=row[0], bytes=row[1])

    def prunable_images(self, batch: int = 64) -> Iterator[tuple[str, int]]:
        """Saved images retention may delete, oldest first: not pinned, no job running."""
        last = 0
        db = self._db()
        while True:
            rows = db.execute(
                """
                SELECT i.seq, i.name, i.bytes FROM images i
                LEFT JOIN books b ON b.id = i.book_id
                WHERE i.seq > ?
                  AND COALESCE(b.pinned, 0) = 0
                  AND NOT EXISTS (
                      SELECT 1 FROM jobs j WHERE j.book_id = i.book_id AND j.status IN (?, ?)
                  )
                ORDER BY i.seq LIMIT ?
                """,
                (last, *_ACTIVE, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield row["name"], row["bytes"]
            last = rows[-1]["seq"]

    def forget_images(self, names: list[str]) -> None:
        with self._write() as db:
            db.executemany("DELETE FROM images WHERE name = ?", [(n,) for n in names])

    def reconcile_images(self, on_disk: list[tuple[str, int, float]]) -> list[str]:
        """Make the index match the folder, once at start-up (never per save).

        Returns the names of orphans to delete: files of a known book that nothing
        references, left by a crash between writing a file and recording it. Other
        unknown files (older installs, copies) are indexed so retention counts them.
        """
        present = {name: (size, mtime) for name, size, mtime in on_disk}
        with self._write() as db:
            indexed = {r[0] for r in db.execute("SELECT name FROM images")}
            gone = indexed - present.keys()
            db.executemany("DELETE FROM images WHERE name = ?", [(n,) for n in gone])
            books = {r[0] for r in db.execute("SELECT id FROM books")}
            orphans, adopted = [], []
            for name in sorted(present.keys() - indexed, key=lambda n: present[n][1]):
                book_id = ImageFiles.book_id_from_name(name)
                if book_id in books:
                    orphans.append(name)
                else:
                    adopted.append((name, book_id, present[name][0]))
            db.executemany("INSERT INTO images (name, book_id, bytes) VALUES (?, ?, ?)", adopted)
        return orphans
