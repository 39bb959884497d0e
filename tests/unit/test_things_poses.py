"""Things and poses as data: every thing draws, words find things and poses, pages show them."""

from __future__ import annotations

import io
import random
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from storyillus._exceptions import VocabularyError
from storyillus.casting import cast_for
from storyillus.domain import Character
from storyillus.illustration import _offline_hero as hero
from storyillus.illustration import _offline_props as props
from storyillus.illustration._offline_paint import Pen, style_for
from storyillus.illustration._offline_props import find_props
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.offline import OfflineIllustrator
from storyillus.poses import RIDE, load_poses, poses
from storyillus.things import load_things, things

NIA = cast_for(Character.create("Nia", 6), seed=7)
PAPER = (250, 246, 238)


def _picture(draw) -> Image.Image:
    img = Image.new("RGB", (160, 160), PAPER)
    draw(Pen(img, style_for("watercolor"), 1.6), 80.0, 150.0)
    return img


def _inked(img: Image.Image) -> int:
    diff = ImageChops.difference(img, Image.new("RGB", img.size, PAPER)).convert("L")
    return sum(diff.point(lambda v: 255 if v > 16 else 0).histogram()[255:])


def test_at_least_60_things_each_drawn_and_not_blank() -> None:
    assert len(things()) >= 60
    for name in ("egg", "dinosaur", "turtle", "cake", "mooncake", "lantern", "robot", "dog"):
        assert name in things()
    for name in ("boat", "seed", "beanstalk", "wheelchair", "snowman", "kite", "bicycle"):
        assert name in things()
    for name in ("book", "ball", "bed", "monster", "train"):
        assert name in things()
    for thing in things():
        img = _picture(lambda pen, x, y, t=thing: t.draw(pen, x, y, 120 / max(1, t.aspect), 1))
        # a real drawing covers a good part of its cell, not a dot
        assert _inked(img) > 400, thing.name


def test_synonyms_plurals_and_phrases_find_things() -> None:
    def names(text: str) -> list[str]:
        return [thing.name for thing in things().mentions(text)]

    assert names("two kittens and three puppies") == ["cat", "dog"]
    assert names("Her bike and the teddy bear") == ["bicycle", "teddy"]
    assert names("a treasure map") == ["map"]  # the phrase, not a chest and a map
    assert names("a treasure chest and a golden key") == ["chest", "key"]
    assert names("moon cakes under paper lanterns") == ["mooncake", "lantern"]
    assert names("a T-Rex and some eggs") == ["dinosaur", "egg"]
    assert names("a quiet afternoon") == []


def test_picture_book_animals_and_vehicles_are_things_of_their_own() -> None:
    def names(text: str) -> list[str]:
        return [thing.name for thing in things().mentions(text)]

    assert names("an elephant, a giraffe, a lion and a monkey at the zoo") == [
        "elephant",
        "giraffe",
        "lion",
        "monkey",
    ]
    assert names("a penguin, not a bird") == ["penguin", "bird"]
    assert names("cows, sheep, a piglet and a tractor") == ["cow", "sheep", "pig", "tractor"]
    assert names("the bus, not a car") == ["bus", "car"]
    assert names("a polar bear and a teddy bear") == ["bear", "teddy"]
    assert names("a fox, a squirrel, a bee, a crab and an octopus") == [
        "fox",
        "squirrel",
        "bee",
        "crab",
        "octopus",
    ]
    assert names("a tiger and a zebra") == ["tiger", "zebra"]
    assert names("a fire engine, a plane and a taxi") == ["fire engine", "airplane", "car"]
    assert names("a bike without training wheels") == ["bicycle"]
    assert names("a magic bean") == ["seed"]
    assert names("her hat, her bag and a bucket and spade") == ["hat", "bag", "bucket"]


def test_a_baby_elephant_is_drawn_smaller_than_its_mother() -> None:
    baby, mother = things().lookup("baby elephant"), things().lookup("elephant")
    assert baby is not None and mother is not None
    assert baby.drawing == mother.drawing == "elephant"
    assert baby.size <= mother.size * 0.6
    assert things().mentions("a lost baby elephant finds its mother elephant") == [baby, mother]


