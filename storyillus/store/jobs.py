"""Jobs and their per-page results in the job store: queued, started, recorded, finished.

A job's status is derived here from its results when the last page is recorded, in the
same transaction, so the status a client polls never disagrees with the pages.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from dataclasses import dataclass

from storyillus._exceptions import NotFound
from storyillus.domain import Illustration, Job, JobStatus, PageResult, ResultStatus
from storyillus.store._database import Database, dumps, illustration_from
from storyillus.store.changes import JobChanges

ACTIVE = (JobStatus.QUEUED.value, JobStatus.PROCESSING.value)
"""Statuses of a job that may still draw (or, after a crash, resume)."""


_IDS_PER_QUERY = 500
"""Job ids asked for in one query, well under SQLite's limit on bound values."""


_AFTER = 1e-6
"""Seconds a result's finished_at stays after the job's previous one (see record_result)."""


@dataclass(frozen=True)
class StoredResults:
    """A job and its finished results in the order they were stored, read in one snapshot.

    ``stored[k - 1]`` is the k-th result stored: the order never changes once read, and a
    result stored later always comes after it, so k numbers a job's events (job events).
    """

    job: Job
    stored: tuple[PageResult, ...]


class Jobs:
    def __init__(self, database: Database, changes: JobChanges | None = None) -> None:
        self._database = database
        self.changes = changes or JobChanges()

    # -- reading -----------------------------------------------------------------

    def get(self, job_id: str) -> Job:
        jobs = self._where("id = ?", (job_id,))
        if not jobs:
            raise NotFound(f"No job with id {job_id!r}.")
        return jobs[0]

    def recent(self, limit: int = 50, owner: str | None = None) -> list[Job]:
        """The most recent jobs (of ``owner``'s books, when given), newest first (``limit``
        -1: all of them)."""
        if owner is None:
            return self._where("1 = 1", (), limit)
        return self._where("book_id IN (SELECT id FROM books WHERE owner = ?)", (owner,), limit)

    def for_book(self, book_id: str) -> list[Job]:
        """A book's jobs, newest first."""
        return self._where("book_id = ?", (book_id,))

    def stored_results(self, job_id: str) -> StoredResults:
        """The job with its finished results in storing order (one read transaction, so
        the status never disagrees with the results)."""
        db = self._database.connection()
        db.execute("BEGIN")
        try:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise NotFound(f"No job with id {job_id!r}.")
            rows = db.execute(
                "SELECT * FROM results WHERE job_id = ? ORDER BY page_number", (job_id,)
            ).fetchall()
        finally:
            db.execute("COMMIT")
        job = _job(row, rows)
        finished = sorted(
            (r for r in rows if r["status"] != ResultStatus.PENDING.value),
            key=lambda r: (r["finished_at"] or 0.0, r["page_number"]),
        )
        by_number = {r.page_number: r for r in job.results}
        return StoredResults(job, tuple(by_number[r["page_number"]] for r in finished))

    def unfinished(self) -> list[Job]:
        """Jobs a crash may have interrupted, oldest first."""
        return list(reversed(self._where("status IN (?, ?)", ACTIVE)))

    def _where(self, where: str, args: tuple[object, ...], limit: int = -1) -> list[Job]:
        db = self._database.connection()
        rows = db.execute(
            f"SELECT * FROM jobs WHERE {where} ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (*args, limit),
        ).fetchall()
        # The results of all these jobs in a few queries, not one per job: the book page
        # reads its jobs every poll tick and the library reads every job.
        ids = [row["id"] for row in rows]
        results: dict[str, list[sqlite3.Row]] = {}
        for at in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[at : at + _IDS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            for result in db.execute(
                f"SELECT * FROM results WHERE job_id IN ({marks}) ORDER BY job_id, page_number",
                chunk,
            ):
                results.setdefault(result["job_id"], []).append(result)
        return [_job(row, results.get(row["id"], [])) for row in rows]

    # -- writing -----------------------------------------------------------------

    def add(self, book_id: str, pages: list[tuple[int, str]], kind: str = "book") -> Job:
        """Queue a job to illustrate ``pages`` (number, scene description) of a book."""
        job_id = str(uuid.uuid4())
        now = time.time()
        with self._database.write() as db:
            db.execute(
                "INSERT INTO jobs (id, book_id, kind, status, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (job_id, book_id, kind, JobStatus.QUEUED.value, now, now),
            )
            db.executemany(
                "INSERT INTO results (job_id, page_number, description) VALUES (?, ?, ?)",
                [(job_id, number, scene) for number, scene in pages],
            )
        return self.get(job_id)

    def start(self, job_id: str) -> None:
        with self._database.write() as db:
            db.execute(
                "UPDATE jobs SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                (JobStatus.PROCESSING.value, time.time(), job_id, JobStatus.QUEUED.value),
            )

    def fail(self, job_id: str, error: str) -> None:
        """End a job that cannot run at all; its pending pages fail with ``error``."""
        with self._database.write() as db:
            now = Jobs.stored_after(db, job_id, time.time())
            db.execute(
                "UPDATE results SET status = ?, error = ?, finished_at = ?"
                " WHERE job_id = ? AND status = ?",
                (ResultStatus.FAILED.value, error, now, job_id, ResultStatus.PENDING.value),
            )
            self.finish_if_done(db, job_id, now)
        self.changes.changed(job_id)

    @staticmethod
    def stored_after(db: sqlite3.Connection, job_id: str, now: float) -> float:
        """``now``, or just after the job's last stored result if the clock went back: the
        storing order (finished_at, then page number) must only ever grow at its end."""
        last = db.execute(
            "SELECT MAX(finished_at) FROM results WHERE job_id = ?", (job_id,)
        ).fetchone()[0]
        return now if last is None or now > last else last + _AFTER

    @staticmethod
    def record_result(
        db: sqlite3.Connection,
        job_id: str,
        page_number: int,
        illustration: Illustration | None,
        error: str | None,
        now: float,
    ) -> str | None:
        """In the caller's transaction: settle a pending page; return the job's book id.

        None when there is no such pending page (the job or its book was deleted meanwhile).
        """
        now = Jobs.stored_after(db, job_id, now)
        updated = db.execute(
            "UPDATE results SET status = ?, illustration = ?, error = ?, finished_at = ?"
            " WHERE job_id = ? AND page_number = ? AND status = ?",
            (
                (ResultStatus.DONE if illustration else ResultStatus.FAILED).value,
                dumps(illustration.to_json()) if illustration else None,
                error,
                now,
                job_id,
                page_number,
                ResultStatus.PENDING.value,
            ),
        ).rowcount
        if not updated:
            return None
        db.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", (now, job_id))
        return db.execute("SELECT book_id FROM jobs WHERE id = ?", (job_id,)).fetchone()[0]

    @staticmethod
    def finish_if_done(db: sqlite3.Connection, job_id: str, now: float) -> bool:
        """In the caller's transaction: end the job if no page is pending; say if it ended."""
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
                illustration=illustration_from(r["illustration"]),
                error=r["error"],
            )
            for r in results
        ),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        error=row["error"],
        kind=row["kind"],
    )
