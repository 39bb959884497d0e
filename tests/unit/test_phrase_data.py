"""The offline writer's phrase data (storyillus/data/phrases): complete, and loud when broken."""

from __future__ import annotations

import random
import shutil
import string
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyillus._exceptions import ConfigError, VocabularyError
from storyillus.casting import cast_for
from storyillus.domain import Character, Companion, StoryRequest
from storyillus.writing import _phrases as P
from storyillus.writing.offline import _BookWriter

FILES = sorted(P.DATA_DIR.glob("*.toml"))
# Every key a template may name: the story's, each bank's own, titles' and suggestions'.
ALL_KEYS = (
    P.STORY_KEYS
    | {k for keys in P.BANK_KEYS.values() for k in keys}
    | P.TITLE_KEYS
    | P.SUGGEST_KEYS
)
ALL_KEYS |= {key + "_cap" for key in ALL_KEYS}


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for entry in value.values():
            yield from strings(entry)
    elif isinstance(value, (list, tuple, frozenset)):
        for entry in value:
            yield from strings(entry)


def lists(value: Any, path: str = "") -> Iterator[tuple[str, list[Any]]]:
    if isinstance(value, dict):
        for key, entry in value.items():
            yield from lists(entry, f"{path}.{key}")
    elif isinstance(value, list):
        yield path, value
        for index, entry in enumerate(value):
            yield from lists(entry, f"{path}[{index}]")


# --- The shipped data ----------------------------------------------------------------


def test_the_data_files_are_the_ones_the_loader_reads() -> None:
    assert [f.name for f in FILES] == sorted(P._FILES)


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_every_placeholder_resolves_to_a_known_key(file: Path) -> None:
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    unknown = {
        field
        for text in strings(data)
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None and field not in ALL_KEYS
    }
    assert not unknown, f"{file.name}: unknown placeholders {sorted(unknown)}"


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_no_entry_is_repeated(file: Path) -> None:
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    for path, entries in lists(data):
        repeated = [e for n, e in enumerate(entries) if e in entries[:n]]
        assert not repeated, f"{file.name}{path}: repeated {repeated}"


def test_no_word_names_two_things() -> None:
    # A word in two settings, or an alias that is also a name, would silently lose one.
    assert not set(P.SETTING_PLACES) & set(P.SETTING_HINTS)
    assert not set(P.TRAIT_ALIASES) & set(P.TRAITS)
    assert not set(P.INTEREST_ALIASES) & set(P.INTERESTS)
    assert not set(P.THEME_ALIASES) & set(P.THEMES)
    assert set(P.TRAIT_ALIASES.values()) <= set(P.TRAITS)
    assert set(P.DEFAULT_TRAITS) <= set(P.TRAITS)
    assert set(P.THINKING_TRAITS) <= set(P.TRAITS)


def test_the_data_has_the_shapes_the_writer_expects() -> None:
    for name in ("STOPWORDS", "PLACE_NOUNS", "CREATURE_NOUNS", "OBJECT_NOUNS", "MASS_NOUNS"):
        assert isinstance(getattr(P, name), frozenset) and getattr(P, name)
    assert P.OWNABLE_NOUNS < P.OBJECT_NOUNS and "rocket" in P.OWNABLE_NOUNS
    assert "boat" not in P.OWNABLE_NOUNS
    assert set(P.SETTING_PLACES) <= P.PLACE_NOUNS and "cave" in P.PLACE_NOUNS
    assert P.NUMBER_WORDS[:3] == ("zero", "one", "two") and len(P.NUMBER_WORDS) == 20
    assert P.TENS_WORDS[:3] == ("", "", "twenty") and len(P.TENS_WORDS) == 10
    assert isinstance(P.DEFAULT_TRAITS, tuple)
    space = P.SETTING_DATA["space"]
    assert isinstance(space["word"], str) and isinstance(space["homes"], list)
    assert all(isinstance(f, tuple) and len(f) == 3 for f in space["fears"])
    assert all(isinstance(m, tuple) and len(m) == 3 for m in space["mysteries"])
    assert "place_words" not in space and "hint_words" not in space
    assert P.SETTING_PLACES["galaxy"] == "space" and P.SETTING_HINTS["cosmic"] == "space"
    assert set(P.TRAITS["brave"]) == {"short", "long", "pose"}
    assert set(P.INTERESTS["dinosaurs"]) == {"obj", "short", "long", "idea"}
    assert P.TRAIT_ALIASES["bold"] == "brave"
    assert list(P.ARC_CUES) == list(P.ARCS) == list(P.ARC_NAMES)
    assert all(isinstance(cues, tuple) for cues in P.ARC_CUES.values())
    for arc in P.ARCS.values():
        assert set(arc) == {
            "titles",
            "compact",
            *P.PLOT_BEATS,
            "progress",
            "effort",
            "celebrate",
            "lesson",
            "scenes",
        }
        assert list(arc["progress"]) == list(P.SPANS)
    banks = [getattr(P, name.upper()) for name in P.BANK_NAMES]
    banks += [P.THEMES_TOGETHER, P.THEME_GENERIC, *P.THEMES.values()]
    banks += [arc[beat] for arc in P.ARCS.values() for beat in P.PLOT_BEATS]
    for bank in banks:
        assert list(bank) == list(P.LEVELS)
        assert all(isinstance(p, tuple) and p for phrasings in bank.values() for p in phrasings)
    assert isinstance(P.DARK_FEAR, tuple) and len(P.DARK_FEAR) == 3
    assert [list(need) for need in P.HELP_NEEDS] == [list(P.NEED_KEYS)] * len(P.HELP_NEEDS)
    assert all(isinstance(m, tuple) for m in P.GENERIC_MYSTERIES)
    assert {"open", "use_group", "home_note", "home_hug"} <= set(P.SCENE_ACTIONS)
    assert set(P.MOODS) <= P.BEATS and set(P.TIME_SCENE) == set(P.TIMES)


