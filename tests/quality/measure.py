"""Measures of a finished book that a reader would notice: which pages name a thing, whether
the ending pays the goal off, which colours a picture holds, how far two pictures differ.

They measure and never tune: the quality suite compares their results with fixed bars, and
each measure has unit tests of its own (``test_measure.py``) so a bar that fails is the
book's fault, not the ruler's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

RGB = tuple[int, int, int]

# Pictures are measured at this size: enough pixels for a 0.1 % share, fast for 70 pages.
MEASURE_SIZE = 256
# How near (Euclidean RGB distance) a pixel must be to count as "that colour": watercolour
# grain and shading move a flat colour by ~20; two different named colours are further apart.
COLOUR_TOLERANCE = 40.0
# Coarse colour histogram for comparing pictures: 4 levels per channel, 64 bins.
HISTOGRAM_LEVELS = 4


# -- text ------------------------------------------------------------------------------


def _pattern(word: str) -> re.Pattern[str]:
    """A word or phrase, whole words only, with plural and possessive endings allowed."""
    parts = [re.escape(part) for part in word.casefold().split()]
    return re.compile(r"\b" + r"\s+".join(parts) + r"(?:s|es|'s|’s)?\b")


def names(text: str, thing: str) -> bool:
    """Whether ``text`` names ``thing``. ``thing`` may give alternatives: "mum|mother"."""
    folded = text.casefold()
    return any(_pattern(word).search(folded) for word in thing.split("|"))


def pages_naming(texts: Sequence[str], thing: str) -> list[int]:
    """The page numbers (from 1) whose text names ``thing``."""
    return [number for number, text in enumerate(texts, start=1) if names(text, thing)]


def unpaid_goal(texts: Sequence[str], goal: Iterable[str], last: int = 2) -> list[str]:
    """The goal words the book's last ``last`` pages never name (empty when paid off)."""
    ending = " ".join(texts[-last:])
    return [word for word in goal if not names(ending, word)]


# -- pictures --------------------------------------------------------------------------


def hex_rgb(value: str) -> RGB:
    value = value.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {value!r}")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def distance(a: RGB, b: RGB) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


@dataclass(frozen=True)
class Picture:
    """A picture reduced once to ``MEASURE_SIZE`` square, its pixels as an N x 3 array."""

    pixels: np.ndarray

    @classmethod
    def of(cls, image: Image.Image) -> Picture:
        small = image.convert("RGB").resize((MEASURE_SIZE, MEASURE_SIZE), Image.Resampling.BOX)
        return cls(np.asarray(small, dtype=np.int32).reshape(-1, 3))

    def share(self, colour: RGB, tolerance: float = COLOUR_TOLERANCE) -> float:
        """The share of the picture's pixels within ``tolerance`` of ``colour``."""
        squared = ((self.pixels - np.asarray(colour, dtype=np.int32)) ** 2).sum(axis=1)
        return float((squared <= tolerance**2).mean())

    def histogram(self) -> np.ndarray:
        levels = (self.pixels * HISTOGRAM_LEVELS) // 256
        index = (levels[:, 0] * HISTOGRAM_LEVELS + levels[:, 1]) * HISTOGRAM_LEVELS + levels[:, 2]
        counts = np.bincount(index, minlength=HISTOGRAM_LEVELS**3)
        return counts / len(self.pixels)


def missing_colours(
    picture: Picture, colours: Mapping[str, str], min_share: Mapping[str, float], default: float
) -> dict[str, float]:
    """The named colours with less than their minimum share of the picture, with the share
    found (empty when every colour is there)."""
    missing = {}
    for name, value in colours.items():
        share = picture.share(hex_rgb(value))
        if share < min_share.get(name, default):
            missing[name] = round(share, 4)
    return missing


def difference(a: Picture, b: Picture) -> float:
    """How different two pictures' colours are: 0 the same mix, 1 no colour in common (half
    the L1 distance of their coarse colour histograms)."""
    return float(np.abs(a.histogram() - b.histogram()).sum() / 2)
