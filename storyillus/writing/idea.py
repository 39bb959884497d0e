"""What a story idea asks for: the goal, the thing it acts on, who it is for, where, who helps.

"Sofía must return a lost dinosaur egg to its mother in a prehistoric jungle" reads as the
goal ``return`` acting on "a lost dinosaur egg", for "its mother", in the prehistoric jungle.
The goal verbs and the words that end a thing are data (``storyillus/data/phrases/goals.toml``);
places come from the places vocabulary. The idea's own words are kept as written, so the
story can say them back ("Sofía had to return a lost dinosaur egg to its mother"); nothing
here turns a verb into a noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyillus.places import Place, places
from storyillus.writing import _phrases as P

__all__ = ["Idea", "Thing", "read_idea"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[.,;:!?]")
# Words that may come between the goal's verb and its thing without being part of it.
_FILLERS = frozenset({"back", "home"})
# Verbs after "help the farmer": what the one helped needs done.
_HELP_NEEDS = frozenset({"find", "get", "fix", "save", "carry", "reach", "catch", "build"})


@dataclass(frozen=True)
class Thing:
    """A thing of the idea as written: "a lost dinosaur egg" (article, modifiers, head)."""

    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def bare(self) -> tuple[str, ...]:
        articles = set(P.GOAL_READING["articles"])
        words = list(self.words)
        while words and words[0].lower() in articles:
            words.pop(0)
        return tuple(words) or self.words

    @property
    def head(self) -> str:
        return self.bare[-1]

    @property
    def full(self) -> str:
        """With "the": "the lost dinosaur egg"."""
        bare = " ".join(self.bare)
        return bare if self.bare[0][:1].isupper() else f"the {bare}"

    @property
    def short(self) -> str:
        """Named again: "the egg" (a name stays a name)."""
        return self.head if self.head[:1].isupper() else f"the {self.head}"

    @property
    def a(self) -> str:
        """As introduced: the idea's own article, or "a"/"an"."""
        first = self.words[0].lower()
        if first in ("a", "an") or self.head[:1].isupper():
            return self.text
        bare = " ".join(self.bare)
        return f"{'an' if bare[:1].lower() in 'aeiou' else 'a'} {bare}"


@dataclass(frozen=True)
class Idea:
    """What the idea asks for; ``goal`` is None when no goal verb was found."""

    text: str
    goal: str | None = None
    verb: str = ""
    done: str = ""
    """The verb's "had ..." form: "returned", "brought back"."""
    thing: Thing | None = None
    whom: Thing | None = None
    clause: str = ""
    """The goal in the idea's words, from the verb: "return a lost dinosaur egg to its mother"."""
    places: tuple[Place, ...] = ()
    helpers: tuple[str, ...] = ()

    @property
    def done_clause(self) -> str:
        """The goal reached: "returned a lost dinosaur egg to its mother"."""
        return self.done + self.clause[len(self.verb) :] if self.clause else ""


def _forms(verb: str) -> list[tuple[str, ...]]:
    """The verb and the inflections of its first word: "return", "returns", "returned"..."""
    first, *rest = verb.split()
    stems = {first, first + "s", first + "es", first + "ed", first + "d", first + "ing"}
    if first.endswith("e"):
        stems.add(first[:-1] + "ing")
    if first.endswith("y"):
        stems |= {first[:-1] + "ies", first[:-1] + "ied"}
    return [(stem, *rest) for stem in stems]


_SPLIT_REACH = 7
"""How far a two-word verb's particle may stand from its verb: "bring a lost baby turtle home"."""
_SPLIT_PARTICLES = frozenset({"back", "home"})
"""Particles that may stand after the thing ("take the puppy back"); "to" may not: in "sails
across the sea to bring", the "to" begins another verb."""


def _split_particle(lower: list[str], start: int, particle: str, stops: frozenset[str]) -> int:
    """Where ``particle`` ends a split verb begun at ``start`` ("bring X home"), or -1."""
    for at in range(start + 2, min(len(lower), start + 1 + _SPLIT_REACH)):
        if lower[at] == particle:
            return at
        if lower[at] in stops:
            return -1
    return -1


