"""The hero's look read from a reference picture: the colours it shows, in looks.toml's words.

Two kinds of pictures come in. A photo of a child: OpenCV's Haar cascades (their model
files ship inside the ``opencv-python-headless`` wheel, nothing is downloaded) find the
face; skin is sampled inside it, hair above and beside it, clothes below it, eyes from
the eye cascade and glasses from the frame's bridge between the eyes. A drawing of a
character (flat colours, or no face found): the background is the colour of the
picture's border, the figure is what is left, read top to bottom (hair, then skin, then
the clothes below the face).

Measuring (``measure``, cached per picture by the engine) knows nothing of words; naming
(``name_look``) turns each measured colour into the nearest word of the vocabulary for
the member's kind (a child's hair, an elder's grey hair, a dog's fur). Colours are
compared in CIE Lab, where distance follows what the eye sees, not in RGB.

The background never becomes a colour of the hero: pixels like the border are never
sampled as hair or clothes, and a part that only the background could give is left out.
Engine-side: no streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

from storyillus._exceptions import IllustrationError
from storyillus.casting import ANIMALS, Colour, look_words

PURPOSE = "look-from-picture-2"
"""The key ``ReferencePictures.load`` keeps a picture's measured look under (bump it when
measuring changes, so no cached result of the old way is reused)."""

FACE_CASCADE = "haarcascade_frontalface_alt2.xml"
"""Of the bundled face cascades, the one that mistakes fewest toys and posters for faces."""
EYE_CASCADE = "haarcascade_eye_tree_eyeglasses.xml"
"""The eye cascade trained on eyes with and without glasses: it finds the eyes behind
frames, between which a bridge shows there are glasses."""

ANALYSIS_SIDE = 480
"""Pictures are read at most this many pixels a side: faces stay 40+ px, a 1024 px
photo is read in tens of milliseconds."""
DRAWING_SIDE = 256
"""Drawings are flat: a smaller copy (nearest-neighbour, no blended colours) is enough."""
MIN_FACE_SHARE = 0.08
"""The smallest face looked for, as a share of the picture's shorter side."""
FLAT_SHARE = 0.8
"""A picture whose 16 most common (4-bit) colours cover this much of it is a drawing."""
BACKGROUND_DISTANCE = 12.0
"""Lab distance within which a pixel counts as the border's (background) colour."""
SKIN_DISTANCE = 16.0
"""Lab distance within which a pixel around the face counts as skin, not hair or clothes."""
MIN_PART_SHARE = 0.12
"""A part is seen only if this share of its sampled region is left once skin and
background are taken out (a bald head or a cropped body shows no hair or clothes)."""
BRIDGE_EDGE = 160.0
"""A vertical brightness step (3x3 Sobel, grey levels) that a frame's edge makes."""
BRIDGE_COLUMNS = 0.8
"""Share of the columns between the eyes such a step must cross: a bridge crosses all."""
EYE_BOX = (0.16, 0.25, 0.24, 0.6)
"""Where the face cascade's box has the eyes (left eye's x, y, side, right eye's x) as
shares of the box, measured on faces whose eyes the eye cascade found."""
MIN_FIGURE_SHARE = 0.02
"""A drawing's figure must cover at least this share of the picture."""
FEATURE_SIDE = 512
"""A drawing's eyes and glasses are looked for at this size (area-averaged, so a thin
frame stays one closed line): small eyes are still several pixels wide."""
FEATURE_SKIN_DISTANCE = 14.0
"""Lab distance within which a drawing's pixel is the face's skin, not a feature on it."""
EYE_AREA = (0.0008, 0.05)
"""An eye's share of the face's area: bigger than a freckle, smaller than a cheek."""
EYE_FILL = 0.5
"""Share of its bounding box an eye fills: a dot or an oval, not an arc (brows, smiles)
nor a ring (a glasses frame)."""
EYE_CONTRAST = 25.0
"""An eye stands out from the skin: some of it (pupil, iris, white) is this far from the
skin's colour (Lab distance), which a cheek's blush, a tint of the skin, never is."""
IRIS_LIGHTNESS = (22.0, 85.0)
"""An iris is lighter than a pupil's ink and darker than the white of the eye: a drawing
whose eyes are black dots says nothing of their colour."""
MIN_IRIS_SHARE = 0.15
"""Share of the eyes that must be iris for their colour to be read."""
LENS_SHARE = 0.12
"""An eye inside a frame: the skin it reaches is at most this share of the face's."""
FRAME_DARKER = 10.0
"""A frame is a line darker (Lab L) than the skin it closes in; a pupil closed in by the
white of the eye (an iris of the skin's own colour) is not in glasses."""

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Measured:
    """The colours a picture shows, before any word is put on them. None: not seen."""

    source: str
    """"photo" (a face was found), "drawing" (a figure on a plain ground) or "none"."""
    hair: RGB | None = None
    skin: RGB | None = None
    eyes: RGB | None = None
    clothes: RGB | None = None
    glasses: bool | None = None
    """None: the picture cannot tell (no two eyes found, or a drawing)."""
    background: RGB | None = None
    """The border's colour: never a colour of the hero."""
    body: RGB | None = None
    """A drawing's most common colour: an animal's fur."""


