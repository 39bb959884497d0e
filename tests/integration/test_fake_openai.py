"""The fake OpenAI / Azure OpenAI server (tests/fake_openai.py), driven with raw httpx."""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from typing import Any

import httpx
import pytest
from PIL import Image

from tests.conftest import png_bytes
from tests.fake_openai import FakeOpenAI, Fault

# ---------------------------------------------------------------------------- helpers

# One client for the module: a new httpx client per call costs tens of milliseconds.
HTTP = httpx.Client(timeout=5.0)


def teardown_module() -> None:
    HTTP.close()


def image_bytes(fmt: str, size: tuple[int, int] = (32, 24)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format=fmt)
    return buffer.getvalue()


def bearer(fake: FakeOpenAI) -> dict[str, str]:
    return {"Authorization": f"Bearer {fake.api_key}"}


def edit(
    fake: FakeOpenAI,
    *,
    fields: dict[str, str] | None = None,
    images: list[tuple[str, str, bytes]] | None = None,
    field_name: str = "image[]",
    headers: dict[str, str] | None = None,
    timeout: float = 5.0,
) -> httpx.Response:
    data = {"model": "gpt-image-2", "prompt": "A fox in a meadow"}
    data.update(fields or {})
    parts = images if images is not None else [("ref.png", "image/png", png_bytes())]
    files = [(field_name, (name, content, mime)) for name, mime, content in parts]
    return HTTP.post(
        f"{fake.base_url}/images/edits",
        headers=bearer(fake) if headers is None else headers,
        data=data,
        files=files,
        timeout=timeout,
    )


def azure_edit(
    fake: FakeOpenAI,
    *,
    deployment: str | None = None,
    api_version: str | None = None,
    key: str | None = None,
    fields: dict[str, str] | None = None,
) -> httpx.Response:
    url = f"{fake.azure_endpoint}/openai/deployments/{deployment or fake.deployment}/images/edits"
    return HTTP.post(
        url,
        params={"api-version": api_version or fake.api_version},
        headers={"api-key": key or fake.azure_key},
        data={"prompt": "A fox in a meadow", **(fields or {})},
        files=[("image[]", ("ref.png", png_bytes(), "image/png"))],
        timeout=5.0,
    )


def generate(fake: FakeOpenAI, timeout: float = 5.0, **body: Any) -> httpx.Response:
    payload = {"model": "gpt-image-2", "prompt": "A fox in a meadow", **body}
    return HTTP.post(
        f"{fake.base_url}/images/generations", headers=bearer(fake), json=payload, timeout=timeout
    )


def chat(fake: FakeOpenAI, timeout: float = 5.0, **body: Any) -> httpx.Response:
    payload = {"model": "gpt-5.4-mini", "messages": [{"role": "user", "content": "Hi"}], **body}
    return HTTP.post(
        f"{fake.base_url}/chat/completions", headers=bearer(fake), json=payload, timeout=timeout
    )


def decoded_image(response: httpx.Response, index: int = 0) -> Image.Image:
    b64 = response.json()["data"][index]["b64_json"]
    picture = Image.open(io.BytesIO(base64.b64decode(b64)))
    picture.load()
    return picture


def error_of(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]


def assert_openai_error(
    response: httpx.Response, status: int, code: str | None, param: str | None = None
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error = error_of(response)
    assert set(error) >= {"message", "type", "param", "code"}, error
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    if param is not None:
        assert error["param"] == param
    return error


# ---------------------------------------------------------------------------- image edits


@pytest.mark.parametrize(
    ("size", "expected"),
    [("1536x1024", (1536, 1024)), ("1024x1536", (1024, 1536)), ("auto", (1024, 1024))],
)
def test_edit_answers_a_png_of_the_requested_size(
    fake_openai: FakeOpenAI, size: str, expected: tuple[int, int]
) -> None:
    response = edit(fake_openai, fields={"size": size, "quality": "high"})

    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["created"], int)
    assert body["usage"] == {
        "input_tokens": 120,
        "output_tokens": 1056,
        "total_tokens": 1176,
        "input_tokens_details": {"image_tokens": 100, "text_tokens": 20},
    }
    picture = decoded_image(response)
    assert picture.format == "PNG"
    assert picture.size == expected


def test_edit_records_fields_and_file_parts(fake_openai: FakeOpenAI) -> None:
    reference = png_bytes()
    edit(fake_openai, images=[("hero.png", "image/png", reference)], fields={"n": "1"})

    (record,) = fake_openai.requests_to("edits")
    assert record.method == "POST"
    assert record.path == "/v1/images/edits"
    assert record.status == 200
    assert record.headers["authorization"] == f"Bearer {fake_openai.api_key}"
    assert record.headers["content-type"].startswith("multipart/form-data")
    assert record.fields["model"] == ["gpt-image-2"]
    assert record.fields["prompt"] == ["A fox in a meadow"]
    assert record.files["image[]"] == [("hero.png", "image/png", reference)]
    assert record.json is None
    assert fake_openai.requests == [record]


