"""Books out of the app: a printable PDF picture book and a ZIP of pictures, Markdown and JSON.

Both exports are pure functions of a ``Book`` and a ``picture(page) -> bytes | None``
callable; ``page_picture`` is that callable for an engine's saved pictures:

    pdf = book_pdf(book, lambda page: page_picture(engine, page))

A book with no pages raises ``InvalidInput``. Nothing here imports streamlit.
"""

from storyillus.export.archive import book_zip
from storyillus.export.pdf import book_pdf
from storyillus.export.pictures import page_picture

__all__ = ["book_pdf", "book_zip", "page_picture"]
