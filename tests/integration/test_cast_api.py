"""The parent's steps through the API, in-process: a book that waits for its characters'
approval, companions' own pictures, redrawing one sheet, correcting a cast member, and
approving. The offline illustrator draws; answers are checked as a client would read them."""

from __future__ import annotations

import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import jsonschema
import pytest

from storyillus.config import Settings
from storyillus.document import book_schema
from storyillus.illustration.base import SHEET, Picture, SceneRequest
from storyillus.illustration.offline import OfflineIllustrator
from storyillus.service import Engine
from tests.asgi import ApiClient, in_process
from tests.conftest import make_settings, png_bytes
from tests.providers import chain_of

ZOE = "Zoë Ann"  # a space and an accent: every name in a URL is percent-encoded


class RecordingIllustrator:
    """The offline illustrator, remembering the sheet requests; a gate can hold sheets."""

    name = "offline"
    model = "offline-illustrator"

    def __init__(self) -> None:
        self.sheets: list[SceneRequest] = []
        self.gate = threading.Event()
        self.gate.set()
        self._real = OfflineIllustrator()

    def illustrate(self, request: SceneRequest) -> Picture:
        if request.kind == SHEET:
            self.sheets.append(request)
            self.gate.wait(timeout=30)
        return self._real.illustrate(request)


@pytest.fixture
def illustrator() -> RecordingIllustrator:
    return RecordingIllustrator()


def _engine(home: Path, illustrator: RecordingIllustrator, **overrides: object) -> Engine:
    settings: Settings = make_settings(home, **({"async_illustrations": False} | overrides))
    return Engine(settings, chain_factory=chain_of(illustrator))


@pytest.fixture
def engine(tmp_path: Path, illustrator: RecordingIllustrator) -> Iterator[Engine]:
    made = _engine(tmp_path, illustrator)
    yield made
    made.close(wait=True)


@pytest.fixture
def client(engine: Engine) -> Iterator[ApiClient]:
    with in_process(engine) as api:
        yield api