def test_edit_accepts_plain_image_field_and_many_formats(fake_openai: FakeOpenAI) -> None:
    parts = [
        ("a.png", "image/png", png_bytes()),
        ("b.jpg", "image/jpeg", image_bytes("JPEG")),
        ("c.jpeg", "image/jpeg", image_bytes("JPEG")),
        ("d.webp", "image/webp", image_bytes("WEBP")),
    ]
    response = edit(fake_openai, images=parts, field_name="image")

    assert response.status_code == 200, response.text
    assert len(fake_openai.requests[0].files["image"]) == 4


def test_edit_takes_up_to_sixteen_images(fake_openai: FakeOpenAI) -> None:
    part = ("ref.png", "image/png", png_bytes((8, 8)))

    assert edit(fake_openai, images=[part] * 16).status_code == 200
    too_many = edit(fake_openai, images=[part] * 17)
    assert_openai_error(too_many, 400, "invalid_image", "image")
    only_mask = edit(
        fake_openai, images=[("mask.png", "image/png", png_bytes())], field_name="mask"
    )
    assert_openai_error(only_mask, 400, "missing_required_parameter", "image")


def test_edit_answers_differ_between_requests(fake_openai: FakeOpenAI) -> None:
    first = edit(fake_openai).json()["data"][0]["b64_json"]
    second = edit(fake_openai).json()["data"][0]["b64_json"]
    assert first != second


def test_edit_n_answers_n_images(fake_openai: FakeOpenAI) -> None:
    response = edit(fake_openai, fields={"n": "3"})
    assert response.status_code == 200
    assert len(response.json()["data"]) == 3


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-key"}, {"api-key": "test-openai-key"}],
    ids=["missing", "wrong", "azure-style"],
)
def test_edit_needs_the_bearer_key(fake_openai: FakeOpenAI, headers: dict[str, str]) -> None:
    response = edit(fake_openai, headers=headers)
    assert_openai_error(response, 401, "invalid_api_key")
    assert fake_openai.requests[0].status == 401


@pytest.mark.parametrize(
    ("part", "problem"),
    [
        (("ref.png", "image/png", b"this is not a picture at all"), "decoded"),
        (("ref.png", "text/plain", png_bytes()), "mimetype"),
        (("ref.png", "", png_bytes()), "mimetype"),
        (("ref.png", "image/jpeg", png_bytes()), "does not match"),
        (("ref.jpg", "image/png", png_bytes()), "extension"),
        (("ref.gif", "image/gif", image_bytes("GIF")), "extension"),
        (("ref", "image/png", png_bytes()), "extension"),
        (("ref.png", "image/png", image_bytes("GIF")), "format"),
    ],
    ids=[
        "text-bytes",
        "text-mime",
        "no-mime",
        "mime-mismatch",
        "extension-mismatch",
        "gif",
        "no-extension",
        "gif-data",
    ],
)
def test_edit_rejects_bad_image_parts(
    fake_openai: FakeOpenAI, part: tuple[str, str, bytes], problem: str
) -> None:
    response = edit(fake_openai, images=[part])
    error = assert_openai_error(response, 400, "invalid_image", "image")
    assert problem in error["message"]


def test_edit_rejects_images_over_the_size_limit(fake_openai: FakeOpenAI) -> None:
    fake_openai.max_image_bytes = 1000  # stands for 50 MB, restored by reset()
    big = png_bytes((300, 300), (1, 2, 3)) + b"\0" * 1000

    error = assert_openai_error(
        edit(fake_openai, images=[("big.png", "image/png", big)]), 400, "invalid_image"
    )
    assert "too large" in error["message"]


def test_edit_rejects_response_format_for_gpt_image(fake_openai: FakeOpenAI) -> None:
    response = edit(fake_openai, fields={"response_format": "b64_json"})
    assert_openai_error(response, 400, "unknown_parameter", "response_format")


def test_input_fidelity_rejected_for_gpt_image_2_allowed_for_1_5(fake_openai: FakeOpenAI) -> None:
    rejected = edit(fake_openai, fields={"input_fidelity": "high"})
    assert_openai_error(rejected, 400, "unsupported_parameter", "input_fidelity")

    accepted = edit(fake_openai, fields={"model": "gpt-image-1.5", "input_fidelity": "high"})
    assert accepted.status_code == 200, accepted.text
    low = edit(fake_openai, fields={"model": "gpt-image-1.5", "input_fidelity": "low"})
    assert low.status_code == 200, low.text
    bad = edit(fake_openai, fields={"model": "gpt-image-1.5", "input_fidelity": "max"})
    assert_openai_error(bad, 400, "invalid_value", "input_fidelity")