@dataclass(frozen=True)
class SeenColour:
    """One part of a look as the picture shows it."""

    word: str
    """The nearest colour word of looks.toml for the member's kind."""
    hex: str
    """The word's own ``#rrggbb``: what the cast paints (see ``name_look``)."""
    measured: str
    """The picture's colour, ``#rrggbb``, for showing what was read."""


@dataclass(frozen=True)
class SeenLook:
    """The parts of a look a picture shows; the rest is the book seed's to choose."""

    source: str
    hair: SeenColour | None = None
    skin: SeenColour | None = None
    eyes: SeenColour | None = None
    clothes: SeenColour | None = None
    glasses: bool | None = None


# ----------------------------------------------------------------------- colour math


def _lab(rgb: np.ndarray) -> np.ndarray:
    """Lab (L 0..100) of an (..., 3) uint8 RGB array."""
    flat = np.asarray(rgb, dtype=np.float32).reshape(-1, 1, 3) / 255.0
    return cv2.cvtColor(flat, cv2.COLOR_RGB2Lab).reshape(np.shape(rgb))


def _hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _rgb_of(hex_: str) -> RGB:
    return int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16)


def nearest_word(rgb: RGB, colours: Sequence[Colour]) -> Colour:
    """The vocabulary colour nearest ``rgb`` as the eye sees it (Lab distance)."""
    target = _lab(np.array([rgb], dtype=np.uint8))[0]
    table = _lab(np.array([_rgb_of(hex_) for _, hex_ in colours], dtype=np.uint8))
    return colours[int(np.argmin(((table - target) ** 2).sum(axis=1)))]


def _far_from(lab: np.ndarray, centres: Sequence[np.ndarray], distance: float) -> np.ndarray:
    """A mask of the pixels farther than ``distance`` from every centre."""
    keep = np.ones(lab.shape[0], dtype=bool)
    for centre in centres:
        keep &= ((lab - centre) ** 2).sum(axis=1) > distance**2
    return keep


