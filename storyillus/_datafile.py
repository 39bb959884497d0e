"""Reading a vocabulary's TOML file so that a broken entry can name its line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

from storyillus._exceptions import VocabularyError

_TOML_LINE = re.compile(r"at line (\d+)")
T = TypeVar("T")


def read_entries(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The file's top-level tables and the line each one starts at.

    A file TOML cannot read raises ``VocabularyError`` with the line TOML names.
    """
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Python 3.11's error has no line attribute: the line is only in its message.
        match = _TOML_LINE.search(str(error))
        line = int(match.group(1)) if match else None
        raise VocabularyError(f"{path}, line {line}: {error}", str(path), line) from None
    return data, _entry_lines(text)


def _entry_lines(text: str) -> dict[str, int]:
    """The line of each top-level entry: its table header or its ``key = {...}`` line."""
    lines: dict[str, int] = {}
    in_table = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            in_table = True
            header = stripped
        elif not in_table and "=" in stripped and not stripped.startswith("#"):
            header = stripped.split("=", 1)[0] + "= 0"
        else:
            continue
        try:
            # tomllib itself reads the key, so quoted and dotted names come out right.
            key = next(iter(tomllib.loads(header)), None)
        except tomllib.TOMLDecodeError:
            continue
        if key is not None:
            lines.setdefault(key, number)
    return lines


class Entries(Generic[T]):
    """A vocabulary's entries by name, in file order: counted, iterated, looked up."""

    def __init__(self, entries: dict[str, T], path: str = "") -> None:
        self.path = path
        self._entries = entries

    @property
    def names(self) -> tuple[str, ...]:
        """Every entry's name, in file order."""
        return tuple(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[T]:
        return iter(self._entries.values())

    def __contains__(self, name: object) -> bool:
        return name in self._entries


def failure(path: Path, line: int | None, what: str, message: str) -> VocabularyError:
    """The error for a broken entry: file, line, which entry and what is wrong."""
    where = f"{path}, line {line}" if line else str(path)
    return VocabularyError(f"{where}: {what}: {message}", str(path), line)
