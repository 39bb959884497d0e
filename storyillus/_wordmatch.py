"""Finding a vocabulary's words and phrases in a story's text, with simple inflections.

The things (``storyillus.things``) and the poses (``storyillus.poses``) are both lists of
phrases a text may name: "treasure map", "rides a bike", "sleeps". A ``PhraseIndex`` finds
them left to right, the longest phrase first ("treasure map" before "map"), and lets a word
of the text stand for its plain form ("eggs", "sleeping", "carried", "shelves").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")

_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiou")
MIN_STEM = 3
"""A stem shorter than this is not a word ("ring" is not "r" + "ing", "seed" not "se" + "ed")."""


def words(text: str) -> list[str]:
    """The text's words, lowercase; "baker's" reads as "bakers"."""
    return _LETTERS.findall((text or "").casefold().replace("'", "").replace("\u2019", ""))


def forms(word: str) -> tuple[str, ...]:
    """The word and the plain forms it may inflect: plurals, -ing, -ed and the third person.

    Over-generating is harmless: a form only counts when the vocabulary lists it.
    """
    found = [word]

    def add(stem: str) -> None:
        if len(stem) >= MIN_STEM and stem not in found:
            found.append(stem)

    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        if word.endswith("ies"):
            add(word[:-3] + "y")
        if word.endswith("ves"):
            add(word[:-3] + "f")
            add(word[:-3] + "fe")
        if word.endswith("es"):
            add(word[:-2])
        add(word[:-1])
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            if suffix == "ed" and stem.endswith("i"):
                add(stem[:-1] + "y")  # carried -> carry
            add(stem)
            add(stem + "e")  # riding -> ride, waved -> wave
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                add(stem[:-1])  # swimming -> swim, hugged -> hug
    return tuple(found)


class PhraseIndex(Generic[T]):
    """Phrases (tuples of plain words) mapped to values, found in texts longest first."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._values: dict[tuple[str, ...], T] = {}
        for phrase, value in phrases:
            self._values[tuple(phrase.split())] = value
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self._values, key=len, reverse=True):
            self._by_first.setdefault(phrase[0], []).append(phrase)

    def find(self, text: str) -> list[tuple[int, T]]:
        """Every phrase the text names as (word position, value), left to right.

        A word belongs to one phrase only: "a treasure map" finds the map, not a treasure too.
        """
        return [(start, value) for start, _, value in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int, T]]:
        """Every phrase the text names as (first word, word after the last, value)."""
        word_forms = [forms(word) for word in words(text)]
        found: list[tuple[int, int, T]] = []
        i = 0
        while i < len(word_forms):
            phrase = self._longest_at(word_forms, i)
            if phrase is None:
                i += 1
                continue
            found.append((i, i + len(phrase), self._values[phrase]))
            i += len(phrase)
        return found

    def _longest_at(self, word_forms: list[tuple[str, ...]], i: int) -> tuple[str, ...] | None:
        best: tuple[str, ...] | None = None
        for form in word_forms[i]:
            for phrase in self._by_first.get(form, ()):
                if best is not None and len(phrase) <= len(best):
                    break
                if i + len(phrase) <= len(word_forms) and all(
                    word in word_forms[i + k] for k, word in enumerate(phrase)
                ):
                    best = phrase
                    break
        return best
