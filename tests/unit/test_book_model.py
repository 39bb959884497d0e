"""The book model: who is in a book, what each one looks like, where each page happens."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from storyillus.casting import cast_for, kind_of
from storyillus.domain import Character, Companion, StoryRequest
from storyillus.looks_from_picture import Measured
from storyillus.places import places
from storyillus.writing._phrases import NEARBY
from storyillus.writing.offline import OfflineStoryWriter
from storyillus.writing.staging import legacy_book_model, page_characters

WRITER = OfflineStoryWriter()
HEX = re.compile(r"^#[0-9a-f]{6}$")


def family(**changes: object) -> Character:
    fields: dict[str, object] = {
        "name": "Maya",
        "age": 6,
        "companions": [
            Companion("Leo", "brother"),
            Companion("Nana Rose", "grandmother"),
            Companion("Biscuit", "dog"),
        ],
    }
    fields.update(changes)
    return Character.create(**fields)  # type: ignore[arg-type]


def test_the_cast_is_the_hero_then_every_companion_each_drawn_as_what_they_are() -> None:
    cast = cast_for(family(), seed=7)
    assert [(m.name, m.role, m.kind) for m in cast] == [
        ("Maya", "hero", "child"),
        ("Leo", "brother", "child"),
        ("Nana Rose", "grandmother", "elder"),
        ("Biscuit", "dog", "dog"),
    ]
    grandmother = cast[2]
    assert grandmother.look.hair.colour in {"grey", "silver", "white"}
    assert "round glasses" in grandmother.look.extras
    assert "dog" in cast[3].description and "hair" not in cast[3].description


def test_every_look_has_colour_words_with_their_hex_and_a_description_using_them() -> None:
    for member in cast_for(family(), seed=3):
        assert member.look.hair.colour and HEX.match(member.look.hair.hex)
        assert member.look.hair.colour in member.description
        assert member.description.startswith(member.name)
        if member.kind not in ("dog", "cat", "rabbit"):
            assert member.look.skin.colour and HEX.match(member.look.skin.hex)
            assert f"{member.look.skin.colour} skin" in member.description


def test_the_seed_decides_a_look_and_the_same_seed_keeps_it() -> None:
    hero = family().name
    looks = {cast_for(family(), seed=s)[0].look for s in range(12)}
    assert len(looks) > 3, "the name alone must not fix the look"
    assert cast_for(family(), seed=5) == cast_for(family(), seed=5)
    assert hero == "Maya"


def test_what_the_reference_picture_shows_dresses_the_hero() -> None:
    measured = Measured("drawing", hair=(40, 30, 32), clothes=(30, 60, 200))
    hero = cast_for(replace(family(), image_path="/ref.png"), 1, {"/ref.png": measured})[0]
    assert (hero.look.hair.colour, hero.look.clothes.colour) == ("black", "blue")
    assert "blue" in hero.description
    # What the picture does not show stays the seed's.
    assert hero.look.skin == cast_for(family(), seed=1)[0].look.skin


@pytest.mark.parametrize(
    ("relation", "kind"),
    [
        ("sister", "child"),
        ("Mum", "adult"),
        ("grandpa", "elder"),
        ("kitten", "cat"),
        ("pal", "child"),
    ],
)
def test_a_companion_is_drawn_by_its_relation(relation: str, kind: str) -> None:
    assert kind_of(Companion("Sam", relation)) == kind


@pytest.mark.parametrize(
    ("idea", "setting", "places_seen"),
    [
        ("Maya explores a coral reef with a friendly turtle", "coral reef", {"coral reef"}),
        ("Maya cannot fall asleep at bedtime", "bedroom", {"bedroom"}),
        ("Maya's first day at school", "classroom", {"classroom"}),
        ("Maya bakes a birthday cake in the kitchen", "kitchen", {"kitchen"}),
    ],
)
def test_the_idea_gives_the_books_setting_and_its_pages_places(
    idea: str, setting: str, places_seen: set[str]
) -> None:
    story = WRITER.write(StoryRequest.create(family(), idea, pages=6), seed=4)
    assert story.setting == setting
    seen = {page.place for page in story.pages}
    assert places_seen <= seen
    # Pages away from the setting are the story's tries at nearby places (goals.toml
    # "nearby") and the ones it brings home at bedtime.
    nearby = {places().mentions(p)[0].name for p in NEARBY.get(setting, [])}
    assert seen <= {setting, "bedroom"} | nearby
    assert all(place in places().names for place in seen)


def test_the_users_setting_wins_and_unknown_words_are_kept() -> None:
    chosen = WRITER.write(StoryRequest.create(family(), "A picnic", setting="jungle"), seed=1)
    assert chosen.setting == "jungle"
    custom = WRITER.write(
        StoryRequest.create(family(), "A picnic", setting="Zorbian Wobbleplex"), seed=1
    )
    assert custom.setting == "zorbian wobbleplex"
    assert places().get(custom.setting).is_custom
    near = WRITER.write(StoryRequest.create(family(), "A picnic", setting="Planet Zorb"), seed=1)
    assert near.setting == "space"


def test_pages_name_their_characters_from_the_cast_the_hero_on_every_page() -> None:
    story = WRITER.write(StoryRequest.create(family(), "A day at the beach", pages=8), seed=2)
    names = {member.name for member in story.cast}
    assert story.cast[0].name == "Maya"
    for page in story.pages:
        assert page.characters[0] == "Maya"
        assert set(page.characters) <= names
        for member in story.cast[1:]:
            if member.name in page.text:
                assert member.name in page.characters


def test_page_characters_keep_cast_order_and_drop_strangers() -> None:
    cast = cast_for(family(), seed=1)
    on_page = page_characters(cast, ["Biscuit", "Zed"], "Leo laughed.")
    assert on_page == ("Maya", "Leo", "Biscuit")


def test_an_old_book_gets_a_setting_and_places_from_what_it_has() -> None:
    request = StoryRequest.create(family(), "Maya explores a coral reef", setting="ocean")
    cast = cast_for(request.character, seed=11)
    setting, staged = legacy_book_model(
        request, cast, [("Leo swam by.", "Maya swims over the reef"), ("Night.", "In bed")]
    )
    assert setting == places().resolve("ocean").name
    assert staged[0][1] == ("Maya", "Leo")
    assert all(place in places().names for place, _ in staged)


def test_a_broken_looks_file_stops_loading_and_names_itself(tmp_path) -> None:
    from storyillus._exceptions import VocabularyError
    from storyillus.casting import LOOKS_FILE, load_look_words

    broken = tmp_path / "looks.toml"
    broken.write_text(LOOKS_FILE.read_text().replace('"#2c2224"', '"black-ish"', 1))
    with pytest.raises(VocabularyError, match=r"looks\.toml.*hair entry"):
        load_look_words(broken)
    twice = tmp_path / "twice.toml"
    twice.write_text(LOOKS_FILE.read_text().replace('dog = ["dog",', 'dog = ["brother", "dog",'))
    with pytest.raises(VocabularyError, match="'brother' is listed under both"):
        load_look_words(twice)
