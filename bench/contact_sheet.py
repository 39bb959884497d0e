"""One PNG showing a whole book, for people to look at: title, setting and idea, the cast's
character sheets in a header row, then every page's picture with its place and text.

Reads a folder written by ``python -m storyillus book ... --out BOOK_DIR`` (``book.json``,
``page-NN.png``, ``sheet-NN.png``). The PNG is quantised (and shrunk if it must be) so a
12-page book stays under ``MAX_BYTES``: small enough to keep in ``docs/`` and show in the README.

Run: .venv/bin/python bench/contact_sheet.py BOOK_DIR [--out PNG]   (default BOOK_DIR/contact.png)
A bad folder ends with one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

FONTS = Path(__file__).resolve().parents[1] / "storyillus" / "export" / "fonts"
BOOK_FILE = "book.json"
DEFAULT_NAME = "contact.png"
MAX_BYTES = 300 * 1024
EXIT_BAD_FOLDER = 2

# Layout, in pixels: four pages a row reads like a spread and keeps 12 pages to 3 rows.
COLUMNS = 4
CELL = 360
GAP = 24
MARGIN = 32
SHEET = 170
TEXT_SIZE = 15
LINE_GAP = 4
BACKGROUND = (250, 247, 240)
INK = (40, 36, 32)
MUTED = (110, 100, 92)
FRAME = (214, 206, 194)
# Colour counts tried in turn before the picture is shrunk: fewer colours, smaller file.
PALETTE_SIZES = (256, 128, 64)
SHRINK = 0.85


class BadFolder(Exception):
    """The folder is not a book the CLI wrote; the message says what is wrong."""


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    sheet: Image.Image | None


@dataclass(frozen=True)
class PageView:
    number: int
    place: str
    text: str
    picture: Image.Image | None


@dataclass(frozen=True)
class BookView:
    title: str
    setting: str
    idea: str
    cast: tuple[Member, ...]
    pages: tuple[PageView, ...]


def _picture(folder: Path, name: Any, what: str) -> Image.Image | None:
    """The picture ``book.json`` names (None when it names none); BadFolder if unreadable."""
    if name in (None, ""):
        return None
    if not isinstance(name, str) or Path(name).name != name:
        raise BadFolder(f"{BOOK_FILE}: {what} must name a file in the folder, not {name!r}")
    path = folder / name
    try:
        with Image.open(path) as image:
            return image.convert("RGB")
    except FileNotFoundError:
        raise BadFolder(f"{path} is missing ({BOOK_FILE} names it for {what})") from None
    except (UnidentifiedImageError, OSError) as exc:
        raise BadFolder(f"{path} is not a picture ({type(exc).__name__})") from None


def read_book(folder: Path) -> BookView:
    """The book in ``folder``; raises BadFolder saying what is wrong."""
    if not folder.is_dir():
        state = "is not a folder" if folder.exists() else "does not exist"
        raise BadFolder(f"{folder} {state}")
    path = folder / BOOK_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadFolder(f"{folder} has no {BOOK_FILE}; is it a folder the CLI wrote?") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadFolder(f"{path} is not valid JSON ({exc})") from None
    try:
        cast = tuple(
            Member(
                str(m["name"]), str(m.get("role", "")), _picture(folder, m.get("sheet"), m["name"])
            )
            for m in document.get("cast", [])
        )
        pages = tuple(
            PageView(
                int(p["pageNumber"]),
                str(p.get("place", "")),
                str(p.get("text", "")),
                _picture(folder, p.get("image"), f"page {p['pageNumber']}"),
            )
            for p in document["pages"]
        )
        title = str(document["title"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadFolder(f"{path} is not a book ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise BadFolder(f"{path} has no pages")
    return BookView(
        title, str(document.get("setting", "")), str(document.get("prompt", "")), cast, pages
    )


def _font(size: int, bold: bool = False, serif: bool = False) -> ImageFont.FreeTypeFont:
    name = ("DejaVuSerif" if serif else "DejaVuSans") + ("-Bold" if bold else "") + ".ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines no wider than ``width`` pixels, broken between words."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if font.getlength(trial) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _fit(image: Image.Image, size: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((size, size), Image.Resampling.LANCZOS)
    return copy


def draw(book: BookView) -> Image.Image:
    """The whole book on one sheet."""
    title_font = _font(34, bold=True, serif=True)
    info_font = _font(17)
    label_font = _font(15, bold=True)
    text_font = _font(TEXT_SIZE, serif=True)
    width = MARGIN * 2 + COLUMNS * CELL + (COLUMNS - 1) * GAP
    line_height = text_font.size + LINE_GAP

    info = f"Setting: {book.setting or 'none'}   ·   Idea: {book.idea}"
    info_lines = _wrap(info, info_font, width - 2 * MARGIN)
    header = MARGIN + 44 + len(info_lines) * 24 + 12
    sheets_height = (SHEET + 30) if book.cast else 0

    rows = [book.pages[i : i + COLUMNS] for i in range(0, len(book.pages), COLUMNS)]
    wrapped = {p.number: _wrap(p.text, text_font, CELL) for p in book.pages}
    row_heights = [
        CELL + 28 + max(len(wrapped[p.number]) for p in row) * line_height + GAP for row in rows
    ]
    height = header + sheets_height + GAP + sum(row_heights) + MARGIN

    canvas = Image.new("RGB", (width, height), BACKGROUND)
    pen = ImageDraw.Draw(canvas)
    pen.text((MARGIN, MARGIN), book.title, font=title_font, fill=INK)
    y = MARGIN + 44
    for line in info_lines:
        pen.text((MARGIN, y), line, font=info_font, fill=MUTED)
        y += 24
    y = header
    x = MARGIN
    for member in book.cast:
        if member.sheet is not None:
            sheet = _fit(member.sheet, SHEET)
            canvas.paste(sheet, (x, y))
            pen.rectangle((x, y, x + sheet.width - 1, y + sheet.height - 1), outline=FRAME)
        else:
            pen.rectangle((x, y, x + SHEET - 1, y + SHEET - 1), outline=FRAME)
            pen.text((x + 10, y + SHEET // 2), "no sheet", font=label_font, fill=MUTED)
        pen.text((x, y + SHEET + 6), f"{member.name} ({member.role})", font=label_font, fill=INK)
        x += SHEET + GAP
    y += sheets_height + GAP

    for row, row_height in zip(rows, row_heights, strict=True):
        for column, page in enumerate(row):
            x = MARGIN + column * (CELL + GAP)
            if page.picture is not None:
                picture = _fit(page.picture, CELL)
                canvas.paste(picture, (x, y))
            else:
                pen.rectangle((x, y, x + CELL - 1, y + CELL - 1), outline=FRAME)
                pen.text((x + 10, y + CELL // 2), "not drawn", font=label_font, fill=MUTED)
            label = f"Page {page.number} · {page.place or 'no place'}"
            pen.text((x, y + CELL + 6), label, font=label_font, fill=INK)
            text_y = y + CELL + 28
            for line in wrapped[page.number]:
                pen.text((x, text_y), line, font=text_font, fill=INK)
                text_y += line_height
        y += row_height
    return canvas


def _png(image: Image.Image, colours: int) -> bytes:
    buffer = io.BytesIO()
    image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, format="PNG", optimize=True
    )
    return buffer.getvalue()


def compress(image: Image.Image, max_bytes: int = MAX_BYTES) -> bytes:
    """The sheet as a PNG of at most ``max_bytes``: fewer colours first, then smaller."""
    while True:
        for colours in PALETTE_SIZES:
            data = _png(image, colours)
            if len(data) <= max_bytes:
                return data
        size = (int(image.width * SHRINK), int(image.height * SHRINK))
        if min(size) < 64:
            return data  # cannot happen for a real book; keep the smallest rather than loop
        image = image.resize(size, Image.Resampling.LANCZOS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book_dir", type=Path, metavar="BOOK_DIR")
    parser.add_argument("--out", type=Path, help=f"PNG to write (default BOOK_DIR/{DEFAULT_NAME})")
    parser.add_argument("--max-kb", type=int, default=MAX_BYTES // 1024, help="size limit in KB")
    args = parser.parse_args(argv)
    try:
        book = read_book(args.book_dir)
    except BadFolder as exc:
        print(f"contact_sheet: {exc}", file=sys.stderr)
        return EXIT_BAD_FOLDER
    out = args.out or args.book_dir / DEFAULT_NAME
    data = compress(draw(book), args.max_kb * 1024)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"Wrote {out}: {len(book.pages)} pages, {len(data) // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
