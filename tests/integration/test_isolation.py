"""The isolation matrix of issue 14: with sign-in on, the owner, another user and an
anonymous caller against every API and picture route, each answer checked.

One row per route (``ROWS``), as ``api_routes()`` declares it: what the owner gets (2xx and
their content), what another signed-in user gets (a 404 that tells nothing of the owner's, or
their own empty list), and the anonymous caller (401). A route added without a row fails
``test_every_route_has_a_row``. Then the picture addresses (signed, expiring, tampered), the
headers of private pictures, the refused and local modes, and BOOKS_PER_HOUR.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from starlette.routing import Route

from storyillus.access import Access, Mode
from storyillus.api import api_routes
from storyillus.service import Engine
from tests.asgi import ApiClient, in_process
from tests.conftest import make_settings, png_bytes

OWNER_EMAIL = "owner@example.org"
OTHER_EMAIL = "other@example.org"
HERO = "Lilavati"  # a name nobody else's book has, to look for in answers
OPEN_ROUTES = {
    (method, path) for method in ("GET", "HEAD") for path in ("/api/health", "/api/openapi.json")
}


@dataclass
class World:
    """A signed-in server with the owner's books, pictures and upload, and two callers."""

    engine: Engine
    api: ApiClient
    owner_token: str
    other_token: str
    upload: str
    """The owner's uploaded photo: ``/uploads/<name>``."""
    drawn: str
    """A book made in one go: sheets and pages drawn."""
    pending: str
    """A book whose cast awaits approval: sheets drawn, no pages."""
    spare: str
    """A book without pictures, for the owner to delete."""
    job: str
    page: str
    """``/generated/<name>`` of the drawn book's page 1."""
    sheet: str
    """``/generated/<name>`` of the pending book's hero sheet."""
    owner_id: str

    def headers(self, who: str) -> dict[str, str]:
        token = {"owner": self.owner_token, "other": self.other_token}.get(who)
        return {"Authorization": f"Bearer {token}"} if token else {}

    def secrets(self) -> set[str]:
        """What another caller must never see of the owner's."""
        owner = self.engine.as_user(self.engine.user_for_token(self.owner_token))
        titles = {owner.get_book(b).title for b in (self.drawn, self.pending, self.spare)}
        pictures = {Path(p).name for p in (self.upload, self.page, self.sheet)}
        return {HERO, OWNER_EMAIL, self.owner_id, *titles, *pictures}


