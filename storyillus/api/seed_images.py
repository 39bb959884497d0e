"""The seed system's picture endpoints, with its request and answer shapes.

- ``POST /api/character/analyze-image``: the appearance descriptor of an uploaded picture
  (descriptor, hash, model, confidence, cached);
- ``POST /api/images/analyze-character-image``: the same descriptor as ``analysis``;
- ``POST /api/images/generate-character-portrait``: the hero's character sheet;
- ``POST /api/images/generate-illustration`` and ``.../generate-character-consistent-illustration``:
  one scene through the illustrator chain; ``.../generate-with-gpt-image-1``: the same
  through the image edit providers only, from the hero's picture;
- ``GET /api/images/generated``: the caller's saved pictures, newest first, paged.

Every handler calls the engine only. Pictures drawn here are the caller's (pictures of no
book, ``Engine.draw_scene``), so the picture routes serve them to their owner only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Awaitable, Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from storyillus._exceptions import IllustrationError, InvalidInput, NotConfigured, ServiceError
from storyillus.api.requests import character_from_json
from storyillus.api.routes import _fail, _json_body, _ok, picture_urls
from storyillus.document import iso_time
from storyillus.service import MAX_PICTURES_PAGE, Engine
from storyillus.single_pictures import DrawnPicture

Handler = Callable[[Engine, Request], Awaitable[Response]]
MAX_TRAITS = 20
MAX_PAGE_NUMBER = 999
_PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _failures(handler: Handler) -> Handler:
    """A chain that drew nothing is the upstream's failure (502), a missing provider the
    server's (503); neither is a 500."""

    async def answered(engine: Engine, request: Request) -> Response:
        try:
            return await handler(engine, request)
        except NotConfigured as error:
            return _fail(503, str(error))
        except (IllustrationError, ServiceError) as error:
            return _fail(502, f"No picture could be drawn: {error}")

    return answered


def _image_url(body: dict[str, Any]) -> str:
    url = body.get("imageUrl")
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput(
            "imageUrl is required: the path of a picture uploaded through /api/upload "
            "(like /uploads/character-image-….png)."
        )
    return url.strip()


