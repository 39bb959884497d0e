"""The hero's reference picture, its whole life in one place.

Check (size, decompression bombs, a real PNG, JPEG or WebP), normalise (EXIF rotation
applied, RGB or RGBA, at most MAX_STORED_SIDE, no metadata), store (atomically, under a
``character-image-<hex>.png`` name), find (``/uploads/<name>`` URL -> file), load for
whoever draws with it (PNG bytes for an image model, a square portrait for the offline
illustrator, a description from a vision model), expire (UPLOAD_MAX_AGE_DAYS) and delete.

Everything loaded from a stored picture goes through one bounded LRU cache per
``ReferencePictures``, keyed by file, version (mtime and size) and purpose. The engine
owns one and hands it to the illustrators.
"""

from __future__ import annotations

import io
import logging
import re
import secrets
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image, ImageOps, UnidentifiedImageError

from storyillus._exceptions import IllustrationError, InvalidImage, InvalidInput
from storyillus.storage.files import write_atomically

log = logging.getLogger(__name__)

T = TypeVar("T")
MB = 1_048_576
ACCEPTED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WebP"}
# Larger pictures are scaled down: image models take at most this and the offline
# illustrator needs far less.
MAX_STORED_SIDE = 2048
# Anything above this many pixels is refused before decoding (decompression bombs).
MAX_PIXELS = 40_000_000
# Image models take pictures up to this side; larger ones only cost upload time.
PROVIDER_MAX_SIDE = 1024
URL_PREFIX = "/uploads/"
_STORED_NAME = re.compile(r"^character-image-[0-9a-f]{16}\.png$")
_STORED_GLOB = "character-image-*.png"


# ------------------------------------------------------------------- checking bytes