def _generate(api: ApiClient, token: str, **extra: Any) -> httpx.Response:
    body = {"character": {"name": HERO, "age": 7}, "prompt": "A kite on the hill", "pages": 4}
    return api.post(
        "/api/stories/generate",
        json={**body, **extra},
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    settings = make_settings(
        tmp_path_factory.mktemp("isolation"), async_illustrations=False, enable_jobs_list=True
    )
    engine = Engine(settings, access=Access(Mode.SIGNED_IN))
    owner_token = engine.create_token(OWNER_EMAIL)
    other_token = engine.create_token(OTHER_EMAIL)
    with in_process(engine) as api:
        auth = {"Authorization": f"Bearer {owner_token}"}
        uploaded = api.post(
            "/api/upload",
            files={"character-image": ("me.png", png_bytes((240, 320)), "image/png")},
            headers=auth,
        )
        assert uploaded.status_code == 200, uploaded.text
        upload = uploaded.json()["data"]["path"]
        character = {"name": HERO, "age": 7, "imageUrl": upload}
        drawn = _generate(api, owner_token, character=character).json()["data"]["metadata"]
        pending = _generate(api, owner_token, character=character, approveCharacters=False)
        spare = _generate(api, owner_token, generateIllustrations=False)
        book_ids = [drawn["bookId"], pending.json()["data"]["metadata"]["bookId"]]
        owner = engine.as_user(engine.user_for_token(owner_token))
        page = owner.get_book(book_ids[0]).pages[0].illustration
        sheet = owner.get_book(book_ids[1]).cast[0].sheet
        assert page is not None and sheet, "the offline illustrator drew the page and sheet"
        yield World(
            engine=engine,
            api=api,
            owner_token=owner_token,
            other_token=other_token,
            upload=upload,
            drawn=book_ids[0],
            pending=book_ids[1],
            spare=spare.json()["data"]["metadata"]["bookId"],
            job=drawn["illustrationJobId"],
            page=page.local_url,
            sheet=sheet,
            owner_id=owner.user.id,
        )
    engine.close(wait=True)


# -- the table -------------------------------------------------------------------------

Check = Callable[[World, httpx.Response], None]


def _data(answer: httpx.Response) -> Any:
    body = answer.json()
    assert body["success"] is True, body
    return body["data"]


def _png(world: World, answer: httpx.Response) -> None:
    assert answer.content.startswith(b"\x89PNG")


def _document(world: World, answer: httpx.Response) -> None:
    data = _data(answer)
    assert data["id"] == world.drawn and HERO in json.dumps(data)
    # Its pictures as addresses the owner's browser can load: signed, not bare paths.
    assert "signature=" in json.dumps(data)


def _books(world: World, answer: httpx.Response) -> None:
    ids = {book["id"] for book in _data(answer)["books"]}
    assert {world.drawn, world.pending, world.spare} <= ids


def _job(world: World, answer: httpx.Response) -> None:
    data = _data(answer)
    assert data["status"] == "completed" and data["results"], data
    assert all("signature=" in r["localUrl"] for r in data["results"] if r.get("localUrl"))


def _jobs(world: World, answer: httpx.Response) -> None:
    assert world.job in {job["id"] for job in _data(answer)}


def _pdf(world: World, answer: httpx.Response) -> None:
    assert (
        answer.content.startswith(b"%PDF") and "attachment" in answer.headers["content-disposition"]
    )


def _zip(world: World, answer: httpx.Response) -> None:
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        assert any(name.endswith(".png") for name in archive.namelist())


def _made(world: World, answer: httpx.Response) -> None:
    data = _data(answer)
    assert data["character"]["name"] == HERO and len(data["pages"]) == 4


def _ideas(world: World, answer: httpx.Response) -> None:
    assert _data(answer)["suggestions"]


def _uploaded(world: World, answer: httpx.Response) -> None:
    assert answer.json()["data"]["path"].startswith("/uploads/")


def _changed(world: World, answer: httpx.Response) -> None:
    assert "a green raincoat" in json.dumps(_data(answer))


def _sheet_job(world: World, answer: httpx.Response) -> None:
    assert _data(answer)["status"] == "completed"
    # The new sheet replaces the old one: the picture tests below use the new one.
    world.sheet = _owner_engine(world).get_book(world.pending).cast[0].sheet or ""
    assert world.sheet


def _deleted(world: World, answer: httpx.Response) -> None:
    assert _data(answer) == {"deleted": world.spare}
    assert world.spare not in {b.id for b in world.engine.as_user(_owner(world)).list_books()}


def _owner(world: World) -> Any:
    return world.engine.user_for_token(world.owner_token)


def _empty(key: str | None) -> Check:
    def check(world: World, answer: httpx.Response) -> None:
        data = _data(answer)
        assert (data[key] if key else data) == [], data

    return check


def _picture_form(form: str) -> Callable[[World], str]:
    return lambda w: {"page": w.page, "sheet": w.sheet, "upload": w.upload}[form]


@dataclass(frozen=True)
class Row:
    method: str
    route: str
    """The path as ``api_routes()`` declares it."""
    url: Callable[[World], str]
    owner: Check
    owner_status: int = 200
    other_status: int = 404
    other: Check | None = None
    """What the other user's answer must show, beside holding nothing of the owner's."""
    body: Callable[[World], dict[str, Any]] | None = None
    files: bool = False
    anonymous_status: int = 401

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}"


def _kite(world: World) -> dict[str, Any]:
    return {
        "character": {"name": HERO, "age": 7, "imageUrl": world.upload},
        "prompt": "A kite on the hill",
        "pages": 4,
        "generateIllustrations": False,
    }


def _described(world: World, answer: httpx.Response) -> None:
    data = _data(answer)
    assert data.get("descriptor") or data.get("analysis"), data


def _drawn(world: World, answer: httpx.Response) -> None:
    data = _data(answer)
    picture = data.get("url") or data.get("imageUrl") or ""
    assert "signature=" in picture, data  # an address only the owner's browser was given


def _pictures(world: World, answer: httpx.Response) -> None:
    listed = _data(answer)
    assert listed and all("signature=" in item["url"] for item in listed), listed


def _events(world: World, answer: httpx.Response) -> None:
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert "event: page" in answer.text and "event: end" in answer.text
    assert "signature=" in answer.text  # the pages' addresses, loadable by the owner only


