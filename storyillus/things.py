"""The vocabulary of things: what a story's words name that the offline illustrator can draw.

The things live in ``storyillus/data/things.toml`` (its header explains each field); this
module loads and validates them once and answers which things a text names (``mentions``),
longest phrase first ("treasure map" before "map") and with plurals ("eggs", "puppies").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyillus._datafile import Entries, failure, read_entries
from storyillus._exceptions import VocabularyError
from storyillus._wordmatch import PhraseIndex, words

THINGS_FILE = Path(__file__).parent / "data" / "things.toml"

FIELDS = ("synonyms", "sits", "size", "aspect", "drawing")
SITS = ("ground", "sky", "water", "held")
"""Where a thing is drawn: on the ground, up in the sky, in the water when the page has water
(else on the ground), or in the hero's hand when the hero holds or carries something (else
on the ground)."""
SIZE_RANGE = (0.05, 2.0)
ASPECT_RANGE = (0.2, 4.0)

_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")

DrawFn = Callable[..., None]
"""``draw(pen, x, y, s, m)``: ``(x, y)`` the middle of the bottom edge, ``s`` the height."""


@dataclass(frozen=True)
class Thing:
    """One drawable thing."""

    name: str
    synonyms: tuple[str, ...]
    sits: str
    """One of ``SITS``."""
    size: float
    """Height against the hero's height, when standing level with the hero."""
    aspect: float
    """Width over height."""
    drawing: str
    """The name of its drawing function in the offline illustrator."""
    draw: DrawFn


class Things(Entries[Thing]):
    """All things of one data file, indexed by every name and synonym."""

    def __init__(self, things: list[Thing], path: str = "") -> None:
        super().__init__({thing.name: thing for thing in things}, path)
        self._things = self._entries
        self._index: PhraseIndex[Thing] = PhraseIndex(
            (phrase, thing) for thing in things for phrase in (thing.name, *thing.synonyms)
        )

    def __getitem__(self, name: str) -> Thing:
        return self._things[name]

    def lookup(self, phrase: str) -> Thing | None:
        """The thing a word or phrase names on its own ("kittens", "treasure map")."""
        found = self._index.find(phrase)
        if len(found) == 1 and found[0][0] == 0:
            return found[0][1]
        return None

    def spans(self, text: str) -> list[tuple[int, int, Thing]]:
        """Where the text names things: (first word, word after the last, thing), the words
        counted as ``storyillus._wordmatch.words`` counts them."""
        return self._index.spans(text)

    def present(self, text: str) -> list[Thing]:
        """The things the text names as there to be seen (``present_text``): not "Still no
        crown", "the egg was missing", "Where could its mother be?"."""
        return self.mentions(present_text(text))

    def mentions(self, text: str) -> list[Thing]:
        """The things the text names, in order of first mention, without repeats."""
        found: list[Thing] = []
        for _, thing in self._index.find(text):
            if thing not in found:
                found.append(thing)
        return found


# What a picture must not show: a question that asks where something is, a clause that says
# it is not there, and whatever follows "no" or "without" in its clause...
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_CLAUSE = re.compile(r"[^.,;:!?]+[.,;:!?]*")
_SEEKING = re.compile(r"^\W*(where|which way)\b", re.IGNORECASE)
_NOT_THERE = re.compile(
    r"\b(not (there|here|anywhere|in sight)|nowhere|no sign of"
    r"|(was|were|is|are)( still)? (missing|gone))\b",
    re.IGNORECASE,
)
# ...and whatever is still being looked for: "searches for the crown", "had to find it".
_NONE = re.compile(
    r"\b(no|without|never|where|to find|(look|search|hunt)(s|es|ed|ing)? for)\b", re.IGNORECASE
)


def present_text(text: str) -> str:
    """``text`` without what it says is absent or still sought, so that only what is there
    gets drawn: "Still no crown!", "But the elephant's mother was not there." and "Mia
    searches for the crown" name nothing to draw, "a bike without training wheels" names
    the bike."""
    kept: list[str] = []
    for sentence in _SENTENCE.findall(text):
        if sentence.rstrip().endswith("?") and _SEEKING.match(sentence):
            continue
        for clause in _CLAUSE.findall(sentence):
            if _NOT_THERE.search(clause):
                continue
            none = _NONE.search(clause)
            kept.append(clause[: none.start()] if none else clause)
    return " ".join(kept)


@functools.cache
def things() -> Things:
    """The packaged vocabulary, loaded and validated on first use."""
    return load_things(THINGS_FILE)


def load_things(path: str | Path) -> Things:
    """Load and validate a things file; a broken entry raises ``VocabularyError``."""
    # Imported here: the drawings' module asks this one which things a text names.
    from storyillus.illustration._offline_props import DRAWINGS

    path = Path(path)
    data, lines = read_entries(path)
    claimed: dict[str, str] = {}
    loaded = [
        _thing(path, name, entry, lines.get(name), DRAWINGS, claimed)
        for name, entry in data.items()
    ]
    if not loaded:
        raise VocabularyError(f"{path}: no things", str(path))
    return Things(loaded, str(path))


def _thing(
    path: Path,
    name: str,
    entry: Any,
    line: int | None,
    drawings: dict[str, DrawFn],
    claimed: dict[str, str],
) -> Thing:
    def fail(message: str) -> VocabularyError:
        return failure(path, line, f"thing {name!r}", message)

    if not isinstance(entry, dict):
        raise fail("is not a table of fields")
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise fail(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
    missing = [key for key in FIELDS if key not in entry]
    if missing:
        raise fail(f"missing field {missing[0]!r}")

    synonyms = entry["synonyms"]
    if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
        raise fail("synonyms must be a list of strings")
    for phrase in (name, *synonyms):
        if not _PHRASE.fullmatch(phrase) or phrase != " ".join(words(phrase)):
            raise fail(f"{phrase!r} must be lowercase words separated by single spaces")
        owner = claimed.get(phrase)
        if owner is not None:
            raise fail(f"{phrase!r} is claimed twice: already by the thing {owner!r}")
        claimed[phrase] = name

    sits = entry["sits"]
    if sits not in SITS:
        raise fail(f"unknown sits {sits!r} (one of: {', '.join(SITS)})")
    size, aspect = entry["size"], entry["aspect"]
    for field, value, (low, high) in (
        ("size", size, SIZE_RANGE),
        ("aspect", aspect, ASPECT_RANGE),
    ):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise fail(f"{field} must be a number from {low} to {high}, not {value!r}")
    drawing = entry["drawing"]
    if drawing not in drawings:
        raise fail(f"no drawing called {drawing!r} (drawings: {', '.join(sorted(drawings))})")
    return Thing(
        name=name,
        synonyms=tuple(synonyms),
        sits=sits,
        size=float(size),
        aspect=float(aspect),
        drawing=drawing,
        draw=drawings[drawing],
    )
