"""The seed's JSON API and our file routes, served beside the Streamlit UI by ``st.App``.

Shapes are the seed's (README, "Architecture"): ``{"success": true, "data": ...}`` or
``{"success": false, "error": "<what is wrong>"}``. Bad input is a 4xx with a sentence,
never a 500 or a stack trace. Engine calls block (SQLite, drawing in sync mode), so they
run in Starlette's thread pool, never on the event loop.

``api_routes(engine)`` makes the routes over an engine provider: app.py passes the app's
engine, tests pass their own and call the routes in-process.
"""

from __future__ import annotations

import hmac
import json
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from storyillus._exceptions import InvalidImage, InvalidInput, NotFound
from storyillus.api.requests import character_from_json, story_request_from_json
from storyillus.domain import Book
from storyillus.service import Engine

# Multipart framing around an uploaded file, on top of UPLOAD_MAX_MB.
_MULTIPART_SLACK = 64 * 1024
_IMMUTABLE = {"Cache-Control": "public, max-age=31536000, immutable"}

Endpoint = Callable[[Request], Awaitable[Response]]
Handler = Callable[[Engine, Request], Awaitable[Response]]


def _fail(status: int, error: str) -> JSONResponse:
    return JSONResponse({"success": False, "error": error}, status_code=status)


