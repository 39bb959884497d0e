"""The offline judge, sheets and pages: real drawn pictures, no mocks.

Pages are drawn by the offline illustrator from a family (a child, a brother, a
grandmother, a dog) and judged against the family's own offline sheets.
"""

from __future__ import annotations

import io
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from storyillus.casting import cast_for
from storyillus.domain import CastMember, Character, Companion, Feature
from storyillus.illustration import _offline_hero as hero
from storyillus.illustration.base import SHEET, SceneRequest
from storyillus.illustration.judge import OFFLINE_JUDGE, OfflineJudge
from storyillus.illustration.offline import OfflineIllustrator
from storyillus.storage.references import ReferencePictures

MIN_SCORE = 0.7  # CONSISTENCY_MIN_SCORE's default
SIDE = 512
ILLUSTRATOR = OfflineIllustrator()


def family(seed: int) -> tuple[CastMember, ...]:
    companions = [Companion("Kofi", "brother"), Companion("Nana", "grandmother")]
    companions.append(Companion("Rex", "dog"))
    return cast_for(Character.create("Lila", 7, companions=companions), seed)


def draw(request: SceneRequest) -> bytes:
    png = ILLUSTRATOR.illustrate(request).png
    assert png is not None
    return png


def sheets_of(cast: tuple[CastMember, ...], seed: int, folder: Path) -> tuple[Path, ...]:
    paths = []
    for number, member in enumerate(cast, start=1):
        request = SceneRequest(
            "book", seed, number, len(cast), "", "", "meadow", (member,), "watercolor", None,
            (SIDE, SIDE), kind=SHEET,
        )  # fmt: skip
        path = folder / f"sheet-{seed}-{member.name}.png"
        path.write_bytes(draw(request))
        paths.append(path)
    return tuple(paths)


def page(
    cast: tuple[CastMember, ...],
    seed: int,
    place: str,
    scene: str,
    sheets: tuple[Path, ...] = (),
    number: int = 1,
    size: int = SIDE,
) -> SceneRequest:
    return SceneRequest(
        "book", seed, number, 8, scene, scene, place, cast, "watercolor", None, (size, size),
        sheets=sheets,
    )  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sheets")


def judge() -> OfflineJudge:
    return OfflineJudge(ReferencePictures())


# A range of places and times of day: night pages are tinted dark blue.
GOOD = [
    (7, "meadow", "Lila walks in the sunny meadow."),
    (7, "forest", "At night they walk under the moon."),
    (7, "city", "At night the city lights shine."),
    (11, "sea", "In the morning they see a boat."),
    (11, "bedroom", "At bedtime the moonlight comes in."),
    (11, "snow", "In the evening they build a snowman."),
    (23, "desert", "At noon the sun is hot."),
    (23, "castle", "They run to the castle gate."),
    (5, "space", "At night the stars shine."),
]


@pytest.mark.parametrize(("seed", "place", "scene"), GOOD)
def test_a_page_with_all_its_characters_scores_at_least_the_minimum(
    folder: Path, seed: int, place: str, scene: str
) -> None:
    cast = family(seed)
    request = page(cast, seed, place, scene, sheets_of(cast, seed, folder))
    verdict = judge().judge(draw(request), request)
    assert verdict.score >= MIN_SCORE, verdict
    assert verdict.reason == "Every character's colours match their sheet."


# A brother, a grandmother or a dog left out of the drawing, on pages where the others'
# colours do not stand in for them (see the report on what the judge cannot tell apart).
MISSING = [
    (7, "meadow", "Kofi"),
    (7, "forest", "Rex"),
    (7, "space", "Nana"),
    (11, "sea", "Kofi"),
    (23, "snow", "Nana"),
    (5, "space", "Rex"),
    (5, "city", "Kofi"),
]


@pytest.mark.parametrize(("seed", "place", "name"), MISSING)
def test_a_page_missing_a_character_scores_below_the_minimum_and_says_who(
    folder: Path, seed: int, place: str, name: str
) -> None:
    cast = family(seed)
    sheets = sheets_of(cast, seed, folder)
    scene = "They walk along together."
    drawn = draw(page(tuple(m for m in cast if m.name != name), seed, place, scene))
    verdict = judge().judge(drawn, page(cast, seed, place, scene, sheets))
    assert verdict.score < MIN_SCORE, verdict
    assert name in verdict.reason


@pytest.mark.parametrize(("seed", "place"), [(7, "meadow"), (7, "city"), (11, "forest")])
def test_a_hero_in_clearly_different_colours_scores_below_the_minimum(
    folder: Path, seed: int, place: str
) -> None:
    cast = family(seed)
    sheets = sheets_of(cast, seed, folder)
    look = replace(
        cast[0].look,
        hair=Feature("black", "#2c2224", "long"),
        clothes=Feature("purple", "#ac6ed4", "t-shirt and trousers"),
    )
    changed = (replace(cast[0], look=look), *cast[1:])
    drawn = draw(page(changed, seed, place, "They walk along."))
    verdict = judge().judge(drawn, page(cast, seed, place, "They walk along.", sheets))
    assert verdict.score < MIN_SCORE, verdict
    assert "Lila" in verdict.reason


