"""Colour signatures: what the offline judge knows of a character sheet, and how it finds
that character on a page.

A sheet's signature is its front figure's main colours (hair, skin, clothes, shoes, fur),
each with how much of the figure it covers and how far down the figure it sits. A
character is on a page where all those colours are found together, stacked as on the
sheet (hair above the shirt, the shirt above the shoes), at some size. Colours are
compared by hue, saturation and brightness with room for the light: a night page darkens
and tints everything, so an exact RGB match would miss a character who is there.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageChops, ImageFilter

SIDE = 112
"""Pictures are compared at this size (long side): fast, and enough to see a figure."""
COLOURS = 6
"""At most this many colours make a signature."""
MIN_SHARE = 0.01
ROWS = 8
"""Bands down the figure: hair, face, shirt... each has its own colours."""
MIDDLE = 0.4
"""The share of the figure's width (its middle) the bands are read from."""
GROUND = 8
"""How far (as grey) a sheet's pixel may be from its ground and still be ground."""
_GROUND_INDEX = 255
"""The ground's palette index once left out (quantising uses the first 16 only)."""
"""A colour covering less of the figure than this says little about who it is."""
HEIGHTS = tuple(0.1 * 1.25**n for n in range(9))
"""Figure heights tried on a page, as shares of the page's height."""
PEAKS = 4
"""Places looked at per character: enough that one taken by another leaves others."""
OVERLAP = 0.4
"""Two spots sharing more than this of the smaller one are one figure."""
NEED = 0.45
"""A colour counts as fully there when this share of the window around a spot has it."""
# Tolerances in Pillow's HSV (each channel 0..255).
HUE = 8
"""About 11 degrees of hue: night light turns colours a little, not into other colours."""
GREY = 60
"""Below this saturation a colour is a grey (or near it): its hue says nothing."""
DARKER, BRIGHTER = 0.72, 1.12
SHARED = 0.3
BACKDROP = 0.12
"""A colour covering more of a page than this is its ground rather than a figure."""
"""What a colour that another character on the page also has counts for."""
"""A page may show a colour this much darker (night, shade) or brighter than its sheet."""


@dataclass(frozen=True)
class Swatch:
    hsv: tuple[int, int, int]
    weight: float
    """How much the colour tells this character apart (``distinct``); 1 on its own."""


@dataclass(frozen=True)
class Signature:
    swatches: tuple[Swatch, ...]
    rows: tuple[tuple[tuple[int, float], ...], ...]
    """Down the figure's middle, top to bottom: each band's colours (a swatch's index, its
    share of the band)."""


def small(image: Image.Image) -> Image.Image:
    picture = image.convert("RGB")
    picture.thumbnail((SIDE, SIDE))
    return picture


def signature(sheet: Image.Image) -> Signature:
    """The signature of a character sheet: the colours of its tallest figure, band by band
    down its middle."""
    picture = small(sheet)
    # The plain ground is the colour of the corners; anything near it is not the figure.
    ground = picture.getpixel((0, 0))
    near_ground = ImageChops.difference(picture, Image.new("RGB", picture.size, ground))
    figure = near_ground.convert("L").point(lambda d: 255 if d > GROUND else 0)
    box = _tallest(figure)
    if box is None:
        return Signature((), ())
    quantised = picture.quantize(colors=16)
    quantised.paste(_GROUND_INDEX, mask=figure.point(lambda v: 255 - v))
    palette = quantised.getpalette() or []
    crop = quantised.crop(box)
    total = crop.width * crop.height
    # Shades of one colour (a shadow, a highlight) are one swatch; outlines and eyes (near
    # black, the same for everyone) and slivers say nothing about who it is.
    swatches: list[tuple[int, int, int]] = []
    swatch_of: dict[int, int] = {}
    for count, index in sorted(crop.getcolors() or [], reverse=True):
        if index == _GROUND_INDEX or count / total < MIN_SHARE:
            continue
        hsv = _hsv(tuple(palette[index * 3 : index * 3 + 3]))  # type: ignore[arg-type]
        if hsv[2] < 40:
            continue
        same = next((i for i, other in enumerate(swatches) if _alike(hsv, other, 0.5)), None)
        if same is None:
            if len(swatches) == COLOURS:
                continue
            swatches.append(hsv)
            same = len(swatches) - 1
        swatch_of[index] = same
    # The middle of the figure (arms and tails move; the middle stays), in bands.
    left = box[0] + (box[2] - box[0]) * (1 - MIDDLE) / 2
    right = box[2] - (box[2] - box[0]) * (1 - MIDDLE) / 2
    step = (box[3] - box[1]) / ROWS
    rows = []
    for row in range(ROWS):
        band = quantised.crop(
            (
                round(left),
                round(box[1] + row * step),
                round(right),
                round(box[1] + (row + 1) * step),
            )
        )
        counts: dict[int, int] = {}
        for count, index in band.getcolors() or []:
            if index in swatch_of:
                counts[swatch_of[index]] = counts.get(swatch_of[index], 0) + count
        seen = sum(counts.values())
        kept = sorted(counts.items(), key=lambda item: -item[1])[:2]
        rows.append(tuple((index, count / seen) for index, count in kept if count / seen > 0.15))
    return Signature(tuple(Swatch(hsv, 1.0) for hsv in swatches), tuple(rows))


