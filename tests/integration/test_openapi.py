"""The OpenAPI document (``/api/openapi.json``) against the live server, with schemathesis.

One real server (``streamlit run app.py``, offline illustrator, ASYNC_ILLUSTRATIONS=true)
on a temporary home that already holds a drawn book. Every operation is fuzzed a few
times (bounded: ``EXAMPLES`` each, with a deadline); each answer must be no 5xx, have a
documented status code and content type, and match its response schema. Operations on an
id are also called with real ids, so their 200 answers are checked too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from storyillus import Character, Companion, Engine, StoryRequest
from storyillus.api import api_routes
from storyillus.api.openapi import openapi_document
from tests.conftest import make_settings, png_bytes
from tests.server import start, stop, wait_until_up

EXAMPLES = 25
ZOE = "Zoë Ann"  # a cast member's name with a space and an accent, in a URL
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ENV = {
    "OPENAI_API_KEY": "",  # the offline writer and illustrator
    "AZURE_OPENAI_ENDPOINT": "",
    "ASYNC_ILLUSTRATIONS": "true",
    "ENABLE_JOBS_LIST_ENDPOINT": "true",
    "ILLUSTRATION_CONCURRENCY": "1",
    # The fuzzed drawing endpoints add pictures; retention must not take the known page.
    "GENERATED_IMAGE_MAX_FILES": "0",
    "GENERATED_IMAGE_MAX_MB": "0",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The live server's base URL, and the ids of a book, its job and its pictures."""
    home = tmp_path_factory.mktemp("openapi")
    engine = Engine(make_settings(home, async_illustrations=False))
    hero = Character.create("Noor", 7)
    made = engine.create_book(StoryRequest.create(hero, "A kite", pages=4, seed=3))
    spare = engine.create_book(StoryRequest.create(hero, "A boat", pages=4), illustrate=False)
    # Books waiting for their characters' approval: one to approve, one to correct.
    family = Character.create("Noor", 7, companions=[Companion(ZOE, "sister")])
    waiting, cast = (
        engine.create_book(StoryRequest.create(family, idea, pages=4, seed=4), approve=False)
        for idea in ("A kite", "A boat")
    )
    engine.close(wait=True)
    process, base = start(home, ENV)
    try:
        wait_until_up(process, base)
        upload = httpx.post(
            f"{base}/api/upload", files={"character-image": ("me.png", png_bytes(), "image/png")}
        ).json()["data"]
        image = made.book.pages[0].illustration.local_url
        yield {
            "base": base,
            "book": made.book.id,
            "spare": spare.book.id,
            "waiting": waiting.book.id,
            "cast": cast.book.id,
            "member": ZOE,
            "job": made.job.id,
            "generated": image.rsplit("/", 1)[-1],
            "upload": upload["filename"],
        }
    finally:
        stop(process)


@pytest.fixture(scope="module")
def api_schema(server: dict[str, Any]) -> schemathesis.schemas.BaseSchema:
    return schemathesis.openapi.from_url(f"{server['base']}/api/openapi.json")


# The document as the server serves it (test_the_served_document_is_this_one), loaded at
# collection: schemathesis's lazy loading from a fixture does not work with pytest 9.
schema = schemathesis.openapi.from_dict(openapi_document())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,  # the server's own time; the run as a whole is bounded by EXAMPLES
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_answers_as_documented(
    case: schemathesis.Case, server: dict[str, Any]
) -> None:
    case.call_and_validate(base_url=server["base"], checks=CHECKS, timeout=30)


def test_the_library_answers_as_documented(api_schema: Any, server: dict[str, Any]) -> None:
    operation = api_schema["/api/books"]["GET"]
    first = operation.Case(query={"limit": 1}).call_and_validate(checks=CHECKS, timeout=30)
    cursor = first.json()["data"]["nextCursor"]
    assert cursor
    operation.Case(query={"limit": 1, "cursor": cursor}).call_and_validate(checks=CHECKS)


