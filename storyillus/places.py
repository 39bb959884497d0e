"""The vocabulary of places: where a story, or one page of it, happens.

The places live in ``storyillus/data/places.toml`` (its header explains each field); this
module loads and validates them once and answers three questions: which place has this name
(``get``), which places does this text name (``mentions``) and which place did the user mean
by what they typed (``resolve``). Nothing here guesses a meadow: words the vocabulary does not
know give the ``custom`` place, which keeps them.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storyillus._datafile import Entries, read_entries
from storyillus._exceptions import VocabularyError

PLACES_FILE = Path(__file__).parent / "data" / "places.toml"

CUSTOM = "custom"
TIMES = ("morning", "day", "sunset", "night")
FIELDS = ("synonyms", "indoor", "time", "palette", "props", "painter", "base", "landmarks")
# A painter may rely on these colour names; a place may add more (water, sand...).
PALETTE_OUTDOOR = ("sky", "ground", "accent")
PALETTE_INDOOR = ("wall", "floor", "accent")

# One edit in a five-letter word scores 0.8; shorter words ("sea", "bed") then only match
# exactly, so a typo never jumps between two short, unrelated places.
CLOSE_MATCH_CUTOFF = 0.8

_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_LETTERS = re.compile(r"[^\W\d_]+")
_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


@dataclass(frozen=True)
class Place:
    """One place of the vocabulary, or the custom place keeping the user's words."""

    name: str
    synonyms: tuple[str, ...]
    indoor: bool
    time: str
    """Default time of day: one of ``TIMES``."""
    # A dict keeps the place readable and JSON-ready; left out of the hash so it stays hashable.
    palette: dict[str, str] = field(hash=False)
    """Named ``#rrggbb`` colours: sky/ground/accent outdoors, wall/floor/accent indoors."""
    props: tuple[str, ...]
    """Things typically drawn there, each drawable by the offline illustrator."""
    painter: str
    """The nearest of the ten broad settings (the offline writer's phrases use it)."""
    base: str = ""
    """What the offline illustrator paints first: open land, a room, the sea floor, the city..."""
    landmarks: tuple[str, ...] = ()
    """What the offline illustrator draws on the base to make the place itself."""
    words: str = ""
    """For the custom place: the user's words it stands for."""

    @property
    def is_custom(self) -> bool:
        return self.name == CUSTOM

    @property
    def label(self) -> str:
        """What to call the place in a prompt or on screen: the user's words for custom."""
        return self.words if self.is_custom and self.words else self.name


def _words(text: str) -> list[str]:
    # Apostrophes go first so "baker's" reads as "bakers", one word and a plural.
    return _LETTERS.findall(text.casefold().replace("'", "").replace("\u2019", ""))


def _forms(word: str) -> tuple[str, ...]:
    """The word and the singulars it may be a plural of ("beaches", "libraries", "shelves")."""
    forms = [word]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        if word.endswith("ies"):
            forms.append(word[:-3] + "y")
        if word.endswith("ves"):
            forms.append(word[:-3] + "f")
        if word.endswith("es"):
            forms.append(word[:-2])
        forms.append(word[:-1])
    return tuple(forms)


class Vocabulary(Entries[Place]):
    """All places of one data file, indexed by every name and synonym (``custom`` last)."""

    def __init__(self, places: list[Place], path: str = "") -> None:
        super().__init__({place.name: place for place in places}, path)
        self._places = self._entries
        self.custom = self._places[CUSTOM]
        self._phrases: dict[tuple[str, ...], Place] = {}
        for place in places:
            if not place.is_custom:
                for phrase in (place.name, *place.synonyms):
                    self._phrases[tuple(phrase.split())] = place
        # Longest phrase first, so "coral reef" wins over "reef" and "under the sea" over "sea".
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self._phrases, key=len, reverse=True):
            self._by_first.setdefault(phrase[0], []).append(phrase)
        self._spellings = [" ".join(phrase) for phrase in self._phrases]

    def get(self, name: str) -> Place:
        """The place with this name; any other name gives the custom place keeping it."""
        key = " ".join(_words(name))
        place = self._places.get(key)
        if place is None:
            return replace(self.custom, words=name.strip())
        return place

    def mentions(self, text: str) -> list[Place]:
        """The places the text names, in order of first appearance, without repeats."""
        forms = [_forms(word) for word in _words(text)]
        found: list[Place] = []
        i = 0
        while i < len(forms):
            phrase = self._longest_at(forms, i)
            if phrase is None:
                i += 1
                continue
            place = self._phrases[phrase]
            if place not in found:
                found.append(place)
            i += len(phrase)
        return found

    def _longest_at(self, forms: list[tuple[str, ...]], i: int) -> tuple[str, ...] | None:
        best: tuple[str, ...] | None = None
        for form in forms[i]:
            for phrase in self._by_first.get(form, ()):
                if best is not None and len(phrase) <= len(best):
                    break
                if i + len(phrase) <= len(forms) and all(
                    word in forms[i + k] for k, word in enumerate(phrase)
                ):
                    best = phrase
                    break
        return best

    def resolve(self, words: str) -> Place:
        """The place meant by a setting the user typed; never an error.

        An exact name or synonym, else the first place the words mention, else the nearest
        by spelling ("jungel"), else the custom place keeping the words.
        """
        key = tuple(_words(words))
        if key in self._phrases:
            return self._phrases[key]
        mentioned = self.mentions(words)
        if mentioned:
            return mentioned[0]
        for candidate in (" ".join(key), *key):
            close = difflib.get_close_matches(
                candidate, self._spellings, n=1, cutoff=CLOSE_MATCH_CUTOFF
            )
            if close:
                return self._phrases[tuple(close[0].split())]
        return replace(self.custom, words=words.strip())


