"""The hero's look read from a reference picture: real photos and the offline
illustrator's own character sheets, never made-up blobs of colour."""

from __future__ import annotations

import io
from dataclasses import replace as changed
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from storyillus.casting import cast_for, look_words
from storyillus.domain import CastMember, Character, Companion, Feature, Look
from storyillus.illustration import _offline_sheet
from storyillus.looks_from_picture import Measured, SeenLook, measure, name_look
from tests import photos
from tests.quality.reference import DARK_BLACK, LIGHT_BLOND, LIGHT_BROWN, MEDIUM_RED

ROOT = Path(__file__).resolve().parents[2]
WORDS = look_words()
HAIR, SKIN, CLOTHES = dict(WORDS.hair), dict(WORDS.skin), dict(WORDS.clothes)


def _read(picture: np.ndarray | Image.Image, kind: str = "child"):
    image = picture if isinstance(picture, Image.Image) else Image.fromarray(picture)
    return name_look(measure(image), kind)


# ---------------------------------------------------------------------------- photos


def test_a_photo_gives_hair_skin_eyes_clothes_and_no_glasses() -> None:
    seen = _read(photos.astronaut())
    assert seen.source == "photo"
    assert seen.hair is not None and seen.hair.word == "brown"
    assert seen.skin is not None and seen.skin.word == "light"
    assert seen.eyes is not None and seen.eyes.word in {"brown", "hazel"}
    # Her suit is international orange; the grey studio wall is not what she wears.
    assert seen.clothes is not None and seen.clothes.word in {"red", "orange"}
    assert seen.glasses is False
    # Each word comes with its own colour, and the colour measured beside it.
    assert seen.hair.hex == HAIR["brown"] and seen.hair.measured != seen.hair.hex


@pytest.mark.parametrize(
    ("hair", "skin"),
    [
        ("black", "dark brown"),
        ("ginger", "tan"),
        ("golden blond", "fair"),
        ("dark brown", "brown"),
    ],
)
def test_a_childs_hair_and_skin_are_read_whatever_their_colours(hair: str, skin: str) -> None:
    seen = _read(photos.astronaut_with(hair=HAIR[hair], skin=SKIN[skin]))
    assert seen.source == "photo"
    assert (seen.hair and seen.hair.word, seen.skin and seen.skin.word) == (hair, skin)


def test_the_photos_size_does_not_change_what_is_read() -> None:
    variant = photos.astronaut_with(hair=HAIR["ginger"], skin=SKIN["tan"])
    for side in (300, 1024):
        seen = _read(Image.open(io.BytesIO(photos.png(variant, side=side))))
        assert (seen.hair and seen.hair.word, seen.skin and seen.skin.word) == ("ginger", "tan")


def test_glasses_on_the_face_are_seen() -> None:
    assert _read(photos.with_glasses(photos.astronaut())).glasses is True


# -------------------------------------------------------------------------- drawings


def _sheet(look: Look, background: tuple[int, int, int], monkeypatch) -> Image.Image:
    """The offline illustrator's character sheet of a child in ``look`` on ``background``."""
    monkeypatch.setattr(_offline_sheet, "PAPER", background)
    member = CastMember("Ada", "hero", "Ada.", look, kind="child")
    png = _offline_sheet.render_sheet(member, 3, "watercolor", (768, 768), (768, 768))
    return Image.open(io.BytesIO(png))


def _look(hair: str, skin: str, clothes: str, style: str = "short") -> Look:
    return Look(
        hair=Feature(hair, HAIR[hair], style),
        skin=Feature(skin, SKIN[skin]),
        eyes=Feature("green", "#4e8a4e"),
        clothes=Feature(clothes, CLOTHES[clothes], "t-shirt and trousers"),
    )


def _rgb(hex_: str) -> tuple[int, int, int]:
    return int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16)


