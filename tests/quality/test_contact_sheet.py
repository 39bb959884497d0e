"""bench/contact_sheet.py: a book folder as one small PNG; a bad folder as one line, exit 2."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "contact_sheet.py"


@pytest.fixture(scope="module")
def contact() -> ModuleType:
    spec = importlib.util.spec_from_file_location("contact_sheet", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while defined
    spec.loader.exec_module(module)
    return module


def _noisy(path: Path, seed: int) -> None:
    """A 512 px picture of soft colour patches, about as hard to compress as a real page."""
    rng = random.Random(seed)
    image = Image.new("RGB", (12, 12))
    image.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(12 * 12)])
    image.resize((512, 512), Image.Resampling.BICUBIC).save(path)


def _book(folder: Path, pages: int = 12) -> Path:
    folder.mkdir()
    _noisy(folder / "sheet-01.png", 0)
    document = {
        "title": "Mia and the Sea",
        "setting": "sea",
        "prompt": "Mia sails to find a turtle's island",
        "cast": [{"name": "Mia", "role": "hero", "sheet": "sheet-01.png"}],
        "pages": [],
    }
    for number in range(1, pages + 1):
        _noisy(folder / f"page-{number:02d}.png", number)
        text = f"Page {number}: Mia sailed on and on over the waves. " * 4
        page = {"pageNumber": number, "text": text, "place": "sea"}
        document["pages"].append({**page, "image": f"page-{number:02d}.png"})
    (folder / "book.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


def test_a_twelve_page_book_fits_in_300_kb_with_every_page(
    contact: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _book(tmp_path / "book")
    assert contact.main([str(folder)]) == 0
    out = folder / "contact.png"
    assert out.stat().st_size <= 300 * 1024
    with Image.open(out) as image:
        assert image.format == "PNG" and image.width >= 1000
    assert "12 pages" in capsys.readouterr().out


def test_the_text_is_wrapped_to_the_picture_width(contact: ModuleType) -> None:
    font = contact._font(contact.TEXT_SIZE, serif=True)
    lines = contact._wrap("word " * 200, font, contact.CELL)
    assert len(lines) > 5 and all(font.getlength(line) <= contact.CELL for line in lines)


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.mkdir(), "has no book.json"),
        (lambda p: (p.mkdir(), (p / "book.json").write_text("{")), "not valid JSON"),
        (lambda p: (p.mkdir(), (p / "book.json").write_text('{"title": "x"}')), "not a book"),
    ],
)
def test_a_bad_folder_is_one_line_and_exit_2(
    contact: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str], make, said: str
) -> None:
    folder = tmp_path / "book"
    make(folder)
    assert contact.main([str(folder)]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1


def test_a_missing_page_picture_is_a_bad_folder(
    contact: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _book(tmp_path / "book", pages=4)
    (folder / "page-03.png").unlink()
    assert contact.main([str(folder)]) == 2
    assert "page-03.png is missing" in capsys.readouterr().err