def distinct(sig: Signature, others: list[Signature]) -> Signature:
    """``sig`` weighted for telling its character apart from ``others`` on the same page:
    a colour another character also has (a sister's skin, a brother's hair) would find
    that one as well, so it counts for less."""
    theirs = [swatch.hsv for other in others for swatch in other.swatches]
    return Signature(
        tuple(
            Swatch(swatch.hsv, SHARED if any(_alike(swatch.hsv, hsv) for hsv in theirs) else 1.0)
            for swatch in sig.swatches
        ),
        sig.rows,
    )


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Spot:
    """Where a signature's figure may stand on a page, and how well it matches there."""

    score: float
    box: Box


class Page:
    """A page made ready for looking for signatures: small, in HSV, its colour masks kept
    (characters of one family share colours: each mask is made once)."""

    def __init__(self, picture: Image.Image) -> None:
        self.picture = small(picture)
        self._bands = self.picture.convert("HSV").split()
        self._masks: dict[tuple[int, int, int], Image.Image] = {}

    def mask(self, hsv: tuple[int, int, int]) -> Image.Image:
        if hsv not in self._masks:
            self._masks[hsv] = _mask(self._bands, hsv)
        return self._masks[hsv]


def spots(ready: Page, sig: Signature, count: int = PEAKS) -> list[Spot]:
    """The ``count`` best places on the page for the signature's figure, best first, each
    apart from the others: each band's colours found where that band would be."""
    rows = [row for row in sig.rows if row]
    if not rows:
        return [Spot(1.0, (0.0, 0.0, 0.0, 0.0))]
    page = ready.picture
    masks = {i: ready.mask(swatch.hsv) for i, swatch in enumerate(sig.swatches)}
    # A colour the page's ground is painted in (golden sand for a golden dog) is found
    # everywhere, so it tells as little as a colour another character has.
    area = page.width * page.height
    weights = [
        swatch.weight * (SHARED if masks[i].histogram()[255] / area > BACKDROP else 1.0)
        for i, swatch in enumerate(sig.swatches)
    ]
    # A band's worth: its colours' weights; all add up to 255.
    worth = [sum(share * weights[i] for i, share in row) for row in rows]
    scale = 255 / (sum(worth) or 1.0)
    used = {i for row in rows for i, _ in row}
    maps: list[tuple[float, int, Image.Image]] = []
    reduced: dict[tuple[int, int], Image.Image] = {}
    for share in HEIGHTS:
        tall = share * page.height
        # Big figures are looked for on a smaller copy of the page: as sure, and faster.
        f = max(1, int(tall / len(sig.rows) / 2))
        step = tall / len(sig.rows) / f
        radius = (max(0.5, tall * MIDDLE * 0.1 / f), max(0.5, step * 0.6))
        there = {}
        for i in used:
            if (i, f) not in reduced:
                reduced[i, f] = masks[i].reduce(f) if f > 1 else masks[i]
            there[i] = reduced[i, f].filter(ImageFilter.BoxBlur(radius)).point(_FULL_AT_NEED)
        size = there[next(iter(used))].size
        total = Image.new("L", size, 0)
        for number, row in enumerate(sig.rows):
            for i, band_share in row:
                level = round(band_share * weights[i] * scale)
                found = ImageChops.multiply(there[i], Image.new("L", size, level))
                # Each band moved up by its place on the figure: where every band of one
                # figure lands on the same spot (the top of its head), the sum is full.
                total = ImageChops.add(total, _shift_up(found, round((number + 0.5) * step)))
        maps.append((tall, f, total))
    found_spots: list[Spot] = []
    tops = [total.getextrema()[1] for _, _, total in maps]
    for _ in range(count):
        best = max(tops)
        if best == 0:
            break
        tall, f, total = maps[tops.index(best)]
        x0, y0, _, _ = total.point(_at_least(best)).getbbox() or (0, 0, 0, 0)
        x, y = (x0 + 0.5) * f, y0 * f
        box = (x - tall * 0.25, y, x + tall * 0.25, y + tall)
        found_spots.append(Spot(best / 255, box))
        # The next spot stands apart: nothing of its figure where this one stands.
        for n, (other_tall, other_f, other) in enumerate(maps):
            away = (
                box[0] - other_tall * 0.2,
                box[1] - other_tall * 0.8,
                box[2] + other_tall * 0.2,
                box[3] - other_tall * 0.2,
            )
            other.paste(0, tuple(round(v / other_f) for v in away))
            tops[n] = other.getextrema()[1]
    return found_spots