def test_the_writer_sets_only_declared_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """STORY_KEYS and BANK_KEYS must follow offline.py: the keys it really sets."""
    extras: set[str] = set()
    pick = _BookWriter._pick

    def recording(self: _BookWriter, key: str, phrasings: Any, allowance: int, extra=None, **kw):  # type: ignore[no-untyped-def]
        extras.update(extra or {})
        return pick(self, key, phrasings, allowance, extra, **kw)

    monkeypatch.setattr(_BookWriter, "_pick", recording)
    rng = random.Random(7)
    context: set[str] = set()
    prompts = ["Grandma's lost ring", "A trip to the moon", "Scared of the dark", "A mystery"]
    for n in range(60):
        hero = Character.create(
            "Lila",
            rng.choice([3, 7, 10]),
            rng.sample(["brave", "clever", "sparkly"], 2),
            rng.sample(["dinosaurs", "space", "knitting"], rng.randint(0, 2)),
            [Companion("Mia", "sister", ("funny",))] if n % 2 else [],
            "We love you!" if n % 3 else "",
        )
        request = StoryRequest.create(
            hero, rng.choice(prompts), rng.sample(["friendship", "hope", "courage"], 2), "", 12
        )
        writer = _BookWriter(request, cast_for(hero, n), random.Random(n))
        writer.write()
        context |= set(writer.context)
    declared = P.STORY_KEYS | {key + "_cap" for key in P.STORY_KEYS}
    assert context <= declared, sorted(context - declared)
    bank_keys = {key for keys in P.BANK_KEYS.values() for key in keys} | {"dream"}
    assert extras <= bank_keys, sorted(extras - bank_keys)