@pytest.mark.parametrize(
    ("hair", "skin", "clothes", "style", "background"),
    [
        ("auburn", "tan", "purple", "short", "#f8f6f2"),  # the sheets' own paper
        # Backgrounds that are colours a hero could have: never read as the hero's.
        ("light blond", "fair", "green", "long", HAIR["brown"]),
        ("black", "dark brown", "yellow", "afro", SKIN["light"]),
        ("ginger", "light olive", "blue", "ponytail", CLOTHES["red"]),
        ("brown", "medium brown", "red", "bob", CLOTHES["sky blue"]),
        ("golden blond", "light", "teal", "curly", "#2c2c3a"),  # a dark night ground
    ],
)
def test_a_drawn_character_is_read_top_to_bottom_and_its_background_is_not_the_hero(
    hair: str, skin: str, clothes: str, style: str, background: str, monkeypatch
) -> None:
    sheet = _sheet(_look(hair, skin, clothes, style), _rgb(background), monkeypatch)
    measured = measure(sheet)
    seen = name_look(measured, "child")
    assert seen.source == "drawing"
    assert (seen.hair.word, seen.skin.word, seen.clothes.word) == (hair, skin, clothes)  # type: ignore[union-attr]
    assert measured.background is not None
    for part in (measured.hair, measured.skin, measured.clothes):
        assert part is not None
        assert sum((a - b) ** 2 for a, b in zip(part, _rgb(background), strict=True)) > 400


def test_a_cut_out_drawing_on_transparency_is_read_too(monkeypatch) -> None:
    sheet = _sheet(_look("ginger", "fair", "pink"), (0, 255, 0), monkeypatch).convert("RGBA")
    pixels = np.asarray(sheet).copy()
    pixels[(pixels[..., :3] == (0, 255, 0)).all(axis=-1), 3] = 0
    seen = _read(Image.fromarray(pixels, "RGBA"))
    assert (seen.hair.word, seen.skin.word, seen.clothes.word) == ("ginger", "fair", "pink")  # type: ignore[union-attr]


def test_a_picture_of_nothing_decides_nothing() -> None:
    plain = Image.new("RGB", (400, 300), (90, 140, 200))
    seen = _read(plain)
    assert seen.source == "none"
    assert (seen.hair, seen.skin, seen.eyes, seen.clothes, seen.glasses) == (None,) * 5


def test_a_pets_picture_gives_its_fur() -> None:
    measured = Measured("drawing", hair=(30, 30, 30), body=(212, 122, 60))
    seen = name_look(measured, "dog")
    assert seen.hair is not None and seen.hair.word == "ginger"
    assert seen.skin is None and seen.clothes is None


# --------------------------------------------------------------------------- casting


def _measured(photo: np.ndarray) -> Measured:
    return measure(Image.fromarray(photo))


def test_the_picture_not_the_name_decides_the_heros_look() -> None:
    dark = _measured(photos.astronaut_with(hair=HAIR["black"], skin=SKIN["dark brown"]))
    fair = _measured(photos.astronaut_with(hair=HAIR["golden blond"], skin=SKIN["fair"]))
    heroes = []
    for path, measured in (("/a.png", dark), ("/b.png", fair)):
        hero = Character.create("Sofía", 6, image_path=path)
        heroes.append(cast_for(hero, 4, {path: measured})[0])
    assert [(h.look.hair.colour, h.look.skin.colour) for h in heroes] == [
        ("black", "dark brown"),
        ("golden blond", "fair"),
    ]
    assert "black hair" in heroes[0].description and "fair skin" in heroes[1].description
    # What the picture does not show (hair style, the clothes' cut) is the seed's.
    assert heroes[0].look.hair.detail == heroes[1].look.hair.detail
    assert heroes[0].look.clothes.detail == heroes[1].look.clothes.detail
    assert not any("glasses" in extra for h in heroes for extra in h.look.extras)


def test_a_companion_with_a_picture_looks_like_it() -> None:
    measured = _measured(photos.astronaut_with(hair=HAIR["ginger"], skin=SKIN["tan"]))
    friend = Companion("Zoe", "friend", image_path="/zoe.png")
    cast = cast_for(Character.create("Leo", 6, companions=[friend]), 9, {"/zoe.png": measured})
    assert (cast[1].look.hair.colour, cast[1].look.skin.colour) == ("ginger", "tan")
    assert cast[0].look != cast[1].look