def presence(page: Image.Image, sig: Signature) -> float:
    """From 0 to 1: how well the page shows the signature's figure at its best spot."""
    found = spots(Page(page), sig, 1)
    return found[0].score if found else 0.0


def assign(candidates: dict[str, list[Spot]]) -> dict[str, float]:
    """Each character's score at a spot of its own, the spots chosen for the best total:
    one figure on the page is never two characters (a missing ginger dog is not found in
    a child's auburn hair while the child is found there too)."""
    names = list(candidates)
    best: tuple[float, tuple[float, ...]] = (-1.0, ())

    def search(i: int, taken: list[Box], scores: tuple[float, ...]) -> None:
        nonlocal best
        if i == len(names):
            if sum(scores) > best[0]:
                best = (sum(scores), scores)
            return
        if sum(scores) + len(names) - i <= best[0]:
            return  # even perfect scores from here on would not do better
        for spot in candidates[names[i]]:
            if all(_overlap(spot.box, other) <= OVERLAP for other in taken):
                search(i + 1, [*taken, spot.box], (*scores, spot.score))
        search(i + 1, taken, (*scores, 0.0))  # nowhere: the character is missing

    search(0, [], ())
    return dict(zip(names, best[1], strict=True))


def _overlap(a: Box, b: Box) -> float:
    """The shared area over the smaller box's area."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / max(1e-6, smaller)


_FULL_AT_NEED = [round(min(255.0, v / NEED)) for v in range(256)]
"""A look-up table (Pillow's ``point``): a window's share of a colour, full from NEED."""


@cache
def _at_least(value: int) -> list[int]:
    return [255 if v >= value else 0 for v in range(256)]


def _mask(bands: tuple[Image.Image, ...], hsv: tuple[int, int, int]) -> Image.Image:
    """255 where the page has the colour ``hsv`` (as light may have changed it)."""
    hue, sat, val = hsv
    low, high = val * DARKER - 8, val * BRIGHTER + 12
    value = bands[2].point(lambda v: 255 if low <= v <= high else 0)
    if sat < GREY:
        saturation = bands[1].point(lambda s: 255 if s <= sat + 45 else 0)
        return ImageChops.multiply(value, saturation)
    saturation = bands[1].point(lambda s: 255 if sat * 0.75 - 10 <= s <= sat * 1.2 + 20 else 0)
    shade = bands[0].point(lambda h: 255 if min(abs(h - hue), 256 - abs(h - hue)) <= HUE else 0)
    return ImageChops.multiply(ImageChops.multiply(value, saturation), shade)


def _alike(a: tuple[int, int, int], b: tuple[int, int, int], strict: float = 1.0) -> bool:
    if abs(a[2] - b[2]) > 70 * strict:
        return False
    if a[1] < GREY and b[1] < GREY:
        return True
    hue = min(abs(a[0] - b[0]), 256 - abs(a[0] - b[0]))
    return hue <= HUE * strict and abs(a[1] - b[1]) <= 70 * strict


def _hsv(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    h, s, v = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    return (round(h * 255) % 256, round(s * 255), round(v * 255))


def _tallest(mask: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of the tallest thing drawn: on a sheet, the full-length front view (the
    close-up and the turned view stand apart from it, and from each other)."""
    best: tuple[int, tuple[int, int, int, int]] | None = None
    for x0, x1 in _runs(mask.resize((mask.width, 1), Image.Resampling.BOX)):
        column = mask.crop((x0, 0, x1, mask.height))
        profile = column.resize((1, column.height), Image.Resampling.BOX).transpose(
            Image.Transpose.TRANSPOSE
        )
        for y0, y1 in _runs(profile):
            box = column.crop((0, y0, x1 - x0, y1)).getbbox()
            if box is not None and (best is None or y1 - y0 > best[0]):
                best = (y1 - y0, (x0 + box[0], y0 + box[1], x0 + box[2], y0 + box[3]))
    return best[1] if best else None


def _runs(line: Image.Image) -> list[tuple[int, int]]:
    """The runs (start, end) of a one-pixel-high mask's filled places."""
    filled = [value > 2 for value in line.tobytes()]
    runs, start = [], None
    for x, on in enumerate([*filled, False]):
        if on and start is None:
            start = x
        elif not on and start is not None:
            runs.append((start, x))
            start = None
    return runs


def _shift_up(image: Image.Image, rows: int) -> Image.Image:
    if rows <= 0:
        return image
    moved = Image.new("L", image.size, 0)
    moved.paste(image.crop((0, rows, image.width, image.height)), (0, 0))
    return moved


__all__ = [
    "Page",
    "Signature",
    "Spot",
    "Swatch",
    "assign",
    "distinct",
    "presence",
    "signature",
    "small",
    "spots",
]
