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

__all__ = ["Idea", "Reveal", "Thing", "read_idea"]

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
    def named(self) -> str:
        """Named again, with what makes it itself: "the dinosaur egg" ("lost" and "a garden
        of" are dropped: words of ``passing`` and all before the last "of")."""
        bare = list(self.bare)
        if "of" in bare[:-1]:
            bare = bare[len(bare) - bare[::-1].index("of") :]
        passing = set(P.GOAL_READING["passing"])
        kept = [w for w in bare[:-1] if w.lower() not in passing and not w.endswith(("'s", "’s"))]
        words = [*kept, bare[-1]]
        return " ".join(words) if words[-1][:1].isupper() else f"the {' '.join(words)}"

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
class Reveal:
    """What the hero finds out: "the shadows in his room are only his toys"."""

    shape: Thing
    """What seemed scary: "the shadows"."""
    was: str
    """The being word, told in the past: "were"."""
    truth: str
    """What it really is: "only his toys"."""


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
    skill: str = ""
    """What is learned or taught: "swim" in "learns to swim", "fetch" in "teach X to fetch"."""
    fear: Thing | None = None
    """A fear beside another goal: "the water" in "scared of the water, but learns to swim"."""
    reveal: Reveal | None = None
    guide: Thing | None = None
    """Someone met on the way who helps: "with the help of a friendly bus driver"."""
    gear: tuple[str, ...] = ()
    """Things of the vocabulary the hero uses on the way ("a rocket", "the football match"
    gives "ball"): names of ``storyillus/data/things.toml`` with a ``[uses]`` entry."""
    whom_is_place: bool = False
    """Whether the one it is for is a place ("home to its island"), not someone."""

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


_Match = tuple[int, int, str, str, str, int]
"""(start, end, kind, verb, done, particle) of a goal verb in the idea."""


def _goal_matches(lower: list[str]) -> list[_Match]:
    """Every goal verb of the idea, in order, none overlapping; the longest wins at one word.
    ``particle`` is where a split verb's second word stands ("bring X home"), else -1."""
    stops = frozenset(P.GOAL_READING["stops"])
    found: dict[int, _Match] = {}
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
                    best = found.get(start)
                    if best is None or end > best[1]:
                        found[start] = (start, end, kind, verb, done, particle)
    matches: list[_Match] = []
    for start in sorted(found):
        if not matches or start >= matches[-1][1]:
            matches.append(found[start])
    return matches


def _find_goal(lower: list[str], before: int) -> tuple[_Match | None, _Match | None]:
    """The idea's goal and a fear beside it. A weak goal (goals.toml ``weak``: helping,
    a fear) gives way to a later doing goal: "helps on the farm to find the piglet" is a
    search, "scared of the water, but learns to swim" is learning, with the fear as its
    problem. Verbs at or after ``before`` (what the hero finds out) are no goal."""
    matches = [m for m in _goal_matches(lower) if m[0] < before]
    if not matches:
        return None, None
    first = matches[0]

    def own_need(match: _Match) -> bool:
        # "helps the farmer find his cow": finding is what the farmer needs, so the goal
        # stays helping; "helps on the farm to find the piglet" is the hero's own search.
        return (
            first[2] == "help"
            and lower[match[0]] in _HELP_NEEDS
            and lower[match[0] - 1 : match[0]] != ["to"]
        )

    strong = [m for m in matches if not P.GOALS[m[2]].get("weak", False) and not own_need(m)]
    main = strong[0] if strong else first
    fear = next((m for m in matches if m[2] == "fear" and m is not main), None)
    return main, fear


def _reveal(words: list[str], lower: list[str], stops: frozenset[str]) -> tuple[Reveal | None, int]:
    """What the hero finds out ("until he learns the shadows in his room are only his
    toys") and where it starts, or (None, len(words))."""
    knowing = [tuple(k.split()) for k in P.GOAL_READING["knowing"]]
    being = P.GOAL_READING["being"]
    for at in range(len(lower)):
        for know in knowing:
            if tuple(lower[at : at + len(know)]) != know:
                continue
            subject = at + len(know) + (lower[at + len(know) : at + len(know) + 1] == ["that"])
            shape, after = _phrase(words, subject, stops)
            for be_at in range(after, min(len(lower), after + 6)):
                if lower[be_at] in being and shape is not None:
                    end = be_at + 1
                    while end < len(words) and words[end].isalpha():
                        end += 1
                    truth = " ".join(words[be_at + 1 : end])
                    if truth:
                        return Reveal(shape, being[lower[be_at]], truth), at
    return None, len(words)


def _guide(words: list[str], lower: list[str], stops: frozenset[str]) -> Thing | None:
    """Who the idea says helps on the way: "with the help of a friendly bus driver"."""
    for cue in P.GOAL_READING["help_cues"]:
        cue_words = cue.split()
        for at in range(len(lower) - len(cue_words)):
            if lower[at : at + len(cue_words)] == cue_words:
                guide, _ = _phrase(words, at + len(cue_words), stops)
                if guide is not None:
                    return guide
    return None


def _gear(text: str, taken: set[str]) -> tuple[str, ...]:
    """Things of the idea the hero uses on the way (goals.toml ``[uses]``)."""
    from storyillus.things import things  # here: the things vocabulary loads drawings

    return tuple(
        thing.name
        for thing in things().mentions(text)
        if thing.name in P.GOAL_USES and not ({thing.name, *thing.synonyms} & taken)
    )