@pytest.mark.parametrize("model", ["dall-e-2", "dall-e-3", "gpt-image-1", "no-such-model"])
def test_edit_rejects_retired_and_unknown_models(fake_openai: FakeOpenAI, model: str) -> None:
    response = edit(fake_openai, fields={"model": model})
    assert_openai_error(response, 404, "model_not_found", "model")


@pytest.mark.parametrize(
    ("field", "value"),
    [("size", "512x512"), ("quality", "standard"), ("n", "0"), ("n", "11"), ("n", "two")],
)
def test_edit_checks_size_quality_and_n(fake_openai: FakeOpenAI, field: str, value: str) -> None:
    response = edit(fake_openai, fields={field: value})
    assert response.status_code == 400, response.text
    assert error_of(response)["param"] == field


def test_edit_needs_model_and_prompt_and_rejects_unknown_fields(fake_openai: FakeOpenAI) -> None:
    no_prompt = edit(fake_openai, fields={"prompt": ""})
    assert_openai_error(no_prompt, 400, "missing_required_parameter", "prompt")

    no_model = HTTP.post(
        f"{fake_openai.base_url}/images/edits",
        headers=bearer(fake_openai),
        data={"prompt": "x"},
        files=[("image[]", ("ref.png", png_bytes(), "image/png"))],
    )
    assert_openai_error(no_model, 400, "missing_required_parameter", "model")

    unknown = edit(fake_openai, fields={"style": "vivid"})
    assert_openai_error(unknown, 400, "unknown_parameter", "style")


def test_edit_needs_multipart(fake_openai: FakeOpenAI) -> None:
    response = HTTP.post(
        f"{fake_openai.base_url}/images/edits",
        headers=bearer(fake_openai),
        json={"model": "gpt-image-2", "prompt": "x"},
    )
    assert response.status_code == 400
    assert "multipart/form-data" in error_of(response)["message"]


# ---------------------------------------------------------------------------- Azure edits


def test_azure_edit_answers_a_png_without_a_model_field(fake_openai: FakeOpenAI) -> None:
    response = azure_edit(fake_openai, fields={"size": "1024x1536"})

    assert response.status_code == 200, response.text
    assert decoded_image(response).size == (1024, 1536)
    assert response.json()["usage"]["total_tokens"] == 1176
    (record,) = fake_openai.requests_to("azure_edits")
    assert record.query == {"api-version": fake_openai.api_version}
    assert record.headers["api-key"] == fake_openai.azure_key
    assert "model" not in record.fields
    assert fake_openai.requests_to("edits") == []


def test_azure_edit_needs_the_api_key_header(fake_openai: FakeOpenAI) -> None:
    response = azure_edit(fake_openai, key="wrong")
    assert response.status_code == 401
    assert error_of(response)["code"] == "401"


@pytest.mark.parametrize("version", ["2024-02-01", "nonsense"])
def test_azure_edit_wrong_api_version_is_resource_not_found(
    fake_openai: FakeOpenAI, version: str
) -> None:
    response = azure_edit(fake_openai, api_version=version)
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "404", "message": "Resource not found"}}


def test_azure_edit_missing_api_version_is_resource_not_found(fake_openai: FakeOpenAI) -> None:
    response = HTTP.post(
        f"{fake_openai.azure_endpoint}/openai/deployments/{fake_openai.deployment}/images/edits",
        headers={"api-key": fake_openai.azure_key},
        data={"prompt": "x"},
        files=[("image[]", ("ref.png", png_bytes(), "image/png"))],
    )
    assert response.status_code == 404
    assert error_of(response)["code"] == "404"


def test_azure_edit_unknown_deployment(fake_openai: FakeOpenAI) -> None:
    response = azure_edit(fake_openai, deployment="someone-elses")
    assert response.status_code == 404
    assert error_of(response)["code"] == "DeploymentNotFound"