def _find_goal(lower: list[str]) -> tuple[int, int, str, str, str, int] | None:
    """(start, end, kind, verb, done, particle) of the first goal verb; longest wins at one
    word. ``particle`` is where a split verb's second word stands ("bring X home"), else -1."""
    stops = frozenset(P.GOAL_READING["stops"])
    best: tuple[int, int, str, str, str, int] | None = None
    for kind, entry in P.GOALS.items():
        for verb, done in entry["verbs"]:
            for form in _forms(verb):
                for start in range(len(lower) - len(form) + 1):
                    particle = -1
                    if tuple(lower[start : start + len(form)]) == form:
                        end = start + len(form)
                    elif len(form) == 2 and form[1] in _SPLIT_PARTICLES and lower[start] == form[0]:
                        particle = _split_particle(lower, start, form[1], stops)
                        if particle < 0:
                            continue
                        end = start + 1
                    else:
                        continue
                    if best is None or (start, -end) < (best[0], -best[1]):
                        best = (start, end, kind, verb, done, particle)
                    break
    return best


def _phrase(words: list[str], start: int, stops: frozenset[str]) -> tuple[Thing | None, int]:
    """The thing starting at ``start``: words up to a stop word or punctuation."""
    end = start
    while end < len(words) and words[end].lower() not in stops and words[end].isalpha():
        end += 1
    return (Thing(tuple(words[start:end])) if end > start else None), end


def read_idea(text: str, names: tuple[str, ...] = ()) -> Idea:
    """Read ``text``; ``names`` (the hero's and companions') are never things or helpers."""
    words = _WORD.findall(text or "")
    lower = [w.lower() for w in words]
    found_places = tuple(places().mentions(text or ""))
    goal = _find_goal(lower)
    if goal is None:
        return Idea(text=text, places=found_places, helpers=_helpers(words, names))
    start, end, kind, verb, done, particle = goal
    entry = P.GOALS[kind]
    stops = frozenset(P.GOAL_READING["stops"])
    at = end
    while at < len(words) and lower[at] in _FILLERS and verb.split()[-1] != lower[at]:
        at += 1
    if particle >= 0:  # "bring a lost baby turtle home": the thing stands inside the verb
        thing, _ = _phrase(words[:particle], at, stops)
        after = particle + 1
    else:
        thing, after = _phrase(words, at, stops)
    whom = None
    if after < len(words) and lower[after] in _FILLERS:
        after += 1
    if after < len(words) and lower[after] in entry["whom"]:
        whom, after = _phrase(words, after + 1, stops)
    if kind == "help":
        # "help the farmer find his cow": the one helped, then what they need.
        whom, after = _phrase(words, at, stops | _HELP_NEEDS)
        thing = None
        if after < len(words) and lower[after] in _HELP_NEEDS:
            thing, after = _phrase(words, after + 1, stops)
            after = max(after, at)
    if kind == "learn" and thing is not None and len(thing.words) > 1:
        # "learn to ride a bike": the skill is the goal; the bike is the thing.
        thing = Thing(thing.words[1:])
    if particle >= 0:
        # "bring a lost baby turtle home to its island": the verb's two words back together.
        rest = [w for i, w in enumerate(words[end:after], start=end) if i != particle]
        clause = " ".join([verb, *rest])
    else:
        clause = " ".join(words[start:after])
        # The verb as written ("returns") reads back in the base form ("return").
        clause = verb + clause[len(" ".join(words[start:end])) :]
    names_low = {n.lower() for n in names}
    if thing is not None and thing.head.lower() in names_low:
        thing = None
    inside = {w.lower() for part in (thing, whom) if part for w in part.words}
    helpers = tuple(h for h in _helpers(words, names) if h.lower() not in inside)
    return Idea(
        text=text,
        goal=kind,
        verb=verb,
        done=done,
        thing=thing,
        whom=whom,
        clause=clause,
        places=found_places,
        helpers=helpers,
    )


def _helpers(words: list[str], names: tuple[str, ...]) -> tuple[str, ...]:
    """People and creatures the idea names, e.g. "her dog Max" gives "Max"."""
    known = P.CREATURE_NOUNS | frozenset(P.GOAL_READING["helper_words"])
    taken = {n.lower() for n in names}
    found: list[str] = []
    for index, word in enumerate(words):
        if word.lower() not in known:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if following[:1].isupper() and following.lower() not in taken:
            found.append(following)
        else:
            found.append(word.lower())
    return tuple(dict.fromkeys(found))