def _hero_with_upload(world: World) -> dict[str, Any]:
    return {"name": HERO, "age": 7, "imageUrl": world.upload}


def _scene(world: World) -> dict[str, Any]:
    return {"character": _hero_with_upload(world), "sceneDescription": "A kite on the hill"}


IMAGES = "/api/images/"
BOOK = "/api/books/{book_id}"
# Rows that change something come last, deleting a book at the very end.
ROWS = [
    Row("GET", "/api/health", lambda w: "/api/health", lambda w, a: None, 200, 200, None, None,
        anonymous_status=200),
    Row("GET", "/api/openapi.json", lambda w: "/api/openapi.json", lambda w, a: None, 200, 200,
        anonymous_status=200),
    Row("GET", "/api/books", lambda w: "/api/books", _books, other_status=200,
        other=_empty("books")),
    Row("GET", BOOK, lambda w: f"/api/books/{w.drawn}", _document),
    Row("GET", BOOK + "/export.pdf", lambda w: f"/api/books/{w.drawn}/export.pdf", _pdf),
    Row("GET", BOOK + "/export.zip", lambda w: f"/api/books/{w.drawn}/export.zip", _zip),
    Row("GET", "/api/stories/illustrations/job/{job_id}",
        lambda w: f"/api/stories/illustrations/job/{w.job}", _job),
    Row("GET", "/api/stories/illustrations/job/{job_id}/events",
        lambda w: f"/api/stories/illustrations/job/{w.job}/events", _events),
    Row("GET", "/api/stories/illustrations/jobs", lambda w: "/api/stories/illustrations/jobs",
        _jobs, other_status=200, other=_empty(None)),
    Row("GET", "/generated/{name}", _picture_form("page"), _png),
    Row("GET", "/generated/{name}", _picture_form("sheet"), _png),
    Row("GET", "/uploads/{name}", _picture_form("upload"), _png),
    Row("POST", "/api/stories/suggestions", lambda w: "/api/stories/suggestions", _ideas,
        other_status=200, body=lambda w: {"character": {"name": "Otto", "age": 5}}),
    Row("POST", "/api/upload", lambda w: "/api/upload", _uploaded, other_status=200,
        files=True),
    # Another user cannot make a book from the owner's upload: to them it does not exist.
    Row("POST", "/api/stories/generate", lambda w: "/api/stories/generate", _made,
        other_status=400, body=_kite),
    Row("PATCH", BOOK + "/cast/{name}", lambda w: f"/api/books/{w.pending}/cast/{HERO}",
        _changed, body=lambda w: {"description": f"{HERO} in a green raincoat"}),
    Row("POST", BOOK + "/cast/{name}/redraw",
        lambda w: f"/api/books/{w.pending}/cast/{HERO}/redraw", _sheet_job),
    Row("POST", BOOK + "/approve", lambda w: f"/api/books/{w.pending}/approve", _job),
    # The seed system's picture endpoints: another user cannot use the owner's upload.
    Row("POST", "/api/character/analyze-image", lambda w: "/api/character/analyze-image",
        _described, other_status=400, body=lambda w: {"imageUrl": w.upload}),
    Row("POST", IMAGES + "analyze-character-image", lambda w: IMAGES + "analyze-character-image",
        _described, other_status=400, body=lambda w: {"imageUrl": w.upload}),
    Row("POST", IMAGES + "generate-character-portrait",
        lambda w: IMAGES + "generate-character-portrait", _drawn, other_status=400,
        body=lambda w: {"character": _hero_with_upload(w)}),
    Row("POST", IMAGES + "generate-illustration", lambda w: IMAGES + "generate-illustration",
        _drawn, other_status=400, body=_scene),
    Row("POST", IMAGES + "generate-character-consistent-illustration",
        lambda w: IMAGES + "generate-character-consistent-illustration", _drawn,
        other_status=400, body=_scene),
    # Offline there is no edit provider: the owner hears so (503), the other user first that
    # the upload is not theirs.
    Row("POST", IMAGES + "generate-with-gpt-image-1",
        lambda w: IMAGES + "generate-with-gpt-image-1", lambda w, a: None, owner_status=503,
        other_status=400, body=_scene),
    Row("GET", IMAGES + "generated", lambda w: IMAGES + "generated", _pictures,
        other_status=200, other=_empty(None)),
    Row("DELETE", BOOK, lambda w: f"/api/books/{w.spare}", _deleted),
]  # fmt: skip


