"""The one JSON document of a book: the CLI's ``book.json``, the API's book and the ZIP's.

``book_document`` is the only function that makes it; ``storyillus/schema/book.schema.json``
describes it (see docs/ARCHITECTURE.md, "Contracts"). Only where a page's picture
(and each character sheet) lives differs between them: a file beside ``book.json``, a path
inside the ZIP, or a URL of the API. The reference picture's path never appears: it names
a file on the server.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from storyillus.domain import Book, CastMember, Page

SCHEMA_FILE = Path(__file__).with_name("schema") / "book.schema.json"
DOCUMENT_VERSION = 1


def iso_time(moment: float) -> str:
    """A moment as the document writes it: ``2025-01-31T12:00:00Z`` (UTC)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))


def _page(page: Page, image: str | None) -> dict[str, Any]:
    drawn = page.illustration
    return {
        "pageNumber": page.number,
        "text": page.text,
        "description": page.scene,
        "place": page.place,
        "characters": list(page.characters),
        "image": image,
        "illustration": None
        if drawn is None
        else {
            "provider": drawn.provider,
            "model": drawn.model,
            "characterReferenced": drawn.character_referenced,
            "consistency": drawn.consistency.to_json() if drawn.consistency else None,
        },
    }


def book_document(
    book: Book,
    image: Callable[[Page], str | None],
    sheet: Callable[[CastMember], str | None] = lambda member: None,
) -> dict[str, Any]:
    """The book as its JSON document; ``image(page)`` says where each page's picture is,
    ``sheet(member)`` where each character sheet is."""
    character = book.character.to_json()
    character.pop("imagePath", None)
    character["hasReferencePicture"] = bool(book.character.image_path)
    request = book.request
    return {
        "version": DOCUMENT_VERSION,
        "id": book.id,
        "title": book.title,
        "createdAt": iso_time(book.created_at),
        "setting": book.setting,
        "cast": [member.to_json() | {"sheet": sheet(member)} for member in book.cast],
        "approved": book.approved,
        "character": character,
        "prompt": request.prompt,
        "themes": list(request.themes),
        "artStyle": request.art_style,
        "seed": book.seed,
        "writer": book.writer,
        "model": book.model,
        "pinned": book.pinned,
        "usage": book.usage,
        "notes": list(book.notes),
        "pages": [_page(page, image(page)) for page in book.pages],
    }


@cache
def book_schema() -> dict[str, Any]:
    """The JSON Schema of the book document."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


__all__ = ["DOCUMENT_VERSION", "SCHEMA_FILE", "book_document", "book_schema", "iso_time"]
