"""Phrase data for the offline story writer, read from ``storyillus/data/phrases/*.toml``.

The data lives in TOML files, one per concern (words, settings, traits, interests, themes,
banks, arcs, scenes, suggestions); each file's opening comment says what its entries mean.
This module reads them once, at import, checks every entry and exposes them under the
names ``offline`` uses, with the types it expects (frozensets, tuples, lists, dicts).

Templates are ``str.format`` strings filled from a story context. A template may name only
keys the writer can ever supply (``STORY_KEYS`` and the extra keys of its bank): a template
naming a key that this story lacks (a companion, in a book without one) is skipped by the
writer, but a key no story can have (a typo such as ``{nmae}``) stops loading. So do a
repeated entry, an unknown level, bank or field, and a value of the wrong type: the
``VocabularyError`` names the file and the line of the entry.

Each *phrasing* is a tuple of sentences read in order; the first sentences carry the
meaning, so a phrasing may be cut short on a crowded page. Levels: "young" (ages up to 5),
"middle" (6 to 8) and "older" (9 and up). A bank keyed "short"/"rich" serves young and
middle from "short" and older from "rich".
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, NoReturn

from storyillus._exceptions import VocabularyError
from storyillus.illustration._offline_scenes import PAINTERS

Phrasing = tuple[str, ...]
Bank = dict[str, list[Phrasing]]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "phrases"
LEVELS = ("young", "middle", "older")
SPANS = ("short", "rich")


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Keys of the story context (offline._BookWriter._set); each also comes as key + "_cap".
STORY_KEYS = _names(
    """
    name age age_words a_age hero setting_word home sight sight2 sight3 bed_view snack
    trait_list interest_list t1 t1_adj t_turn friends friend friends_intro team theme_list
    place special_place creature_bare creature_a the_creature obj_a dream when when_lower
    landmark obstacle thing_bare thing the_thing my_thing hide owner owner_pos owner_intro
    need goal idea solved dest dest_wonder pack fear task reveal clue question answer
    aim aim_done item the_item item_a whom the_whom try_at pal helper
    whither the_whither skill the_shape shape_was shape_truth guide_a the_guide the_gear
    gear_took gear_did item_was grown grown_a the_grown grown_reach mentor trick fear_task
    fear_truth at_place
    """
)
# Keys a bank's beat adds to the context for its own lines only (offline._BookWriter._pick).
BANK_KEYS: dict[str, frozenset[str]] = {
    "use_trait": frozenset({"t", "t_adj", "act"}),
    "use_interest": frozenset({"i", "act"}),
    "use_companion": frozenset({"c", "c_intro", "ct", "cact"}),
    "cheer": frozenset({"c"}),
    "theme_moment": frozenset({"theme"}),
    "theme": frozenset({"theme"}),
    "together": frozenset({"themes"}),
    "message": frozenset({"message"}),
    "message_day": frozenset({"message"}),
}
# Keys of a title template (offline._BookWriter._title) and of a suggested idea.
TITLE_KEYS = frozenset(
    {"Name", "Place", "Thing", "Creature", "Dest", "Fear", "Clue", "Item", "Item_a", "Whom"}
)
SUGGEST_KEYS = frozenset({"name", "place", "t", "c", "i"})
# The parts of a need of the "help" arc; each becomes a story key.
NEED_KEYS = ("need", "goal", "idea", "solved")

ARC_NAMES = ("lost", "help", "journey", "fear", "mystery")
PLOT_BEATS = ("problem", "decide", "turn", "resolve")
BEATS = _names(
    """
    open world problem decide use_trait use_interest use_companion group_traits
    group_interests group_companions new_friend wonder rest cheer theme setback effort turn
    resolve celebrate message home
    """
)
TIMES = ("morning", "afternoon", "sunset", "evening", "night", "midnight")


def _with_caps(keys: Collection[str]) -> frozenset[str]:
    return frozenset(keys) | {key + "_cap" for key in keys}


# --- Where an entry is ---------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = re.compile(r"\"[^\"]*\"|'[^']*'|[^.\s]+")


def _header_path(text: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _KEY_PART.findall(text))


def _line_of(text: str, path: tuple[str | int, ...], needle: str | None, nth: int) -> int:
    """The line (from 1) of the entry at ``path``: its table, its key, then its text."""
    lines = text.splitlines()
    start, depth, arrays = 0, 0, 0
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if not match:
            continue
        header = _header_path(match.group(2))
        if path[: len(header)] != header:
            continue
        size = len(header)
        if match.group(1) == "[[" and size < len(path) and isinstance(path[size], int):
            # An array of tables: the n-th header holds entry n.
            arrays = arrays + 1 if header == path[:size] else 1
            if arrays - 1 != path[size]:
                continue
            size += 1
        if size > depth:
            start, depth = number, size
    end = next((n for n in range(start + 1, len(lines)) if _HEADER.match(lines[n])), len(lines))
    found = start
    rest = path[depth:]
    if rest and isinstance(rest[0], str):
        key = re.compile(rf"^\s*(?:{re.escape(rest[0])}|\"{re.escape(rest[0])}\")\s*=")
        found = next((n for n in range(start, end) if key.match(lines[n])), start)
    if needle:
        pieces = [needle[:60], *sorted(re.split(r"[\"'\\]", needle), key=len, reverse=True)[:1]]
        for piece in (p[:60] for p in pieces if p.strip()):
            hits = [n for n in range(found, end) if piece in lines[n]]
            if hits:
                return hits[min(nth, len(hits)) - 1] + 1
    return found + 1


class _At:
    """Where a value sits: its file and its path of keys and positions."""

    def __init__(self, file: Path, text: str, path: tuple[str | int, ...] = ()) -> None:
        self.file, self.text, self.path = file, text, path

    def __truediv__(self, key: str | int) -> _At:
        return _At(self.file, self.text, (*self.path, key))

    def fail(self, problem: str, needle: str | None = None, nth: int = 1) -> NoReturn:
        line = _line_of(self.text, self.path, needle, nth)
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        raise VocabularyError(f"{self.file}, line {line}: {where.lstrip('.') or 'top'}: {problem}")


# --- Checks --------------------------------------------------------------------------

Check = Callable[[Any, _At], Any]
_FORMATTER = string.Formatter()


def _kind(value: object) -> str:
    return {str: "text", list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _text(keys: Collection[str] | None = None) -> Check:
    """Text; a template when ``keys`` are given, else plain text with no braces at all."""

    def check(value: Any, at: _At) -> str:
        if not isinstance(value, str):
            at.fail(f"expected text, found {_kind(value)}", _first_text(value))
        if not value.strip():
            at.fail("empty text")
        if keys is None:
            if "{" in value or "}" in value:
                at.fail(f"plain text cannot hold braces: {value!r}", value)
            return value
        try:
            fields = [(f, s, c) for _, f, s, c in _FORMATTER.parse(value) if f is not None]
        except ValueError as error:
            at.fail(f"broken braces ({error}) in {value!r}", value)
        for field, spec, conversion in fields:
            if field not in keys or spec or conversion:
                at.fail(f"unknown placeholder {{{field}}} in {value!r}", value)
        return value

    return check


def _first_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value:
        return _first_text(value[0])
    return None


def _list(item: Check, kind: type = list, size: int | None = None, least: int = 1) -> Check:
    """A list of at least ``least`` entries (exactly ``size`` if given), no entry twice."""

    def check(value: Any, at: _At) -> Any:
        if not isinstance(value, list):
            at.fail(f"expected a list, found {_kind(value)}", _first_text(value))
        if len(value) < least:
            at.fail(f"expected at least {least} entries, found {len(value)}", _first_text(value))
        if size is not None and len(value) != size:
            at.fail(f"expected {size} entries, found {len(value)}", _first_text(value))
        out: list[Any] = []
        for index, entry in enumerate(value):
            checked = item(entry, at / index)
            if checked in out:
                needle = _first_text(entry)
                nth = sum(_first_text(e) == needle for e in value[: index + 1])
                (at / index).fail(f"duplicate entry {entry!r}", needle, nth)
            out.append(checked)
        return kind(out)

    return check


def _table(fields: dict[str, Check], optional: Collection[str] = ()) -> Check:
    """A table with these fields, in file order; unknown or missing fields fail."""

    def check(value: Any, at: _At) -> dict[str, Any]:
        if not isinstance(value, dict):
            at.fail(f"expected a table, found {_kind(value)}")
        for key in value:
            if key not in fields:
                (at / key).fail(f"unknown field {key!r}; known: {', '.join(fields)}")
        for key in fields:
            if key not in value and key not in optional:
                at.fail(f"missing field {key!r}")
        return {key: fields[key](entry, at / key) for key, entry in value.items()}

    return check


def _each(item: Check, names: Collection[str] | None = None, needed: Collection[str] = ()) -> Check:
    """A table of named entries; with ``names``, only those names are known."""

    def check(value: Any, at: _At) -> dict[str, Any]:
        if not isinstance(value, dict):
            at.fail(f"expected a table, found {_kind(value)}")
        if not value:
            at.fail("empty table")
        for key in value:
            if names is not None and key not in names:
                (at / key).fail(f"unknown name {key!r}; known: {', '.join(sorted(names))}")
        for key in needed:
            if key not in value:
                at.fail(f"missing {key!r}")
        return {key: item(entry, at / key) for key, entry in value.items()}

    return check


def _flag(value: Any, at: _At) -> bool:
    if not isinstance(value, bool):
        at.fail(f"expected true or false, found {_kind(value)}", _first_text(value))
    return value


def _row(*items: Check) -> Check:
    """A list of exactly one entry per check, read as a tuple."""

    def check(value: Any, at: _At) -> tuple[Any, ...]:
        if not isinstance(value, list) or len(value) != len(items):
            at.fail(f"expected a list of {len(items)} entries, found {value!r}", _first_text(value))
        return tuple(
            item(entry, at / n) for n, (item, entry) in enumerate(zip(items, value, strict=True))
        )

    return check


def _bank(keys: Collection[str], levels: tuple[str, ...] = LEVELS) -> Check:
    """Phrasings by level: every level of ``levels``, and no other."""
    return _each(_list(_list(_text(keys), kind=tuple)), levels, levels)


# --- What each file holds ------------------------------------------------------------

_STORY = _with_caps(STORY_KEYS)
_WORD = _text()
_WORDS = _list(_WORD)
_PLAIN_ROW = _row(_WORD, _WORD, _WORD)
_MYSTERY = _row(_WORD, _WORD, _text(_STORY))  # clue, question, answer


def _story_bank(name: str = "") -> Check:
    return _bank(_STORY | _with_caps(BANK_KEYS.get(name, ())))


BANK_NAMES = (
    "open",
    "open_bedtime",
    "open_at",
    "open_dream",
    "open_extras",
    "world",
    "use_trait",
    "use_interest",
    "use_companion",
    "join",
    "join_decide",
    "use_group_traits",
    "use_group_interests",
    "use_group_companions",
    "wonder",
    "new_friend",
    "rest",
    "cheer",
    "theme_moment",
    "setback",
    "celebrate",
    "home",
    "home_back",
    "message_day",
    "message",
)
# One phrase family per painter of the offline illustrator: a place's ``painter``
# (storyillus/data/places.toml) names both how it is drawn and how it is written about.
FAMILIES = tuple(PAINTERS)
_LISTS = ("homes", "sights", "landmarks", "creatures", "things", "hides", "dests")
_SCENE_EXTRAS = ("open", "open_bedtime", "use_group", "home_note", "home_hug")
# The beats a goal of goals.toml writes itself; the others come from its common table.
GOAL_BEATS = ("problem", "effort", "turn", "resolve", "celebrate")

_FILES: dict[str, Check] = {
    "words.toml": _table(
        {
            **{
                key: _WORDS
                for key in (
                    "stopwords",
                    "place_nouns",
                    "creature_nouns",
                    "object_nouns",
                    "not_ownable",
                    "the_nouns",
                    "mass_nouns",
                    "family_titles",
                    "modifier_words",
                    "night_words",
                )
            },
            "numbers": _list(_WORD, kind=tuple, size=20),
            "tens": _list(_WORD, size=8),
        }
    ),
    "settings.toml": _table(
        {
            "modifier_places": _each(_WORD),
            "time_when": _each(_WORDS, TIMES, ("morning",)),
            "time_scene": _each(_WORD, TIMES, TIMES),
            "setting": _each(
                _table(
                    {
                        "place_words": _WORDS,
                        "hint_words": _WORDS,
                        "word": _WORD,
                        "place_noun": _WORD,
                        "place": _WORD,
                        **{key: _WORDS for key in _LISTS},
                        "sights": _list(_WORD, least=3),
                        "dest_wonders": _WORDS,
                        "fears": _list(_PLAIN_ROW),
                        "mysteries": _list(_MYSTERY),
                        "obstacles": _WORDS,
                        "locs": _WORDS,
                        "bed_view": _WORD,
                        "snacks": _WORDS,
                    }
                ),
                FAMILIES,
                FAMILIES,
            ),
        }
    ),
    "traits.toml": _table(
        {
            "default": _list(_WORD, kind=tuple),
            "thinking": _WORDS,
            "generic": _table({"short": _list(_text({"t"})), "long": _list(_text({"t"}))}),
            "trait": _each(
                _table(
                    {"aliases": _WORDS, "short": _WORDS, "long": _WORDS, "pose": _WORDS},
                    ["aliases"],
                )
            ),
        }
    ),
    "interests.toml": _table(
        {
            "generic": _table({"short": _list(_text({"i"})), "long": _list(_text({"i"}))}),
            "interest": _each(
                _table(
                    {
                        "aliases": _WORDS,
                        "obj": _WORDS,
                        "short": _WORDS,
                        "long": _WORDS,
                        "idea": _WORDS,
                    },
                    ["aliases"],
                )
            ),
        }
    ),
    "themes.toml": _table(
        {
            "together": _story_bank("together"),
            "generic": _story_bank("theme"),
            "theme": _each(
                _table(
                    {
                        "aliases": _WORDS,
                        **{
                            level: _list(_list(_text(_STORY | _with_caps({"theme"})), kind=tuple))
                            for level in LEVELS
                        },
                    },
                    ["aliases"],
                )
            ),
        }
    ),
    "banks.toml": _table(
        {
            **{name: _story_bank(name) for name in BANK_NAMES},
            "companion_acts": _table({"short": _list(_text(_STORY)), "long": _list(_text(_STORY))}),
        }
    ),
    "arcs.toml": _table(
        {
            "generic_titles": _list(_text(TITLE_KEYS)),
            "arc": _each(
                _table(
                    {
                        "cues": _list(_WORD, kind=tuple),
                        "mood": _WORD,
                        "titles": _list(_text(TITLE_KEYS)),
                        "dark_fear": _PLAIN_ROW,
                        "generic_mysteries": _list(_MYSTERY),
                        "needs": _list(_table({key: _text(_STORY) for key in NEED_KEYS})),
                        "compact": _each(_list(_text(_STORY)), PLOT_BEATS, PLOT_BEATS),
                        **{
                            beat: _story_bank()
                            for beat in (*PLOT_BEATS, "effort", "celebrate", "lesson")
                        },
                        "progress": _bank(_STORY, SPANS),
                        "scenes": _each(_list(_text(_STORY)), BEATS),
                    },
                    ["dark_fear", "generic_mysteries", "needs"],
                ),
                ARC_NAMES,
                ARC_NAMES,
            ),
        }
    ),
    "scenes.toml": _table(
        {
            "actions": _each(_list(_text(_STORY)), BEATS | set(_SCENE_EXTRAS), _SCENE_EXTRAS),
            "moods": _each(_WORD, BEATS),
            "home_rooms": _list(_WORD),
            "where": _each(_list(_WORD)),
            "time_indoors": _each(_WORD, TIMES, TIMES),
        }
    ),
    "goals.toml": _table(
        {
            "reading": _table(
                {
                    **{
                        key: _WORDS
                        for key in (
                            "stops",
                            "articles",
                            "pals",
                            "helper_words",
                            "passing",
                            "knowing",
                            "help_cues",
                            "showing",
                            "objects",
                            "becoming",
                            "negations",
                            "address",
                            "owners",
                            "reuniting",
                            "belonging",
                        )
                    },
                    "being": _each(_WORD),
                }
            ),
            "goal": _each(
                _table(
                    {
                        "weak": _flag,
                        "frame": _flag,
                        "pupil": _flag,
                        "found": _flag,
                        "where": _WORD,
                        "verbs": _list(_row(_WORD, _WORD)),
                        "whom": _list(_WORD, least=0),
                        "aim": _text(_STORY),
                        "titles": _list(_text(TITLE_KEYS)),
                        **{beat: _bank(_STORY, SPANS) for beat in GOAL_BEATS},
                        "scenes": _each(_list(_text(_STORY)), BEATS, ("problem", "resolve")),
                    },
                    ["aim", "weak", "frame", "pupil", "found", "where"],
                )
            ),
            "common": _table(
                {
                    "decide": _story_bank(),
                    "lesson": _story_bank(),
                    "progress": _bank(_STORY, SPANS),
                }
            ),
            "uses": _each(_row(_WORD, _WORD)),
            "extra": _each(
                _each(_list(_list(_text(_STORY), kind=tuple)), (*GOAL_BEATS, "decide")),
                ("fear", "guide", "gear"),
            ),
            "nearby": _each(_WORDS),
            "around": _list(_text({"place"})),
        }
    ),
    "suggestions.toml": _table(
        {key: _list(_text(SUGGEST_KEYS)) for key in ("generic", "young", "older")}
    ),
}
# The field only one arc has, which that arc needs.
_ARC_OWN = {"help": "needs", "fear": "dark_fear", "mystery": "generic_mysteries"}


# --- Loading -------------------------------------------------------------------------


def _read(folder: Path, name: str) -> tuple[dict[str, Any], _At]:
    file = folder / name
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as error:
        raise VocabularyError(f"{file}: cannot read this phrase data file ({error})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = match.group(1) if match else len(text.splitlines())
        raise VocabularyError(f"{file}, line {line}: not valid TOML: {error}") from None
    at = _At(file, text)
    return _FILES[name](raw, at), at


def _owners(
    entries: dict[str, dict[str, Any]], field: str, at: _At, taken: Collection[str] = ()
) -> dict[str, str]:
    """Word -> entry name, from each entry's ``field`` (removed); no word in two entries."""
    owners: dict[str, str] = {}
    for name, entry in entries.items():
        for index, word in enumerate(entry.pop(field, ())):
            if word in owners or word in taken:
                other = owners.get(word, word)
                (at / name / field / index).fail(f"{word!r} is already {other!r}", f'"{word}"')
            owners[word] = name
    return owners


