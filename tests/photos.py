"""Real photos for tests: scikit-image's astronaut portrait (Eileen Collins, NASA, public
domain; shipped inside the scikit-image wheel) and variants of it with the hair and skin
recoloured, so tests know what colours a picture shows.

The regions were drawn for this 512 x 512 photo: hair is the brownish pixels above the
eyebrows and beside the face, skin the face's pixels like its cheeks.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image, ImageDraw
from skimage import data

RGB = tuple[int, int, int]
HAIR = (145, 122, 84)
"""The photo's hair and skin as measured (medians), to find them by colour."""
SKIN = (225, 189, 164)
LEFT_EYE, RIGHT_EYE = (197, 100), (243, 101)


def _lab(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(np.asarray(rgb, dtype=np.float32) / 255, cv2.COLOR_RGB2Lab)


def astronaut() -> np.ndarray:
    return data.astronaut()


def _near(photo: np.ndarray, rgb: RGB, distance: float) -> np.ndarray:
    centre = _lab(np.array([[rgb]], dtype=np.uint8))[0, 0]
    return ((_lab(photo) - centre) ** 2).sum(axis=-1) < distance**2


def _masks(photo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    height, width = photo.shape[:2]
    yy, xx = np.mgrid[:height, :width]
    top = (yy < 90) & (xx > 135) & (xx < 310)
    sides = (yy < 170) & (((xx > 135) & (xx < 185)) | ((xx > 262) & (xx < 312)))
    hair = _near(photo, HAIR, 28) & (top | sides)
    face = ((xx - 222) / 48.0) ** 2 + ((yy - 118) / 62.0) ** 2 < 1
    skin = _near(photo, SKIN, 30) & face & ~hair
    return hair, skin


def _recolour(photo: np.ndarray, mask: np.ndarray, target: RGB) -> np.ndarray:
    """The masked pixels scaled so their mean is ``target``: the light and shade stay."""
    out = photo.astype(np.float32)
    out[mask] *= np.array(target, dtype=np.float32) / out[mask].mean(axis=0)
    return np.clip(out, 0, 255).astype(np.uint8)


def astronaut_with(hair: str | None = None, skin: str | None = None) -> np.ndarray:
    """The photo with its hair and/or skin recoloured to ``#rrggbb`` colours."""
    photo = astronaut()
    hair_mask, skin_mask = _masks(photo)
    if hair:
        photo = _recolour(photo, hair_mask, _rgb(hair))
    if skin:
        photo = _recolour(photo, skin_mask, _rgb(skin))
    return photo


def with_glasses(photo: np.ndarray) -> np.ndarray:
    """Dark round frames and a bridge drawn over the eyes."""
    image = Image.fromarray(photo)
    pen = ImageDraw.Draw(image)
    frame = (40, 30, 30)
    for cx, cy in (LEFT_EYE, RIGHT_EYE):
        pen.ellipse((cx - 17, cy - 13, cx + 17, cy + 13), outline=frame, width=4)
    pen.line((LEFT_EYE[0] + 17, 99, RIGHT_EYE[0] - 17, 99), fill=frame, width=4)
    return np.asarray(image)


def png(photo: np.ndarray, side: int | None = None) -> bytes:
    image = Image.fromarray(photo)
    if side:
        image = image.resize((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _rgb(hex_: str) -> RGB:
    return int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16)
