"""A book as a printable PDF picture book (fpdf2, fonts shipped in ``fonts/``)."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image

from storyillus._exceptions import InvalidInput
from storyillus.domain import Book, Page
from storyillus.export.pictures import flatten, open_picture

FONTS = Path(__file__).resolve().parent / "fonts"
_FONT_FILES = {
    ("serif", ""): "DejaVuSerif.ttf",
    ("serif", "B"): "DejaVuSerif-Bold.ttf",
    ("sans", ""): "DejaVuSans.ttf",
    ("sans", "B"): "DejaVuSans-Bold.ttf",
}

SIZE = 210.0
"""Pages are square, SIZE x SIZE millimetres."""
MARGIN = 14.0
CONTENT_TOP = MARGIN
CONTENT_BOTTOM = SIZE - 18.0
"""Below this line sits only the page number."""
CONTENT_WIDTH = SIZE - 2 * MARGIN
GAP = 7.0
FRAME_PAD = 2.6
PT = 25.4 / 72
LEADING = 1.38

PAPER = (253, 249, 240)
INK = (54, 46, 66)
ACCENT = (208, 98, 72)
ACCENT_SOFT = (238, 205, 184)
SHADOW = (232, 222, 204)
MUTED = (150, 138, 126)
PLACEHOLDER = (243, 236, 224)

# Text below the picture: the picture gets at most BIG_PICTURE mm, and the text takes the
# largest size from BELOW_SIZES that still leaves the picture at least SMALL_PICTURE mm.
BIG_PICTURE = 132.0
SMALL_PICTURE = 100.0
BELOW_SIZES = (18, 17, 16, 15, 14, 13, 12)
# Longer text goes beside the picture, in the largest size that fits the column: when it
# does not fit below, or when beside it can be SIDE_GAIN points bigger.
SIDE_PICTURE = 84.0
SIDE_SIZES = tuple(x / 2 for x in range(32, 11, -1))  # 16pt down to 6pt
SIDE_GAIN = 3
JPEG_QUALITY = 90
_WORKERS = 4
MAX_PICTURE_PIXELS = 1600
"""Longer sides are scaled down to this before embedding (about 300 dpi at 132 mm)."""

_DROPPED_CATEGORIES = frozenset({"So", "Sk", "Cf", "Cc", "Co", "Cs", "Cn", "Mn", "Me"})
"""Characters no font has that are left out: emoji, symbols, joiners, stray marks."""
_INVISIBLE = frozenset({"Cf", "Cc"})
"""Left out even when a font has them (zero-width joiners, direction marks), like the
variation selectors U+FE00 to U+FE0F."""
_MISSING_GLYPH = "\u25a1"  # WHITE SQUARE, a glyph DejaVu has


@dataclass(frozen=True)
class _Picture:
    jpeg: bytes
    aspect: float
    """Width over height."""


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    w: float
    h: float


def book_pdf(book: Book, picture: Callable[[Page], bytes | None]) -> bytes:
    """The book as a square (210 x 210 mm) PDF picture book; returns the PDF's bytes.

    The PDF has exactly ``len(book.pages) + 2`` pages: a cover (the title, "A story for
    <name>" and the hero, framed: the reference picture at ``book.character.image_path`` if
    it exists and is an image, else the first page's illustration, else the first that
    exists), then one page per story page (the illustration large and framed, the text
    below it, or beside it when the text is long, and a small page number), then a
    closing "The end" page. Long text (up to 2000 characters) shrinks to fit its page and
    never flows onto another one. A page whose ``picture(page)`` is None or not a
    decodable image gets a placeholder box saying the picture is not available.

    Text is drawn with the DejaVu fonts shipped in this package (Latin, Greek, Cyrillic,
    Vietnamese and more). Characters no shipped font has are dropped if they are symbols
    or emoji and shown as a white square if they are letters (e.g. CJK), never an error.
    Right-to-left scripts (Hebrew, Arabic) are drawn letter by letter, left to right: there
    is no text shaping. Pictures are embedded as JPEG (quality 90): half the size and a
    third of the time of embedding the PNGs losslessly.

    ``picture`` is called once per page; the function reads nothing else except the
    reference picture, so the same book and pictures give the same PDF.
    """
    if not book.pages:
        raise InvalidInput("This book has no pages yet, so there is nothing to export.")
    wanted = [picture(page) for page in book.pages]
    reference = _read_reference(book.character.image_path)
    # Decoding PNGs is most of the work and Pillow does it without the GIL, so the pictures
    # are prepared on a few threads while this one loads the fonts.
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        ready = pool.map(_embeddable, [reference, *wanted])
        pdf = _new_pdf(book)
        cover, *prepared = ready
    pictures = {page.number: data for page, data in zip(book.pages, prepared, strict=True)}
    if cover is None:
        first = pictures.get(book.pages[0].number)
        cover = first or next((p for p in pictures.values() if p is not None), None)
    _cover_page(pdf, book, cover)
    for page in book.pages:
        _story_page(pdf, page, pictures[page.number])
    _end_page(pdf, book)
    return bytes(pdf.output())


# -- the document -----------------------------------------------------------------


class _BookPDF(FPDF):
    supported: frozenset[int] = frozenset()

    def printable(self, text: str) -> str:
        """``text`` with every character the fonts cannot draw dropped or replaced."""
        kept: list[str] = []
        for char in unicodedata.normalize("NFC", text):
            category = unicodedata.category(char)
            invisible = category in _INVISIBLE or "\ufe00" <= char <= "\ufe0f"
            if char == "\n" or (ord(char) in self.supported and not invisible):
                kept.append(char)
            elif char.isspace():
                kept.append(" ")
            elif category not in _DROPPED_CATEGORIES:
                kept.append(_MISSING_GLYPH)
        return "\n".join(" ".join(line.split()) for line in "".join(kept).split("\n")).strip()


def _new_pdf(book: Book) -> _BookPDF:
    pdf = _BookPDF(unit="mm", format=(SIZE, SIZE))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    for style in ("", "B"):
        pdf.add_font("serif", style, str(FONTS / _FONT_FILES["serif", style]))
    serif = set(pdf.fonts["serif"].cmap) & set(pdf.fonts["serifB"].cmap)
    texts = [book.title, book.character.name, *(page.text for page in book.pages)]
    used = {ord(char) for text in texts for char in unicodedata.normalize("NFC", text)}
    if used - serif:
        # DejaVu Sans has more scripts and symbols; it is loaded (and embedded) only when
        # the book needs it, as it costs about a tenth of a second.
        for style in ("", "B"):
            pdf.add_font("sans", style, str(FONTS / _FONT_FILES["sans", style]))
        pdf.set_fallback_fonts(["sans"], exact_match=False)
        serif |= set(pdf.fonts["sans"].cmap) | set(pdf.fonts["sansB"].cmap)
    pdf.supported = frozenset(serif)
    pdf.set_title(book.title)
    pdf.set_subject(f"A story for {book.character.name}")
    pdf.set_creator("storyillus")
    pdf.set_lang("en")
    pdf.set_creation_date(datetime.fromtimestamp(max(book.created_at, 0), UTC))
    return pdf


def _add_page(pdf: _BookPDF) -> None:
    pdf.add_page()
    pdf.set_fill_color(*PAPER)
    pdf.rect(0, 0, SIZE, SIZE, style="F")


def _cover_page(pdf: _BookPDF, book: Book, hero: _Picture | None) -> None:
    _add_page(pdf)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.rect(7, 7, SIZE - 14, SIZE - 14, style="D", round_corners=True, corner_radius=6)
    pdf.set_line_width(0.25)
    pdf.rect(9.5, 9.5, SIZE - 19, SIZE - 19, style="D", round_corners=True, corner_radius=5)

    width = SIZE - 2 * 22
    title = pdf.printable(book.title) or "My story"
    title_size, title, count = _fit(pdf, title, width, 40.0, range(34, 15, -2), "serif", "B")
    title_height = count * _line_height(title_size)
    dedication = pdf.printable(f"A story for {book.character.name}")
    sub_size, dedication, count = _fit(pdf, dedication, width, 22.0, range(20, 9, -1), "serif")
    sub_height = count * _line_height(sub_size)

    room = SIZE - 2 * 18 - title_height - sub_height - 2 * GAP
    side = max(60.0, min(118.0, room))
    top = (SIZE - (title_height + side + sub_height + 2 * GAP)) / 2
    _text(pdf, title, title_size, _Box(22, top, width, title_height), INK, "serif", "B")
    picture = _Box((SIZE - side) / 2, top + title_height + GAP, side, side)
    if hero is not None:
        _framed(pdf, hero, picture)
    else:
        _decoration(pdf, picture)
    sub_box = _Box(22, picture.y + side + GAP, width, sub_height)
    _text(pdf, dedication, sub_size, sub_box, ACCENT, "serif")


def _story_page(pdf: _BookPDF, page: Page, picture: _Picture | None) -> None:
    """The picture above the text, or beside it if the text is long."""
    _add_page(pdf)
    text = pdf.printable(page.text)
    aspect = picture.aspect if picture is not None else 1.0
    height = CONTENT_BOTTOM - CONTENT_TOP
    below = _below(pdf, text, height)
    column_x = MARGIN + SIDE_PICTURE + GAP
    column = SIZE - MARGIN - column_x
    beside = None
    if below is None or below[0] + SIDE_GAIN <= max(SIDE_SIZES):
        beside = _fit(pdf, text, column, height, SIDE_SIZES, "serif")
    if below is not None and (beside is None or beside[0] < below[0] + SIDE_GAIN):
        size, lines = below
        text_height = _height(lines, size)
        room = min(BIG_PICTURE, height - GAP - text_height)
        box_w = min(CONTENT_WIDTH, room * max(aspect, 1.0))
        image_h = min(room, box_w / aspect)
        top = CONTENT_TOP + (height - image_h - GAP - text_height) / 2
        _picture(pdf, picture, _Box((SIZE - box_w) / 2, top, box_w, image_h))
        text_box = _Box(MARGIN, top + image_h + GAP, CONTENT_WIDTH, text_height)
        _text(pdf, text, size, text_box, INK, "serif", align="C" if len(lines) <= 5 else "J")
    else:
        assert beside is not None
        size, text, count = beside
        image_h = min(SIDE_PICTURE, SIDE_PICTURE / aspect)
        image_top = CONTENT_TOP + (height - image_h) / 2
        _picture(pdf, picture, _Box(MARGIN, image_top, SIDE_PICTURE, image_h))
        text_height = count * _line_height(size)
        text_box = _Box(column_x, CONTENT_TOP + (height - text_height) / 2, column, text_height)
        _text(pdf, text, size, text_box, INK, "serif", align="J" if size < 11 else "L")
    pdf.set_font("serif", "", 10)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(0, SIZE - 13)
    pdf.cell(SIZE, 5, str(page.number), align="C")


def _below(pdf: _BookPDF, text: str, height: float) -> tuple[float, list[str]] | None:
    """The largest text size that leaves room for a SMALL_PICTURE above it, and its lines."""
    for size in BELOW_SIZES:
        guess = _estimate(pdf, text, CONTENT_WIDTH, size, "serif", "") * _line_height(size)
        if height - GAP - guess < SMALL_PICTURE:
            continue
        lines = _lines(pdf, text, CONTENT_WIDTH, size, "serif")
        if height - GAP - _height(lines, size) >= SMALL_PICTURE:
            return size, lines
    return None


def _end_page(pdf: _BookPDF, book: Book) -> None:
    _add_page(pdf)
    middle = SIZE / 2
    pdf.set_fill_color(*ACCENT_SOFT)
    for dx, radius in ((-22, 4.5), (0, 7.0), (22, 4.5)):
        pdf.star(middle + dx, middle - 30, radius * 0.45, radius, 5, rotate_degrees=-90, style="F")
    pdf.set_font("serif", "B", 44)
    pdf.set_text_color(*ACCENT)
    pdf.set_xy(MARGIN, middle - 14)
    pdf.cell(CONTENT_WIDTH, 20, "The end", align="C")
    name = pdf.printable(book.character.name)
    dedication = f"A story for {name}"
    size, line, _ = _fit(pdf, dedication, CONTENT_WIDTH, 20, range(14, 8, -1), "serif")
    _text(pdf, line, size, _Box(MARGIN, middle + 12, CONTENT_WIDTH, 20), MUTED, "serif")


# -- text -------------------------------------------------------------------------


def _line_height(size: float) -> float:
    return size * PT * LEADING


def _height(lines: list[str], size: float) -> float:
    return len(lines) * _line_height(size)


def _lines(pdf: FPDF, text: str, width: float, size: float, family: str, style: str = ""):
    """The lines fpdf2 breaks ``text`` into (exact, but slow for long text)."""
    pdf.set_font(family, style, size)
    return pdf.multi_cell(width, _line_height(size), text, dry_run=True, output="LINES")


def _estimate(pdf: FPDF, text: str, width: float, size: float, family: str, style: str) -> int:
    """About how many lines ``text`` takes: greedy word wrap on the font's advance widths.

    Fast enough to try every size; the size it picks is then checked with ``_lines``.
    """
    widths = pdf.fonts[family + style].cw
    room = (width - 2 * pdf.c_margin) / (size * PT / 1000)
    space = widths[32]
    count = 0
    for paragraph in text.split("\n"):
        used = -1.0
        count += 1
        for word in paragraph.split():
            word_width = sum(widths[ord(char)] for char in word)
            if used < 0:
                used = word_width
            elif used + space + word_width <= room:
                used += space + word_width
            else:
                count += 1
                used = word_width
            while used > room:
                count += 1
                used -= room
    return count


def _fit(
    pdf: _BookPDF,
    text: str,
    width: float,
    height: float,
    sizes: Iterable[float],
    family: str,
    style: str = "",
) -> tuple[float, str, int]:
    """The largest of ``sizes`` at which ``text`` fits the box, the text, and its line count.

    If no size fits, the smallest one, with ``text`` cut short to fit and ending in "…".
    """
    size = 0.0
    for size in sizes:
        if _estimate(pdf, text, width, size, family, style) * _line_height(size) > height:
            continue
        count = len(_lines(pdf, text, width, size, family, style))
        if count * _line_height(size) <= height:
            return size, text, count
    rows = max(1, int(height / _line_height(size)))
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _estimate(pdf, text[:middle].rstrip() + " …", width, size, family, style) <= rows:
            low = middle
        else:
            high = middle - 1
    while True:
        shorter = text[:low].rstrip() + " …"
        count = len(_lines(pdf, shorter, width, size, family, style))
        if count <= rows or low == 0:
            return size, shorter, count
        low = max(0, low - 20)


def _text(
    pdf: FPDF,
    text: str,
    size: float,
    box: _Box,
    colour: tuple[int, int, int],
    family: str,
    style: str = "",
    align: str = "C",
) -> None:
    pdf.set_font(family, style, size)
    pdf.set_text_color(*colour)
    pdf.set_xy(box.x, box.y)
    pdf.multi_cell(box.w, _line_height(size), text, align=align)


# -- pictures ---------------------------------------------------------------------


def _read_reference(path: str | None) -> bytes | None:
    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def _embeddable(data: bytes | None) -> _Picture | None:
    """``data`` as JPEG ready to embed as it is, or None if it is not a picture."""
    image = open_picture(data)
    if image is None:
        return None
    image = flatten(image, (255, 255, 255))
    if max(image.size) > MAX_PICTURE_PIXELS:
        image.thumbnail((MAX_PICTURE_PIXELS, MAX_PICTURE_PIXELS), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return _Picture(buffer.getvalue(), image.width / image.height)


def _picture(pdf: FPDF, picture: _Picture | None, box: _Box) -> None:
    if picture is None:
        _placeholder(pdf, box)
    else:
        _framed(pdf, picture, box)


def _frame(pdf: FPDF, box: _Box, fill: tuple[int, int, int]) -> None:
    pad = FRAME_PAD
    pdf.set_fill_color(*SHADOW)
    pdf.rect(
        box.x - pad + 1.6,
        box.y - pad + 1.6,
        box.w + 2 * pad,
        box.h + 2 * pad,
        style="F",
        round_corners=True,
        corner_radius=3,
    )
    pdf.set_fill_color(*fill)
    pdf.set_draw_color(*ACCENT_SOFT)
    pdf.set_line_width(0.35)
    pdf.rect(
        box.x - pad,
        box.y - pad,
        box.w + 2 * pad,
        box.h + 2 * pad,
        style="DF",
        round_corners=True,
        corner_radius=3,
    )


def _framed(pdf: FPDF, picture: _Picture, box: _Box) -> None:
    """The picture as large as fits in ``box``, centred, in a white frame."""
    aspect = picture.aspect
    w, h = (box.w, box.w / aspect) if aspect >= box.w / box.h else (box.h * aspect, box.h)
    inner = _Box(box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h)
    _frame(pdf, inner, (255, 255, 255))
    pdf.image(io.BytesIO(picture.jpeg), inner.x, inner.y, inner.w, inner.h)


def _placeholder(pdf: FPDF, box: _Box) -> None:
    """A quiet box with a little sun and hills saying the picture is not available."""
    _frame(pdf, box, PLACEHOLDER)
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    unit = min(box.w, box.h) / 10
    pdf.set_fill_color(*ACCENT_SOFT)
    pdf.circle(cx + 1.2 * unit, cy - 1.9 * unit, 0.55 * unit, style="F")
    pdf.set_fill_color(*SHADOW)
    pdf.polygon(
        [
            (cx - 2.2 * unit, cy + 0.2 * unit),
            (cx - 0.7 * unit, cy - 1.6 * unit),
            (cx + 0.4 * unit, cy - 0.3 * unit),
            (cx + 1.1 * unit, cy - 0.9 * unit),
            (cx + 2.2 * unit, cy + 0.2 * unit),
        ],
        style="F",
    )
    pdf.set_font("serif", "", max(7.0, min(12.0, unit * 1.1)))
    pdf.set_text_color(*MUTED)
    pdf.set_xy(box.x, cy + 0.9 * unit)
    pdf.cell(box.w, unit, "The picture is not available", align="C")


def _decoration(pdf: FPDF, box: _Box) -> None:
    """A cover without any picture: a soft panel of stars."""
    _frame(pdf, box, PLACEHOLDER)
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    unit = min(box.w, box.h) / 10
    pdf.set_fill_color(*ACCENT_SOFT)
    pdf.star(cx, cy, 1.1 * unit, 2.6 * unit, 5, rotate_degrees=-90, style="F")
    for dx, dy, r in ((-3.0, -2.6, 0.8), (3.1, -2.2, 0.6), (-2.8, 2.7, 0.6), (3.0, 2.9, 0.9)):
        pdf.star(
            cx + dx * unit,
            cy + dy * unit,
            0.4 * r * unit,
            r * unit,
            5,
            rotate_degrees=-90,
            style="F",
        )
