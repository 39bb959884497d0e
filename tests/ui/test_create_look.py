"""The hero's look on the Create page: read from the picture, corrected, kept in the book."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from storyillus.casting import colour_word
from storyillus.ui import engine
from tests.quality.reference import LIGHT_BROWN
from tests.ui.test_pages import _app, _fill_form

PICKED_HAIR = "#c8703a"  # ginger: the drawn child's hair is brown


def _make(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Make my book").click().run()
    assert not at.exception
    assert not at.error


def _captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_a_corrected_hair_colour_is_the_books_hero(home: Path) -> None:
    at = _fill_form(_app().run())
    at.file_uploader(key="hero_upload").set_value(
        ("drawn.png", LIGHT_BROWN.png(), "image/png")
    ).run()
    assert not at.exception
    hair = at.color_picker(key="hero_look_hair")
    assert hair.label == "Hair"
    assert colour_word("hair", hair.value) == "brown", "the picture's brown hair is read"
    assert "Read from the picture: hair" in _captions(at)
    assert "brown" in _captions(at), "each picker says its colour's word"

    hair.pick(PICKED_HAIR).run()
    assert "ginger" in _captions(at), "the word follows the picked colour"
    _make(at)

    (book,) = engine().list_books()
    hero = book.cast[0]
    assert hero.look.hair.hex == PICKED_HAIR
    assert hero.look.hair.colour == "ginger"
    assert "ginger hair" in hero.description or "ginger" in hero.description
    assert colour_word("skin", hero.look.skin.hex) == colour_word("skin", "#f4d0b6"), (
        "what the parent left alone is the picture's"
    )


def test_without_a_picture_the_pickers_are_the_books_first_guess(home: Path) -> None:
    at = _fill_form(_app().run())
    assert "A first guess" in _captions(at)
    shown = {part: at.color_picker(key=f"hero_look_{part}").value for part in ("hair", "skin")}
    glasses = at.toggle(key="hero_look_glasses").value
    at.toggle(key="hero_look_glasses").set_value(not glasses).run()
    _make(at)

    (book,) = engine().list_books()
    hero = book.cast[0]
    assert {"hair": hero.look.hair.hex, "skin": hero.look.skin.hex} == shown
    worn = any("glasses" in extra for extra in hero.look.extras)
    assert worn is (not glasses)
    assert ("glasses" in hero.description) is (not glasses)


def test_the_same_first_guess_whatever_the_name(home: Path) -> None:
    at = _app().run()
    at.text_input(key="hero_name").input("Sofía").run()
    first = at.color_picker(key="hero_look_skin").value
    at.text_input(key="hero_name").input("Oluwaseun").run()
    assert at.color_picker(key="hero_look_skin").value == first


def test_removing_the_picture_starts_the_look_over(home: Path) -> None:
    at = _app().run()
    guess = at.color_picker(key="hero_look_hair").value
    at.file_uploader(key="hero_upload").set_value(
        ("drawn.png", LIGHT_BROWN.png(), "image/png")
    ).run()
    read = at.color_picker(key="hero_look_hair").value
    next(b for b in at.button if b.label == "Remove picture").click().run()
    assert not at.exception
    assert at.color_picker(key="hero_look_hair").value == guess
    assert colour_word("hair", read) == "brown"
