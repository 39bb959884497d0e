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

__all__ = ["Idea", "Reveal", "Thing", "address", "name_of", "read_idea", "without_absent"]

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
    def plural(self) -> bool:
        """Whether it is more than one ("cookies", "thunderstorms"); a name is one."""
        head = self.head.lower()
        return (
            not self.head[:1].isupper()
            and head.endswith("s")
            and not head.endswith(("ss", "us", "is"))
            and self.words[0].lower() not in ("a", "an")
        )

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
        if self.plural:
            return bare  # "cookies", not "a cookies"
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
    grown: Thing | None = None
    """What the thing becomes: "a giant beanstalk" in "a magic bean that grows into a giant
    beanstalk up to the clouds"."""
    reach: str = ""
    """Where what it becomes reaches, as written: "up to the clouds"."""
    mentor: str = ""
    """Who shows the hero the way out of a fear: "Grandpa" in "until Grandpa shows her how to
    count between the flash and the boom"."""
    trick: str = ""
    """What the mentor shows: "count between the flash and the boom"."""
    absent: tuple[Thing, ...] = ()
    """Things the idea says are not there: "training wheels" in "without training wheels"."""
    near: str = ""
    """The idea without where a thing of it grows to: the words that say where it is."""

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
    problem. A frame (goals.toml ``frame``: visiting, exploring) gives way to any later
    goal: "explore a castle to find the lost crown" is a search, "visits the zoo and helps
    a baby elephant" is helping. Verbs at or after ``before`` (what the hero finds out, how
    a fear ends: "until ...") are no goal."""
    matches = [m for m in _goal_matches(lower) if m[0] < before]
    if not matches:
        return None, None

    def own_need(match: _Match) -> bool:
        # "helps the farmer find his cow": finding is what the farmer needs, so the goal
        # stays helping; "helps on the farm to find the piglet" is the hero's own search.
        helped = any(m[2] == "help" and m[0] < match[0] for m in matches)
        return (
            helped and lower[match[0]] in _HELP_NEEDS and lower[match[0] - 1 : match[0]] != ["to"]
        )

    def rank(match: _Match) -> int:
        entry = P.GOALS[match[2]]
        if entry.get("frame", False):
            return 2
        return 1 if entry.get("weak", False) or own_need(match) else 0

    best = min(rank(m) for m in matches)
    main = next(m for m in matches if rank(m) == best)
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
                    while end < len(words) and _wordlike(words[end]):
                        end += 1
                    truth = " ".join(words[be_at + 1 : end])
                    if truth:
                        return Reveal(shape, being[lower[be_at]], truth), at
    return None, len(words)


def _until(words: list[str], lower: list[str]) -> tuple[int, str, str]:
    """Where "until" begins how the idea ends ("scared of thunderstorms until Grandpa shows
    her how to count ..."), and who shows the way and what they show, when it says so:
    (where, mentor, trick); (len(words), "", "") without "until"."""
    if "until" not in lower:
        return len(words), "", ""
    at = lower.index("until")
    showing = set(P.GOAL_READING["showing"])
    for verb_at in range(at + 2, min(len(lower), at + 5)):
        if lower[verb_at] not in showing:
            continue
        mentor = " ".join(words[at + 1 : verb_at])
        rest = verb_at + 1
        while rest < len(lower) and lower[rest] in P.GOAL_READING["objects"]:
            rest += 1  # "shows her how to": whom and "how" come before the trick
        if lower[rest : rest + 1] != ["to"]:
            break
        end = rest + 1
        while end < len(words) and _wordlike(words[end]):
            end += 1
        trick = " ".join(words[rest + 1 : end])
        owner = mentor.split()[0].lower() if mentor else ""
        if owner in P.GOAL_READING["articles"]:
            mentor = " ".join(mentor.split()[1:])
        if mentor and trick:
            return at, mentor[:1].upper() + mentor[1:], trick
        break
    return at, "", ""


def _becoming(
    words: list[str], lower: list[str], stops: frozenset[str]
) -> tuple[Thing | None, str, int]:
    """What a thing grows into ("a magic bean that grows into a giant beanstalk up to the
    clouds"): (the new thing, where it reaches as written, where the clause starts)."""
    for at in range(len(lower) - 1):
        if lower[at] not in ("that", "which"):
            continue
        for cue in P.GOAL_READING["becoming"]:
            cue_words = cue.split()
            if lower[at + 1 : at + 1 + len(cue_words)] != cue_words:
                continue
            grown, after = _phrase(words, at + 1 + len(cue_words), stops)
            end = after
            while end < len(words) and _wordlike(words[end]):
                end += 1
            return grown, " ".join(words[after:end]), at
    return None, "", len(words)


def _absent(words: list[str], lower: list[str], stops: frozenset[str]) -> tuple[Thing, ...]:
    """Things the idea says are not there: "without training wheels"."""
    found = []
    for at, word in enumerate(lower):
        if word in P.GOAL_READING["negations"]:
            thing, _ = _phrase(words, at + 1, stops)
            if thing is not None:
                found.append(thing)
    return tuple(found)


def without_absent(text: str, absent: tuple[Thing, ...]) -> str:
    """``text`` without the things it says are not there (they are in no picture)."""
    for thing in absent:
        text = re.sub(rf"(?i)\b\w+\s+{re.escape(thing.text)}\b", " ", text)
    return text


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


def _gear(text: str, taken: set[str], absent: tuple[Thing, ...]) -> tuple[str, ...]:
    """Things of the idea the hero uses on the way (goals.toml ``[uses]``); never one it
    says is not there ("without training wheels" brings no train)."""
    from storyillus.things import things  # here: the things vocabulary loads drawings

    return tuple(
        thing.name
        for thing in things().mentions(without_absent(text, absent))
        if thing.name in P.GOAL_USES and not ({thing.name, *thing.synonyms} & taken)
    )


def _wordlike(token: str) -> bool:
    """A word, not punctuation ("king's" is a word)."""
    return token[:1].isalpha()


def _phrase(words: list[str], start: int, stops: frozenset[str]) -> tuple[Thing | None, int]:
    """The thing starting at ``start``: words up to a stop word or punctuation."""
    end = start
    while end < len(words) and _wordlike(words[end]):
        low = words[end].lower()
        # "a garden of sunflowers" is one thing; "of" alone never ends it.
        if (
            low == "of"
            and start < end < len(words) - 1
            and _wordlike(words[end + 1])
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
    text = address(text or "")
    words = _WORD.findall(text)
    lower = [w.lower() for w in words]
    stops = frozenset(P.GOAL_READING["stops"])
    reveal, told = _reveal(words, lower, stops)
    until, mentor, trick = _until(words, lower)
    grown, reach, becoming = _becoming(words, lower, stops)
    absent = _absent(words, lower, stops)
    # A place the new thing reaches ("up to the clouds") is where it ends, not where the
    # story is: the story's places are those of the rest of the idea.
    found_places = tuple(places().mentions(" ".join(words[:becoming])))
    guide = _guide(words, lower, stops)
    goal, fear_match = _find_goal(lower, min(told, until))
    helpers = _helpers(words, names)
    if guide is not None:
        helpers = tuple(h for h in helpers if h.lower() not in {w.lower() for w in guide.words})
    parts = {
        "grown": grown,
        "reach": reach,
        "mentor": mentor,
        "trick": trick,
        "absent": absent,
        "near": " ".join(words[:becoming]),
    }
    if goal is None:
        return Idea(
            text=text, places=found_places, helpers=helpers, reveal=reveal, guide=guide, **parts
        )
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
        gear=_gear(text, taken, absent),
        whom_is_place=whom is not None and bool(places().mentions(whom.text)),
        **parts,
    )


def address(text: str) -> str:
    """The idea with titles of address written without their dot ("Mrs. Patel" is "Mrs
    Patel"): the dot ends no sentence, and the name stays one name."""
    titles = "|".join(map(re.escape, P.GOAL_READING["address"]))
    return re.sub(rf"\b({titles})\.(?=\s+[A-Z])", r"\1", text)


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
            need = lower[after]
            thing, after = _phrase(words, after + 1, stops)
            after = max(after, at)
            owned = thing is not None and thing.words[0].lower() in P.GOAL_READING["owners"]
            belongs = thing is not None and thing.head.lower() in P.GOAL_READING["belonging"]
            if need in P.GOAL_READING["reuniting"] and owned and belongs and whom is not None:
                # "help a lost baby elephant find its mother": bring the elephant back to
                # its mother, told in the idea's words ("help ... find its mother").
                kind, thing, whom = "return", whom, thing
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
            found.append(name_at(words, index + 1))
        else:
            found.append(word.lower())
    return tuple(dict.fromkeys(found))


def name_at(words: list[str] | tuple[str, ...], at: int) -> str:
    """The name starting at ``at``: "Max", or a title of address and the name after it
    ("Mrs Patel")."""
    end = at + 1
    if words[at] in P.GOAL_READING["address"]:
        while end < len(words) and words[end][:1].isupper():
            end += 1
    return " ".join(words[at:end])


def name_of(thing: Thing) -> str:
    """A thing that is someone named: the name it ends with ("their neighbour Mrs Patel" is
    "Mrs Patel", "her puppy Biscuit" is "Biscuit")."""
    bare = list(thing.bare)
    start = len(bare) - 1
    while start > 0 and bare[start - 1] in P.GOAL_READING["address"]:
        start -= 1
    return " ".join(bare[start:])
