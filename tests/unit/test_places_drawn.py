"""Every place of the vocabulary is drawn as itself: its own scene, in its own colours."""

from __future__ import annotations

import io
import itertools
import math
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from storyillus._exceptions import VocabularyError
from storyillus.casting import cast_for
from storyillus.domain import Character
from storyillus.illustration._offline_paint import hexc
from storyillus.illustration._offline_places import LANDMARKS
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.offline import OfflineIllustrator
from storyillus.places import CUSTOM, load_places, places

NAMES = [name for name in places().names if name != CUSTOM]
CAST = cast_for(Character.create("Nia", 6), seed=7)
SIZE = (128, 128)
# Same hero, same page, same words: only the place changes. 10 of 255 levels on average over
# every pixel is a page-wide change anyone sees (the hero and the paper are identical in both
# and differ by 0); the closest pair today, beach and island, differs by about 11.
MIN_DIFFERENCE = 10.0
# The place's big colours (sky and ground outdoors, wall and floor indoors) each cover at
# least 1% of the page within 60 RGB levels (the paper grain and the time's light shift them).
PALETTE_TOLERANCE = 60.0
PALETTE_SHARE = 0.01


def picture(place: str) -> Image.Image:
    request = SceneRequest(
        book_id="book",
        book_seed=7,
        page_number=1,
        page_count=8,
        page_text="Nia looks around.",
        scene="Nia looks around.",
        place=place,
        cast=CAST,
        art_style="storybook",
        reference=None,
        size=SIZE,
    )
    png = OfflineIllustrator().illustrate(request).png
    assert png is not None
    return Image.open(io.BytesIO(png)).convert("RGB")


@pytest.fixture(scope="module")
def pictures() -> dict[str, Image.Image]:
    return {name: picture(name) for name in NAMES}


def test_every_place_has_a_scene_of_drawable_landmarks() -> None:
    for place in places():
        if place.is_custom:
            continue
        assert place.landmarks, place.name
        assert all(name in LANDMARKS for name in place.landmarks), place.name


def test_pictures_at_different_places_differ_strongly(pictures) -> None:
    close = []
    for a, b in itertools.combinations(NAMES, 2):
        diff = ImageChops.difference(pictures[a], pictures[b])
        mean = sum(ImageStat.Stat(diff).mean) / 3
        if mean < MIN_DIFFERENCE:
            close.append((a, b, round(mean, 1)))
    assert not close


def test_each_picture_shows_its_places_palette(pictures) -> None:
    missing = []
    for name in NAMES:
        place = places().get(name)
        keys = ("wall", "floor") if place.indoor else ("sky", "ground")
        pixels = list(pictures[name].resize((64, 64)).get_flattened_data())
        for key in keys:
            colour = hexc(place.palette[key])
            share = sum(math.dist(p, colour) <= PALETTE_TOLERANCE for p in pixels) / len(pixels)
            if share < PALETTE_SHARE:
                missing.append((name, key, round(share, 3)))
    assert not missing


def test_a_place_without_landmarks_or_drawn_like_another_fails_at_load(tmp_path: Path) -> None:
    entry = """
[{name}]
synonyms = []
indoor = false
time = "day"
palette = {{ sky = "#a3d5f3", ground = "#8fca5c", accent = "#f4d03f" }}
props = []
painter = "meadow"
base = "plain"
landmarks = {landmarks}
"""
    custom = entry.format(name="custom", landmarks="[]")
    path = tmp_path / "places.toml"
    path.write_text(entry.format(name="farm", landmarks="[]") + custom)
    with pytest.raises(VocabularyError, match=r"line 2: place 'farm': landmarks is empty"):
        load_places(path)
    twins = entry.format(name="farm", landmarks='["barn"]') + entry.format(
        name="ranch", landmarks='["barn"]'
    )
    path.write_text(twins + custom)
    with pytest.raises(VocabularyError, match="same scene as the place 'farm'"):
        load_places(path)
    path.write_text(entry.format(name="farm", landmarks='["spaceship"]') + custom)
    with pytest.raises(VocabularyError, match="landmark 'spaceship' cannot be drawn"):
        load_places(path)