def _dominant(pixels: np.ndarray, clusters: int = 3) -> RGB | None:
    """The median colour of the largest group of ``pixels`` (N x 3 RGB), or None."""
    if len(pixels) == 0:
        return None
    if len(pixels) > clusters * 8:
        cv2.setRNGSeed(1)  # k-means starts from random centres: the same picture, same look
        data = _lab(pixels).astype(np.float32)
        criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 1.0)
        _, labels, _ = cv2.kmeans(data, clusters, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
        labels = labels.ravel()
        pixels = pixels[labels == np.bincount(labels).argmax()]
    median = np.median(pixels, axis=0)
    return int(median[0]), int(median[1]), int(median[2])


# --------------------------------------------------------------------------- loading


def _flatten(image: Image.Image) -> np.ndarray:
    """Upright RGB (transparency on white, so a cut-out's ground is its border) as array."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    return np.asarray(image.convert("RGB"))


def _shrunk(rgb: np.ndarray, side: int, interpolation: int) -> np.ndarray:
    height, width = rgb.shape[:2]
    scale = side / max(height, width)
    if scale >= 1:
        return rgb
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(rgb, size, interpolation=interpolation)


@cache
def _cascade(name: str) -> cv2.CascadeClassifier:
    classifier = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / name))
    if classifier.empty():
        raise IllustrationError(f"OpenCV's {name} is missing from the installed opencv wheel.")
    return classifier


def _is_flat(rgb: np.ndarray) -> bool:
    """Drawings are made of few flat colours; photos of many close ones."""
    codes = (rgb[..., 0] >> 4).astype(np.int32) << 8
    codes |= (rgb[..., 1] >> 4).astype(np.int32) << 4
    codes |= (rgb[..., 2] >> 4).astype(np.int32)
    counts = np.sort(np.bincount(codes.ravel(), minlength=4096))[::-1]
    return counts[:16].sum() / codes.size >= FLAT_SHARE


def measure(image: Image.Image) -> Measured:
    """What ``image`` shows of its character's look."""
    full = _flatten(image)
    small = _shrunk(full, ANALYSIS_SIDE, cv2.INTER_AREA)
    if not _is_flat(small):
        face = _face(small)
        if face is not None:
            return _photo(small, face)
    drawn = _drawing(_shrunk(full, DRAWING_SIDE, cv2.INTER_NEAREST))
    if drawn.source != "drawing" or drawn.skin is None:
        return drawn
    eyes, glasses = _drawn_eyes(_shrunk(full, FEATURE_SIDE, cv2.INTER_AREA), drawn.skin)
    return replace(drawn, eyes=eyes, glasses=glasses)


def measure_file(path: Path) -> Measured:
    """``measure`` of a stored picture (the ``build`` the engine caches per picture)."""
    try:
        with Image.open(path) as opened:
            opened.draft("RGB", (ANALYSIS_SIDE * 2, ANALYSIS_SIDE * 2))
            opened.load()
            return measure(opened)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise IllustrationError(
            f"The reference picture {path.name!r} is not a readable image ({error})."
        ) from None


# ---------------------------------------------------------------------------- photos


_CLAHE = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))


def _face(rgb: np.ndarray) -> tuple[int, int, int, int] | None:
    """The face the detector is surest of (x, y, w, h), or None.

    The surest, not the largest: a poster or a toy behind the child may be taken for a
    bigger face, with far less confidence.
    """
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    smallest = max(24, round(min(gray.shape) * MIN_FACE_SHARE))
    # A whole-picture histogram stretch can flatten a dark-skinned face against a bright
    # background; a local one (CLAHE) or none at all keeps its features: try them in turn.
    for contrasted in (
        cv2.equalizeHist(gray),
        _CLAHE.apply(gray),
        gray,
    ):
        faces, _, weights = _cascade(FACE_CASCADE).detectMultiScale3(
            contrasted, 1.1, 5, minSize=(smallest, smallest), outputRejectLevels=True
        )
        if len(faces):
            x, y, w, h = faces[int(np.argmax(np.ravel(weights)))]
            return int(x), int(y), int(w), int(h)
    return None


