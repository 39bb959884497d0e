"""Drawing helpers shared by the offline illustrator: colours, art styles and a pen.

Everything here is pure: a :class:`Pen` wraps one ``ImageDraw`` on one image that the
caller owns, so renders running in parallel threads never share mutable state.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partialmethod

from PIL import Image, ImageDraw

Color = tuple[int, int, int]
Point = tuple[float, float]

WHITE: Color = (255, 255, 255)
INK: Color = (62, 46, 58)

LIGHT_SHIFT_MAX = 16.0
"""How far (RGB distance) the time of day's light may move a colour. Picture books keep a
park at sunset green and a kitchen at night its own wall colour: the light shows in the sky,
the lamps and a warm or cool cast, never by turning the place into other colours. Kept well
inside the 40 a reader (and the quality suite) still calls "the same colour"."""


def mix(a: Sequence[int], b: Sequence[int], t: float) -> Color:
    """Blend colour ``a`` towards ``b`` by ``t`` (0 gives a, 1 gives b)."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def lighten(c: Sequence[int], t: float) -> Color:
    return mix(c, WHITE, t)


def darken(c: Sequence[int], t: float) -> Color:
    return mix(c, (0, 0, 0), t)


def hexc(code: str) -> Color:
    code = code.lstrip("#")
    return (int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16))