# Real ids, so the 200 answers of the operations on an id are checked as well.
KNOWN = [
    ("GET", "/api/books/{book_id}", {"book_id": "book"}),
    ("GET", "/api/books/{book_id}/export.pdf", {"book_id": "book"}),
    ("GET", "/api/books/{book_id}/export.zip", {"book_id": "book"}),
    ("GET", "/api/stories/illustrations/job/{job_id}", {"job_id": "job"}),
    ("GET", "/generated/{name}", {"name": "generated"}),
    ("HEAD", "/generated/{name}", {"name": "generated"}),
    ("GET", "/uploads/{name}", {"name": "upload"}),
    ("HEAD", "/uploads/{name}", {"name": "upload"}),
    ("DELETE", "/api/books/{book_id}", {"book_id": "spare"}),
    ("POST", "/api/books/{book_id}/approve", {"book_id": "waiting"}),
    ("POST", "/api/books/{book_id}/cast/{name}/redraw", {"book_id": "cast", "name": "member"}),
]


@pytest.mark.parametrize(("method", "path", "ids"), KNOWN, ids=[f"{m} {p}" for m, p, _ in KNOWN])
def test_operations_on_real_ids_answer_as_documented(
    api_schema: Any, server: dict[str, Any], method: str, path: str, ids: dict[str, str]
) -> None:
    operation = api_schema[path][method]
    case = operation.Case(path_parameters={k: server[v] for k, v in ids.items()})
    response = case.call_and_validate(checks=CHECKS, timeout=30)
    assert response.status_code == 200


def test_correcting_a_real_cast_member_answers_as_documented(
    api_schema: Any, server: dict[str, Any]
) -> None:
    operation = api_schema["/api/books/{book_id}/cast/{name}"]["PATCH"]
    body = {
        "description": "Zoë Ann, a girl with curly red hair and round glasses.",
        "look": {"hair": {"colour": "red", "hex": "#C0392B", "detail": "curly"}},
    }
    case = operation.Case(
        path_parameters={"book_id": server["cast"], "name": ZOE},
        body=body,
        media_type="application/json",
    )
    response = case.call_and_validate(checks=CHECKS, timeout=30)
    assert response.status_code == 200
    member = {m["name"]: m for m in response.json()["data"]["cast"]}[ZOE]
    assert member["description"] == body["description"]
    assert member["look"]["hair"]["hex"] == "#c0392b"


def test_the_document_is_valid_openapi_3_1(api_schema: Any) -> None:
    assert api_schema.raw_schema["openapi"].startswith("3.1.")
    # schemathesis refuses a document that is not OpenAPI; validate it against the 3.1
    # meta-schema too (every operation compiles its schemas).
    api_schema.validate()
    for result in api_schema.get_all_operations():
        result.ok()


def test_the_served_document_is_this_one(server: dict[str, Any]) -> None:
    served = httpx.get(f"{server['base']}/api/openapi.json")
    assert served.headers["content-type"] == "application/json"
    assert served.json() == openapi_document()


def test_the_document_lists_every_route_the_app_serves(server: dict[str, Any]) -> None:
    served = httpx.get(f"{server['base']}/api/openapi.json").json()
    documented = {
        (path, method.upper())
        for path, item in served["paths"].items()
        for method in item
        if method != "parameters"
    }
    routes = api_routes(lambda: None)  # type: ignore[arg-type, return-value]  # paths only
    app = {(r.path, m) for r in routes for m in r.methods if m != "HEAD"}
    assert app <= documented
    assert {(p, m) for p, m in documented if m != "HEAD"} == app


def test_the_book_schema_is_the_one_in_components(server: dict[str, Any]) -> None:
    served = httpx.get(f"{server['base']}/api/openapi.json").json()
    from storyillus.document import book_schema

    assert set(book_schema()["$defs"]) <= set(served["components"]["schemas"])
    assert served["components"]["schemas"]["Book"]["required"] == book_schema()["required"]
    assert "$defs" not in str(served)


def test_the_readme_documents_every_path() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for path in openapi_document()["paths"]:
        assert path.replace("{book_id}", "{id}").replace("{job_id}", "{id}") in readme, path
