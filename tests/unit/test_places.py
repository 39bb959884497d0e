"""The vocabulary of places: enough of them, ideas land in the right one, bad data fails loudly."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from storyillus._exceptions import ConfigError, VocabularyError
from storyillus.illustration._offline_scenes import PAINTERS
from storyillus.places import CUSTOM, PLACES_FILE, TIMES, Place, load_places, places
from storyillus.things import things

INTERIORS = (
    "bedroom",
    "kitchen",
    "classroom",
    "living room",
    "library",
    "shop",
    "bathroom",
    "train carriage",
)
EXTERIORS = (
    "park",
    "garden",
    "beach",
    "sea",
    "underwater",
    "coral reef",
    "jungle",
    "forest",
    "snow",
    "mountain",
    "desert",
    "city",
    "farm",
    "space",
    "castle",
    "island",
    "school yard",
)


@pytest.fixture(scope="module")
def vocab():
    return places()


# --- the packaged vocabulary ---------------------------------------------------------------


def test_at_least_30_places_besides_custom(vocab) -> None:
    real = [place for place in vocab if not place.is_custom]
    assert len(real) >= 30
    assert len(vocab) == len(real) + 1
    assert vocab.names[-1] == CUSTOM
    assert list(vocab.names) == [place.name for place in vocab]


@pytest.mark.parametrize("name", INTERIORS)
def test_required_interiors_are_indoor(vocab, name: str) -> None:
    assert name in vocab.names
    assert vocab.get(name).indoor is True


@pytest.mark.parametrize("name", EXTERIORS)
def test_required_exteriors_are_outdoor(vocab, name: str) -> None:
    assert name in vocab.names
    assert vocab.get(name).indoor is False


def test_every_prop_is_drawable_and_every_real_place_has_some(vocab) -> None:
    for place in vocab:
        assert all(things().lookup(prop) for prop in place.props), place.name
        assert place.props or place.is_custom, place.name


def test_every_palette_is_named_hex_colours_with_the_painters_names(vocab) -> None:
    for place in vocab:
        assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in place.palette.values())
        needed = {"wall", "floor", "accent"} if place.indoor else {"sky", "ground", "accent"}
        assert needed <= set(place.palette), place.name


def test_every_painter_and_time_exists(vocab) -> None:
    for place in vocab:
        assert place.painter in PAINTERS, place.name
        assert place.time in TIMES, place.name
    assert vocab.get("bedroom").time == "night"
    assert vocab.get("space").time == "night"


def test_custom_is_outdoor_and_painted_by_the_most_neutral_painter(vocab) -> None:
    assert vocab.custom.name == CUSTOM
    assert vocab.custom.indoor is False
    assert vocab.custom.painter == "meadow"


def test_places_are_loaded_once(vocab) -> None:
    assert places() is vocab
    assert Path(vocab.path) == PLACES_FILE


def test_the_data_file_sits_inside_the_package() -> None:
    # The app runs from the source tree, so the file must live under storyillus/.
    package = Path(__file__).resolve().parents[2] / "storyillus"
    assert PLACES_FILE.resolve().is_relative_to(package)
    assert PLACES_FILE.is_file()


# --- ideas to places -----------------------------------------------------------------------

IDEAS = [
    ("Mia swims with turtles on a coral reef", "coral reef"),
    ("Exploring the colourful reefs with a clownfish", "coral reef"),
    ("Ana cannot fall asleep at bedtime", "bedroom"),
    ("Leo can't sleep because of a noise under his bed", "bedroom"),
    ("Tom's first day at school", "classroom"),
    ("Baking a cake in the kitchen with grandpa", "kitchen"),
    ("A visit to the baker's shop", "bakery"),
    ("Under the sea with a friendly octopus", "underwater"),
    ("A submarine trip to the bottom of the ocean", "underwater"),
    ("Sailing the sea with pirates", "sea"),
    ("Building sandcastles at the beach", "beach"),
    ("Lost in the forests of the north", "forest"),
    ("A parrot in the jungles", "jungle"),
    ("Swinging on the jungle gym", "playground"),
    ("A new friend in the playground at school", "school yard"),
    ("Planting tulips in the flower bed in the garden", "garden"),
    ("A quiet afternoon in the libraries of the town", "library"),
    ("A train ride to grandma", "train carriage"),
    ("An astronaut floats among the galaxies", "space"),
    ("Stranded on a desert island", "island"),
    ("A camel crosses the sand dunes", "desert"),
    ("A T-Rex stomps through the prehistoric jungle", "prehistoric jungle"),
    ("A snowball fight on a snowy day", "snow"),
    ("Feeding the cows on the farm", "farm"),
    ("A princess runs away from the palace", "castle"),
    ("Fishing by the riverbank", "river"),
    ("A penguin at the South Pole", "north pole"),
    ("Lily is nervous about her first swimming lesson at the pool", "swimming pool"),
    ("Swimming lessons at the leisure centre", "swimming pool"),
    ("A splash in the rock pool", "beach"),
    ("Tom builds a robot with his dad in the garage", "garage"),
    ("Grandpa's workshop is full of tools", "garage"),
]


@pytest.mark.parametrize(("idea", "place"), IDEAS)
def test_an_idea_lands_in_its_place(vocab, idea: str, place: str) -> None:
    assert vocab.mentions(idea)[0].name == place
    assert vocab.resolve(idea).name == place


def test_a_rocket_to_the_moon_is_the_moon_or_space(vocab) -> None:
    assert vocab.resolve("A rocket to the moon").name in {"moon", "space"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("coral reef", ["coral reef"]),
        ("the reef by the sea", ["coral reef", "sea"]),
        ("under the sea", ["underwater"]),
        ("a walk in the park, then home to the kitchen", ["park", "living room", "kitchen"]),
        ("the sea bed and the sea", ["underwater", "sea"]),
        ("bedtime in bed at bedtime", ["bedroom"]),
        ("a school day and a school yard", ["classroom", "school yard"]),
        ("Nothing here names a place at all", []),
        ("", []),
    ],
)
def test_mentions_in_order_longest_phrase_first(vocab, text: str, expected: list[str]) -> None:
    assert [place.name for place in vocab.mentions(text)] == expected


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("forests", "forest"),
        ("jungles", "jungle"),
        ("beaches", "beach"),
        ("libraries", "library"),
        ("bookshelves", "library"),
        ("Caves", "cave"),
        ("CITY", "city"),
    ],
)
def test_plurals_and_case_match(vocab, word: str, place: str) -> None:
    assert [p.name for p in vocab.mentions(word)] == [place]


def test_inflection_does_not_invent_words(vocab) -> None:
    # "class" ends in s but is not a plural of "clas"; "grass" names the meadow, not "gras".
    assert [p.name for p in vocab.mentions("class")] == ["classroom"]
    assert [p.name for p in vocab.mentions("the grass")] == ["meadow"]


# --- what the user typed -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("coral reef", "coral reef"),
        ("Coral-Reef!", "coral reef"),
        ("  Coral   Reef ", "coral reef"),
        ("reef", "coral reef"),
        ("school", "classroom"),
        ("bedtime", "bedroom"),
        ("living room", "living room"),
        ("jungel", "jungle"),
        ("the jungel", "jungle"),
        ("forrest", "forest"),
        ("kichen", "kitchen"),
        ("libary", "library"),
        ("volcanoes", "volcano"),
        ("a cosy attic full of boxes", "attic"),
    ],
)
def test_resolve_finds_the_place_meant(vocab, typed: str, place: str) -> None:
    assert vocab.resolve(typed).name == place


def test_coral_reef_is_never_a_meadow(vocab) -> None:
    for typed in ("coral reef", "Coral reefs", "a coral reef", "corals", "coral reefs of Fiji"):
        assert vocab.resolve(typed).name == "coral reef"


@pytest.mark.parametrize("typed", ["Grandma's quilt factory", "swamp", "Zorblax-9", ""])
def test_unknown_words_give_custom_keeping_them(vocab, typed: str) -> None:
    place = vocab.resolve(typed)
    assert place.is_custom
    assert place.words == typed.strip()
    assert place.label == (typed.strip() or CUSTOM)
    assert place.painter == vocab.custom.painter


def test_short_words_are_not_stretched_to_a_place(vocab) -> None:
    # One letter off in a three- or four-letter word is too little evidence.
    assert vocab.resolve("see").is_custom
    assert vocab.resolve("bad").is_custom


def test_get_by_name_and_unknown_name(vocab) -> None:
    assert vocab.get("coral reef").name == "coral reef"
    assert vocab.get("Train Carriage").name == "train carriage"
    unknown = vocab.get("cloud kingdom of sweets")
    assert unknown.is_custom
    assert unknown.label == "cloud kingdom of sweets"
    # get looks up names only: a synonym is for resolve to interpret.
    assert vocab.get("reef").is_custom
    assert vocab.get(CUSTOM) is vocab.custom
    assert vocab.get(CUSTOM).label == CUSTOM


def test_a_known_place_labels_itself_by_name(vocab) -> None:
    assert vocab.get("coral reef").label == "coral reef"


def test_places_are_immutable_and_hashable(vocab) -> None:
    place = vocab.get("beach")
    assert isinstance(place, Place)
    with pytest.raises(AttributeError):
        place.name = "sea"  # type: ignore[misc]
    assert len({place, vocab.get("beach"), vocab.get("sea")}) == 2


# --- broken data fails with its file and line ----------------------------------------------

GOOD = """\
# a small vocabulary
[meadow]
synonyms = ["field"]
indoor = false
time = "day"
palette = { sky = "#a3d5f3", ground = "#8fca5c", accent = "#f4d03f" }
props = ["flower"]
painter = "meadow"
base = "meadow"
landmarks = ["windmill"]