def _traits(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise InvalidInput("traits must be a list of strings.")
    if len(value) > MAX_TRAITS:
        raise InvalidInput(f"traits can list at most {MAX_TRAITS} words.")
    return tuple(" ".join(t.split()) for t in value if t.strip())


async def analyze_image(engine: Engine, request: Request) -> Response:
    body = await _json_body(engine, request)
    url, traits = _image_url(body), _traits(body.get("traits"))
    found = await run_in_threadpool(engine.describe_picture, url, traits)
    return _ok(
        {
            "descriptor": found.descriptor,
            "hash": found.hash,
            "model": found.model,
            "confidence": found.confidence,
            "cached": found.cached,
        }
    )


async def analyze_character_image(engine: Engine, request: Request) -> Response:
    body = await _json_body(engine, request)
    url = _image_url(body)
    found = await run_in_threadpool(engine.describe_picture, url)
    return _ok({"analysis": found.descriptor, "imageUrl": url})


def _character(engine: Engine, body: dict[str, Any]) -> Any:
    if body.get("character") is None:
        raise InvalidInput("character is required: an object with at least name and age.")
    return character_from_json(body["character"], engine.uploaded_picture)


def _picture_json(engine: Engine, request: Request, drawn: DrawnPicture) -> dict[str, Any]:
    """The seed's result object: ``url`` (absolute, loadable from any origin) or
    ``b64_json`` (pictures not saved), beside ``localUrl``."""
    illustration = drawn.illustration
    result = {
        "pageNumber": drawn.page_number,
        "description": drawn.description,
        "model": illustration.model,
        "provider": illustration.provider,
        "characterReferenced": illustration.character_referenced,
        "localUrl": illustration.local_url,
    }
    if illustration.url:
        result["url"] = illustration.url
    if illustration.b64_json:
        result["b64_json"] = illustration.b64_json
    return picture_urls(engine, result, request)


async def generate_portrait(engine: Engine, request: Request) -> Response:
    body = await _json_body(engine, request)
    character = _character(engine, body)
    style = body.get("artStyle")
    if style is not None and not isinstance(style, str):
        raise InvalidInput("artStyle must be a string.")
    drawn = await run_in_threadpool(engine.draw_portrait, character, style)
    result = _picture_json(engine, request, drawn)
    image = result.get("url") or f"data:image/png;base64,{result.get('b64_json', '')}"
    return _ok({"imageUrl": image, "character": body["character"]} | result)


def _scene(edit_only: bool) -> Handler:
    async def generate(engine: Engine, request: Request) -> Response:
        body = await _json_body(engine, request)
        character = _character(engine, body)
        scene = body.get("sceneDescription")
        if not isinstance(scene, str) or not scene.strip():
            raise InvalidInput("sceneDescription is required: a sentence about the picture.")
        number = body.get("pageNumber", 1)
        if isinstance(number, bool) or not isinstance(number, int):
            raise InvalidInput(f"pageNumber must be a whole number from 1 to {MAX_PAGE_NUMBER}.")
        if not 1 <= number <= MAX_PAGE_NUMBER:
            raise InvalidInput(f"pageNumber must be a whole number from 1 to {MAX_PAGE_NUMBER}.")
        title = body.get("storyTitle") or ""
        descriptor = body.get("characterDescriptor")
        if not isinstance(title, str) or not isinstance(descriptor, str | None):
            raise InvalidInput("storyTitle and characterDescriptor must be strings.")

        def draw() -> DrawnPicture:
            return engine.draw_scene(character, scene, number, title, edit_only, descriptor)

        return _ok(_picture_json(engine, request, await run_in_threadpool(draw)))

    return generate


async def generated(engine: Engine, request: Request) -> Response:
    given = request.query_params.get("limit")
    if given is not None and (not given.isascii() or not given.isdigit()):
        raise InvalidInput(f"limit must be a whole number from 1 to {MAX_PICTURES_PAGE}.")
    limit = int(given) if given is not None else MAX_PICTURES_PAGE
    cursor = request.query_params.get("cursor")
    found = await run_in_threadpool(engine.saved_pictures, limit, cursor)
    base = str(request.base_url)
    return JSONResponse(
        {
            "success": True,
            "data": [
                {
                    "filename": picture.name,
                    "url": engine.public_address(picture.url, base),
                    "localUrl": engine.picture_address(picture.url),
                    "size": picture.bytes,
                    "createdAt": iso_time(picture.created_at),
                }
                for picture in found.pictures
            ],
            "nextCursor": found.next_cursor,
        },
        headers={"X-Content-Type-Options": "nosniff"},
    )


@cache
def version() -> str:
    """storyillus's version: the installed package's, else pyproject.toml's."""
    try:
        return metadata.version("storyillus")
    except metadata.PackageNotFoundError:
        pass
    try:
        return str(tomllib.loads(_PYPROJECT.read_text("utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


SEED_IMAGE_ROUTES: list[tuple[str, Handler, list[str]]] = [
    ("/api/character/analyze-image", analyze_image, ["POST"]),
    ("/api/images/analyze-character-image", analyze_character_image, ["POST"]),
    ("/api/images/generate-character-portrait", _failures(generate_portrait), ["POST"]),
    ("/api/images/generate-illustration", _failures(_scene(edit_only=False)), ["POST"]),
    (
        "/api/images/generate-character-consistent-illustration",
        _failures(_scene(edit_only=False)),
        ["POST"],
    ),
    ("/api/images/generate-with-gpt-image-1", _failures(_scene(edit_only=True)), ["POST"]),
    ("/api/images/generated", generated, ["GET"]),
]
"""(path, handler, methods) for each endpoint, all behind the API token."""