def read_picture(data: bytes, max_bytes: int) -> Image.Image:
    """Decode a reference picture or raise InvalidImage saying plainly what is wrong."""
    if not data:
        raise InvalidImage("The picture is empty (0 bytes).")
    if len(data) > max_bytes:
        raise InvalidImage(
            f"The picture is {len(data) / MB:.1f} MB; the limit is {max_bytes / MB:.0f} MB.",
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


def read_picture_file(path: Path, max_bytes: int) -> bytes:
    """A picture file named on the command line, checked, with the same plain errors."""
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


def _png(image: Image.Image, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **options)
    return buffer.getvalue()


# --------------------------------------------------------- loading a stored picture


def _unreadable(path: Path, error: BaseException) -> IllustrationError:
    return IllustrationError(
        f"The reference picture {path.name!r} is not a readable image ({error})."
    )


def provider_png(path: Path) -> bytes:
    """The picture as PNG bytes for an image model: at most PROVIDER_MAX_SIDE a side."""
    try:
        with Image.open(path) as image:
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            image.thumbnail((PROVIDER_MAX_SIDE, PROVIDER_MAX_SIDE))
            return _png(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise _unreadable(path, error) from None


def portrait(path: Path, side: int) -> Image.Image:
    """An upright RGB square of ``side`` px (transparency on white), centred a little high."""
    try:
        with Image.open(path) as opened:
            opened.draft("RGB", (side * 2, side * 2))
            upright = ImageOps.exif_transpose(opened)
            if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
            else:
                flat = upright.convert("RGB")
            return ImageOps.fit(flat, (side, side), Image.Resampling.LANCZOS, centering=(0.5, 0.45))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise _unreadable(path, error) from None


# ------------------------------------------------------------------------- the folder


NOT_AN_UPLOAD = (
    "character.imageUrl must be the path of a picture uploaded through /api/upload "
    "(like /uploads/character-image-….png)."
)
"""Said of an address that names no stored picture, or someone else's."""


class ReferencePictures:
    """The reference pictures of one home (``uploads/``) and one cache of what they load to.

    ``directory`` may be None for an instance that only loads pictures (an illustrator
    made on its own, outside an engine).
    """

    def __init__(
        self,
        directory: Path | None = None,
        max_bytes: Callable[[], int] = lambda: 10 * MB,
        capacity: int = 16,
    ) -> None:
        self._directory = directory
        self._max_bytes = max_bytes
        self._capacity = capacity
        self._cache: OrderedDict[tuple[str, int, int, str], object] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple[str, int, int, str], threading.Lock] = {}

    @property
    def directory(self) -> Path:
        if self._directory is None:
            raise RuntimeError("These reference pictures have no folder to store in.")
        return self._directory

    # -- checking and storing

    def check(self, data: bytes) -> Image.Image:
        """The picture decoded and normalised; raises InvalidImage. Stores nothing."""
        return normalise(read_picture(data, self._max_bytes()))

    def preview(self, data: bytes, side: int = 480) -> bytes:
        """A small upright PNG of a picture to show before it is stored; raises InvalidImage.

        Shown instead of the raw upload, which a browser may not display (16-bit PNG,
        CMYK JPEG) or may show sideways (EXIF rotation).
        """
        image = self.check(data)
        image.thumbnail((side, side))
        return _png(image)

    def clean(self, data: bytes) -> bytes:
        """``data`` checked and made a clean PNG (upright, no metadata); stores nothing."""
        return _png(self.check(data), compress_level=3)

    def store(self, data: bytes) -> Path:
        """Check ``data``, then keep it as a clean PNG; nothing is written unless it is usable."""
        png = self.clean(data)
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"character-image-{secrets.token_hex(8)}.png"
        write_atomically(path, png)
        return path

    # -- names and URLs

    def path_for(self, name: str) -> Path | None:
        """The stored picture called ``name``, or None for anything else."""
        if not _STORED_NAME.match(name):
            return None
        path = self.directory / name
        return path if path.is_file() else None

    def from_url(self, url: str) -> Path:
        """The stored picture behind an ``/uploads/<name>`` URL, or InvalidInput."""
        name = url[len(URL_PREFIX) :] if isinstance(url, str) and url.startswith(URL_PREFIX) else ""
        path = self.path_for(name)
        if path is None:
            raise InvalidInput(NOT_AN_UPLOAD)
        return path

    @staticmethod
    def url_for(path: Path) -> str:
        return URL_PREFIX + path.name

    # -- loading, through the one cache

    def load(self, path: Path, purpose: str, build: Callable[[Path], T]) -> T:
        """``build(path)``, remembered per file version and ``purpose``.

        Raises IllustrationError when the file is gone. An exception from ``build`` is
        not remembered, so the next call tries again.
        """
        try:
            stat = path.stat()
        except OSError as error:
            raise IllustrationError(
                f"The reference picture {path.name!r} cannot be read: {error.strerror or error}."
            ) from None
        key = (str(path), stat.st_mtime_ns, stat.st_size, purpose)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]  # type: ignore[return-value]
            # One build per key at a time: pages starting together after their sheets are
            # drawn would otherwise each decode the same new sheets at once.
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._cache:
                    self._cache.move_to_end(key)
                    return self._cache[key]  # type: ignore[return-value]
            try:
                value = build(path)
            except BaseException:
                with self._lock:
                    self._building.pop(key, None)
                raise
            with self._lock:
                self._cache[key] = value
                self._cache.move_to_end(key)
                while len(self._cache) > self._capacity:
                    self._cache.popitem(last=False)
                self._building.pop(key, None)
        return value

    def for_provider(self, path: Path) -> bytes:
        """PNG bytes for an image model (at most PROVIDER_MAX_SIDE a side)."""
        return self.load(path, "provider-png", provider_png)

    def __len__(self) -> int:
        with self._lock:
            return len(self._cache)

    # -- expiring and deleting

    def expire(self, max_age_days: int, keep: Iterable[str], now: float | None = None) -> int:
        """Delete stored pictures older than ``max_age_days`` but those in ``keep``."""
        if not max_age_days:
            return 0
        cutoff = (now if now is not None else time.time()) - max_age_days * 86_400
        kept = set(keep)
        removed = 0
        for path in self.directory.glob(_STORED_GLOB):
            if str(path) not in kept and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        if removed:
            log.info("Removed %d reference picture(s) older than %d days.", removed, max_age_days)
        return removed

    def delete(self, picture: str | Path) -> None:
        """Delete a stored picture; a path outside the folder is left alone."""
        path = Path(picture).resolve()
        if path.parent == self.directory.resolve():
            path.unlink(missing_ok=True)