["living room"]
synonyms = ["lounge"]
indoor = true
time = "day"
palette = { wall = "#f2d9c2", floor = "#9c6b48", accent = "#d9653b" }
props = ["teddy"]
painter = "home"
base = "room"
landmarks = ["sofa"]

[custom]
synonyms = []
indoor = false
time = "day"
palette = { sky = "#a9d2ef", ground = "#9cc77a", accent = "#e9b44c" }
props = []
painter = "meadow"
base = "meadow"
landmarks = []
"""
LIVING_ROOM_LINE = 12


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "places.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_small_good_file_loads(tmp_path: Path) -> None:
    vocab = load_places(write(tmp_path, GOOD))
    assert vocab.names == ("meadow", "living room", CUSTOM)
    assert vocab.resolve("lounge").name == "living room"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('props = ["teddy"]', 'props = ["teddy"]\ncolour = "red"', "unknown field 'colour'"),
        ('time = "day"\npalette = { wall', "palette = { wall", "missing field 'time'"),
        ('floor = "#9c6b48"', 'floor = "#9c6b4"', "'floor' = '#9c6b4' is not #rrggbb"),
        ('floor = "#9c6b48"', 'floor = "brown"', "is not #rrggbb"),
        ('floor = "#9c6b48"', 'ground = "#9c6b48"', "needs wall, floor, accent: no 'floor'"),
        ('time = "day"\npalette = { wall', 'time = "noon"\npalette = { wall', "unknown time"),
        ('painter = "home"', 'painter = "bedroom"', "unknown painter 'bedroom'"),
        ('props = ["teddy"]', 'props = ["teddy", "sofa"]', "prop 'sofa' cannot be drawn"),
        ('["lounge"]', '["lounge", "field"]', "'field' is claimed twice: already by the place"),
        ('["lounge"]', '["lounge", "meadow"]', "'meadow' is claimed twice"),
        ('["lounge"]', '["lounge", "lounge"]', "'lounge' is claimed twice"),
        ('["lounge"]', '["Lounge"]', "must be lowercase words"),
        ('["lounge"]', '["sitting  room"]', "must be lowercase words"),
        ('["lounge"]', '"lounge"', "synonyms must be a list"),
        ("indoor = true", 'indoor = "yes"', "indoor must be true or false"),
    ],
)
def test_a_broken_entry_names_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    start = GOOD.index('["living room"]')
    assert old in GOOD[start:], old
    text = GOOD[:start] + GOOD[start:].replace(old, new, 1)
    path = write(tmp_path, text)
    with pytest.raises(VocabularyError) as caught:
        load_places(path)
    error = caught.value
    assert message in str(error)
    assert str(path) in str(error)
    assert f"line {LIVING_ROOM_LINE}" in str(error)
    assert "'living room'" in str(error)
    assert (error.path, error.line) == (str(path), LIVING_ROOM_LINE)
    assert isinstance(error, ConfigError)


def test_a_bad_place_name_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('["living room"]', '["Living Room"]'))
    with pytest.raises(VocabularyError, match=rf"line {LIVING_ROOM_LINE}: .*lowercase words"):
        load_places(path)


def test_an_entry_that_is_not_a_table_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'shop = "a shop"\n' + GOOD)
    with pytest.raises(VocabularyError, match=r"line 1: place 'shop': is not a table"):
        load_places(path)


def test_a_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("indoor = true", "indoor = true,", 1))
    with pytest.raises(VocabularyError) as caught:
        load_places(path)
    assert str(path) in str(caught.value)
    assert caught.value.line == LIVING_ROOM_LINE + 2
    assert f"line {LIVING_ROOM_LINE + 2}" in str(caught.value)


def test_a_file_without_custom_fails(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD[: GOOD.index("[custom]")])
    with pytest.raises(VocabularyError, match=r"no \[custom\] place") as caught:
        load_places(path)
    assert str(path) in str(caught.value)
