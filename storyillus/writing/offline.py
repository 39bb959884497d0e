"""The built-in story writer: no network, no model, same story for the same seed.

A story is planned as a sequence of *beats* (the world and the hero, a problem, the
decision to act, attempts where each trait, interest and companion helps, a setback, a
turning point, the resolution, a celebration, bedtime and the personal message), which
are then packed onto exactly ``request.pages`` pages. Each beat is written from phrase
banks (``storyillus/data/phrases``, loaded by ``_phrases``) at one of three reading levels
chosen from the hero's age.

Randomness comes only from ``random.Random`` seeded with the caller's seed and a SHA-256
of the request, so a book can be written again word for word.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyillus._wordmatch import forms, words
from storyillus.casting import ANIMALS, cast_for, known_kind, with_newcomers
from storyillus.domain import CastMember, Character, Companion, PageDraft, Story, StoryRequest
from storyillus.places import Place, places
from storyillus.things import Thing, present_text, things
from storyillus.writing import _phrases as P
from storyillus.writing.idea import Idea, name_of, read_idea, without_absent
from storyillus.writing.staging import (
    book_setting,
    named_places,
    named_times,
    page_characters,
    page_place,
)

__all__ = ["OfflineStoryWriter", "guess_setting", "key_nouns"]

BEDROOM = "bedroom"
"""Where the pictures go when the story comes home at bedtime."""
_OWNERS = frozenset({"his", "her", "their", "my", "our"})
"""Whose someone is when they are the hero's own ("his dad"); "its mother" is an animal's."""
_NIGHT_TIMES = frozenset({"evening", "night", "midnight"})
"""Times of day of a first page that make a bedroom story open at bedtime."""
_HOME_WORDS = frozenset({"home", "house"})
_GROUP_BEATS = frozenset({"celebrate", "group_companions"})
"""Beats where everyone is together, so every companion is in the picture."""

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
_SMALL_TITLE_WORDS = frozenset(
    {"a", "an", "the", "and", "of", "to", "in", "on", "at", "for", "by", "with"}
)
# Sentences allowed on one page, by reading level.
_PAGE_SENTENCES = {"young": 4, "middle": 5, "older": 6}
_MAX_BEATS_PER_PAGE = 4
_MAX_ITEMS = 6
_MAX_FRIENDS = 4
_KNOWN_WORDS = (
    P.PLACE_NOUNS
    | P.CREATURE_NOUNS
    | P.OBJECT_NOUNS
    | P.MODIFIER_WORDS
    | P.FAMILY_TITLES
    | P.THE_NOUNS
    | P.MASS_NOUNS
    | frozenset(P.SETTING_HINTS)
)
_MIDDLE_KINDS = frozenset(
    {
        "use_trait",
        "use_interest",
        "use_companion",
        "group_traits",
        "group_interests",
        "group_companions",
        "wonder",
        "new_friend",
        "rest",
        "cheer",
        "theme",
        "setback",
        "effort",
    }
)
# Beats written from one shared bank each.
_SIMPLE_BANKS: dict[str, dict[str, Any]] = {
    "world": P.WORLD,
    "wonder": P.WONDER,
    "new_friend": P.NEW_FRIEND,
    "rest": P.REST,
    "home": P.HOME,
    "cheer": P.CHEER,
    "theme": P.THEME_MOMENT,
    "setback": P.SETBACK,
    "group_traits": P.USE_GROUP_TRAITS,
    "group_interests": P.USE_GROUP_INTERESTS,
    "group_companions": P.USE_GROUP_COMPANIONS,
}
# Cost of sharing a page, by the pair of beats that would meet; lower merges first.
_PAIR_COSTS = {
    ("open", "world"): 1,
    ("open", "problem"): 2,
    ("world", "problem"): 3,
    ("problem", "decide"): 1,
    ("setback", "turn"): 2,
    ("turn", "resolve"): 1,
    ("resolve", "celebrate"): 3,
    ("celebrate", "home"): 2,
    ("celebrate", "message"): 1,
    ("message", "home"): 1,
    ("home", "message"): 1,
}


# --- Public helpers ------------------------------------------------------------------


def key_nouns(prompt: str) -> list[str]:
    """The prompt's key words, lowercased, in order: stopwords and story-talk removed."""
    nouns: list[str] = []
    for token in _tokens(prompt):
        word = token.lower()
        if _is_key_word(word) and word not in nouns:
            nouns.append(word)
    return nouns


def guess_setting(request: StoryRequest) -> str:
    """The phrase family (``SETTING_DATA`` key) of the book's setting."""
    return book_setting(request).painter


# --- The writer ----------------------------------------------------------------------


class OfflineStoryWriter:
    """Writes picture-book stories from phrase banks; needs no network and no key."""

    name = "offline"
    model = "offline-storyteller"

    def write(
        self,
        request: StoryRequest,
        seed: int,
        cast: tuple[CastMember, ...] | None = None,
        safety_identifier: str | None = None,
    ) -> Story:
        cast = cast if cast is not None else cast_for(request.character, seed)
        fingerprint = _request_fingerprint(request)
        writer = _BookWriter(request, cast, _rng(seed, fingerprint), seed=seed)
        title, pages, missing = writer.write()
        if missing:
            # Some prompt words found no natural place; write again, naming them up front.
            writer = _BookWriter(request, cast, _rng(seed, fingerprint), missing, seed)
            title, pages, _ = writer.write()
        return Story(
            title=title,
            setting=book_setting(request).label,
            cast=writer.cast,
            pages=tuple(pages),
            writer=self.name,
            model=self.model,
        )

    def suggest(
        self,
        character: Character,
        seed: int,
        count: int = 5,
        safety_identifier: str | None = None,
    ) -> list[str]:
        if count <= 0:
            return []
        rng = _rng(seed, _character_fingerprint(character))
        return _suggestions(character, rng, count)


# --- Randomness ----------------------------------------------------------------------


