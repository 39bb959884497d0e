"""The book endpoints in-process: the app's Starlette routes over a test's engine, through
httpx's ASGI transport (no server). The book is the book document, valid against
``storyillus/schema/book.schema.json``, the same as the ZIP's ``book.json``."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from pypdf import PdfReader
from starlette.applications import Starlette

from storyillus import Character, Companion, StoryRequest
from storyillus.api import api_routes
from storyillus.document import book_schema
from storyillus.export import download_name
from storyillus.service import Engine
from tests.asgi import ApiClient
from tests.conftest import make_settings

UNKNOWN = "no-such-book"
TOKEN = "a-token-for-tests"


_OPEN: list[ApiClient] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def _client(engine: Engine, **headers: str) -> ApiClient:
    """The API over ``engine``, in-process through httpx's ASGI transport."""
    client = ApiClient(Starlette(routes=api_routes(lambda: engine)), headers)
    _OPEN.append(client)
    return client


def _request(n: int, companions: tuple[Companion, ...] = ()) -> StoryRequest:
    hero = Character.create("Mia", 6, companions=list(companions))
    return StoryRequest.create(hero, f"A coral reef adventure number {n}", pages=4, seed=n)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, list[str]]]:
    """25 books, oldest first; the newest two drawn by the offline illustrator."""
    engine = Engine(make_settings(tmp_path_factory.mktemp("books")))
    ids = []
    for n in range(25):
        drawn = n >= 23
        companions = () if n % 2 else (Companion("Leo", "brother"),)
        made = engine.create_book(_request(n, companions), run_async=False, illustrate=drawn)
        ids.append(made.book.id)
        time.sleep(0.002)  # distinct creation times, though paging does not need them
    yield engine, ids
    engine.close(wait=True)


@pytest.fixture
def client(library: tuple[Engine, list[str]]) -> ApiClient:
    return _client(library[0])


def _data(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True
    return body["data"]


def test_the_library_pages_newest_first_without_repeats(
    client: ApiClient, library: tuple[Engine, list[str]]
) -> None:
    seen: list[dict[str, Any]] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 10} | ({"cursor": cursor} if cursor else {})
        data = _data(client.get("/api/books", params=params))
        pages += 1
        assert len(data["books"]) == (10 if data["nextCursor"] else 5)
        seen += data["books"]
        cursor = data["nextCursor"]
        if cursor is None:
            break
    assert pages == 3
    assert [b["id"] for b in seen] == list(reversed(library[1]))
    assert [b["createdAt"] for b in seen] == sorted((b["createdAt"] for b in seen), reverse=True)
    newest = seen[0]
    assert newest["pages"] == newest["drawnPages"] == 4
    assert newest["cover"].startswith("/generated/")
    assert client.get(newest["cover"]).status_code == 200
    oldest = seen[-1]
    assert (oldest["drawnPages"], oldest["cover"], oldest["pinned"]) == (0, None, False)
    assert {b["setting"] for b in seen} == {"coral reef"}


def test_the_default_page_is_twenty(client: ApiClient) -> None:
    data = _data(client.get("/api/books"))
    assert len(data["books"]) == 20 and data["nextCursor"]


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "ten"},
        {"limit": "-1"},
        {"limit": "٣"},  # an Arabic-Indic digit: isdigit() says yes, int() too, we say no
        {"cursor": "garbage"},
        {"cursor": ""},
        {"cursor": "WzEsMl0"},  # base64 of [1,2]: JSON, but no (created_at, id)
        {"cursor": "%%%"},
    ],
)
def test_a_bad_limit_or_cursor_is_a_400_with_a_sentence(client: ApiClient, query: dict) -> None:
    response = client.get("/api/books", params=query)
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert body["error"].endswith(".") and len(body["error"].split()) > 4


def test_a_book_is_the_book_document(client: ApiClient, library: tuple[Engine, list[str]]) -> None:
    ids = library[1]
    drawn = _data(client.get(f"/api/books/{ids[-1]}"))
    jsonschema.validate(drawn, book_schema())
    assert drawn["id"] == ids[-1] and drawn["setting"] == "coral reef"
    assert drawn["cast"][0]["role"] == "hero" and drawn["cast"][0]["name"] == "Mia"
    assert [m["name"] for m in drawn["cast"]][1:] == ["Leo"]
    for page in drawn["pages"]:
        assert page["place"] and page["characters"][0] == "Mia"
        assert page["image"].startswith("/generated/")
        assert client.get(page["image"]).headers["content-type"] == "image/png"
    undrawn = _data(client.get(f"/api/books/{ids[1]}"))
    jsonschema.validate(undrawn, book_schema())
    assert [m["name"] for m in undrawn["cast"]] == ["Mia"]
    assert all(p["image"] is None and p["illustration"] is None for p in undrawn["pages"])


