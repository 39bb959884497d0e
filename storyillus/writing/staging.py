"""Where each page happens and who is on it, decided once by the writer for the illustrators.

Both writers use these: the offline writer for the pages it composes, the chat writer to
check what the model answered. Places are names from the vocabulary (``storyillus.places``);
characters are names from the book's cast. The illustrators read the result and never
guess from the words again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from storyillus._wordmatch import words
from storyillus.domain import CastMember, StoryRequest
from storyillus.places import Place, places
from storyillus.things import things

DEFAULT_PLACE = "meadow"
"""Where a story with no place in its words happens."""


def book_setting(request: StoryRequest) -> Place:
    """The place the user chose, else the first the idea names (not counting where a thing
    of it grows to: "a bean that grows up to the clouds" is no sky story), else where the
    idea's goal is done (planting in the garden), else the first its themes or interests
    name."""
    # Imported here: the idea reader reads the phrase data, which knows the places.
    from storyillus.writing import _phrases as P
    from storyillus.writing.idea import read_idea

    vocabulary = places()
    if request.setting:
        return vocabulary.resolve(request.setting)
    idea = read_idea(request.prompt)
    if idea.places:
        return idea.places[0]
    where = P.GOALS[idea.goal].get("where") if idea.goal else None
    if where:
        return vocabulary.get(where)
    for text in (" ".join(request.themes), " ".join(request.character.interests)):
        found = vocabulary.mentions(text)
        if found:
            return found[0]
    return vocabulary.get(DEFAULT_PLACE)


def page_place(answer: str | None, setting: Place, text: str = "") -> str:
    """A page's place: the writer's answer if the vocabulary knows it, else what the page
    names, else the book's setting."""
    vocabulary = places()
    if answer and answer.strip().lower() in vocabulary.names:
        return answer.strip().lower()
    named = vocabulary.mentions(text)
    return named[0].name if named else setting.label


def _outside_things(text: str) -> list[list[str]]:
    """The text's runs of words between the things it names: "a tent at the campsite"
    names a tent (a thing) and the campsite (a place), "a dinosaur" names no place."""
    found = words(text)
    runs: list[list[str]] = []
    start = 0
    for first, after, _ in things().spans(text):
        runs.append(found[start:first])
        start = after
    runs.append(found[start:])
    return [run for run in runs if run]


def named_places(text: str) -> list[Place]:
    """The places a text names, not counting the words of things it names ("a tent" is a
    thing in the picture, not the campsite; "a little house" is not the living room)."""
    vocabulary = places()
    found: list[Place] = []
    for run in _outside_things(text):
        for place in vocabulary.mentions(" ".join(run)):
            if place not in found:
                found.append(place)
    return found


def named_times(text: str) -> set[str]:
    """The times of day (the offline illustrator's) a text's words name, not counting the
    words of things ("a star", "the moon" are things in the picture, not the night)."""
    # Imported here: the illustrator's words decide what a scene's time word means.
    from storyillus.illustration.offline import TIME_WORDS

    time_of = {word: time for time, names in TIME_WORDS.items() for word in names}
    return {time_of[word] for run in _outside_things(text) for word in run if word in time_of}


def _mentions(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", text.casefold()) is not None


def page_characters(
    cast: Sequence[CastMember], answer: Iterable[str] = (), *texts: str
) -> tuple[str, ...]:
    """The cast on a page, in cast order: the hero, whoever the writer put there, and whoever
    the page's words name. Names the cast does not have are dropped."""
    chosen = {name.casefold() for name in answer}
    return tuple(
        member.name
        for index, member in enumerate(cast)
        if index == 0
        or member.name.casefold() in chosen
        or any(_mentions(member.name, text) for text in texts)
    )


def legacy_book_model(
    request: StoryRequest, cast: Sequence[CastMember], pages: Sequence[tuple[str, str]]
) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    """For a book made before the book model: its setting, and each page's place and
    characters, from what it has (the request, and each page's text and scene)."""
    setting = book_setting(request)
    staged = [
        (page_place(None, setting, scene), page_characters(cast, (), text, scene))
        for text, scene in pages
    ]
    return setting.label, staged


__all__ = [
    "DEFAULT_PLACE",
    "book_setting",
    "legacy_book_model",
    "named_places",
    "named_times",
    "page_characters",
    "page_place",
]