def _names(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", text.casefold()) is not None


def _rng(seed: int, fingerprint: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}|{fingerprint}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _character_fingerprint(character: Character) -> str:
    data = character.to_json()
    data.pop("imagePath", None)
    for companion in data["siblings"]:  # a picture's path is where it is kept, not who
        companion.pop("imagePath", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _request_fingerprint(request: StoryRequest) -> str:
    # The art style and the picture do not change the words, so they do not count.
    data = request.to_json()
    for key in ("seed", "artStyle"):
        data.pop(key, None)
    data["character"] = json.loads(_character_fingerprint(request.character))
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


# --- Words ---------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    tokens = []
    for raw in _TOKEN.findall(text or ""):
        token = re.sub(r"['’]s$", "", raw)
        if "'" in token or "’" in token:
            continue  # contractions ("don't") are never what a story is about
        tokens.append(token)
    return tokens


def _is_key_word(word: str) -> bool:
    return len(word) >= 3 and word not in P.STOPWORDS


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _is_plural(word: str) -> bool:
    return _singular(word) != word


def _setting_of(word: str) -> tuple[str | None, int]:
    for form in (word, _singular(word)):
        if form in P.SETTING_PLACES:
            return P.SETTING_PLACES[form], 1
        if form in P.SETTING_HINTS:
            return P.SETTING_HINTS[form], 0
    return None, 0


def _a_an(phrase: str) -> str:
    first = phrase.split(" ", 1)[0].lower()
    vowel = first[:1] in "aeiou" and not first.startswith(("uni", "use", "one", "eu"))
    return ("an " if vowel or first.startswith(("hour", "honest")) else "a ") + phrase


def _join(items: Sequence[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _cap(text: str) -> str:
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _number_words(number: int) -> str:
    if 0 <= number < 20:
        return P.NUMBER_WORDS[number]
    if 20 <= number < 100:
        tens, ones = divmod(number, 10)
        return P.TENS_WORDS[tens] + (f"-{P.NUMBER_WORDS[ones]}" if ones else "")
    return str(number)


def _finish(text: str) -> str:
    """One tidy unit of text: single spaces, a capital first letter, final punctuation."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = _cap(text)
    if not re.search(r"[.!?][\"'”’)]*$", text):
        text += "."
    return text


def _sentences(text: str) -> list[str]:
    """Split prose into sentences; a quote followed by "said Lila" stays one sentence."""
    parts = re.split(r"(?<=[.!?])\s+|(?<=[.!?][\"”’'])\s+", text.strip())
    sentences: list[str] = []
    for part in parts:
        first = next((c for c in part if c.isalpha()), "")
        if sentences and first.islower():
            sentences[-1] += " " + part
        elif part:
            sentences.append(part)
    return sentences


def _size(units: Sequence[str]) -> int:
    return sum(len(_sentences(unit)) for unit in units)


def _truncate(units: Sequence[str], allowance: int) -> list[str]:
    """As many units as fit in ``allowance`` sentences, but always the first."""
    kept: list[str] = []
    for unit in units:
        if kept and _size([*kept, unit]) > allowance:
            break
        kept.append(unit)
    return kept


def _quoted(message: str) -> str:
    # The message sits inside double quotes, so its own double quotes become single.
    text = " ".join(message.replace('"', "'").replace("“", "'").replace("”", "'").split())
    if not re.search(r"[.!?]['’)]*$", text):
        text += "."
    return text


_NAME_MARK = "\x00"


def _title_case(text: str) -> str:
    """Capitalize a title's words, except small ones and the hero's name (marked)."""
    words = text.split()
    return " ".join(
        word
        if word.startswith(_NAME_MARK) or (index and word.lower() in _SMALL_TITLE_WORDS)
        else _cap(word)
        for index, word in enumerate(words)
    )


def _strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)


def _level(age: int) -> str:
    if age <= 5:
        return "young"
    return "middle" if age <= 8 else "older"


def _bank(bank: dict[str, Any], level: str) -> list[Any]:
    if level in bank:
        return list(bank[level])
    return list(bank.get("rich" if level == "older" else "short", []))


# Story keys that carry a part of the idea (its thing, for whom, a fear, a guide...).
_IDEA_KEYS = frozenset(
    {
        *("item", "the_item", "item_a", "whom", "the_whom", "whither", "the_whither"),
        *("skill", "fear", "the_shape", "shape_truth", "guide_a", "the_guide", "the_gear"),
        *("grown", "grown_a", "the_grown", "grown_reach", "mentor", "trick"),
        *("fear_truth", "fear_task"),
    }
)


def _idea_parts(phrasing: Sequence[str], context: dict[str, str]) -> int:
    """How many of the idea's parts a phrasing names (only those this story has)."""
    fields = {
        field.removesuffix("_cap")
        for template in phrasing
        for _, field, _, _ in string.Formatter().parse(template)
        if field
    }
    return len(fields & _IDEA_KEYS & set(context))


class _Missing(Exception):
    """A template names something this story does not have."""


class _Context(dict[str, str]):
    def __missing__(self, key: str) -> str:
        raise _Missing(key)


def _fill(template: str, context: dict[str, str]) -> str | None:
    """The filled template, or None when it names a key this story lacks.

    A key no story can have never gets here: ``_phrases`` refuses it at load.
    """
    try:
        return template.format_map(context)
    except _Missing:
        return None


# --- What the prompt is about --------------------------------------------------------


@dataclass(frozen=True)
class _NounPhrase:
    """A run of key words in the prompt, e.g. "cosmic garden": modifiers, then a head."""

    words: tuple[str, ...]

    @property
    def head(self) -> str:
        return self.words[-1].lower()

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def kind(self) -> str:
        forms = {self.head, _singular(self.head)}
        if self.head in P.FAMILY_TITLES:
            return "person"
        if forms & P.PLACE_NOUNS:
            return "place"
        if forms & P.CREATURE_NOUNS:
            return "creature"
        if forms & P.OBJECT_NOUNS:
            return "object"
        if all(word.lower() in P.MODIFIER_WORDS for word in self.words):
            return "modifier"
        return "other"

    def singular_text(self) -> str:
        return " ".join((*self.words[:-1], _singular(self.head)))

    def as_topic(self) -> str:
        """How to say it after "dreaming about": "a rocket", "planets", "Paris"."""
        last = self.words[-1]
        if self.kind() == "person":
            return " ".join([*self.words[:-1], _cap(last)])
        known = {self.head, _singular(self.head)} & (
            P.OBJECT_NOUNS | P.CREATURE_NOUNS | P.PLACE_NOUNS
        )
        gerund = self.head.endswith("ing") and len(self.head) > 5 and not known
        if _is_plural(self.head) or last[:1].isupper() or gerund or self.head in P.MASS_NOUNS:
            return self.text
        if self.head in P.THE_NOUNS:
            return f"the {self.text}"
        return _a_an(self.text)


def _goal_arc(goal: str) -> dict[str, Any]:
    """The arc of a goal (goals.toml): its own beats, the shared ones, and one-line tellings."""
    own = P.GOALS[goal]
    common = P.GOAL_COMMON

    def lines(bank: dict[str, list[tuple[str, ...]]], last: bool) -> list[str]:
        return [phrasing[-1 if last else 0] for phrasing in bank["short"]]

    compact = {
        "problem": lines(own["problem"], last=True),
        "decide": [phrasing[0] for phrasing in common["decide"]["young"]],
        "turn": lines(own["turn"], last=False),
        "resolve": lines(own["resolve"], last=True),
    }
    return {**own, **common, "compact": compact}


def _noun_phrases(prompt: str, skip: set[str]) -> list[_NounPhrase]:
    phrases: list[_NounPhrase] = []
    run: list[str] = []
    # "grandpa's farm" is a farm, not a "grandpa farm": an owner ends the run before it.
    owners = {
        re.sub(r"['’]s$", "", raw)
        for raw in _TOKEN.findall(prompt or "")
        if raw[-2:] in ("'s", "’s")
    }
    tokens = _tokens(prompt)
    for token in tokens:
        word = token.lower()
        if token in owners:
            if run:
                phrases.append(_NounPhrase(tuple(run[-3:])))
                run = []
            continue
        if _is_key_word(word) and word not in skip:
            # Keep the capital of a name ("Paris"), even first in the prompt, when the word
            # is not one the phrase banks know as an ordinary noun.
            proper = token[:1].isupper() and word not in _KNOWN_WORDS
            run.append(token if proper else word)
            continue
        if run:
            phrases.append(_NounPhrase(tuple(run[-3:])))
            run = []
    if run:
        phrases.append(_NounPhrase(tuple(run[-3:])))
    return phrases


# --- The hero and friends ------------------------------------------------------------


@dataclass
class _Trait:
    word: str
    key: str | None

    def acts(self, level: str) -> list[str]:
        entry = P.TRAITS.get(self.key or "")
        if entry:
            return entry["short"] if level == "young" else entry["long"] + entry["short"][:1]
        bank = P.TRAIT_GENERIC_SHORT if level == "young" else P.TRAIT_GENERIC_LONG
        return [act.replace("{t}", self.word) for act in bank]

    def pose(self) -> str:
        entry = P.TRAITS.get(self.key or "")
        return entry["pose"][0] if entry else f"helps out with a {self.word} smile"

    @property
    def is_adjective(self) -> bool:
        return " " not in self.word


@dataclass
class _Interest:
    word: str
    key: str | None

    def acts(self, level: str) -> list[str]:
        entry = P.INTERESTS.get(self.key or "")
        if entry:
            return entry["short"] if level == "young" else entry["long"]
        bank = P.INTEREST_GENERIC_SHORT if level == "young" else P.INTEREST_GENERIC_LONG
        return [act.replace("{i}", self.word) for act in bank]

    def objects(self) -> list[str]:
        entry = P.INTERESTS.get(self.key or "")
        return list(entry["obj"]) if entry else []

    def ideas(self) -> list[str]:
        entry = P.INTERESTS.get(self.key or "")
        return list(entry["idea"]) if entry else []


@dataclass
class _Friend:
    name: str
    relation: str
    traits: list[_Trait]

    def intro(self, hero: str) -> str:
        return f"{hero}'s {self.relation} {self.name}"


def _trait_key(word: str) -> str | None:
    word = word.lower()
    if word in P.TRAITS:
        return word
    return P.TRAIT_ALIASES.get(word)


def _interest_key(word: str) -> str | None:
    word = word.lower()
    for form in (word, _singular(word), word + "s"):
        if form in P.INTERESTS:
            return form
        if form in P.INTEREST_ALIASES:
            return P.INTEREST_ALIASES[form]
    return None


def _split_traits(character: Character) -> tuple[list[_Trait], list[_Interest]]:
    """Traits and interests; a "trait" like "loves animals" is really an interest."""
    traits: list[_Trait] = []
    interests: list[_Interest] = []
    for raw in character.personality:
        word = " ".join(raw.lower().split())
        liking = re.match(r"^(?:loves|likes|enjoys|love|like|enjoy)\s+(.+)$", word)
        if liking:
            interests.append(_Interest(liking.group(1), _interest_key(liking.group(1))))
        elif word:
            word = re.sub(r"^(?:is|very|really|super)\s+", "", word)
            traits.append(_Trait(word, _trait_key(word)))
    for raw in character.interests:
        word = " ".join(raw.split())
        if not word:
            continue
        key = _interest_key(word)
        # "Minecraft" keeps its capital; "Dinosaurs" is just dinosaurs.
        interests.append(_Interest(word if word[:1].isupper() and not key else word.lower(), key))
    traits = _unique(traits, lambda t: t.word)[:_MAX_ITEMS]
    interests = _unique(interests, lambda i: i.word.lower())[:_MAX_ITEMS]
    if not traits:
        traits = [_Trait(word, word) for word in P.DEFAULT_TRAITS]
    return traits, interests


def _unique(items: Iterable[Any], key: Any) -> list[Any]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return kept


def _friends(companions: Sequence[Companion]) -> list[_Friend]:
    friends = []
    for companion in [c for c in companions if c.name.strip()][:_MAX_FRIENDS]:
        traits = [_Trait(t.lower(), _trait_key(t)) for t in companion.traits if t.strip()]
        relation = " ".join((companion.relation or "friend").lower().split()) or "friend"
        friends.append(_Friend(companion.name.strip(), relation, traits))
    return _unique(friends, lambda f: f.name.lower())


# --- Planning ------------------------------------------------------------------------


@dataclass
class _Beat:
    kind: str
    item: Any = None


def _pair_cost(left: str, right: str) -> int:
    if left == right == "effort":
        return 5  # each try gets a page of its own (and its own place) when it can
    if left in _MIDDLE_KINDS and right in _MIDDLE_KINDS:
        return 0
    if (left, right) in _PAIR_COSTS:
        return _PAIR_COSTS[(left, right)]
    if left == "decide" and right in _MIDDLE_KINDS:
        return 3
    if left in _MIDDLE_KINDS and right == "turn":
        return 4
    return 6


def _pack(
    beats: list[_Beat], pages: int, cap: int = _MAX_BEATS_PER_PAGE
) -> list[list[_Beat]] | None:
    """Merge neighbouring beats, smallest and most related first, until they fit."""
    packed = [[beat] for beat in beats]
    while len(packed) > pages:
        best: tuple[int, int] | None = None
        for index in range(len(packed) - 1):
            size = len(packed[index]) + len(packed[index + 1])
            if size > cap:
                continue
            cost = size * 10 + _pair_cost(packed[index][-1].kind, packed[index + 1][0].kind)
            if best is None or cost < best[0]:
                best = (cost, index)
        if best is None:
            return None
        index = best[1]
        packed[index : index + 2] = [packed[index] + packed[index + 1]]
    return packed


def _interleave(*groups: Sequence[_Beat]) -> list[_Beat]:
    merged = []
    for index in range(max((len(g) for g in groups), default=0)):
        merged.extend(group[index] for group in groups if index < len(group))
    return merged


def _fear_lore(fear: Any) -> tuple[str, str] | None:
    """What the phrase data knows of a fear ("the thunderstorm": "stay brave while the
    thunder rumbled", "the thunder was just the sky playing the drums"), for an idea's fear
    of the same thing; None when no setting's fears know it."""
    if fear is None:
        return None
    wanted = set(forms(fear.head.lower()))
    for data in P.SETTING_DATA.values():
        for name, task, truth in [*data["fears"], P.DARK_FEAR]:
            if wanted & {form for word in words(name) for form in forms(word)}:
                return task, truth
    return None


def _nearby(place: Place) -> list[str]:
    """Where a story's tries happen near ``place`` (goals.toml ``[nearby]``); a place with
    none listed keeps its tries at the place itself ("all around the zoo"), never at a
    stock sight of somewhere else (an apple tree at the zoo)."""
    listed = P.NEARBY.get(place.name)
    if listed:
        return list(listed)
    return [line.format(place=place.name) for line in P.NEARBY_ANY]


def _times(pages: int, setting: str, at_night: bool = False) -> list[str]:
    """The time of day on each page: morning to bedtime, or one long night in space or in
    a story the idea sets at night ("at bedtime")."""
    times = []
    for index in range(pages):
        last = index == pages - 1
        fraction = index / max(pages - 1, 1)
        if setting == "space" or at_night:
            time = "evening" if index == 0 else "midnight" if 0.4 <= fraction < 0.7 else "night"
        elif last:
            time = "night"
        elif index == pages - 2 and pages >= 5:
            time = "sunset"
        else:
            time = "morning" if fraction < 0.4 else "afternoon"
        times.append("night" if last else time)
    return times


# --- Writing one book ----------------------------------------------------------------


@dataclass
class _Page:
    beats: list[_Beat]
    time: str
    units: list[str] = field(default_factory=list)
    landmark: str = ""
    tries: list[str] = field(default_factory=list)
    """Where this page's tries happen ("down by the river"), as its text says it."""

    def has(self, kind: str) -> bool:
        return any(beat.kind == kind for beat in self.beats)


class _BookWriter:
    """Everything needed to write one book; used once."""

    def __init__(
        self,
        request: StoryRequest,
        cast: tuple[CastMember, ...],
        rng: random.Random,
        dream: Sequence[str] = (),
        seed: int = 0,
    ) -> None:
        self.request = request
        self.cast = cast
        self.request_cast = cast
        """The book's cast; ``write`` adds whom the story brings in (a new friend, a guide)."""
        self.seed = seed
        self.dream = list(dream)
        self.rng = rng
        character = request.character
        self.name = character.name.strip()
        self.level = _level(character.age)
        self.place = book_setting(request)
        self.setting = self.place.painter
        self.data: dict[str, Any] = P.SETTING_DATA[self.setting]
        self.traits, self.interests = _split_traits(character)
        self.friends = _friends(character.companions)
        self.themes = _unique(
            [t.strip() for t in request.themes if t.strip()], lambda t: t.lower()
        )[:3]
        self.message = character.message.strip()
        self.used: set[str] = set()
        self.written: list[str] = []
        self.spent: set[tuple[str, int]] = set()
        self.decks: dict[str, list[int]] = {}
        self.landmarks = self._deck_of(self.data["landmarks"])
        self.obstacles = self._deck_of(self.data["obstacles"])
        skip = {part.lower() for part in self.name.split()}
        for friend in self.friends:
            skip.update(part.lower() for part in friend.name.split())
        self.idea: Idea = read_idea(request.prompt, tuple(skip))
        # Where a thing of the idea grows to ("up to the clouds") is no place of the story.
        self.phrases = _noun_phrases(self.idea.near or request.prompt, skip)
        # The idea's drawable things ("the egg", "the turtle", "his toys"): a page whose text
        # names one shows it; what the idea says is not there ("without training wheels")
        # is in no picture.
        self.key_things: list[Thing] = things().mentions(
            self._without_names(without_absent(request.prompt, self.idea.absent))
        )
        if self.idea.goal:
            # The idea says what the hero sets out to do: no dream line about its words.
            self.dream = []
        self.context = _Context()
        self.arc = "goal" if self.idea.goal else self._choose_arc()
        self._prepare_world()
        self.arc_data: dict[str, Any] = (
            _goal_arc(self.idea.goal) if self.idea.goal else P.ARCS[self.arc]
        )
        self.try_places = self._deck_of(_nearby(self.place))
        self._prepare_arc()
        self.message_before_home = bool(self.message) and self.rng.random() < 0.4
        self.note_is_written = False
        self.arrived = True
        self.bedtime_open = False
        """Whether the book opens in the bedroom at night (``write`` decides)."""
        self.pages: list[_Page] = []
        """The book's pages, rendered in order (``write``)."""
        self.current: _Page | None = None
        """The page being rendered (``_render_page``)."""

    # -- context ----------------------------------------------------------------------

    def _set(self, key: str, value: str | None) -> None:
        if value:
            self.context[key] = value
            self.context[key + "_cap"] = _cap(value)

    def _deck_of(self, items: Sequence[str]) -> list[str]:
        deck = list(items)
        self.rng.shuffle(deck)
        return deck

    @staticmethod
    def _next(deck: list[str]) -> str:
        item = deck.pop(0)
        deck.append(item)
        return item

    def _prepare_world(self) -> None:
        self._prepare_hero()
        by_kind: dict[str, list[_NounPhrase]] = {}
        for phrase in self.phrases:
            by_kind.setdefault(phrase.kind(), []).append(phrase)
        self._prepare_place(by_kind)
        self._prepare_creature(by_kind)
        self._prepare_leftovers(by_kind)

    def _prepare_hero(self) -> None:
        character = self.request.character
        self._set("name", self.name)
        self._set("age", str(character.age))
        self._set("age_words", _number_words(character.age))
        self._set("a_age", _a_an(f"{_number_words(character.age)}-year-old"))
        self._set(
            "hero",
            self.rng.choice(
                ["our hero", "our little hero"] if self.level == "young" else ["our hero"]
            ),
        )
        self._set("setting_word", self.data["word"])
        self._set("home", self.rng.choice(self.data["homes"]))
        for key, sight in zip(
            ("sight", "sight2", "sight3"), self.rng.sample(self.data["sights"], 3), strict=True
        ):
            self._set(key, sight)
        self._set("bed_view", self.data["bed_view"])
        self._set("snack", self.rng.choice(self.data["snacks"]))
        self._set("trait_list", _join([t.word for t in self.traits]))
        self._set("interest_list", _join([i.word for i in self.interests]))
        self._set("t1", self.traits[0].word)
        if self.traits[0].is_adjective:
            self._set("t1_adj", self.traits[0].word)
        # The turning point suits a thinking kind of trait; without one, other lines are used.
        thinker = next((t for t in self.traits if t.key in P.THINKING_TRAITS), None)
        if thinker and thinker.is_adjective:
            self._set("t_turn", thinker.word)
        if self.friends:
            self._set("friends", _join([f.name for f in self.friends]))
            self._set("friend", self.friends[0].name)
            intros = [self.friends[0].intro(self.name)]
            intros += [f"{f.relation} {f.name}" for f in self.friends[1:]]
            self._set("friends_intro", _join(intros))
        self._set("team", _join([self.name, *[f.name for f in self.friends]]))
        if self.themes:
            self._set("theme_list", _join(self.themes))

    def _prepare_place(self, by_kind: dict[str, list[_NounPhrase]]) -> None:
        """The story's special place: the prompt's own, or the setting's, maybe "cosmic"."""
        moods = [p.text for p in by_kind.get("modifier", [])]
        self.place_phrase = next(
            (p for p in by_kind.get("place", []) if p.head not in ("home", "space", "house")),
            None,
        )
        if self.place_phrase:
            place = f"the {self.place_phrase.text}"
        elif moods:
            words = " ".join(moods[:2]).split()
            noun = next(
                (P.MODIFIER_PLACES[w] for w in words if w in P.MODIFIER_PLACES),
                self.data["place_noun"],
            )
            place = " ".join(["the", *[w for w in words if w not in noun.split()], noun])
        else:
            place = self.data["place"]
        self._set("place", place)
        # A journey goes to the prompt's place, so the hero cannot already live beside it.
        self.journey_to_place = self.arc == "journey" and self.place_phrase is not None
        home = self.context["home"]
        named = (self.place_phrase or moods) and not set(place.split()[1:]) <= set(
            home.lower().split()
        )
        if named and not self.journey_to_place:
            # Living next to the prompt's place puts it on the very first page.
            near = "close to" if " near " in f" {home} " else "near"
            home = f"near {place}" if self.level == "young" else f"{home}, {near} {place}"
            self._set("home", home)
        if self.request.pages < 10 and place not in home and not self.journey_to_place:
            self._set("special_place", place)

    def _prepare_creature(self, by_kind: dict[str, list[_NounPhrase]]) -> None:
        """The friend the hero meets: the prompt's creature, or one that lives there."""
        creature = next(iter(by_kind.get("creature", [])), None)
        if creature:
            bare = creature.singular_text()
            described = bare if len(creature.words) > 1 else f"little {bare}"
        else:
            bare = self.rng.choice(self.data["creatures"])
            described = f"little {bare}"
        self._set("creature_bare", bare)
        self._set("creature_a", _a_an(described))
        self._set("the_creature", f"the {described}")

    def _prepare_leftovers(self, by_kind: dict[str, list[_NounPhrase]]) -> None:
        """Prompt words with no part to play yet; the opening may dream about them."""
        self.object_phrase = next(iter(by_kind.get("object", [])), None)
        if self.idea.goal:
            return  # the goal names the idea's things; nothing is left to dream about
        placed = [self.place_phrase, *by_kind.get("creature", [])[:1], *by_kind.get("modifier", [])]
        if self.object_phrase and _singular(self.object_phrase.head) in P.OWNABLE_NOUNS:
            self._set("obj_a", self.object_phrase.as_topic())
            placed.append(self.object_phrase)
        used = {id(p) for p in placed if p}
        leftovers = [p for p in self.phrases if id(p) not in used]
        self._set("dream", _join([p.as_topic() for p in leftovers[:3]]))

    def _choose_arc(self) -> str:
        words = {w.lower() for w in _tokens(self.request.prompt)}
        themes = " ".join(self.themes).lower()
        weights = []
        for arc, cues in P.ARC_CUES.items():
            weight = 1.0 + 3.0 * len(words & set(cues))
            if arc == "fear" and ("courage" in themes or "brave" in themes):
                weight += 2.0
            if arc == "help" and "kind" in themes:
                weight += 1.0
            weights.append(weight)
        return self.rng.choices(list(P.ARC_CUES), weights=weights)[0]

    def _prepare_goal(self) -> None:
        """The goal's words: what to do, the thing, for whom, a new friend's name."""
        idea = self.idea
        goal = P.GOALS[idea.goal or ""]
        thing, whom = idea.thing, idea.whom
        if thing is not None:
            self._set("item", thing.head)
            self._set("the_item", thing.named)
            self._set("item_a", thing.a)
            self._set("item_was", "were" if thing.plural else "was")
        if idea.grown is not None:
            self._set("grown", idea.grown.head)
            self._set("grown_a", idea.grown.a)
            self._set("the_grown", idea.grown.named)
            self._set("grown_reach", idea.reach)
        self._set("mentor", idea.mentor)
        self._set("trick", idea.trick)
        lore = _fear_lore(idea.fear or (thing if idea.goal == "fear" else None))
        if lore:
            self._set("fear_task", lore[0])
            self._set("fear_truth", lore[1])
        if whom is not None:
            self._set("the_whither" if idea.whom_is_place else "the_whom", whom.text)
            own = whom.words[0].lower()
            if whom.head[:1].isupper():
                said = name_of(whom)  # "her puppy Biscuit" is Biscuit
            elif own == "its" and thing:
                # "its mother" is the egg's mother wherever the egg is not the subject.
                said = f"{thing.short}'s {' '.join(whom.bare)}"
            elif own in ("his", "her", "their", "my", "our"):
                said = whom.text  # "his dad", as the idea says it
            else:
                said = whom.full
            self._set("whither" if idea.whom_is_place else "whom", said)
        self._set("skill", idea.skill)
        if idea.fear is not None:
            self._set("fear", idea.fear.named)
        if idea.reveal is not None:
            self._set("the_shape", idea.reveal.shape.named)
            self._set("shape_was", idea.reveal.was)
            self._set("shape_truth", idea.reveal.truth)
        if idea.guide is not None:
            self._set("guide_a", idea.guide.a)
            self._set("the_guide", idea.guide.named)
        if idea.gear:
            took, did = P.GOAL_USES[idea.gear[0]]
            self._set("the_gear", f"the {idea.gear[0]}")
            self._set("gear_took", took)
            self._set("gear_did", did)
        # Family the idea names ("her grandpa's farm") go along with the hero, by title.
        family = [h for h in idea.helpers if h.lower() in P.FAMILY_TITLES]
        if family:
            team = [self.name, *[f.name for f in self.friends], *map(_cap, family)]
            self._set("team", _join(team))
        # A new friend never shares a name with the hero or a companion ("Leo met Leo").
        taken = {self.name.casefold(), *(f.name.casefold() for f in self.friends)}
        # The draw is the same whatever the names, so the rest of the book is too.
        pals = P.GOAL_READING["pals"]
        at = pals.index(self.rng.choice(pals))
        free = [p for p in pals[at:] + pals[:at] if p.casefold() not in taken]
        self._set("pal", (free or pals)[0])
        if idea.helpers:
            self._set("helper", idea.helpers[0])
        aim = _fill(goal["aim"], self.context) if "aim" in goal else idea.clause
        self._set("aim", aim)
        self._set("aim_done", idea.done_clause if "aim" not in goal else f"managed to {aim}")

    def _prepare_arc(self) -> None:
        rng, data = self.rng, self.data
        self.needs_new_friend = self.arc == "journey"
        if self.arc == "goal":
            self._prepare_goal()
        elif self.arc == "lost":
            obj = self.object_phrase
            if obj and _singular(obj.head) in P.OWNABLE_NOUNS and rng.random() < 0.7:
                thing = obj.singular_text()
            else:
                thing = rng.choice(data["things"])
            self._set("thing_bare", thing)
            self._set("thing", _a_an(thing))
            self._set("the_thing", f"the {thing}")
            self._set("my_thing", f"my {thing}")
            self._set("hide", rng.choice(data["hides"]))
            person = next((p for p in self.phrases if p.kind() == "person"), None)
            if person:
                # "Grandma's lost ring": the person in the prompt is the one who lost it.
                self._set("owner", person.as_topic())
                self._set("owner_pos", f"{person.as_topic()}'s")
                self._set("owner_intro", person.as_topic())
                self.needs_new_friend = True
            elif self.friends and rng.random() < 0.4:
                owner = self.friends[0]
                self._set("owner", owner.name)
                self._set("owner_pos", f"{owner.name}'s")
                self._set("owner_intro", owner.intro(self.name))
                self.needs_new_friend = True
            else:
                self._set("owner", self.context["the_creature"])
                self._set("owner_pos", f"{self.context['the_creature']}'s")
                self._set("owner_intro", self.context["creature_a"])
        elif self.arc == "help":
            need = rng.choice(P.HELP_NEEDS)
            for key, value in need.items():
                self._set(key, _fill(value, self.context))
        elif self.arc == "journey":
            dest = self.context["place"] if self.journey_to_place else rng.choice(data["dests"])
            self._set("dest", dest)
            self._set("dest_wonder", rng.choice(data["dest_wonders"]))
            objects = [o for i in self.interests for o in i.objects()[:1]]
            self._set("pack", _join(["a snack", *objects[:2], "a little flashlight"]))
        elif self.arc == "fear":
            words = {w.lower() for w in _tokens(self.request.prompt)}
            fears = [P.DARK_FEAR] if words & {"dark", "night"} else data["fears"]
            fear, task, reveal = rng.choice(fears)
            self._set("fear", fear)
            self._set("task", task)
            self._set("reveal", reveal)
        else:
            clue, question, answer = rng.choice([*data["mysteries"], *P.GENERIC_MYSTERIES])
            self._set("clue", clue)
            self._set("question", question)
            self._set("answer", _fill(answer, self.context))

    # -- planning ---------------------------------------------------------------------

    def _plan(self) -> list[list[_Beat]]:
        pages = self.request.pages
        for grouping in range(4):
            packed = _pack(self._beats(grouping), pages)
            if packed is not None:
                return packed
        # Only stored requests that skipped validation get here (fewer than four pages).
        beats = self._beats(3)
        return _pack(beats, pages, cap=len(beats)) or [beats]

    def _beats(self, grouping: int) -> list[_Beat]:
        pages = self.request.pages
        head = [_Beat("open")]
        if pages >= 10:
            head.append(_Beat("world"))
        head += [_Beat("problem"), _Beat("decide")]
        tail = [_Beat("turn"), _Beat("resolve"), _Beat("celebrate")]
        if self.message and self.message_before_home:
            tail += [_Beat("message"), _Beat("home")]
        elif self.message:
            tail += [_Beat("home"), _Beat("message")]
        else:
            tail.append(_Beat("home"))
        traits = [_Beat("use_trait", t) for t in self.traits]
        interests = [_Beat("use_interest", i) for i in self.interests]
        if self.arc == "goal":
            # A goal story's tries carry it: a stock trait line ("peeked behind every
            # rock") or a hobby ("drew a careful map") rarely fits its idea. The child's
            # own traits stay, the made-up ones and the hobbies go.
            traits = traits if self.request.character.personality else []
            interests = []
        friends = [_Beat("use_companion", f) for f in self.friends]
        if grouping >= 1 and len(traits) > 1:
            traits = [_Beat("group_traits")]
        if grouping >= 2 and len(interests) > 1:
            interests = [_Beat("group_interests")]
        if grouping >= 3 and len(friends) > 1:
            friends = [_Beat("group_companions")]
        if self.arc == "goal":
            # The tries carry the story: each at a place of the journey.
            tries = [_Beat("effort") for _ in range(2 if pages < 10 else 3)]
            middle = _interleave(tries, traits, interests, friends)
        else:
            middle = _interleave(traits, interests, friends)
        if self.needs_new_friend:
            middle.insert(0, _Beat("new_friend"))
        missing = pages - len(head) - len(tail) - len(middle)
        if missing > 0:
            middle = self._with_fillers(middle, missing)
        return head + middle + tail

    def _with_fillers(self, middle: list[_Beat], count: int) -> list[_Beat]:
        """Add scenery, rests and setbacks, each at its natural place in the middle."""
        options: list[tuple[float, _Beat]] = [(0.99, _Beat("setback")), (0.25, _Beat("wonder"))]
        if self.friends:
            options.append((0.6, _Beat("rest")))
        options.append((0.45, _Beat("effort")))
        options += [(0.35 + 0.1 * n, _Beat("theme", t)) for n, t in enumerate(self.themes)]
        options += [(0.7 - 0.2 * n, _Beat("cheer", f)) for n, f in enumerate(self.friends[:2])]
        options += [
            (0.65, _Beat("wonder")),
            (0.8, _Beat("effort")),
            (0.85, _Beat("wonder")),
            (0.15, _Beat("effort")),
            (0.5, _Beat("wonder")),
            (0.9, _Beat("effort")),
            (0.55, _Beat("wonder")),
            (0.3, _Beat("effort")),
        ]
        # Repeat the scenery if a very long book needs more than the list holds.
        chosen = [options[n % len(options)] for n in range(count)]
        placed = [((n + 0.5) / max(len(middle), 1), 0, beat) for n, beat in enumerate(middle)]
        placed += [(fraction, 1, beat) for fraction, beat in chosen]
        placed.sort(key=lambda item: (item[0], item[1]))
        return [beat for _, _, beat in placed]

    # -- rendering --------------------------------------------------------------------

    def write(self) -> tuple[str, list[PageDraft], list[str]]:
        plan = self._plan()
        at_night = bool(P.NIGHT_WORDS & set(re.findall(r"\w+", self.request.prompt.casefold())))
        times = _times(len(plan), self.setting, at_night)
        pages = [_Page(beats, time) for beats, time in zip(plan, times, strict=True)]
        for page in pages:
            if any(beat.kind == "home" for beat in page.beats):
                page.time = "night"  # bedtime is at night, whatever page it falls on
        # A bedtime story opens where and when its first page is: in the bedroom at night.
        self.bedtime_open = self.place.name == BEDROOM and times[0] in _NIGHT_TIMES
        if self.bedtime_open:
            for key in ("special_place", "special_place_cap"):
                self.context.pop(key, None)  # "favorite place ... was the house"
        self.pages = pages
        self._set("at_place", self._at_place(self.place))
        first_when = self.rng.choice(P.TIME_WHEN.get(times[0], P.TIME_WHEN["morning"]))
        self._set("when", first_when)
        self._set("when_lower", _lower_first(first_when))
        for page in pages:
            self._render_page(page, last=page is pages[-1])
        missing = self._ensure_covered(pages)
        texts = [" ".join(page.units) for page in pages]
        named = [person for person in self._newcomers() if any(_names(person[0], t) for t in texts)]
        self.cast = with_newcomers(self.cast, self.seed, named, self.request.character.age)
        # The one the hero is looking for, or brings something to, is named long before
        # they are there ("Where was his dad?"): they join the pictures when found.
        found = next((n for n, p in enumerate(pages) if p.has("resolve")), len(pages))
        away = {name for name, _ in self._sought()}
        characters = [
            tuple(
                name
                for name in page_characters(self.cast, self._gathered(page), text)
                if n >= found or name not in away
            )
            for n, (page, text) in enumerate(zip(pages, texts, strict=True))
        ]
        drafts = [
            PageDraft(text=text, scene=scene, place=place, characters=on_page)
            for text, on_page, (scene, place) in zip(
                texts, characters, self._scenes(pages, characters), strict=True
            )
        ]
        return self._title(), drafts, missing

    def _newcomers(self) -> list[tuple[str, str]]:
        """(name, role) of whom the story brings in besides the cast, in the words its
        pages name them by: the new friend ("Omar", a friend), the guide met on the way
        ("Bus driver"), family and helpers the idea names ("Grandpa"), the one a thing is
        for when that is someone of the hero's ("his dad"). Only those a page names are cast
        (``write``); whoever the looks vocabulary cannot draw is left out by the casting."""
        idea, people = self.idea, []
        if "pal" in self.context:
            people.append((self.context["pal"], "friend"))
        guide = idea.guide
        if guide is not None and guide.head[:1].isupper():  # "her dog Max" is Max, a dog
            people.append((guide.head, " ".join(guide.bare[:-1]) or "friend"))
        elif guide is not None:
            role = guide.named.removeprefix("the ")
            people.append((_cap(role), role))
        for helper in idea.helpers:
            if helper[:1].isupper():
                # "her puppy Max" is Max, a puppy: the word before the name says the role.
                before = re.search(rf"(\w+)(?:['’]s)?\s+{re.escape(helper)}\b", self.idea.text)
                if before:
                    people.append((helper, before.group(1).lower()))
            elif known_kind(helper) not in ANIMALS and not self._names_member(helper):
                # An unnamed animal ("a lost kitten") is a thing of the picture
                # (things.toml), drawn where named; cast too, it would be drawn twice.
                people.append((_cap(helper), helper))
        return people + self._sought()

    def _sought(self) -> list[tuple[str, str]]:
        """(name, role) of the one the goal is for when they are someone of the hero's own
        ("his dad", "his grandmother"); not a companion, whom the cast already has."""
        whom = self.idea.whom
        if whom is None or self.idea.whom_is_place or whom.words[0].lower() not in _OWNERS:
            return []
        role = " ".join(whom.bare)
        if whom.head[:1].isupper():  # "her friend Mia", "their neighbour Mrs Patel"
            named = name_of(whom)
            if any(m.name.casefold() == named.casefold() for m in self.request_cast):
                return []
            role = " ".join(whom.bare[: len(whom.bare) - len(named.split())])
            return [(named, role or "friend")]
        return [] if self._names_member(role) else [(_cap(role), role)]

    def _names_member(self, role: str) -> bool:
        """Whether the idea says ``role`` just before a cast member's name ("his grandmother
        Nani", "her puppy Biscuit"): the role is that member's, not someone new."""
        return any(
            re.search(rf"\b{re.escape(role)}\s+{re.escape(m.name)}\b", self.idea.text, re.I)
            for m in self.request_cast
        )

    def _gathered(self, page: _Page) -> tuple[str, ...]:
        """The companions a page shows without naming them: everyone at a celebration
        away from home. Elsewhere a companion is in the picture only where the words say so
        (``staging.page_characters``): a grandmother does not stand in every classroom."""
        if any(beat.kind in _GROUP_BEATS for beat in page.beats) and self._focus(
            page.beats
        ).kind not in ("home", "message"):
            return tuple(f.name for f in self.friends)
        return ()

    def _render_page(self, page: _Page, last: bool) -> None:
        self.current = page
        budget = _PAGE_SENTENCES[self.level]
        for beat, allowance in zip(page.beats, self._allowances(page.beats, budget), strict=True):
            units = self._render_beat(beat, allowance)
            page.units.extend(units)
            self.written.extend(units)
            where = self.context.get("try_at", "")
            if beat.kind == "effort" and where and any(where in unit.lower() for unit in units):
                page.tries.append(where)
        page.landmark = self.context["landmark"]
        if last and _size(page.units) < budget:
            closing = self._pick("goodnight", [(line,) for line in self._goodnights()], 1)
            page.units.extend(closing)
        if not page.units:  # never happens with these banks; a blank page would be worse
            page.units.append(_finish(f"{self.name} smiled."))

    def _goodnights(self) -> list[str]:
        if self.level == "older":
            return ["And before long, {name} was fast asleep, smiling.", "The end."]
        return ["Goodnight, {name}.", "Sweet dreams, {name}.", "The end."]

    @staticmethod
    def _allowances(beats: list[_Beat], budget: int) -> list[int]:
        # Every beat gets a line; the ones that carry the plot get more first.
        order = [
            "message",
            "problem",
            "resolve",
            "turn",
            "open",
            "use_trait",
            "use_interest",
            "use_companion",
            "celebrate",
            "decide",
        ]
        allowance = [1] * len(beats)
        spare = budget - len(beats)
        ranked = sorted(
            range(len(beats)),
            key=lambda i: order.index(beats[i].kind) if beats[i].kind in order else len(order),
        )
        while spare > 0:
            for index in ranked:
                if spare <= 0:
                    break
                allowance[index] += 1
                spare -= 1
        return allowance

    def _pick(
        self,
        key: str,
        phrasings: list[tuple[str, ...]],
        allowance: int,
        extra: dict[str, str] | None = None,
        strict: bool = False,
        once: bool = False,
        fits: Callable[[list[str]], bool] | None = None,
    ) -> list[str]:
        """Fill the next unused phrasing that fits; repeats are never written twice.

        With ``strict`` nothing is written unless a phrasing fits; otherwise the best
        phrasing is cut short, keeping at least its first line. With ``once`` a phrasing
        is used at most once per book, even with different words filled in. With ``fits``
        only phrasings whose filled lines it accepts are written.
        """
        if allowance <= 0 and strict:
            return []
        if not phrasings:
            return []
        context = _Context(self.context)
        for name, value in (extra or {}).items():
            if value:
                context[name] = value
                context[name + "_cap"] = _cap(value)
        deck = self.decks.setdefault(key, self.rng.sample(range(len(phrasings)), len(phrasings)))
        spent = {index for bank, index in self.spent if bank == key}
        candidates: list[tuple[int, list[str]]] = []
        for index in deck:
            if once and (key, index) in self.spent:
                continue
            units = self._fill_phrasing(phrasings[index], context)
            if units and (fits is None or fits(units)):
                candidates.append((index, units))
        if not candidates:
            return []
        if self.arc == "goal":
            # The phrasing that names more of the idea's parts tells more of the idea.
            # A phrasing used already waits until the others have had their turn.
            candidates.sort(key=lambda c: (c[0] in spent, -_idea_parts(phrasings[c[0]], context)))
        fitting = [c for c in candidates if _size(c[1]) <= allowance]
        if strict and not fitting:
            fitting = [(i, u[:1]) for i, u in candidates if _size(u[:1]) <= allowance]
            if not fitting:
                return []
        index, units = (fitting or candidates)[0]
        deck.remove(index)
        deck.append(index)
        self.spent.add((key, index))
        units = _truncate(units, allowance)
        for unit in units:
            self.used.update(sentence.lower() for sentence in _sentences(unit))
        return units

    def _fill_phrasing(self, phrasing: tuple[str, ...], context: _Context) -> list[str]:
        units: list[str] = []
        seen: set[str] = set()
        for position, template in enumerate(phrasing):
            text = _fill(template, context)
            sentences = {s.lower() for s in _sentences(_finish(text))} if text else set()
            if text is None or sentences & (self.used | seen):
                if position == 0:
                    return []  # the opening line carries the meaning; without it, skip
                continue
            seen |= sentences
            units.append(_finish(text))
        return units

    def _render_beat(self, beat: _Beat, allowance: int) -> list[str]:
        self._set("landmark", self._next(self.landmarks))
        if self.try_places and beat.kind == "effort":
            # Each try moves on to the next place near the story's setting.
            self._set("try_at", self._next(self.try_places))
        kind = beat.kind
        if kind in ("problem", "decide", "turn", "resolve"):
            return self._with_extras(kind, allowance, lambda room: self._render_plot(kind, room))
        if kind == "open":
            return self._render_open(allowance)
        if kind in ("use_trait", "use_interest", "use_companion"):
            units = self._render_use(beat, allowance)
            return units + self._progress(allowance - _size(units))
        if kind in _SIMPLE_BANKS or kind == "effort":
            bank = self.arc_data["effort"] if kind == "effort" else _SIMPLE_BANKS[kind]
            if kind == "home" and self._came_back():
                # "Back home" only after a page away from home: the story left it.
                kind, bank = (
                    "home_back",
                    {level: [*bank.get(level, []), *P.HOME_BACK.get(level, [])] for level in bank},
                )
            if kind == "setback":
                self._set("obstacle", self._next(self.obstacles))
            extra = {"theme": beat.item} if kind == "theme" else {}
            if kind == "cheer":
                extra = {"c": beat.item.name}
            units = self._pick(kind, _bank(bank, self.level), allowance, extra)
            if not units and kind == "effort":
                # A long book can outlast the tries; the way itself fills the page then.
                units = self._pick("wonder", _bank(P.WONDER, self.level), allowance)
            if kind == "effort" and self._extra_parts("effort"):
                # The thing the hero uses goes along on every try.
                return self._with_extras(kind, allowance, lambda room: units)
            if kind.startswith("group_") or kind == "effort":
                units += self._progress(allowance - _size(units))
            return units
        if kind == "celebrate":
            return self._with_extras(kind, allowance, self._celebrate)
        return self._message(allowance)

    def _extra_parts(self, beat: str) -> list[tuple[str, list[tuple[str, ...]]]]:
        """The idea's parts that add a line to ``beat`` (goals.toml ``[extra]``): a fear
        beside the goal, a guide met on the way, a thing used on the way."""
        if self.arc != "goal":
            return []
        present = {"fear": "fear", "guide": "the_guide", "gear": "the_gear"}
        return [
            (part, P.GOAL_EXTRA[part][beat])
            for part, key in present.items()
            if key in self.context and beat in P.GOAL_EXTRA.get(part, {})
        ]

    def _with_extras(self, beat: str, allowance: int, render: Any) -> list[str]:
        """A beat's lines, then a line for each part of the idea the beat carries."""
        extras = self._extra_parts(beat)
        units: list[str] = render(max(1, allowance - len(extras)))
        # A celebration's extra follows its first line, before the lesson.
        at = 1 if beat == "celebrate" else len(units)
        for part, bank in extras:
            room = max(1, allowance - _size(units))
            added = self._pick(f"extra:{part}:{beat}", bank, room, strict=True)
            units[at:at] = added
            at += len(added)
        return units

    def _render_plot(self, kind: str, allowance: int) -> list[str]:
        """Problem, decision, turning point or resolution, in the chosen arc's words."""
        level, arc = self.level, self.arc_data
        join = kind == "decide" and bool(self.friends) and not self._friends_named()
        if join and allowance == 1:
            return self._pick("join_decide", _bank(P.JOIN_DECIDE, level), 1)
        room = allowance - 1 if join else allowance
        # A goal's problem and resolution end on the line that says the goal: a page with
        # no room for all of it gets that line alone.
        short = self.arc == "goal" and kind in ("problem", "resolve") and room < 3
        if room == 1 or short:
            # A crowded page gets the one-line telling of the beat.
            compact = [(line,) for line in arc["compact"][kind]]
            units = self._pick(f"{kind}:compact", compact, 1)
        else:
            units = self._pick(kind, _bank(arc[kind], level), room)
        if join and not self._friends_named(units):
            units += self._pick("join", _bank(P.JOIN, level), 1)
        return units

    def _render_open(self, allowance: int) -> list[str]:
        level = self.level
        opening = P.OPEN_BEDTIME if self.bedtime_open else P.OPEN
        if self.dream and allowance == 1:
            dream = {"dream": _join(self.dream)}
            return self._pick("open_dream", _bank(P.OPEN_DREAM, level), 1, dream)
        room = allowance - 1 if self.dream else allowance
        # The first page's words are about where its picture is: the home lines when they
        # name that place, else the hero is there (a swimming pool is no one's home).
        units = self._pick("open", _bank(opening, level), room, fits=self._about_first_place)
        if not units:
            at = _bank(P.OPEN_AT, level)
            # Its own draw: the book's later pages stay what the seed gave them before.
            order = random.Random(f"{self.seed}:open_at").sample(range(len(at)), len(at))
            self.decks["open_at"] = order
            state = self.rng.getstate()
            units = self._pick("open_at", at, room)
            self.rng.setstate(state)
        if self.dream:
            units.append(self._dream_line(_join(self.dream)))
        return units + self._extras(allowance - _size(units))

    def _at_place(self, place: Place) -> str:
        """Where the hero is at ``place``, as a phrase: in the idea's own words when they
        name it ("at the new school"), else the place's (scenes.toml [where])."""
        own = self.context.get("place", "")
        if self.place_phrase and place in places().mentions(own) and place.name not in own:
            return f"at {own}"
        phrases = P.SCENE_WHERE.get(place.name)
        if phrases and not place.is_custom:
            return phrases[0]
        label = place.label
        return f"at {label}" if label.lower().startswith("the ") else f"at the {label}"

    def _first_place_only(self, units: Sequence[str]) -> bool:
        """Whether the lines name no place but the first page's and the hero's home."""
        if self.place.is_custom:
            return True
        allowed = {self.place.name} | {p.name for p in places().mentions(" ".join(_HOME_WORDS))}
        return _places_in(units) <= allowed

    def _names_first_place_only(self, units: Sequence[str]) -> bool:
        """Whether the lines name no place but the first page's (not even the home)."""
        return self.place.is_custom or _places_in(units) <= {self.place.name}

    def _about_first_place(self, units: Sequence[str]) -> bool:
        """Whether an opening names the first page's place and no other but the home."""
        if self.place.is_custom:
            return True
        named = _places_in(units)
        return self.place.name in named and self._first_place_only(units)

    def _came_back(self) -> bool:
        """Whether the page before the current one (``_render_page``) was away from home."""
        index = next((n for n, p in enumerate(self.pages) if p is self.current), 0)
        if index == 0:
            return False
        before = self.pages[index - 1]
        focus = self._focus(before.beats)
        at_home = focus.kind == "home" or (focus.kind == "message" and not self.message_before_home)
        place = BEDROOM if at_home else self._page_place(before)
        return place not in P.HOME_ROOMS

    def _friends_named(self, units: Sequence[str] = ()) -> bool:
        """Whether the companions have been introduced, so later lines may just name them."""
        intro = self.context.get("friends_intro", "")
        return any(intro in unit for unit in [*self.written, *units])

    def _extras(self, room: int) -> list[str]:
        units: list[str] = []
        for phrasing in _bank(P.OPEN_EXTRAS, self.level):
            if _size(units) >= room:
                break
            # Only what is at the first page's place ("favorite place ... was the
            # house" opens no book at the swimming pool).
            units += self._pick(
                f"extra:{phrasing[0]}",
                [phrasing],
                room - _size(units),
                strict=True,
                fits=self._names_first_place_only,
            )
        return units

    def _progress(self, room: int) -> list[str]:
        if room <= 0:
            return []
        return self._pick(
            "progress", _bank(self.arc_data["progress"], self.level), room, strict=True, once=True
        )

    def _render_use(self, beat: _Beat, allowance: int) -> list[str]:
        level = self.level
        if beat.kind == "use_trait":
            trait: _Trait = beat.item
            extra = {
                "t": trait.word,
                "t_adj": trait.word if trait.is_adjective else "",
                "act": self.rng.choice(trait.acts(level)),
            }
            return self._pick("use_trait", _bank(P.USE_TRAIT, level), allowance, extra)
        if beat.kind == "use_interest":
            interest: _Interest = beat.item
            extra = {"i": interest.word, "act": self.rng.choice(interest.acts(level))}
            return self._pick("use_interest", _bank(P.USE_INTEREST, level), allowance, extra)
        friend: _Friend = beat.item
        if friend.traits:
            trait = self.rng.choice(friend.traits)
            extra = {"ct": trait.word, "cact": self.rng.choice(trait.acts(level))}
        else:
            acts = P.COMPANION_ACTS_SHORT if level == "young" else P.COMPANION_ACTS_LONG
            extra = {"cact": _fill(self.rng.choice(acts), self.context) or ""}
        extra.update({"c": friend.name, "c_intro": friend.intro(self.name)})
        return self._pick("use_companion", _bank(P.USE_COMPANION, level), allowance, extra)

    def _celebrate(self, allowance: int) -> list[str]:
        level = self.level
        if allowance == 1:
            return self._lessons(1)
        units = self._pick(
            "arc_celebrate", _bank(self.arc_data["celebrate"], level), allowance - 1, strict=True
        )
        units += self._lessons(allowance - _size(units))
        if _size(units) < allowance:
            units += self._pick(
                "celebrate", _bank(P.CELEBRATE, level), allowance - _size(units), strict=True
            )
        return units

    def _lessons(self, allowance: int) -> list[str]:
        """The story's lesson, in the user's theme words when there are any."""
        if not self.themes:
            return self._pick("lesson", _bank(self.arc_data["lesson"], self.level), 1)
        written = " ".join(self.written).lower()
        pending = [t for t in self.themes if t.lower() not in written] or self.themes[:1]
        if len(pending) > min(allowance, 2):
            return self._pick(
                "themes", _bank(P.THEMES_TOGETHER, self.level), 1, {"themes": _join(pending)}
            )
        units: list[str] = []
        for theme in pending:
            key = theme.lower()
            bank = P.THEMES.get(P.THEME_ALIASES.get(key, key), P.THEME_GENERIC)
            units += self._pick(f"theme:{key}", _bank(bank, self.level), 1, {"theme": theme})
        return units

    def _message(self, allowance: int) -> list[str]:
        quoted = _quoted(self.message)
        bank = _bank(P.MESSAGE_DAY if self.message_before_home else P.MESSAGE, self.level)
        units = self._pick("message", bank, allowance, {"message": quoted})
        self.note_is_written = any("note" in unit for unit in units)
        if not any(quoted[:20] in unit for unit in units):
            units = [_finish(f'Someone who loves {self.name} very much said, "{quoted}"')]
        return units

    def _dream_line(self, topics: str) -> str:
        line = {
            "young": "{name} loved to dream about {topics}.",
            "middle": "Lately, {name} had been dreaming about {topics}.",
            "older": "For weeks, {name} had been dreaming about {topics}, imagining every detail.",
        }[self.level]
        return _finish(line.format(name=self.name, topics=topics))

    def _ensure_covered(self, pages: list[_Page]) -> list[str]:
        """Prompt phrases the text never names; themes are added here if they went missing."""
        text = " ".join(u for page in pages for u in page.units).lower()
        if self.idea.goal:
            for theme in self.themes:
                if theme.lower() not in text:
                    target = next(p for p in pages if any(b.kind == "celebrate" for b in p.beats))
                    target.units.append(
                        _finish(f"{self.name} learned a lot about {theme} that day.")
                    )
            return []
        missing = [
            p.as_topic() for p in self.phrases if any(w.lower() not in text for w in p.words)
        ]
        if missing and self.dream:
            # Second try: widen the dream line rather than add another.
            old, new = _join(self.dream), _join([*self.dream, *missing])
            units = pages[0].units
            index = next((i for i, u in enumerate(units) if old in u), None)
            if index is None:
                units.insert(1, self._dream_line(new))
            else:
                units[index] = units[index].replace(old, new, 1)
        for theme in self.themes:
            if theme.lower() not in text:
                target = next(p for p in pages if any(b.kind == "celebrate" for b in p.beats))
                target.units.append(_finish(f"{self.name} learned a lot about {theme} that day."))
        return [] if self.dream else missing

    # -- title and scenes -------------------------------------------------------------

    def _title(self) -> str:
        context = self.context
        names = {
            "Name": _NAME_MARK,
            "Place": _strip_article(context["place"]),
            "Thing": context.get("thing_bare", ""),
            "Creature": _strip_article(context.get("the_creature", "")),
            "Dest": context.get("dest", ""),
            "Fear": _strip_article(context.get("fear", "")),
            "Clue": _strip_article(context.get("clue", "")),
            "Item": context.get("item", ""),
            "Item_a": context.get("item_a", ""),
            "Whom": _strip_article(context.get("whom", "")),
        }
        options = list(self.arc_data["titles"])
        if self.arc != "goal" and (self.place_phrase or self.level != "older"):
            options += P.GENERIC_TITLES
        if self.arc != "goal" and self.place_phrase and self.rng.random() < 0.5:
            options = P.GENERIC_TITLES
        filled = _Context({key: value for key, value in names.items() if value})
        for template in self.rng.sample(options, len(options)):
            title = _fill(template, filled)
            if title:
                return _title_case(title).replace(_NAME_MARK, self.name)
        return f"{self.name}'s Big Day"

    def _scenes(
        self, pages: list[_Page], characters: list[tuple[str, ...]]
    ) -> list[tuple[str, str]]:
        """Each page's scene description and place: the scene says the page's place and
        time, the things its text names and what its text tells, so an illustrator drawing
        from the scene alone draws the page."""
        scenes = []
        # The scenes once drew their places from a shuffled deck; the draw stays so that a
        # seed still gives the book the title it gave before.
        self._deck_of(self.data["locs"])
        for page, on_page in zip(pages, characters, strict=True):
            # Whoever is on the page (``write``) is in its scene, so the scene, which a
            # remote image model draws from, and the page's cast agree.
            here = [(f.name, f.intro(self.name)) for f in self.friends if f.name in on_page]
            known = {f.name for f in self.friends} | {self.name}
            here += [(name, name) for name in on_page if name not in known]
            focus = self._focus(page.beats)
            at_home = focus.kind == "home" or (
                focus.kind == "message" and not self.message_before_home
            )
            place = BEDROOM if at_home else self._page_place(page)
            scene = self._scene(page, focus, place, at_home, here)
            scenes.append((scene, place))
        return scenes

    def _page_place(self, page: _Page) -> str:
        """Where the page's tries happen, else where it arrives, else the book's setting."""
        if page.tries:
            return page_place(None, self.place, page.tries[0])
        if page.has("resolve") or page.has("celebrate"):
            # The goal is reached where the words say it is ("There it was, the turtle's
            # island!"): at a place of the idea the page names, not out at sea.
            named = [p for p in named_places(" ".join(page.units)) if p in self._goal_places()]
            if named:
                return named[0].name
        return self.place.label

    def _goal_places(self) -> list[Place]:
        """Where the goal may be reached: where the idea takes something ("home to its
        island": the island), else the places the idea names ("home" alone is no place to
        arrive at: "brought it home" is said of an island, a nest, a pond), of those the
        story's journey reaches."""
        idea = self.idea
        goal = named_places(idea.whom.text) if idea.whom_is_place and idea.whom else []
        if not goal:
            homely = places().mentions(" ".join(_HOME_WORDS))
            goal = [p for p in idea.places if p not in homely]
        # Only where the journey's tries can go (goals.toml [nearby]): a star "for the night
        # sky" is put back from space, not from a sky of clouds.
        reach = {page_place(None, self.place, near) for near in _nearby(self.place)}
        return [p for p in goal if p.name in reach | {self.place.name}]

    def _focus(self, beats: list[_Beat]) -> _Beat:
        """The beat the picture shows: the most dramatic one on the page."""
        order = [
            "resolve",
            "turn",
            "problem",
            "setback",
            "home",
            "message",
            "new_friend",
            "use_companion",
            "use_interest",
            "use_trait",
            "celebrate",
            "decide",
            "effort",
            "wonder",
            "rest",
            "cheer",
            "theme",
            "world",
            "open",
        ]
        if self.message_before_home:
            order.remove("message")
        return min(beats, key=lambda b: order.index(b.kind) if b.kind in order else len(order))

    def _scene(
        self, page: _Page, focus: _Beat, place: str, at_home: bool, here: list[tuple[str, str]]
    ) -> str:
        stage = _Stage(place, page.time, self._where(page, place))
        context = _Context(self.context)
        with_message = any(beat.kind == "message" for beat in page.beats)
        text = " ".join(page.units)
        action = self._scene_action(focus, context, with_message, text, stage)
        age = _cap(_number_words(self.request.character.age))
        hero = f"{_lower_first(age)}-year-old {action}"
        first = _finish(f"{_cap(stage.where)}, {stage.light}, {hero}")

        others = []
        # (name, how the scene says them): whoever the action already names is left out.
        others += [said for name, said in here if not _names(name, action)]
        objects = self._scene_objects(page, focus, at_home, action, stage)
        mood = P.MOODS.get(focus.kind, "happy")
        if focus.kind == "problem":
            mood = P.ARC_MOODS.get(self.arc, mood)
        if at_home and with_message:
            mood = "cozy, loving and peaceful"
        parts = []
        if others:
            verb = "is" if len(others) == 1 else "are"
            parts.append(f"{_join(others)} {verb} in the picture too")
        if objects:
            parts.append(
                f"{'with ' if parts else ''}{_join(objects)} "
                f"{'nearby' if parts else 'can be seen nearby'}"
            )
        second = ", ".join(parts)
        second = f"{second}; the mood is {mood}" if second else f"The mood is {mood}"
        return f"{first} {_finish(second)}"

    def _where(self, page: _Page, place: str) -> str:
        """Where the picture is, named from the page's place: the try's own words when they
        name it alone ("down by the river"), the idea's ("in the prehistoric jungle"),
        else the place's phrases (scenes.toml [where])."""
        stage = _Stage(place, page.time, "")
        # The idea's own words when they say more than the place's name ("prehistoric").
        phrase = self.place_phrase
        own = [f"in {self.context['place']}"] if phrase and len(phrase.words) > 1 else []
        for candidate in [*page.tries[:1], *own]:
            if stage.fits(candidate) and stage.names_place(candidate):
                return candidate
        phrases = P.SCENE_WHERE.get(place)
        if not phrases:  # a place the vocabulary does not know keeps the user's words
            return f"at {place}" if place.lower().startswith("the ") else f"at the {place}"
        return phrases[len(self.written + page.units) % len(phrases)]

    def _scene_action(
        self, focus: _Beat, context: _Context, with_message: bool, text: str, stage: _Stage
    ) -> str:
        """What the picture shows the hero doing: of the beat's scene lines that fit the
        page's place and time, the one that tells most of what the page's text tells."""
        kind = focus.kind
        templates: list[str]
        arc_scenes = self.arc_data["scenes"]
        if kind in arc_scenes:
            templates = arc_scenes[kind]
        elif kind == "use_trait":
            templates = [f"{{name}} {focus.item.pose()}"]
        elif kind == "use_interest":
            objects = focus.item.objects()
            templates = (
                [f"{{name}} uses {objects[0]} to help"]
                if objects
                else [f"{{name}} is busy with {focus.item.word}, eyes bright"]
            )
        elif kind == "use_companion":
            friend: _Friend = focus.item
            pose = friend.traits[0].pose() if friend.traits else "points the way ahead"
            templates = [f"{{name}} watches as {friend.intro(self.name)} {pose}"]
        elif kind == "cheer":
            templates = [f"{{name}} and {focus.item.name} share a happy hug"]
        elif kind.startswith("group_"):
            templates = P.SCENE_ACTIONS["use_group"]
        elif kind in ("message", "home") and with_message and self.note_is_written:
            templates = P.SCENE_ACTIONS["home_note"]
        elif kind in ("message", "home") and with_message:
            templates = P.SCENE_ACTIONS["home_hug"]
        elif kind == "open" and self.bedtime_open:
            templates = P.SCENE_ACTIONS["open_bedtime"]  # "snuggled into bed": in bed
        else:
            templates = P.SCENE_ACTIONS.get(kind, P.SCENE_ACTIONS["open"])
        context.setdefault("obstacle", self.data["obstacles"][0])
        said = _stems(text)
        filled = [t for t in (_fill(template, context) for template in templates) if t]
        fitting = [t for t in filled if stage.fits(t)]
        if not fitting:
            return f"{self.name} smiles"
        # The line sharing most words with the page's text (stems: "peeked" is "peeks"),
        # the first of equals.
        return max(fitting, key=lambda line: _shared(line, said))

    def _scene_objects(
        self, page: _Page, focus: _Beat, at_home: bool, action: str, stage: _Stage
    ) -> list[str]:
        """What else the picture shows: the idea's things the page's text names, as it
        names them, then the goal's thing and whom it is for, then the page's landmark;
        each one a thing the illustrators can draw, none another place or time."""
        objects: list[str] = []
        text = self._without_names(" ".join(page.units))
        # Only what the page has in sight: "Still no crown!" shows no crown.
        there = present_text(text)
        said = words(there)
        for first, after, thing in things().spans(there):
            if thing in self.key_things:
                named = " ".join(said[first:after])
                # "the turtle's island" names the turtle, not "turtles".
                if not re.search(rf"(?<!\w){re.escape(named)}(?!\w)", there, re.IGNORECASE):
                    named = thing.name
                objects.append(f"the {named}")
        if self.arc == "goal" and not at_home:
            # The idea's thing is on every page of the goal, and whom it is for at the end.
            goal = P.GOALS[self.idea.goal or ""]
            found = focus.kind in ("resolve", "celebrate") or not goal.get("found")
            item = things().mentions(self.idea.thing.text) if self.idea.thing else []
            said_missing = set(things().mentions(text)) - set(things().mentions(there))
            missing = bool(item) and item[0] in said_missing
            if "item_a" in self.context and found and not missing:
                objects.append(self.context["item_a"])
            if "whom" in self.context and focus.kind in ("resolve", "celebrate"):
                objects.append(self.context["whom"])
        elif self.arc == "lost" and focus.kind in ("resolve", "celebrate"):
            objects.append(self.context["the_thing"])
        props = {t.name for p in places().get(stage.place).props for t in things().mentions(p)}
        # The page's landmark only when it is a thing of the page's place.
        if (
            focus.kind not in ("wonder", "effort")
            and not at_home
            and any(t.name in props for t in things().mentions(page.landmark))
        ):
            objects.append(page.landmark)
        shown = {thing.name for thing in things().mentions(self._without_names(action))}
        kept: list[str] = []
        for phrase in objects:
            named = things().mentions(self._without_names(phrase))
            if not named or not stage.fits(phrase) or named[0].name in shown:
                continue  # not drawable, somewhere else, another time, or there already
            shown.add(named[0].name)
            kept.append(phrase)
        return kept[:3]

    def _without_names(self, text: str) -> str:
        """The text without the cast's names: "Biscuit" the puppy is no biscuit to draw."""
        for member in self.cast:
            text = re.sub(rf"(?<!\w){re.escape(member.name)}(?!\w)", " ", text)
        return text


@dataclass(frozen=True)
class _Stage:
    """Where and when a picture is: every part of its scene must fit these."""

    place: str
    time: str
    where: str

    @property
    def indoor(self) -> bool:
        return places().get(self.place).indoor

    @property
    def light(self) -> str:
        return (P.TIME_INDOORS if self.indoor else P.TIME_SCENE)[self.time]

    def names_place(self, phrase: str) -> bool:
        return places().get(self.place) in places().mentions(phrase)

    def fits(self, phrase: str) -> bool:
        """Whether a part of the scene names no other place and no other time of day."""
        if any(place.name != self.place for place in named_places(phrase)):
            return False
        return named_times(phrase) <= named_times(self.light)


def _places_in(units: Sequence[str]) -> set[str]:
    """The names of every place the lines' words name, a thing's words too ("the house"):
    a reader hears "house" as somewhere else, whether or not it is drawn."""
    return {place.name for place in places().mentions(" ".join(units))}


def _shared(line: str, said: set[str]) -> int:
    """How many of the line's content words the text says, in any form."""
    return sum(
        1
        for word in words(line)
        if word not in P.STOPWORDS and len(word) > 2 and not said.isdisjoint(forms(word))
    )


def _stems(text: str) -> set[str]:
    """The text's content words in their plain forms, to compare a scene with its page."""
    return {
        form
        for word in words(text)
        if word not in P.STOPWORDS and len(word) > 2
        for form in forms(word)
    }


# --- Suggestions ---------------------------------------------------------------------


def _suggestions(character: Character, rng: random.Random, count: int) -> list[str]:
    name = character.name.strip()
    traits, interests = _split_traits(character)
    level = _level(character.age)
    friends = _friends(character.companions)
    setting = guess_setting(StoryRequest(character=character, prompt=" ".join(character.interests)))
    context = _Context({"name": name, "place": P.SETTING_DATA[setting]["place"]})
    if character.personality:
        context["t"] = rng.choice(traits).word
    if friends:
        context["c"] = friends[0].name

    tailored = [f"{name} {idea}." for interest in interests for idea in interest.ideas()]
    rng.shuffle(tailored)
    general: list[str] = []
    for template in (
        P.SUGGEST_GENERIC
        + (P.SUGGEST_YOUNG if level == "young" else [])
        + (P.SUGGEST_OLDER if level == "older" else [])
    ):
        fillings = [i.word for i in interests] or [None]
        context_i = _Context(context)
        chosen = rng.choice(fillings)
        if chosen:
            context_i["i"] = chosen
        text = _fill(template, context_i)
        if text:
            general.append(text)
    rng.shuffle(general)
    # Ideas built on the child's own interests come first, then the rest.
    mixed = general + tailored[2:]
    rng.shuffle(mixed)
    ideas = _unique([_finish(_cap(idea)) for idea in tailored[:2] + mixed], str.lower)
    return ideas[:count]