def _region(rgb: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The pixels (N x 3) inside ``box`` (x0, y0, x1, y1), clipped to the picture."""
    height, width = rgb.shape[:2]
    x0, y0 = max(0, round(box[0])), max(0, round(box[1]))
    x1, y1 = min(width, round(box[2])), min(height, round(box[3]))
    if x1 <= x0 or y1 <= y0:
        return np.empty((0, 3), dtype=np.uint8)
    return rgb[y0:y1, x0:x1].reshape(-1, 3)


def _border_centres(rgb: np.ndarray, photo: bool) -> list[np.ndarray]:
    """The background's main colours (Lab), from the picture's border.

    A photo's person usually runs off the bottom edge (and their shoulders off the lower
    sides), so only the top edge and the upper sides are its background.
    """
    height, width = rgb.shape[:2]
    band = max(2, min(height, width) // 40)
    if photo:
        rows = round(height * 0.5)
        edges = [rgb[:band].reshape(-1, 3), rgb[:rows, :band].reshape(-1, 3)]
        edges.append(rgb[:rows, -band:].reshape(-1, 3))
    else:
        edges = [rgb[:band].reshape(-1, 3), rgb[-band:].reshape(-1, 3)]
        edges += [rgb[:, :band].reshape(-1, 3), rgb[:, -band:].reshape(-1, 3)]
    pixels = np.concatenate(edges)
    lab = _lab(pixels).astype(np.float32)
    groups = 4
    cv2.setRNGSeed(1)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 1.0)
    _, labels, centres = cv2.kmeans(lab, groups, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    shares = np.bincount(labels.ravel(), minlength=groups) / len(labels)
    # A group covering a tenth of the border is background, not a stray passer-by.
    return [centres[i] for i in np.argsort(-shares) if shares[i] >= 0.1]


def _part(
    rgb: np.ndarray,
    boxes: Sequence[tuple[float, float, float, float]],
    avoid: Sequence[np.ndarray],
    skin: np.ndarray | None,
) -> RGB | None:
    """The main colour of ``boxes`` once the background (``avoid``) and skin are out."""
    pixels = np.concatenate([_region(rgb, box) for box in boxes])
    if len(pixels) == 0:
        return None
    lab = _lab(pixels)
    keep = _far_from(lab, avoid, BACKGROUND_DISTANCE)
    if skin is not None:
        keep &= _far_from(lab, [skin], SKIN_DISTANCE)
    if keep.sum() < MIN_PART_SHARE * len(pixels):
        return None
    return _dominant(pixels[keep])


def _photo(rgb: np.ndarray, face: tuple[int, int, int, int]) -> Measured:
    x, y, w, h = face
    background = _border_centres(rgb, photo=True)
    # Cheeks, nose and upper lip: the eyes sit higher, the mouth and chin lower.
    skin = _dominant(_region(rgb, (x + 0.2 * w, y + 0.45 * h, x + 0.8 * w, y + 0.7 * h)), 2)
    skin_lab = _lab(np.array([skin], dtype=np.uint8))[0] if skin else None
    hair = _part(
        rgb,
        [
            (x + 0.1 * w, y - 0.25 * h, x + 0.9 * w, y + 0.12 * h),  # the top of the head
            (x - 0.18 * w, y, x + 0.06 * w, y + 0.6 * h),  # beside the face
            (x + 0.94 * w, y, x + 1.18 * w, y + 0.6 * h),
        ],
        background,
        skin_lab,
    )
    # The chest: below the chin and neck, as wide as the shoulders.
    clothes = _part(
        rgb, [(x - 0.8 * w, y + 1.5 * h, x + 1.8 * w, y + 3.2 * h)], background, skin_lab
    )
    eyes, glasses = _eyes(rgb, face, skin_lab)
    edge = background[0] if background else None
    return Measured(
        source="photo",
        hair=hair,
        skin=skin,
        eyes=eyes,
        clothes=clothes,
        glasses=glasses,
        background=_lab_to_rgb(edge) if edge is not None else None,
    )


def _lab_to_rgb(lab: np.ndarray) -> RGB:
    pixel = cv2.cvtColor(np.asarray(lab, dtype=np.float32).reshape(1, 1, 3), cv2.COLOR_Lab2RGB)
    r, g, b = (np.clip(pixel.ravel(), 0, 1) * 255).round().astype(int)
    return int(r), int(g), int(b)


def _eyes(
    rgb: np.ndarray, face: tuple[int, int, int, int], skin: np.ndarray | None
) -> tuple[RGB | None, bool | None]:
    """The iris colour, and whether glasses are worn (None: cannot tell)."""
    x, y, w, h = face
    top = rgb[y : y + round(h * 0.55), x : x + w]
    gray = cv2.equalizeHist(cv2.cvtColor(top, cv2.COLOR_RGB2GRAY))
    smallest = max(8, w // 8)
    found = _cascade(EYE_CASCADE).detectMultiScale(gray, 1.1, 4, minSize=(smallest, smallest))
    # The two largest, left to right: a third "eye" is a nostril or an eyebrow.
    eyes = sorted(sorted(found, key=lambda e: -e[2] * e[3])[:2], key=lambda e: e[0])
    plain = cv2.cvtColor(top, cv2.COLOR_RGB2GRAY)
    if len(eyes) < 2:
        # Thick frames hide the eyes from the cascade; a face box puts them here.
        size = round(w * EYE_BOX[2])
        at = [(round(w * left), round(h * EYE_BOX[1]), size, size) for left in EYE_BOX[::3]]
        return None, _bridge(plain, at)
    irises = []
    for ex, ey, ew, eh in eyes:
        # The middle of the eye box: iris and pupil, little lid or lash.
        box = top[ey + eh * 3 // 8 : ey + eh * 5 // 8, ex + ew * 3 // 8 : ex + ew * 5 // 8]
        irises.append(box.reshape(-1, 3))
    pixels = np.concatenate(irises)
    lab = _lab(pixels)
    keep = lab[:, 0] < 60  # not the white of the eye nor a catch light
    if skin is not None:
        keep &= _far_from(lab, [skin], SKIN_DISTANCE)
    iris = None
    if keep.sum() >= 4:
        kept, lightness = pixels[keep], lab[keep, 0]
        # The pupil is the darkest part: the iris's colour is in the lighter half.
        ring = kept[lightness >= np.median(lightness)]
        median = np.median(ring, axis=0)
        iris = int(median[0]), int(median[1]), int(median[2])
    return iris, _bridge(plain, eyes)


def _bridge(gray: np.ndarray, eyes: Sequence[Sequence[int]]) -> bool:
    """Glasses: the frame's bridge is a horizontal bar across the nose between the eyes,
    where a bare nose is smooth from side to side."""
    (lx, ly, lw, lh), (rx, ry, _rw, rh) = eyes
    gap = rx - (lx + lw)
    x0, x1 = lx + lw + round(gap * 0.2), rx - round(gap * 0.2)
    if x1 - x0 < 3:
        return False
    y0 = round(min(ly, ry) + max(lh, rh) * 0.2)
    y1 = round(max(ly + lh / 2, ry + rh / 2) + max(lh, rh) * 0.25)
    strip = cv2.GaussianBlur(gray[y0:y1, x0:x1], (3, 3), 0).astype(np.float32)
    if strip.shape[0] < 3:
        return False
    rising = np.abs(cv2.Sobel(strip, cv2.CV_32F, 0, 1, ksize=3))
    # Share of the columns crossed by a sharp horizontal edge: all of them for a bridge.
    crossed = (rising > BRIDGE_EDGE).any(axis=0).mean()
    return bool(crossed >= BRIDGE_COLUMNS)


# -------------------------------------------------------------------------- drawings


def _drawing(rgb: np.ndarray) -> Measured:
    height, width = rgb.shape[:2]
    background = _border_centres(rgb, photo=False)
    lab = _lab(rgb)
    like_border = ~_far_from(lab.reshape(-1, 3), background, BACKGROUND_DISTANCE)
    like_border = like_border.reshape(height, width).astype(np.uint8)
    # Background: the border-coloured areas that reach the border. A white shirt inside
    # its outline stays the figure's even on a white page.
    count, labels = cv2.connectedComponents(like_border, connectivity=4)
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    ground = np.isin(labels, edge_labels[edge_labels > 0]) & (like_border > 0)
    figure = (~ground).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(figure, connectivity=8)
    edge = _lab_to_rgb(background[0]) if background else None
    if count < 2:
        return Measured(source="none", background=edge)
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[biggest, cv2.CC_STAT_AREA] < MIN_FIGURE_SHARE * height * width:
        return Measured(source="none", background=edge)
    mask = labels == biggest
    return _read_figure(rgb, lab, mask, edge)


def _read_figure(rgb: np.ndarray, lab: np.ndarray, mask: np.ndarray, edge: RGB | None) -> Measured:
    """The figure's colours top to bottom: hair on top, the face's skin below it, then
    the clothes below the face."""
    rows, cols = np.nonzero(mask)
    pixels = lab[rows, cols].astype(np.float32)
    groups = min(8, len(pixels))
    cv2.setRNGSeed(1)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    _, labels, _ = cv2.kmeans(pixels, groups, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    labels = labels.ravel()
    colours = [
        tuple(int(c) for c in np.median(rgb[rows, cols][labels == g], axis=0))
        if (labels == g).any()
        else (0, 0, 0)
        for g in range(groups)
    ]
    top, height = rows.min(), rows.max() - rows.min() + 1

    def main_in(start: float, end: float, exclude: set[int]) -> int | None:
        band = labels[(rows >= top + start * height) & (rows < top + end * height)]
        counts = np.bincount(band, minlength=groups)
        for group in np.argsort(-counts):
            if counts[group] and int(group) not in exclude:
                return int(group)
        return None

    hair = main_in(0.0, 0.08, set())
    skin_words = look_words().skin
    skin_like = {g for g in range(groups) if _near_any(colours[g], skin_words, 22.0)}
    # The face: the most common skin-like group in the upper half, else the most common.
    upper = labels[rows < top + 0.5 * height]
    counts = np.bincount(upper, minlength=groups)
    order = [int(g) for g in np.argsort(-counts) if counts[g] and int(g) != hair]
    skin = next((g for g in order if g in skin_like), order[0] if order else None)
    # The clothes start where the face ends: the first row below the face's widest
    # part whose main group is neither skin nor hair.
    per_row = {}
    for row in range(top, top + height):
        in_row = labels[rows == row]
        if len(in_row):
            per_row[row] = int(np.bincount(in_row, minlength=groups).argmax())
    skin_rows = [row for row, group in per_row.items() if group == skin]
    start = skin_rows[0] if skin_rows else top
    clothes_row = next(
        (row for row in sorted(per_row) if row > start and per_row[row] not in {skin, hair}),
        None,
    )
    clothes = None
    if clothes_row is not None:
        begin = (clothes_row - top) / height
        clothes = main_in(begin, begin + 0.25, {g for g in (skin, hair) if g is not None})
    body = int(np.bincount(labels, minlength=groups).argmax())
    return Measured(
        source="drawing",
        hair=colours[hair] if hair is not None else None,
        skin=colours[skin] if skin is not None else None,
        clothes=colours[clothes] if clothes is not None else None,
        background=edge,
        body=colours[body],
    )


def _drawn_eyes(rgb: np.ndarray, skin: RGB) -> tuple[RGB | None, bool | None]:
    """A drawn face's eye colour and glasses; None for what the drawing does not show.

    The face is the largest patch of the figure's skin colour; its features are what lies
    inside it and is not skin. The eyes are the pair of compact blobs alike in size, side
    by side, with a pupil darker than the skin. Glasses: each eye sits in a small patch of
    skin closed all round by a frame, where a bare eye opens onto the whole face.
    """
    lab = _lab(rgb)
    skin_lab = _lab(np.array([skin], dtype=np.uint8))[0]
    like_skin = ((lab - skin_lab) ** 2).sum(axis=-1) <= FEATURE_SKIN_DISTANCE**2
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        like_skin.astype(np.uint8), connectivity=4
    )
    if count < 2:
        return None, None
    face_label = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    face = labels == face_label
    face_area = int(stats[face_label, cv2.CC_STAT_AREA])
    x, y, w, h = (int(v) for v in stats[face_label, :4])
    # Inside the face: what the outside of its box cannot reach without crossing skin.
    box = np.pad(face[y : y + h, x : x + w], 1).astype(np.uint8)
    outside = np.zeros((h + 4, w + 4), dtype=np.uint8)
    cv2.floodFill(box, outside, (0, 0), 2)
    inside = np.zeros_like(face)
    inside[y : y + h, x : x + w] = box[1:-1, 1:-1] == 0
    features = inside & ~like_skin
    eyes = _eye_pair(features, lab, face_area, skin_lab)
    if eyes is None:
        return None, None
    return _iris(rgb, lab, eyes), _framed(lab, like_skin, eyes, face_area, float(skin_lab[0]))


def _eye_pair(
    features: np.ndarray, lab: np.ndarray, face_area: int, skin: np.ndarray
) -> list[np.ndarray] | None:
    """The two blobs (masks) most like a pair of eyes, or None."""
    count, labels, stats, centres = cv2.connectedComponentsWithStats(
        features.astype(np.uint8), connectivity=8
    )
    blobs = []
    for label in range(1, count):
        bw, bh, area = (int(v) for v in stats[label, 2:5])
        if not EYE_AREA[0] * face_area <= area <= EYE_AREA[1] * face_area:
            continue
        if area < EYE_FILL * bw * bh or not 0.4 <= bw / bh <= 2.5:
            continue
        distance = ((lab[labels == label] - skin) ** 2).sum(axis=1)
        if (distance >= EYE_CONTRAST**2).mean() < 0.2:
            continue
        blobs.append((label, area, bw, bh, centres[label]))
    best, best_score = None, None
    for i, (a_label, a_area, a_w, a_h, a_c) in enumerate(blobs):
        for b_label, b_area, b_w, b_h, b_c in blobs[i + 1 :]:
            width = (a_w + b_w) / 2
            if max(a_area, b_area) > 2 * min(a_area, b_area):
                continue  # one eye twice the other's size: not a pair
            if abs(a_c[1] - b_c[1]) > max(a_h, b_h) or not 1.5 <= abs(a_c[0] - b_c[0]) / width <= 8:
                continue  # not side by side, or too close or too far apart
            # The biggest well-matched pair: nostrils and freckles pair up too, smaller.
            score = (a_area + b_area) * (1 - abs(a_area - b_area) / max(a_area, b_area))
            if best_score is None or score > best_score:
                best, best_score = (a_label, b_label), score
    if best is None:
        return None
    return [labels == label for label in best]


def _iris(rgb: np.ndarray, lab: np.ndarray, eyes: Sequence[np.ndarray]) -> RGB | None:
    """The eyes' colour: their iris, neither pupil nor white; None for ink dots."""
    both = np.logical_or(*eyes).astype(np.uint8)
    # Inside the outline only: an edge pixel is a blend of the ink and the skin, no iris.
    inner = cv2.erode(both, np.ones((3, 3), np.uint8)) > 0
    pixels, lightness = rgb[inner], lab[inner][:, 0]
    iris = (lightness > IRIS_LIGHTNESS[0]) & (lightness < IRIS_LIGHTNESS[1])
    if iris.sum() < max(6, MIN_IRIS_SHARE * len(pixels)):
        return None
    return _dominant(pixels[iris], 2)


