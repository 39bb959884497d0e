"""The seed system's picture endpoints, its answer shapes, ``url`` for pages on other origins,
and CORS, over HTTP in-process (tests/asgi.py, the same middleware as app.py)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from storyillus import Engine
from storyillus.access import Access, Mode
from tests.asgi import ApiClient, in_process
from tests.conftest import make_settings, png_bytes
from tests.fake_openai import FakeOpenAI
from tests.photos import astronaut, png

OTHER_ORIGIN = "http://127.0.0.1:8123"
HERO = {"name": "Lila", "age": 7, "personality": ["brave"], "interests": ["space"]}
DESCRIPTOR = (
    "Lila has short curly red hair, green eyes and wears a yellow raincoat with a blue scarf."
)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    engines: list[Engine] = []

    def make(
        access: Access | None = None, home: Path | None = None, **settings: Any
    ) -> tuple[Engine, ApiClient]:
        engine = Engine(
            make_settings(home or tmp_path, **settings), **({"access": access} if access else {})
        )
        engines.append(engine)
        return engine, clients.enter_context(in_process(engine))

    from contextlib import ExitStack

    with ExitStack() as clients:
        yield make
    for engine in engines:
        engine.close(wait=True)


def _upload(client: ApiClient, data: bytes | None = None, **kwargs: Any) -> dict[str, Any]:
    picture = data if data is not None else png(astronaut(), 320)
    answer = client.post(
        "/api/upload", files={"character-image": ("hero.png", picture, "image/png")}, **kwargs
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _data(answer: httpx.Response, status: int = 200) -> Any:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["success"] is True
    return body["data"]


def _error(answer: httpx.Response, status: int) -> str:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["success"] is False and body["error"]
    return body["error"]


def _path_of(url: str) -> str:
    parsed = httpx.URL(url)
    return parsed.raw_path.decode()


# -- upload and analyse ----------------------------------------------------------------


def test_upload_answers_filename_and_path_at_the_top_level_too(serve: Any) -> None:
    _, client = serve()
    body = _upload(client)
    assert body["path"] == body["data"]["path"] and body["path"].startswith("/uploads/")
    assert body["filename"] == body["data"]["filename"] == body["path"].rsplit("/", 1)[1]


def test_analyze_image_offline_describes_the_look_and_keeps_it_by_hash(serve: Any) -> None:
    _, client = serve()
    path = _upload(client)["path"]
    first = _data(
        client.post("/api/character/analyze-image", json={"imageUrl": path, "traits": ["brave"]})
    )
    assert set(first) >= {"descriptor", "hash", "model", "confidence", "cached"}
    assert first["cached"] is False and 0 <= first["confidence"] <= 1
    assert "brown hair" in first["descriptor"] and "skin tone" in first["descriptor"]
    stored = client.get(path).content
    assert first["hash"] == hashlib.sha256(stored).hexdigest()
    again = _data(client.post("/api/character/analyze-image", json={"imageUrl": path}))
    assert again["cached"] is True
    assert {k: again[k] for k in ("descriptor", "hash", "model", "confidence")} == {
        k: first[k] for k in ("descriptor", "hash", "model", "confidence")
    }
    other = _data(client.post("/api/images/analyze-character-image", json={"imageUrl": path}))
    assert other == {"analysis": first["descriptor"], "imageUrl": path}


def test_a_flat_picture_is_still_described_never_an_error(serve: Any) -> None:
    _, client = serve()
    path = _upload(client, png_bytes((200, 200), (240, 240, 240)))["path"]
    found = _data(client.post("/api/character/analyze-image", json={"imageUrl": path}))
    assert found["descriptor"] and found["confidence"] < 0.5


def test_with_a_key_the_vision_model_writes_it_once(serve: Any, fake_openai: FakeOpenAI) -> None:
    _, client = serve(
        openai_api_key=fake_openai.api_key,
        openai_base_url=fake_openai.base_url,
        enable_image_analysis=True,
    )
    path = _upload(client)["path"]
    fake_openai.reply_chat(
        '{"descriptor": "Brown bob, hazel eyes, a green jumper.", "confidence": 0.9}'
    )
    first = _data(client.post("/api/character/analyze-image", json={"imageUrl": path}))
    assert first == {
        "descriptor": "Brown bob, hazel eyes, a green jumper.",
        "hash": first["hash"],
        "model": "gpt-5.4-mini",
        "confidence": 0.9,
        "cached": False,
    }
    second = _data(client.post("/api/character/analyze-image", json={"imageUrl": path}))
    assert second["cached"] is True and second["descriptor"] == first["descriptor"]
    assert len(fake_openai.requests_to("chat")) == 1  # the second call made no model call


@pytest.mark.parametrize(
    "url",
    [
        "/uploads/../data/storyillus.sqlite3",
        "/uploads/..%2fdata%2fstoryillus.sqlite3",
        "/uploads/character-image-0123456789abcdef.png",
        "/generated/anything.png",
        "/etc/passwd",
        "../../etc/passwd",
        "file:///etc/passwd",
        "http://127.0.0.1:1/uploads/character-image-0123456789abcdef.png",
        "/uploads/",
    ],
)
def test_analyze_image_refuses_what_is_not_an_upload(serve: Any, url: str) -> None:
    _, client = serve()
    for route in ("/api/character/analyze-image", "/api/images/analyze-character-image"):
        answer = client.post(route, json={"imageUrl": url})
        assert answer.status_code in (400, 404), answer.text
        assert answer.json()["success"] is False


def test_analyze_image_needs_an_image_url(serve: Any) -> None:
    _, client = serve()
    assert "imageUrl" in _error(client.post("/api/character/analyze-image", json={}), 400)
    assert "imageUrl" in _error(
        client.post("/api/images/analyze-character-image", json={"imageUrl": 3}), 400
    )
    assert "traits" in _error(
        client.post(
            "/api/character/analyze-image", json={"imageUrl": "/uploads/x", "traits": "brave"}
        ),
        400,
    )


def test_another_users_upload_is_not_analysed(serve: Any, tmp_path: Path) -> None:
    engine, client = serve(access=Access(Mode.SIGNED_IN))
    alice = {"authorization": f"Bearer {engine.create_token('alice@example.org')}"}
    bob = {"authorization": f"Bearer {engine.create_token('bob@example.org')}"}
    path = _upload(client, headers=alice)["path"]
    assert _data(
        client.post("/api/character/analyze-image", json={"imageUrl": path}, headers=alice)
    )
    answer = client.post("/api/character/analyze-image", json={"imageUrl": path}, headers=bob)
    assert answer.status_code in (400, 404)


# -- drawing -------------------------------------------------------------------------------


def _scene_body(**extra: Any) -> dict[str, Any]:
    return {
        "character": HERO,
        "sceneDescription": "Lila waters a garden of glowing flowers under the stars",
        "pageNumber": 3,
        "storyTitle": "Lila's Cosmic Garden",
    } | extra


@pytest.mark.parametrize(
    "route",
    ["/api/images/generate-illustration", "/api/images/generate-character-consistent-illustration"],
)
def test_an_illustration_comes_back_with_an_absolute_url(serve: Any, route: str) -> None:
    _, client = serve()
    path = _upload(client)["path"]
    result = _data(client.post(route, json=_scene_body(character=HERO | {"imageUrl": path})))
    assert result["pageNumber"] == 3
    assert result["description"] == _scene_body()["sceneDescription"]
    assert result["model"] == "offline-illustrator" and result["characterReferenced"] is True
    assert result["localUrl"].startswith("/generated/")
    assert result["url"] == "http://test" + result["localUrl"]
    picture = client.get(_path_of(result["url"]))
    assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")


def test_drawing_needs_a_character_and_a_scene(serve: Any) -> None:
    _, client = serve()
    for route in (
        "/api/images/generate-illustration",
        "/api/images/generate-character-consistent-illustration",
        "/api/images/generate-with-gpt-image-1",
    ):
        assert "character" in _error(client.post(route, json=_scene_body(character=None)), 400)
        assert "sceneDescription" in _error(
            client.post(route, json=_scene_body(sceneDescription="  ")), 400
        )
        assert "pageNumber" in _error(client.post(route, json=_scene_body(pageNumber="3")), 400)
        _error(client.post(route, json=_scene_body(character={"name": "Lila"})), 400)
    assert "character" in _error(
        client.post("/api/images/generate-character-portrait", json={}), 400
    )


def test_gpt_image_1_needs_the_heros_picture_and_an_edit_provider(serve: Any) -> None:
    _, client = serve()
    route = "/api/images/generate-with-gpt-image-1"
    assert "imageUrl" in _error(client.post(route, json=_scene_body()), 400)
    path = _upload(client)["path"]
    body = _scene_body(character=HERO | {"imageUrl": path})
    assert "edit" in _error(client.post(route, json=body), 503)


def test_gpt_image_1_edits_the_heros_picture(serve: Any, fake_openai: FakeOpenAI) -> None:
    _, client = serve(openai_api_key=fake_openai.api_key, openai_base_url=fake_openai.base_url)
    path = _upload(client)["path"]
    result = _data(
        client.post(
            "/api/images/generate-with-gpt-image-1",
            json=_scene_body(character=HERO | {"imageUrl": path}),
        )
    )
    assert result["model"] == "gpt-image-2" and result["characterReferenced"] is True
    assert [r.endpoint for r in fake_openai.requests] == ["edits"]
    assert client.get(_path_of(result["url"])).status_code == 200


def test_a_portrait_is_the_heros_character_sheet(serve: Any, fake_openai: FakeOpenAI) -> None:
    _, client = serve(openai_api_key=fake_openai.api_key, openai_base_url=fake_openai.base_url)
    path = _upload(client)["path"]
    character = HERO | {"imageUrl": path}
    found = _data(
        client.post("/api/images/generate-character-portrait", json={"character": character})
    )
    assert found["character"] == character
    assert found["imageUrl"].startswith("http://test/generated/")
    prompt = fake_openai.requests_to("edits")[0].fields["prompt"][0]
    assert prompt.startswith("Character sheet") and "Lila" in prompt
    assert client.get(_path_of(found["imageUrl"])).status_code == 200


def test_with_saving_off_pictures_come_back_as_b64_json(serve: Any) -> None:
    _, client = serve(save_generated_images=False, async_illustrations=False)
    result = _data(client.post("/api/images/generate-illustration", json=_scene_body()))
    assert "localUrl" not in result or result["localUrl"] is None
    assert "url" not in result
    assert base64.b64decode(result["b64_json"]).startswith(b"\x89PNG")
    story = _data(
        client.post(
            "/api/stories/generate",
            json={
                "character": HERO,
                "prompt": "A garden",
                "pages": 4,
                "generateIllustrations": True,
            },
        )
    )
    assert len(story["illustrations"]) == 4
    for page in story["illustrations"]:
        assert base64.b64decode(page["b64_json"]).startswith(b"\x89PNG") and "url" not in page


# -- the caller's pictures -------------------------------------------------------------


def test_generated_lists_the_callers_pictures_newest_first(serve: Any) -> None:
    engine, client = serve(access=Access(Mode.SIGNED_IN), max_files=0, max_mb=0)
    alice = {"authorization": f"Bearer {engine.create_token('alice@example.org')}"}
    bob = {"authorization": f"Bearer {engine.create_token('bob@example.org')}"}
    made = [
        _data(
            client.post(
                "/api/images/generate-illustration", json=_scene_body(pageNumber=n), headers=alice
            )
        )
        for n in (1, 2)
    ]
    listed = client.get("/api/images/generated", headers=alice).json()
    assert [p["filename"] for p in listed["data"]] == [
        m["localUrl"].split("?")[0].rsplit("/", 1)[1] for m in reversed(made)
    ]
    for picture in listed["data"]:
        assert set(picture) >= {"filename", "url", "size", "createdAt"} and picture["size"] > 0
        assert client.get(_path_of(picture["url"])).status_code == 200  # signed: any browser
        assert client.get(f"/generated/{picture['filename']}", headers=bob).status_code == 404
    assert client.get("/api/images/generated", headers=bob).json()["data"] == []
    assert client.get("/api/images/generated").status_code == 401


def test_generated_pages_past_a_hundred(serve: Any, tmp_path: Path) -> None:
    engine, client = serve(max_files=0, max_mb=0)
    # 105 pictures made the way the endpoints keep them (drawing each would be slow).
    from storyillus.storage.files import ImageFiles
    from storyillus.store import Store

    store = Store(engine.settings.database_path, engine.settings.uploads_dir)
    files = ImageFiles(engine.settings.generated_dir)
    names = []
    for _ in range(105):
        saved = files.save_loose(png_bytes((4, 4)), "offline")
        store.pictures.add_loose(saved, "local")
        names.append(saved.name)
    store.close()
    first = client.get("/api/images/generated").json()
    assert len(first["data"]) == 100 and first["nextCursor"]
    rest = client.get("/api/images/generated", params={"cursor": first["nextCursor"]}).json()
    assert rest["nextCursor"] is None
    assert [p["filename"] for p in first["data"] + rest["data"]] == names[::-1]
    assert "limit" in _error(client.get("/api/images/generated?limit=101"), 400)
    assert "cursor" in _error(client.get("/api/images/generated?cursor=abc"), 400)


def test_retention_takes_loose_pictures_too(serve: Any) -> None:
    _, client = serve(max_files=2)
    for n in (1, 2, 3):
        _data(client.post("/api/images/generate-illustration", json=_scene_body(pageNumber=n)))
    assert len(client.get("/api/images/generated").json()["data"]) == 2


# -- health, urls, CORS ---------------------------------------------------------------


def test_health_answers_the_seeds_fields(serve: Any) -> None:
    _, client = serve()
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["message"]
    assert health["version"] == "0.1.0"
    assert health["timestamp"].endswith("Z") and health["timestamp"][:2] == "20"


def test_sync_illustrations_carry_urls_that_serve_another_origin(serve: Any) -> None:
    _, client = serve(async_illustrations=False, cors_origins=OTHER_ORIGIN)
    path = _upload(client)["path"]
    story = _data(
        client.post(
            "/api/stories/generate",
            json={"character": HERO | {"imageUrl": path}, "prompt": "A garden", "pages": 4},
            headers={"origin": OTHER_ORIGIN},
        )
    )
    assert len(story["illustrations"]) == 4
    for page in story["illustrations"]:
        assert page["url"] == "http://test" + page["localUrl"]
        picture = client.get(_path_of(page["url"]), headers={"origin": OTHER_ORIGIN})
        assert picture.status_code == 200
        assert picture.headers["access-control-allow-origin"] == OTHER_ORIGIN
    job = _data(
        client.get(f"/api/stories/illustrations/job/{story['metadata']['illustrationJobId']}")
    )
    assert [r["url"] for r in job["results"]] == [p["url"] for p in story["illustrations"]]


def test_public_base_url_and_signed_urls(serve: Any) -> None:
    engine, client = serve(
        access=Access(Mode.SIGNED_IN),
        public_base_url="https://books.example.org/",
        async_illustrations=False,
    )
    alice = {"authorization": f"Bearer {engine.create_token('alice@example.org')}"}
    result = _data(
        client.post("/api/images/generate-illustration", json=_scene_body(), headers=alice)
    )
    assert result["url"].startswith("https://books.example.org/generated/")
    assert "signature=" in result["url"] and "expires=" in result["url"]
    assert client.get(_path_of(result["url"])).status_code == 200  # no token: the signature
    assert client.get(result["localUrl"].split("?")[0]).status_code == 401


def test_cors_for_the_configured_origins_only(serve: Any) -> None:
    _, client = serve(cors_origins=f"{OTHER_ORIGIN}, https://app.example.org")
    preflight = {
        "origin": OTHER_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization",
    }
    answer = client.request("OPTIONS", "/api/character/analyze-image", headers=preflight)
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == OTHER_ORIGIN
    assert "POST" in answer.headers["access-control-allow-methods"]
    health = client.get("/api/health", headers={"origin": "https://app.example.org"})
    assert health.headers["access-control-allow-origin"] == "https://app.example.org"
    for origin in ("https://evil.example.com", "null", "http://127.0.0.1:8124"):
        other = client.get("/api/health", headers={"origin": origin})
        assert "access-control-allow-origin" not in other.headers
        refused = client.request("OPTIONS", "/api/health", headers=preflight | {"origin": origin})
        assert "access-control-allow-origin" not in refused.headers


def test_no_cors_headers_without_cors_origins(serve: Any) -> None:
    _, client = serve()
    answer = client.get("/api/health", headers={"origin": OTHER_ORIGIN})
    assert not [h for h in answer.headers if h.startswith("access-control-")]
    preflight = client.request(
        "OPTIONS",
        "/api/health",
        headers={"origin": OTHER_ORIGIN, "access-control-request-method": "GET"},
    )
    assert not [h for h in preflight.headers if h.startswith("access-control-")]


def test_a_wildcard_origin_is_refused_as_a_setting(tmp_path: Path) -> None:
    from storyillus import ConfigError
    from storyillus.config import load_settings

    for wrong in ("*", "https://app.example.org/path", "app.example.org"):
        with pytest.raises(ConfigError, match="CORS_ORIGINS"):
            load_settings(environ={"CORS_ORIGINS": wrong}, dotenv_path=None, home=tmp_path)
    found = load_settings(
        environ={"CORS_ORIGINS": " HTTP://A.example.org, http://127.0.0.1:3000/ "},
        dotenv_path=None,
        home=tmp_path,
    )
    assert found.cors_origin_list == ("http://a.example.org", "http://127.0.0.1:3000")


# -- characterDescriptor ---------------------------------------------------------------


def test_a_character_descriptor_reaches_every_picture_of_the_hero_word_for_word(
    serve: Any, fake_openai: FakeOpenAI
) -> None:
    _, client = serve(
        openai_api_key=fake_openai.api_key,
        openai_base_url=fake_openai.base_url,
        async_illustrations=False,
        consistency_judge="false",
    )
    path = _upload(client)["path"]
    story = _data(
        client.post(
            "/api/stories/generate",
            json={
                "character": HERO | {"imageUrl": path, "siblings": ["Mia"]},
                "prompt": "A garden under the stars",
                "pages": 4,
                "characterDescriptor": DESCRIPTOR,
            },
        )
    )
    book = _data(client.get(f"/api/books/{story['metadata']['bookId']}"))
    assert book["cast"][0]["description"] == DESCRIPTOR
    # Every page draws the hero, and so does the hero's character sheet (Mia's does not).
    prompts = [r.fields["prompt"][0] for r in fake_openai.requests_to("edits")]
    pages = [p for p in prompts if "Scene (page" in p]
    sheet = [p for p in prompts if p.startswith("Character sheet") and "Lila" in p]
    assert len(pages) == 4 and len(sheet) == 1
    for prompt in pages + sheet:
        assert DESCRIPTOR in prompt


def test_a_character_descriptor_must_be_words(serve: Any) -> None:
    _, client = serve()
    body = {"character": HERO, "prompt": "A garden", "pages": 4}
    assert "characterDescriptor" in _error(
        client.post("/api/stories/generate", json=body | {"characterDescriptor": 7}), 400
    )
    assert "characterDescriptor" in _error(
        client.post("/api/stories/generate", json=body | {"characterDescriptor": "x" * 601}), 400
    )
