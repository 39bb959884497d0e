"""Done when: references of different hair and skin give heroes of those colours under
the same name, on the sheet and on every page. The whole flow offline: real engine,
real photos (tests/photos.py), real offline writer, illustrator, store and files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from storyillus import Character, Engine, JobStatus, StoryRequest
from storyillus.casting import look_words
from tests import photos
from tests.conftest import make_settings

HAIR, SKIN = dict(look_words().hair), dict(look_words().skin)
NEAR = 56
"""How far (RGB distance) a painted pixel may be from the look's colour: a page's light
(evening, a lamp-lit room) dims the paint; the two heroes' colours are further apart."""
MIN_PIXELS = 300
"""A hero's hair or face on a 1024 px page covers thousands of pixels."""
MARGIN = 3
"""A hero's colour covers at least this many times more of its own picture than of the
other hero's picture of the same page (not more: ginger hair's shadows, dimmed by a
lamp-lit room, come near dark brown skin)."""


@pytest.fixture
def engine(tmp_path: Path):
    made = Engine(make_settings(tmp_path))
    yield made
    made.close(wait=True)


def _rgb(hex_: str) -> np.ndarray:
    return np.array([int(hex_[i : i + 2], 16) for i in (1, 3, 5)])


def _pixels(path: Path | None) -> np.ndarray:
    assert path is not None
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB")).astype(int)


def _near(pixels: np.ndarray, hex_: str) -> np.ndarray:
    return np.sqrt(((pixels - _rgb(hex_)) ** 2).sum(axis=-1)) <= NEAR


def _book(engine: Engine, hair: str, skin: str):
    picture = photos.png(photos.astronaut_with(hair=HAIR[hair], skin=SKIN[skin]), side=1024)
    path = engine.store_reference_picture(picture)
    hero = Character.create("Sofía", 6, ["brave"], ["dinosaurs"], image_path=str(path))
    request = StoryRequest.create(hero, "Sofía finds a lost kite in the park", pages=4, seed=5)
    made = engine.create_book(request, run_async=False)
    assert made.job is not None and made.job.status is JobStatus.COMPLETED
    return made.book


def test_references_of_different_hair_and_skin_give_heroes_of_those_colours(
    engine: Engine,
) -> None:
    dark = _book(engine, "black", "dark brown")
    fair = _book(engine, "ginger", "fair")
    heroes = [book.cast[0] for book in (dark, fair)]
    assert [hero.name for hero in heroes] == ["Sofía", "Sofía"]
    assert [(h.look.hair.colour, h.look.skin.colour) for h in heroes] == [
        ("black", "dark brown"),
        ("ginger", "fair"),
    ]
    assert "black hair" in heroes[0].description and "fair skin" in heroes[1].description
    # The same name, seed and idea: the same story and scenes, so where two pictures
    # differ is the hero. There each book paints its own hero's hair and skin, on the
    # sheet and on every page.
    pairs = [(dark.cast[0].sheet, fair.cast[0].sheet)]
    pairs += [
        (a.illustration.local_url, b.illustration.local_url)  # type: ignore[union-attr]
        for a, b in zip(dark.pages, fair.pages, strict=True)
    ]
    for urls in pairs:
        pictures = [_pixels(engine.image_path(url)) for url in urls]
        differ = np.abs(pictures[0] - pictures[1]).max(axis=-1) > 32
        for index, hero in enumerate(heroes):
            for part in (hero.look.hair, hero.look.skin):
                own, other = (
                    int((_near(p, part.hex) & differ).sum()) for p in pictures[:: 1 - 2 * index]
                )
                assert own >= MIN_PIXELS, f"{urls[index]}: {part.colour} on {own} pixels"
                assert own >= MARGIN * other, f"{urls[index]}: {part.colour} {own} vs {other}"