# --- Broken data fails loudly --------------------------------------------------------


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "phrases"
    shutil.copytree(P.DATA_DIR, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> Path:
    file = folder / name
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")
    return file


def line_of(file: Path, marker: str, nth: int = 1) -> int:
    hits = [n for n, line in enumerate(file.read_text().splitlines(), 1) if marker in line]
    return hits[nth - 1]


def fails(folder: Path, file: Path, line: int, *words: str) -> str:
    with pytest.raises(VocabularyError) as caught:
        P.load(folder)
    message = str(caught.value)
    assert message.startswith(f"{file}, line {line}: "), message
    for word in words:
        assert word in message, message
    return message


def test_the_copy_loads_like_the_original(copy: Path) -> None:
    assert P.load(copy) == P.load()


def test_an_unknown_placeholder_fails(copy: Path) -> None:
    file = edit(copy, "banks.toml", "{name} was very {t_adj} and {act}.", "{nmae} was {act}.")
    fails(copy, file, line_of(file, "{nmae} was {act}."), "use_trait.young[2][0]", "{nmae}")


def test_a_key_of_another_bank_is_unknown_here(copy: Path) -> None:
    # "{t}" exists only for the trait beat: in an opening it could never be filled.
    file = edit(copy, "banks.toml", '["Meet {name}!"', '["Meet {t} {name}!"')
    fails(copy, file, line_of(file, "Meet {t} {name}!"), "open.young", "{t}")


def test_an_unknown_title_key_fails(copy: Path) -> None:
    file = edit(copy, "arcs.toml", '"{Name} Finds the {Thing}"', '"{Name} Finds the {thing}"')
    fails(copy, file, line_of(file, "{Name} Finds the {thing}"), "arc.lost.titles[2]")


def test_braces_in_plain_text_fail(copy: Path) -> None:
    file = edit(copy, "traits.toml", '"steps forward bravely"', '"steps forward {name}"')
    fails(copy, file, line_of(file, "steps forward {name}"), "trait.brave.pose[0]", "braces")


def test_a_broken_brace_fails(copy: Path) -> None:
    file = edit(copy, "suggestions.toml", "finds a secret door", "finds a {secret door")
    fails(copy, file, line_of(file, "{secret door"), "generic[0]", "broken braces")


def test_a_repeated_phrasing_fails(copy: Path) -> None:
    line = '    ["Meet {name}!", "{name} is {age_words} and lives {home}.", "Here, {sight}."],\n'
    file = edit(copy, "banks.toml", line, line + line)
    fails(copy, file, line_of(file, '["Meet {name}!"', 2), "open.young[2]", "duplicate")


def test_a_repeated_word_fails(copy: Path) -> None:
    file = edit(copy, "words.toml", '"dragon", "unicorn",', '"dragon", "unicorn", "dragon",')
    fails(copy, file, line_of(file, '"dragon", "unicorn", "dragon"'), "creature_nouns", "dragon")


def test_a_word_in_two_settings_fails(copy: Path) -> None:
    file = edit(
        copy, "settings.toml", 'place_words = ["garden",', 'place_words = ["moon", "garden",'
    )
    fails(copy, file, line_of(file, '["moon", "garden",'), "setting.garden.place_words[0]")


def test_an_alias_that_is_already_taken_fails(copy: Path) -> None:
    file = edit(copy, "traits.toml", 'aliases = ["bold",', 'aliases = ["kind", "bold",')
    fails(copy, file, line_of(file, '["kind", "bold",'), "trait.brave.aliases[0]", "'kind'")


def test_a_wrong_type_fails(copy: Path) -> None:
    file = edit(copy, "arcs.toml", 'mood = "worried"', "mood = 3")
    fails(copy, file, line_of(file, "mood = 3"), "arc.lost.mood", "expected text")


def test_a_sentence_where_a_phrasing_belongs_fails(copy: Path) -> None:
    file = edit(copy, "themes.toml", '["That day was all about {themes}."]', '"Hi."')
    fails(copy, file, line_of(file, '"Hi."'), "together.young[0]", "expected a list")


def test_an_unknown_level_fails(copy: Path) -> None:
    file = edit(copy, "banks.toml", "\nyoung = [", "\nyuong = [")
    fails(copy, file, line_of(file, "yuong = ["), "open.yuong", "unknown name 'yuong'")


def test_a_missing_level_fails(copy: Path) -> None:
    line = '    ["{name} was {age_words} and loved to dream about {dream}."],\n'
    young = f"[open_dream]\nyoung = [\n{line}]\n"
    file = edit(copy, "banks.toml", young, "[open_dream]\n")
    fails(copy, file, line_of(file, "[open_dream]"), "open_dream", "missing 'young'")


def test_an_unknown_bank_fails(copy: Path) -> None:
    file = copy / "banks.toml"
    file.write_text(file.read_text() + '\n[opne]\nyoung = [["Hi."]]\n')
    fails(copy, file, line_of(file, "[opne]"), "opne", "unknown field")


def test_an_unknown_setting_field_fails(copy: Path) -> None:
    file = edit(copy, "settings.toml", 'word = "garden"\n', 'word = "garden"\ncolour = "green"\n')
    fails(copy, file, line_of(file, 'colour = "green"'), "setting.garden.colour")


def test_a_setting_the_app_does_not_know_fails(copy: Path) -> None:
    file = edit(copy, "settings.toml", "[setting.meadow]", "[setting.moor]")
    fails(copy, file, line_of(file, "[setting.moor]"), "setting.moor", "unknown name")


def test_a_field_of_the_wrong_arc_fails(copy: Path) -> None:
    file = edit(copy, "arcs.toml", "[[arc.help.needs]]", "[[arc.lost.needs]]", count=-1)
    message = fails(copy, file, line_of(file, "[[arc.lost.needs]]"), "arc.lost.needs")
    assert "only for the arc help" in message


def test_a_toml_syntax_error_fails_with_its_line(copy: Path) -> None:
    file = edit(copy, "scenes.toml", 'problem = "worried"', 'problem = "worried')
    fails(copy, file, line_of(file, 'problem = "worried'), "not valid TOML")


def test_a_missing_file_fails(copy: Path) -> None:
    (copy / "words.toml").unlink()
    with pytest.raises(VocabularyError, match=r"words\.toml"):
        P.load(copy)


def test_data_error_is_a_config_error() -> None:
    assert issubclass(VocabularyError, ConfigError)


def test_every_place_has_the_phrase_family_of_its_painter() -> None:
    from storyillus.illustration._offline_scenes import PAINTERS
    from storyillus.places import places

    assert set(P.SETTING_DATA) == set(PAINTERS)
    assert {place.painter for place in places()} <= set(P.SETTING_DATA)
