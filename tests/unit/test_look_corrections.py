"""A parent's corrections of a look: colours and their words stay in agreement."""

from __future__ import annotations

import pytest

from storyillus import InvalidInput
from storyillus.casting import as_chosen, cast_for, recoloured
from storyillus.domain import Character, Companion, Feature, Look, LookChoice

LOOK = Look(
    hair=Feature("brown", "#805232", "curly"),
    skin=Feature("light", "#f8d2b0"),
    eyes=Feature("blue", "#4a78b8"),
    clothes=Feature("red", "#ea5656", "raincoat"),
)


def test_a_new_colour_under_the_old_word_gets_the_nearest_word() -> None:
    look = recoloured(LOOK, "child", {"hair": ("#C8703B", "brown")}, [])
    assert look.hair == Feature("ginger", "#c8703b", "curly")
    assert look.clothes == LOOK.clothes


def test_a_typed_word_of_the_vocabulary_brings_its_colour() -> None:
    look = recoloured(LOOK, "child", {"clothes": ("#ea5656", "Teal")}, [])
    assert look.clothes == Feature("Teal", "#38b4aa", "raincoat")


def test_a_word_outside_the_vocabulary_keeps_the_colour() -> None:
    look = recoloured(LOOK, "child", {"clothes": ("#ea5656", "cherry")}, [])
    assert look.clothes == Feature("cherry", "#ea5656", "raincoat")


def test_an_animal_is_named_from_fur_colours_and_extras_are_cleaned() -> None:
    dog = Look(hair=Feature("golden", "#d8a050", "fur"))
    look = recoloured(dog, "dog", {"hair": ("#2e2a2a", "golden")}, [" red   scarf ", "", " "])
    assert look.hair.colour == "black"
    assert look.extras == ("red scarf",)


@pytest.mark.parametrize(
    ("colours", "message"),
    [
        ({"hair": ("red", "brown")}, "A colour must be written #rrggbb, not 'red'."),
        ({"shoes": ("#000000", "black")}, "A look has no 'shoes'"),
    ],
)
def test_bad_corrections_are_refused_in_words(
    colours: dict[str, tuple[str, str]], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
        recoloured(LOOK, "child", colours, [])


# -- before the book: the parent's own colours (Create page, CLI) -------------------


def test_colours_picked_before_the_book_are_the_heros_whatever_the_picture() -> None:
    choice = LookChoice.create({"hair": "C8703A", "eyes": "#4E8A4E"}, glasses=True)
    hero = Character.create("Sofía", 6, companions=[Companion("Ana", "twin")], look=choice)
    plain = Character.create("Sofía", 6, companions=[Companion("Ana", "twin")])
    chosen, twin = cast_for(hero, seed=4)
    guessed, _ = cast_for(plain, seed=4)

    assert chosen.look.hair == Feature("ginger", "#c8703a", guessed.look.hair.detail)
    assert chosen.look.eyes.colour == "green"
    assert chosen.look.skin == guessed.look.skin, "a part left alone is the seed's"
    assert "ginger" in chosen.description and "green eyes" in chosen.description
    assert "glasses" in chosen.description
    assert twin.look.hair.hex == "#c8703a", "a twin follows the corrected hero"


def test_glasses_taken_off_before_the_book_are_not_drawn() -> None:
    look = as_chosen(
        Look(hair=LOOK.hair, extras=("round glasses", "a red scarf")), LookChoice(glasses=False)
    )
    assert look.extras == ("a red scarf",)


@pytest.mark.parametrize("bad", ["brown", "#12345", "#gg0000"])
def test_a_picked_colour_must_be_a_colour(bad: str) -> None:
    with pytest.raises(InvalidInput, match="hair colour"):
        LookChoice.create({"hair": bad})


def test_the_choice_is_kept_with_the_request() -> None:
    hero = Character.create("Lila", 7, look=LookChoice.create({"skin": "#8c5c40"}, False))
    assert Character.from_json(hero.to_json()) == hero
    assert Character.from_json(Character.create("Lila", 7).to_json()).look is None