def _all_known(words: Collection[str], known: Collection[str], at: _At, what: str) -> None:
    for index, word in enumerate(words):
        if word not in known:
            (at / index).fail(f"{word!r} is not one of the {what}", f'"{word}"')


def load(folder: Path | str = DATA_DIR) -> dict[str, Any]:
    """Read and check every phrase data file in ``folder``; the data by module name."""
    folder = Path(folder)
    files = {name: _read(folder, name) for name in _FILES}
    words, words_at = files["words.toml"]
    places, places_at = files["settings.toml"]
    traits, traits_at = files["traits.toml"]
    interests, interests_at = files["interests.toml"]
    themes, themes_at = files["themes.toml"]
    banks = files["banks.toml"][0]
    arcs, arcs_at = files["arcs.toml"]
    scenes, suggestions = files["scenes.toml"][0], files["suggestions.toml"][0]
    goals, goals_at = files["goals.toml"]
    _check_nearby(goals["nearby"], goals_at / "nearby")
    scenes_at = files["scenes.toml"][1]
    _check_where(scenes["where"], scenes_at / "where")
    _check_places(scenes["home_rooms"], scenes_at / "home_rooms")

    setting_data = places["setting"]
    setting_places = _owners(setting_data, "place_words", places_at / "setting")
    setting_hints = _owners(setting_data, "hint_words", places_at / "setting", setting_places)
    for index, word in enumerate(words["place_nouns"]):
        if word in setting_places:
            (words_at / "place_nouns" / index).fail(
                f"{word!r} is already a place word of {setting_places[word]!r}", f'"{word}"'
            )
    object_nouns = frozenset(words["object_nouns"])
    _all_known(words["not_ownable"], object_nouns, words_at / "not_ownable", "object_nouns")
    modifier_words = frozenset(words["modifier_words"])
    _all_known(
        places["modifier_places"], modifier_words, places_at / "modifier_places", "modifier_words"
    )

    trait_table = traits["trait"]
    trait_aliases = _owners(trait_table, "aliases", traits_at / "trait", trait_table)
    _all_known(traits["default"], trait_table, traits_at / "default", "traits")
    _all_known(traits["thinking"], trait_table, traits_at / "thinking", "traits")
    interest_table = interests["interest"]
    interest_aliases = _owners(interest_table, "aliases", interests_at / "interest", interest_table)
    theme_table = themes["theme"]
    theme_aliases = _owners(theme_table, "aliases", themes_at / "theme", theme_table)
    for name, entry in theme_table.items():
        missing = [level for level in LEVELS if level not in entry]
        if missing:
            (themes_at / "theme" / name).fail(f"missing level {missing[0]!r}")

    arc_table = arcs["arc"]
    for arc, entry in arc_table.items():
        for owner, own in _ARC_OWN.items():
            if (own in entry) != (arc == owner):
                problem = "missing field" if arc == owner else "field only for the arc " + owner
                (arcs_at / "arc" / arc / own).fail(f"{problem} {own!r}")
    arc_cues = {arc: entry.pop("cues") for arc, entry in arc_table.items()}
    arc_moods = {arc: entry.pop("mood") for arc, entry in arc_table.items()}

    return {
        "STOPWORDS": frozenset(words["stopwords"]),
        "SETTING_PLACES": setting_places,
        "SETTING_HINTS": setting_hints,
        "PLACE_NOUNS": frozenset(setting_places) | frozenset(words["place_nouns"]),
        "CREATURE_NOUNS": frozenset(words["creature_nouns"]),
        "OBJECT_NOUNS": object_nouns,
        "OWNABLE_NOUNS": object_nouns - frozenset(words["not_ownable"]),
        "THE_NOUNS": frozenset(words["the_nouns"]),
        "MASS_NOUNS": frozenset(words["mass_nouns"]),
        "FAMILY_TITLES": frozenset(words["family_titles"]),
        "MODIFIER_WORDS": modifier_words,
        "NIGHT_WORDS": frozenset(words["night_words"]),
        "ARC_CUES": arc_cues,
        "NUMBER_WORDS": words["numbers"],
        # Indexed by the tens digit: nothing for 0 and 1.
        "TENS_WORDS": ("", "", *words["tens"]),
        "DEFAULT_TRAITS": traits["default"],
        "THINKING_TRAITS": frozenset(traits["thinking"]),
        "MODIFIER_PLACES": places["modifier_places"],
        "SETTING_DATA": setting_data,
        "TIME_WHEN": places["time_when"],
        "TIME_SCENE": places["time_scene"],
        "TRAITS": trait_table,
        "TRAIT_ALIASES": trait_aliases,
        "TRAIT_GENERIC_SHORT": traits["generic"]["short"],
        "TRAIT_GENERIC_LONG": traits["generic"]["long"],
        "INTERESTS": interest_table,
        "INTEREST_ALIASES": interest_aliases,
        "INTEREST_GENERIC_SHORT": interests["generic"]["short"],
        "INTEREST_GENERIC_LONG": interests["generic"]["long"],
        "THEMES": theme_table,
        "THEME_ALIASES": theme_aliases,
        "THEMES_TOGETHER": themes["together"],
        "THEME_GENERIC": themes["generic"],
        **{name.upper(): banks[name] for name in BANK_NAMES},
        "COMPANION_ACTS_SHORT": banks["companion_acts"]["short"],
        "COMPANION_ACTS_LONG": banks["companion_acts"]["long"],
        "ARCS": arc_table,
        "ARC_MOODS": arc_moods,
        "DARK_FEAR": arc_table["fear"].pop("dark_fear"),
        "HELP_NEEDS": arc_table["help"].pop("needs"),
        "GENERIC_MYSTERIES": arc_table["mystery"].pop("generic_mysteries"),
        "GENERIC_TITLES": arcs["generic_titles"],
        "SCENE_ACTIONS": scenes["actions"],
        "MOODS": scenes["moods"],
        "SCENE_WHERE": scenes["where"],
        "HOME_ROOMS": frozenset(scenes["home_rooms"]),
        "TIME_INDOORS": scenes["time_indoors"],
        "SUGGEST_GENERIC": suggestions["generic"],
        "SUGGEST_YOUNG": suggestions["young"],
        "SUGGEST_OLDER": suggestions["older"],
        "GOALS": goals["goal"],
        "GOAL_COMMON": goals["common"],
        "GOAL_READING": goals["reading"],
        "NEARBY": goals["nearby"],
        "NEARBY_ANY": goals["around"],
        "GOAL_USES": goals["uses"],
        "GOAL_EXTRA": goals["extra"],
    }


