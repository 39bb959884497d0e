"""The job store's schema, as an ordered list of numbered migrations.

SQLite's ``PRAGMA user_version`` says which migrations a file has had. Opening a store
applies the missing ones in order, each in its own IMMEDIATE transaction that also sets
``user_version``, so a crash or a second process opening the same home at the same time
leaves the file at one version or the next, never in between. A file newer than the last
migration here is refused: this code cannot know what the newer one changed.

Versions 1 and 2 are the schemas the code before issue 11 made (commits 14cd733 and
dd7dd42); a file it made, at version 2, goes on from 3. That code sets ``user_version``
back to 2 whenever it opens a file, so every migration after 2 must also hold when run
again over its own result (``IF NOT EXISTS``, columns added only when missing, rows filled
only when empty).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from storyillus._exceptions import StoreError
from storyillus.casting import cast_for
from storyillus.domain import StoryRequest
from storyillus.store._database import Database, dumps
from storyillus.writing.staging import legacy_book_model


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...] = ()
    """SQL run in order (one statement each: a transaction cannot run a script)."""
    step: Callable[[sqlite3.Connection], None] | None = None
    """Python run after the statements, in the same transaction, for changes SQL cannot make."""


def _upload_references_by_name(db: sqlite3.Connection) -> None:
    # Until version 4 a book kept its reference picture as an absolute path, so a home that
    # was moved or restored elsewhere lost it. Every such path the app wrote is in the
    # home's uploads folder (store_picture), so its file name is enough.
    for row in db.execute("SELECT id, request FROM books").fetchall():
        request = json.loads(row[1])
        character = request.get("character") or {}
        path = character.get("imagePath")
        if path and PurePath(path).parent.name == "uploads":
            character["imagePath"] = PurePath(path).name
            db.execute("UPDATE books SET request = ? WHERE id = ?", (dumps(request), row[0]))


def _add_column(db: sqlite3.Connection, table: str, column: str, kind: str) -> None:
    """``ALTER TABLE ... ADD COLUMN``, unless a previous run of the migration added it."""
    if column.strip('"') not in {row[1] for row in db.execute(f"PRAGMA table_xinfo({table})")}:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def _sheets(db: sqlite3.Connection) -> None:
    # Books made before sheets were approved by being made; pictures before were pages.
    _add_column(db, "books", "approved", "INTEGER NOT NULL DEFAULT 1")
    _add_column(db, "images", "kind", "TEXT NOT NULL DEFAULT 'page'")


def _owners(db: sqlite3.Connection) -> None:
    # Everything made before accounts belongs to the single local user.
    _add_column(db, "books", "owner", "TEXT NOT NULL DEFAULT 'local'")
    db.execute("CREATE INDEX IF NOT EXISTS books_by_owner ON books(owner, created_at, id)")


def _book_model(db: sqlite3.Connection) -> None:
    # Books made before the book model get the setting, the cast and each page's place and
    # characters derived from what they have: the request, the seed and each page's words.
    # The cast is the one a new book with that character and seed would get, without the
    # reference picture's colour (the picture may be gone, and its folder is not known here).
    # CAST is an SQL keyword: the column is written "cast" in every statement.
    for table, column in (
        ("books", "setting"),
        ("books", '"cast"'),
        ("pages", "place"),
        ("pages", "characters"),
    ):
        _add_column(db, table, column, "TEXT")
    books = db.execute(
        'SELECT id, request, seed FROM books WHERE setting IS NULL OR "cast" IS NULL'
        " OR id IN (SELECT book_id FROM pages WHERE place IS NULL OR characters IS NULL)"
    ).fetchall()
    for book_id, request_text, seed in books:
        request = StoryRequest.from_json(json.loads(request_text))
        cast = cast_for(request.character, seed)
        pages = db.execute(
            "SELECT number, text, scene FROM pages WHERE book_id = ? ORDER BY number", (book_id,)
        ).fetchall()
        setting, staged = legacy_book_model(request, cast, [(p[1], p[2]) for p in pages])
        db.execute(
            'UPDATE books SET setting = ?, "cast" = ? WHERE id = ?',
            (setting, dumps([member.to_json() for member in cast]), book_id),
        )
        db.executemany(
            "UPDATE pages SET place = ?, characters = ? WHERE book_id = ? AND number = ?",
            [
                (place, dumps(list(characters)), book_id, page[0])
                for page, (place, characters) in zip(pages, staged, strict=True)
            ],
        )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "books, pages, jobs, per-page results and the image index",
        (
            """CREATE TABLE IF NOT EXISTS books (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    request TEXT NOT NULL,
    seed INTEGER NOT NULL,
    writer TEXT NOT NULL,
    model TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL
)""",
            """CREATE TABLE IF NOT EXISTS pages (
    book_id TEXT NOT NULL REFERENCES books(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    scene TEXT NOT NULL,
    illustration TEXT,
    PRIMARY KEY (book_id, number)
)""",
            """CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL REFERENCES books(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)""",
            "CREATE INDEX IF NOT EXISTS jobs_by_book ON jobs(book_id)",
            "CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs(status)",
            """CREATE TABLE IF NOT EXISTS results (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    page_number INTEGER NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    illustration TEXT,
    error TEXT,
    finished_at REAL,
    PRIMARY KEY (job_id, page_number)
)""",
            # Saved images, oldest first by seq: retention reads the oldest few and the
            # totals, never the whole folder.
            """CREATE TABLE IF NOT EXISTS images (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    book_id TEXT,
    bytes INTEGER NOT NULL
)""",
            "CREATE INDEX IF NOT EXISTS images_by_book ON images(book_id)",
            """CREATE TABLE IF NOT EXISTS image_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    files INTEGER NOT NULL,
    bytes INTEGER NOT NULL
)""",
            "INSERT OR IGNORE INTO image_totals VALUES (1, 0, 0)",
            """CREATE TRIGGER IF NOT EXISTS images_added AFTER INSERT ON images BEGIN
    UPDATE image_totals SET files = files + 1, bytes = bytes + NEW.bytes WHERE id = 1;