def test_the_casts_names_are_not_drawn_as_things(monkeypatch) -> None:
    """Lily is a girl, not a lily: a hero's name never puts a flower on the page."""
    called: list[str] = []
    for name in ("flower", "ball"):
        original = props.DRAWINGS[name]

        def spy(*args, name=name, original=original, **kwargs) -> None:
            called.append(name)
            original(*args, **kwargs)

        monkeypatch.setitem(things()._things, name, replace(things()[name], draw=spy))
    lily = cast_for(Character.create("Lily", 6), seed=7)
    request = SceneRequest(
        book_id="b",
        book_seed=7,
        page_number=2,
        page_count=8,
        page_text="Lily smiled. Lily kicked the ball.",
        scene="Lily kicks a ball in the park",
        place="park",
        cast=lily,
        art_style="watercolor",
        reference=None,
        size=(256, 256),
    )
    OfflineIllustrator().illustrate(request)
    assert "ball" in called
    assert "flower" not in called


def test_a_dinosaur_egg_scene_draws_an_egg_and_a_dinosaur(monkeypatch) -> None:
    called: list[str] = []
    for name in ("egg", "dinosaur"):
        original = props.DRAWINGS[name]

        def spy(*args, name=name, original=original, **kwargs) -> None:
            called.append(name)
            original(*args, **kwargs)

        monkeypatch.setitem(things()._things, name, replace(things()[name], draw=spy))
    request = SceneRequest(
        book_id="b",
        book_seed=7,
        page_number=2,
        page_count=8,
        page_text="Nia looks at it.",
        scene="Nia finds a dinosaur egg in the jungle",
        place="jungle",
        cast=NIA,
        art_style="watercolor",
        reference=None,
        size=(384, 384),
    )
    OfflineIllustrator().illustrate(request)
    assert sorted(set(called)) == ["dinosaur", "egg"]


def _pose_picture(pose: str) -> Image.Image:
    look = hero.look_of(NIA[0], 7)
    img = Image.new("RGB", (200, 200), PAPER)
    pen = Pen(img, style_for("watercolor"), 2)
    if pose == "sleep":
        hero.draw_sleeper(pen, 100, 190, 150, look, 1)
    elif pose == RIDE:
        hero.draw_rider(pen, 100, 190, 120, look, "bicycle", 1)
    else:
        hero.draw_hero(pen, 100, 190, 170, look, pose, 1)
    return img


def test_every_pose_draws_and_differs_from_the_others() -> None:
    pictures = {name: _pose_picture(name) for name in poses().names}
    assert {"walk", "hold", "sit", "sleep", "swim", RIDE, "build", "wave", "cheer"} <= set(pictures)
    assert "point" in pictures
    for name, img in pictures.items():
        assert _inked(img) > 3000, name
    names = list(pictures)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            diff = ImageChops.difference(pictures[a], pictures[b]).convert("L")
            assert ImageStat.Stat(diff).mean[0] > 1.0, (a, b)


def test_every_rideable_thing_can_be_ridden() -> None:
    look = hero.look_of(NIA[0], 7)
    for ridden in poses()[RIDE].rides:
        img = Image.new("RGB", (200, 200), PAPER)
        hero.draw_rider(Pen(img, style_for("watercolor"), 2), 100, 190, 110, look, ridden, 1)
        assert _inked(img) > 3000, ridden


@pytest.mark.parametrize(
    ("text", "pose"),
    [
        ("Lila sleeps in her bed", "sleep"),
        ("Lila is fast asleep", "sleep"),
        ("Tom rides his bike to school", RIDE),
        ("They swam to the reef", "swim"),
        ("She carried the egg home", "hold"),
        ("Sofia walks through the jungle", "walk"),
        ("Mia sat on a rock", "sit"),
        ("Leo builds a snowman", "build"),
        ("Ava waved goodbye", "wave"),
        ("Everyone cheered", "cheer"),
        ("Nia points at the stars", "point"),
    ],
)
def test_the_pose_follows_the_words(text: str, pose: str) -> None:
    assert poses().pose_for(text, "", random.Random(0)) == pose


def test_the_scene_decides_before_the_text_and_a_page_without_action_keeps_its_pose() -> None:
    assert poses().pose_for("Lila sleeps", "Then she walks", random.Random(0)) == "sleep"
    assert poses().pose_for("A quiet morning", "Then she walks", random.Random(0)) == "walk"
    idle = {poses().pose_for("A quiet morning", "", random.Random(seed)) for seed in range(20)}
    assert idle <= set(poses().idle)
    assert poses().pose_for("A quiet morning", "", random.Random(3)) == poses().pose_for(
        "A quiet morning", "", random.Random(3)
    )


