"""The seed's JSON API on the real server (`streamlit run app.py`), driven over HTTP."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from storyillus import Character, Engine, StoryRequest
from storyillus.store import Store
from tests.conftest import make_settings, png_bytes
from tests.server import start, stop, wait_until_up

# The request in SEED-async-illustrations.md, as written there.
SEED_EXAMPLE = """{
    "character": {"name":"Lila","age":7,"personality":["brave","curious"],"interests":["space"],"imageUrl":"/uploads/character-image-123.jpg"},
    "prompt": "A cosmic garden adventure",
    "generateIllustrations": true
  }"""
TOKEN = "a-token-for-tests"


def _server(home: Path, env: dict[str, str] | None = None) -> Iterator[tuple[httpx.Client, Path]]:
    process, base = start(home, env)
    wait_until_up(process, base)
    with httpx.Client(base_url=base, timeout=60) as client:
        yield client, home
    stop(process)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    home = tmp_path_factory.mktemp("api")
    # A book made in the app (same home) before the server starts, to poll through the API.
    engine = Engine(make_settings(home))
    hero = Character.create("Kofi", 5)
    engine.create_book(StoryRequest.create(hero, "A boat", pages=4, seed=1), run_async=False)
    engine.close(wait=True)
    yield from _server(home)


@pytest.fixture(scope="module")
def sync_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    yield from _server(tmp_path_factory.mktemp("sync"), {"ASYNC_ILLUSTRATIONS": "false"})


@pytest.fixture(scope="module")
def secured_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    env = {"API_TOKEN": TOKEN, "ENABLE_JOBS_LIST_ENDPOINT": "true"}
    yield from _server(tmp_path_factory.mktemp("secured"), env)


def _upload(
    client: httpx.Client, data: bytes | None = None, name: str = "lila.png"
) -> httpx.Response:
    picture = data if data is not None else png_bytes((240, 320), (30, 140, 220))
    return client.post("/api/upload", files={"character-image": (name, picture, "image/png")})


def _poll(
    client: httpx.Client, job_id: str, timeout: float = 60
) -> tuple[dict[str, Any], list[int]]:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = client.get(f"/api/stories/illustrations/job/{job_id}")
        assert answer.status_code == 200
        job = answer.json()["data"]
        seen.append(len(job["results"]))
        if job["status"] in ("completed", "failed"):
            return job, seen
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


def test_the_seeds_curl_flow(api) -> None:
    client, home = api
    uploaded = _upload(client)
    assert uploaded.status_code == 200
    upload = uploaded.json()
    assert upload["success"] is True and upload["message"]
    assert upload["data"]["path"] == f"/uploads/{upload['data']['filename']}"
    assert client.get(upload["data"]["path"]).content.startswith(b"\x89PNG")

    # The seed's example verbatim names an upload we never received: a clear 400.
    refused = client.post(
        "/api/stories/generate", content=SEED_EXAMPLE, headers={"content-type": "application/json"}
    )
    assert refused.status_code == 400
    assert "imageUrl" in refused.json()["error"]

    body = SEED_EXAMPLE.replace("/uploads/character-image-123.jpg", upload["data"]["path"])
    answer = client.post(
        "/api/stories/generate", content=body, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 200
    data = answer.json()["data"]
    assert answer.json()["success"] is True
    assert data["story"] and data["character"]["name"] == "Lila"
    metadata = data["metadata"]
    assert metadata["illustrationsPending"] is True
    assert {"generatedAt", "model", "wordCount", "illustrationJobId"} <= metadata.keys()
    assert metadata["wordCount"] == len(data["story"].split())

    job, seen = _poll(client, metadata["illustrationJobId"])
    assert job["status"] == "completed" and job["error"] is None
    assert [r["pageNumber"] for r in job["results"]] == list(range(1, 9))
    assert seen == sorted(seen)
    for result in job["results"]:
        assert result["characterReferenced"] is True
        assert result["model"] and result["description"]
        image = client.get(result["localUrl"])
        assert image.status_code == 200
        assert Image.open(io.BytesIO(image.content)).size == (1024, 1024)

    # One store: the API's book is in the app's library.
    store = Store(home / "data" / "storyillus.sqlite3", home / "uploads")
    assert metadata["bookId"] in {b.id for b in store.books.newest_first()}
    store.close()


def test_a_book_made_in_the_app_can_be_polled_through_the_api(api) -> None:
    client, home = api
    store = Store(home / "data" / "storyillus.sqlite3", home / "uploads")
    kofi = next(b for b in store.books.newest_first() if b.character.name == "Kofi")
    job_id = store.jobs.for_book(kofi.id)[0].id
    store.close()
    job = client.get(f"/api/stories/illustrations/job/{job_id}").json()["data"]
    assert job["status"] == "completed" and len(job["results"]) == 4


def test_without_illustrations_there_is_no_job(api) -> None:
    client, _ = api
    body = {
        "character": {"name": "Mia", "age": 4},
        "prompt": "A picnic",
        "generateIllustrations": False,
    }
    metadata = client.post("/api/stories/generate", json=body).json()["data"]["metadata"]
    assert metadata["illustrationJobId"] is None and metadata["illustrationsPending"] is False


def test_suggestions(api) -> None:
    client, _ = api
    answer = client.post("/api/stories/suggestions", json={"character": {"name": "Lila", "age": 7}})
    ideas = answer.json()["data"]["suggestions"]
    assert len(ideas) == 5 and len(set(ideas)) == 5


def test_jobs_list_is_off_by_default(api) -> None:
    client, _ = api
    answer = client.get("/api/stories/illustrations/jobs")
    assert answer.status_code == 404
    assert "ENABLE_JOBS_LIST_ENDPOINT" in answer.json()["error"]


def test_sync_mode_returns_illustrations_inline(sync_api) -> None:
    client, _ = sync_api
    body = json.loads(SEED_EXAMPLE)
    del body["character"]["imageUrl"]
    body["pages"] = 4
    data = client.post("/api/stories/generate", json=body).json()["data"]
    assert data["metadata"]["illustrationsPending"] is False
    assert [r["pageNumber"] for r in data["illustrations"]] == [1, 2, 3, 4]
    assert all(r["localUrl"].startswith("/generated/") for r in data["illustrations"])


def test_token_guards_every_api_route_but_health(secured_api) -> None:
    client, _ = secured_api
    assert client.get("/api/health").status_code == 200
    for method, path in [
        ("GET", "/api/stories/illustrations/jobs"),
        ("GET", "/api/stories/illustrations/job/x"),
        ("POST", "/api/stories/generate"),
        ("POST", "/api/stories/suggestions"),
        ("POST", "/api/upload"),
    ]:
        answer = client.request(method, path)
        assert answer.status_code == 401, path
        assert answer.json() == {
            "success": False,
            "error": "This API needs 'Authorization: Bearer <API_TOKEN>'.",
        }
    wrong = client.get("/api/stories/illustrations/jobs", headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401
    auth = {"authorization": f"Bearer {TOKEN}"}
    body = {"character": {"name": "Lila", "age": 7}, "prompt": "A kite", "pages": 4}
    made = client.post("/api/stories/generate", json=body, headers=auth)
    assert made.status_code == 200
    listed = client.get("/api/stories/illustrations/jobs", headers=auth).json()["data"]
    assert made.json()["data"]["metadata"]["illustrationJobId"] in {j["id"] for j in listed}


GOOD = {"character": {"name": "Lila", "age": 7}, "prompt": "A kite"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"prompt": "A kite"}, "character is required"),
        ({"character": {"name": "Lila"}, "prompt": "A kite"}, "character.age is required."),
        (
            {"character": {"name": "Lila", "age": 0}, "prompt": "x"},
            "Age must be from 1 to 120, not 0.",
        ),
        ({"character": {"name": "Lila", "age": 200}, "prompt": "x"}, "Age must be from 1 to 120"),
        (
            {"character": {"name": "Lila", "age": True}, "prompt": "x"},
            "character.age must be a whole number.",
        ),
        (
            {"character": {"name": "Lila", "age": [7]}, "prompt": "x"},
            "character.age must be a whole number.",
        ),
        ({"character": {"name": 5, "age": 7}, "prompt": "x"}, "character.name must be a string."),
        ({"character": {"name": "", "age": 7}, "prompt": "x"}, "The hero needs a name."),
        (
            {
                "character": {"name": "L", "age": 7, "personality": "x" * 2},
                "prompt": "x",
                "pages": "8",
            },
            "pages must be a whole number",
        ),
        (
            {"character": {"name": "L", "age": 7, "interests": [1]}, "prompt": "x"},
            "character.interests must be a list of strings.",
        ),
        ({"character": {"name": "Lila", "age": 7}}, "The story needs an idea"),
        ({**GOOD, "pages": 40}, "Number of pages must be from 4 to 16, not 40."),
        ({**GOOD, "generateIllustrations": "yes"}, "generateIllustrations must be true or false."),
        (
            {"character": {"name": "L", "age": 7, "imageUrl": "/etc/passwd"}, "prompt": "x"},
            "imageUrl",
        ),
        (
            {
                "character": {
                    "name": "L",
                    "age": 7,
                    "imageUrl": "/uploads/../data/storyillus.sqlite3",
                },
                "prompt": "x",
            },
            "imageUrl",
        ),
        (
            {
                "character": {"name": "L", "age": 7, "imageUrl": "https://example.com/a.png"},
                "prompt": "x",
            },
            "imageUrl",
        ),
    ],
)
def test_bad_generate_requests_get_a_400_saying_what_is_wrong(
    api, body: dict, message: str
) -> None:
    client, _ = api
    answer = client.post("/api/stories/generate", json=body)
    assert answer.status_code == 400
    assert answer.json()["success"] is False
    assert message in answer.json()["error"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "must be JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"prompt": "' + b"x" * 300_000 + b'"}', "too large"),
    ],
)
def test_unreadable_bodies_are_400(api, content: bytes, message: str) -> None:
    client, _ = api
    answer = client.post(
        "/api/stories/generate", content=content, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 400
    assert message in answer.json()["error"]


def test_unknown_job_is_404(api) -> None:
    client, _ = api
    answer = client.get("/api/stories/illustrations/job/no-such-job")
    assert answer.status_code == 404
    assert answer.json() == {"success": False, "error": "No job with id 'no-such-job'."}


def _gif() -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (20, 20), c) for c in ("red", "blue")]
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "status", "message"),
    [
        (b"just text", "notes.png", 415, "not a picture"),
        (_gif(), "anim.gif", 415, "A GIF type picture is not accepted"),
        (b"", "empty.png", 400, "empty"),
        (png_bytes()[:60], "cut.png", 400, "damaged"),
        (b"\x89PNG" + b"0" * (11 * 1_048_576), "huge.png", 413, "limit is 10 MB"),
    ],
)
def test_bad_uploads(api, data: bytes, name: str, status: int, message: str) -> None:
    client, home = api
    before = sorted(p.name for p in (home / "uploads").iterdir())
    answer = _upload(client, data, name)
    assert answer.status_code == status
    assert message in answer.json()["error"]
    assert sorted(p.name for p in (home / "uploads").iterdir()) == before


def test_upload_needs_the_seeds_field_name(api) -> None:
    client, _ = api
    answer = client.post("/api/upload", files={"picture": ("a.png", png_bytes(), "image/png")})
    assert answer.status_code == 400
    assert "character-image" in answer.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/uploads/..%2Fdata%2Fstoryillus.sqlite3",
        "/uploads/%2e%2e/%2e%2e/etc/passwd",
        "/uploads/character-image-123.jpg",
        "/generated/..%252F..%252Fetc%252Fpasswd",
        "/uploads/%00.png",
    ],
)
def test_no_file_outside_generated_and_uploads_is_served(api, path: str) -> None:
    client, _ = api
    answer = client.get(path)
    assert 400 <= answer.status_code < 500
    assert b"root:" not in answer.content and b"SQLite format" not in answer.content