def test_azure_edit_checks_image_parts_too(fake_openai: FakeOpenAI) -> None:
    response = HTTP.post(
        f"{fake_openai.azure_endpoint}/openai/deployments/{fake_openai.deployment}/images/edits",
        params={"api-version": fake_openai.api_version},
        headers={"api-key": fake_openai.azure_key},
        data={"prompt": "x", "model": "gpt-image-2", "input_fidelity": "high"},
        files=[("image[]", ("ref.png", png_bytes(), "image/png"))],
    )
    assert_openai_error(response, 400, "unsupported_parameter", "input_fidelity")

    bad = HTTP.post(
        f"{fake_openai.azure_endpoint}/openai/deployments/{fake_openai.deployment}/images/edits",
        params={"api-version": fake_openai.api_version},
        headers={"api-key": fake_openai.azure_key},
        data={"prompt": "x"},
        files=[("image[]", ("ref.png", b"not an image", "image/png"))],
    )
    assert_openai_error(bad, 400, "invalid_image", "image")


# ---------------------------------------------------------------------------- generations


def test_generation_answers_b64_png(fake_openai: FakeOpenAI) -> None:
    response = generate(fake_openai, size="1536x1024", quality="low")

    assert response.status_code == 200, response.text
    body = response.json()
    assert decoded_image(response).size == (1536, 1024)
    assert body["usage"]["output_tokens"] == 1056
    (record,) = fake_openai.requests_to("generations")
    assert record.json == {
        "model": "gpt-image-2",
        "prompt": "A fox in a meadow",
        "size": "1536x1024",
        "quality": "low",
    }


def test_generation_checks(fake_openai: FakeOpenAI) -> None:
    assert_openai_error(
        generate(fake_openai, response_format="url"), 400, "unknown_parameter", "response_format"
    )
    assert_openai_error(
        generate(fake_openai, prompt="x" * 32001), 400, "string_above_max_length", "prompt"
    )
    assert generate(fake_openai, prompt="x" * 32000).status_code == 200
    assert generate(fake_openai, size="1792x1024").status_code == 400
    assert generate(fake_openai, quality="hd").status_code == 400
    assert generate(fake_openai, n=11).status_code == 400
    for model in ("dall-e-3", "gpt-image-1"):
        assert_openai_error(generate(fake_openai, model=model), 404, "model_not_found", "model")

    no_prompt = HTTP.post(
        f"{fake_openai.base_url}/images/generations",
        headers=bearer(fake_openai),
        json={"model": "gpt-image-2"},
    )
    assert_openai_error(no_prompt, 400, "missing_required_parameter", "prompt")
    no_model = HTTP.post(
        f"{fake_openai.base_url}/images/generations",
        headers=bearer(fake_openai),
        json={"prompt": "x"},
    )
    assert_openai_error(no_model, 400, "missing_required_parameter", "model")
    no_auth = HTTP.post(
        f"{fake_openai.base_url}/images/generations", json={"model": "gpt-image-2", "prompt": "x"}
    )
    assert_openai_error(no_auth, 401, "invalid_api_key")
    not_json = HTTP.post(
        f"{fake_openai.base_url}/images/generations",
        headers={**bearer(fake_openai), "Content-Type": "application/json"},
        content=b"{nope",
    )
    assert not_json.status_code == 400


def test_url_model_answers_a_url_that_serves_the_png(fake_openai: FakeOpenAI) -> None:
    response = generate(fake_openai, model="url-image-model", size="1024x1536")

    assert response.status_code == 200, response.text
    url = response.json()["data"][0]["url"]
    assert url.startswith(f"{fake_openai.base_url}/files/") and url.endswith(".png")
    download = HTTP.get(url)
    assert download.status_code == 200
    assert download.headers["content-type"] == "image/png"
    picture = Image.open(io.BytesIO(download.content))
    assert (picture.format, picture.size) == ("PNG", (1024, 1536))

    missing = HTTP.get(f"{fake_openai.base_url}/files/nothing-here.png")
    assert missing.status_code == 404


# ---------------------------------------------------------------------------- chat


def story_format(min_items: int | None) -> dict[str, Any]:
    pages: dict[str, Any] = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"text": {"type": "string"}, "scene": {"type": "string"}},
            "required": ["text", "scene"],
            "additionalProperties": False,
        },
    }
    if min_items is not None:
        pages["minItems"] = min_items
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "story",
            "strict": True,
            "schema": {
                "type": "object",
                "properties": {"title": {"type": "string"}, "pages": pages},
                "required": ["title", "pages"],
                "additionalProperties": False,
            },
        },
    }


