"""The OpenAPI 3.1 document of the whole API, served at ``/api/openapi.json``.

The hand-written part is data (``openapi.json`` beside this file). ``openapi_document``
completes it with the book schema (``storyillus/schema/book.schema.json``, the one
source of the book document): its ``$defs`` become ``components/schemas`` and the rest
becomes ``components/schemas/Book``, with every ``#/$defs/...`` reference rewritten.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from storyillus.document import book_schema
from storyillus.service import Engine

DOCUMENT_FILE = Path(__file__).with_name("openapi.json")
_DEFS = "#/$defs/"
_COMPONENTS = "#/components/schemas/"


def _rewrite(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: _COMPONENTS + value[len(_DEFS) :]
            if key == "$ref" and isinstance(value, str) and value.startswith(_DEFS)
            else _rewrite(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    return node


@cache
def _document() -> dict[str, Any]:
    document = json.loads(DOCUMENT_FILE.read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    book = _rewrite(copy.deepcopy(book_schema()))
    defs = book.pop("$defs", {})
    clash = sorted(defs.keys() & schemas.keys() - {"Book"})
    if clash:
        raise ValueError(f"book.schema.json $defs clash with openapi.json schemas: {clash}")
    schemas.update(defs)
    book.pop("$schema", None)  # the dialect is the document's own (JSON Schema 2020-12)
    schemas["Book"] = book
    return document


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document (a fresh copy: callers may change it)."""
    return copy.deepcopy(_document())


async def openapi_json(engine: Engine, request: Request) -> Response:
    return JSONResponse(_document())
