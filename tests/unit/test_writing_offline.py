"""The offline story writer: shape, determinism, personalization and tidy prose."""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter

import pytest

from storyillus.casting import cast_for
from storyillus.domain import Character, Companion, Story, StoryRequest
from storyillus.illustration._offline_scenes import PAINTERS
from storyillus.places import places
from storyillus.writing.base import StoryWriter
from storyillus.writing.offline import OfflineStoryWriter, _BookWriter, guess_setting, key_nouns

WRITER = OfflineStoryWriter()
# The writer's phrase families: one per painter the places vocabulary names.
SETTINGS = tuple(PAINTERS)


def sentences(text: str) -> list[str]:
    """Split prose the way a reader would; '"Hi!" said Lila.' is one sentence."""
    parts = re.split(r"(?<=[.!?])\s+|(?<=[.!?][\"”’'])\s+", text.strip())
    merged: list[str] = []
    for part in parts:
        first = next((c for c in part if c.isalpha()), "")
        if merged and first.islower():
            merged[-1] += " " + part
        elif part:
            merged.append(part)
    return merged


def lila(age: int = 6, **changes: object) -> Character:
    fields: dict[str, object] = {
        "name": "Lila",
        "age": age,
        "personality": ["brave", "curious"],
        "interests": ["dinosaurs", "painting"],
        "companions": [Companion("Mia", "sister", ("funny",))],
        "message": "We love you to the moon and back!",
    }
    fields.update(changes)
    return Character.create(**fields)  # type: ignore[arg-type]


def request(
    character: Character | None = None,
    prompt: str = "A cosmic garden adventure",
    pages: int = 8,
    themes: tuple[str, ...] = ("friendship",),
    setting: str = "",
) -> StoryRequest:
    return StoryRequest.create(character or lila(), prompt, list(themes), setting, pages)


def text_of(story: Story) -> str:
    return " ".join(page.text for page in story.pages)


def test_is_a_story_writer() -> None:
    writer: StoryWriter = WRITER
    assert writer.name == "offline"
    assert writer.model == "offline-storyteller"
    story = writer.write(request(), seed=1)
    assert story.writer == "offline"
    assert story.model == "offline-storyteller"


@pytest.mark.parametrize("pages", [4, 8, 16])
def test_exact_page_count(pages: int) -> None:
    story = WRITER.write(request(pages=pages), seed=3)
    assert len(story.pages) == pages
    assert all(page.text.strip() and page.scene.strip() for page in story.pages)


def test_same_seed_same_story() -> None:
    assert WRITER.write(request(), seed=42) == WRITER.write(request(), seed=42)


def test_different_seeds_different_stories() -> None:
    stories = [WRITER.write(request(), seed=seed) for seed in range(10)]
    assert len({s.pages[0].text for s in stories}) >= 4
    assert len({s.title for s in stories}) >= 3
    assert len({text_of(s) for s in stories}) == 10


def test_several_story_shapes() -> None:
    # Lost thing, someone to help, a journey, a fear, a mystery: not one template.
    cast = cast_for(lila(), 1)
    arcs = {_BookWriter(request(), cast, random.Random(seed)).arc for seed in range(40)}
    assert len(arcs) >= 4
    openings = {
        WRITER.write(request(prompt=p), 1).pages[1].text
        for p in [
            "A lost kite",
            "Helping a hurt bird",
            "A trip to the mountains",
            "Scared of the dark",
            "A strange mystery",
        ]
    }
    assert len(openings) == 5


def test_art_style_and_picture_do_not_change_the_words() -> None:
    plain = request()
    styled = StoryRequest.create(lila(), plain.prompt, list(plain.themes), "", 8, "crayon")
    assert WRITER.write(plain, seed=5) == WRITER.write(styled, seed=5)


