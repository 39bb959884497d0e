"""Drawings of big vehicles and everyday gear for the offline illustrator.

Each is ``draw(pen, x, y, s, m)`` like every prop (``storyillus.illustration._offline_props``
collects them into ``DRAWINGS``): ``(x, y)`` the middle of the bottom edge, ``s`` the height in
pixels and ``m`` +1 or -1 to face right or left.
"""

from __future__ import annotations

from storyillus.illustration._offline_animals import Frame
from storyillus.illustration._offline_paint import Color, Pen, darken, lighten

TYRE: Color = (56, 52, 62)
HUB: Color = (214, 214, 222)
GLASS: Color = (196, 230, 248)


def _wheel(pen: Pen, f: Frame, fx: float, r: float, hub: Color = HUB) -> None:
    pen.circle(*f.p(fx, r), f.r(r), TYRE)
    pen.circle(*f.p(fx, r), f.r(r * 0.45), hub, line=0)


def bus(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A long yellow bus with a row of windows and a door at the front."""
    f = Frame(x, y, s, m)
    body = (246, 190, 50)
    pen.rect(f.box(-0.95, 0.95, 0.95, 0.14), body, radius=f.r(0.1))
    pen.rect(f.box(-0.95, 0.3, 0.95, 0.22), darken(body, 0.2), line=0)
    for k in range(5):
        fx = -0.82 + k * 0.3
        pen.rect(f.box(fx, 0.82, fx + 0.24, 0.5), GLASS, radius=f.r(0.03))
    pen.rect(f.box(0.66, 0.82, 0.86, 0.2), GLASS, radius=f.r(0.03))
    pen.line([f.p(0.76, 0.8), f.p(0.76, 0.22)], body, f.r(0.02))
    pen.circle(*f.p(0.92, 0.3), f.r(0.04), (255, 240, 160), lit=True)
    for fx in (-0.6, 0.48):
        _wheel(pen, f, fx, 0.15)


def tractor(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A red tractor: a big back wheel, a small front one, a cab and a chimney."""
    f = Frame(x, y, s, m)
    red = (214, 64, 56)
    pen.rect(f.box(0.28, 0.86, 0.34, 0.5), (80, 76, 86), line=0)
    pen.rect(f.box(-0.2, 0.56, 0.62, 0.24), red, radius=f.r(0.05))
    pen.rect(f.box(-0.44, 1.0, -0.06, 0.5), red, radius=f.r(0.03))
    pen.rect(f.box(-0.38, 0.92, -0.12, 0.62), GLASS, line=0)
    pen.rect(f.box(-0.48, 1.02, -0.02, 0.96), darken(red, 0.2), radius=f.r(0.02))
    _wheel(pen, f, -0.3, 0.34, (250, 210, 70))
    _wheel(pen, f, 0.46, 0.18, (250, 210, 70))


def hat(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A sun hat with a wide brim and a ribbon."""
    f = Frame(x, y, s, m)
    straw, ribbon = (238, 206, 130), (220, 80, 100)
    pen.ellipse(f.box(-0.9, 0.36, 0.9, 0.0), straw)
    pen.chord(f.box(-0.5, 1.0, 0.5, 0.2), 180, 360, straw)
    pen.rect(f.box(-0.5, 0.5, 0.5, 0.18), straw, line=0)
    pen.rect(f.box(-0.5, 0.46, 0.5, 0.3), ribbon, line=0.5)
    pen.circle(*f.p(0.36, 0.38), f.r(0.1), ribbon)


def bucket(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A seaside bucket with a handle, a spade stuck in beside it."""
    f = Frame(x, y, s, m)
    blue, handle, spade = (70, 150, 230), (240, 240, 240), (246, 196, 60)
    pen.line([f.p(0.42, 0.0), f.p(0.6, 0.92)], spade, f.r(0.05))
    pen.polygon([f.p(0.3, 0.0), f.p(0.5, 0.0), f.p(0.48, 0.26), f.p(0.34, 0.28)], spade)
    pen.arc(f.box(-0.36, 0.98, 0.36, 0.5), 180, 360, handle, f.r(0.035))
    pen.polygon([f.p(-0.38, 0.74), f.p(0.38, 0.74), f.p(0.28, 0.0), f.p(-0.28, 0.0)], blue)
    pen.rect(f.box(-0.4, 0.78, 0.4, 0.66), lighten(blue, 0.3), radius=f.r(0.03))


def bag(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A school backpack: a rounded top, a front pocket and straps."""
    f = Frame(x, y, s, m)
    body = (80, 170, 140)
    pen.arc(f.box(-0.16, 1.0, 0.16, 0.8), 180, 360, darken(body, 0.3), f.r(0.05))
    pen.rect(f.box(-0.4, 0.9, 0.4, 0.0), body, radius=f.r(0.18))
    pen.rect(f.box(-0.3, 0.42, 0.3, 0.06), lighten(body, 0.25), radius=f.r(0.08))
    pen.line([f.p(-0.3, 0.3), f.p(0.3, 0.3)], darken(body, 0.3), f.r(0.02))
    pen.rect(f.box(-0.06, 0.34, 0.06, 0.24), (250, 210, 90), radius=f.r(0.02))


def airplane(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A little red and white plane with round windows, wings and a tail fin."""
    f = Frame(x, y, s, m)
    white, red = (246, 246, 248), (222, 70, 64)
    pen.polygon([f.p(-0.72, 0.5), f.p(-0.86, 0.96), f.p(-0.66, 0.96), f.p(-0.46, 0.56)], red)
    pen.ellipse(f.box(-0.9, 0.66, 0.9, 0.3), white)
    # the red nose: the front half of the fuselage's end, whichever way the plane faces
    start, end = (270, 90) if m > 0 else (90, 270)
    pen.chord(f.box(0.5, 0.66, 0.9, 0.3), start, end, red)
    for k in range(5):
        pen.circle(*f.p(-0.4 + k * 0.18, 0.52), f.r(0.045), GLASS)
    pen.polygon([f.p(-0.1, 0.42), f.p(0.24, 0.42), f.p(-0.16, 0.0), f.p(-0.34, 0.0)], red)


def fire_engine(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A red fire engine with a ladder on its roof and a blue light."""
    f = Frame(x, y, s, m)
    red = (218, 52, 48)
    pen.rect(f.box(-0.9, 0.78, 0.5, 0.16), red, radius=f.r(0.05))
    pen.rect(f.box(0.44, 0.9, 0.9, 0.16), red, radius=f.r(0.08))
    pen.rect(f.box(0.56, 0.82, 0.84, 0.52), GLASS, radius=f.r(0.04))
    pen.circle(*f.p(0.66, 0.96), f.r(0.06), (90, 150, 240), lit=True)
    pen.line([f.p(-0.84, 0.88), f.p(0.36, 0.88)], (214, 214, 222), f.r(0.03))
    pen.line([f.p(-0.84, 0.98), f.p(0.36, 0.98)], (214, 214, 222), f.r(0.03))
    for k in range(7):
        fx = -0.8 + k * 0.18
        pen.line([f.p(fx, 0.88), f.p(fx, 0.98)], (214, 214, 222), f.r(0.025))
    pen.rect(f.box(-0.84, 0.5, 0.36, 0.44), (250, 220, 80), line=0)
    for fx in (-0.56, 0.58):
        _wheel(pen, f, fx, 0.16)


__all__ = ["airplane", "bag", "bucket", "bus", "fire_engine", "hat", "tractor"]
