"""Descriptions of reference pictures, kept by the picture's SHA-256 and the model that wrote
them, per owner: analysing the same picture again costs no model call."""

from __future__ import annotations

import time
from dataclasses import dataclass

from storyillus.store._database import Database


@dataclass(frozen=True)
class Descriptor:
    """One paragraph of a picture's visible look, and how sure its writer was (0..1)."""

    hash: str
    model: str
    descriptor: str
    confidence: float


class Descriptors:
    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, owner: str, hash_: str, model: str) -> Descriptor | None:
        row = (
            self._database.connection()
            .execute(
                "SELECT descriptor, confidence FROM descriptors"
                " WHERE owner = ? AND hash = ? AND model = ?",
                (owner, hash_, model),
            )
            .fetchone()
        )
        return Descriptor(hash_, model, row[0], float(row[1])) if row is not None else None

    def put(self, owner: str, found: Descriptor) -> None:
        with self._database.write() as db:
            db.execute(
                "INSERT OR REPLACE INTO descriptors"
                " (owner, hash, model, descriptor, confidence, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (owner, found.hash, found.model, found.descriptor, found.confidence, time.time()),
            )

    def forget(self, owner: str) -> None:
        with self._database.write() as db:
            db.execute("DELETE FROM descriptors WHERE owner = ?", (owner,))
