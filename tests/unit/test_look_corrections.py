"""A parent's corrections of a look: colours and their words stay in agreement."""

from __future__ import annotations

import pytest

from storyillus import InvalidInput
from storyillus.casting import recoloured
from storyillus.domain import Feature, Look

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
