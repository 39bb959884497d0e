"""Drawings of picture-book animals for the offline illustrator: zoo, farm and wild ones.

Each is ``draw(pen, x, y, s, m)`` like every prop (``storyillus.illustration._offline_props``
collects them into ``DRAWINGS``): ``(x, y)`` the middle of the bottom edge, ``s`` the height in
pixels and ``m`` +1 or -1 to face right or left. Every animal is drawn from the side with the
one feature a child names it by (a trunk, a long neck, a mane, a curly tail) made big.
"""

from __future__ import annotations

import math

from storyillus.illustration._offline_paint import Color, Pen, Point, darken, lighten

EYE: Color = (40, 30, 44)


class Frame:
    """Coordinates in the animal's height, mirrored by the facing: ``fx`` forward, ``fy`` up."""

    def __init__(self, x: float, y: float, s: float, m: int) -> None:
        self.x, self.y, self.s, self.m = x, y, s, m

    def p(self, fx: float, fy: float) -> Point:
        return (self.x + self.m * fx * self.s, self.y - fy * self.s)

    def box(self, fx0: float, fy0: float, fx1: float, fy1: float) -> tuple[float, ...]:
        (ax, ay), (bx, by) = self.p(fx0, fy0), self.p(fx1, fy1)
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    def r(self, f: float) -> float:
        return f * self.s


def _eye(pen: Pen, f: Frame, fx: float, fy: float, r: float) -> None:
    pen.circle(*f.p(fx, fy), f.r(r), EYE, line=0)
    gx, gy = f.p(fx + 0.3 * r, fy + 0.35 * r)
    pen.circle(gx, gy, f.r(r * 0.4), (255, 255, 255), line=0)


def _legs(pen: Pen, f: Frame, xs: tuple[float, ...], top: float, width: float, c: Color) -> None:
    for fx in xs:
        pen.rect(f.box(fx - width / 2, top, fx + width / 2, 0.0), c, radius=f.r(width * 0.4))