def _declared(engine: Engine) -> set[tuple[str, str]]:
    """Every (method, path) ``api_routes()`` serves, HEAD included (Starlette answers HEAD
    wherever it answers GET, through the same endpoint)."""
    return {
        (method, route.path)
        for route in api_routes(lambda: engine)
        if isinstance(route, Route)
        for method in route.methods or ()
    }


def test_every_route_has_a_row(world: World) -> None:
    # HEAD is asked beside GET in each GET row.
    declared = {(m, p) for m, p in _declared(world.engine) if m != "HEAD"}
    rows = {(row.method, row.route) for row in ROWS}
    assert declared - rows == set(), "a route without a row in the isolation matrix"
    assert rows - declared == set(), "a row for a route that is gone"


def _call(world: World, row: Row, who: str) -> httpx.Response:
    kwargs: dict[str, Any] = {"headers": world.headers(who)}
    if row.body is not None:
        kwargs["json"] = row.body(world)
    if row.files:
        kwargs["files"] = {"character-image": ("me.png", png_bytes((200, 260)), "image/png")}
    return world.api.request(row.method, row.url(world), **kwargs)


def _says_nothing_of_the_owner(world: World, answer: httpx.Response, asked: str) -> None:
    text = answer.content.decode("utf-8", "replace")
    for secret in world.secrets():
        if secret not in asked:  # an id the caller typed may be echoed back in the error
            assert secret not in text, f"{secret!r} in {text[:300]!r}"


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_owner_other_user_and_anonymous(world: World, row: Row) -> None:
    asked = row.url(world)
    anonymous = _call(world, row, "anonymous")
    assert anonymous.status_code == row.anonymous_status, anonymous.text
    if row.anonymous_status == 401:
        assert anonymous.headers["www-authenticate"] == "Bearer"
        assert anonymous.json()["success"] is False
        assert "Authorization: Bearer" in anonymous.json()["error"]
        _says_nothing_of_the_owner(world, anonymous, asked)

    if row.method == "GET":  # the same answer to HEAD, without a body
        head = world.api.request("HEAD", asked, headers={})
        assert head.status_code == row.anonymous_status and head.content == b""
        head = world.api.request("HEAD", asked, headers=world.headers("other"))
        assert head.status_code == row.other_status and head.content == b""

    other = _call(world, row, "other")
    assert other.status_code == row.other_status, other.text
    if row.route not in ("/api/health", "/api/openapi.json"):
        _says_nothing_of_the_owner(world, other, asked)
    if row.other_status >= 400:
        assert other.json()["success"] is False and other.json()["error"]
    if row.other is not None:
        row.other(world, other)

    owner = _call(world, row, "owner")
    assert owner.status_code == row.owner_status, owner.text
    row.owner(world, owner)


# -- picture addresses -------------------------------------------------------------------


def _owner_engine(world: World) -> Engine:
    return world.engine.as_user(_owner(world))


@pytest.mark.parametrize("form", ["page", "sheet", "upload"])
def test_a_bare_picture_path_is_401_a_signed_one_200_a_tampered_one_403(
    world: World, form: str
) -> None:
    path = _picture_form(form)(world)
    assert world.api.get(path).status_code == 401
    signed = _owner_engine(world).picture_address(path)
    assert signed is not None and signed != path
    answer = world.api.get(signed)  # no token: the signature is the key
    assert answer.status_code == 200 and answer.content.startswith(b"\x89PNG")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "private, no-store"
    assert "default-src 'none'" in answer.headers["content-security-policy"]

    query = parse_qs(urlsplit(signed).query)
    expires, signature = query["expires"][0], query["signature"][0]
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    other_page = world.page if form != "page" else world.sheet
    tampered = [
        f"{path}?{urlencode({'expires': expires, 'signature': flipped})}",
        f"{path}?{urlencode({'expires': int(expires) + 3600, 'signature': signature})}",
        f"{path}?{urlencode({'expires': expires, 'signature': ''})}",
        # another picture's path with this one's signature
        f"{other_page}?{urlencode({'expires': expires, 'signature': signature})}",
    ]
    for address in tampered:
        refused = world.api.get(address)
        assert refused.status_code == 403, address
        assert refused.json()["success"] is False
        assert refused.content.find(b"\x89PNG") == -1


