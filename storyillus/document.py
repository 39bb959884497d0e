"""The one JSON document of a book: the CLI's ``book.json``, the API's book and the ZIP's.

``book_document`` is the only function that makes it; ``storyillus/schema/book.schema.json``
describes it (see docs/ARCHITECTURE.md, "Contracts"). Only where a page's picture
(and each character sheet) lives differs between them: a file beside ``book.json``, a path
inside the ZIP, or a URL of the API. The reference pictures' paths never appear: they name
files on the server (``hasReferencePicture`` says whether there is one).

``book_from_document`` reads the document back into a ``Book`` (the CLI's ``--approve``
carries on from a ``book.json`` a parent may have corrected by hand).
"""

from __future__ import annotations

import calendar
import json
import time
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from storyillus._exceptions import InvalidInput
from storyillus.domain import (
    Book,
    CastMember,
    Character,
    Companion,
    Consistency,
    Illustration,
    Page,
    StoryRequest,
)

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
    character.pop("look", None)  # what the parent picked is the cast's look now
    character["hasReferencePicture"] = bool(book.character.image_path)
    for companion, written in zip(book.character.companions, character["siblings"], strict=True):
        written.pop("imagePath", None)
        written["hasReferencePicture"] = bool(companion.image_path)
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


_MAX_ERROR_CHARS = 160


def _schema_error(document: Any) -> str | None:
    """What is wrong with ``document`` against the schema, in a line, or None."""
    validator = jsonschema.validators.validator_for(book_schema())(book_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "the top"
    message = " ".join(error.message.split())
    if len(message) > _MAX_ERROR_CHARS:
        message = message[: _MAX_ERROR_CHARS - 1] + "…"
    return f"{message} (at {where})"


def _moment(text: str) -> float:
    try:
        return float(calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ")))
    except ValueError:
        raise InvalidInput(
            f"createdAt must be written like 2025-01-31T12:00:00Z, not {text!r}."
        ) from None


def book_from_document(
    document: Mapping[str, Any],
    locate: Callable[[str], str | None] = lambda where: None,
) -> Book:
    """The ``Book`` a book document describes; raises InvalidInput saying what is wrong.

    ``locate(where)`` turns where the document says a picture or a sheet is (a file name,
    a ZIP path, a URL) into the book's ``/generated/...`` URL, or None when there is none.
    Reference pictures are not in the document: the book has none until its owner adds them.
    """
    problem = _schema_error(document)
    if problem is not None:
        raise InvalidInput(f"This is not a book document: {problem}.")
    numbers = [page["pageNumber"] for page in document["pages"]]
    if numbers != list(range(1, len(numbers) + 1)):
        raise InvalidInput(f"The pages must be numbered 1 to {len(numbers)} in order.")
    names = [member["name"] for member in document["cast"]]
    if len(set(names)) != len(names):
        raise InvalidInput("Two members of the cast have the same name.")
    given = document["character"]
    character = Character.create(  # checked as a user's input is
        name=given["name"],
        age=given["age"],
        personality=given.get("personality", ()),
        interests=given.get("interests", ()),
        companions=[Companion.from_json(c) for c in given.get("siblings", ())],
        message=given.get("message", ""),
    )
    request = StoryRequest.create(
        character=character,
        prompt=document["prompt"],
        themes=document.get("themes", ()),
        setting=document["setting"],
        pages=len(document["pages"]),
        art_style=document["artStyle"],
        seed=document["seed"],
    )
    cast = tuple(
        CastMember.from_json(member | {"sheet": member["sheet"] and locate(member["sheet"])})
        for member in document["cast"]
    )
    return Book(
        id=document["id"],
        title=document["title"],
        request=request,
        setting=document["setting"],
        cast=cast,
        pages=tuple(_page_from(page, locate) for page in document["pages"]),
        created_at=_moment(document["createdAt"]),
        seed=document["seed"],
        writer=document.get("writer", "offline"),
        model=document.get("model", "offline-storyteller"),
        pinned=document.get("pinned", False),
        usage=dict(document.get("usage", {})),
        notes=tuple(document.get("notes", ())),
        approved=document.get("approved", True),
    )


def _page_from(page: Mapping[str, Any], locate: Callable[[str], str | None]) -> Page:
    drawn = page["illustration"]
    return Page(
        number=page["pageNumber"],
        text=page["text"],
        scene=page["description"],
        place=page["place"],
        characters=tuple(page["characters"]),
        illustration=None
        if drawn is None
        else Illustration(
            provider=drawn["provider"],
            model=drawn["model"],
            character_referenced=drawn["characterReferenced"],
            local_url=locate(page["image"]) if page["image"] else None,
            consistency=Consistency.from_json(drawn.get("consistency")),
        ),
    )


__all__ = [
    "DOCUMENT_VERSION",
    "SCHEMA_FILE",
    "book_document",
    "book_from_document",
    "book_schema",
    "iso_time",
]
