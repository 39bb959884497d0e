"""Books and their pages in the job store, and where a book's reference picture is.

A reference picture in the home's uploads folder is kept by file name and found in the
current uploads folder when read, so a home that is moved or restored elsewhere keeps its
pictures; ``Character.image_path`` stays an absolute path for everyone else.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from storyillus._exceptions import NotFound
from storyillus.domain import Book, CastMember, Illustration, Page, StoryRequest
from storyillus.storage.files import ImageFiles
from storyillus.store._database import Database, dumps, illustration_from


class Books:
    def __init__(self, database: Database, uploads_dir: Path) -> None:
        self._database = database
        self._uploads_dir = uploads_dir

    # -- reading -----------------------------------------------------------------

    def get(self, book_id: str) -> Book:
        db = self._database.connection()
        row = db.execute("SELECT * FROM books WHERE id = ?", (book_id,)).fetchone()
        if row is None:
            raise NotFound(f"No book with id {book_id!r}.")
        pages = db.execute(
            "SELECT * FROM pages WHERE book_id = ? ORDER BY number", (book_id,)
        ).fetchall()
        return self._book(row, pages)

    def newest_first(self, owner: str | None = None) -> list[Book]:
        """Every book (of ``owner``, when given), newest first."""
        db = self._database.connection()
        where, args = ("WHERE owner = ?", (owner,)) if owner is not None else ("", ())
        rows = db.execute(
            f"SELECT * FROM books {where} ORDER BY created_at DESC, rowid DESC", args
        ).fetchall()
        pages: dict[str, list[sqlite3.Row]] = {}
        for page in db.execute(
            "SELECT * FROM pages WHERE book_id IN"
            f" (SELECT id FROM books {where}) ORDER BY book_id, number",
            args,
        ):
            pages.setdefault(page["book_id"], []).append(page)
        return [self._book(row, pages.get(row["id"], [])) for row in rows]

    def count_since(self, owner: str, since: float) -> tuple[int, float | None]:
        """How many books ``owner`` made since ``since``, and when the oldest of them was."""
        row = (
            self._database.connection()
            .execute(
                "SELECT COUNT(*), MIN(created_at) FROM books WHERE owner = ? AND created_at > ?",
                (owner, since),
            )
            .fetchone()
        )
        return int(row[0]), row[1]

    def page(
        self, limit: int, after: tuple[float, str] | None = None, owner: str | None = None
    ) -> list[Book]:
        """At most ``limit`` books (of ``owner``, when given), newest first by (created_at,
        id), older than ``after`` (the (created_at, id) of the last book of the page before):
        keyset paging."""
        db = self._database.connection()
        conditions, args = [], []
        if owner is not None:
            conditions.append("owner = ?")
            args.append(owner)
        if after:
            conditions.append("(created_at, id) < (?, ?)")
            args.extend(after)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = db.execute(
            f"SELECT * FROM books {where} ORDER BY created_at DESC, id DESC LIMIT ?",
            (*args, limit),
        ).fetchall()
        ids = [row["id"] for row in rows]
        pages: dict[str, list[sqlite3.Row]] = {}
        marks = ", ".join("?" * len(ids))
        for page in db.execute(
            f"SELECT * FROM pages WHERE book_id IN ({marks}) ORDER BY book_id, number", ids
        ):
            pages.setdefault(page["book_id"], []).append(page)
        return [self._book(row, pages.get(row["id"], [])) for row in rows]

    def _book(self, row: sqlite3.Row, pages: list[sqlite3.Row]) -> Book:
        return Book(
            id=row["id"],
            title=row["title"],
            request=StoryRequest.from_json(self._request_read(json.loads(row["request"]))),
            setting=row["setting"],
            cast=tuple(CastMember.from_json(member) for member in json.loads(row["cast"])),
            pages=tuple(
                Page(
                    number=p["number"],
                    text=p["text"],
                    scene=p["scene"],
                    place=p["place"],
                    characters=tuple(json.loads(p["characters"])),
                    illustration=illustration_from(p["illustration"]),
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
            approved=bool(row["approved"]),
            owner=row["owner"],
        )

    # -- writing -----------------------------------------------------------------

    def add(self, book: Book) -> None:
        with self._database.write() as db:
            db.execute(
                'INSERT INTO books (id, title, request, setting, "cast", seed, writer, model,'
                " pinned, created_at, story_usage, notes, approved, owner)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    book.id,
                    book.title,
                    dumps(self._request_kept(book.request.to_json())),
                    book.setting,
                    dumps([member.to_json() for member in book.cast]),
                    book.seed,
                    book.writer,
                    book.model,
                    int(book.pinned),
                    book.created_at,
                    dumps(book.usage),
                    dumps(list(book.notes)),
                    int(book.approved),
                    book.owner,
                ),
            )
            db.executemany(
                "INSERT INTO pages (book_id, number, text, scene, place, characters)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (book.id, p.number, p.text, p.scene, p.place, dumps(list(p.characters)))
                    for p in book.pages
                ],
            )

    def set_page_text(self, book_id: str, number: int, text: str) -> None:
        with self._database.write() as db:
            changed = db.execute(
                "UPDATE pages SET text = ? WHERE book_id = ? AND number = ?",
                (text, book_id, number),
            ).rowcount
        if not changed:
            raise NotFound(f"No page {number} in book {book_id!r}.")

    def set_pinned(self, book_id: str, pinned: bool) -> None:
        with self._database.write() as db:
            changed = db.execute(
                "UPDATE books SET pinned = ? WHERE id = ?", (int(pinned), book_id)
            ).rowcount
        if not changed:
            raise NotFound(f"No book with id {book_id!r}.")

    def set_approved(self, book_id: str) -> None:
        """The parent approved the sheets: pages may be drawn."""
        with self._database.write() as db:
            if not db.execute("UPDATE books SET approved = 1 WHERE id = ?", (book_id,)).rowcount:
                raise NotFound(f"No book with id {book_id!r}.")

    def add_note(self, book_id: str, note: str) -> None:
        """Say on the book what happened on the way (once: a note already there is kept)."""
        with self._database.write() as db:
            row = db.execute("SELECT notes FROM books WHERE id = ?", (book_id,)).fetchone()
            if row is None:
                raise NotFound(f"No book with id {book_id!r}.")
            notes = json.loads(row[0])
            if note not in notes:
                db.execute(
                    "UPDATE books SET notes = ? WHERE id = ?", (dumps([*notes, note]), book_id)
                )

    def set_member(self, book_id: str, member: CastMember) -> None:
        """Replace the cast member of the same name (a corrected description or look)."""
        with self._database.write() as db:
            Books._change_member(db, book_id, member.name, lambda _: member.to_json())

    @staticmethod
    def set_sheet(db: sqlite3.Connection, book_id: str, name: str, url: str) -> str | None:
        """In the caller's transaction: give a cast member its sheet; return the replaced image."""
        replaced: list[str | None] = []

        def change(member: dict[str, Any]) -> dict[str, Any]:
            replaced.append(ImageFiles.name_from_url(member.get("sheet")))
            return member | {"sheet": url}

        Books._change_member(db, book_id, name, change)
        return replaced[0]

    @staticmethod
    def set_picture_refused(db: sqlite3.Connection, book_id: str, name: str) -> None:
        """In the caller's transaction: a model refused this member's picture."""
        Books._change_member(db, book_id, name, lambda m: m | {"pictureRefused": True})

    @staticmethod
    def _change_member(
        db: sqlite3.Connection,
        book_id: str,
        name: str,
        change: Callable[[dict[str, Any]], dict[str, Any]],
    ) -> None:
        row = db.execute('SELECT "cast" FROM books WHERE id = ?', (book_id,)).fetchone()
        if row is None:
            raise NotFound(f"No book with id {book_id!r}.")
        cast = json.loads(row[0])
        if not any(member["name"] == name for member in cast):
            raise NotFound(f"Nobody called {name!r} is in book {book_id!r}.")
        cast = [change(member) if member["name"] == name else member for member in cast]
        db.execute('UPDATE books SET "cast" = ? WHERE id = ?', (dumps(cast), book_id))

    @staticmethod
    def set_illustration(
        db: sqlite3.Connection, book_id: str, number: int, illustration: Illustration
    ) -> str | None:
        """In the caller's transaction: give a page its picture; return the replaced image."""
        previous = db.execute(
            "SELECT illustration FROM pages WHERE book_id = ? AND number = ?", (book_id, number)
        ).fetchone()
        db.execute(
            "UPDATE pages SET illustration = ? WHERE book_id = ? AND number = ?",
            (dumps(illustration.to_json()), book_id, number),
        )
        if previous and previous[0]:
            return ImageFiles.name_from_url(json.loads(previous[0]).get("localUrl"))
        return None

    @staticmethod
    def remove(db: sqlite3.Connection, book_id: str) -> bool:
        """In the caller's transaction: remove a book, its pages and its jobs."""
        return bool(db.execute("DELETE FROM books WHERE id = ?", (book_id,)).rowcount)

    # -- reference pictures ------------------------------------------------------

    def _request_kept(self, request: dict[str, Any]) -> dict[str, Any]:
        """The request as stored: a picture in the uploads folder by its file name."""
        character = request["character"]
        for person in (character, *character.get("siblings", ())):
            path = person.get("imagePath")
            if path and Path(path).parent.resolve() == self._uploads_dir.resolve():
                person["imagePath"] = Path(path).name
            elif path:
                # Anywhere else, absolute: a bare name reads back as a file in the uploads folder.
                person["imagePath"] = str(Path(path).resolve())
        return request

    def _request_read(self, request: dict[str, Any]) -> dict[str, Any]:
        """The request as read: a bare file name is a picture in today's uploads folder."""
        character = request["character"]
        for person in (character, *character.get("siblings", ())):
            reference = person.get("imagePath")
            if reference and PurePath(reference).name == reference:
                person["imagePath"] = str(self._uploads_dir / reference)
        return request
