"""The index of saved images in the job store: which book each belongs to, and the totals.

Retention reads the oldest few rows and the totals (kept by triggers), never the folder,
so one save costs the same with 10 or 10,000 files. The folder is read once, at start-up,
to make the index match it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from storyillus.access import LOCAL_USER
from storyillus.domain import Usage
from storyillus.storage.files import SHEET_PREFIX, ImageFiles, SavedImage
from storyillus.store._database import Database
from storyillus.store.jobs import ACTIVE


def _kind_of(name: str) -> str:
    return "sheet" if name.startswith(SHEET_PREFIX) else "page"


class Pictures:
    def __init__(self, database: Database) -> None:
        self._database = database

    def usage(self) -> Usage:
        db = self._database.connection()
        row = db.execute("SELECT files, bytes FROM image_totals WHERE id = 1").fetchone()
        return Usage(files=row[0], bytes=row[1])

    def prunable(self, batch: int = 64) -> Iterator[tuple[str, int]]:
        """Saved images retention may delete, oldest first: pages (never character sheets,
        which live as long as their book) of books not pinned, with no job running."""
        last = 0
        db = self._database.connection()
        while True:
            rows = db.execute(
                """
                SELECT i.seq, i.name, i.bytes FROM images i
                LEFT JOIN books b ON b.id = i.book_id
                WHERE i.seq > ?
                  AND i.kind = 'page'
                  AND COALESCE(b.pinned, 0) = 0
                  AND NOT EXISTS (
                      SELECT 1 FROM jobs j WHERE j.book_id = i.book_id AND j.status IN (?, ?)
                  )
                ORDER BY i.seq LIMIT ?
                """,
                (last, *ACTIVE, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield row["name"], row["bytes"]
            last = rows[-1]["seq"]

    def forget(self, names: list[str]) -> None:
        with self._database.write() as db:
            db.executemany("DELETE FROM images WHERE name = ?", [(n,) for n in names])

    def reconcile(self, on_disk: list[tuple[str, int, float]]) -> list[str]:
        """Make the index match the folder, once at start-up (never per save).

        Returns the names of orphans to delete: files of a known book that nothing
        references, left by a crash between writing a file and recording it. Other
        unknown files (older installs, copies) are indexed so retention counts them.
        """
        present = {name: (size, mtime) for name, size, mtime in on_disk}
        with self._database.write() as db:
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
            db.executemany(
                "INSERT INTO images (name, book_id, bytes, kind) VALUES (?, ?, ?, ?)",
                [(*row, _kind_of(row[0])) for row in adopted],
            )
        return orphans

    def owner_of(self, name: str) -> str | None:
        """Whose the saved picture ``name`` is: its book's owner, or for a picture of no book
        its own owner (None: nobody's, kept from an older install)."""
        row = (
            self._database.connection()
            .execute(
                "SELECT COALESCE(b.owner, i.owner) FROM images i"
                " LEFT JOIN books b ON b.id = i.book_id WHERE i.name = ?",
                (name,),
            )
            .fetchone()
        )
        return row[0] if row is not None else None

    def add_loose(self, image: SavedImage, owner: str) -> None:
        """Index a picture of no book, ``owner``'s; retention may take it like a page."""
        with self._database.write() as db:
            db.execute(
                "INSERT INTO images (name, book_id, bytes, kind, owner) VALUES (?, NULL, ?, ?, ?)",
                (image.name, image.bytes, "page", owner),
            )

    def owned(
        self, owner: str, limit: int, before: int | None = None
    ) -> list[tuple[int, str, int]]:
        """``owner``'s saved pictures (of their books, and of none), newest first, as
        (seq, name, bytes); ``before``: only those older than that seq. A picture nobody
        owns (older installs) is the local user's."""
        db = self._database.connection()
        rows = db.execute(
            """
            SELECT i.seq, i.name, i.bytes FROM images i LEFT JOIN books b ON b.id = i.book_id
            WHERE COALESCE(b.owner, i.owner, ?) = ? AND i.seq < ?
            ORDER BY i.seq DESC LIMIT ?
            """,
            (LOCAL_USER.id, owner, before if before is not None else 2**62, limit),
        ).fetchall()
        return [(row[0], row[1], row[2]) for row in rows]

    def remove_loose(self, owner: str) -> list[str]:
        """Drop ``owner``'s pictures of no book from the index; return their names."""
        with self._database.write() as db:
            names = [
                r[0]
                for r in db.execute(
                    "SELECT name FROM images WHERE book_id IS NULL AND owner = ?", (owner,)
                )
            ]
            db.execute("DELETE FROM images WHERE book_id IS NULL AND owner = ?", (owner,))
        return names

    @staticmethod
    def replace(
        db: sqlite3.Connection, book_id: str, old: str | None, new: SavedImage | None
    ) -> None:
        """In the caller's transaction: a picture ``old`` (page or sheet) gave way to ``new``."""
        if old:
            db.execute("DELETE FROM images WHERE name = ?", (old,))
        if new is not None:
            db.execute(
                "INSERT INTO images (name, book_id, bytes, kind) VALUES (?, ?, ?, ?)",
                (new.name, book_id, new.bytes, _kind_of(new.name)),
            )

    @staticmethod
    def remove_book(db: sqlite3.Connection, book_id: str) -> list[str]:
        """In the caller's transaction: drop a book's images from the index; return them."""
        names = [r[0] for r in db.execute("SELECT name FROM images WHERE book_id = ?", (book_id,))]
        db.execute("DELETE FROM images WHERE book_id = ?", (book_id,))
        return names