def _check_nearby(nearby: dict[str, list[str]], at: _At) -> None:
    """Every entry is a place of the vocabulary and every phrase names one, so a page's
    place can be read from the phrase its text uses."""
    from storyillus.places import places  # here: places is not needed to read the rest

    vocabulary = places()
    for name, phrases in nearby.items():
        if name not in vocabulary.names:
            (at / name).fail(f"{name!r} is not a place of places.toml")
        for index, phrase in enumerate(phrases):
            if not vocabulary.mentions(phrase):
                (at / name / index).fail(f"{phrase!r} names no place of places.toml", phrase)


def _check_places(names: list[str], at: _At) -> None:
    """Every entry is a place of places.toml."""
    from storyillus.places import places  # here: places is not needed to read the rest

    for index, name in enumerate(names):
        if name not in places().names:
            (at / index).fail(f"{name!r} is not a place of places.toml", f'"{name}"')


def _check_where(where: dict[str, list[str]], at: _At) -> None:
    """Every place has a phrase saying where a picture is, and each phrase names its own
    place, no other and no time of day: a scene's place and time are its page's."""
    from storyillus.places import places  # here: places is not needed to read the rest
    from storyillus.writing.staging import named_places, named_times

    vocabulary = places()
    for name in vocabulary.names:
        if name != "custom" and name not in where:
            at.fail(f"place {name!r} of places.toml has no phrase")
    for name, phrases in where.items():
        if name not in vocabulary.names:
            (at / name).fail(f"{name!r} is not a place of places.toml")
        if not phrases:
            (at / name).fail("needs at least one phrase")
        for index, phrase in enumerate(phrases):
            if vocabulary.get(name) not in vocabulary.mentions(phrase):
                (at / name / index).fail(f"{phrase!r} does not name {name!r}", phrase)
            others = [p.name for p in named_places(phrase) if p.name != name]
            if others:
                (at / name / index).fail(f"{phrase!r} names another place: {others}", phrase)
            if named_times(phrase):
                (at / name / index).fail(f"{phrase!r} names a time of day", phrase)


