"""Books out of the app: a printable PDF picture book and a ZIP of pictures, Markdown and JSON.

Both exports are pure functions of a ``Book`` and a ``picture(page) -> bytes | None``
callable; ``page_picture`` is that callable for an engine's saved pictures:

    pdf = book_pdf(book, lambda page: page_picture(engine, page))

A book with no pages raises ``InvalidInput``. Nothing here imports streamlit.
"""

import re

from storyillus.export.archive import book_zip
from storyillus.export.pdf import book_pdf
from storyillus.export.pictures import page_picture


def download_name(title: str, extension: str) -> str:
    """A file name for a book's export: ``the-brave-little-boat.pdf`` (letters kept)."""
    stem = re.sub(r"[^\w-]+", "-", title).strip("-").lower() or "book"
    return f"{stem}.{extension}"


__all__ = ["book_pdf", "book_zip", "download_name", "page_picture"]