def test_a_pose_happens_only_where_it_can_and_falling_asleep_wins() -> None:
    """Nobody swims in a bedroom: the page's next action gives the pose; a page that says
    the hero fell asleep shows them asleep, whatever it names first."""
    ending = "Now Ada loved to swim! Back home, Ada yawned and fell fast asleep."
    assert poses().pose_for(ending, "", random.Random(0), "bedroom") == "sleep"
    assert poses().pose_for("Ada loved to swim all day", "", random.Random(0), "lake") == "swim"
    swim_at_home = poses().pose_for(
        "Ada loved to swim. She waved.", "", random.Random(0), "kitchen"
    )
    assert swim_at_home == "wave"
    hugged = "Lucy hugged Biscuit. That night, Lucy fell asleep."
    assert poses().pose_for(hugged, "", random.Random(0), "bedroom") == "sleep"


def _page(scene: str, place: str = "bedroom") -> Image.Image:
    request = SceneRequest(
        book_id="b",
        book_seed=7,
        page_number=3,
        page_count=8,
        page_text=scene,
        scene=scene,
        place=place,
        cast=NIA,
        art_style="watercolor",
        reference=None,
        size=(384, 384),
    )
    png = OfflineIllustrator().illustrate(request).png
    assert png is not None
    return Image.open(io.BytesIO(png)).convert("RGB")


def test_a_sleeping_page_draws_the_hero_asleep_in_bed_the_same_each_time(monkeypatch) -> None:
    asleep = _page("Lila sleeps in her bed")
    assert _page("Lila sleeps in her bed").tobytes() == asleep.tobytes()
    assert _page("Lila stands in her room").tobytes() != asleep.tobytes()
    sleepers: list[float] = []
    original = hero.draw_sleeper
    monkeypatch.setattr(
        hero, "draw_sleeper", lambda pen, x, *rest: sleepers.append(x) or original(pen, x, *rest)
    )
    _page("Lila sleeps in her bed")
    _page("Lila stands in her room")
    assert len(sleepers) == 1


def _broken(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_thing_fails_with_its_file_and_line(tmp_path: Path) -> None:
    good = '[egg]\nsynonyms = ["eggs"]\nsits = "held"\nsize = 0.2\naspect = 0.7\ndrawing = "egg"\n'
    with pytest.raises(VocabularyError, match=r"line 8: thing 'ufo': no drawing called 'ufo'"):
        load_things(
            _broken(
                tmp_path,
                "t.toml",
                good
                + '\n[ufo]\nsynonyms = []\nsits = "sky"\nsize = 0.3\naspect = 1\ndrawing = "ufo"\n',
            )
        )
    twice = (
        good
        + '\n[dog]\nsynonyms = ["eggs"]\nsits = "ground"\nsize = 0.3\naspect = 1\ndrawing = "dog"\n'
    )
    with pytest.raises(VocabularyError, match=r"line 8: .*'eggs' is claimed twice"):
        load_things(_broken(tmp_path, "t2.toml", twice))
    with pytest.raises(VocabularyError, match=r"line 1: .*unknown sits"):
        load_things(_broken(tmp_path, "t3.toml", good.replace('"held"', '"roof"')))


def test_a_broken_pose_fails_with_its_file_and_line(tmp_path: Path) -> None:
    path = _broken(
        tmp_path, "p.toml", '[wave]\nphrases = ["wave"]\nidle = true\n\n[fly]\nphrases = ["fly"]\n'
    )
    with pytest.raises(VocabularyError, match=r"line 5: pose 'fly': the figure has no such pose"):
        load_poses(path)


@pytest.mark.parametrize(
    ("text", "drawn"),
    [
        ("Still no crown! Not yet, but soon!", []),
        ("But the crown was missing! Mia had to find the king's lost crown.", []),
        ("But the elephant's mother was not there.", []),
        ("Where could the elephant's mother be? Sara held the elephant close.", ["elephant"]),
        ("Mia searches for the crown by the moat.", []),
        ("Ben rode his bike without training wheels.", ["bicycle"]),
        ("Look! There was the crown! Mia had found the crown at last.", ["crown"]),
        ("There was the missing star!", ["star"]),
    ],
)
def test_a_thing_the_text_says_is_not_there_is_not_drawn(text: str, drawn: list[str]) -> None:
    """A picture shows what its page has in sight: never the crown the page is still looking
    for, nor the mother who "was not there"."""
    assert [thing.name for thing in things().present(text)] == drawn
    assert find_props(text, "") == drawn
