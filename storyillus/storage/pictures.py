"""Reference pictures: checked, made upright, stripped of metadata and stored as PNG."""

from __future__ import annotations

import io
import re
import secrets
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from storyillus._exceptions import InvalidImage, InvalidInput
from storyillus.storage.files import write_atomically

ACCEPTED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WebP"}
# Larger pictures are scaled down: image models take at most this and the offline
# illustrator needs far less.
MAX_STORED_SIDE = 2048
# Anything above this many pixels is refused before decoding (decompression bombs).
MAX_PIXELS = 40_000_000
URL_PREFIX = "/uploads/"
_STORED_NAME = re.compile(r"^character-image-[0-9a-f]{16}\.png$")


def stored_picture(directory: Path, name: str) -> Path | None:
    """The stored reference picture called ``name``, or None for anything else."""
    if not _STORED_NAME.match(name):
        return None
    path = directory / name
    return path if path.is_file() else None


def picture_from_url(directory: Path, url: str) -> Path:
    """The stored picture behind an ``/uploads/<name>`` URL, or InvalidInput."""
    name = url[len(URL_PREFIX) :] if isinstance(url, str) and url.startswith(URL_PREFIX) else ""
    path = stored_picture(directory, name)
    if path is None:
        raise InvalidInput(
            "character.imageUrl must be the path of a picture uploaded through /api/upload "
            "(like /uploads/character-image-….png)."
        )
    return path


def read_picture(data: bytes, max_bytes: int) -> Image.Image:
    """Decode a reference picture or raise InvalidImage saying plainly what is wrong."""
    if not data:
        raise InvalidImage("The picture is empty (0 bytes).")
    if len(data) > max_bytes:
        raise InvalidImage(
            f"The picture is {len(data) / 1_048_576:.1f} MB; the limit is "
            f"{max_bytes / 1_048_576:.0f} MB.",
            reason="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise InvalidImage(
                    f"A {image.format or 'file of this'} type picture is not accepted; "
                    "use PNG, JPEG or WebP.",
                    reason="not_an_image",
                )
            if image.width * image.height > MAX_PIXELS:
                raise InvalidImage(
                    f"The picture is {image.width}x{image.height} pixels, too large to use; "
                    "please send one under 40 megapixels.",
                    reason="too_large",
                )
            image.load()
    except InvalidImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidImage("The picture is far too large to open safely.", "too_large") from None
    except UnidentifiedImageError:
        raise InvalidImage(
            "This file is not a picture; use PNG, JPEG or WebP.", "not_an_image"
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise InvalidImage(f"The picture is damaged and cannot be read ({exc}).") from None
    return image


def normalise(image: Image.Image) -> Image.Image:
    """Upright (EXIF rotation applied), RGB or RGBA, at most MAX_STORED_SIDE, no metadata."""
    image = ImageOps.exif_transpose(image)
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    image = image.convert(mode)
    image.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
    clean = Image.new(mode, image.size)
    clean.paste(image)
    return clean


def store_picture(data: bytes, directory: Path, max_bytes: int) -> Path:
    """Check ``data``, then store it as a clean PNG in ``directory``; return its path.

    Nothing is written unless the picture is usable.
    """
    image = normalise(read_picture(data, max_bytes))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=3)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"character-image-{secrets.token_hex(8)}.png"
    write_atomically(path, buffer.getvalue())
    return path


def load_picture_file(path: Path, max_bytes: int) -> bytes:
    """Read a picture file given on the command line, with the same plain errors."""
    if not path.exists():
        raise InvalidImage(f"The picture {path} does not exist.")
    if not path.is_file():
        raise InvalidImage(f"The picture {path} is not a file.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidImage(f"The picture {path} cannot be read ({exc.strerror}).") from None
    read_picture(data, max_bytes)
    return data
