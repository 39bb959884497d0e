"""A book as a ZIP: its pictures, the story as Markdown, and the book as JSON."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections.abc import Callable

from storyillus._exceptions import InvalidInput
from storyillus.document import book_document
from storyillus.domain import Book, CastMember, Page
from storyillus.export.pictures import open_picture

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])", re.MULTILINE)


def image_name(page: Page) -> str:
    """Where ``page``'s picture sits in the ZIP: ``images/page-01.png``."""
    return f"images/page-{page.number:02d}.png"


def sheet_name(book: Book, member: CastMember) -> str:
    """Where a character sheet sits in the ZIP: ``images/sheet-01.png`` (01 is the hero)."""
    return f"images/sheet-{book.cast.index(member) + 1:02d}.png"


def book_zip(
    book: Book,
    picture: Callable[[Page], bytes | None],
    sheet: Callable[[CastMember], bytes | None] = lambda member: None,
) -> bytes:
    """The book as ZIP bytes holding ``story.md``, ``book.json``, ``images/page-NN.png``
    and the character sheets, ``images/sheet-NN.png``.

    There is one PNG per page whose ``picture(page)`` is a decodable image (other formats
    are converted to PNG); pages without one have no file, ``null`` as their ``image`` in
    ``book.json`` and a note in ``story.md``. Nothing in the ZIP names a file outside it
    (the reference picture's path is left out) or any provider error or key. Entries are
    dated from the book's creation time, so the same book gives the same bytes.
    """
    if not book.pages:
        raise InvalidInput("This book has no pages yet, so there is nothing to export.")
    images: dict[int, bytes] = {}
    for page in book.pages:
        png = _as_png(picture(page))
        if png is not None:
            images[page.number] = png
    sheets = {
        sheet_name(book, member): png
        for member in book.cast
        if (png := _as_png(sheet(member))) is not None
    }
    stamp = _zip_time(book.created_at)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add(archive, "story.md", _story_markdown(book, images).encode(), stamp, True)
        _add(archive, "book.json", _book_json(book, images, sheets).encode(), stamp, True)
        for page in book.pages:
            if page.number in images:
                _add(archive, image_name(page), images[page.number], stamp, False)
        for name, png in sheets.items():
            _add(archive, name, png, stamp, False)
    return buffer.getvalue()


def _as_png(data: bytes | None) -> bytes | None:
    image = open_picture(data)
    if image is None or data is None:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _zip_time(created_at: float) -> tuple[int, int, int, int, int, int]:
    moment = time.gmtime(max(created_at, 315532800))  # ZIP dates start in 1980
    return moment[:6]


def _add(archive: zipfile.ZipFile, name: str, data: bytes, stamp: tuple, deflate: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _escape(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _story_markdown(book: Book, images: dict[int, bytes]) -> str:
    parts = [f"# {_escape(book.title)}", f"*A story for {_escape(book.character.name)}*"]
    for page in book.pages:
        parts.append(f"## Page {page.number}")
        parts.append(_escape(page.text))
        if page.number in images:
            parts.append(f"![Page {page.number}]({image_name(page)})")
        else:
            parts.append("*(The picture for this page is not available.)*")
    parts.append("*The end*")
    return "\n\n".join(parts) + "\n"


def _book_json(book: Book, images: dict[int, bytes], sheets: dict[str, bytes]) -> str:
    document = book_document(
        book,
        lambda page: image_name(page) if page.number in images else None,
        lambda member: name if (name := sheet_name(book, member)) in sheets else None,
    )
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
