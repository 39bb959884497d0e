"""The job store: books, jobs, the image index and accounts in one SQLite file, the source
of truth.

``Store`` opens the file (migrating it to the latest schema, see ``migrations``) and
gives its four parts, ``books``, ``jobs``, ``pictures`` and ``accounts``, over one database. The two
changes that span parts are here, each one transaction so a crash leaves all of it or
none: recording a page (its result, the page's new picture, the image index and the job's
final status) and deleting a book (the book, its jobs and its index rows).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from storyillus._exceptions import NotFound
from storyillus.domain import Illustration, Job
from storyillus.storage.files import SavedImage
from storyillus.store._database import Database
from storyillus.store.accounts import Accounts
from storyillus.store.books import Books
from storyillus.store.changes import JobChanges
from storyillus.store.descriptors import Descriptors
from storyillus.store.jobs import Jobs, StoredResults
from storyillus.store.migrations import migrate
from storyillus.store.pictures import Pictures

__all__ = ["JobChanges", "PageOutcome", "Store", "StoredResults"]


@dataclass(frozen=True)
class PageOutcome:
    """What recording one page changed, for the caller to act on outside the transaction."""

    recorded: bool
    """False when the job or book was deleted meanwhile: the new image is an orphan."""
    replaced_image: str | None = None
    """The page's previous picture, no longer used by anything."""
    finished: Job | None = None
    """The job, when this page was its last one."""


class Store:
    """The job store of one home: ``path`` is its database, ``uploads_dir`` its uploads folder.

    Raises StoreError if the database was made by a newer storyillus.
    """

    def __init__(self, path: Path, uploads_dir: Path) -> None:
        self.path = path
        self.database = Database(path)
        try:
            migrate(self.database)
        except BaseException:
            self.database.close()
            raise
        self.books = Books(self.database, uploads_dir)
        self.jobs = Jobs(self.database, JobChanges())
        self.changes = self.jobs.changes
        """Signals each job's change to its event listeners (``store.changes``)."""
        self.pictures = Pictures(self.database)
        self.accounts = Accounts(self.database)
        self.descriptors = Descriptors(self.database)

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
        with self.database.write() as db:
            book_id = Jobs.record_result(db, job_id, page_number, illustration, error, now)
            if book_id is None:
                return PageOutcome(recorded=False)
            replaced = None
            if illustration is not None:
                replaced = Books.set_illustration(db, book_id, page_number, illustration)
                Pictures.replace(db, book_id, replaced, image)
            finished = Jobs.finish_if_done(db, job_id, now)
        self.changes.changed(job_id)
        return PageOutcome(
            recorded=True,
            replaced_image=replaced,
            finished=self.jobs.get(job_id) if finished else None,
        )

    def record_sheet(
        self,
        book_id: str,
        member: str,
        image: SavedImage | None,
        picture_refused: bool = False,
        job_id: str | None = None,
        member_number: int | None = None,
        illustration: Illustration | None = None,
        error: str | None = None,
    ) -> PageOutcome:
        """Record a character sheet drawn (``image``) or failed (``error``), in one transaction:
        the member's sheet, the image index and, for a job of sheets, its result and status."""
        now = time.time()
        with self.database.write() as db:
            if job_id is not None and member_number is not None:
                recorded = Jobs.record_result(db, job_id, member_number, illustration, error, now)
                if recorded is None:
                    return PageOutcome(recorded=False)
            replaced = None
            if image is not None:
                replaced = Books.set_sheet(db, book_id, member, image.url)
                Pictures.replace(db, book_id, replaced, image)
            if picture_refused:
                Books.set_picture_refused(db, book_id, member)
            finished = job_id is not None and Jobs.finish_if_done(db, job_id, now)
        if job_id is not None:
            self.changes.changed(job_id)
        return PageOutcome(
            recorded=True,
            replaced_image=replaced,
            finished=self.jobs.get(job_id) if finished and job_id else None,
        )

    def delete_book(self, book_id: str) -> list[str]:
        """Remove the book, its jobs and its image index rows; return the image names."""
        with self.database.write() as db:
            jobs = [r[0] for r in db.execute("SELECT id FROM jobs WHERE book_id = ?", (book_id,))]
            names = Pictures.remove_book(db, book_id)
            if not Books.remove(db, book_id):
                raise NotFound(f"No book with id {book_id!r}.")
        for job_id in jobs:  # their listeners end their streams
            self.changes.changed(job_id)
        return names

    def close(self) -> None:
        self.database.close()