def _data(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True
    return body["data"]


def _error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False and body["error"].endswith("."), body
    return body["error"]


def _upload(client: ApiClient, colour: tuple[int, int, int]) -> str:
    files = {"character-image": ("me.png", png_bytes((120, 160), colour), "image/png")}
    return _data(client.post("/api/upload", files=files))["path"]


def _generate(client: ApiClient, **extra: Any) -> httpx.Response:
    siblings = extra.pop("siblings", [{"name": ZOE, "relation": "sister"}, "Max"])
    body = {
        "character": {"name": "Lila", "age": 7, "siblings": siblings},
        "prompt": "A kite in the park",
        "pages": 4,
        "seed": 5,
    }
    return client.post("/api/stories/generate", json=body | extra)


def _waiting_book(client: ApiClient, **extra: Any) -> str:
    story = _data(_generate(client, approveCharacters=False, **extra))
    return story["metadata"]["bookId"]


def _book(client: ApiClient, book_id: str) -> dict[str, Any]:
    document = _data(client.get(f"/api/books/{book_id}"))
    jsonschema.validate(document, book_schema())
    return document


def _cast(client: ApiClient, book_id: str) -> dict[str, dict[str, Any]]:
    return {member["name"]: member for member in _book(client, book_id)["cast"]}


def _member_url(book_id: str, name: str, tail: str = "") -> str:
    return f"/api/books/{book_id}/cast/{quote(name, safe='')}{tail}"


# -- making a book that waits ---------------------------------------------------------


def test_generate_in_one_go_is_unchanged_for_the_seeds_clients(client: ApiClient) -> None:
    story = _data(_generate(client))
    assert story["metadata"]["approved"] is True
    assert [r["pageNumber"] for r in story["illustrations"]] == [1, 2, 3, 4]
    book = _book(client, story["metadata"]["bookId"])
    assert book["approved"] is True
    assert all(page["image"] for page in book["pages"])
    assert all(member["sheet"] for member in book["cast"])


def test_a_book_can_wait_for_its_characters_approval(client: ApiClient) -> None:
    story = _data(_generate(client, approveCharacters=False))
    meta = story["metadata"]
    assert meta["approved"] is False and "illustrations" not in story
    job = _data(client.get(f"/api/stories/illustrations/job/{meta['illustrationJobId']}"))
    assert job["kind"] == "sheets" and job["status"] == "completed"
    assert [r["description"] for r in job["results"]] == [
        "Character sheet of Lila",
        f"Character sheet of {ZOE}",
        "Character sheet of Max",
    ]
    assert story["sheets"] == job["results"]
    book = _book(client, meta["bookId"])
    assert book["approved"] is False
    assert [page["image"] for page in book["pages"]] == [None] * 4
    for member in book["cast"]:
        assert member["sheet"].startswith("/generated/sheet-")
        picture = client.get(member["sheet"])
        assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")


@pytest.mark.parametrize("flag", ["no", 0, None, [False]])
def test_approve_characters_must_be_true_or_false(client: ApiClient, flag: Any) -> None:
    message = _error(_generate(client, approveCharacters=flag), 400)
    assert message == "approveCharacters must be true or false."


# -- companions' own pictures ----------------------------------------------------------


def test_a_companions_picture_reaches_its_sheet(
    client: ApiClient, engine: Engine, illustrator: RecordingIllustrator
) -> None:
    hero = _upload(client, (240, 40, 120))
    zoe = _upload(client, (40, 200, 120))
    response = _generate(
        client,
        approveCharacters=False,
        character={
            "name": "Lila",
            "age": 7,
            "imageUrl": hero,
            "siblings": [{"name": ZOE, "relation": "sister", "imageUrl": zoe}, "Max"],
        },
    )
    story = _data(response)
    book_id = story["metadata"]["bookId"]
    stored = engine.uploaded_file(zoe.rsplit("/", 1)[-1])
    assert stored is not None
    companions = engine.get_book(book_id).character.companions
    assert [(c.name, c.image_path) for c in companions] == [(ZOE, str(stored)), ("Max", None)]
    by_member = {r.cast[0].name: r.reference for r in illustrator.sheets}
    assert by_member[ZOE] == stored and by_member["Max"] is None
    referenced = {r["description"]: r["characterReferenced"] for r in story["sheets"]}
    assert referenced == {
        "Character sheet of Lila": True,
        f"Character sheet of {ZOE}": True,
        "Character sheet of Max": False,
    }
    # Where the pictures are kept is the server's business: no path in any answer.
    document = _book(client, book_id)
    assert [s["hasReferencePicture"] for s in document["character"]["siblings"]] == [True, False]
    assert all("imagePath" not in sibling for sibling in story["character"]["siblings"])
    for answer in (response.text, client.get(f"/api/books/{book_id}").text):
        assert str(stored.parent) not in answer


@pytest.mark.parametrize("url", ["/uploads/character-image-0000000000000000.png", "x.png", "/etc"])
def test_a_companions_picture_must_be_an_upload(client: ApiClient, url: str) -> None:
    siblings = [{"name": ZOE, "imageUrl": url}]
    message = _error(_generate(client, siblings=siblings), 400)
    assert message.startswith("character.siblings[0].imageUrl must be the path of a picture")


def test_a_companions_picture_url_must_be_a_string(client: ApiClient) -> None:
    message = _error(_generate(client, siblings=["Max", {"name": ZOE, "imageUrl": 5}]), 400)
    assert message == "character.siblings[1].imageUrl must be a string."


# -- redrawing one sheet ----------------------------------------------------------------


def test_redrawing_one_sheet_keeps_the_others(client: ApiClient) -> None:
    book_id = _waiting_book(client)
    before = _cast(client, book_id)
    job = _data(client.post(_member_url(book_id, ZOE, "/redraw")))
    assert job["kind"] == "sheet" and job["status"] == "completed"
    assert [(r["pageNumber"], r["description"]) for r in job["results"]] == [
        (2, f"Character sheet of {ZOE}")
    ]
    after = _cast(client, book_id)
    assert after[ZOE]["sheet"] != before[ZOE]["sheet"]
    assert client.get(after[ZOE]["sheet"]).status_code == 200
    assert after["Lila"]["sheet"] == before["Lila"]["sheet"]
    assert after["Max"]["sheet"] == before["Max"]["sheet"]
    assert client.get(before[ZOE]["sheet"]).status_code == 404  # the old sheet is gone


def test_a_name_may_come_decomposed(client: ApiClient) -> None:
    book_id = _waiting_book(client)
    decomposed = unicodedata.normalize("NFD", ZOE)
    assert decomposed != ZOE
    job = _data(client.post(_member_url(book_id, decomposed, "/redraw")))
    assert job["results"][0]["description"] == f"Character sheet of {ZOE}"


# -- correcting a cast member ---------------------------------------------------------


def test_a_new_description_is_kept_word_for_word(client: ApiClient) -> None:
    book_id = _waiting_book(client)
    words = "Zoë Ann, a girl with curly red hair and round glasses, in a green raincoat."
    document = _data(client.patch(_member_url(book_id, ZOE), json={"description": words}))
    jsonschema.validate(document, book_schema())
    assert {m["name"]: m["description"] for m in document["cast"]}[ZOE] == words
    assert _cast(client, book_id)[ZOE]["description"] == words
    assert _cast(client, book_id)["Max"]["description"] != words


def test_a_new_look_changes_what_it_names_and_the_description(client: ApiClient) -> None:
    book_id = _waiting_book(client)
    before = _cast(client, book_id)[ZOE]
    change = {
        "hair": {"colour": "fiery red", "hex": "#C0392B", "detail": "curly"},
        "extras": ["round glasses"],
    }
    document = _data(client.patch(_member_url(book_id, ZOE), json={"look": change}))
    member = {m["name"]: m for m in document["cast"]}[ZOE]
    assert member["look"]["hair"] == {"colour": "fiery red", "hex": "#c0392b", "detail": "curly"}
    assert member["look"]["extras"] == ["round glasses"]
    for kept in ("skin", "eyes", "clothes"):
        assert member["look"][kept] == before["look"][kept]
    assert "fiery red" in member["description"]
    assert member["description"] != before["description"]


def test_a_detail_alone_keeps_the_colour(client: ApiClient) -> None:
    book_id = _waiting_book(client)
    before = _cast(client, book_id)["Lila"]["look"]["clothes"]
    look = {"clothes": {"detail": "raincoat"}}
    document = _data(client.patch(_member_url(book_id, "Lila"), json={"look": look}))
    clothes = document["cast"][0]["look"]["clothes"]
    assert clothes == before | {"detail": "raincoat"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Send a new description, a new look, or both."),
        ({"description": 7}, "description must be a string."),
        ({"description": "   "}, "needs a description an illustrator can draw from."),
        ({"description": "x" * 601}, "A description can be at most 600 characters."),
        ({"look": "red hair"}, "look must be an object with hair, skin, eyes, clothes"),
        ({"look": {"hat": {}}}, "look has no field 'hat'"),
        ({"look": {"hair": {"colour": "red", "hex": "#12345"}}}, "look.hair.hex must be a colour"),
        ({"look": {"hair": {"colour": "red", "hex": "red"}}}, "look.hair.hex must be a colour"),
        ({"look": {"eyes": {"colour": "green"}}}, "look.eyes: give colour and hex together"),
        ({"look": {"hair": {"colour": "", "hex": ""}}}, "look.hair needs a colour word"),
        ({"look": {"eyes": {"shade": "dark"}}}, "look.eyes has no field 'shade'"),
        ({"look": {"eyes": {"detail": 3}}}, "look.eyes.detail must be a string."),
        ({"look": {"extras": "glasses"}}, "look.extras must be a list of strings."),
        ({"look": {"extras": ["a"] * 9}}, "look.extras can list at most 8 things."),
    ],
)
def test_a_bad_correction_is_a_400_with_a_sentence_and_changes_nothing(
    client: ApiClient, body: dict[str, Any], message: str
) -> None:
    book_id = _waiting_book(client)
    before = _book(client, book_id)
    error = _error(client.patch(_member_url(book_id, ZOE), json=body), 400)
    assert message in error
    assert _book(client, book_id) == before


