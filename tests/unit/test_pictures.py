"""Reference pictures: what is accepted, what is refused, and what is stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from storyillus import InvalidImage
from storyillus.storage.pictures import store_picture
from tests.conftest import png_bytes, png_claiming_size

LIMIT = 10 * 1_048_576


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_accepted_formats_are_stored_as_clean_png(tmp_path: Path, fmt: str) -> None:
    path = store_picture(_encoded(Image.new("RGB", (120, 80), (10, 200, 30)), fmt), tmp_path, LIMIT)
    with Image.open(path) as stored:
        assert (stored.format, stored.size) == ("PNG", (120, 80))
    assert path.name.startswith("character-image-")


def test_exif_rotation_comes_out_upright_and_metadata_is_dropped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to display
    exif[0x010F] = "PhoneMaker"
    data = _encoded(Image.new("RGB", (200, 100), (200, 10, 10)), "JPEG", exif=exif)
    path = store_picture(data, tmp_path, LIMIT)
    with Image.open(path) as stored:
        assert stored.size == (100, 200)
        assert not stored.getexif()


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    data = _encoded(Image.new("CMYK", (40, 40), (0, 255, 255, 0)), "JPEG")
    with Image.open(store_picture(data, tmp_path, LIMIT)) as stored:
        assert stored.mode == "RGB"


def test_large_pictures_are_scaled_down(tmp_path: Path) -> None:
    data = png_bytes((4000, 1000))
    with Image.open(store_picture(data, tmp_path, LIMIT)) as stored:
        assert stored.size == (2048, 512)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The picture is empty (0 bytes)."),
        (b"plain text pretending", "This file is not a picture; use PNG, JPEG or WebP."),
        (png_bytes()[:80], "The picture is damaged and cannot be read"),
        (_encoded(Image.new("RGB", (10, 10)), "GIF"), "A GIF type picture is not accepted"),
        (_encoded(Image.new("RGB", (10, 10)), "BMP"), "A BMP type picture is not accepted"),
        (_encoded(Image.new("1", (8000, 6000)), "PNG"), "too large to use"),
        (b"\x89PNG" + b"\0" * (LIMIT + 1), "the limit is 10 MB"),
    ],
)
def test_unusable_pictures_are_refused_and_nothing_is_written(
    tmp_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(InvalidImage) as caught:
        store_picture(data, tmp_path / "uploads", LIMIT)
    assert message in str(caught.value)
    assert not (tmp_path / "uploads").exists()


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    data = png_claiming_size(30000, 30000)
    assert len(data) < 1000
    with pytest.raises(InvalidImage, match="too large"):
        store_picture(data, tmp_path, LIMIT)
