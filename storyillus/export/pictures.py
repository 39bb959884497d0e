"""Where a page's picture comes from, for exports: a saved file or inline base64, never a URL."""

from __future__ import annotations

import base64
import binascii
import io
import logging
from pathlib import Path
from typing import Protocol

from PIL import Image

from storyillus.domain import Page

MAX_PIXELS = 40_000_000
"""Pictures larger than this are refused rather than decoded (decompression bombs)."""

log = logging.getLogger(__name__)


class _ImageFinder(Protocol):
    def image_path(self, illustration_url: str | None) -> Path | None: ...


def page_picture(engine: _ImageFinder, page: Page) -> bytes | None:
    """The bytes of ``page``'s illustration (PNG as stored), or None if there is none.

    A saved file behind ``localUrl`` (through ``engine.image_path``) comes first, then the
    inline ``b64_json``. A remote ``url`` is never fetched: exports stay offline and fast,
    so such a page exports with a "picture not available" placeholder.
    """
    illustration = page.illustration
    if illustration is None:
        return None
    if illustration.local_url:
        path = engine.image_path(illustration.local_url)
        if path is not None:
            try:
                return path.read_bytes()
            except OSError as error:
                log.warning("Cannot read the picture of page %s: %s", page.number, error)
    if illustration.b64_json:
        try:
            return base64.b64decode(illustration.b64_json)
        except (binascii.Error, ValueError):
            log.warning("Page %s has an undecodable b64_json picture.", page.number)
    return None


def open_picture(data: bytes | None) -> Image.Image | None:
    """Decode picture bytes into a loaded RGB or RGBA image, or None if they are not one."""
    if not data:
        return None
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            return None
        image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    if image.mode not in ("RGB", "RGBA"):
        transparent = "A" in image.getbands() or "transparency" in image.info
        image = image.convert("RGBA" if transparent else "RGB")
    return image


def flatten(image: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    """``image`` as RGB, with any transparency laid over ``background``."""
    if image.mode != "RGBA":
        return image.convert("RGB") if image.mode != "RGB" else image
    flat = Image.new("RGB", image.size, background)
    flat.paste(image, mask=image.getchannel("A"))
    return flat