def test_a_correction_must_be_a_json_object(client: ApiClient) -> None:
    book_id = _waiting_book(client)
    url = _member_url(book_id, ZOE)
    assert _error(client.patch(url, content=b"{oops"), 400) == "The request body must be JSON."
    assert _error(client.patch(url, json=[1]), 400) == "The request body must be a JSON object."


# -- approving ---------------------------------------------------------------------------


def test_approving_draws_the_pages_from_the_corrected_cast(
    client: ApiClient, engine: Engine
) -> None:
    book_id = _waiting_book(client)
    words = "Zoë Ann, a girl with curly red hair and round glasses, in a green raincoat."
    _data(client.patch(_member_url(book_id, ZOE), json={"description": words}))
    job = _data(client.post(f"/api/books/{book_id}/approve"))
    assert job["kind"] == "book" and job["status"] == "completed"
    assert [r["pageNumber"] for r in job["results"]] == [1, 2, 3, 4]
    book = _book(client, book_id)
    assert book["approved"] is True
    assert all(page["image"] for page in book["pages"])
    assert {m["name"]: m["description"] for m in book["cast"]}[ZOE] == words
    again = _error(client.post(f"/api/books/{book_id}/approve"), 400)
    assert again == "This book's characters are already approved."


def test_approving_while_the_sheets_are_drawn_is_refused(
    tmp_path: Path, illustrator: RecordingIllustrator
) -> None:
    engine = _engine(tmp_path, illustrator, async_illustrations=True)
    illustrator.gate.clear()
    try:
        with in_process(engine) as client:
            story = _data(_generate(client, approveCharacters=False))
            book_id = story["metadata"]["bookId"]
            assert story["metadata"]["illustrationsPending"] is True
            error = _error(client.post(f"/api/books/{book_id}/approve"), 400)
            assert error == "Wait until the character sheets are drawn, then approve them."
            assert _book(client, book_id)["approved"] is False
            illustrator.gate.set()
            job_url = f"/api/stories/illustrations/job/{story['metadata']['illustrationJobId']}"
            deadline = time.monotonic() + 30
            while _data(client.get(job_url))["status"] != "completed":
                assert time.monotonic() < deadline
                time.sleep(0.05)
            assert _data(client.post(f"/api/books/{book_id}/approve"))["kind"] == "book"
    finally:
        illustrator.gate.set()
        engine.close(wait=True)


# -- unknown books and members -----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "tail"),
    [("POST", "/approve"), ("POST", "/cast/Lila/redraw"), ("PATCH", "/cast/Lila")],
)
def test_an_unknown_book_is_a_404(client: ApiClient, method: str, tail: str) -> None:
    response = client.request(method, f"/api/books/no-such-book{tail}", json={"description": "A"})
    assert "no-such-book" in _error(response, 404)


@pytest.mark.parametrize(("method", "tail"), [("POST", "/redraw"), ("PATCH", "")])
@pytest.mark.parametrize("name", ["Nobody", "Zoë", "lila", "Zoë Ann "])
def test_an_unknown_member_is_a_404(client: ApiClient, method: str, tail: str, name: str) -> None:
    book_id = _waiting_book(client)
    before = _book(client, book_id)
    response = client.request(method, _member_url(book_id, name, tail), json={"description": "A"})
    assert _error(response, 404) == f"Nobody called {name!r} is in book {book_id!r}."
    assert _book(client, book_id) == before