def _phrase(words: list[str], start: int, stops: frozenset[str]) -> tuple[Thing | None, int]:
    """The thing starting at ``start``: words up to a stop word or punctuation."""
    end = start
    while end < len(words) and words[end].isalpha():
        low = words[end].lower()
        # "a garden of sunflowers" is one thing; "of" alone never ends it.
        if (
            low == "of"
            and start < end < len(words) - 1
            and words[end + 1].isalpha()
            and words[end + 1].lower() not in stops
        ):
            end += 1
            continue
        if low in stops:
            break
        end += 1
    return (Thing(tuple(words[start:end])) if end > start else None), end


def read_idea(text: str, names: tuple[str, ...] = ()) -> Idea:
    """Read ``text``; ``names`` (the hero's and companions') are never things or helpers."""
    words = _WORD.findall(text or "")
    lower = [w.lower() for w in words]
    stops = frozenset(P.GOAL_READING["stops"])
    found_places = tuple(places().mentions(text or ""))
    reveal, told = _reveal(words, lower, stops)
    guide = _guide(words, lower, stops)
    goal, fear_match = _find_goal(lower, told)
    helpers = _helpers(words, names)
    if guide is not None:
        helpers = tuple(h for h in helpers if h.lower() not in {w.lower() for w in guide.words})
    if goal is None:
        return Idea(text=text, places=found_places, helpers=helpers, reveal=reveal, guide=guide)
    kind, verb, done, thing, whom, clause, skill = _read_goal(words, lower, goal, names)
    fear = None
    if fear_match is not None:
        fear, _ = _phrase(words, _skip_fillers(lower, fear_match[1], fear_match[3]), stops)
    if kind == "fear" and fear is None:
        fear = thing
    inside = {w.lower() for part in (thing, whom, fear, guide) if part for w in part.words}
    taken = {w.lower().removesuffix("s") for w in inside} | inside
    return Idea(
        text=text,
        goal=kind,
        verb=verb,
        done=done,
        thing=thing,
        whom=whom,
        clause=clause,
        places=found_places,
        helpers=tuple(h for h in helpers if h.lower() not in inside - _guide_words(guide)),
        skill=skill,
        fear=fear if kind != "fear" else None,
        reveal=reveal,
        guide=guide,
        gear=_gear(text or "", taken),
        whom_is_place=whom is not None and bool(places().mentions(whom.text)),
    )


def _guide_words(guide: Thing | None) -> set[str]:
    return {w.lower() for w in guide.words} if guide else set()


def _skip_fillers(lower: list[str], at: int, verb: str) -> int:
    while at < len(lower) and lower[at] in _FILLERS and verb.split()[-1] != lower[at]:
        at += 1
    return at


def _read_goal(
    words: list[str], lower: list[str], goal: _Match, names: tuple[str, ...]
) -> tuple[str, str, str, Thing | None, Thing | None, str, str]:
    """(kind, verb, done, thing, whom, clause, skill) of the goal verb at ``goal``."""
    start, end, kind, verb, done, particle = goal
    entry = P.GOALS[kind]
    stops = frozenset(P.GOAL_READING["stops"])
    at = _skip_fillers(lower, end, verb)
    if particle >= 0:  # "bring a lost baby turtle home": the thing stands inside the verb
        thing, _ = _phrase(words[:particle], at, stops)
        after = particle + 1
    else:
        thing, after = _phrase(words, at, stops)
    whom = None
    skill = ""
    if after < len(words) and lower[after] in _FILLERS:
        after += 1
    if entry.get("pupil") and after + 1 < len(words) and lower[after] == "to":
        # "teach her puppy Biscuit to fetch a ball": the one taught, the skill, its thing.
        whom, skill = thing, lower[after + 1]
        thing, after = _phrase(words, after + 2, stops)
    elif after < len(words) and lower[after] in entry["whom"]:
        whom, after = _phrase(words, after + 1, stops)
    if kind == "help":
        # "help the farmer find his cow": the one helped, then what they need.
        whom, after = _phrase(words, at, stops | _HELP_NEEDS)
        thing = None
        if after < len(words) and lower[after] in _HELP_NEEDS:
            thing, after = _phrase(words, after + 1, stops)
            after = max(after, at)
    if kind == "learn" and thing is not None and verb.endswith("to"):
        # "learn to ride a bike": the skill is the goal; the bike is the thing.
        skill = thing.words[0].lower()
        thing = Thing(thing.words[1:]) if len(thing.words) > 1 else None
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
    return kind, verb, done, thing, whom, clause, skill


def _helpers(words: list[str], names: tuple[str, ...]) -> tuple[str, ...]:
    """People and creatures the idea names, e.g. "her dog Max" gives "Max"."""
    known = P.CREATURE_NOUNS | frozenset(P.GOAL_READING["helper_words"])
    taken = {n.lower() for n in names}
    found: list[str] = []
    for index, raw in enumerate(words):
        # "her grandpa's farm" names grandpa.
        word = re.sub(r"['’]s$", "", raw)
        if word.lower() not in known:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if following[:1].isupper() and following.lower() not in taken:
            found.append(following)
        else:
            found.append(word.lower())
    return tuple(dict.fromkeys(found))