def _ok(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse({"success": True, "data": data}, status_code=status)


def _guarded(engine: Callable[[], Engine], handler: Handler) -> Endpoint:
    """API_TOKEN (when set) as a bearer token, and bad input as a 4xx, never a 500."""

    async def guarded(request: Request) -> Response:
        current = engine()
        token = current.settings.api_token
        if token:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                return _fail(401, "This API needs 'Authorization: Bearer <API_TOKEN>'.")
        try:
            return await handler(current, request)
        except NotFound as error:
            return _fail(404, str(error))
        except InvalidImage as error:
            status = {"too_large": 413, "not_an_image": 415}.get(error.reason, 400)
            return _fail(status, str(error))
        except InvalidInput as error:
            return _fail(400, str(error))

    return guarded


def _open(engine: Callable[[], Engine], handler: Handler) -> Endpoint:
    """No token asked: the health check, and the picture files browsers load in ``<img>``."""

    async def endpoint(request: Request) -> Response:
        return await handler(engine(), request)

    return endpoint


async def _json_body(engine: Engine, request: Request) -> dict[str, Any]:
    limit_kb = engine.settings.api_max_body_kb
    too_large = InvalidInput(f"The request body is too large (at most {limit_kb} KB).")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit_kb * 1024:
        raise too_large
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit_kb * 1024:
            raise too_large
    try:
        data = json.loads(body or b"null")
        # "\ud800" is valid JSON but no text: it could be neither stored nor answered.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise InvalidInput("The request body is nested too deeply.") from None
    except UnicodeEncodeError:
        raise InvalidInput("The request body holds text that is not valid Unicode.") from None
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("The request body must be JSON.") from None
    if not isinstance(data, dict):
        raise InvalidInput("The request body must be a JSON object.")
    return data


def _public_character(book: Book) -> dict[str, Any]:
    """The hero as sent back: no picture's path (it names a file on the server)."""
    character = book.request.character.to_json() | {"imagePath": None}
    for companion in character["siblings"]:
        companion.pop("imagePath", None)
    return character


def _story_data(book: Book, job_id: str | None, pending: bool) -> dict[str, Any]:
    text = "\n\n".join(page.text for page in book.pages)
    return {
        "story": text,
        "title": book.title,
        "pages": [
            {"pageNumber": p.number, "text": p.text, "description": p.scene} for p in book.pages
        ],
        "character": _public_character(book),
        "metadata": {
            "generatedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(book.created_at)),
            "model": book.model,
            "wordCount": len(text.split()),
            "illustrationJobId": job_id,
            "illustrationsPending": pending,
            "bookId": book.id,
            "approved": book.approved,
            "notes": list(book.notes),
        },
    }


async def generate(engine: Engine, request: Request) -> Response:
    body = await _json_body(engine, request)
    story_request = story_request_from_json(body, engine.uploaded_picture)
    illustrate = body.get("generateIllustrations", True)
    if not isinstance(illustrate, bool):
        raise InvalidInput("generateIllustrations must be true or false.")
    # The seed's clients make a book in one go; false waits for POST /api/books/{id}/approve.
    approve = body.get("approveCharacters", True)
    if not isinstance(approve, bool):
        raise InvalidInput("approveCharacters must be true or false.")
    run_async = engine.settings.async_illustrations

    def make() -> dict[str, Any]:
        made = engine.create_book(
            story_request, run_async=run_async, illustrate=illustrate, approve=approve
        )
        job = made.job
        pending = job is not None and not job.status.is_final
        data = _story_data(made.book, job.id if job else None, pending)
        if job is not None and not run_async:
            # The pages' results; a job of sheets has one result per cast member instead.
            data["illustrations" if approve else "sheets"] = job.to_status_json()["results"]
        return data

    return _ok(await run_in_threadpool(make))


async def job_status(engine: Engine, request: Request) -> Response:
    job_id = request.path_params["job_id"]
    job = await run_in_threadpool(engine.get_job, job_id)
    return _ok(job.to_status_json())


async def jobs_list(engine: Engine, request: Request) -> Response:
    if not engine.settings.enable_jobs_list:
        return _fail(404, "The jobs list is turned off (ENABLE_JOBS_LIST_ENDPOINT=false).")
    jobs = await run_in_threadpool(engine.list_jobs, 50)
    return _ok([job.to_status_json() for job in jobs])


async def suggestions(engine: Engine, request: Request) -> Response:
    body = await _json_body(engine, request)
    character = character_from_json(body.get("character"), None)
    ideas = await run_in_threadpool(engine.suggest_ideas, character)
    return _ok({"suggestions": ideas})


async def upload(engine: Engine, request: Request) -> Response:
    limit = engine.settings.upload_max_mb * 1_048_576
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + _MULTIPART_SLACK:
        raise InvalidImage(
            f"The picture is too large; the limit is {engine.settings.upload_max_mb} MB.",
            "too_large",
        )
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise InvalidInput(
            "Send the picture as multipart/form-data in the field 'character-image'."
        )
    try:
        form = await request.form(max_files=1, max_fields=10)
    except HTTPException:  # Starlette's plain-text 400 for a body that is not multipart
        raise InvalidInput(
            "The request body is not valid multipart/form-data; send the picture in the "
            "field 'character-image'."
        ) from None
    try:
        part = form.get("character-image")
        if part is None or isinstance(part, str):
            raise InvalidInput("Send the picture in the multipart field 'character-image'.")
        data = await part.read(limit + 1)
    finally:
        await form.close()
    path = await run_in_threadpool(engine.store_reference_picture, data)
    return JSONResponse(
        {
            "success": True,
            "message": "Picture uploaded.",
            "data": {"filename": path.name, "path": engine.uploaded_url(path)},
        }
    )


async def health(engine: Engine, request: Request) -> Response:
    usage = engine.usage()
    return JSONResponse(
        {
            "status": "ok",
            "illustrators": engine.illustrators(),
            "asyncIllustrations": engine.settings.async_illustrations,
            "generatedImages": {"files": usage.files, "megabytes": round(usage.megabytes, 2)},
        }
    )


async def generated_file(engine: Engine, request: Request) -> Response:
    path = engine.generated_file(request.path_params["name"])
    if path is None:
        return _fail(404, "No such image.")
    # Names are never reused, so a saved image never changes: let browsers keep it.
    return FileResponse(path, media_type="image/png", headers=_IMMUTABLE)


async def uploaded_file(engine: Engine, request: Request) -> Response:
    path = engine.uploaded_file(request.path_params["name"])
    if path is None:
        return _fail(404, "No such picture.")
    return FileResponse(path, media_type="image/png", headers=_IMMUTABLE)


def api_routes(engine: Callable[[], Engine]) -> list[Route]:
    """The API and file routes, each asking ``engine()`` for the engine to call."""
    api = partial(_guarded, engine)
    open_ = partial(_open, engine)
    return [
        Route("/api/health", open_(health), methods=["GET"]),
        Route("/api/openapi.json", open_(openapi_json), methods=["GET"]),
        Route("/api/stories/generate", api(generate), methods=["POST"]),
        Route("/api/stories/illustrations/job/{job_id}", api(job_status), methods=["GET"]),
        Route("/api/stories/illustrations/jobs", api(jobs_list), methods=["GET"]),
        Route("/api/stories/suggestions", api(suggestions), methods=["POST"]),
        Route("/api/upload", api(upload), methods=["POST"]),
        *(Route(path, api(handler), methods=methods) for path, handler, methods in BOOK_ROUTES),
        Route("/generated/{name}", open_(generated_file), methods=["GET", "HEAD"]),
        Route("/uploads/{name}", open_(uploaded_file), methods=["GET", "HEAD"]),
    ]


# Below the helpers: books.py answers with _ok from this module.
from storyillus.api.books import BOOK_ROUTES  # noqa: E402
from storyillus.api.openapi import openapi_json  # noqa: E402
