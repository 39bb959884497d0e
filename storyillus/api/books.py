"""The book endpoints: the library paged, a book's document, deleting it, its exports, and
the parent's steps before the pages are drawn (redraw a character sheet, correct a cast
member's description or look, approve the cast).

Each handler takes the engine and the request (``async def handler(engine, request)``);
``routes.py`` wraps them with the token check and the 4xx mapping, so an unknown id is a
404 with the API's error body (``NotFound``) and a bad limit or cursor a 400
(``InvalidInput``). The book is ``storyillus.document.book_document``, the same document
as the CLI's and the ZIP's ``book.json`` (README, "JSON API").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from storyillus._exceptions import InvalidInput, NotFound
from storyillus.api.requests import look_from_json
from storyillus.api.routes import _json_body, _ok, job_json
from storyillus.document import iso_time
from storyillus.domain import Book, CastMember
from storyillus.service import MAX_BOOKS_PAGE, Engine, Export

Handler = Callable[[Engine, Request], Awaitable[Response]]
DEFAULT_LIMIT = 20


def _limit(request: Request) -> int:
    given = request.query_params.get("limit")
    if given is None:
        return DEFAULT_LIMIT
    if not given.isascii() or not given.isdigit() or not 1 <= int(given) <= MAX_BOOKS_PAGE:
        raise InvalidInput(f"limit must be a whole number from 1 to {MAX_BOOKS_PAGE}.")
    return int(given)


def summary(engine: Engine, book: Book) -> dict[str, Any]:
    """A book as the library lists it; the cover is page 1's picture."""
    return {
        "id": book.id,
        "title": book.title,
        "createdAt": iso_time(book.created_at),
        "setting": book.setting,
        "pages": len(book.pages),
        "drawnPages": sum(1 for page in book.pages if page.illustration is not None),
        "pinned": book.pinned,
        "cover": engine.image_url(book.pages[0]) if book.pages else None,
    }


async def list_books(engine: Engine, request: Request) -> Response:
    limit = _limit(request)
    cursor = request.query_params.get("cursor")

    def page() -> dict[str, Any]:
        found = engine.books_page(limit, cursor)
        books = [summary(engine, book) for book in found.books]
        return {"books": books, "nextCursor": found.next_cursor}

    return _ok(await run_in_threadpool(page))


async def get_book(engine: Engine, request: Request) -> Response:
    return _ok(await run_in_threadpool(engine.book_document, request.path_params["book_id"]))


async def delete_book(engine: Engine, request: Request) -> Response:
    book_id = request.path_params["book_id"]
    await run_in_threadpool(engine.delete_book, book_id)
    return _ok({"deleted": book_id})


def _attachment(export: Export) -> Response:
    # A plain ASCII name for old clients, the real one (RFC 6266 / 5987) for the rest.
    plain = unicodedata.normalize("NFKD", export.filename).encode("ascii", "ignore").decode()
    plain = plain.replace('"', "").replace("\\", "") or f"book.{export.filename.rsplit('.')[-1]}"
    disposition = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(export.filename)}"
    return Response(
        export.data,
        media_type=export.media_type,
        headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
    )


async def export_pdf(engine: Engine, request: Request) -> Response:
    return _attachment(await run_in_threadpool(engine.export_pdf, request.path_params["book_id"]))


async def export_zip(engine: Engine, request: Request) -> Response:
    return _attachment(await run_in_threadpool(engine.export_zip, request.path_params["book_id"]))


def _member(engine: Engine, book_id: str, name: str) -> CastMember:
    """The cast member ``name`` names (NotFound for an unknown book or member).

    Names arrive percent-decoded; they are compared in Unicode normal form C, so "Zoë"
    typed as e + combining diaeresis finds the same member.
    """
    book = engine.get_book(book_id)
    wanted = unicodedata.normalize("NFC", name)
    for member in book.cast:
        if unicodedata.normalize("NFC", member.name) == wanted:
            return member
    raise NotFound(f"Nobody called {name!r} is in book {book_id!r}.")


async def redraw_sheet(engine: Engine, request: Request) -> Response:
    book_id, name = request.path_params["book_id"], request.path_params["name"]

    def redraw() -> dict[str, Any]:
        member = _member(engine, book_id, name)
        return job_json(engine, engine.redraw_sheet(book_id, member.name), request)

    return _ok(await run_in_threadpool(redraw))


async def change_member(engine: Engine, request: Request) -> Response:
    book_id, name = request.path_params["book_id"], request.path_params["name"]
    body = await _json_body(engine, request)
    description = body.get("description")
    if description is not None and not isinstance(description, str):
        raise InvalidInput("description must be a string.")
    if description is None and body.get("look") is None:
        raise InvalidInput("Send a new description, a new look, or both.")

    def change() -> dict[str, Any]:
        member = _member(engine, book_id, name)
        look = look_from_json(body["look"], member.look) if body.get("look") is not None else None
        engine.change_member(book_id, member.name, description=description, look=look)
        return engine.book_document(book_id)

    return _ok(await run_in_threadpool(change))


async def approve(engine: Engine, request: Request) -> Response:
    job = await run_in_threadpool(engine.approve_cast, request.path_params["book_id"])
    return _ok(job_json(engine, job, request))


BOOK_ROUTES: list[tuple[str, Handler, list[str]]] = [
    ("/api/books", list_books, ["GET"]),
    ("/api/books/{book_id}", get_book, ["GET"]),
    ("/api/books/{book_id}", delete_book, ["DELETE"]),
    ("/api/books/{book_id}/export.pdf", export_pdf, ["GET"]),
    ("/api/books/{book_id}/export.zip", export_zip, ["GET"]),
    ("/api/books/{book_id}/cast/{name}", change_member, ["PATCH"]),
    ("/api/books/{book_id}/cast/{name}/redraw", redraw_sheet, ["POST"]),
    ("/api/books/{book_id}/approve", approve, ["POST"]),
]
"""(path, handler, methods) for each endpoint, all behind the API token."""