def test_no_placeholders_repeats_or_sloppy_prose() -> None:
    characters = [
        lila(4),
        lila(7),
        Character.create("Zoë", 10),
        Character.create(
            "Łucja",
            5,
            ["shy", "a good listener"],
            ["origami"],
            [Companion("Ådne", "brother"), Companion("Sam", "friend", ("loud",))],
            "Mum is so proud of you",
        ),
    ]
    prompts = [
        "A cosmic garden adventure",
        "Go!",
        "Finding grandma's lost ring at the beach",
        "A rocket trip to the moon",
    ]
    for character, prompt, pages, seed in itertools.product(
        characters, prompts, (4, 7, 12), (0, 1)
    ):
        story = WRITER.write(request(character, prompt, pages), seed)
        seen: Counter[str] = Counter()
        for page in story.pages:
            for field in (story.title, page.text, page.scene):
                for bad in ("{", "}", "None", "[", "]", "TODO", "  ", " ,", " ."):
                    assert bad not in field, (bad, field)
            for sentence in sentences(page.text):
                first = next(c for c in sentence if c.isalpha())
                assert first.isupper(), sentence
                assert re.search(r"[.!?][\"'”’]*$", sentence), sentence
                seen[sentence.lower()] += 1
        repeated = [s for s, n in seen.items() if n > 1]
        assert not repeated, (character.name, prompt, pages, seed, repeated)


def test_personal_details_all_appear() -> None:
    character = lila(
        7,
        personality=["brave", "curious", "patient"],
        interests=["dinosaurs", "painting", "music"],
        companions=[Companion("Mia", "sister", ("funny",)), Companion("Theo", "best friend")],
    )
    for pages, seed in itertools.product((4, 8, 16), range(4)):
        story = WRITER.write(
            request(character, themes=("friendship", "courage"), pages=pages), seed
        )
        text = text_of(story).lower()
        for word in [
            "brave",
            "curious",
            "patient",
            "dinosaurs",
            "painting",
            "music",
            "mia",
            "theo",
            "sister",
            "friendship",
            "courage",
            "lila",
        ]:
            assert word in text, (word, pages, seed)


def test_prompt_nouns_appear() -> None:
    assert {"cosmic", "garden"} <= set(key_nouns("A cosmic garden adventure"))
    for prompt in [
        "A cosmic garden adventure",
        "A purple dragon and a magic kite",
        "Finding a lost telescope on the beach",
    ]:
        for pages, seed in itertools.product((4, 8), range(3)):
            text = text_of(WRITER.write(request(prompt=prompt, pages=pages), seed)).lower()
            for noun in key_nouns(prompt):
                assert noun in text, (noun, prompt, pages, seed)


def test_key_nouns_drop_stopwords_and_story_talk() -> None:
    assert key_nouns("A cosmic garden adventure") == ["cosmic", "garden"]
    assert key_nouns("Go to the ... of it!") == []
    assert key_nouns("The dragon's treasure") == ["dragon", "treasure"]


def test_message_near_the_end() -> None:
    for pages, seed in itertools.product((4, 6, 9, 16), range(6)):
        story = WRITER.write(request(pages=pages), seed)
        holders = [
            i
            for i, page in enumerate(story.pages)
            if "We love you to the moon and back!" in page.text
        ]
        assert holders, (pages, seed)
        assert holders[0] >= pages - 2, (pages, seed, holders)


def average_sentence_length(story: Story) -> float:
    found = [s for page in story.pages for s in sentences(page.text) if "moon and back" not in s]
    return sum(len(s.split()) for s in found) / len(found)


def test_sentences_grow_with_age() -> None:
    young = [WRITER.write(request(lila(4)), seed) for seed in range(5)]
    older = [WRITER.write(request(lila(11)), seed) for seed in range(5)]
    young_avg = sum(map(average_sentence_length, young)) / len(young)
    older_avg = sum(map(average_sentence_length, older)) / len(older)
    assert young_avg < 9
    assert older_avg > young_avg * 1.6


def test_young_pages_stay_short() -> None:
    for pages, seed in itertools.product((4, 8, 16), range(4)):
        for page in WRITER.write(request(lila(4), pages=pages), seed).pages:
            found = sentences(page.text)
            assert 1 <= len(found) <= 4, page.text
            for sentence in found:
                if "moon and back" not in sentence:
                    assert len(sentence.split()) <= 13, sentence


def test_older_pages_have_dialogue_and_room() -> None:
    stories = [WRITER.write(request(lila(11)), seed) for seed in range(5)]
    assert all('"' in text_of(story) for story in stories)
    for story in stories:
        assert all(len(sentences(page.text)) <= 7 for page in story.pages)


