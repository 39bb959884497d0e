"""The seed's JSON API and our file routes, served beside the Streamlit UI by ``st.App``.

Shapes are the seed's (README, "Architecture"): ``{"success": true, "data": ...}`` or
``{"success": false, "error": "<what is wrong>"}``. Bad input is a 4xx with a sentence,
never a 500 or a stack trace. Engine calls block (SQLite, drawing in sync mode), so they
run in Starlette's thread pool, never on the event loop.

``api_routes(engine)`` makes the routes over an engine provider: app.py passes the app's
engine, tests pass their own and call the routes in-process. Every handler gets the engine
working for the caller (``Engine.as_user``): in local mode the local user; with sign-in on,
the owner of the bearer token, who sees only their own books, jobs, uploads and pictures.
"""

from __future__ import annotations

import hmac
import json
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from storyillus._exceptions import (
    AccessDenied,
    InvalidImage,
    InvalidInput,
    NotFound,
    SignInRequired,
    TooManyBooks,
)
from storyillus.access import LOCAL_USER, User
from storyillus.api.requests import character_from_json, story_request_from_json
from storyillus.domain import Book, Job
from storyillus.service import Engine

# Multipart framing around an uploaded file, on top of UPLOAD_MAX_MB.
_MULTIPART_SLACK = 64 * 1024
# Pictures: never sniffed as another type, never able to run anything (a strict CSP, should
# one be opened as a page), and kept by no shared cache.
_PICTURE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
}
_LOCAL_CACHE = {"Cache-Control": "private, max-age=31536000, immutable"}
_PRIVATE_CACHE = {"Cache-Control": "private, no-store"}
_NO_SNIFF = {"X-Content-Type-Options": "nosniff"}

Endpoint = Callable[[Request], Awaitable[Response]]
Handler = Callable[[Engine, Request], Awaitable[Response]]


def _fail(status: int, error: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"success": False, "error": error}, status_code=status, headers=_NO_SNIFF | (headers or {})
    )


