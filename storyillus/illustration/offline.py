"""The built-in illustrator: draws every page with Pillow, no network and no API key.

A page is composed from the request alone, so the same request always gives the same
PNG bytes: the page's place (``storyillus.illustration._offline_places``) at its time of day,
props named in the scene, the hero (whose look the cast carries: from the reference picture
when there is one, the picture itself is never pasted) and the hero's companions, then a
light paper texture and vignette.

Randomness comes from ``random.Random`` instances seeded with SHA-256 of the book
seed and the page number (so ``--seed`` reproduces a whole book), never from the salted
``hash()``. Rendering keeps no shared state (decoded reference pictures are cached by
``ReferencePictures``, behind its lock), so several threads may illustrate pages at once.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from storyillus._exceptions import IllustrationError
from storyillus.domain import CastMember
from storyillus.illustration import _offline_hero as hero
from storyillus.illustration import _offline_props as props
from storyillus.illustration import _offline_scenes as scenes
from storyillus.illustration._offline_lineup import line_up
from storyillus.illustration._offline_paint import Color, Pen, Style, hexc, mix, sharp, style_for
from storyillus.illustration._offline_places import paint_place
from storyillus.illustration._offline_sheet import render_sheet
from storyillus.illustration.base import SHEET, Picture, SceneRequest
from storyillus.places import Place, places
from storyillus.poses import RIDE, poses
from storyillus.storage import references
from storyillus.storage.references import ReferencePictures

MIN_SIDE = 64
MAX_SIDE = 4096
DRAW_LIMIT = 1280
"""Pages larger than this (on the long side) are drawn at this size and scaled up."""
PORTRAIT_PX = 384
PNG_LEVEL = 1
PNG_STRATEGY = 3
"""zlib's Z_RLE: as fast as the default strategy at level 1, and smaller on drawings."""

TIME_WORDS: dict[str, frozenset[str]] = {
    "night": frozenset(
        {"night", "nights", "nighttime", "tonight", "midnight", "moon", "moonlight", "moonlit"}
        | {"moonbeam", "star", "stars", "starry", "starlight", "bedtime", "asleep"}
    ),
    "sunset": frozenset({"sunset", "evening", "dusk", "twilight", "sundown", "nightfall"}),
    "morning": frozenset({"morning", "sunrise", "dawn", "breakfast", "daybreak"}),
    "day": frozenset({"noon", "afternoon", "midday", "lunch", "lunchtime", "daytime", "sunny"}),
}
_TIME_OF_WORD = {word: time for time, words in TIME_WORDS.items() for word in words}

NIGHT_VEIL: Color = (118, 128, 196)
"""What an outdoor night multiplies the land by away from the figures: the light may only
move a colour a little (``LIGHT_SHIFT_MAX``), so the dark comes from the edges instead."""
NIGHT_VEIL_STRENGTH = 0.85
"""How much of the veil the far corners of the land get (0: none, 1: all)."""

OWN_TIME_SOFTENING = 0.8
"""How much of the time of day's tint is lifted at the place's own time (0: none, 1: all)."""
PETS = {"dog": "dog", "cat": "cat", "rabbit": "rabbit"}
SLEEPER_BED = "bed"
"""The landmark a sleeping hero's own bed stands in for."""
HELD_MAX = 0.4
"""The largest thing (against the hero's height) a hero carries in one hand."""
"""Cast kinds (``storyillus.casting``) drawn as animals, by the prop that draws each."""


@dataclass(frozen=True)
class Reference:
    """A decoded reference picture: a centred square crop and its main colours."""

    picture: Image.Image
    colours: tuple[Color, ...]


REFERENCE_PURPOSE = f"offline-portrait-{PORTRAIT_PX}"
"""The key the reference cache keeps decoded references under (also read for casting)."""


def load_reference(path: Path) -> Reference:
    """Decode a reference for drawing, or raise IllustrationError saying why not."""
    square = references.portrait(path, PORTRAIT_PX)
    return Reference(square, tuple(hero.dominant_colours(square, 2)))