def _framed(
    lab: np.ndarray,
    like_skin: np.ndarray,
    eyes: Sequence[np.ndarray],
    face_area: int,
    skin_lightness: float,
) -> bool | None:
    """Glasses: each eye closed in by a dark frame (True), both open onto the face
    (False); anything between cannot tell (None)."""
    framed = []
    for eye in eyes:
        passable = (like_skin | eye).astype(np.uint8)
        _, labels = cv2.connectedComponents(passable, connectivity=4)
        reached = labels == labels[eye][0]
        if reached.sum() - eye.sum() >= LENS_SHARE * face_area:
            framed.append(False)  # the eye opens onto the face
            continue
        ring = cv2.dilate(reached.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        edge = lab[ring & ~reached][:, 0]
        framed.append(bool(np.median(edge) < skin_lightness - FRAME_DARKER) or None)
    if all(seen is True for seen in framed):
        return True
    return False if all(seen is False for seen in framed) else None


def _near_any(rgb: RGB, colours: Sequence[Colour], distance: float) -> bool:
    target = _lab(np.array([rgb], dtype=np.uint8))[0]
    table = _lab(np.array([_rgb_of(hex_) for _, hex_ in colours], dtype=np.uint8))
    return bool((((table - target) ** 2).sum(axis=1) <= distance**2).any())


# ---------------------------------------------------------------------------- naming


def name_look(measured: Measured, kind: str = "child") -> SeenLook:
    """The measured colours said in the vocabulary's words for a member of ``kind``.

    Each part carries its word's own hex (and the measured one beside it). The word is
    what every page's prompt repeats and what an image model draws; the offline painter
    paints the hex, so the two agree only if the hex is the word's. A photo's measured
    colour also carries its light (shadowed hair reads darker, a warm lamp yellows skin):
    the word's colour is the child's hair or skin, not the lamp's.
    """
    words = look_words()
    if kind in ANIMALS:
        fur = measured.body if measured.source == "drawing" else measured.hair
        return SeenLook(measured.source, hair=_seen(fur, words.fur))
    hair_words = words.hair if kind == "child" else words.hair + words.elder_hair
    return SeenLook(
        source=measured.source,
        hair=_seen(measured.hair, hair_words),
        skin=_seen(measured.skin, words.skin),
        eyes=_seen(measured.eyes, words.eyes),
        clothes=_seen(measured.clothes, words.clothes),
        glasses=measured.glasses,
    )


def _seen(rgb: RGB | None, colours: Sequence[Colour]) -> SeenColour | None:
    if rgb is None:
        return None
    word, hex_ = nearest_word(rgb, colours)
    return SeenColour(word, hex_, _hex(rgb))


__all__ = [
    "PURPOSE",
    "Measured",
    "SeenColour",
    "SeenLook",
    "measure",
    "measure_file",
    "name_look",
    "nearest_word",
]
