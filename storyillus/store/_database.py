"""The job store's SQLite file: one connection per thread, write transactions, closing,
and the JSON text the store keeps in its columns.

SQLite connections must not be shared across threads, so each thread gets its own; WAL
mode lets pages poll while workers write. Every write goes through ``write()``, one
IMMEDIATE transaction, so a change that must hold together is all there or not at all.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from storyillus.domain import Illustration


class Database:
    """One SQLite file, opened lazily once per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._lock = threading.Lock()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, for reads (and writes inside ``write()``)."""
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
                self._connections.append((threading.current_thread(), db))
        return db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        db = self.connection()
        # IMMEDIATE takes the write lock up front, so two writers never deadlock
        # upgrading read locks.
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        """Close this thread's connection and those of threads that have ended.

        A thread still at work (a picture being drawn while the engine stops) keeps its
        own: closing a connection in the middle of another thread's query can crash the
        whole process. It is closed when that thread lets go of it.
        """
        with self._lock:
            for thread, db in self._connections:
                if thread is threading.current_thread() or not thread.is_alive():
                    # A connection made in a thread that has ended may refuse; nothing is lost.
                    with contextlib.suppress(sqlite3.ProgrammingError):
                        db.close()
            self._connections.clear()
        self._local = threading.local()


def dumps(value: object) -> str:
    """JSON as the store keeps it: compact, and non-ASCII letters as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def illustration_from(text: str | None) -> Illustration | None:
    """A page's or a result's picture, from its column (NULL: none yet)."""
    return Illustration.from_json(json.loads(text)) if text else None
