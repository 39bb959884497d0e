"""The offline illustrator: real PNG pages, deterministic, about the page's scene."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from storyillus._exceptions import IllustrationError
from storyillus.casting import cast_for
from storyillus.domain import CastMember, Character, Companion
from storyillus.illustration import _offline_hero as hero
from storyillus.illustration import _offline_props as props
from storyillus.illustration import offline
from storyillus.illustration._offline_paint import hexc
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.offline import OfflineIllustrator
from storyillus.places import places
from storyillus.storage.references import ReferencePictures

SMALL = (384, 384)
NIA = cast_for(Character.create("Nia", 6), seed=7)
# One place for each painter the places vocabulary uses today, and a custom place.
PLACES = (
    "space",
    "garden",
    "forest",
    "sea",
    "castle",
    "city",
    "snow",
    "desert",
    "bedroom",
    "meadow",
)


def shirt_of(member: CastMember) -> tuple[int, int, int]:
    return hero.look_of(member, 7).shirt


def request(**changes: object) -> SceneRequest:
    base = SceneRequest(
        book_id="book-1",
        book_seed=7,
        page_number=1,
        page_count=8,
        page_text="Nia walks happily along.",
        scene="Nia walks along, smiling.",
        place="meadow",
        cast=NIA,
        art_style="watercolor",
        reference=None,
        size=SMALL,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def draw(req: SceneRequest, illustrator: OfflineIllustrator | None = None) -> Image.Image:
    picture = (illustrator or OfflineIllustrator()).illustrate(req)
    assert picture.png is not None
    img = Image.open(io.BytesIO(picture.png))
    img.load()
    return img


def png(req: SceneRequest) -> bytes:
    picture = OfflineIllustrator().illustrate(req)
    assert picture.png is not None
    return picture.png


def near(img: Image.Image, colour: tuple[int, int, int], tolerance: int = 30) -> int:
    """How many pixels are within ``tolerance`` of ``colour`` on every channel."""
    masks = [
        band.point(lambda v, c=value: 255 if abs(v - c) <= tolerance else 0)
        for band, value in zip(img.convert("RGB").split(), colour, strict=True)
    ]
    both = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
    return both.histogram()[255]


def top_mean(img: Image.Image) -> tuple[float, ...]:
    width, height = img.size
    return tuple(ImageStat.Stat(img.crop((0, 0, width, height // 2))).mean)


def brightness(colour: tuple[float, ...]) -> float:
    return 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]


# --- the picture itself -------------------------------------------------------------


def test_default_page_is_a_1024_rgb_png_from_the_offline_provider() -> None:
    picture = OfflineIllustrator().illustrate(request(size=(1024, 1024)))
    assert picture.provider == "offline"
    assert picture.model == "offline-illustrator"
    assert picture.character_referenced is False
    assert picture.url is None
    assert picture.png is not None and picture.png.startswith(b"\x89PNG\r\n\x1a\n")
    img = Image.open(io.BytesIO(picture.png))
    img.load()
    assert img.format == "PNG"
    assert img.size == (1024, 1024)
    assert img.mode == "RGB"


@pytest.mark.parametrize("size", [(256, 256), (1536, 1024), (640, 960)])
def test_any_reasonable_size_works(size: tuple[int, int]) -> None:
    img = draw(request(size=size, place="city", scene="Nia rides a bicycle in the city"))
    assert img.size == size
    assert img.mode == "RGB"


def test_a_size_out_of_range_is_an_illustration_error() -> None:
    with pytest.raises(IllustrationError, match="pixels a side"):
        png(request(size=(10, 10)))


def test_every_setting_and_style_draws() -> None:
    styles = ("watercolor", "storybook", "cartoon", "crayon", "paper cut")
    for index, place in enumerate((*PLACES, "planet zorb", "jungle")):
        img = draw(request(place=place, art_style=styles[index % 5], size=(256, 256)))
        assert img.size == (256, 256)
        # a real picture, not a flat placeholder
        assert max(ImageStat.Stat(img).stddev) > 20


# --- determinism --------------------------------------------------------------------


def test_the_same_request_gives_the_same_bytes() -> None:
    req = request(scene="Nia flies a kite with her dog", place="meadow")
    assert png(req) == png(req)


def test_different_pages_and_seeds_give_different_pictures() -> None:
    first = png(request(page_number=1))
    assert png(request(page_number=2)) != first
    assert png(request(book_seed=8)) != first
    # The seed, not the book's id, decides: a book made again with its seed looks the same.
    assert png(request(book_id="book-2")) == first


def test_renders_in_parallel_threads_match_renders_one_at_a_time(tmp_path: Path) -> None:
    reference = tmp_path / "me.png"
    Image.new("RGB", (120, 160), (30, 160, 90)).save(reference)
    requests = [
        request(page_number=n, place=PLACES[n % len(PLACES)], reference=reference)
        for n in range(1, 7)
    ]
    illustrator = OfflineIllustrator()
    alone = [illustrator.illustrate(r).png for r in requests]
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = [p.png for p in pool.map(illustrator.illustrate, requests)]
    assert together == alone


def test_randomness_never_comes_from_the_salted_hash() -> None:
    a = hero.stable_random("page", "book", 1, 2).random()
    assert a == hero.stable_random("page", "book", 1, 2).random()
    assert a != hero.stable_random("page", "book", 1, 3).random()


# --- settings, time of day, props -------------------------------------------------


def test_space_at_night_and_desert_at_noon_look_clearly_different() -> None:
    space = top_mean(draw(request(place="space", scene="Nia floats among the stars at night")))
    desert = top_mean(draw(request(place="desert", scene="Nia crosses the desert at noon")))
    assert brightness(space) < 90
    assert brightness(desert) > 150
    assert brightness(desert) - brightness(space) > 80


@pytest.mark.parametrize(
    ("place", "words", "colours"),
    [
        ("park", "at sunset, under a pink and orange sky", ("ground",)),
        ("farm", "at night", ("ground", "accent")),
        ("sea", "at sunset", ("ground",)),
        ("snow", "one morning", ("ground", "accent")),
        ("kitchen", "at night", ("wall", "floor")),
    ],
)
def test_a_place_keeps_its_own_colours_in_any_light(
    place: str, words: str, colours: tuple[str, ...]
) -> None:
    """The light tints a page; it never turns a park's grass or a kitchen's wall into other
    colours (they were missing at sunset before), and the hero's skin stays the sheet's."""
    img = draw(request(place=place, scene=f"Nia cheers {words}", page_text=f"Nia cheers {words}"))
    palette = places().get(place).palette
    total = img.size[0] * img.size[1]
    for name in colours:
        assert near(img, hexc(palette[name])) > total * 0.02 * (1 if name != "accent" else 0.05), (
            place,
            words,
            name,
        )
    skin = hero.look_of(NIA[0], 7).skin
    assert near(img, skin) > total * 0.003, (place, words, "skin")


def test_an_outdoor_night_is_dark_away_from_the_hero() -> None:
    """Night still falls: the far corners of the land are darker than at day."""
    day = draw(request(place="park", scene="Nia walks in the afternoon"))
    night = draw(request(place="park", scene="Nia walks at night"))
    corner = (0, round(night.size[1] * 0.75), round(night.size[0] * 0.12), night.size[1])
    dark = ImageStat.Stat(night.crop(corner).convert("L")).mean[0]
    light = ImageStat.Stat(day.crop(corner).convert("L")).mean[0]
    assert dark < light - 25


def test_the_time_of_day_changes_the_sky() -> None:
    skies = {
        time: top_mean(draw(request(place="meadow", scene=f"Nia plays in the {word}")))
        for time, word in (
            ("morning", "morning"),
            ("day", "afternoon"),
            ("sunset", "evening"),
            ("night", "night"),
        )
    }
    assert brightness(skies["night"]) < brightness(skies["day"]) - 60
    assert brightness(skies["sunset"]) < brightness(skies["day"])
    # sunset skies are warm: more red than blue; daytime ones more blue than red
    assert skies["sunset"][0] > skies["sunset"][2]
    assert skies["day"][2] > skies["day"][0]
    assert skies["morning"] != skies["day"]


def test_time_of_day_comes_from_the_scene_first_then_the_page_text() -> None:
    words = props.words
    assert offline.time_of_day(words("Under the moon"), []) == "night"
    assert offline.time_of_day(words("A golden sunset"), words("at night")) == "sunset"
    assert offline.time_of_day(words("A walk"), words("One morning")) == "morning"
    assert offline.time_of_day(words("A walk"), words("in the park")) == "day"


def test_the_page_place_decides_the_picture_not_the_words() -> None:
    words = "Nia walks along the sand by the waves"
    reef = png(request(place="coral reef", scene=words))
    # each place is drawn as itself, whatever the words say
    assert png(request(place="underwater", scene=words)) != reef
    assert png(request(place="beach", scene=words)) != reef
    assert png(request(place="bedroom", scene=words)) != reef
    # A place's default time of day: the bedroom is painted at night unless the words say.
    assert offline.time_of_day([], [], places().get("bedroom").time) == "night"


def test_props_are_found_in_the_scene_words_with_plurals() -> None:
    assert len(props.PROPS) >= 25
    assert props.find_props("Two butterflies and three puppies chase the balloons", "") == [
        "butterfly",
        "dog",
        "balloon",
    ]
    assert props.find_props("Stars over a sailboat", "") == ["star", "boat"]
    assert props.find_props("A walk", "She finds a treasure chest and a key") == ["chest", "key"]
    assert props.find_props("Nothing drawable here", "") == []
    assert len(props.find_props("rocket star moon planet flower tree boat fish", "")) == 4


def test_a_prop_named_in_the_scene_is_drawn() -> None:
    plain = draw(request(scene="Nia stands on the hill and smiles"))
    rocket = draw(request(scene="Nia stands on the hill next to her rocket and smiles"))
    assert plain.tobytes() != rocket.tobytes()
    # the rocket's red fins and white body add pixels of those colours
    assert near(rocket, (226, 80, 76), 28) > near(plain, (226, 80, 76), 28) + 100


# --- the hero -----------------------------------------------------------------------


def test_the_hero_is_drawn_from_the_casts_look_not_the_name() -> None:
    red = NIA[0].look.clothes.__class__("red", "#ea5656", "t-shirt and trousers")
    in_red = replace(NIA[0], look=replace(NIA[0].look, clothes=red))
    blue = replace(red, colour="blue", hex="#6070d6")
    in_blue = replace(NIA[0], look=replace(NIA[0].look, clothes=blue))
    scene = "Nia waves hello"
    red_page, blue_page = (
        draw(request(scene=scene, cast=(in_red,))),
        draw(request(scene=scene, cast=(in_blue,))),
    )
    assert near(red_page, (234, 86, 86), 20) > near(blue_page, (234, 86, 86), 20) + 300
    assert near(blue_page, (96, 112, 214), 20) > near(red_page, (96, 112, 214), 20) + 300


def test_the_hero_looks_the_same_on_every_page_of_a_book() -> None:
    shirt = shirt_of(NIA[0])
    scenes = [
        ("meadow", "Nia runs down the hill"),
        ("garden", "Nia waters the garden"),
        ("city", "Nia walks to the shop"),
        ("beach", "Nia paddles at the beach"),
        ("castle", "Nia knocks at the castle gate"),
    ]
    for number, (place, scene) in enumerate(scenes, start=1):
        img = draw(request(page_number=number, place=place, scene=scene, size=(512, 512)))
        assert near(img, shirt, 24) > 400, (place, shirt)


def test_companions_on_the_page_stand_beside_the_hero_in_their_own_look() -> None:
    nia_shirt = shirt_of(NIA[0])
    family = next(
        cast
        for seed in range(50)
        if shirt_of(
            (
                cast := cast_for(
                    Character.create("Nia", 6, companions=[Companion("Kofi", "brother")]), seed
                )
            )[1]
        )
        != nia_shirt
    )
    cast = (NIA[0], family[1])
    scene = "Nia and Kofi walk along"
    alone = draw(request(scene=scene))
    together = draw(request(scene=scene, cast=cast))
    assert alone.tobytes() != together.tobytes()
    shirt = shirt_of(family[1])
    assert near(together, shirt, 24) > near(alone, shirt, 24) + 100


def test_an_animal_companion_is_drawn_as_its_animal() -> None:
    dog = cast_for(Character.create("Nia", 6, companions=[Companion("Rex", "dog")]), 7)[1]
    assert dog.kind == "dog"
    together = draw(request(scene="Nia walks", cast=(NIA[0], dog)))
    assert together.tobytes() != draw(request(scene="Nia walks")).tobytes()


# --- reference pictures -----------------------------------------------------------


def reference_picture(folder: Path, name: str = "me.png") -> Path:
    img = Image.new("RGB", (300, 400), (30, 70, 220))
    ImageDraw.Draw(img).rectangle((0, 200, 300, 400), fill=(230, 30, 40))
    path = folder / name
    img.save(path)
    return path


def test_a_reference_picture_is_never_pasted_onto_the_page(tmp_path: Path) -> None:
    # The reference shapes the hero's look through the cast; its pixels (a blue background
    # and a red jumper here) never appear on the page as a framed portrait or an easel.
    reference = reference_picture(tmp_path)
    illustrator = OfflineIllustrator()
    without = illustrator.illustrate(request(scene="Nia waves hello"))
    picture = illustrator.illustrate(request(scene="Nia waves hello", reference=reference))
    assert picture.character_referenced is True
    assert without.character_referenced is False
    assert picture.png == without.png


def test_references_in_jpeg_and_webp_work(tmp_path: Path) -> None:
    source = Image.open(reference_picture(tmp_path))
    for name in ("me.jpg", "me.webp"):
        path = tmp_path / name
        source.save(path)
        picture = OfflineIllustrator().illustrate(request(reference=path))
        assert picture.character_referenced is True


def test_an_unreadable_reference_is_an_illustration_error(tmp_path: Path) -> None:
    fake = tmp_path / "me.png"
    fake.write_text("this is not a picture")
    with pytest.raises(IllustrationError, match=r"me\.png"):
        png(request(reference=fake))
    with pytest.raises(IllustrationError, match=r"missing\.png"):
        png(request(reference=tmp_path / "missing.png"))


def test_a_reference_is_decoded_once_for_a_whole_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = reference_picture(tmp_path)
    calls: list[Path] = []
    real = offline.load_reference

    def counting(path: Path) -> offline.Reference:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(offline, "load_reference", counting)
    cache = ReferencePictures(capacity=2)
    illustrator = OfflineIllustrator(cache)
    for number in range(1, 5):
        illustrator.illustrate(request(page_number=number, reference=reference, size=(256, 256)))
    assert len(calls) == 1
    # a changed file is decoded again, and the cache stays bounded
    other = reference_picture(tmp_path, "other.png")
    third = reference_picture(tmp_path, "third.png")
    for path in (other, third):
        illustrator.illustrate(request(reference=path, size=(256, 256)))
    assert len(calls) == 3
    assert len(cache) == 2


def test_a_sleeper_in_a_bedroom_is_in_the_one_bed() -> None:
    """The sleeping hero is drawn in a bed of their own: the room's bed is left out, so a
    bedtime page shows one bed, not two side by side."""
    from storyillus.illustration.offline import landmarks_for

    bedroom = places().get("bedroom")
    assert "bed" in bedroom.landmarks
    assert "bed" not in landmarks_for(bedroom, "sleep")
    assert landmarks_for(bedroom, "wave") == bedroom.landmarks
