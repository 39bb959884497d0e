"""PDF and ZIP exports: real offline books and hand-made ones, read back with pypdf and PIL."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from storyillus import Book, Character, Engine, Illustration, InvalidInput, Page, StoryRequest
from storyillus.casting import cast_for
from storyillus.domain import MAX_TEXT_CHARS
from storyillus.export import book_pdf, book_zip, page_picture
from storyillus.places import places
from tests.conftest import make_settings, png_bytes

LONG_TEXT = (
    "Zoë and Миша walked on through the garden of stars, counting comets and humming. " * 30
)[:MAX_TEXT_CHARS].rstrip()


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Book]]:
    """One 12-page book drawn by the offline illustrator, shared by the tests that read it."""
    engine = Engine(make_settings(tmp_path_factory.mktemp("home")))
    hero = Character.create("Zoë", 7, ["brave", "curious"], ["space"])
    request = StoryRequest.create(hero, "A cosmic garden adventure", pages=12, seed=5)
    book = engine.create_book(request, run_async=False).book
    yield engine, book
    engine.close(wait=True)


def _pictures(engine: Engine) -> Callable[[Page], bytes | None]:
    return lambda page: page_picture(engine, page)


def _squeezed(text: str) -> str:
    """Text without any whitespace: line breaks and justified spacing vary in extraction."""
    return "".join(text.split())


def _book(
    name: str = "Lila",
    texts: tuple[str, ...] = ("One.", "Two.", "Three.", "Four."),
    title: str | None = None,
    image_path: str | None = None,
    drawn: bool = True,
) -> Book:
    hero = Character.create(name, 6, image_path=image_path)
    request = StoryRequest.create(hero, "A day at the sea", pages=max(4, len(texts)), seed=1)
    illustration = Illustration(
        "offline", "offline-illustrator", False, local_url="/generated/x.png"
    )
    cast = cast_for(hero, seed=1)
    pages = tuple(
        Page(i, text, f"Scene {i}.", "sea", (name,), illustration if drawn else None)
        for i, text in enumerate(texts, start=1)
    )
    return Book(
        id="b" * 32,
        title=title or f"{name} and the Sea",
        request=request,
        setting="sea",
        cast=cast,
        pages=pages,
        created_at=1_700_000_000.0,
        seed=1,
    )


def _solid(page: Page) -> bytes:
    return png_bytes((96, 96), (30 * page.number % 255, 120, 200))


def _read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


# -- PDF ------------------------------------------------------------------------


def test_real_book_pdf_has_a_cover_a_page_per_page_and_an_end(real) -> None:
    engine, book = real
    started = time.perf_counter()
    pdf = book_pdf(book, _pictures(engine))
    elapsed = time.perf_counter() - started
    assert elapsed < 4.0, f"12-page PDF took {elapsed:.2f} s"
    reader = _read(pdf)
    assert len(reader.pages) == 1 + len(book.pages) + 1
    cover = _squeezed(reader.pages[0].extract_text())
    assert _squeezed(book.title) in cover
    assert _squeezed("A story for Zoë") in cover
    assert len(reader.pages[0].images) == 1
    for page, pdf_page in zip(book.pages, reader.pages[1:-1], strict=True):
        text = _squeezed(pdf_page.extract_text())
        assert _squeezed(page.text) in text
        assert text.endswith(str(page.number))
        assert len(pdf_page.images) == 1
    assert "Theend" in _squeezed(reader.pages[-1].extract_text())
    width, height = reader.pages[1].mediabox.width, reader.pages[1].mediabox.height
    assert width == height == pytest.approx(210 * 72 / 25.4, abs=0.1)


NAMES = ("Zoë", "Łucja", "Ådne", "Миша", "Νίκος", "Nguyễn", "Þór Øyvind", "Şule Ğ İpek")


def test_names_in_any_script_come_out_right() -> None:
    book = _book("Zoë Łucja", texts=tuple(f"{name} woke up early." for name in NAMES))
    reader = _read(book_pdf(book, _solid))
    assert len(reader.pages) == len(NAMES) + 2
    assert "A story for Zoë Łucja" in reader.pages[0].extract_text()
    for name, pdf_page in zip(NAMES, reader.pages[1:-1], strict=True):
        assert f"{name} woke up early." in pdf_page.extract_text()


def test_decomposed_accents_are_composed_before_drawing() -> None:
    book = _book("Zoe\u0308")  # e + COMBINING DIAERESIS
    assert "A story for Zoë" in _read(book_pdf(book, _solid)).pages[0].extract_text()


def test_emoji_and_chinese_do_not_break_the_pdf() -> None:
    name = "Mei 小明 🦄"
    texts = ("小明 saw a 🚀 and a 👨‍👩‍👧 family!", "A ✿ for נועה.", "Three.", "Four.")
    book = _book(name, texts=texts, title="Mei 小明 and the ★ Star 🌟")
    reader = _read(book_pdf(book, _solid))
    assert len(reader.pages) == 6
    cover = reader.pages[0].extract_text()
    assert "and the ★ Star" in cover
    assert "A story for Mei" in cover
    # Letters no shipped font has become a white square; emoji and joiners are left out.
    assert "\u25a1\u25a1 saw a and a family!" in reader.pages[1].extract_text()
    # Symbols and scripts DejaVu Serif lacks come from DejaVu Sans.
    assert "✿" in reader.pages[2].extract_text()


def test_page_without_a_picture_gets_a_placeholder(real) -> None:
    engine, book = real
    pages = list(book.pages[:4])
    pages[1] = replace(pages[1], illustration=None)
    reader = _read(book_pdf(replace(book, pages=tuple(pages)), _pictures(engine)))
    assert len(reader.pages) == 6
    assert len(reader.pages[2].images) == 0
    text = _squeezed(reader.pages[2].extract_text())
    assert _squeezed("The picture is not available") in text
    assert _squeezed(pages[1].text) in text
    assert [len(reader.pages[i].images) for i in (1, 3, 4)] == [1, 1, 1]


def test_a_book_without_any_picture_and_undecodable_pictures_still_export() -> None:
    reader = _read(book_pdf(_book(drawn=False), lambda page: None))
    assert len(reader.pages) == 6
    assert sum(len(page.images) for page in reader.pages) == 0
    reader = _read(book_pdf(_book(), lambda page: b"not a picture at all"))
    assert len(reader.pages) == 6
    assert "The picture is not available" in reader.pages[1].extract_text()


@pytest.mark.parametrize("drawn", [True, False])
def test_long_text_shrinks_to_stay_on_its_page(drawn: bool) -> None:
    assert len(LONG_TEXT) >= 1990
    texts = (LONG_TEXT, "Two.", LONG_TEXT.upper(), "Four.")
    book = _book("Zoë", texts=texts, drawn=drawn)
    reader = _read(book_pdf(book, _solid if drawn else lambda page: None))
    assert len(reader.pages) == 6
    assert _squeezed(LONG_TEXT) in _squeezed(reader.pages[1].extract_text())
    assert _squeezed(LONG_TEXT.upper()) in _squeezed(reader.pages[3].extract_text())
    assert len(reader.pages[1].images) == (1 if drawn else 0)


def test_text_longer_than_a_page_can_hold_is_cut_short_not_spilled() -> None:
    book = _book(texts=("word " * 3000, "Two.", "Three.", "Four."))
    reader = _read(book_pdf(book, _solid))
    assert len(reader.pages) == 6
    assert "…" in reader.pages[1].extract_text()


def test_cover_shows_the_reference_picture_when_there_is_one(tmp_path: Path) -> None:
    reference = tmp_path / "hero.png"
    reference.write_bytes(png_bytes((300, 400), (20, 160, 220)))
    reader = _read(book_pdf(_book(image_path=str(reference)), _solid))
    assert [image.image.size for image in reader.pages[0].images] == [(300, 400)]
    gone = _read(book_pdf(_book(image_path=str(tmp_path / "gone.png")), _solid))
    assert [image.image.size for image in gone.pages[0].images] == [(96, 96)]


def test_pictures_of_any_shape_and_mode_fit() -> None:
    shapes = {
        1: png_bytes((1600, 900)),
        2: png_bytes((500, 1400)),
        3: _encoded(Image.new("RGBA", (200, 200), (10, 200, 30, 90)), "PNG"),
        4: _encoded(Image.new("L", (3000, 3000), 128), "JPEG"),
    }
    reader = _read(book_pdf(_book(), lambda page: shapes[page.number]))
    assert [len(page.images) for page in reader.pages[1:-1]] == [1, 1, 1, 1]
    assert max(reader.pages[4].images[0].image.size) <= 1600


def test_same_book_same_pdf() -> None:
    assert book_pdf(_book(), _solid) == book_pdf(_book(), _solid)


def test_a_book_without_pages_cannot_be_exported() -> None:
    empty = replace(_book(), pages=())
    with pytest.raises(InvalidInput):
        book_pdf(empty, _solid)
    with pytest.raises(InvalidInput):
        book_zip(empty, _solid)


# -- ZIP ------------------------------------------------------------------------


def test_real_book_zip_holds_pictures_story_and_json(real) -> None:
    engine, book = real
    data = book_zip(book, _pictures(engine))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    images = [f"images/page-{n:02d}.png" for n in range(1, 13)]
    assert sorted(archive.namelist()) == sorted(["book.json", "story.md", *images])
    for name in images:
        with Image.open(io.BytesIO(archive.read(name))) as image:
            image.load()
            assert image.format == "PNG"
    story = archive.read("story.md").decode()
    assert story.startswith(f"# {book.title}\n")
    assert "A story for Zoë" in story
    for page in book.pages:
        assert f"## Page {page.number}\n\n{page.text}\n" in story
        assert f"![Page {page.number}](images/page-{page.number:02d}.png)" in story
    data_json = json.loads(archive.read("book.json"))
    assert data_json["title"] == book.title
    assert data_json["character"]["name"] == "Zoë"
    assert [p["pageNumber"] for p in data_json["pages"]] == list(range(1, 13))
    first = data_json["pages"][0]
    assert first["text"] == book.pages[0].text
    assert first["description"] == book.pages[0].scene
    assert first["image"] == "images/page-01.png"
    drawn = first["illustration"]
    assert (drawn["provider"], drawn["model"]) == ("offline", "offline-illustrator")
    assert drawn["characterReferenced"] is False
    assert first["place"] in places().names and first["characters"][0] == "Zoë"
    assert data_json["cast"][0]["name"] == "Zoë" and data_json["setting"] == book.setting
    home = str(engine.settings.home)
    for name in archive.namelist():
        assert home.encode() not in archive.read(name)


def test_zip_leaves_out_missing_pictures_and_private_paths(tmp_path: Path) -> None:
    reference = tmp_path / "uploads" / "hero.png"
    reference.parent.mkdir()
    reference.write_bytes(png_bytes())
    book = _book("Łucja", image_path=str(reference))
    pages = list(book.pages)
    pages[1] = replace(pages[1], illustration=None)
    book = replace(book, pages=tuple(pages))
    pictures = {1: _solid(pages[0]), 3: b"garbage", 4: _encoded(Image.new("RGB", (8, 8)), "JPEG")}
    archive = zipfile.ZipFile(io.BytesIO(book_zip(book, lambda page: pictures.get(page.number))))
    assert sorted(archive.namelist()) == [
        "book.json",
        "images/page-01.png",
        "images/page-04.png",
        "story.md",
    ]
    with Image.open(io.BytesIO(archive.read("images/page-04.png"))) as converted:
        assert converted.format == "PNG"
    raw = archive.read("book.json").decode()
    assert "imagePath" not in raw
    assert str(tmp_path) not in raw
    assert "/uploads/" not in raw
    data = json.loads(raw)
    assert data["character"]["name"] == "Łucja"
    assert [p["image"] for p in data["pages"]] == [
        "images/page-01.png",
        None,
        None,
        "images/page-04.png",
    ]
    assert data["pages"][1]["illustration"] is None
    story = archive.read("story.md").decode()
    assert "![Page 2]" not in story and "![Page 3]" not in story
    for page in book.pages:
        assert page.text in story
    assert str(tmp_path) not in story


def test_same_book_same_zip() -> None:
    assert book_zip(_book(), _solid) == book_zip(_book(), _solid)


# -- pictures ---------------------------------------------------------------------


def test_page_picture_reads_files_and_inline_base64_but_never_urls(real, tmp_path) -> None:
    engine, book = real
    saved = book.pages[0]
    assert (
        page_picture(engine, saved) == engine.image_path(saved.illustration.local_url).read_bytes()
    )
    png = png_bytes()
    inline = Illustration("offline", "m", False, b64_json=base64.b64encode(png).decode())
    assert page_picture(engine, replace(saved, illustration=inline)) == png
    remote = Illustration("openai", "m", True, url="https://example.com/picture.png")
    assert page_picture(engine, replace(saved, illustration=remote)) is None
    gone = Illustration("offline", "m", False, local_url="/generated/gone-p01.png")
    assert page_picture(engine, replace(saved, illustration=gone)) is None
    assert page_picture(engine, replace(saved, illustration=None)) is None


def test_export_does_not_import_streamlit() -> None:
    code = (
        "import sys, storyillus.export; "
        "sys.exit(1 if any(m.split('.')[0] == 'streamlit' for m in sys.modules) else 0)"
    )
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


def _encoded(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()
