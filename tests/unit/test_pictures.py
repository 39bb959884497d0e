"""Reference pictures: what is accepted, refused and stored, how they load, and expire."""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from storyillus import IllustrationError, InvalidImage, InvalidInput
from storyillus.storage.references import ReferencePictures
from tests.conftest import make_settings, png_bytes, png_claiming_size

LIMIT = 10 * 1_048_576


def store_picture(data: bytes, directory: Path, limit: int = LIMIT) -> Path:
    return ReferencePictures(directory, lambda: limit).store(data)


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


def test_names_and_urls_lead_only_to_stored_pictures(tmp_path: Path) -> None:
    pictures = ReferencePictures(tmp_path / "uploads")
    path = pictures.store(png_bytes())
    url = pictures.url_for(path)
    assert url == f"/uploads/{path.name}"
    assert pictures.from_url(url) == path
    assert pictures.path_for(path.name) == path
    (tmp_path / "secret.png").write_bytes(png_bytes())
    for name in ("../secret.png", "secret.png", "character-image-123.png", ""):
        assert pictures.path_for(name) is None
        with pytest.raises(InvalidInput, match="imageUrl"):
            pictures.from_url(f"/uploads/{name}")


def test_one_bounded_cache_keyed_by_file_version_and_purpose(tmp_path: Path) -> None:
    pictures = ReferencePictures(tmp_path, capacity=3)
    path = pictures.store(png_bytes((3000, 1500)))
    builds: list[str] = []

    def build(purpose: str):
        return lambda p: builds.append(purpose) or f"{purpose}:{p.name}"

    for _ in range(3):
        assert pictures.load(path, "a", build("a")) == f"a:{path.name}"
        assert pictures.load(path, "b", build("b")) == f"b:{path.name}"
    assert builds == ["a", "b"]
    # PNG for an image model, at most 1024 a side, through the same cache.
    with Image.open(io.BytesIO(pictures.for_provider(path))) as image:
        assert image.size == (1024, 512)
    assert len(pictures) == 3
    # A new version of the file is loaded again; the cache never grows past its capacity.
    path.write_bytes(png_bytes((10, 10)))
    os.utime(path, (time.time() + 5, time.time() + 5))
    pictures.load(path, "a", build("a"))
    assert builds == ["a", "b", "a"]
    assert len(pictures) == 3
    with pytest.raises(IllustrationError, match=r"missing\.png"):
        pictures.load(tmp_path / "missing.png", "a", build("a"))


def test_a_failed_load_is_not_remembered(tmp_path: Path) -> None:
    pictures = ReferencePictures(tmp_path)
    path = pictures.store(png_bytes())
    calls = []

    def flaky(p: Path) -> str:
        calls.append(p)
        if len(calls) == 1:
            raise RuntimeError("not now")
        return "ok"

    with pytest.raises(RuntimeError):
        pictures.load(path, "x", flaky)
    assert pictures.load(path, "x", flaky) == "ok"
    assert pictures.load(path, "x", flaky) == "ok"
    assert len(calls) == 2


def test_expire_keeps_new_and_kept_pictures_and_delete_stays_in_its_folder(
    tmp_path: Path,
) -> None:
    pictures = ReferencePictures(tmp_path / "uploads")
    old, kept, new = (pictures.store(png_bytes()) for _ in range(3))
    long_ago = time.time() - 40 * 86_400
    for path in (old, kept):
        os.utime(path, (long_ago, long_ago))
    assert pictures.expire(0, []) == 0
    assert pictures.expire(30, [str(kept)]) == 1
    assert (old.exists(), kept.exists(), new.exists()) == (False, True, True)
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes())
    pictures.delete(outside)
    assert outside.exists()
    pictures.delete(str(new))
    assert not new.exists()


class _Chat:
    """Answers every description request; counts them."""

    def __init__(self) -> None:
        self.calls = 0

    def complete(
        self, model: str, messages: list, max_completion_tokens: int, **_: object
    ) -> object:
        self.calls += 1
        return type("Answer", (), {"content": f"  A child   in red, call {self.calls}. "})()


def test_picture_descriptions_share_the_one_bounded_cache(tmp_path: Path) -> None:
    from storyillus.illustration.picture_analysis import PictureAnalysis

    pictures = ReferencePictures(tmp_path, capacity=4)
    chat = _Chat()
    analysis = PictureAnalysis(make_settings(tmp_path), chat, pictures)  # type: ignore[arg-type]
    first = pictures.store(png_bytes())
    assert analysis.describe(first) == "A child in red, call 1."
    assert analysis.describe(first) == "A child in red, call 1."
    assert chat.calls == 1
    for _ in range(10):
        analysis.describe(pictures.store(png_bytes()))
    assert len(pictures) <= 4, "descriptions are bounded with the pictures"


def test_pictures_wanted_at_once_by_several_pages_are_built_once(tmp_path: Path) -> None:
    path = tmp_path / "sheet.png"
    path.write_bytes(png_bytes())
    pictures = ReferencePictures()
    builds: list[int] = []

    def slow_build(p: Path) -> bytes:
        builds.append(1)
        time.sleep(0.1)
        return p.read_bytes()

    threads = [
        threading.Thread(target=pictures.load, args=(path, "provider", slow_build))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