def content_of(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["object"] == "chat.completion"
    assert body["id"] and isinstance(body["created"], int)
    (choice,) = body["choices"]
    assert choice["index"] == 0 and choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    return choice["message"]["content"]


def test_chat_says_hello(fake_openai: FakeOpenAI) -> None:
    response = chat(fake_openai, max_completion_tokens=100)
    assert content_of(response) == "Hello."
    assert response.json()["model"] == "gpt-5.4-mini"
    assert fake_openai.requests_to("chat")[0].json["max_completion_tokens"] == 100


def test_chat_rejects_max_tokens(fake_openai: FakeOpenAI) -> None:
    error = assert_openai_error(
        chat(fake_openai, max_tokens=100), 400, "unsupported_parameter", "max_tokens"
    )
    assert "max_completion_tokens" in error["message"]


@pytest.mark.parametrize(("min_items", "pages"), [(None, 8), (4, 4), (12, 12)])
def test_chat_writes_a_story_for_the_story_schema(
    fake_openai: FakeOpenAI, min_items: int | None, pages: int
) -> None:
    content = content_of(chat(fake_openai, response_format=story_format(min_items)))
    story = json.loads(content)
    assert set(story) == {"title", "pages"}
    assert isinstance(story["title"], str) and story["title"]
    assert len(story["pages"]) == pages
    for page in story["pages"]:
        assert set(page) == {"text", "scene"}
        assert page["text"] and page["scene"]


def test_chat_suggestions(fake_openai: FakeOpenAI) -> None:
    response_format = {
        "type": "json_schema",
        "json_schema": {
            "name": "suggestions",
            "schema": {
                "type": "object",
                "properties": {"ideas": {"type": "array", "items": {"type": "string"}}},
            },
        },
    }
    ideas = json.loads(content_of(chat(fake_openai, response_format=response_format)))
    assert set(ideas) == {"ideas"}
    assert len(ideas["ideas"]) == 5
    assert all(isinstance(idea, str) and idea for idea in ideas["ideas"])


def test_chat_describes_an_image(fake_openai: FakeOpenAI) -> None:
    data_url = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "Describe this child."},
                {"type": "image_url", "image_url": {"url": data_url}},
            ],
        }
    ]
    content = content_of(chat(fake_openai, messages=messages))
    assert content == "A child with curly brown hair, a yellow raincoat and red boots."


def test_chat_queued_replies_come_first_in_order(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply_chat("first")
    fake_openai.reply_chat('{"title": "scripted"}')

    assert content_of(chat(fake_openai)) == "first"
    assert content_of(chat(fake_openai, response_format=story_format(3))) == '{"title": "scripted"}'
    assert len(json.loads(content_of(chat(fake_openai, response_format=story_format(3))))) == 2


@pytest.mark.parametrize(
    "response_format",
    [
        {"type": "json_schema", "json_schema": {"schema": {"type": "object"}}},
        {"type": "json_schema", "json_schema": {"name": "x"}},
        {"type": "json_schema", "json_schema": {"name": "x", "schema": {}, "strict": "yes"}},
        {"type": "json_schema"},
        {"type": "yaml"},
        "json",
    ],
    ids=["no-name", "no-schema", "strict-not-bool", "no-json-schema", "bad-type", "string"],
)
def test_chat_checks_response_format(fake_openai: FakeOpenAI, response_format: Any) -> None:
    response = chat(fake_openai, response_format=response_format)
    assert response.status_code == 400
    assert error_of(response)["param"] == "response_format"


def test_chat_accepts_text_and_json_object_formats(fake_openai: FakeOpenAI) -> None:
    assert content_of(chat(fake_openai, response_format={"type": "text"})) == "Hello."
    answer = content_of(chat(fake_openai, response_format={"type": "json_object"}))
    assert isinstance(json.loads(answer), dict)


def test_chat_needs_model_messages_and_auth(fake_openai: FakeOpenAI) -> None:
    url = f"{fake_openai.base_url}/chat/completions"
    no_messages = HTTP.post(url, headers=bearer(fake_openai), json={"model": "m"})
    assert_openai_error(no_messages, 400, "missing_required_parameter", "messages")
    no_model = HTTP.post(url, headers=bearer(fake_openai), json={"messages": [{"role": "user"}]})
    assert_openai_error(no_model, 400, "missing_required_parameter", "model")
    no_auth = HTTP.post(url, json={"model": "m", "messages": [{"role": "user", "content": "x"}]})
    assert_openai_error(no_auth, 401, "invalid_api_key")


# ---------------------------------------------------------------------------- the judge

JUDGE_FORMAT = {
    "type": "json_schema",
    "json_schema": {
        "name": "judge",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"score": {"type": "number"}, "reason": {"type": "string"}},
            "required": ["score", "reason"],
            "additionalProperties": False,
        },
    },
}


