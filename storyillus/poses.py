"""The vocabulary of poses: which words of a page ask for which pose of the hero.

The poses live in ``storyillus/data/poses.toml`` (its header explains each field); this
module loads and validates them once and answers which pose a page's words ask for
(``pose_for``): the first action its scene names, else its text's, else an idle pose.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass
from pathlib import Path

from storyillus._datafile import failure, read_entries
from storyillus._exceptions import VocabularyError
from storyillus._wordmatch import PhraseIndex, words

POSES_FILE = Path(__file__).parent / "data" / "poses.toml"

FIELDS = ("phrases", "idle", "rides", "places", "first")
RIDE = "ride"

_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


@dataclass(frozen=True)
class Pose:
    name: str
    phrases: tuple[str, ...]
    idle: bool = False
    rides: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()
    """The only places this pose can happen at (empty: anywhere; an unknown place fits)."""
    first: bool = False
    """A page naming this action shows it, whatever it names before."""

    def fits(self, place: str | None) -> bool:
        return place is None or not self.places or place in self.places


class Poses:
    """All poses of one data file, indexed by every phrase."""

    def __init__(self, poses: list[Pose], path: str = "") -> None:
        self.path = path
        self._poses = {pose.name: pose for pose in poses}
        self._index: PhraseIndex[Pose] = PhraseIndex(
            (phrase, pose) for pose in poses for phrase in pose.phrases
        )
        self.idle = tuple(pose.name for pose in poses if pose.idle)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._poses)

    def __getitem__(self, name: str) -> Pose:
        return self._poses[name]

    def named(self, text: str, place: str | None = None) -> str | None:
        """The pose of the first action the text names that can happen at ``place``."""
        fitting = [pose for _, pose in self._index.find(text) if pose.fits(place)]
        first = [pose for pose in fitting if pose.first]
        return (first or fitting)[0].name if fitting else None

    def pose_for(self, scene: str, text: str, rng: random.Random, place: str | None = None) -> str:
        """The page's pose: the scene's first action (that can happen at ``place``: nobody
        swims in a bedroom), else the text's, else an idle pose picked by ``rng`` (the page's
        seeded one, so a page keeps its pose)."""
        return self.named(scene, place) or self.named(text, place) or rng.choice(self.idle)


@functools.cache
def poses() -> Poses:
    """The packaged vocabulary, loaded and validated on first use."""
    return load_poses(POSES_FILE)


def load_poses(path: str | Path) -> Poses:
    """Load and validate a poses file; a broken entry raises ``VocabularyError``."""
    # Imported here: the figure's module is the illustrator's, which reads this one.
    from storyillus.illustration._offline_hero import POSES, SEATS
    from storyillus.places import places
    from storyillus.things import things

    path = Path(path)
    data, lines = read_entries(path)
    claimed: dict[str, str] = {}
    loaded: list[Pose] = []
    for name, entry in data.items():
        line = lines.get(name)

        def fail(message: str, name: str = name, line: int | None = line) -> VocabularyError:
            return failure(path, line, f"pose {name!r}", message)

        if name not in POSES:
            raise fail(f"the figure has no such pose (poses: {', '.join(POSES)})")
        if not isinstance(entry, dict):
            raise fail("is not a table of fields")
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            raise fail(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
        phrases = entry.get("phrases")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise fail("phrases must be a list of strings")
        for phrase in phrases:
            if not _PHRASE.fullmatch(phrase) or phrase != " ".join(words(phrase)):
                raise fail(f"{phrase!r} must be lowercase words separated by single spaces")
            owner = claimed.get(phrase)
            if owner is not None:
                raise fail(f"{phrase!r} is claimed twice: already by the pose {owner!r}")
            claimed[phrase] = name
        idle = entry.get("idle", False)
        if not isinstance(idle, bool):
            raise fail("idle must be true or false")
        rides = entry.get("rides", [])
        if rides and name != RIDE:
            raise fail(f"only the {RIDE!r} pose rides things")
        if name == RIDE and not rides:
            raise fail("rides must name at least one thing to ride")
        for ridden in rides:
            if ridden not in things() or ridden not in SEATS:
                raise fail(f"{ridden!r} cannot be ridden (rideable: {', '.join(SEATS)})")
        at = entry.get("places", [])
        if not isinstance(at, list) or not all(isinstance(p, str) for p in at):
            raise fail("places must be a list of place names")
        for place in at:
            if place not in places().names:
                raise fail(f"{place!r} is not a place of storyillus/data/places.toml")
        first = entry.get("first", False)
        if not isinstance(first, bool):
            raise fail("first must be true or false")
        loaded.append(Pose(name, tuple(phrases), idle, tuple(rides), frozenset(at), first))
    if not any(pose.idle for pose in loaded):
        raise VocabularyError(f"{path}: no idle pose for pages that name no action", str(path))
    return Poses(loaded, str(path))
