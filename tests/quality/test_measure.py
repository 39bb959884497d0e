"""The quality suite's rulers, checked on texts and pictures whose answer is known."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from tests.quality.measure import (
    Picture,
    difference,
    hex_rgb,
    missing_colours,
    names,
    pages_naming,
    unpaid_goal,
)
from tests.quality.reference import DARK_BLACK, LIGHT_BROWN

RED = (220, 40, 40)
BLUE = (40, 60, 220)


def _halves(left: tuple[int, int, int], right: tuple[int, int, int]) -> Picture:
    image = Image.new("RGB", (100, 100), left)
    ImageDraw.Draw(image).rectangle((50, 0, 99, 99), fill=right)
    return Picture.of(image)


@pytest.mark.parametrize(
    ("text", "thing", "expected"),
    [
        ("She found the egg.", "egg", True),
        ("Two eggs lay there.", "egg", True),
        ("The turtle's home was far.", "turtle", True),
        ("An eggplant is purple; so is a beggar's hat.", "egg", False),
        ("Back to her Mum!", "mother|mum", True),
        ("The sea turtle swam.", "sea turtle", True),
        ("The sea, a turtle.", "sea turtle", False),
        ("THE DINOSAUR ROARED", "dinosaur", True),
    ],
)
def test_names_finds_whole_words_with_plurals_and_alternatives(
    text: str, thing: str, expected: bool
) -> None:
    assert names(text, thing) is expected


def test_pages_naming_counts_pages_from_one() -> None:
    assert pages_naming(["an egg", "nothing", "eggs!"], "egg") == [1, 3]


def test_unpaid_goal_reads_only_the_last_pages() -> None:
    texts = ["The egg and its mother.", "A walk.", "Home at last.", "Goodnight."]
    assert unpaid_goal(texts, ("egg", "mother"), last=2) == ["egg", "mother"]
    texts[-2] = "The egg was back with its mother."
    assert unpaid_goal(texts, ("egg", "mother"), last=2) == []


def test_hex_rgb_reads_and_refuses() -> None:
    assert hex_rgb("#ff8000") == (255, 128, 0)
    with pytest.raises(ValueError):
        hex_rgb("#fff")


def test_share_counts_pixels_near_a_colour_and_not_far_ones() -> None:
    picture = _halves(RED, BLUE)
    assert picture.share(RED) == pytest.approx(0.5, abs=0.02)
    assert picture.share((230, 50, 45)) == pytest.approx(0.5, abs=0.02)  # grain and shading
    assert picture.share((40, 200, 40)) == 0.0


def test_missing_colours_names_what_is_short_with_its_share() -> None:
    picture = _halves(RED, BLUE)
    colours = {"ground": "#dc2828", "accent": "#28dc28"}
    assert missing_colours(picture, colours, {"ground": 0.4}, 0.001) == {"accent": 0.0}
    assert set(missing_colours(picture, colours, {"ground": 0.6}, 0.001)) == {"ground", "accent"}


def test_difference_is_zero_for_the_same_mix_and_one_for_nothing_in_common() -> None:
    assert difference(_halves(RED, BLUE), _halves(BLUE, RED)) == pytest.approx(0.0)
    assert difference(_halves(RED, RED), _halves(BLUE, BLUE)) == pytest.approx(1.0)
    assert difference(_halves(RED, BLUE), _halves(RED, RED)) == pytest.approx(0.5, abs=0.02)


def test_reference_pictures_hold_their_known_colours() -> None:
    for reference in (LIGHT_BROWN, DARK_BLACK):
        with Image.open(io.BytesIO(reference.png())) as image:
            picture = Picture.of(image)
        for colour in (reference.hair, reference.skin, reference.clothes, reference.background):
            assert picture.share(colour, tolerance=1) > 0.03