class OfflineIllustrator:
    """Draws picture-book pages locally; the default when no image API is configured."""

    name = "offline"
    model = "offline-illustrator"

    def __init__(self, pictures: ReferencePictures | None = None) -> None:
        self._pictures = pictures if pictures is not None else ReferencePictures()

    def illustrate(self, request: SceneRequest) -> Picture:
        # Decoded even though it is not drawn: an unreadable reference fails here, and
        # character_referenced says the cast's look came from it.
        reference = (
            self._pictures.load(Path(request.reference), REFERENCE_PURPOSE, load_reference)
            if request.reference
            else None
        )
        try:
            if request.kind == SHEET:
                png = render_sheet(
                    request.hero,
                    request.book_seed,
                    request.art_style,
                    _drawn_size(request),
                    (int(request.size[0]), int(request.size[1])),
                )
            else:
                png = render(request)
        except IllustrationError:
            raise
        except (OSError, ValueError, MemoryError) as error:
            raise IllustrationError(
                f"The offline illustrator could not draw this page: {error}"
            ) from None
        return Picture(
            provider=self.name,
            model=self.model,
            character_referenced=reference is not None,
            png=png,
        )


# ---------------------------------------------------------------------------------
# Reading the request
# ---------------------------------------------------------------------------------


def time_of_day(scene: list[str], page: list[str], default: str = "day") -> str:
    """The time of day the words name first (scene before page text), else the place's."""
    for source in (scene, page):
        for word in source:
            if word in _TIME_OF_WORD:
                return _TIME_OF_WORD[word]
    return default


# ---------------------------------------------------------------------------------
# Composing a page
# ---------------------------------------------------------------------------------


Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box, pad: float = 0.0) -> bool:
    return not (
        a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or b[3] + pad <= a[1]
    )


def _hits(box: Box, others: list[Box], pad: float = 0.0) -> bool:
    return any(_overlaps(box, other, pad) for other in others)


def _drawn_size(request: SceneRequest) -> tuple[int, int]:
    """The size drawn at: the request's, within DRAW_LIMIT (scaled up again at the end)."""
    out_w, out_h = (int(request.size[0]), int(request.size[1]))
    if not (MIN_SIDE <= out_w <= MAX_SIDE and MIN_SIDE <= out_h <= MAX_SIDE):
        raise IllustrationError(
            f"The offline illustrator draws pages from {MIN_SIDE} to {MAX_SIDE} pixels a side, "
            f"not {out_w}x{out_h}."
        )
    scale = min(1.0, DRAW_LIMIT / max(out_w, out_h))
    return max(MIN_SIDE, round(out_w * scale)), max(MIN_SIDE, round(out_h * scale))