def elephant(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """Grey and round, a big ear and a trunk curling down: an elephant at any size."""
    f = Frame(x, y, s, m)
    grey, ear = (156, 164, 178), (196, 170, 184)
    pen.stroke([f.p(-0.6, 0.6), f.p(-0.72, 0.38)], darken(grey, 0.1), f.r(0.04))
    _legs(pen, f, (-0.42, -0.2, 0.12, 0.32), 0.4, 0.2, darken(grey, 0.08))
    pen.ellipse(f.box(-0.66, 0.9, 0.4, 0.28), grey)
    pen.stroke([f.p(0.5, 0.62), f.p(0.66, 0.42), f.p(0.68, 0.2), f.p(0.78, 0.1)], grey, f.r(0.13))
    pen.circle(*f.p(0.46, 0.72), f.r(0.25), grey)
    pen.ellipse(f.box(0.1, 0.98, 0.46, 0.42), grey)
    pen.ellipse(f.box(0.16, 0.9, 0.4, 0.5), ear, line=0)
    pen.polygon([f.p(0.55, 0.52), f.p(0.66, 0.44), f.p(0.56, 0.46)], (250, 246, 232))
    _eye(pen, f, 0.56, 0.78, 0.035)
    for fx in (-0.42, -0.2, 0.12, 0.32):
        pen.arc(f.box(fx - 0.08, 0.06, fx + 0.08, -0.02), 200, 340, darken(grey, 0.35), f.r(0.015))


def giraffe(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """Yellow with brown patches, long legs and a very long neck: the tallest thing around."""
    f = Frame(x, y, s, m)
    coat, patch = (246, 200, 96), (180, 110, 50)
    _legs(pen, f, (-0.22, -0.1, 0.1, 0.2), 0.42, 0.06, coat)
    pen.stroke([f.p(-0.26, 0.55), f.p(-0.34, 0.38)], darken(coat, 0.1), f.r(0.025))
    pen.ellipse(f.box(-0.3, 0.62, 0.3, 0.36), coat)
    pen.polygon([f.p(0.12, 0.56), f.p(0.26, 0.92), f.p(0.36, 0.9), f.p(0.28, 0.48)], coat)
    for fx, fy in (
        (-0.16, 0.52),
        (0.0, 0.46),
        (0.14, 0.53),
        (-0.06, 0.56),
        (0.26, 0.7),
        (0.3, 0.82),
    ):
        pen.circle(*f.p(fx, fy), f.r(0.04), patch, line=0)
    for fx in (0.26, 0.33):
        pen.line([f.p(fx, 0.96), f.p(fx, 1.0)], patch, f.r(0.02))
        pen.circle(*f.p(fx, 1.0), f.r(0.02), patch, line=0)
    pen.ellipse(f.box(0.22, 1.0, 0.46, 0.88), coat)
    pen.ellipse(f.box(0.38, 0.97, 0.5, 0.88), lighten(patch, 0.4))
    pen.polygon([f.p(0.22, 0.97), f.p(0.14, 1.0), f.p(0.2, 0.93)], coat)
    _eye(pen, f, 0.34, 0.95, 0.018)
    for fx in (-0.22, -0.1, 0.1, 0.2):
        pen.rect(f.box(fx - 0.03, 0.04, fx + 0.03, 0.0), darken(patch, 0.3), line=0)


def lion(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A golden lion with a big round mane and a tufted tail."""
    f = Frame(x, y, s, m)
    coat, mane = (236, 182, 92), (196, 112, 52)
    pen.stroke([f.p(-0.46, 0.42), f.p(-0.7, 0.5), f.p(-0.74, 0.7)], coat, f.r(0.05))
    pen.circle(*f.p(-0.74, 0.72), f.r(0.07), mane)
    _legs(pen, f, (-0.38, -0.2, 0.16, 0.32), 0.34, 0.12, coat)
    pen.ellipse(f.box(-0.52, 0.66, 0.36, 0.26), coat)
    pen.circle(*f.p(0.34, 0.66), f.r(0.32), mane)
    for k in range(8):
        ang = k * math.pi / 4
        pen.circle(*f.p(0.34 + 0.28 * math.cos(ang), 0.66 + 0.28 * math.sin(ang)), f.r(0.1), mane)
    for side in (-1, 1):
        pen.circle(*f.p(0.34 + side * 0.13, 0.84), f.r(0.06), coat)
    pen.circle(*f.p(0.36, 0.64), f.r(0.2), coat)
    pen.ellipse(f.box(0.36, 0.6, 0.54, 0.46), lighten(coat, 0.4), line=0)
    pen.polygon([f.p(0.48, 0.6), f.p(0.54, 0.6), f.p(0.51, 0.55)], (120, 60, 50), line=0)
    _eye(pen, f, 0.3, 0.7, 0.028)
    _eye(pen, f, 0.46, 0.7, 0.028)


def monkey(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A brown monkey sitting up, long curly tail, a pale face and round ears."""
    f = Frame(x, y, s, m)
    fur, face = (150, 96, 60), (236, 200, 160)
    pen.stroke(
        [f.p(-0.2, 0.12), f.p(-0.5, 0.2), f.p(-0.56, 0.5), f.p(-0.4, 0.6), f.p(-0.34, 0.48)],
        fur,
        f.r(0.05),
    )
    pen.ellipse(f.box(-0.26, 0.66, 0.26, 0.04), fur)
    pen.ellipse(f.box(-0.14, 0.48, 0.16, 0.1), face, line=0)
    for side in (-1, 1):
        pen.ellipse(f.box(side * 0.18 - 0.08, 0.16, side * 0.18 + 0.1, 0.0), fur)
        pen.stroke([f.p(side * 0.2, 0.52), f.p(side * 0.32, 0.3)], fur, f.r(0.07))
        pen.circle(*f.p(side * 0.28, 0.86), f.r(0.1), fur)
        pen.circle(*f.p(side * 0.28, 0.86), f.r(0.05), face, line=0)
    pen.circle(*f.p(0.0, 0.82), f.r(0.22), fur)
    pen.ellipse(f.box(-0.15, 0.9, 0.17, 0.64), face, line=0)
    _eye(pen, f, -0.05, 0.84, 0.03)
    _eye(pen, f, 0.07, 0.84, 0.03)
    pen.arc(f.box(-0.05, 0.76, 0.09, 0.68), 20, 160, (110, 60, 50), f.r(0.015))


def penguin(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """Standing up straight: a black back, a white front, orange beak and feet."""
    f = Frame(x, y, s, m)
    black, white, orange = (44, 48, 64), (248, 248, 244), (250, 150, 40)
    for fx in (-0.1, 0.12):
        pen.ellipse(f.box(fx - 0.1, 0.05, fx + 0.12, -0.01), orange)
    pen.ellipse(f.box(-0.3, 0.84, 0.3, 0.02), black)
    pen.ellipse(f.box(-0.16, 0.7, 0.26, 0.06), white, line=0)
    pen.polygon([f.p(-0.26, 0.56), f.p(-0.42, 0.26), f.p(-0.22, 0.34)], black)
    pen.circle(*f.p(0.02, 0.84), f.r(0.2), black)
    pen.ellipse(f.box(-0.02, 0.94, 0.18, 0.74), white, line=0)
    pen.polygon([f.p(0.16, 0.86), f.p(0.34, 0.82), f.p(0.16, 0.78)], orange)
    _eye(pen, f, 0.1, 0.87, 0.03)


def cow(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """White with black patches, pink nose and udder, little horns."""
    f = Frame(x, y, s, m)
    white, black, pink = (248, 246, 240), (50, 46, 54), (244, 170, 176)
    pen.stroke([f.p(-0.5, 0.62), f.p(-0.6, 0.3)], white, f.r(0.035))
    pen.circle(*f.p(-0.6, 0.28), f.r(0.04), black)
    _legs(pen, f, (-0.38, -0.22, 0.2, 0.34), 0.36, 0.1, white)
    for fx in (-0.38, -0.22, 0.2, 0.34):
        pen.rect(f.box(fx - 0.05, 0.06, fx + 0.05, 0.0), black, line=0)
    pen.rect(f.box(-0.54, 0.74, 0.44, 0.3), white, radius=f.r(0.14))
    pen.ellipse(f.box(-0.4, 0.7, -0.12, 0.46), black, line=0)
    pen.ellipse(f.box(0.06, 0.66, 0.26, 0.5), black, line=0)
    pen.ellipse(f.box(-0.04, 0.36, 0.14, 0.26), pink)
    for side in (-0.07, 0.07):
        pen.polygon(
            [f.p(0.5 + side, 0.86), f.p(0.5 + side * 2, 0.98), f.p(0.5 + side * 1.6, 0.84)],
            (240, 226, 190),
        )
    for side in (-1, 1):
        pen.ellipse(f.box(0.5 + side * 0.18 - 0.08, 0.86, 0.5 + side * 0.18 + 0.08, 0.78), white)
    pen.ellipse(f.box(0.36, 0.92, 0.64, 0.56), white)
    pen.ellipse(f.box(0.38, 0.7, 0.66, 0.52), pink)
    for fx in (0.46, 0.58):
        pen.circle(*f.p(fx, 0.61), f.r(0.02), darken(pink, 0.4), line=0)
    _eye(pen, f, 0.44, 0.8, 0.025)
    _eye(pen, f, 0.58, 0.8, 0.025)


def sheep(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A woolly white cloud on thin black legs, a black face peeking out."""
    f = Frame(x, y, s, m)
    wool, face = (250, 248, 242), (60, 54, 62)
    _legs(pen, f, (-0.3, -0.14, 0.12, 0.28), 0.34, 0.06, face)
    for fx, fy in (
        (-0.36, 0.48),
        (-0.18, 0.4),
        (0.02, 0.4),
        (0.22, 0.46),
        (-0.26, 0.66),
        (-0.04, 0.7),
        (0.18, 0.66),
    ):
        pen.circle(*f.p(fx, fy), f.r(0.16), wool)
    pen.ellipse(f.box(-0.4, 0.7, 0.32, 0.32), wool, line=0)
    pen.ellipse(f.box(0.3, 0.78, 0.56, 0.44), face)
    pen.ellipse(f.box(0.22, 0.76, 0.36, 0.66), face)
    pen.circle(*f.p(0.38, 0.8), f.r(0.1), wool)
    _eye(pen, f, 0.46, 0.66, 0.03)
    pen.circle(*f.p(0.47, 0.67), f.r(0.012), (255, 255, 255), line=0)


def pig(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """Pink and round, a flat snout, floppy ears and a curly tail."""
    f = Frame(x, y, s, m)
    pink, snout = (246, 170, 184), (236, 132, 150)
    pen.arc(f.box(-0.62, 0.66, -0.44, 0.5), 0, 300, darken(pink, 0.1), f.r(0.035))
    _legs(pen, f, (-0.3, -0.14, 0.14, 0.3), 0.3, 0.12, pink)
    pen.ellipse(f.box(-0.5, 0.8, 0.4, 0.18), pink)
    pen.circle(*f.p(0.4, 0.56), f.r(0.24), pink)
    pen.polygon([f.p(0.26, 0.74), f.p(0.28, 0.92), f.p(0.42, 0.76)], snout)
    pen.ellipse(f.box(0.54, 0.64, 0.7, 0.42), snout)
    for fy in (0.49, 0.57):
        pen.circle(*f.p(0.63, fy), f.r(0.022), darken(snout, 0.45), line=0)
    _eye(pen, f, 0.44, 0.62, 0.03)
    pen.ellipse(f.box(0.3, 0.52, 0.4, 0.46), lighten(snout, 0.3), line=0)


def bear(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A big brown bear on all fours, a round head with round ears and a pale muzzle."""
    f = Frame(x, y, s, m)
    fur, light = (126, 84, 54), (206, 160, 118)
    _legs(pen, f, (-0.4, -0.22, 0.16, 0.34), 0.36, 0.16, darken(fur, 0.08))
    pen.ellipse(f.box(-0.56, 0.82, 0.4, 0.24), fur)
    for side in (-1, 1):
        pen.circle(*f.p(0.42 + side * 0.15, 0.94), f.r(0.08), fur)
        pen.circle(*f.p(0.42 + side * 0.15, 0.94), f.r(0.04), light, line=0)
    pen.circle(*f.p(0.42, 0.74), f.r(0.22), fur)
    pen.ellipse(f.box(0.44, 0.72, 0.68, 0.54), light)
    pen.ellipse(f.box(0.58, 0.7, 0.68, 0.63), EYE, line=0)
    _eye(pen, f, 0.44, 0.8, 0.028)


def fox(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """An orange fox: pointed ears, a pointed white-tipped snout and a big bushy tail."""
    f = Frame(x, y, s, m)
    orange, white = (232, 120, 52), (250, 244, 236)
    pen.ellipse(f.box(-0.8, 0.62, -0.2, 0.22), orange)
    pen.ellipse(f.box(-0.84, 0.5, -0.64, 0.3), white, line=0)
    _legs(pen, f, (-0.2, -0.06, 0.16, 0.28), 0.3, 0.07, darken(orange, 0.35))
    pen.ellipse(f.box(-0.34, 0.62, 0.36, 0.26), orange)
    for fx in (0.24, 0.44):
        pen.polygon([f.p(fx - 0.08, 0.84), f.p(fx, 1.0), f.p(fx + 0.08, 0.84)], orange)
    pen.circle(*f.p(0.36, 0.72), f.r(0.17), orange)
    pen.polygon([f.p(0.4, 0.78), f.p(0.72, 0.64), f.p(0.4, 0.58)], white)
    pen.circle(*f.p(0.72, 0.64), f.r(0.03), EYE, line=0)
    _eye(pen, f, 0.4, 0.76, 0.026)


def squirrel(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A red squirrel sitting up, its big curled tail behind it and an acorn in its paws."""
    f = Frame(x, y, s, m)
    fur, light = (196, 100, 52), (244, 206, 160)
    pen.ellipse(f.box(-0.62, 1.0, -0.06, 0.06), fur)
    pen.ellipse(f.box(-0.5, 0.86, -0.2, 0.36), darken(fur, 0.1), line=0)
    pen.ellipse(f.box(-0.22, 0.62, 0.22, 0.0), fur)
    pen.ellipse(f.box(-0.06, 0.5, 0.18, 0.08), light, line=0)
    pen.ellipse(f.box(0.04, 0.12, 0.26, 0.0), fur)
    pen.circle(*f.p(0.1, 0.74), f.r(0.16), fur)
    pen.polygon([f.p(0.0, 0.86), f.p(0.02, 1.0), f.p(0.1, 0.88)], fur)
    pen.circle(*f.p(0.26, 0.7), f.r(0.03), EYE, line=0)
    _eye(pen, f, 0.14, 0.77, 0.028)
    pen.ellipse(f.box(0.14, 0.42, 0.3, 0.26), (170, 120, 70))
    pen.chord(f.box(0.13, 0.46, 0.31, 0.36), 180, 360, (120, 80, 50))


def bee(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A round yellow bee with black stripes and two see-through wings."""
    f = Frame(x, y, s, m)
    yellow, black = (250, 204, 60), (50, 44, 50)
    for fx in (-0.12, 0.1):
        pen.ellipse(f.box(fx - 0.18, 1.0, fx + 0.14, 0.56), (226, 240, 252), a=210)
    pen.polygon([f.p(-0.44, 0.4), f.p(-0.6, 0.36), f.p(-0.44, 0.3)], black)
    pen.ellipse(f.box(-0.46, 0.66, 0.4, 0.06), yellow)
    for fx in (-0.22, 0.02):
        pen.rect(f.box(fx, 0.64, fx + 0.1, 0.08), black, line=0)
    _eye(pen, f, 0.24, 0.42, 0.05)
    pen.line([f.p(0.24, 0.62), f.p(0.36, 0.84)], black, f.r(0.025))


def crab(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A red crab, wide and low, two big claws up and eyes on stalks."""
    f = Frame(x, y, s, m)
    red = (226, 84, 64)
    for side in (-1, 1):
        for k in range(3):
            fx = side * (0.22 + k * 0.1)
            pen.line([f.p(fx, 0.3), f.p(fx + side * 0.16, 0.0)], darken(red, 0.1), f.r(0.04))
        pen.stroke([f.p(side * 0.4, 0.4), f.p(side * 0.62, 0.64)], red, f.r(0.07))
        cx, cy = side * 0.66, 0.78
        pen.pieslice(f.box(cx - 0.16, cy + 0.16, cx + 0.16, cy - 0.16), 300, 240, red)
        pen.line([f.p(side * 0.1, 0.5), f.p(side * 0.12, 0.72)], red, f.r(0.03))
        pen.circle(*f.p(side * 0.12, 0.76), f.r(0.06), (255, 255, 255))
        pen.circle(*f.p(side * 0.12, 0.76), f.r(0.03), EYE, line=0)
    pen.ellipse(f.box(-0.44, 0.56, 0.44, 0.16), red)
    pen.arc(f.box(-0.12, 0.42, 0.12, 0.28), 20, 160, (110, 40, 40), f.r(0.02))


def octopus(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """A purple octopus: a round head and eight curling arms."""
    f = Frame(x, y, s, m)
    purple = (170, 110, 200)
    for k in range(6):
        fx = -0.42 + k * 0.17
        curl = 0.12 if k % 2 else -0.12
        pen.stroke([f.p(fx * 0.6, 0.4), f.p(fx, 0.16), f.p(fx + curl, 0.04)], purple, f.r(0.08))
    pen.ellipse(f.box(-0.36, 1.0, 0.36, 0.3), purple)
    pen.ellipse(f.box(-0.22, 0.9, -0.04, 0.74), lighten(purple, 0.3), line=0)
    _eye(pen, f, -0.1, 0.56, 0.045)
    _eye(pen, f, 0.12, 0.56, 0.045)
    pen.arc(f.box(-0.06, 0.5, 0.1, 0.4), 20, 160, (90, 40, 80), f.r(0.02))


def tiger(pen: Pen, x: float, y: float, s: float, m: int) -> None:
    """An orange tiger with black stripes, round ears and a long striped tail."""
    f = Frame(x, y, s, m)
    orange, black, white = (240, 140, 50), (50, 40, 44), (250, 244, 232)
    pen.stroke([f.p(-0.48, 0.5), f.p(-0.7, 0.62), f.p(-0.76, 0.86)], orange, f.r(0.05))
    _legs(pen, f, (-0.38, -0.2, 0.12, 0.28), 0.34, 0.11, orange)
    pen.ellipse(f.box(-0.54, 0.7, 0.34, 0.28), orange)
    for fx in (-0.36, -0.2, -0.04, 0.12):
        pen.polygon([f.p(fx - 0.03, 0.7), f.p(fx + 0.03, 0.7), f.p(fx, 0.48)], black, line=0)
    for side in (-1, 1):
        pen.circle(*f.p(0.4 + side * 0.14, 0.9), f.r(0.07), orange)
    pen.circle(*f.p(0.4, 0.72), f.r(0.22), orange)
    pen.ellipse(f.box(0.38, 0.68, 0.62, 0.5), white, line=0)
    pen.polygon([f.p(0.54, 0.66), f.p(0.6, 0.66), f.p(0.57, 0.61)], black, line=0)
    for fx in (0.3, 0.4, 0.5):
        pen.line([f.p(fx, 0.93), f.p(fx, 0.86)], black, f.r(0.025))
    _eye(pen, f, 0.38, 0.76, 0.028)
    _eye(pen, f, 0.52, 0.76, 0.028)


__all__ = [
    "bear",
    "bee",
    "cow",
    "crab",
    "elephant",
    "fox",
    "giraffe",
    "lion",
    "monkey",
    "octopus",
    "penguin",
    "pig",
    "sheep",
    "squirrel",
    "tiger",
]
