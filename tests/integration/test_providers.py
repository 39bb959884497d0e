"""Remote providers, the HTTP layer, the chain and the chat writer against a fake OpenAI.

The fake (tests/fake_openai.py) is a real HTTP server on 127.0.0.1 that checks what the
real services check and can be told to fail in the ways they fail.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from PIL import Image

from storyillus import (
    Character,
    Companion,
    Engine,
    JobStatus,
    StoryRequest,
)
from storyillus._exceptions import (
    AuthenticationError,
    BadRequest,
    ContentRefused,
    ServiceTimeout,
    TransientError,
)
from storyillus._http import HttpClient, RetryPolicy
from storyillus.casting import cast_for
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.remote import AzureEdit, OpenAIEdit, TextOnly
from tests.conftest import make_settings, png_bytes
from tests.fake_openai import Fault

ROOT = Path(__file__).resolve().parents[2]
FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=2.0)


def _settings(home: Path, fake: Any, **overrides: Any):
    values: dict[str, Any] = {
        "openai_api_key": fake.api_key,
        "openai_base_url": fake.base_url,
        "azure_endpoint": fake.azure_endpoint,
        "azure_openai_api_key": fake.azure_key,
        "azure_deployment": fake.deployment,
        "azure_api_version": fake.api_version,
        "http_retries": 1,
        "image_edit_timeout_ms": 5000,
    }
    values.update(overrides)
    return make_settings(home, **values)


def _scene(reference: Path | None, page: int = 1) -> SceneRequest:
    hero = Character.create("Lila", 7, ["brave"], ["space"], [Companion("Mia", "sister")])
    return SceneRequest(
        book_id="b" * 32,
        book_seed=1,
        page_number=page,
        page_count=4,
        page_text="Lila looks up at the stars.",
        scene="Lila stands on a hill at night with a telescope.",
        place="space",
        cast=cast_for(hero, seed=1),
        art_style="watercolor",
        reference=reference,
    )


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    path = tmp_path / "hero.png"
    path.write_bytes(png_bytes((300, 400), (230, 90, 40)))
    return path


def _is_png(data: bytes, size: tuple[int, int] = (1024, 1024)) -> None:
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", size)


# -- the HTTP layer -------------------------------------------------------------------


def _client(timeout: float = 5.0) -> HttpClient:
    return HttpClient(timeout, FAST)


def _generate(fake: Any, client: HttpClient) -> dict[str, Any]:
    return client.post_json(
        "OpenAI image generation",
        f"{fake.base_url}/images/generations",
        {"Authorization": f"Bearer {fake.api_key}"},
        {"model": "gpt-image-2", "prompt": "a kite", "size": "1024x1024"},
    )


@pytest.mark.parametrize(
    "fault",
    [
        Fault("server_error"),
        Fault("drop"),
        Fault("malformed"),
        Fault("rate_limit", retry_after_ms=300),
    ],
)
def test_transient_failures_are_retried(fake_openai: Any, fault: Fault) -> None:
    fake_openai.script("generations", fault)
    started = time.monotonic()
    answer = _generate(fake_openai, _client())
    assert answer["data"][0]["b64_json"]
    assert len(fake_openai.requests_to("generations")) == 2
    if fault.retry_after_ms:
        assert time.monotonic() - started >= 0.3, "retry-after-ms was not honoured"


def test_retry_after_seconds_is_honoured(fake_openai: Any) -> None:
    fake_openai.script("generations", Fault("rate_limit", retry_after=1))
    started = time.monotonic()
    _generate(fake_openai, _client())
    assert time.monotonic() - started >= 1.0


def test_retries_are_bounded_then_a_clear_error(fake_openai: Any) -> None:
    fake_openai.script("generations", *[Fault("server_error")] * 3)
    with pytest.raises(TransientError, match=r"OpenAI image generation failed \(500\)"):
        _generate(fake_openai, _client())
    assert len(fake_openai.requests_to("generations")) == 3


def test_a_reply_slower_than_the_timeout_is_a_timeout(fake_openai: Any) -> None:
    fake_openai.script("generations", *[Fault("slow", seconds=1.0)] * 3)
    with pytest.raises(ServiceTimeout):
        _generate(fake_openai, _client(timeout=0.3))


@pytest.mark.parametrize(
    ("fault", "error"),
    [(Fault("bad_request"), BadRequest), (Fault("auth"), AuthenticationError)],
)
def test_400_and_401_are_never_retried(fake_openai: Any, fault: Fault, error: type) -> None:
    fake_openai.script("generations", fault)
    with pytest.raises(error) as caught:
        _generate(fake_openai, _client())
    assert len(fake_openai.requests_to("generations")) == 1
    assert fake_openai.api_key not in str(caught.value)


def test_moderation_refusal_is_its_own_error(fake_openai: Any) -> None:
    fake_openai.script("generations", Fault("moderation"))
    with pytest.raises(ContentRefused):
        _generate(fake_openai, _client())


# -- providers ------------------------------------------------------------------------


def test_openai_edit_sends_the_reference_as_image_part(
    fake_openai: Any, tmp_path: Path, reference: Path
) -> None:
    picture = OpenAIEdit(_settings(tmp_path, fake_openai), _client()).illustrate(_scene(reference))
    _is_png(picture.png)
    assert (picture.provider, picture.model, picture.character_referenced) == (
        "openai-edit",
        "gpt-image-2",
        True,
    )
    assert picture.usage["total_tokens"] > 0
    (sent,) = fake_openai.requests_to("edits")
    assert sent.headers["authorization"] == f"Bearer {fake_openai.api_key}"
    ((filename, content_type, data),) = sent.files["image[]"]
    assert (filename, content_type) == ("picture-1.png", "image/png")
    assert Image.open(io.BytesIO(data)).size == (300, 400)
    fields = {name: values[0] for name, values in sent.fields.items()}
    assert fields["model"] == "gpt-image-2"
    assert "response_format" not in fields and "input_fidelity" not in fields
    assert "Lila" in fields["prompt"] and "telescope" in fields["prompt"]


def test_input_fidelity_only_for_models_that_take_it(
    fake_openai: Any, tmp_path: Path, reference: Path
) -> None:
    settings = _settings(tmp_path, fake_openai, openai_image_model="gpt-image-1.5")
    OpenAIEdit(settings, _client()).illustrate(_scene(reference))
    (sent,) = fake_openai.requests_to("edits")
    assert sent.fields["input_fidelity"] == ["high"]


def test_azure_edit_uses_the_deployment_url_and_api_key(
    fake_openai: Any, tmp_path: Path, reference: Path
) -> None:
    picture = AzureEdit(_settings(tmp_path, fake_openai), _client()).illustrate(_scene(reference))
    _is_png(picture.png)
    (sent,) = fake_openai.requests_to("azure_edits")
    assert sent.path == f"/openai/deployments/{fake_openai.deployment}/images/edits"
    assert sent.query["api-version"] == fake_openai.api_version
    assert sent.headers["api-key"] == fake_openai.azure_key
    assert "authorization" not in sent.headers


def test_text_only_describes_the_hero_by_name(fake_openai: Any, tmp_path: Path) -> None:
    picture = TextOnly(_settings(tmp_path, fake_openai), _client()).illustrate(_scene(None))
    _is_png(picture.png)
    assert not picture.character_referenced
    (sent,) = fake_openai.requests_to("generations")
    assert sent.json["model"] == "gpt-image-2"
    hero, sister = _scene(None).cast
    assert hero.description.startswith("Lila, a 7-year-old child with ")
    assert hero.description in sent.json["prompt"]
    assert sister.description.startswith("Mia, ") and sister.description in sent.json["prompt"]


def test_text_only_downloads_a_url_answer_at_once(fake_openai: Any, tmp_path: Path) -> None:
    settings = _settings(tmp_path, fake_openai, fallback_image_model="url-image-model")
    picture = TextOnly(settings, _client()).illustrate(_scene(None))
    assert picture.png.startswith(b"\x89PNG")


def test_image_analysis_describes_the_picture_once(
    fake_openai: Any, tmp_path: Path, reference: Path
) -> None:
    from storyillus._chat import ChatClient
    from storyillus.illustration.picture_analysis import PictureAnalysis

    settings = _settings(tmp_path, fake_openai, enable_image_analysis=True)
    analysis = PictureAnalysis(settings, ChatClient(settings, _client()))
    provider = TextOnly(settings, _client(), analysis.describe)
    provider.illustrate(_scene(reference, 1))
    provider.illustrate(_scene(reference, 2))
    assert len(fake_openai.requests_to("chat")) == 1
    prompts = [r.json["prompt"] for r in fake_openai.requests_to("generations")]
    assert all("yellow raincoat" in p for p in prompts)


def test_moderation_refusal_is_asked_again_softly_then_moves_on(
    fake_openai: Any, tmp_path: Path, reference: Path
) -> None:
    provider = OpenAIEdit(_settings(tmp_path, fake_openai), _client())
    fake_openai.script("edits", Fault("moderation"))
    assert provider.illustrate(_scene(reference)).png
    first, second = fake_openai.requests_to("edits")
    assert first.fields["prompt"] != second.fields["prompt"]

    fake_openai.reset()
    fake_openai.script("edits", Fault("moderation"), Fault("moderation"))
    with pytest.raises(ContentRefused):
        provider.illustrate(_scene(reference))
    assert len(fake_openai.requests_to("edits")) == 2


def test_bodies_match_the_openai_packages_parameter_types(
    fake_openai: Any, tmp_path: Path, reference: Path
) -> None:
    from openai.types import image_edit_params, image_generate_params
    from openai.types.chat import completion_create_params

    settings = _settings(tmp_path, fake_openai, openai_image_model="gpt-image-1.5")
    OpenAIEdit(settings, _client()).illustrate(_scene(reference))
    TextOnly(settings, _client()).illustrate(_scene(None))
    engine = Engine(settings)
    try:
        engine.create_book(_request(pages=4), run_async=False)
    finally:
        engine.close(wait=True)

    edit_keys = set(get_type_hints(image_edit_params.ImageEditParamsNonStreaming))
    (edit,) = fake_openai.requests_to("edits")[:1]
    assert set(edit.fields) | {"image"} <= edit_keys | {"image[]"}
    assert set(edit.fields) - {"image[]"} <= edit_keys
    generate_keys = set(get_type_hints(image_generate_params.ImageGenerateParamsNonStreaming))
    assert set(fake_openai.requests_to("generations")[0].json) <= generate_keys
    chat_keys = set(get_type_hints(completion_create_params.CompletionCreateParamsNonStreaming))
    chat = fake_openai.requests_to("chat")[0].json
    assert set(chat) <= chat_keys
    assert "max_completion_tokens" in chat and "max_tokens" not in chat
    assert chat["response_format"]["type"] == "json_schema"


# -- the chain, end to end through the engine -----------------------------------------


def _request(pages: int = 4, image_path: str | None = None) -> StoryRequest:
    hero = Character.create("Lila", 7, ["brave"], ["space"], image_path=image_path)
    return StoryRequest.create(hero, "A cosmic garden adventure", pages=pages, seed=2)


def _book_through(settings: Any, with_picture: bool = True):
    engine = Engine(settings)
    try:
        path = str(engine.store_reference_picture(png_bytes((200, 200)))) if with_picture else None
        made = engine.create_book(_request(image_path=path), run_async=False)
    finally:
        engine.close(wait=True)
    assert made.job.status is JobStatus.COMPLETED
    return [page.illustration for page in made.book.pages]


@pytest.mark.parametrize(
    ("overrides", "with_picture", "provider", "tried"),
    [
        ({}, True, "openai-edit", ["openai-edit"]),
        ({"openai_image_model": "dall-e-3"}, True, "azure-edit", ["openai-edit", "azure-edit"]),
        ({"enable_native_edits": False}, True, "azure-edit", ["azure-edit"]),
        (
            {"openai_image_model": "dall-e-3", "azure_deployment": "missing"},
            True,
            "openai-generate",
            ["openai-edit", "azure-edit", "openai-generate"],
        ),
        # No picture: text-only draws the hero's sheet, and the pages are edits of the sheet.
        ({}, False, "openai-edit", ["openai-edit"]),
        (
            {
                "openai_image_model": "dall-e-3",
                "azure_deployment": "missing",
                "fallback_image_model": "dall-e-2",
            },
            True,
            "offline",
            ["openai-edit", "azure-edit", "openai-generate", "offline"],
        ),
    ],
)
def test_the_chain_falls_back_in_the_seeds_order(
    fake_openai: Any,
    tmp_path: Path,
    overrides: dict[str, Any],
    with_picture: bool,
    provider: str,
    tried: list[str],
) -> None:
    pages = _book_through(_settings(tmp_path, fake_openai, **overrides), with_picture)
    for illustration in pages:
        assert illustration.provider == provider
        assert [a["provider"] for a in illustration.attempts] == tried
        assert all(a["error"] for a in illustration.attempts[:-1])
        assert illustration.attempts[-1]["error"] is None
    assert pages[0].character_referenced is (
        provider in ("openai-edit", "azure-edit") or (provider == "offline" and with_picture)
    )


def test_with_remote_providers_off_the_offline_illustrator_draws(
    fake_openai: Any, tmp_path: Path
) -> None:
    settings = _settings(
        tmp_path,
        fake_openai,
        enable_native_edits=False,
        enable_text_fallback=False,
        azure_endpoint=None,
    )
    assert {p.provider for p in _book_through(settings)} == {"offline"}
    assert fake_openai.requests_to("edits") == []


# -- the story writer over chat ---------------------------------------------------------


def _story(fake: Any, tmp_path: Path, pages: int = 4):
    engine = Engine(
        _settings(
            tmp_path,
            fake,
            enable_native_edits=False,
            enable_text_fallback=False,
            azure_endpoint=None,
        )
    )
    try:
        return engine.create_book(_request(pages=pages), run_async=False).book
    finally:
        engine.close(wait=True)


def test_story_comes_from_the_chat_model_with_usage(fake_openai: Any, tmp_path: Path) -> None:
    book = _story(fake_openai, tmp_path)
    assert (book.writer, book.model) == ("openai-chat", "gpt-5.4-mini")
    assert len(book.pages) == 4
    assert book.usage["total_tokens"] > 0
    assert book.notes == ()
    sent = fake_openai.requests_to("chat")[0]  # the story; the judge's calls come after
    prompt = json.dumps(sent.json["messages"])
    assert "Lila, age 7" in prompt and "exactly 4 pages" in prompt


def _reply(pages: int) -> str:
    return json.dumps(
        {
            "title": "Lila's Night",
            "pages": [{"text": f"Page {n} text.", "scene": f"Scene {n}."} for n in range(pages)],
        }
    )


def test_the_story_model_picks_places_and_characters_from_the_book(
    fake_openai: Any, tmp_path: Path
) -> None:
    pages = [
        {
            "text": "Lila dives.",
            "scene": "Lila under the waves.",
            "place": "underwater",
            "characters": ["Lila"],
        },
        {
            "text": "Lila and Mia swim.",
            "scene": "Both swim by the reef.",
            "place": "coral reef",
            "characters": ["Mia", "Zed"],
        },
        {"text": "Mia waves.", "scene": "On the sand.", "place": "moon base", "characters": []},
        {"text": "Home.", "scene": "Lila sleeps.", "place": "bedroom", "characters": ["Lila"]},
    ]
    reply = {"title": "Lila and the Reef", "setting": "coral reef", "pages": pages}
    fake_openai.reply_chat(json.dumps(reply))
    settings = _settings(tmp_path, fake_openai)
    engine = Engine(settings)
    hero = Character.create("Lila", 7, companions=[Companion("Mia", "sister")])
    try:
        book = engine.create_book(
            StoryRequest.create(hero, "A reef adventure", pages=4, seed=2), illustrate=False
        ).book
    finally:
        engine.close(wait=True)
    (sent,) = fake_openai.requests_to("chat")
    schema = sent.json["response_format"]["json_schema"]["schema"]
    page_schema = schema["properties"]["pages"]["items"]["properties"]
    assert "coral reef" in page_schema["place"]["enum"]
    assert page_schema["characters"]["items"]["enum"] == ["Lila", "Mia"]
    assert book.setting == "coral reef"
    # A place the vocabulary lacks gives way to what the scene names ("sand": the beach).
    assert [p.place for p in book.pages] == ["underwater", "coral reef", "beach", "bedroom"]
    # The hero is on every page; a name the cast lacks is dropped; a name in the text counts.
    assert [p.characters for p in book.pages] == [
        ("Lila",),
        ("Lila", "Mia"),
        ("Lila", "Mia"),
        ("Lila",),
    ]
    prompt = json.dumps(sent.json["messages"])
    assert all(member.description in prompt for member in book.cast)


@pytest.mark.parametrize(
    ("reply", "note"),
    [
        (_reply(6), "The model wrote 6 pages; the last 2 were left out."),
        (_reply(2), "The model wrote 2 pages; 2 came from the offline writer."),
        ("{not json", "the offline writer wrote it"),
    ],
)
def test_a_wrong_story_answer_still_makes_a_right_book(
    fake_openai: Any, tmp_path: Path, reply: str, note: str
) -> None:
    for _ in range(2):  # the HTTP layer may ask again after a malformed answer
        fake_openai.reply_chat(reply)
    book = _story(fake_openai, tmp_path)
    assert len(book.pages) == 4
    assert all(page.text and page.scene for page in book.pages)
    assert any(note in n for n in book.notes), book.notes


def test_a_failing_story_model_falls_back_to_the_offline_writer(
    fake_openai: Any, tmp_path: Path
) -> None:
    fake_openai.script("chat", Fault("auth"))
    book = _story(fake_openai, tmp_path)
    assert book.writer == "offline"
    assert "The story model failed" in book.notes[0]
    assert fake_openai.api_key not in book.notes[0]


# -- the CLI, a real process, through each path -------------------------------------------


@pytest.mark.parametrize(
    ("env", "provider"),
    [
        ({}, "openai-edit"),
        ({"ENABLE_NATIVE_GPT_IMAGE1": "false"}, "azure-edit"),
        ({"ENABLE_NATIVE_GPT_IMAGE1": "false", "AZURE_OPENAI_ENDPOINT": ""}, "openai-generate"),
    ],
)
def test_cli_makes_a_book_through_each_remote_path(
    fake_openai: Any, tmp_path: Path, reference: Path, env: dict[str, str], provider: str
) -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "STORYILLUS_HOME": str(tmp_path),
        "OPENAI_API_KEY": fake_openai.api_key,
        "OPENAI_BASE_URL": fake_openai.base_url,
        "AZURE_OPENAI_ENDPOINT": fake_openai.azure_endpoint,
        "AZURE_OPENAI_API_KEY": fake_openai.azure_key,
        "AZURE_OPENAI_DEPLOYMENT_NAME": fake_openai.deployment,
        **env,
    }
    out = tmp_path / "book"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyillus",
            "book",
            "--name",
            "Lila",
            "--age",
            "7",
            "--prompt",
            "A cosmic garden adventure",
            "--pages",
            "4",
            "--image",
            str(reference),
            "--out",
            str(out),
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    book = json.loads((out / "book.json").read_text())
    assert {page["illustration"]["provider"] for page in book["pages"]} == {provider}
    assert fake_openai.api_key not in result.stdout + result.stderr


def test_when_every_provider_fails_the_page_says_what_each_one_said(
    fake_openai: Any, tmp_path: Path
) -> None:
    settings = _settings(
        tmp_path,
        fake_openai,
        openai_image_model="dall-e-3",
        azure_deployment="missing",
        fallback_image_model="dall-e-2",
        enable_offline_illustrator=False,
    )
    engine = Engine(settings)
    try:
        path = str(engine.store_reference_picture(png_bytes((200, 200))))
        job = engine.create_book(_request(image_path=path), run_async=False).job
    finally:
        engine.close(wait=True)
    assert job.status is JobStatus.FAILED
    error = job.results[0].error
    for provider in ("openai-edit:", "azure-edit:", "openai-generate:"):
        assert provider in error
    assert "(404)" in error
    assert fake_openai.api_key not in job.error