def data_url(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def judge(fake: FakeOpenAI, *urls: str, text: str = "Compare the page with the sheets.", **body):
    content: list[dict[str, Any]] = [{"type": "text", "text": text}] if text else []
    content += [{"type": "image_url", "image_url": {"url": url}} for url in urls]
    messages = body.pop("messages", [{"role": "user", "content": content}])
    return chat(fake, messages=messages, response_format=JUDGE_FORMAT, **body)


PAGE_AND_SHEET = (data_url(png_bytes((64, 64))), data_url(png_bytes((32, 48), (0, 90, 10))))


def test_judge_answers_its_schema_with_the_default_score(fake_openai: FakeOpenAI) -> None:
    verdict = json.loads(content_of(judge(fake_openai, *PAGE_AND_SHEET)))
    assert set(verdict) == {"score", "reason"}
    assert verdict["score"] == 0.95
    assert "1 sheet" in verdict["reason"]
    (asked,) = fake_openai.judge_requests()
    assert asked.is_judge and asked.content == json.dumps(verdict)


def test_judge_scores_are_scripted_in_order_then_the_default(fake_openai: FakeOpenAI) -> None:
    fake_openai.judge_scores([0.4, 0.9, "not json"])
    fake_openai.reply_chat("for the writer, not the judge")
    answers = [content_of(judge(fake_openai, *PAGE_AND_SHEET)) for _ in range(4)]
    assert [json.loads(a)["score"] for a in answers[:2]] == [0.4, 0.9]
    assert answers[2] == "not json"
    assert json.loads(answers[3])["score"] == 0.95
    assert "differ" in json.loads(answers[0])["reason"]
    assert content_of(chat(fake_openai)) == "for the writer, not the judge"


def test_judge_scores_must_be_scores() -> None:
    fake = FakeOpenAI()
    with pytest.raises(ValueError):
        fake.judge_scores([1.5])
    with pytest.raises(TypeError):
        fake.judge_scores([None])  # type: ignore[list-item]


def test_reset_clears_judge_scores(fake_openai: FakeOpenAI) -> None:
    fake_openai.judge_scores([0.1])
    fake_openai.reset()
    assert json.loads(content_of(judge(fake_openai, *PAGE_AND_SHEET)))["score"] == 0.95


@pytest.mark.parametrize(
    ("urls", "text", "messages"),
    [
        ((PAGE_AND_SHEET[0],), "Compare.", None),  # the page alone: no sheet
        (PAGE_AND_SHEET, "", None),  # no text part
        ((data_url(image_bytes("JPEG")), PAGE_AND_SHEET[1]), "Compare.", None),  # not a PNG
        ((PAGE_AND_SHEET[0], "https://example.com/sheet.png"), "Compare.", None),
        (
            (),
            "",
            [
                {"role": "user", "content": [{"type": "image_url", "image_url": {"url": u}}]}
                for u in PAGE_AND_SHEET
            ],
        ),  # page and sheet in two messages
        (
            (),
            "",
            [
                {
                    "role": "system",
                    "content": [{"type": "text", "text": "Compare."}]
                    + [{"type": "image_url", "image_url": {"url": u}} for u in PAGE_AND_SHEET],
                }
            ],
        ),  # not a user message
    ],
    ids=["one-image", "no-text", "jpeg", "http-url", "two-messages", "system-role"],
)
def test_judge_requests_are_checked(
    fake_openai: FakeOpenAI, urls: tuple[str, ...], text: str, messages: Any
) -> None:
    body = {"messages": messages} if messages is not None else {}
    error = assert_openai_error(judge(fake_openai, *urls, text=text, **body), 400, "judge_contract")
    assert "judge contract" in error["message"]


def test_judge_schema_is_checked(fake_openai: FakeOpenAI) -> None:
    wrong = json.loads(json.dumps(JUDGE_FORMAT))
    wrong["json_schema"]["schema"]["properties"]["score"] = {"type": "string"}
    content = [{"type": "text", "text": "Compare."}] + [
        {"type": "image_url", "image_url": {"url": u}} for u in PAGE_AND_SHEET
    ]
    response = chat(
        fake_openai, messages=[{"role": "user", "content": content}], response_format=wrong
    )
    assert_openai_error(response, 400, "judge_contract")


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("data:text/plain;base64,aGVsbG8=", "invalid_image_url"),
        ("data:image/png;base64,bm90IGFuIGltYWdl", "invalid_image_format"),
        ("data:image/png;base64,%%%", "invalid_image_format"),
    ],
)
def test_chat_image_parts_must_be_real_images(fake_openai: FakeOpenAI, url: str, code: str) -> None:
    messages = [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]}]
    assert_openai_error(chat(fake_openai, messages=messages), 400, code, "messages")


