"""Saved illustrations under ``generated/``: atomic writes, names and URLs."""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

URL_PREFIX = "/generated/"
_TEMPORARY_PREFIX = ".tmp-"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.png$")
_BOOK_IN_NAME = re.compile(r"-([0-9a-f]{32})-[pc]\d+-")
SHEET_PREFIX = "sheet-"
"""Sheets are ``sheet-<book>-cNN-<random>.png``; pages ``<provider>-<book>-pNN-<random>.png``."""


@dataclass(frozen=True)
class SavedImage:
    name: str
    bytes: int

    @property
    def url(self) -> str:
        return URL_PREFIX + self.name


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    The temporary file sits in the same folder (``os.replace`` is atomic only within
    one file system) and carries a prefix that start-up cleaning recognises.
    """
    temporary = path.with_name(f"{_TEMPORARY_PREFIX}{secrets.token_hex(6)}-{path.name}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class ImageFiles:
    """The folder of saved illustrations."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def save(self, png: bytes, provider: str, book_id: str, page_number: int) -> SavedImage:
        """Write one illustration under a fresh seed-style name and return it."""
        slug = re.sub(r"[^a-z0-9]+", "-", provider.lower()).strip("-") or "image"
        return self._write(png, f"{slug}-{book_id}-p{page_number:02d}")

    def save_sheet(self, png: bytes, book_id: str, member_number: int) -> SavedImage:
        """Write the character sheet of cast member ``member_number`` (1 is the hero)."""
        return self._write(png, f"{SHEET_PREFIX[:-1]}-{book_id}-c{member_number:02d}")

    def save_loose(self, png: bytes, provider: str) -> SavedImage:
        """Write a picture of no book (the seed's single-picture endpoints)."""
        slug = re.sub(r"[^a-z0-9]+", "-", provider.lower()).strip("-") or "image"
        return self._write(png, f"{slug}-loose")

    def _write(self, png: bytes, stem: str) -> SavedImage:
        name = f"{stem}-{secrets.token_hex(4)}.png"
        write_atomically(self.directory / name, png)
        return SavedImage(name=name, bytes=len(png))

    def path_for(self, name: str) -> Path | None:
        """The file behind a saved image's name, or None for anything that is not one."""
        if not _SAFE_NAME.match(name):
            return None
        path = self.directory / name
        return path if path.is_file() else None

    def path_for_url(self, url: str | None) -> Path | None:
        """The file behind a ``/generated/...`` URL, if it still exists."""
        name = self.name_from_url(url)
        return self.path_for(name) if name else None

    @staticmethod
    def url_for(name: str) -> str:
        return URL_PREFIX + name

    @staticmethod
    def name_from_url(url: str | None) -> str | None:
        if not url or not url.startswith(URL_PREFIX):
            return None
        name = url[len(URL_PREFIX) :]
        return name if _SAFE_NAME.match(name) else None

    @staticmethod
    def book_id_from_name(name: str) -> str | None:
        """The book a saved image belongs to, read from its name (for re-indexing)."""
        match = _BOOK_IN_NAME.search(name)
        return match.group(1) if match else None

    def delete(self, names: list[str]) -> None:
        for name in names:
            if _SAFE_NAME.match(name):
                (self.directory / name).unlink(missing_ok=True)

    def scan(self) -> list[tuple[str, int, float]]:
        """Every saved image as (name, size, mtime); used once at start-up, never per save."""
        found = []
        with os.scandir(self.directory) as entries:
            for entry in entries:
                if entry.is_file() and _SAFE_NAME.match(entry.name):
                    stat = entry.stat()
                    found.append((entry.name, stat.st_size, stat.st_mtime))
        return found

    def remove_temporary(self) -> int:
        """Delete half-written files left by a crash; returns how many."""
        removed = 0
        with os.scandir(self.directory) as entries:
            for entry in entries:
                if entry.name.startswith(_TEMPORARY_PREFIX):
                    Path(entry.path).unlink(missing_ok=True)
                    removed += 1
        if removed:
            log.info("Removed %d half-written file(s) left by an earlier crash.", removed)
        return removed