def test_the_pdf_export(client: ApiClient, library: tuple[Engine, list[str]]) -> None:
    engine, ids = library
    response = client.get(f"/api/books/{ids[-1]}/export.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    name = download_name(engine.get_book(ids[-1]).title, "pdf")
    assert response.headers["content-disposition"] == (
        f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    )
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 4


def test_the_zip_holds_the_api_s_document(
    client: ApiClient, library: tuple[Engine, list[str]]
) -> None:
    book_id = library[1][-1]
    response = client.get(f"/api/books/{book_id}/export.zip")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    in_zip = json.loads(archive.read("book.json"))
    jsonschema.validate(in_zip, book_schema())
    from_api = _data(client.get(f"/api/books/{book_id}"))
    for document in (in_zip, from_api):
        for page in document["pages"]:
            assert page.pop("image") is not None
        for member in document["cast"]:
            assert member.pop("sheet") is not None
    assert in_zip == from_api
    pictures = [n for n in archive.namelist() if n.startswith("images/")]
    assert len(pictures) == 4 + len(in_zip["cast"])  # pages and character sheets


def test_deleting_a_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(make_settings(tmp_path))
    try:
        client = _client(engine)
        book = engine.create_book(_request(1), run_async=False).book
        images = [p["image"] for p in _data(client.get(f"/api/books/{book.id}"))["pages"]]
        assert _data(client.request("DELETE", f"/api/books/{book.id}")) == {"deleted": book.id}
        assert client.get(f"/api/books/{book.id}").status_code == 404
        assert all(client.get(image).status_code == 404 for image in images)
        assert not list((tmp_path / "generated").glob("*.png"))
        assert _data(client.get("/api/books")) == {"books": [], "nextCursor": None}
    finally:
        engine.close(wait=True)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/books/{}"),
        ("DELETE", "/api/books/{}"),
        ("GET", "/api/books/{}/export.pdf"),
        ("GET", "/api/books/{}/export.zip"),
    ],
)
def test_an_unknown_book_is_a_404_with_the_error_body(
    client: ApiClient, method: str, path: str
) -> None:
    response = client.request(method, path.format(UNKNOWN))
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"success": False, "error": f"No book with id {UNKNOWN!r}."}


def test_a_title_in_any_script_downloads_under_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine(make_settings(tmp_path))
    try:
        hero = Character.create("Zoë Миша", 5)
        book = engine.create_book(StoryRequest.create(hero, "A kite", pages=4), illustrate=False)
        response = _client(engine).get(f"/api/books/{book.book.id}/export.zip")
        assert response.status_code == 200
        disposition = response.headers["content-disposition"]
        assert (
            disposition.isascii()
            and "zo%C3%AB-%D0%BC%D0%B8%D1%88%D0%B0" in disposition.split("filename*=UTF-8''")[1]
        )
    finally:
        engine.close(wait=True)


def test_an_empty_library_has_no_next_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(make_settings(tmp_path))
    try:
        data = _data(_client(engine).get("/api/books"))
        assert data == {"books": [], "nextCursor": None}
    finally:
        engine.close(wait=True)


def test_the_book_endpoints_need_the_token_when_it_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine(make_settings(tmp_path, api_token=TOKEN))
    try:
        book_id = engine.create_book(_request(2), illustrate=False).book.id
        anonymous = _client(engine)
        for method, path in [
            ("GET", "/api/books"),
            ("GET", f"/api/books/{book_id}"),
            ("DELETE", f"/api/books/{book_id}"),
            ("GET", f"/api/books/{book_id}/export.pdf"),
            ("GET", f"/api/books/{book_id}/export.zip"),
        ]:
            response = anonymous.request(method, path)
            assert response.status_code == 401, path
            assert response.json()["success"] is False
        signed = _client(engine, authorization=f"Bearer {TOKEN}")
        assert _data(signed.get(f"/api/books/{book_id}"))["id"] == book_id
    finally:
        engine.close(wait=True)