def test_owner_pictures_carry_private_headers(world: World) -> None:
    for path in (world.page, world.sheet, world.upload):
        answer = world.api.get(path, headers=world.headers("owner"))
        assert answer.status_code == 200
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cache-control"] == "private, no-store"
        csp = answer.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "sandbox" in csp


def test_a_signed_address_works_until_it_expires_then_403(tmp_path: Path) -> None:
    # The shortest SIGNED_URL_SECONDS the setting takes is 60; a test's override may be 1.
    engine = Engine(
        make_settings(tmp_path, async_illustrations=False, signed_url_seconds=1),
        access=Access(Mode.SIGNED_IN),
    )
    try:
        token = engine.create_token(OWNER_EMAIL)
        with in_process(engine) as api:
            uploaded = api.post(
                "/api/upload",
                files={"character-image": ("me.png", png_bytes(), "image/png")},
                headers={"Authorization": f"Bearer {token}"},
            )
            owner = engine.as_user(engine.user_for_token(token))
            signed = owner.picture_address(uploaded.json()["data"]["path"])
            assert api.get(signed).status_code == 200
            expires = int(parse_qs(urlsplit(signed).query)["expires"][0])
            time.sleep(max(0.0, expires - time.time()) + 1.1)
            late = api.get(signed)
            assert late.status_code == 403, late.text
            assert "expired" in late.json()["error"]
    finally:
        engine.close(wait=True)


# -- modes and limits ------------------------------------------------------------------


def _placeholder_url(route: Route) -> str:
    return (
        route.path.replace("{book_id}", "b" * 32)
        .replace("{job_id}", "j" * 32)
        .replace("{name}", "x.png")
    )


def test_a_refused_server_answers_403_with_the_refusal_on_every_route(tmp_path: Path) -> None:
    access = Access(Mode.REFUSED, "0.0.0.0")
    engine = Engine(make_settings(tmp_path), access=access)
    try:
        with in_process(engine) as api:
            for method, path in sorted(_declared(engine) - OPEN_ROUTES):
                route = next(r for r in api_routes(lambda: engine) if r.path == path)
                answer = api.request(method, _placeholder_url(route))
                assert answer.status_code == 403, (method, path)
                if method != "HEAD":
                    assert answer.json() == {"success": False, "error": access.refusal}
            assert api.get("/api/health").status_code == 200
    finally:
        engine.close(wait=True)


def test_local_mode_serves_the_seed_api_without_a_token(tmp_path: Path) -> None:
    engine = Engine(make_settings(tmp_path, async_illustrations=False))
    try:
        with in_process(engine) as api:
            upload = api.post(
                "/api/upload", files={"character-image": ("me.png", png_bytes(), "image/png")}
            ).json()["data"]["path"]
            made = api.post(
                "/api/stories/generate",
                json={"character": {"name": HERO, "age": 7, "imageUrl": upload}, "prompt": "Kites"},
            )
            assert made.status_code == 200, made.text
            job_id = made.json()["data"]["metadata"]["illustrationJobId"]
            job = api.get(f"/api/stories/illustrations/job/{job_id}").json()["data"]
            assert job["status"] == "completed"
            url = job["results"][0]["localUrl"]
            assert url.startswith("/generated/") and "signature" not in url  # the seed's path
            picture = api.get(url)
            assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")
            assert api.get(upload).status_code == 200
            assert len(api.get("/api/books").json()["data"]["books"]) == 1
    finally:
        engine.close(wait=True)


def test_books_per_hour_is_429_with_retry_after_per_user(tmp_path: Path) -> None:
    engine = Engine(make_settings(tmp_path, books_per_hour=2), access=Access(Mode.SIGNED_IN))
    try:
        owner = engine.create_token(OWNER_EMAIL)
        other = engine.create_token(OTHER_EMAIL)
        with in_process(engine) as api:
            for _ in range(2):
                assert _generate(api, owner, generateIllustrations=False).status_code == 200
            refused = _generate(api, owner, generateIllustrations=False)
            assert refused.status_code == 429, refused.text
            assert 0 < int(refused.headers["retry-after"]) <= 3601
            assert refused.json()["success"] is False
            assert "BOOKS_PER_HOUR=2" in refused.json()["error"]
            books = api.get("/api/books", headers={"Authorization": f"Bearer {owner}"})
            assert len(books.json()["data"]["books"]) == 2, "the refused book was not made"
            # The limit is each user's own.
            assert _generate(api, other, generateIllustrations=False).status_code == 200
    finally:
        engine.close(wait=True)