@pytest.mark.parametrize("setting", SETTINGS)
def test_scenes_name_hero_setting_and_time(setting: str) -> None:
    story = WRITER.write(request(setting=setting, pages=6), seed=2)
    for page in story.pages:
        assert "Lila" in page.scene
        # The scene names its own page's place, whatever the book's broad setting.
        assert places().get(page.place) in places().mentions(page.scene), page.scene
        assert "mood" in page.scene
        assert 1 <= len(sentences(page.scene)) <= 2, page.scene
    times = {
        t
        for page in story.pages
        for t in ("morning", "afternoon", "sunset", "night", "evening", "midnight")
        if t in page.scene
    }
    assert len(times) >= 2
    assert "night" in story.pages[-1].scene


def test_space_stories_happen_at_night() -> None:
    story = WRITER.write(request(prompt="A rocket trip to the stars", pages=6), seed=1)
    assert guess_setting(request(prompt="A rocket trip to the stars")) == "space"
    assert all(any(t in p.scene for t in ("night", "evening", "midnight")) for p in story.pages)


def test_scenes_show_companions_and_objects() -> None:
    story = WRITER.write(request(prompt="A rocket and a telescope", pages=8), seed=4)
    scenes = " ".join(page.scene for page in story.pages)
    assert "Mia" in scenes
    assert "rocket" in scenes


def test_guess_setting() -> None:
    assert guess_setting(request(setting="forest")) == "forest"
    assert guess_setting(request(prompt="A cosmic adventure with planets")) == "space"
    assert guess_setting(request(prompt="Building sandcastles at the beach")) == "ocean"
    assert guess_setting(request(prompt="An underwater treasure hunt")) == "ocean"
    assert guess_setting(request(prompt="The knight and the dragon")) == "castle"
    assert guess_setting(request(prompt="Sledding on a snowy day")) == "snow"
    assert guess_setting(request(lila(interests=["painting"]), prompt="A day")) == "meadow"
    assert guess_setting(request(prompt="A day")) == "forest"  # Lila loves dinosaurs
    assert guess_setting(request(setting="under the sea")) == "ocean"
    # A place noun outweighs a mere hint: a cosmic garden is still a garden.
    assert guess_setting(request(prompt="A cosmic garden adventure")) == "garden"
    for prompt in ["Go!", "A cosmic garden adventure", "Dragons"]:
        assert guess_setting(request(prompt=prompt)) in SETTINGS


def test_bare_character_gets_gentle_defaults() -> None:
    bare = Character.create("Zoë", 5)
    for pages, seed in itertools.product((4, 8, 16), range(3)):
        story = WRITER.write(StoryRequest.create(bare, "Go!", pages=pages), seed)
        text = text_of(story)
        assert len(story.pages) == pages
        assert "Zoë" in text and "Zoë" in story.title
        assert "kind" in text.lower() and "curious" in text.lower()


@pytest.mark.parametrize("name", ["Zoë", "Łucja", "Ådne", "Mary Jane"])
def test_unicode_and_multiword_names(name: str) -> None:
    character = lila(8, name=name, companions=[Companion("Øyvind", "cousin", ("kind",))])
    story = WRITER.write(request(character), seed=9)
    assert name in story.title or name in story.pages[0].text
    assert sum(name in page.text for page in story.pages) >= len(story.pages) - 2
    assert "Øyvind" in text_of(story)
    assert all(name in page.scene for page in story.pages)


def test_prompt_without_usable_nouns() -> None:
    for prompt in ["Go!", "the the the", "???", "It was so very fun"]:
        story = WRITER.write(request(prompt=prompt, pages=5), seed=0)
        assert len(story.pages) == 5
        assert story.title


def test_suggestions() -> None:
    character = lila(6)
    ideas = WRITER.suggest(character, seed=1)
    assert len(ideas) == 5
    assert len(set(ideas)) == 5
    for idea in ideas:
        assert "Lila" in idea or any(i in idea for i in character.interests)
        assert idea[0].isupper() and idea.endswith(".")
        assert len(sentences(idea)) == 1
    assert WRITER.suggest(character, seed=1) == ideas
    assert WRITER.suggest(character, seed=1, count=3) == ideas[:3]
    assert any("dinosaur" in idea or "paint" in idea for idea in ideas)
    assert WRITER.suggest(Character.create("Zoë", 3), seed=2, count=7)
    assert len(set(WRITER.suggest(Character.create("Zoë", 3), seed=2, count=7))) == 7
    assert WRITER.suggest(character, seed=1, count=0) == []