def saturate(c: Sequence[int], amount: float) -> Color:
    """Push a colour away from its grey (amount > 0) or towards it (amount < 0)."""
    grey = (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000
    return (
        max(0, min(255, round(grey + (c[0] - grey) * (1 + amount)))),
        max(0, min(255, round(grey + (c[1] - grey) * (1 + amount)))),
        max(0, min(255, round(grey + (c[2] - grey) * (1 + amount)))),
    )


def gradient(size: tuple[int, int], stops: Sequence[tuple[float, Color]]) -> Image.Image:
    """A vertical gradient through ``stops`` ((position 0..1, colour), sorted by position)."""
    width, height = max(1, size[0]), max(1, size[1])
    rows = min(height, 256)
    data = bytearray()
    last = len(stops) - 2
    for i in range(rows):
        pos = i / max(1, rows - 1)
        for j in range(last + 1):
            p0, c0 = stops[j]
            p1, c1 = stops[j + 1]
            if pos <= p1 or j == last:
                t = 0.0 if p1 <= p0 else min(1.0, max(0.0, (pos - p0) / (p1 - p0)))
                data.extend(mix(c0, c1, t * t * (3 - 2 * t)))
                break
    column = Image.frombytes("RGB", (1, rows), bytes(data))
    if rows != height:
        column = column.resize((1, height), Image.Resampling.BILINEAR)
    return column.resize((width, height), Image.Resampling.NEAREST)


@dataclass(frozen=True)
class Style:
    """How an art style changes the drawing: outlines, shadows, texture."""

    name: str
    outline: str
    """"none", "edge" (a darker, half-transparent rim), "shade" or "ink"."""
    outline_width: float
    """In units (a unit is 1/100 of the picture's short side)."""
    cut_shadow: bool = False
    texture: float = 0.5
    """Strength of the paper grain, 0..1."""
    strokes: bool = False
    """Crayon hatching over the whole page."""
    saturation: float = 0.0


STYLES: dict[str, Style] = {
    "watercolor": Style("watercolor", "edge", 0.32, texture=0.9),
    "storybook": Style("storybook", "shade", 0.36, texture=0.6),
    "cartoon": Style("cartoon", "ink", 0.5, texture=0.2, saturation=0.12),
    "crayon": Style("crayon", "shade", 0.4, texture=0.8, strokes=True),
    "paper cut": Style("paper cut", "none", 0.0, cut_shadow=True, texture=0.55),
}


def style_for(name: str) -> Style:
    key = " ".join((name or "").lower().replace("-", " ").replace("_", " ").split())
    if key in STYLES:
        return STYLES[key]
    for style_name, style in STYLES.items():
        if style_name.split()[0] in key:
            return style
    return STYLES["storybook"]


class Pen:
    """Draws shapes in page coordinates with the art style's outlines and the light's tint.

    A pen may draw onto an enlarged crop of the page (see :func:`sharp`); it then maps
    page coordinates through ``(x - ox) * k`` so callers never need to know.
    """

    def __init__(
        self,
        img: Image.Image,
        style: Style,
        unit: float,
        tint: Color = WHITE,
        tint_amount: float = 1.0,
        ox: float = 0.0,
        oy: float = 0.0,
        k: float = 1.0,
    ) -> None:
        self.img = img
        self.draw = ImageDraw.Draw(img, "RGBA")
        self.style = style
        self.u = unit
        self.tint = tint
        self.tint_amount = tint_amount
        self.ox = ox
        self.oy = oy
        self.k = k

    def on(self, img: Image.Image, ox: float, oy: float, k: float) -> Pen:
        return Pen(img, self.style, self.u, self.tint, self.tint_amount, ox, oy, k)

    def tinted(self, amount: float) -> Pen:
        return Pen(self.img, self.style, self.u, self.tint, amount, self.ox, self.oy, self.k)

    # -- coordinates ---------------------------------------------------------------
    def _p(self, x: float, y: float) -> Point:
        return ((x - self.ox) * self.k, (y - self.oy) * self.k)

    def _pts(self, pts: Sequence[Point]) -> list[Point]:
        k, ox, oy = self.k, self.ox, self.oy
        return [((x - ox) * k, (y - oy) * k) for x, y in pts]

    def _box(self, box: Sequence[float]) -> tuple[float, float, float, float]:
        x0, y0 = self._p(box[0], box[1])
        x1, y1 = self._p(box[2], box[3])
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        return (x0, y0, max(x0, x1), max(y0, y1))

    def _w(self, width: float) -> int:
        return max(1, round(width * self.k))

    # -- colours -------------------------------------------------------------------
    def col(self, c: Sequence[int], a: int = 255, lit: bool = False) -> tuple[int, int, int, int]:
        rgb: Color = (c[0], c[1], c[2])
        if self.style.saturation:
            rgb = saturate(rgb, self.style.saturation)
        if not lit and self.tint != WHITE and self.tint_amount > 0:
            t = self.tint
            shaded = (rgb[0] * t[0] // 255, rgb[1] * t[1] // 255, rgb[2] * t[2] // 255)
            amount = self.tint_amount
            shift = math.dist(rgb, shaded) * amount
            if shift > LIGHT_SHIFT_MAX:
                amount *= LIGHT_SHIFT_MAX / shift
            rgb = mix(rgb, shaded, amount)
        return (rgb[0], rgb[1], rgb[2], a)

    def _outline(
        self, fill: Sequence[int], a: int, lit: bool, line: float
    ) -> tuple[tuple[int, int, int, int] | None, int]:
        style = self.style
        if not line or style.outline == "none":
            return None, 0
        width = max(1, round(style.outline_width * line * self.u * self.k))
        if style.outline == "ink":
            return self.col(INK, a, lit), width
        if style.outline == "edge":
            return self.col(darken(fill, 0.28), min(a, 150), lit), width
        return self.col(darken(fill, 0.42), a, lit), width

    def _shadow(self, line: float) -> tuple[float, float] | None:
        if self.style.cut_shadow and line:
            return (0.45 * self.u * line, 0.65 * self.u * line)
        return None

    # -- shapes --------------------------------------------------------------------
    def ellipse(
        self,
        box: Sequence[float],
        fill: Sequence[int],
        a: int = 255,
        line: float = 1.0,
        lit: bool = False,
    ) -> None:
        shadow = self._shadow(line)
        if shadow and a > 200:
            dx, dy = shadow
            self.draw.ellipse(
                self._box((box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)),
                fill=(40, 24, 48, 70),
            )
        outline, width = self._outline(fill, a, lit, line)
        self.draw.ellipse(self._box(box), fill=self.col(fill, a, lit), outline=outline, width=width)

    def circle(
        self,
        x: float,
        y: float,
        r: float,
        fill: Sequence[int],
        a: int = 255,
        line: float = 1.0,
        lit: bool = False,
    ) -> None:
        self.ellipse((x - r, y - r, x + r, y + r), fill, a, line, lit)

    def polygon(
        self,
        pts: Sequence[Point],
        fill: Sequence[int],
        a: int = 255,
        line: float = 1.0,
        lit: bool = False,
    ) -> None:
        shadow = self._shadow(line)
        if shadow and a > 200:
            dx, dy = shadow
            self.draw.polygon(self._pts([(x + dx, y + dy) for x, y in pts]), fill=(40, 24, 48, 70))
        outline, width = self._outline(fill, a, lit, line)
        mapped = self._pts(pts)
        self.draw.polygon(mapped, fill=self.col(fill, a, lit))
        if outline is not None:
            self.draw.line([*mapped, mapped[0]], fill=outline, width=width, joint="curve")

    def rect(
        self,
        box: Sequence[float],
        fill: Sequence[int],
        a: int = 255,
        line: float = 1.0,
        lit: bool = False,
        radius: float = 0.0,
    ) -> None:
        shadow = self._shadow(line)
        if shadow and a > 200:
            dx, dy = shadow
            self._rounded(
                self._box((box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)),
                radius,
                (40, 24, 48, 70),
                None,
                0,
            )
        outline, width = self._outline(fill, a, lit, line)
        self._rounded(self._box(box), radius, self.col(fill, a, lit), outline, width)

    def _rounded(
        self,
        box: tuple[float, float, float, float],
        radius: float,
        fill: tuple[int, int, int, int],
        outline: tuple[int, int, int, int] | None,
        width: int,
    ) -> None:
        x0, y0, x1, y1 = box
        r = min(radius * self.k, (x1 - x0) / 2 - 1, (y1 - y0) / 2 - 1)
        if r < 1:
            self.draw.rectangle(box, fill=fill, outline=outline, width=width)
        else:
            self.draw.rounded_rectangle(box, radius=r, fill=fill, outline=outline, width=width)

    def line(
        self,
        pts: Sequence[Point],
        fill: Sequence[int],
        width: float,
        a: int = 255,
        lit: bool = False,
        round_caps: bool = True,
    ) -> None:
        mapped = self._pts(pts)
        w = self._w(width)
        colour = self.col(fill, a, lit)
        self.draw.line(mapped, fill=colour, width=w, joint="curve")
        if round_caps and w > 2 and a == 255:
            r = w / 2
            for x, y in (mapped[0], mapped[-1]):
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)

    def stroke(
        self,
        pts: Sequence[Point],
        fill: Sequence[int],
        width: float,
        a: int = 255,
        lit: bool = False,
    ) -> None:
        """A thick limb or branch: the fill colour with the style's outline around it."""
        outline, ow = self._outline(fill, a, lit, 1.0)
        if outline is not None:
            self.line(pts, outline[:3], width + 2 * ow / self.k, outline[3], lit=True)
        self.line(pts, fill, width, a, lit)

    def arc(
        self,
        box: Sequence[float],
        start: float,
        end: float,
        fill: Sequence[int],
        width: float,
        a: int = 255,
        lit: bool = False,
    ) -> None:
        self.draw.arc(self._box(box), start, end, fill=self.col(fill, a, lit), width=self._w(width))

    def _filled_arc(
        self,
        shape: str,
        box: Sequence[float],
        start: float,
        end: float,
        fill: Sequence[int],
        a: int = 255,
        line: float = 1.0,
        lit: bool = False,
    ) -> None:
        outline, width = self._outline(fill, a, lit, line)
        draw = getattr(self.draw, shape)
        draw(self._box(box), start, end, fill=self.col(fill, a, lit), outline=outline, width=width)

    chord = partialmethod(_filled_arc, "chord")
    """A filled segment of an ellipse, outlined like every shape."""
    pieslice = partialmethod(_filled_arc, "pieslice")
    """A filled slice of an ellipse, outlined like every shape."""

    def glow(self, x: float, y: float, r: float, colour: Sequence[int], strength: int = 40) -> None:
        """A soft halo of light: many faint rings, never tinted by the night."""
        steps = 9
        per = max(3, round(strength / steps * 0.8))
        fill = self.col(colour, per, lit=True)
        for i in range(steps, 0, -1):
            t = i / steps
            rr = r * (0.25 + 0.75 * t * t)
            self.draw.ellipse(self._box((x - rr, y - rr, x + rr, y + rr)), fill=fill)


@contextmanager
def sharp(img: Image.Image, box: Sequence[float], pen: Pen, factor: int = 2) -> Iterator[Pen]:
    """Draw a small part of the page at ``factor`` times its size, then scale it back.

    Everything drawn inside is anti-aliased against the real background, at the cost
    of only that region.
    """
    width, height = img.size
    x0 = max(0, math.floor(box[0]))
    y0 = max(0, math.floor(box[1]))
    x1 = min(width, math.ceil(box[2]))
    y1 = min(height, math.ceil(box[3]))
    if x1 - x0 < 1 or y1 - y0 < 1:
        yield pen.on(Image.new("RGB", (1, 1)), 0, 0, 1)
        return
    region = img.crop((x0, y0, x1, y1))
    big = region.resize(((x1 - x0) * factor, (y1 - y0) * factor), Image.Resampling.NEAREST)
    yield pen.on(big, x0, y0, factor)
    img.paste(big.reduce(factor), (x0, y0))


def star_points(
    cx: float, cy: float, r_out: float, r_in: float, points: int = 5, turn: float = -90.0
) -> list[Point]:
    pts: list[Point] = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        ang = math.radians(turn + i * 180.0 / points)
        pts.append((cx + r * math.cos(ang), cy + r * math.sin(ang)))
    return pts


def wave_line(
    x0: float, x1: float, base: float, amp: float, waves: Sequence[tuple[float, float]], steps: int
) -> list[Point]:
    """Points of a gentle curve: ``base`` plus a sum of sines ((frequency, phase) pairs)."""
    pts: list[Point] = []
    span = max(1.0, x1 - x0)
    total = sum(1.0 / (i + 1) for i in range(len(waves))) or 1.0
    for i in range(steps + 1):
        x = x0 + span * i / steps
        t = (x - x0) / span
        y = base
        for j, (freq, phase) in enumerate(waves):
            y += amp * math.sin(t * freq * math.tau + phase) / (j + 1) / total
        pts.append((x, y))
    return pts