@functools.cache
def places() -> Vocabulary:
    """The packaged vocabulary, loaded and validated on first use."""
    return load_places(PLACES_FILE)


def load_places(path: str | Path) -> Vocabulary:
    """Load and validate a places file; a broken entry raises ``VocabularyError``."""
    path = Path(path)
    data, lines = read_entries(path)
    checker = _Checker(path)
    places = [checker.place(name, entry, lines.get(name)) for name, entry in data.items()]
    if CUSTOM not in data:
        raise VocabularyError(
            f"{path}: no [{CUSTOM}] place for words the vocabulary does not know", str(path)
        )
    return Vocabulary(places, str(path))


class _Checker:
    """Validates entries one by one; remembers which place claimed each phrase."""

    def __init__(self, path: Path) -> None:
        # Imported here: the illustrators will import this module, and these import them.
        from storyillus.illustration._offline_places import BASES, LANDMARKS
        from storyillus.illustration._offline_scenes import PAINTERS
        from storyillus.things import things

        self.path = path
        self.painters = set(PAINTERS)
        self.things = things()
        self.bases = set(BASES)
        self.landmarks = set(LANDMARKS)
        self.claimed: dict[str, str] = {}
        self.scenes: dict[tuple[str, tuple[str, ...]], str] = {}
        """Which place drew each scene: two places drawn alike could not be told apart."""

    def place(self, name: str, entry: Any, line: int | None) -> Place:
        def fail(message: str) -> VocabularyError:
            where = f"{self.path}, line {line}" if line else str(self.path)
            return VocabularyError(f"{where}: place {name!r}: {message}", str(self.path), line)

        if not isinstance(entry, dict):
            raise fail("is not a table of fields")
        if not _PHRASE.fullmatch(name) or name != name.casefold():
            raise fail("the name must be lowercase words separated by single spaces")
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            raise fail(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
        missing = [key for key in FIELDS if key not in entry]
        if missing:
            raise fail(f"missing field {missing[0]!r}")

        synonyms = entry["synonyms"]
        if not _is_list_of_str(synonyms):
            raise fail("synonyms must be a list of strings")
        for phrase in (name, *synonyms):
            if not _PHRASE.fullmatch(phrase) or phrase != phrase.casefold():
                raise fail(f"synonym {phrase!r} must be lowercase words separated by single spaces")
            owner = self.claimed.get(phrase)
            if owner is not None:
                raise fail(f"{phrase!r} is claimed twice: already by the place {owner!r}")
            self.claimed[phrase] = name

        indoor = entry["indoor"]
        if not isinstance(indoor, bool):
            raise fail("indoor must be true or false")
        time = entry["time"]
        if time not in TIMES:
            raise fail(f"unknown time {time!r} (times: {', '.join(TIMES)})")

        palette = entry["palette"]
        if not isinstance(palette, dict):
            raise fail("palette must be a table of colours")
        for colour_name, colour in palette.items():
            if not isinstance(colour, str) or not _HEX.fullmatch(colour):
                raise fail(f"palette colour {colour_name!r} = {colour!r} is not #rrggbb")
        needed = PALETTE_INDOOR if indoor else PALETTE_OUTDOOR
        absent = [key for key in needed if key not in palette]
        if absent:
            where = "indoor" if indoor else "outdoor"
            raise fail(f"palette of an {where} place needs {', '.join(needed)}: no {absent[0]!r}")

        props = entry["props"]
        if not _is_list_of_str(props):
            raise fail("props must be a list of strings")
        for prop in props:
            if self.things.lookup(prop) is None:
                raise fail(f"prop {prop!r} cannot be drawn (no thing of {self.things.path})")
        painter = entry["painter"]
        if painter not in self.painters:
            known = ", ".join(sorted(self.painters))
            raise fail(f"unknown painter {painter!r} (painters: {known})")
        base = entry["base"]
        if base not in self.bases:
            raise fail(f"unknown base {base!r} (bases: {', '.join(sorted(self.bases))})")
        landmarks = entry["landmarks"]
        if not _is_list_of_str(landmarks):
            raise fail("landmarks must be a list of strings")
        if not landmarks and name != CUSTOM:
            raise fail("landmarks is empty: every place needs a scene of its own")
        for landmark in landmarks:
            if landmark not in self.landmarks:
                raise fail(f"landmark {landmark!r} cannot be drawn (not in LANDMARKS)")
        scene = (base, tuple(sorted(landmarks)))
        twin = self.scenes.setdefault(scene, name)
        if twin != name:
            raise fail(f"draws the same scene as the place {twin!r}: give it its own landmarks")

        return Place(
            name=name,
            synonyms=tuple(synonyms),
            indoor=indoor,
            time=time,
            palette={key: value.lower() for key, value in palette.items()},
            props=tuple(props),
            painter=painter,
            base=base,
            landmarks=tuple(landmarks),
        )


def _is_list_of_str(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