END""",
            """CREATE TRIGGER IF NOT EXISTS images_removed AFTER DELETE ON images BEGIN
    UPDATE image_totals SET files = files - 1, bytes = bytes - OLD.bytes WHERE id = 1;
END""",
        ),
    ),
    Migration(
        2,
        "what writing the story cost, and the writer's notes",
        (
            "ALTER TABLE books ADD COLUMN story_usage TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE books ADD COLUMN notes TEXT NOT NULL DEFAULT '[]'",
        ),
    ),
    Migration(
        3,
        "jobs indexed by (book_id, status)",
        # Retention asks "has this book a running job?" for every candidate. Commit a4d1a82
        # made this change at version 2 without a new number, so a version-2 file may have
        # either index: hence IF EXISTS / IF NOT EXISTS.
        (
            "DROP INDEX IF EXISTS jobs_by_book",
            "CREATE INDEX IF NOT EXISTS jobs_by_book_status ON jobs(book_id, status)",
        ),
    ),
    Migration(
        4,
        "reference pictures kept by file name in the uploads folder",
        step=_upload_references_by_name,
    ),
    Migration(
        5,
        "the book model: a book's setting and cast, each page's place and characters",
        step=_book_model,
    ),
    Migration(
        6,
        "books indexed newest first, for the paged library",
        ("CREATE INDEX IF NOT EXISTS books_newest ON books(created_at, id)",),
    ),
    Migration(
        7,
        "character sheets: a book waits for its sheets' approval; sheets are never pruned",
        step=_sheets,
    ),
    Migration(
        8,
        "accounts: users, their API tokens (hashed), and an owner for every book and upload",
        (
            """CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    iss TEXT,
    sub TEXT,
    email TEXT,
    name TEXT,
    created_at REAL NOT NULL,
    UNIQUE (iss, sub)
)""",
            "CREATE INDEX IF NOT EXISTS users_by_email ON users(email)",
            """CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    prefix TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_used_at REAL
)""",
            "CREATE INDEX IF NOT EXISTS tokens_by_user ON tokens(user_id)",
            # Uploaded reference pictures by file name; a file with no row is the local user's
            # (uploaded before accounts).
            """CREATE TABLE IF NOT EXISTS uploads (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    created_at REAL NOT NULL
)""",
            "CREATE INDEX IF NOT EXISTS uploads_by_owner ON uploads(owner)",
        ),
        step=_owners,
    ),
    Migration(
        9,
        "pictures of no book have an owner; picture descriptions cached by the picture's hash",
        (
            # Pictures the seed's single-picture endpoints draw belong to no book: their
            # owner is the caller (NULL for a book's pictures, whose owner is the book's).
            # Nullable, so ADD COLUMN is cheap and a run again over its result is harmless.
            """CREATE TABLE IF NOT EXISTS descriptors (
    owner TEXT NOT NULL,
    hash TEXT NOT NULL,
    model TEXT NOT NULL,
    descriptor TEXT NOT NULL,
    confidence REAL NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (owner, hash, model)
)""",
        ),
        step=lambda db: _add_column(db, "images", "owner", "TEXT"),
    ),
)
LATEST = MIGRATIONS[-1].version


def migrate(database: Database) -> int:
    """Apply the migrations ``database`` lacks; return the version it was at.

    Raises StoreError if the file is newer than this code.
    """
    found = _version(database.connection())
    _refuse_newer(database, found)
    version = found
    while version < LATEST:
        with database.write() as db:
            # Read again inside the lock: another process may have migrated meanwhile.
            version = _version(db)
            _refuse_newer(database, version)
            if version < LATEST:
                migration = MIGRATIONS[version]  # versions run 1, 2, 3...: the next one
                for statement in migration.statements:
                    db.execute(statement)
                if migration.step is not None:
                    migration.step(db)
                db.execute(f"PRAGMA user_version = {migration.version}")
                version = migration.version
    return found


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _refuse_newer(database: Database, version: int) -> None:
    if version > LATEST:
        raise StoreError(
            f"The job store {database.path} was made by a newer storyillus (schema version"
            f" {version}; this one knows up to {LATEST}): update storyillus to open it."
        )