def render(request: SceneRequest) -> bytes:
    out_w, out_h = (int(request.size[0]), int(request.size[1]))
    width, height = _drawn_size(request)
    unit = min(width, height) / 100

    # A redraw (attempt 1, 2...) composes the page anew; the first drawing stays as it was.
    page_rng = hero.stable_random(
        "page",
        request.book_seed,
        request.page_number,
        *([request.attempt] if request.attempt else []),
    )
    scene_words = props.words(request.scene)
    page_words = props.words(request.page_text)
    place = places().get(request.place)
    setting = place.base
    look_rng = hero.stable_random("book", request.book_seed, place.name)
    time = time_of_day(scene_words, page_words, place.time)
    style = style_for(request.art_style)

    # composition: where the hero stands, how big, where the horizon is
    slot = page_rng.choice((0.27, 0.5, 0.73)) + page_rng.uniform(-0.03, 0.03)
    hero_x = width * slot
    hero_h = min(height * 0.44, width * 0.5) * page_rng.uniform(0.9, 1.08)
    feet_y = height * page_rng.uniform(0.885, 0.93)
    horizon = height * page_rng.uniform(0.5, 0.64)
    if slot < 0.45:
        away = 1
    elif slot > 0.55:
        away = -1
    else:
        away = page_rng.choice((-1, 1))
    prop_names = _chosen_props(request, place, time)

    # the hero's pose; the reference picture only shaped the hero's look (casting), it is
    # never pasted onto the page
    look = hero.look_of(request.hero, request.book_seed)
    # the pose the page's action asks for ("sleeps" -> sleep), an idle one if it names none
    pose = poses().pose_for(request.scene, request.page_text, page_rng, request.place)
    held, ridden, prop_names = _things_in_play(pose, prop_names, True)
    lead = -away if pose == "hold" else away
    grin = pose == "cheer" or page_rng.random() < 0.35

    # everyone the writer put on this page stands in one row with the hero, none left out
    lineup = line_up(request.cast[1:], hero_x, hero_h, feet_y, away, (width, height))
    hero_x, hero_h = lineup.hero_x, lineup.hero_h

    img = Image.new("RGB", (width, height), (250, 246, 238))
    own_time = time == place.time
    pen = Pen(img, style, unit, _light(setting, place.indoor, time, own_time), 1.0)
    stage = scenes.Stage(img, pen, time, page_rng, look_rng, hero_x, feet_y, horizon, away)
    stage.skip_moon = "moon" in prop_names
    stage.palette = {name: hexc(colour) for name, colour in place.palette.items()}
    stage.own_time = own_time
    paint_place(stage, setting, landmarks_for(place, pose))

    figures: list[Box] = [_figure_box(pose, hero_x, feet_y, hero_h)]
    """Where the hero and the companions are; props keep away from them."""
    hero_pen = pen.tinted(0.3)
    prop_pen = pen.tinted(0.55)
    drawables: list[tuple[float, int, Callable[[], None]]] = []

    shown: set[str] = set()
    for spot in lineup.others:
        figures.append(spot.box)
        shown.add(spot.member.kind)
        facing = 1 if spot.x < hero_x else -1
        draw = partial(
            _draw_companion,
            img,
            hero_pen,
            stage,
            spot.member,
            request.book_seed,
            spot.x,
            spot.feet,
            spot.height,
        )
        pose_of = page_rng.choice(("wave", "down", "hips"))
        drawables.append((spot.feet, 1, partial(draw, facing, pose_of)))

    # props from the scene's words, never where the hero and friends stand
    prop_names = [name for name in prop_names if name not in shown]
    keep_clear = [*figures, *stage.keep_clear]
    for rank, name in enumerate(prop_names):
        # the first thing the words name matters most: drawn nearer, so larger
        placed = _place_prop(name, stage, hero_h, keep_clear, hero_x, near=rank == 0)
        if placed is None:
            continue
        kind, x, y, size, facing = placed
        if kind == "sky":
            _draw_prop(img, prop_pen, stage, name, x, y, size, facing, shadow=False)
        else:
            draw = partial(_draw_prop, img, prop_pen, stage, name, x, y, size, facing)
            drawables.append((y, 0, partial(draw, shadow=True)))

    draw = partial(_draw_hero, img, hero_pen, stage, look, hero_x, feet_y, hero_h)
    drawables.append((feet_y, 2, partial(draw, pose, lead, grin, held, ridden)))
    for _, _, draw in sorted(drawables, key=lambda item: (item[0], item[1])):
        draw()

    if time == "night" and not place.indoor and setting != "space":
        img = _night_veil(img, figures, stage.horizon, unit)
    finished = _finish(img, style, hero.stable_random("paper", request.book_seed))
    if finished.size != (out_w, out_h):
        finished = finished.resize((out_w, out_h), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    finished.save(
        buffer, "PNG", compress_level=PNG_LEVEL, compress_type=PNG_STRATEGY, optimize=False
    )
    return buffer.getvalue()


def _light(setting: str, indoor: bool, time: str, own_time: bool) -> Color:
    """The tint the time of day casts on everything drawn (not on lit things).

    Rooms are lamp-lit, so their night is warm and mild; space has no daylight. A place's
    palette was chosen for its own time of day, so then the tint is softened: a bedroom's
    night-blue wall stays the colour the data gives.
    """
    tint = scenes.TINTS[time]
    if setting == "space":
        tint = (226, 226, 246)
    elif indoor:
        tint = {"night": (176, 164, 196), "sunset": (250, 222, 204)}.get(time, scenes.WHITE)
    return mix(tint, scenes.WHITE, OWN_TIME_SOFTENING) if own_time else tint


def landmarks_for(place: Place, pose: str) -> tuple[str, ...]:
    """The place's landmarks to paint: a sleeper is drawn in a bed of their own, so the
    room's bed would be a second one beside it."""
    if pose != "sleep":
        return place.landmarks
    return tuple(name for name in place.landmarks if name != SLEEPER_BED)


def _chosen_props(request: SceneRequest, place: Place, time: str) -> list[str]:
    """The things the words name, but those the place already draws (a bedroom's bed, a
    castle's castle), a house inside a room, and a moon a night sky already has."""
    # The cast's names are people, not things: Lily is no lily to draw, Biscuit no biscuit.
    scene, text = (
        _without_names(words, request.cast) for words in (request.scene, request.page_text)
    )
    names = props.find_props(scene, text, limit=6)
    drawn = {*place.landmarks, place.name, *(["house"] if place.indoor else [])}
    if time == "night" and place.painter == "space":
        drawn.add("moon")
    return [name for name in names if name not in drawn][:4]


def _without_names(text: str, cast: tuple[CastMember, ...]) -> str:
    for member in cast:
        text = re.sub(rf"(?<!\w){re.escape(member.name)}(?!\w)", " ", text)
    return text


def _things_in_play(
    pose: str, names: list[str], hands_free: bool
) -> tuple[str | None, str | None, list[str]]:
    """(the thing in the hero's hand, the thing the hero rides, the things left to place).

    Holding takes the first thing named that is carried in a hand (else the first small
    one); riding takes the first rideable thing named (else the first the poses list); a
    sleeper's bed is drawn with the sleeper.
    """
    held = ridden = None
    if pose == "hold" and hands_free:
        carried = [name for name in names if props.PROPS[name].sits == "held"]
        small = [
            name
            for name in names
            if props.PROPS[name].sits == "ground" and props.PROPS[name].size <= HELD_MAX
        ]
        held = (carried or small or [None])[0]
    elif pose == RIDE:
        rides = poses()[RIDE].rides
        ridden = next((name for name in names if name in rides), rides[0])
    elif pose == "sleep":
        names = [name for name in names if name != "bed"]
    return held, ridden, [name for name in names if name not in (held, ridden)]


def _figure_box(pose: str, x: float, feet_y: float, height: float) -> Box:
    """Where the hero is: a sleeper's bed and a rider's mount take more room."""
    if pose in ("sleep", RIDE):
        return (x - height * 0.75, feet_y - height * 1.3, x + height * 0.75, feet_y)
    return hero.hero_box(x, feet_y, height)


def _place_prop(
    name: str,
    stage: scenes.Stage,
    hero_h: float,
    keep_clear: list[tuple[float, float, float, float]],
    hero_x: float,
    near: bool = False,
) -> tuple[str, float, float, float, int] | None:
    prop = props.PROPS[name]
    kind = prop.sits
    if kind == "held":
        kind = "ground"
    if kind == "water" and stage.water is None:
        kind = "sky" if name == "whale" else "ground"
    rng = stage.rng
    width, height, u = stage.w, stage.h, stage.u
    depth_span = max(1.0, stage.feet_y - stage.horizon)
    for attempt in range(60):
        shrink = 1.0 if attempt < 30 else 0.72 if attempt < 45 else 0.5
        if kind == "sky":
            size = prop.size * hero_h * rng.uniform(0.9, 1.15) * shrink
            y = rng.uniform(height * 0.05 + size, max(height * 0.05 + size + 1, stage.sky_bottom))
        elif kind == "water":
            y0, y1 = stage.water  # type: ignore[misc]
            y = rng.uniform(y0 + (y1 - y0) * 0.25, y1)
            depth = 0.35 + 0.5 * (y - y0) / max(1.0, y1 - y0)
            size = prop.size * hero_h * depth * shrink
        else:
            nearest = stage.floor_top + (height * 0.975 - stage.floor_top) * (
                0.45 if near and attempt < 20 else 0
            )
            y = rng.uniform(nearest, height * 0.975)
            depth = min(1.15, max(0.45, 0.5 + 0.5 * (y - stage.horizon) / depth_span))
            size = prop.size * hero_h * depth * shrink
        half = size * prop.aspect / 2
        if attempt % 3 == 2:
            x = rng.uniform(half, max(half + 1, width - half))
        else:
            edge = width if stage.away > 0 else 0.0
            x = hero_x + (edge - hero_x) * rng.uniform(0.35, 0.95)
        box = (x - half, y - size, x + half, y)
        if box[0] < -u or box[2] > width + u or box[1] < 0:
            continue
        if _hits(box, keep_clear, u):
            continue
        keep_clear.append(box)
        facing = 1 if hero_x > x else -1
        return (kind, x, y, size, facing)
    return None


def _draw_prop(
    img: Image.Image,
    pen: Pen,
    stage: scenes.Stage,
    name: str,
    x: float,
    y: float,
    size: float,
    facing: int,
    shadow: bool,
) -> None:
    prop = props.PROPS[name]
    draw = prop.draw
    aspect = prop.aspect
    if name == "fish" and stage.water is None:
        draw, aspect = props.FISHBOWL.draw, props.FISHBOWL.aspect
    if shadow:
        scenes.ground_shadow(stage, x, y, size * aspect * 0.9)
    half = size * max(aspect, 1.0) * 0.6 + stage.u * 2
    glow = size * 0.5
    box = (x - half - glow, y - size * 1.15 - glow, x + half + glow, y + stage.u * 2 + glow)
    with sharp(img, box, pen) as sp:
        if name == "fish" and stage.water is not None:
            _splash(sp, x, y, size)
        draw(sp, x, y, size, facing)


def _splash(pen: Pen, x: float, y: float, size: float) -> None:
    for k, dx in enumerate((-0.5, -0.2, 0.2, 0.5)):
        pen.circle(
            x + dx * size,
            y + size * 0.05 - abs(dx) * size * 0.2,
            size * (0.08 - k * 0.01),
            (235, 248, 255),
            a=200,
            line=0,
        )
    pen.arc(
        (x - size * 0.8, y - size * 0.1, x + size * 0.8, y + size * 0.25),
        0,
        180,
        (235, 248, 255),
        size * 0.05,
        a=200,
    )


def _draw_hero(
    img: Image.Image,
    pen: Pen,
    stage: scenes.Stage,
    look: hero.Look,
    x: float,
    feet_y: float,
    hero_h: float,
    pose: str,
    lead: int,
    grin: bool,
    held: str | None = None,
    ridden: str | None = None,
) -> None:
    scenes.ground_shadow(stage, x, feet_y, hero_h * (0.55 if pose not in ("sleep", RIDE) else 1.1))
    x0, y0, x1, y1 = _figure_box(pose, x, feet_y, hero_h)
    if held is not None:  # the thing in the hand reaches out of the figure's box
        x0, y0, x1 = x0 - hero_h * 0.3, y0 - hero_h * 0.1, x1 + hero_h * 0.3
    box = (x0 - stage.u * 2, y0 - stage.u * 2, x1 + stage.u * 2, y1 + stage.u * 2)
    with sharp(img, box, pen) as sp:
        if pose == "sleep":
            hero.draw_sleeper(sp, x, feet_y, hero_h, look, lead)
        elif pose == RIDE and ridden is not None:
            hero.draw_rider(sp, x, feet_y, hero_h, look, ridden, lead, grin)
        else:
            hero.draw_hero(sp, x, feet_y, hero_h, look, pose, lead, lead * 0.8, grin)
        if held is not None:
            thing = props.PROPS[held]
            hx, hy = hero.hand_position(x, feet_y, hero_h, pose, lead)
            size = min(thing.size, HELD_MAX) * hero_h
            thing.draw(sp, hx, hy + size * 0.35, size, lead)
            sp.circle(hx, hy, hero_h * 0.042, look.skin)  # the fingers over the thing


def _draw_companion(
    img: Image.Image,
    pen: Pen,
    stage: scenes.Stage,
    member: CastMember,
    book_seed: int,
    x: float,
    feet_y: float,
    height: float,
    facing: int,
    pose: str,
) -> None:
    kind = member.kind
    scenes.ground_shadow(stage, x, feet_y, height * 0.5)
    box = (x - height * 0.6, feet_y - height * 1.1, x + height * 0.6, feet_y + stage.u * 2)
    with sharp(img, box, pen) as sp:
        if kind in PETS.values():
            hero.draw_pet(sp, member, x, feet_y, height, facing)
        else:
            look = hero.look_of(member, book_seed)
            hero.draw_hero(sp, x, feet_y, height, look, pose, facing, -facing * 0.6)


def _night_veil(img: Image.Image, figures: list[Box], horizon: float, unit: float) -> Image.Image:
    """Night falls on the land around a pool of moonlight where the hero and friends stand.

    The pool keeps the cast as their sheets show them and the place's ground in its own
    colour; the land darkens and turns blue towards the edges and the horizon, the sky (already
    night) is left as it is.
    """
    width, height = img.size
    x0 = min(box[0] for box in figures) - 8 * unit
    y0 = min(box[1] for box in figures) - 4 * unit
    x1 = max(box[2] for box in figures) + 8 * unit
    y1 = max(box[3] for box in figures) + 4 * unit
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    rx, ry = max((x1 - x0) / 2, width * 0.22), max((y1 - y0) / 2, height * 0.2)
    small_w, small_h = max(8, width // 8), max(8, height // 8)
    sx, sy = width / small_w, height / small_h
    top = horizon - 6 * unit
    ramp = max(1.0, 8 * unit)
    values = bytearray()
    for j in range(small_h):
        y = (j + 0.5) * sy
        land = min(1.0, max(0.0, (y - top) / ramp))
        dy = (y - cy) / ry
        for i in range(small_w):
            dx = ((i + 0.5) * sx - cx) / rx
            reach = min(1.0, max(0.0, ((dx * dx + dy * dy) ** 0.5 - 1.0) / 1.2))
            values.append(round(255 * NIGHT_VEIL_STRENGTH * land * reach * reach * (3 - 2 * reach)))
    mask = Image.frombytes("L", (small_w, small_h), bytes(values))
    mask = mask.resize((width, height), Image.Resampling.BILINEAR)
    dark = ImageChops.multiply(img, Image.new("RGB", img.size, NIGHT_VEIL))
    return Image.composite(dark, img, mask)


def _finish(img: Image.Image, style: Style, rng: random.Random) -> Image.Image:
    """Paper grain, crayon strokes and a soft vignette, multiplied over the page."""
    width, height = img.size
    small_w, small_h = max(8, width // 4), max(8, height // 4)
    noise = Image.frombytes("L", (small_w, small_h), rng.randbytes(small_w * small_h))
    noise = noise.filter(ImageFilter.GaussianBlur(1.2))
    blotch_w, blotch_h = max(4, width // 48), max(4, height // 48)
    blotches = Image.frombytes("L", (blotch_w, blotch_h), rng.randbytes(blotch_w * blotch_h))
    blotches = blotches.resize((small_w, small_h), Image.Resampling.BICUBIC)
    fine = round(3 + 8 * style.texture)
    broad = round(4 + 12 * style.texture)
    grain = noise.point(lambda v: 255 - fine + v * fine // 255)
    wash = blotches.point(lambda v: 255 - broad + v * broad // 255)
    vignette = Image.radial_gradient("L").resize((small_w, small_h), Image.Resampling.BILINEAR)
    vignette = vignette.point(lambda v: 255 - max(0, v - 150) * 44 // 105)
    shade = ImageChops.multiply(ImageChops.multiply(grain, wash), vignette)
    shade = shade.resize((width, height), Image.Resampling.BILINEAR)
    if style.strokes:
        strokes = ImageDraw.Draw(shade)
        unit = min(width, height) / 100
        for _ in range(int(width * height / (unit * unit) * 0.12)):
            x, y = rng.uniform(0, width), rng.uniform(0, height)
            length = rng.uniform(0.8, 2.2) * unit
            slope = rng.uniform(0.3, 0.9)
            strokes.line(
                (x, y, x + length, y - length * slope), fill=rng.randint(228, 244), width=1
            )
    warm = shade.point(lambda v: v * 246 // 255 + 5)
    paper = Image.merge("RGB", (shade, shade, warm))
    return ImageChops.multiply(img, paper)