_DATA = load()

STOPWORDS: frozenset[str] = _DATA["STOPWORDS"]
SETTING_PLACES: dict[str, str] = _DATA["SETTING_PLACES"]
SETTING_HINTS: dict[str, str] = _DATA["SETTING_HINTS"]
PLACE_NOUNS: frozenset[str] = _DATA["PLACE_NOUNS"]
CREATURE_NOUNS: frozenset[str] = _DATA["CREATURE_NOUNS"]
OBJECT_NOUNS: frozenset[str] = _DATA["OBJECT_NOUNS"]
OWNABLE_NOUNS: frozenset[str] = _DATA["OWNABLE_NOUNS"]
THE_NOUNS: frozenset[str] = _DATA["THE_NOUNS"]
MASS_NOUNS: frozenset[str] = _DATA["MASS_NOUNS"]
FAMILY_TITLES: frozenset[str] = _DATA["FAMILY_TITLES"]
MODIFIER_WORDS: frozenset[str] = _DATA["MODIFIER_WORDS"]
NIGHT_WORDS: frozenset[str] = _DATA["NIGHT_WORDS"]
ARC_CUES: dict[str, tuple[str, ...]] = _DATA["ARC_CUES"]
NUMBER_WORDS: tuple[str, ...] = _DATA["NUMBER_WORDS"]
TENS_WORDS: tuple[str, ...] = _DATA["TENS_WORDS"]
DEFAULT_TRAITS: tuple[str, ...] = _DATA["DEFAULT_TRAITS"]
THINKING_TRAITS: frozenset[str] = _DATA["THINKING_TRAITS"]
MODIFIER_PLACES: dict[str, str] = _DATA["MODIFIER_PLACES"]
SETTING_DATA: dict[str, dict[str, Any]] = _DATA["SETTING_DATA"]
TIME_WHEN: dict[str, list[str]] = _DATA["TIME_WHEN"]
TIME_SCENE: dict[str, str] = _DATA["TIME_SCENE"]
TIME_INDOORS: dict[str, str] = _DATA["TIME_INDOORS"]
SCENE_WHERE: dict[str, list[str]] = _DATA["SCENE_WHERE"]
HOME_ROOMS: frozenset[str] = _DATA["HOME_ROOMS"]
TRAITS: dict[str, dict[str, list[str]]] = _DATA["TRAITS"]
TRAIT_ALIASES: dict[str, str] = _DATA["TRAIT_ALIASES"]
TRAIT_GENERIC_SHORT: list[str] = _DATA["TRAIT_GENERIC_SHORT"]
TRAIT_GENERIC_LONG: list[str] = _DATA["TRAIT_GENERIC_LONG"]
INTERESTS: dict[str, dict[str, list[str]]] = _DATA["INTERESTS"]
INTEREST_ALIASES: dict[str, str] = _DATA["INTEREST_ALIASES"]
INTEREST_GENERIC_SHORT: list[str] = _DATA["INTEREST_GENERIC_SHORT"]
INTEREST_GENERIC_LONG: list[str] = _DATA["INTEREST_GENERIC_LONG"]
THEMES: dict[str, Bank] = _DATA["THEMES"]
THEME_ALIASES: dict[str, str] = _DATA["THEME_ALIASES"]
THEMES_TOGETHER: Bank = _DATA["THEMES_TOGETHER"]
THEME_GENERIC: Bank = _DATA["THEME_GENERIC"]
OPEN: Bank = _DATA["OPEN"]
OPEN_BEDTIME: Bank = _DATA["OPEN_BEDTIME"]
OPEN_AT: Bank = _DATA["OPEN_AT"]
OPEN_DREAM: Bank = _DATA["OPEN_DREAM"]
OPEN_EXTRAS: Bank = _DATA["OPEN_EXTRAS"]
WORLD: Bank = _DATA["WORLD"]
USE_TRAIT: Bank = _DATA["USE_TRAIT"]
USE_INTEREST: Bank = _DATA["USE_INTEREST"]
USE_COMPANION: Bank = _DATA["USE_COMPANION"]
COMPANION_ACTS_SHORT: list[str] = _DATA["COMPANION_ACTS_SHORT"]
COMPANION_ACTS_LONG: list[str] = _DATA["COMPANION_ACTS_LONG"]
JOIN: Bank = _DATA["JOIN"]
JOIN_DECIDE: Bank = _DATA["JOIN_DECIDE"]
USE_GROUP_TRAITS: Bank = _DATA["USE_GROUP_TRAITS"]
USE_GROUP_INTERESTS: Bank = _DATA["USE_GROUP_INTERESTS"]
USE_GROUP_COMPANIONS: Bank = _DATA["USE_GROUP_COMPANIONS"]
WONDER: Bank = _DATA["WONDER"]
NEW_FRIEND: Bank = _DATA["NEW_FRIEND"]
REST: Bank = _DATA["REST"]
CHEER: Bank = _DATA["CHEER"]
THEME_MOMENT: Bank = _DATA["THEME_MOMENT"]
SETBACK: Bank = _DATA["SETBACK"]
CELEBRATE: Bank = _DATA["CELEBRATE"]
HOME: Bank = _DATA["HOME"]
HOME_BACK: Bank = _DATA["HOME_BACK"]
MESSAGE_DAY: Bank = _DATA["MESSAGE_DAY"]
MESSAGE: Bank = _DATA["MESSAGE"]
ARCS: dict[str, dict[str, Any]] = _DATA["ARCS"]
DARK_FEAR: tuple[str, str, str] = _DATA["DARK_FEAR"]
HELP_NEEDS: list[dict[str, str]] = _DATA["HELP_NEEDS"]
GENERIC_MYSTERIES: list[tuple[str, str, str]] = _DATA["GENERIC_MYSTERIES"]
GENERIC_TITLES: list[str] = _DATA["GENERIC_TITLES"]
SCENE_ACTIONS: dict[str, list[str]] = _DATA["SCENE_ACTIONS"]
MOODS: dict[str, str] = _DATA["MOODS"]
ARC_MOODS: dict[str, str] = _DATA["ARC_MOODS"]
SUGGEST_GENERIC: list[str] = _DATA["SUGGEST_GENERIC"]
SUGGEST_YOUNG: list[str] = _DATA["SUGGEST_YOUNG"]
SUGGEST_OLDER: list[str] = _DATA["SUGGEST_OLDER"]
GOALS: dict[str, dict[str, Any]] = _DATA["GOALS"]
GOAL_COMMON: dict[str, Any] = _DATA["GOAL_COMMON"]
GOAL_READING: dict[str, list[str]] = _DATA["GOAL_READING"]
NEARBY: dict[str, list[str]] = _DATA["NEARBY"]
NEARBY_ANY: list[str] = _DATA["NEARBY_ANY"]
GOAL_USES: dict[str, tuple[str, str]] = _DATA["GOAL_USES"]
GOAL_EXTRA: dict[str, dict[str, list[tuple[str, ...]]]] = _DATA["GOAL_EXTRA"]