def _ok(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse({"success": True, "data": data}, status_code=status, headers=_NO_SNIFF)


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _caller(engine: Engine, request: Request) -> User:
    """Who is calling: the local user, or (sign-in on) the owner of the bearer token.

    Raises AccessDenied when the server serves no books, SignInRequired without a valid token.
    """
    access = engine.access
    if access.refusal:
        raise AccessDenied(access.refusal)
    token = _bearer(request)
    if access.signed_in:
        user = engine.user_for_token(token) if token else None
        if user is None:
            raise SignInRequired(
                "This API needs 'Authorization: Bearer <token>' with a valid token: make one "
                "on the Settings page or with 'python -m storyillus token create EMAIL'."
            )
        return user
    required = engine.settings.api_token
    if required and not hmac.compare_digest((token or "").encode(), required.encode()):
        raise SignInRequired("This API needs 'Authorization: Bearer <API_TOKEN>'.")
    return LOCAL_USER


async def _who(engine: Engine, request: Request) -> User:
    """``_caller``: in a worker thread only when a token's owner is looked up in the store;
    otherwise at once, without a thread hop per request."""
    if engine.access.signed_in:
        return await run_in_threadpool(_caller, engine, request)
    return _caller(engine, request)


def _answer_error(error: Exception) -> JSONResponse:
    """The 4xx of an error raised on purpose: never a 500, never a stack trace."""
    if isinstance(error, SignInRequired):
        return _fail(401, str(error), {"WWW-Authenticate": "Bearer"})
    if isinstance(error, TooManyBooks):
        return _fail(429, str(error), {"Retry-After": str(error.retry_after)})
    if isinstance(error, AccessDenied):
        return _fail(403, str(error))
    if isinstance(error, NotFound):
        return _fail(404, str(error))
    if isinstance(error, InvalidImage):
        return _fail({"too_large": 413, "not_an_image": 415}.get(error.reason, 400), str(error))
    return _fail(400, str(error))


def _guarded(engine: Callable[[], Engine], handler: Handler) -> Endpoint:
    """The caller's engine (``_caller``), and bad input as a 4xx, never a 500."""

    async def guarded(request: Request) -> Response:
        current = engine()
        try:
            user = await _who(current, request)
            return await handler(current.as_user(user), request)
        except (AccessDenied, NotFound, InvalidInput) as error:
            return _answer_error(error)

    return guarded


def _open(engine: Callable[[], Engine], handler: Handler) -> Endpoint:
    """No token asked: the health check and the API's description."""

    async def endpoint(request: Request) -> Response:
        return await handler(engine(), request)

    return endpoint


def _picture(engine: Callable[[], Engine], find: Callable[[Engine, str], Path | None]) -> Endpoint:
    """A picture route: in local mode the picture itself; with sign-in on, only for an
    address the app signed (``Engine.picture_address``) or the owner's bearer token, and
    a 404 for anyone else (to them the picture does not exist)."""

    async def endpoint(request: Request) -> Response:
        current = engine()
        name = request.path_params["name"]
        signed = current.access.signed_in
        if signed and "signature" in request.query_params:
            query = request.query_params
            path = await run_in_threadpool(
                current.signed_picture,
                request.url.path,
                query.get("expires"),
                query.get("signature"),
            )
            if path is None:
                return _fail(403, "This picture's address has expired or is not valid.")
        else:
            try:
                user = await _who(current, request)
            except AccessDenied as error:
                return _answer_error(error)
            path = await run_in_threadpool(find, current.as_user(user), name)
            if path is None:
                return _fail(404, "No such picture.")
        cache = _PRIVATE_CACHE if signed else _LOCAL_CACHE
        return FileResponse(path, media_type="image/png", headers=_PICTURE_HEADERS | cache)

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


def picture_urls(engine: Engine, result: dict[str, Any], request: Request | None) -> dict[str, Any]:
    """A result with its saved picture's addresses for the caller's browser: ``localUrl``
    (signed with sign-in on) and ``url``, the same made absolute (PUBLIC_BASE_URL, else the
    request's own address) so that a page on another origin loads it too. A picture not
    saved keeps its ``b64_json`` (and a provider's ``url``, if it gave one)."""
    local = result.get("localUrl")
    if local:
        result["localUrl"] = engine.picture_address(local)
        base = str(request.base_url) if request is not None else ""
        if base or engine.settings.public_base_url:
            result["url"] = engine.public_address(local, base)
    return result


def job_json(engine: Engine, job: Job, request: Request | None = None) -> dict[str, Any]:
    """The seed's job object, its pictures' addresses loadable by the caller's browser
    (``picture_urls``; without ``request`` and PUBLIC_BASE_URL, no absolute ``url``)."""
    status = job.to_status_json()
    for result in status["results"]:
        picture_urls(engine, result, request)
    return status


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
    # The seed's appearance descriptor (POST /api/character/analyze-image), word for word.
    descriptor = body.get("characterDescriptor")
    if descriptor is not None and not isinstance(descriptor, str):
        raise InvalidInput("characterDescriptor must be a string.")
    run_async = engine.settings.async_illustrations

    def make() -> dict[str, Any]:
        made = engine.create_book(
            story_request,
            run_async=run_async,
            illustrate=illustrate,
            approve=approve,
            hero_description=descriptor or None,
        )
        job = made.job
        pending = job is not None and not job.status.is_final
        data = _story_data(made.book, job.id if job else None, pending)
        if job is not None and not run_async:
            # The pages' results; a job of sheets has one result per cast member instead.
            results = job_json(engine, job, request)["results"]
            data["illustrations" if approve else "sheets"] = results
        return data

    return _ok(await run_in_threadpool(make))


async def job_status(engine: Engine, request: Request) -> Response:
    job_id = request.path_params["job_id"]
    job = await run_in_threadpool(engine.get_job, job_id)
    return _ok(job_json(engine, job, request))


async def jobs_list(engine: Engine, request: Request) -> Response:
    if not engine.settings.enable_jobs_list:
        return _fail(404, "The jobs list is turned off (ENABLE_JOBS_LIST_ENDPOINT=false).")
    jobs = await run_in_threadpool(engine.list_jobs, 50)
    return _ok([job_json(engine, job, request) for job in jobs])


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
    stored = {"filename": path.name, "path": engine.uploaded_url(path)}
    # At the top level too: the seed's own web client reads them there.
    return JSONResponse({"success": True, "message": "Picture uploaded.", "data": stored} | stored)


async def health(engine: Engine, request: Request) -> Response:
    usage = engine.usage()
    return JSONResponse(
        {
            "status": "ok",
            "message": "storyillus is running.",
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "version": version(),
            "illustrators": engine.illustrators(),
            "asyncIllustrations": engine.settings.async_illustrations,
            "generatedImages": {"files": usage.files, "megabytes": round(usage.megabytes, 2)},
        }
    )


def api_routes(engine: Callable[[], Engine]) -> list[Route]:
    """The API and file routes, each asking ``engine()`` for the engine to call."""
    api = partial(_guarded, engine)
    open_ = partial(_open, engine)
    return [
        Route("/api/health", open_(health), methods=["GET"]),
        Route("/api/openapi.json", open_(openapi_json), methods=["GET"]),
        Route("/api/stories/generate", api(generate), methods=["POST"]),
        Route("/api/stories/illustrations/job/{job_id}", api(job_status), methods=["GET"]),
        Route("/api/stories/illustrations/job/{job_id}/events", api(job_events), methods=["GET"]),
        Route("/api/stories/illustrations/jobs", api(jobs_list), methods=["GET"]),
        Route("/api/stories/suggestions", api(suggestions), methods=["POST"]),
        Route("/api/upload", api(upload), methods=["POST"]),
        *(Route(path, api(handler), methods=methods) for path, handler, methods in BOOK_ROUTES),
        *(
            Route(path, api(handler), methods=methods)
            for path, handler, methods in SEED_IMAGE_ROUTES
        ),
        # Names are never reused, so a picture never changes: in local mode browsers keep it.
        Route(
            "/generated/{name}", _picture(engine, Engine.generated_file), methods=["GET", "HEAD"]
        ),
        Route("/uploads/{name}", _picture(engine, Engine.uploaded_file), methods=["GET", "HEAD"]),
    ]


# Below the helpers: books.py answers with _ok from this module.
from storyillus.api.books import BOOK_ROUTES  # noqa: E402
from storyillus.api.events import job_events  # noqa: E402
from storyillus.api.openapi import openapi_json  # noqa: E402
from storyillus.api.seed_images import SEED_IMAGE_ROUTES, version  # noqa: E402