@pytest.mark.parametrize("seed", range(8))
def test_a_twin_looks_alike_but_is_dressed_otherwise(seed: int) -> None:
    twin = Companion("Noa", "twin sister")
    hero, sister = cast_for(Character.create("Eli", 7, companions=[twin]), seed)
    assert (sister.look.hair.colour, sister.look.skin, sister.look.eyes) == (
        hero.look.hair.colour,
        hero.look.skin,
        hero.look.eyes,
    )
    assert sister.look.clothes.colour != hero.look.clothes.colour


def test_a_twin_shares_the_pictures_hair_and_skin() -> None:
    measured = _measured(photos.astronaut_with(hair=HAIR["black"], skin=SKIN["dark brown"]))
    hero = Character.create("Eli", 7, companions=[Companion("Noa", "twin")], image_path="/e")
    cast = cast_for(hero, 2, {"/e": measured})
    assert (cast[1].look.hair.colour, cast[1].look.skin.colour) == ("black", "dark brown")
    assert cast[1].look.clothes.colour != cast[0].look.clothes.colour


# ---------------------------------------------------- a drawing's eyes and glasses

BLUE, GREEN, BROWN = (74, 120, 184), (78, 138, 78), (107, 66, 38)


def _drawn(reference, **change) -> SeenLook:
    return _read(Image.open(io.BytesIO(changed(reference, **change).png())))


@pytest.mark.parametrize("reference", [LIGHT_BROWN, DARK_BLACK, MEDIUM_RED, LIGHT_BLOND])
@pytest.mark.parametrize(("iris", "word"), [(BLUE, "blue"), (GREEN, "green")])
@pytest.mark.parametrize("glasses", [False, True])
def test_a_drawn_childs_eye_colour_and_glasses_are_read(reference, iris, word, glasses) -> None:
    seen = _drawn(reference, eyes=iris, glasses=glasses)
    assert seen.eyes is not None and seen.eyes.word == word
    assert seen.glasses is glasses
    plain = _read(Image.open(io.BytesIO(reference.png())))
    assert seen.hair == plain.hair, "eyes and frames change nothing else"


def test_dot_eyes_tell_no_colour_but_a_bare_face_no_glasses() -> None:
    seen = _read(Image.open(ROOT / "bench" / "reference-child.png"))
    assert seen.eyes is None
    assert seen.glasses is False
    assert _drawn(LIGHT_BROWN, glasses=True).glasses is True


def test_a_brown_iris_on_light_skin_is_brown() -> None:
    assert _drawn(LIGHT_BLOND, eyes=BROWN).eyes.word == "brown"  # type: ignore[union-attr]


def test_an_iris_of_the_skins_own_colour_is_left_out_not_taken_for_glasses() -> None:
    # Brown eyes on brown skin: the iris reads as skin, the white around the pupil as a ring.
    seen = _drawn(DARK_BLACK, eyes=BROWN)
    assert seen.eyes is None
    assert seen.glasses is None


def test_a_face_without_eyes_says_nothing_of_eyes_or_glasses() -> None:
    blank = Image.new("RGB", (512, 512), (222, 224, 230))
    pen = ImageDraw.Draw(blank)
    pen.rounded_rectangle((120, 390, 392, 500), radius=70, fill=(58, 150, 82))
    pen.ellipse((146, 70, 366, 300), fill=(106, 66, 38))
    pen.ellipse((166, 120, 346, 350), fill=(244, 208, 182))
    seen = _read(blank)
    assert (seen.eyes, seen.glasses) == (None, None)


def test_a_small_photo_of_a_dark_skinned_child_is_read_as_a_photo() -> None:
    """A 512 px photo of a child with deep brown skin and black hair: the whole-picture
    contrast stretch hid the face from the detector, the picture was taken for a drawing
    and the hero came out blond. Read with local contrast, the face is found."""
    photo = photos.astronaut_with(hair="#1a1a1a", skin="#6b4423")
    assert photo.shape[:2] == (512, 512)
    measured = measure(Image.fromarray(photo))
    assert measured.source == "photo"
    assert measured.hair is not None and max(measured.hair) < 60
    assert measured.skin is not None and max(measured.skin) < 140