def test_the_judge_is_named_and_takes_less_than_drawing_a_1024_page(folder: Path) -> None:
    cast = family(7)
    request = page(cast, 7, "forest", "At night.", sheets_of(cast, 7, folder), size=1024)
    the_judge = judge()
    started = time.perf_counter()
    drawn = draw(request)
    drawing = time.perf_counter() - started
    the_judge.judge(drawn, request)  # reads the sheets once
    started = time.perf_counter()
    verdict = the_judge.judge(drawn, request)
    judging = time.perf_counter() - started
    assert the_judge.name == OFFLINE_JUDGE
    assert verdict.score >= MIN_SCORE
    # Generous, for a busy machine: typically ~30 ms against ~40 ms to draw.
    assert judging < max(0.25, 2 * drawing)


def test_a_missing_sheet_file_is_a_service_error_not_a_crash(folder: Path) -> None:
    from storyillus._exceptions import ServiceError

    cast = family(7)[:1]
    request = page(cast, 7, "meadow", "Walk.", (folder / "gone.png",))
    with pytest.raises(ServiceError):
        judge().judge(draw(request), request)


# --- pages draw everyone -------------------------------------------------------------


def shirt_pixels(png: bytes, colour: tuple[int, int, int]) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    bands = [
        band.point(lambda v, c=c: 255 if abs(v - c) <= 24 else 0)
        for band, c in zip(image.split(), colour, strict=True)
    ]
    both = ImageChops.multiply(ImageChops.multiply(bands[0], bands[1]), bands[2])
    return both.histogram()[255]


def test_every_cast_member_on_a_page_is_drawn_even_five_of_them() -> None:
    companions = [
        Companion("Kofi", "brother"),
        Companion("Ama", "sister"),
        Companion("Nana", "grandmother"),
        Companion("Pa", "grandfather"),
    ]
    cast = cast_for(Character.create("Lila", 7, companions=companions), 3)
    # Give everyone a shirt colour nothing else on a day meadow has.
    colours = ["#e0218a", "#7b2cbf", "#ff6d00", "#00b4d8", "#c1121f"]
    dressed = tuple(
        replace(m, look=replace(m.look, clothes=Feature("c", hexc, "t-shirt and trousers")))
        for m, hexc in zip(cast, colours, strict=True)
    )
    png = draw(page(dressed, 3, "meadow", "They all walk in the sunny meadow."))
    for member in dressed:
        shirt = hero.look_of(member, 3).shirt
        assert shirt_pixels(png, shirt) > 150, f"{member.name} is not on the page"


def test_a_redraw_is_a_new_composition_and_the_first_drawing_never_changes() -> None:
    cast = family(7)
    first = page(cast, 7, "meadow", "They walk.")
    assert draw(first) == draw(first)
    again = draw(replace(first, attempt=1))
    assert again != draw(first)
    assert again == draw(replace(first, attempt=1))


# --- sheets --------------------------------------------------------------------------


def sheet_image(member: CastMember, seed: int = 7) -> Image.Image:
    request = SceneRequest(
        "book", seed, 1, 1, "", "", "meadow", (member,), "watercolor", None, (SIDE, SIDE),
        kind=SHEET,
    )  # fmt: skip
    return Image.open(io.BytesIO(draw(request))).convert("RGB")


def test_a_sheet_shows_the_whole_figure_on_a_plain_ground() -> None:
    image = sheet_image(family(7)[0])
    ground = image.getpixel((0, 0))
    figure = ImageChops.difference(image, Image.new("RGB", image.size, ground)).convert("L")
    box = figure.point(lambda d: 255 if d > 8 else 0).getbbox()
    assert box is not None
    # The feet (and their shoes) end above the sheet's bottom edge: the figure is whole.
    assert box[3] < image.height - 2
    for corner in ((0, 0), (image.width - 1, 0), (0, image.height - 1)):
        assert image.getpixel(corner) == ground


def test_the_close_up_shows_the_whole_face_with_ground_around_it() -> None:
    image = sheet_image(family(7)[0])
    ground = image.getpixel((image.width - 1, 0))
    # The close-up panel (top right): nothing touches its top or sides, so no crop cuts
    # the hair or the ears, and the chin is inside.
    panel = image.crop((round(image.width * 0.56), 0, image.width, round(image.height * 0.46)))
    edges = [
        panel.crop((0, 0, panel.width, 2)),
        panel.crop((panel.width - 2, 0, panel.width, panel.height)),
    ]
    for edge in edges:
        assert edge.getcolors() == [(edge.width * edge.height, ground)]


def test_an_animal_sheet_is_in_the_animals_own_fur() -> None:
    dog = family(7)[3]
    white = replace(dog, look=replace(dog.look, hair=Feature("white", "#f2efe8", "fur")))
    black = replace(dog, look=replace(dog.look, hair=Feature("black", "#2e2a2a", "fur")))
    dark = [sum(sheet_image(d).convert("L").histogram()[:80]) for d in (white, black)]
    assert dark[1] > dark[0] * 3


def test_a_brother_wears_no_bow() -> None:
    for seed in range(30):
        for member in family(seed):
            if member.role == "brother":
                assert not hero.look_of(member, seed).bow