def test_records_say_when_each_request_ran(fake_openai: FakeOpenAI) -> None:
    fake_openai.latency = 0.1
    generate(fake_openai)
    threads = [threading.Thread(target=generate, args=(fake_openai,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, *overlapping = fake_openai.requests_to("generations")
    assert first.finished - first.started >= 0.1
    assert all(first.finished <= r.started for r in overlapping)
    assert max(r.started for r in overlapping) < min(r.finished for r in overlapping)


# ---------------------------------------------------------------------------- faults


def test_rate_limit_sends_retry_after_headers(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(
        "edits",
        Fault("rate_limit", retry_after=2),
        Fault("rate_limit", retry_after_ms=250),
        Fault("rate_limit", retry_after=0.5, retry_after_ms=500),
        Fault("rate_limit"),
    )
    first, second, third, fourth, normal = (edit(fake_openai) for _ in range(5))

    for response in (first, second, third, fourth):
        assert_openai_error(response, 429, "rate_limit_exceeded")
    assert first.headers["retry-after"] == "2"
    assert "retry-after-ms" not in first.headers
    assert second.headers["retry-after-ms"] == "250"
    assert "retry-after" not in second.headers
    assert float(third.headers["retry-after"]) == 0.5
    assert third.headers["retry-after-ms"] == "500"
    assert "retry-after" not in fourth.headers and "retry-after-ms" not in fourth.headers
    assert normal.status_code == 200
    assert [r.status for r in fake_openai.requests] == [429, 429, 429, 429, 200]
    assert [r.fault for r in fake_openai.requests] == ["rate_limit"] * 4 + [None]


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("server_error", 500, "server_error"),
        ("moderation", 400, "moderation_blocked"),
        ("auth", 401, "invalid_api_key"),
        ("bad_request", 400, None),
    ],
)
def test_error_faults_answer_in_openai_shape(
    fake_openai: FakeOpenAI, kind: str, status: int, code: str | None
) -> None:
    for endpoint, call in (("generations", generate), ("chat", chat), ("edits", edit)):
        fake_openai.script(endpoint, Fault(kind))
        response = call(fake_openai)
        error = assert_openai_error(response, status, code)
        assert error["type"] is not None
        assert call(fake_openai).status_code == 200  # consumed: back to normal


def test_moderation_fault_body(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("edits", Fault("moderation"))
    error = error_of(edit(fake_openai))
    assert error["code"] == "moderation_blocked"
    assert error["type"] == "image_generation_user_error"
    assert error["message"] == "Your request was rejected by the safety system."


def test_content_filter_fault_on_azure(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("azure_edits", Fault("content_filter"))
    response = azure_edit(fake_openai)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "contentFilter"
    assert error["message"].startswith("The response was filtered")
    assert azure_edit(fake_openai).status_code == 200


def test_auth_fault_on_azure(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("azure_edits", Fault("auth"))
    assert azure_edit(fake_openai).status_code == 401


def test_malformed_fault_is_a_200_with_broken_json(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("generations", Fault("malformed"))
    response = generate(fake_openai)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.content == b'{"data": ['
    with pytest.raises(json.JSONDecodeError):
        response.json()


@pytest.mark.parametrize("endpoint", ["edits", "azure_edits", "generations", "chat"])
def test_drop_fault_closes_the_connection(fake_openai: FakeOpenAI, endpoint: str) -> None:
    call = {"edits": edit, "azure_edits": azure_edit, "generations": generate, "chat": chat}[
        endpoint
    ]
    fake_openai.script(endpoint, Fault("drop"))
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        call(fake_openai)
    assert call(fake_openai).status_code == 200
    assert [r.status for r in fake_openai.requests_to(endpoint)] == [0, 200]


def test_drop_fault_on_a_pooled_keep_alive_connection(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("chat", Fault("drop"))
    with httpx.Client(base_url=fake_openai.base_url, headers=bearer(fake_openai)) as client:
        body = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
        assert client.post("/images/nothing", json=body).status_code == 404  # opens the pool
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            client.post("/chat/completions", json=body)
        assert client.post("/chat/completions", json=body).status_code == 200


def test_slow_fault_times_out_a_short_client_timeout(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("chat", Fault("slow", seconds=0.6))
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        chat(fake_openai, timeout=0.15)
    assert time.monotonic() - started < 0.5
    assert content_of(chat(fake_openai)) == "Hello."  # the fault was consumed


def test_slow_fault_then_answers_normally(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("generations", Fault("slow", seconds=0.2))
    started = time.monotonic()
    response = generate(fake_openai)
    assert time.monotonic() - started >= 0.2
    assert response.status_code == 200
    assert fake_openai.requests[0].fault == "slow"


def test_faults_are_per_endpoint_and_in_order(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("chat", Fault("server_error"), Fault("rate_limit", retry_after=1))

    assert edit(fake_openai).status_code == 200
    assert generate(fake_openai).status_code == 200
    assert chat(fake_openai).status_code == 500
    assert chat(fake_openai).status_code == 429
    assert chat(fake_openai).status_code == 200


def test_script_rejects_unknown_names() -> None:
    fake = FakeOpenAI()
    with pytest.raises(ValueError):
        fake.script("images", Fault("drop"))
    with pytest.raises(ValueError):
        Fault("explode")


# ---------------------------------------------------------------------------- server


def test_max_in_flight_counts_concurrent_requests(fake_openai: FakeOpenAI) -> None:
    # Long enough for six threads to start on a loaded machine: one after another, 6 s.
    fake_openai.latency = 1.0
    statuses: list[int] = []
    lock = threading.Lock()

    def call(index: int) -> None:
        response = chat(fake_openai) if index % 2 else generate(fake_openai)
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(6)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert statuses == [200] * 6
    assert fake_openai.max_in_flight == 6
    assert time.monotonic() - started < 3.5  # answered in parallel, not one after another
    # The server counts a request out after its answer is written, which a client may read
    # first: the count comes back to 0 right after.
    deadline = time.monotonic() + 2
    while fake_openai.in_flight and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fake_openai.in_flight == 0


def test_sequential_requests_have_one_in_flight(fake_openai: FakeOpenAI) -> None:
    chat(fake_openai)
    chat(fake_openai)
    assert fake_openai.max_in_flight == 1


def test_latency_is_added_to_every_answer(fake_openai: FakeOpenAI) -> None:
    fake_openai.latency = 0.15
    started = time.monotonic()
    assert chat(fake_openai, max_tokens=1).status_code == 400
    assert time.monotonic() - started >= 0.15


def test_reset_clears_everything(fake_openai: FakeOpenAI) -> None:
    fake_openai.script("chat", Fault("server_error"))
    fake_openai.reply_chat("queued")
    fake_openai.latency = 0.05
    generate(fake_openai)

    fake_openai.reset()

    assert fake_openai.requests == []
    assert fake_openai.max_in_flight == 0
    assert fake_openai.latency == 0.0
    assert content_of(chat(fake_openai)) == "Hello."


def test_unknown_paths_are_404(fake_openai: FakeOpenAI) -> None:
    response = HTTP.post(f"{fake_openai.base_url}/images/variations", headers=bearer(fake_openai))
    assert_openai_error(response, 404, None)
    assert HTTP.get(f"{fake_openai.base_url}/images/edits").status_code == 404
    assert HTTP.get(f"{fake_openai.azure_endpoint}/").status_code == 404
    assert fake_openai.requests[0].endpoint == ""


def test_urls_and_credentials(fake_openai: FakeOpenAI) -> None:
    assert fake_openai.base_url.startswith("http://127.0.0.1:")
    assert fake_openai.base_url.endswith("/v1")
    assert fake_openai.base_url == fake_openai.azure_endpoint + "/v1"
    assert fake_openai.api_key == "test-openai-key"
    assert fake_openai.azure_key == "test-azure-key"
    assert fake_openai.deployment == "storybook-images"
    assert fake_openai.api_version == "2025-04-01-preview"


# ---------------------------------------------------------------------------- official SDK


def test_official_sdk_requests_are_accepted(fake_openai: FakeOpenAI) -> None:
    try:
        import openai

        client = openai.OpenAI(api_key=fake_openai.api_key, base_url=fake_openai.base_url)
        client = client.with_options(max_retries=0, timeout=5.0)
    except Exception as exc:  # e.g. its httpx fork is missing or incompatible
        pytest.skip(f"the openai SDK cannot build a client here: {exc!r}")
    reference = png_bytes()

    try:
        result = client.images.edit(
            model="gpt-image-2", image=[("ref.png", reference, "image/png")], prompt="x"
        )
        completion = client.chat.completions.create(
            model="gpt-5.4-mini",
            messages=[{"role": "user", "content": "Hi"}],
            max_completion_tokens=50,
        )
    except openai.APIConnectionError as exc:
        pytest.skip(f"the openai SDK cannot reach a loopback server here: {exc!r}")

    assert result.data and result.data[0].b64_json
    picture = Image.open(io.BytesIO(base64.b64decode(result.data[0].b64_json)))
    assert picture.size == (1024, 1024)
    assert result.usage is not None and result.usage.total_tokens == 1176
    assert completion.choices[0].message.content == "Hello."

    sent = fake_openai.requests_to("edits")[0]
    assert sent.status == 200
    assert sent.files["image[]"] == [("ref.png", "image/png", reference)]
    assert sent.fields["model"] == ["gpt-image-2"]
    assert fake_openai.requests_to("chat")[0].json["max_completion_tokens"] == 50
