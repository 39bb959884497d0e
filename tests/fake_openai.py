"""A real HTTP server on loopback that behaves like the OpenAI and Azure OpenAI services.

It speaks the four endpoints storyillus uses (image edits, Azure image edits, image
generations, chat completions) plus ``GET /v1/files/<name>.png`` for URL-style image
answers. It checks what a request carries the way the real services do (auth headers,
multipart image parts, parameters GPT image models reject, retired models) and answers
errors in OpenAI's shape. Faults (429, 500, slow answers, dropped connections, malformed
JSON, safety refusals) can be scripted per endpoint.

A request-rate limit can be switched on: with ``rate_limit_per_minute`` = N > 0, each
endpoint kind admits at most N requests in the trailing ``rate_window_seconds`` (60 by
default; shorten it to test quickly) and answers any request beyond that 429
``rate_limit_exceeded`` with a ``retry-after`` header (seconds until a slot frees).
Refused requests do not use up the window. ``max_in_flight_by_endpoint`` keeps the peak
of concurrent requests per endpoint kind, next to the overall ``max_in_flight``. Each record
keeps when the request arrived and when its answer was ready (``started``/``finished``,
``time.monotonic()``), so tests can tell what ran before what and what overlapped.

The consistency judge: a chat completion whose ``response_format`` json_schema is named
``judge`` answers ``{"score": s, "reason": "..."}``, ``s`` from ``judge_scores([...])`` in
order (default ``JUDGE_DEFAULT_SCORE``; a string entry is sent as the content as is, to
script a malformed answer). The fake checks what the judge must send: the page and the
sheets as separate ``image_url`` parts (PNG data URLs) beside a text part in one user
message, and a schema with a number ``score`` and a string ``reason``. ``reply_chat``
scripts the writer and picture analysis only; judge requests never consume it. Every chat
``image_url`` part must be an http(s) URL or a data URL of a real image, as with OpenAI.

Usage::

    fake = FakeOpenAI()
    fake.start()
    fake.script("edits", Fault("rate_limit", retry_after=0.1))
    ...  # point OPENAI_BASE_URL at fake.base_url, AZURE_OPENAI_ENDPOINT at fake.azure_endpoint
    fake.stop()
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import re
import socket
import threading
import time
import traceback
import uuid
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from PIL import Image, ImageDraw

ENDPOINTS = ("edits", "azure_edits", "generations", "chat")
FAULT_KINDS = (
    "rate_limit",
    "server_error",
    "slow",
    "drop",
    "malformed",
    "moderation",
    "auth",
    "content_filter",
    "bad_request",
)

RETIRED_IMAGE_MODELS = frozenset({"dall-e-2", "dall-e-3", "gpt-image-1"})
KNOWN_IMAGE_MODELS = frozenset(
    {
        "gpt-image-1-mini",
        "gpt-image-1.5",
        "gpt-image-2",
        "gpt-image-2-2026-04-21",
        "gpt-image-2.5-sunburst",
        "gpt-image-2.5-sunburst-2026-09-08",
        "gpt-image-2.5-flare",
        "gpt-image-2.5-flare-2026-09-08",
        "gpt-image-2.6-sunburst",
        "gpt-image-2.6-flare",
        "chatgpt-image-latest",
    }
)
URL_IMAGE_MODEL = "url-image-model"
OUTPUT_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
INPUT_FIDELITIES = frozenset({"high", "low"})
MAX_PROMPT_CHARS = 32000
MAX_IMAGES = 16
MAX_IMAGE_BYTES = 50 * 1024 * 1024

IMAGE_EXTENSIONS = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
IMAGE_EXTENSIONS[".webp"] = "image/webp"
PIL_FORMAT_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}

EDIT_PARAMS = frozenset(
    {
        "image",
        "image[]",
        "prompt",
        "background",
        "complexity",
        "input_fidelity",
        "mask",
        "markup",
        "model",
        "n",
        "output_compression",
        "output_format",
        "partial_images",
        "quality",
        "response_format",
        "safety_identifier",
        "size",
        "stream",
        "user",
    }
)
GENERATION_PARAMS = frozenset(
    {
        "prompt",
        "background",
        "complexity",
        "model",
        "moderation",
        "n",
        "output_compression",
        "output_format",
        "partial_images",
        "quality",
        "response_format",
        "safety_identifier",
        "size",
        "stream",
        "style",
        "user",
    }
)

IMAGE_DESCRIPTION = "A child with curly brown hair, a yellow raincoat and red boots."
JUDGE_SCHEMA_NAME = "judge"
JUDGE_DEFAULT_SCORE = 0.95
CHAT_IMAGE_FORMATS = frozenset({"PNG", "JPEG", "GIF", "WEBP"})
CHAT_DEFAULT_REPLY = "Hello."
IMAGE_USAGE = {
    "input_tokens": 120,
    "output_tokens": 1056,
    "total_tokens": 1176,
    "input_tokens_details": {"image_tokens": 100, "text_tokens": 20},
}
# Consecutive images differ: the picture for a request is one of this many variants.
VARIANTS = 8


@dataclass
class Recorded:
    """One request the fake received, and the status it answered (0: connection dropped)."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case header names
    json: dict | None  # JSON bodies
    fields: dict[str, list[str]]  # multipart text fields (name -> values)
    files: dict[str, list[tuple[str, str, bytes]]]  # name -> [(filename, content_type, data)]
    status: int  # what the fake answered
    endpoint: str = ""  # "edits" | "azure_edits" | "generations" | "chat" | "files" | ""
    fault: str | None = None  # the scripted fault kind that answered, if any
    started: float = 0.0  # time.monotonic() when the request arrived
    finished: float = 0.0  # time.monotonic() when its answer was ready
    content: str | None = None  # a chat completion: the message content answered

    @property
    def is_judge(self) -> bool:
        """A chat completion asking for the consistency judge's JSON schema."""
        response_format = (self.json or {}).get("response_format")
        if not isinstance(response_format, dict):
            return False
        spec = response_format.get("json_schema")
        return isinstance(spec, dict) and spec.get("name") == JUDGE_SCHEMA_NAME


@dataclass
class Fault:
    """One scripted answer, consumed in order before normal behaviour."""

    kind: str
    retry_after: float | None = None  # rate_limit: seconds, sent as `retry-after`
    retry_after_ms: int | None = None  # rate_limit: sent as `retry-after-ms`
    seconds: float = 0.0  # slow: sleep this long, then answer normally

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {FAULT_KINDS}")


class _Answer(Exception):
    """Raised inside request handling to answer at once with an error."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def _choice(params: dict[str, Any], name: str, default: str, allowed: tuple[str, ...]) -> str:
    """A parameter that takes one of a few strings, checked as the service checks it."""
    value = params.get(name)
    if value is None or value == "":
        value = default
    if value not in allowed:
        listing = ", ".join(f"'{a}'" for a in allowed[:-1]) + f", and '{allowed[-1]}'"
        raise _error(
            400,
            f"Invalid value: '{value}'. Supported values are: {listing}.",
            param=name,
            code="invalid_value",
        )
    return value


def _error(
    status: int,
    message: str,
    *,
    type: str | None = "invalid_request_error",
    param: str | None = None,
    code: str | None = None,
) -> _Answer:
    body = {"error": {"message": message, "type": type, "param": param, "code": code}}
    return _Answer(status, body)


def _parse_size(size: str) -> tuple[int, int]:
    if size == "auto":
        return (1024, 1024)
    width, height = size.split("x")
    return (int(width), int(height))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeOpenAI


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    server_version = "FakeOpenAI/1.0"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        # Answers go out as header + body writes: without this, Nagle's algorithm and the
        # client's delayed ACK add ~40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def count_out(self) -> None:
        """Takes this request out of the in-flight count: set per request by ``_handle``."""

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
        pass

    def log_error(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.server.fake._handle(self)

    def do_GET(self) -> None:
        self.server.fake._handle(self)

    def do_PUT(self) -> None:
        self.server.fake._handle(self)

    def do_DELETE(self) -> None:
        self.server.fake._handle(self)

    def read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                line = self.rfile.readline()
                length = int(line.split(b";")[0].strip() or b"0", 16)
                if length == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(length))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""


class FakeOpenAI:
    """OpenAI + Azure OpenAI on ``127.0.0.1``; see the module docstring."""

    api_key = "test-openai-key"
    azure_key = "test-azure-key"
    deployment = "storybook-images"
    api_version = "2025-04-01-preview"

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.max_in_flight = 0
        self.max_in_flight_by_endpoint: dict[str, int] = {}
        self.latency = 0.0
        self.rate_limit_per_minute = 0
        self.rate_window_seconds = 60.0
        self.max_image_bytes = MAX_IMAGE_BYTES
        self.base_url = ""
        self.azure_endpoint = ""
        self._in_flight = 0
        self._in_flight_by_endpoint: dict[str, int] = {}
        self._admitted: dict[str, deque[float]] = {name: deque() for name in ENDPOINTS}
        self._lock = threading.Lock()
        self._scripts: dict[str, deque[Fault]] = {name: deque() for name in ENDPOINTS}
        self._chat_replies: deque[str] = deque()
        self._judge_scores: deque[float | str] = deque()
        self._judge_scores_by_page: dict[int, deque[float | str]] = {}
        self._files: dict[str, bytes] = {}
        self._image_cache: dict[tuple[int, int, str, int], bytes] = {}
        self._counter = 0
        self._generation = 0  # bumped by reset(): late answers of old requests are not recorded
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> None:
        if self._server is not None:
            return
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        port = server.server_address[1]
        self._server = server
        self.base_url = f"http://127.0.0.1:{port}/v1"
        self.azure_endpoint = f"http://127.0.0.1:{port}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAI:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ----------------------------------------------------------------- scripting

    def script(self, endpoint: str, *faults: Fault) -> None:
        """Queue faults for ``endpoint`` ("edits" | "azure_edits" | "generations" | "chat")."""
        if endpoint not in ENDPOINTS:
            raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {ENDPOINTS}")
        for fault in faults:
            if not isinstance(fault, Fault):
                raise TypeError(f"expected Fault, got {fault!r}")
        with self._lock:
            self._scripts[endpoint].extend(faults)

    def reply_chat(self, content: str) -> None:
        """The next chat completion (queue, first in first out) answers with ``content``."""
        with self._lock:
            self._chat_replies.append(content)

    def judge_scores(self, scores: Iterable[float | str], page: int | None = None) -> None:
        """The next judge requests (in order of arrival) score these; then
        ``JUDGE_DEFAULT_SCORE``. A string is answered as the content as is (malformed).
        With ``page``, only the judge requests about that page (the judge names it) take
        them, whatever order pages drawn in parallel are judged in."""
        queued = list(scores)
        for score in queued:
            if isinstance(score, bool) or not isinstance(score, (int, float, str)):
                raise TypeError(f"a judge score is a number or a raw string, not {score!r}")
            if not isinstance(score, str) and not 0.0 <= score <= 1.0:
                raise ValueError(f"a judge score is from 0 to 1, not {score!r}")
        with self._lock:
            if page is None:
                self._judge_scores.extend(queued)
            else:
                self._judge_scores_by_page.setdefault(page, deque()).extend(queued)

    def judge_requests(self) -> list[Recorded]:
        """The chat completions that asked the consistency judge, in order of answer."""
        return [r for r in self.requests_to("chat") if r.is_judge]

    def reset(self) -> None:
        """Clear scripts, chat replies, judge scores, records, served files, latency, peaks,
        rate limit."""
        with self._lock:
            self._generation += 1
            for queue in self._scripts.values():
                queue.clear()
            self._chat_replies.clear()
            self._judge_scores.clear()
            self._judge_scores_by_page.clear()
            self.requests.clear()
            self._files.clear()
            self.latency = 0.0
            self.max_in_flight = 0
            self.max_in_flight_by_endpoint = {}
            # Requests still running from before (a slow fault the client gave up on) no
            # longer count: in_flight and max_in_flight cover requests since this reset.
            self._in_flight = 0
            self._in_flight_by_endpoint = {}
            self.rate_limit_per_minute = 0
            self.rate_window_seconds = 60.0
            for admitted in self._admitted.values():
                admitted.clear()
            self.max_image_bytes = MAX_IMAGE_BYTES

    def requests_to(self, endpoint: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.endpoint == endpoint]

    @property
    def in_flight(self) -> int:
        """Requests being answered now (among those received since the last reset)."""
        return self._in_flight

    # ----------------------------------------------------------------- handling

    def _handle(self, handler: _Handler) -> None:
        endpoint = self._endpoint_of(handler.command, urlsplit(handler.path).path)
        with self._lock:
            generation = self._generation
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            now = self._in_flight_by_endpoint.get(endpoint, 0) + 1
            self._in_flight_by_endpoint[endpoint] = now
            peak = max(self.max_in_flight_by_endpoint.get(endpoint, 0), now)
            self.max_in_flight_by_endpoint[endpoint] = peak
        counted_out = False

        def count_out() -> None:
            # A request is out of flight once its answer is ready, before it is written: a
            # client that reads the answer and sends its next request at once must never
            # find the old one still counted (a peak one too high under load).
            nonlocal counted_out
            with self._lock:
                if not counted_out and generation == self._generation:
                    self._in_flight -= 1
                    self._in_flight_by_endpoint[endpoint] -= 1
                counted_out = True

        handler.count_out = count_out  # type: ignore[method-assign]
        try:
            self._serve(handler, generation)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            handler.close_connection = True
        finally:
            count_out()

    def _rate_limited(self, endpoint: str) -> _Answer | None:
        """A 429 if ``endpoint`` already admitted its limit in the trailing window, else None."""
        with self._lock:
            limit = self.rate_limit_per_minute
            if limit <= 0 or endpoint not in ENDPOINTS:
                return None
            now = time.monotonic()
            window = self.rate_window_seconds
            admitted = self._admitted[endpoint]
            while admitted and admitted[0] <= now - window:
                admitted.popleft()
            if len(admitted) < limit:
                admitted.append(now)
                return None
            wait = max(0.001, admitted[0] + window - now)
        answer = _error(
            429,
            f"Rate limit reached for requests: limit {limit} per {window:g} s. "
            f"Please try again in {wait:.3f}s.",
            type="requests",
            code="rate_limit_exceeded",
        )
        answer.headers = {"retry-after": f"{wait:.3f}"}
        return answer

    def _serve(self, handler: _Handler, generation: int) -> None:
        split = urlsplit(handler.path)
        path = split.path
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        headers = {name.lower(): value for name, value in handler.headers.items()}
        body = handler.read_body()
        record = Recorded(
            method=handler.command,
            path=path,
            query=query,
            headers=headers,
            json=None,
            fields={},
            files={},
            status=0,
            started=time.monotonic(),
        )
        record.endpoint = self._endpoint_of(handler.command, path)
        content_type = headers.get("content-type", "")
        if content_type.lower().startswith("application/json") and body:
            try:
                loaded = json.loads(body)
                record.json = loaded if isinstance(loaded, dict) else None
            except ValueError:
                record.json = None
        elif content_type.lower().startswith("multipart/form-data"):
            with contextlib.suppress(ValueError):
                record.fields, record.files = _parse_multipart(content_type, body)

        limited = self._rate_limited(record.endpoint)
        if limited is not None:
            self._record(record, limited.status, generation)
            self._send(
                handler,
                limited.status,
                json.dumps(limited.body).encode(),
                "application/json",
                limited.headers,
            )
            return

        fault = None
        if record.endpoint in ENDPOINTS:
            with self._lock:
                queue = self._scripts[record.endpoint]
                fault = queue.popleft() if queue else None
        record.fault = fault.kind if fault else None

        if self.latency:
            time.sleep(self.latency)

        if fault is not None and fault.kind == "drop":
            self._record(record, 0, generation)
            _drop(handler)
            return
        if fault is not None and fault.kind == "malformed":
            self._record(record, 200, generation)
            self._send(handler, 200, b'{"data": [', "application/json")
            return

        try:
            if fault is not None:
                if fault.kind == "slow":
                    time.sleep(fault.seconds)
                else:
                    raise _fault_answer(fault, record.endpoint)
            status, payload, extra = self._route(record, body, content_type)
        except _Answer as answer:
            status, payload, extra = answer.status, answer.body, answer.headers
        except Exception:  # a bug in the fake: say so loudly rather than hang the client
            message = "fake_openai internal error:\n" + traceback.format_exc()
            status, payload, extra = 500, _error(500, message, type="fake_error").body, {}
        self._record(record, status, generation)
        if isinstance(payload, bytes):
            self._send(handler, status, payload, extra.pop("content-type"), extra)
        else:
            data = json.dumps(payload).encode()
            self._send(handler, status, data, "application/json", extra)

    def _record(self, record: Recorded, status: int, generation: int) -> None:
        record.status = status
        record.finished = time.monotonic()
        with self._lock:
            if generation == self._generation:
                self.requests.append(record)

    @staticmethod
    def _send(
        handler: _Handler,
        status: int,
        data: bytes,
        content_type: str,
        extra: dict[str, str] | None = None,
    ) -> None:
        handler.count_out()
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("x-request-id", f"req_{uuid.uuid4().hex}")
        for name, value in (extra or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)
        handler.wfile.flush()

    def _endpoint_of(self, method: str, path: str) -> str:
        if method == "POST":
            if path == "/v1/images/edits":
                return "edits"
            if path == "/v1/images/generations":
                return "generations"
            if path == "/v1/chat/completions":
                return "chat"
            parts = path.split("/")
            # ["", "openai", "deployments", "<name>", "images", "edits"]
            if (
                len(parts) == 6
                and parts[1:3] == ["openai", "deployments"]
                and parts[4:] == ["images", "edits"]
            ):
                return "azure_edits"
        if method == "GET" and path.startswith("/v1/files/"):
            return "files"
        return ""

    def _route(
        self, record: Recorded, body: bytes, content_type: str
    ) -> tuple[int, dict[str, Any] | bytes, dict[str, str]]:
        endpoint = record.endpoint
        if endpoint == "files":
            return self._serve_file(record.path)
        if endpoint == "":
            raise _error(404, f"Invalid URL ({record.method} {record.path})")
        if endpoint == "azure_edits":
            self._check_azure(record)
        else:
            self._check_bearer(record)
        if endpoint in ("edits", "azure_edits"):
            if not content_type.lower().startswith("multipart/form-data"):
                raise _error(
                    400,
                    f"Invalid Content-Type header ({content_type or 'none'}), "
                    "expected multipart/form-data.",
                )
            return 200, self._edit(record, azure=endpoint == "azure_edits"), {}
        payload = self._json_body(record, body, content_type)
        if endpoint == "generations":
            return 200, self._generate(payload), {}
        return 200, self._chat(payload, record), {}

    # ----------------------------------------------------------------- checks

    def _check_bearer(self, record: Recorded) -> None:
        auth = record.headers.get("authorization", "")
        if auth != f"Bearer {self.api_key}":
            shown = auth.removeprefix("Bearer ").strip()
            if not auth:
                message = (
                    "You didn't provide an API key. You need to provide your API key in an "
                    "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
                )
            else:
                masked = shown[:3] + "*" * 4 + shown[-4:] if len(shown) > 8 else "****"
                message = f"Incorrect API key provided: {masked}."
            raise _error(401, message, code="invalid_api_key")

    def _check_azure(self, record: Recorded) -> None:
        if record.headers.get("api-key") != self.azure_key:
            raise _Answer(
                401,
                {
                    "error": {
                        "code": "401",
                        "message": "Access denied due to invalid subscription key or wrong API "
                        "endpoint. Make sure to provide a valid key for an active subscription "
                        "and use a correct regional API endpoint for your resource.",
                    }
                },
            )
        if record.query.get("api-version") != self.api_version:
            raise _Answer(404, {"error": {"code": "404", "message": "Resource not found"}})
        deployment = record.path.split("/")[3]
        if deployment != self.deployment:
            raise _Answer(
                404,
                {
                    "error": {
                        "code": "DeploymentNotFound",
                        "message": "The API deployment for this resource does not exist. If you "
                        "created the deployment within the last 5 minutes, please wait a moment "
                        "and try again.",
                    }
                },
            )

    @staticmethod
    def _json_body(record: Recorded, body: bytes, content_type: str) -> dict[str, Any]:
        try:
            loaded = json.loads(body) if body else None
        except ValueError:
            loaded = None
        if not isinstance(loaded, dict):
            raise _error(
                400,
                "We could not parse the JSON body of your request. (HINT: This likely means "
                "you aren't using your HTTP library correctly. The OpenAI API expects a JSON "
                "payload, but what was sent was not valid JSON.)",
            )
        return loaded

    def _check_image_model(self, model: Any, *, allow_url_model: bool = False) -> str:
        if not isinstance(model, str) or not model:
            raise _error(400, "Invalid type for 'model': expected a string.", param="model")
        if model in RETIRED_IMAGE_MODELS:
            raise _error(
                404,
                f"The model '{model}' has been deprecated and is no longer available. "
                "Use a GPT image model instead.",
                param="model",
                code="model_not_found",
            )
        known = model in KNOWN_IMAGE_MODELS or (allow_url_model and model == URL_IMAGE_MODEL)
        if not known:
            raise _error(
                404,
                f"The model '{model}' does not exist or you do not have access to it.",
                param="model",
                code="model_not_found",
            )
        return model

    @staticmethod
    def _check_image_params(params: dict[str, Any], model: str | None) -> dict[str, Any]:
        """Shared checks of edits and generations; returns the normalized options."""
        is_gpt_image = model is None or model.startswith(("gpt-image", "chatgpt-image"))
        if "response_format" in params and is_gpt_image:
            raise _error(
                400,
                "Unknown parameter: 'response_format'.",
                param="response_format",
                code="unknown_parameter",
            )
        prompt = params.get("prompt")
        if not isinstance(prompt, str) or not prompt:
            raise _error(
                400,
                "Missing required parameter: 'prompt'.",
                param="prompt",
                code="missing_required_parameter",
            )
        if len(prompt) > MAX_PROMPT_CHARS:
            raise _error(
                400,
                f"Invalid 'prompt': string too long. Expected a string with maximum length "
                f"{MAX_PROMPT_CHARS}, but got a string with length {len(prompt)} instead.",
                param="prompt",
                code="string_above_max_length",
            )
        size = _choice(params, "size", "auto", ("1024x1024", "1024x1536", "1536x1024", "auto"))
        quality = _choice(params, "quality", "auto", ("low", "medium", "high", "auto"))
        background = _choice(params, "background", "auto", ("transparent", "opaque", "auto"))
        output_format = _choice(params, "output_format", "png", ("png", "jpeg", "webp"))
        n = params.get("n", 1)
        if n is None:
            n = 1
        try:
            count = int(n)
        except (TypeError, ValueError):
            count = -1
        if isinstance(n, bool) or (isinstance(n, float) and not n.is_integer()):
            count = -1
        if not 1 <= count <= 10:
            raise _error(
                400,
                f"Invalid 'n': expected an integer between 1 and 10, got {n!r}.",
                param="n",
                code="integer_out_of_range" if count != -1 else "invalid_type",
            )
        if params.get("stream") in (True, "true", "True"):
            raise _error(400, "Streaming is not supported by this fake.", param="stream", code=None)
        return {
            "size": size,
            "quality": quality,
            "output_format": output_format,
            "n": count,
            "background": "transparent" if background == "transparent" else "opaque",
        }

    # ----------------------------------------------------------------- endpoints

    def _edit(self, record: Recorded, *, azure: bool) -> dict[str, Any]:
        params: dict[str, Any] = {name: values[-1] for name, values in record.fields.items()}
        for name in record.fields.keys() | record.files.keys():
            if name not in EDIT_PARAMS:
                raise _error(
                    400, f"Unknown parameter: '{name}'.", param=name, code="unknown_parameter"
                )
        model = params.get("model")
        if model is None and not azure:
            raise _error(
                400,
                "Missing required parameter: 'model'.",
                param="model",
                code="missing_required_parameter",
            )
        if model is not None:
            model = self._check_image_model(model)
        if "input_fidelity" in params:
            fidelity = params["input_fidelity"]
            if model is not None and model.startswith("gpt-image-2"):
                raise _error(
                    400,
                    f"The 'input_fidelity' parameter is not supported for model '{model}'.",
                    param="input_fidelity",
                    code="unsupported_parameter",
                )
            if fidelity not in INPUT_FIDELITIES:
                raise _error(
                    400,
                    f"Invalid value: '{fidelity}'. Supported values are: 'high' and 'low'.",
                    param="input_fidelity",
                    code="invalid_value",
                )
        options = self._check_image_params(params, model)
        for name in ("image", "image[]"):
            if name in record.fields:
                raise _error(
                    400,
                    f"Invalid '{name}': expected a file upload, got a text field.",
                    param=name,
                    code="invalid_image",
                )
        images = record.files.get("image[]", []) + record.files.get("image", [])
        if not images:
            raise _error(
                400,
                "Missing required parameter: 'image'.",
                param="image",
                code="missing_required_parameter",
            )
        if len(images) > MAX_IMAGES:
            raise _error(
                400,
                f"Invalid 'image': expected at most {MAX_IMAGES} images, got {len(images)}.",
                param="image",
                code="invalid_image",
            )
        for filename, part_type, data in images:
            self._check_image_part(filename, part_type, data)
        for name in ("mask", "markup"):
            for filename, part_type, data in record.files.get(name, []):
                self._check_image_part(filename, part_type, data, param=name)
        return self._image_response(options, url=False)

    def _check_image_part(
        self, filename: str, part_type: str, data: bytes, *, param: str = "image"
    ) -> None:
        def bad(message: str) -> _Answer:
            return _error(400, message, param=param, code="invalid_image")

        dot = filename.rfind(".")
        extension = filename[dot:].lower() if dot >= 0 else ""
        if not filename or extension not in IMAGE_EXTENSIONS:
            raise bad(
                f"Invalid file '{filename}': unsupported file extension. The filename must end "
                "with .png, .jpg, .jpeg or .webp."
            )
        mime = part_type.split(";")[0].strip().lower()
        if mime not in PIL_FORMAT_MIME.values():
            raise bad(
                f"Invalid file '{filename}': unsupported mimetype ('{part_type or 'none'}'). "
                "Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'."
            )
        if len(data) >= self.max_image_bytes:
            raise bad(
                f"Invalid file '{filename}': file too large ({len(data)} bytes); images must "
                f"be smaller than {self.max_image_bytes} bytes."
            )
        try:
            with Image.open(io.BytesIO(data)) as opened:
                detected = opened.format or ""
                opened.verify()
        except Exception as exc:
            raise bad(
                f"Invalid file '{filename}': the image data could not be decoded ({exc})."
            ) from None
        actual = PIL_FORMAT_MIME.get(detected)
        if actual is None:
            raise bad(
                f"Invalid file '{filename}': unsupported image format {detected}; expected "
                "png, jpeg or webp data."
            )
        if actual != mime:
            raise bad(
                f"Invalid file '{filename}': the content type '{mime}' does not match the "
                f"image data, which is {actual}."
            )
        if IMAGE_EXTENSIONS[extension] != actual:
            raise bad(
                f"Invalid file '{filename}': the file extension '{extension}' does not match "
                f"the image data, which is {actual}."
            )

    def _generate(self, params: dict[str, Any]) -> dict[str, Any]:
        for name in params:
            if name not in GENERATION_PARAMS:
                raise _error(
                    400, f"Unknown parameter: '{name}'.", param=name, code="unknown_parameter"
                )
        if "model" not in params:
            raise _error(
                400,
                "Missing required parameter: 'model'.",
                param="model",
                code="missing_required_parameter",
            )
        model = self._check_image_model(params["model"], allow_url_model=True)
        if not isinstance(params.get("prompt"), str):
            raise _error(
                400,
                "Missing required parameter: 'prompt'.",
                param="prompt",
                code="missing_required_parameter",
            )
        options = self._check_image_params(params, model)
        return self._image_response(options, url=model == URL_IMAGE_MODEL)

    def _image_response(self, options: dict[str, Any], *, url: bool) -> dict[str, Any]:
        width, height = _parse_size(options["size"])
        data = []
        for _ in range(options["n"]):
            with self._lock:
                self._counter += 1
                number = self._counter
            if url:
                picture = self._picture(width, height, "png", number)
                name = f"img-{number}-{uuid.uuid4().hex[:8]}"
                with self._lock:
                    self._files[f"{name}.png"] = picture
                data.append({"url": f"{self.base_url}/files/{name}.png"})
            else:
                picture = self._picture(width, height, options["output_format"], number)
                data.append({"b64_json": base64.b64encode(picture).decode("ascii")})
        count = options["n"]
        usage = {
            "input_tokens": IMAGE_USAGE["input_tokens"],
            "output_tokens": IMAGE_USAGE["output_tokens"] * count,
            "total_tokens": IMAGE_USAGE["input_tokens"] + IMAGE_USAGE["output_tokens"] * count,
            "input_tokens_details": dict(IMAGE_USAGE["input_tokens_details"]),
        }
        return {
            "created": int(time.time()),
            "background": options["background"],
            "data": data,
            "output_format": options["output_format"],
            "quality": "medium" if options["quality"] == "auto" else options["quality"],
            "size": f"{width}x{height}",
            "usage": usage,
        }

    def _picture(self, width: int, height: int, output_format: str, number: int) -> bytes:
        key = (width, height, output_format, number % VARIANTS)
        cached = self._image_cache.get(key)
        if cached is not None:
            return cached
        variant = number % VARIANTS
        horizontal = Image.linear_gradient("L").rotate(90).resize((width, height))
        vertical = Image.linear_gradient("L").resize((width, height))
        blue = Image.new("L", (width, height), 40 + variant * 25)
        picture = Image.merge("RGB", (horizontal, vertical, blue))
        draw = ImageDraw.Draw(picture)
        colour = ((variant * 97) % 256, (variant * 53 + 80) % 256, (variant * 29 + 160) % 256)
        radius = min(width, height) // 5
        cx = width // 4 + (variant * width) // (2 * VARIANTS)
        cy = height // 2
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=colour)
        draw.rectangle((0, height - height // 8, width, height), fill=(60, 140, 60))
        buffer = io.BytesIO()
        pil_format = OUTPUT_FORMATS[output_format]
        if pil_format == "PNG":
            picture.save(buffer, format="PNG", compress_level=1)
        else:
            picture.save(buffer, format=pil_format, quality=80)
        encoded = buffer.getvalue()
        self._image_cache[key] = encoded
        return encoded

    def _serve_file(self, path: str) -> tuple[int, dict[str, Any] | bytes, dict[str, str]]:
        name = path.removeprefix("/v1/files/")
        with self._lock:
            data = self._files.get(name)
        if data is None:
            raise _error(404, f"No such file: '{name}'.", code="not_found")
        return 200, data, {"content-type": "image/png"}

    def _chat(self, params: dict[str, Any], record: Recorded) -> dict[str, Any]:
        if "max_tokens" in params:
            raise _error(
                400,
                "Unsupported parameter: 'max_tokens' is not supported with this model. "
                "Use 'max_completion_tokens' instead.",
                param="max_tokens",
                code="unsupported_parameter",
            )
        model = params.get("model")
        if not isinstance(model, str) or not model:
            raise _error(
                400,
                "Missing required parameter: 'model'.",
                param="model",
                code="missing_required_parameter",
            )
        messages = params.get("messages")
        if not isinstance(messages, list) or not messages:
            raise _error(
                400,
                "Missing required parameter: 'messages'.",
                param="messages",
                code="missing_required_parameter",
            )
        for index, message in enumerate(messages):
            if not isinstance(message, dict) or "role" not in message:
                raise _error(
                    400,
                    f"Missing required parameter: 'messages[{index}].role'.",
                    param=f"messages[{index}].role",
                    code="missing_required_parameter",
                )
        schema_name, schema = _check_response_format(params.get("response_format"))
        response_type = (params.get("response_format") or {}).get("type", "text")
        _check_image_parts(messages)

        queued = None
        if schema_name == JUDGE_SCHEMA_NAME:
            _check_judge(messages, schema)
        else:
            with self._lock:
                queued = self._chat_replies.popleft() if self._chat_replies else None
        if schema_name == JUDGE_SCHEMA_NAME:
            content = self._judge_answer(len(_image_urls(messages)) - 1, _judged_page(messages))
        elif queued is not None:
            content = queued
        elif schema_name == "story":
            content = json.dumps(_story(schema))
        elif schema_name == "suggestions":
            content = json.dumps(_suggestions(schema))
        elif schema_name is not None:
            content = json.dumps(_example(schema, "result"))
        elif _has_image_part(messages):
            content = IMAGE_DESCRIPTION
        elif response_type == "json_object":
            content = json.dumps({"text": CHAT_DEFAULT_REPLY})
        else:
            content = CHAT_DEFAULT_REPLY

        record.content = content
        prompt_tokens = max(1, len(json.dumps(messages)) // 4)
        completion_tokens = max(1, len(content) // 4)
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }

    def _judge_answer(self, sheets: int, page: int | None = None) -> str:
        """The judge's JSON: the page's next scripted score, else the next one for any page
        (or a raw string), else the default."""
        with self._lock:
            for_page = self._judge_scores_by_page.get(page) if page is not None else None
            if for_page:
                score = for_page.popleft()
            else:
                score = self._judge_scores.popleft() if self._judge_scores else JUDGE_DEFAULT_SCORE
        if isinstance(score, str):
            return score
        differs = "hair length and clothes differ" if score < JUDGE_DEFAULT_SCORE else "alike"
        reason = f"Compared with {sheets} sheet(s): {differs}."
        return json.dumps({"score": score, "reason": reason})


# --------------------------------------------------------------------- helpers


def _judged_page(messages: list[Any]) -> int | None:
    """The page a judge request names in its text ("page 3 of a ... book"), if any."""
    for message in messages:
        parts = message.get("content") if isinstance(message, dict) else None
        for part in parts if isinstance(parts, list) else []:
            if isinstance(part, dict) and part.get("type") == "text":
                found = re.search(r"\bpage (\d+)\b", str(part.get("text", "")))
                if found:
                    return int(found[1])
    return None


def _drop(handler: _Handler) -> None:
    """Close the connection without sending a single byte of answer."""
    handler.close_connection = True
    with contextlib.suppress(OSError):
        handler.connection.shutdown(socket.SHUT_RDWR)


def _fault_answer(fault: Fault, endpoint: str) -> _Answer:
    kind = fault.kind
    if kind == "rate_limit":
        headers = {}
        if fault.retry_after is not None:
            value = fault.retry_after
            headers["retry-after"] = str(int(value)) if float(value).is_integer() else str(value)
        if fault.retry_after_ms is not None:
            headers["retry-after-ms"] = str(fault.retry_after_ms)
        answer = _error(
            429,
            "Rate limit reached for requests. Please try again in a moment.",
            type="requests",
            code="rate_limit_exceeded",
        )
        answer.headers = headers
        return answer
    if kind == "server_error":
        return _error(
            500,
            "The server had an error while processing your request. Sorry about that!",
            type="server_error",
            code="server_error",
        )
    if kind == "moderation":
        return _error(
            400,
            "Your request was rejected by the safety system.",
            type="image_generation_user_error",
            code="moderation_blocked",
        )
    if kind == "content_filter":
        return _Answer(
            400,
            {
                "error": {
                    "code": "contentFilter",
                    "message": "The response was filtered due to the prompt triggering Azure "
                    "OpenAI's content management policy. Please modify your prompt and retry.",
                    "param": "prompt",
                    "type": None,
                    "innererror": {
                        "code": "ResponsibleAIPolicyViolation",
                        "content_filter_result": {
                            "violence": {"filtered": True, "severity": "medium"},
                        },
                    },
                }
            },
        )
    if kind == "auth":
        if endpoint == "azure_edits":
            return _Answer(
                401,
                {
                    "error": {
                        "code": "401",
                        "message": "Access denied due to invalid subscription key or wrong "
                        "API endpoint.",
                    }
                },
            )
        return _error(401, "Incorrect API key provided: sk-****.", code="invalid_api_key")
    # bad_request
    return _error(400, "The request was invalid (scripted bad_request).", code=None)


def _parse_multipart(
    content_type: str, body: bytes
) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str, bytes]]]]:
    """Text fields and file parts of a multipart/form-data body (stdlib ``email``)."""
    if "boundary=" not in content_type:
        raise ValueError("multipart body without a boundary")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=default_policy).parsebytes(head + body)
    if not message.is_multipart():
        raise ValueError("not a multipart body")
    fields: dict[str, list[str]] = {}
    files: dict[str, list[tuple[str, str, bytes]]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        name = str(name)
        payload = part.get_payload(decode=True) or b""
        filename = part.get_param("filename", header="content-disposition")
        if filename is not None:
            part_type = part.get("content-type")
            files.setdefault(name, []).append(
                (str(filename), str(part_type).strip() if part_type else "", payload)
            )
        else:
            charset = part.get_content_charset() or "utf-8"
            fields.setdefault(name, []).append(payload.decode(charset, errors="replace"))
    return fields, files


def _check_response_format(response_format: Any) -> tuple[str | None, dict[str, Any]]:
    """Validate ``response_format``; returns (json_schema name or None, schema)."""
    if response_format is None:
        return None, {}

    def bad(message: str) -> _Answer:
        return _error(400, message, param="response_format", code="invalid_value")

    if not isinstance(response_format, dict):
        raise bad("Invalid type for 'response_format': expected an object.")
    kind = response_format.get("type")
    if kind in ("text", "json_object"):
        extra = set(response_format) - {"type"}
        if extra:
            raise bad(f"Unknown parameter: 'response_format.{sorted(extra)[0]}'.")
        return None, {}
    if kind != "json_schema":
        raise bad(
            f"Invalid value: '{kind}'. Supported values are: 'text', 'json_object' and "
            "'json_schema'."
        )
    spec = response_format.get("json_schema")
    if not isinstance(spec, dict):
        raise bad("Missing required parameter: 'response_format.json_schema'.")
    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise bad("Missing required parameter: 'response_format.json_schema.name'.")
    schema = spec.get("schema")
    if not isinstance(schema, dict):
        raise bad("Invalid type for 'response_format.json_schema.schema': expected an object.")
    if "strict" in spec and not isinstance(spec["strict"], bool):
        raise bad("Invalid type for 'response_format.json_schema.strict': expected a boolean.")
    extra = set(spec) - {"name", "schema", "strict", "description"}
    if extra:
        raise bad(f"Unknown parameter: 'response_format.json_schema.{sorted(extra)[0]}'.")
    return name, schema


def _has_image_part(messages: list[Any]) -> bool:
    for message in messages:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list):
            for part in content:
                if isinstance(part, dict) and part.get("type") == "image_url":
                    return True
    return False


def _image_urls(messages: list[Any]) -> list[str]:
    """The ``image_url`` URLs of every message, in order."""
    urls = []
    for message in messages:
        content = message.get("content") if isinstance(message, dict) else None
        for part in content if isinstance(content, list) else ():
            if isinstance(part, dict) and part.get("type") == "image_url":
                image_url = part.get("image_url")
                url = image_url.get("url") if isinstance(image_url, dict) else None
                urls.append(url if isinstance(url, str) else "")
    return urls


def _data_url_image(url: str) -> tuple[str, str]:
    """(declared MIME type, detected PIL format) of a base64 data URL; raises _Answer."""
    head, _, data = url.partition(",")
    mime = head.removeprefix("data:").removesuffix(";base64")
    if not head.startswith("data:image/") or not head.endswith(";base64"):
        raise _error(
            400,
            "Invalid image URL: expected a base64-encoded data URL with an image MIME type "
            f"(e.g. 'data:image/png;base64,...'), but got '{head[:40]}'.",
            param="messages",
            code="invalid_image_url",
        )
    try:
        raw = base64.b64decode(data, validate=True)
        with Image.open(io.BytesIO(raw)) as opened:
            detected = opened.format or ""
            opened.verify()
    except Exception:
        detected = ""
    if detected not in CHAT_IMAGE_FORMATS:
        raise _error(
            400,
            "You uploaded an unsupported image. Please make sure your image has of one the "
            "following formats: ['png', 'jpeg', 'gif', 'webp'].",
            param="messages",
            code="invalid_image_format",
        )
    return mime, detected


def _check_image_parts(messages: list[Any]) -> None:
    """Every ``image_url`` is an http(s) URL or a data URL of a real image."""
    for url in _image_urls(messages):
        if not url.startswith(("http://", "https://")):
            _data_url_image(url)


def _check_judge(messages: list[Any], schema: dict[str, Any]) -> None:
    """What storyillus's judge must send: one user message with a text part, the page and at
    least one sheet as separate PNG image parts; a schema with ``score`` and ``reason``."""

    def broken(message: str) -> _Answer:
        return _error(400, f"fake_openai judge contract: {message}", code="judge_contract")

    props = _properties(schema)
    if (props.get("score") or {}).get("type") != "number" or (props.get("reason") or {}).get(
        "type"
    ) != "string":
        raise broken("the schema needs a number 'score' and a string 'reason'.")
    if set(schema.get("required") or ()) != {"score", "reason"}:
        raise broken("the schema must require 'score' and 'reason'.")
    with_images = [m for m in messages if _image_urls([m])]
    if len(with_images) != 1 or with_images[0].get("role") != "user":
        raise broken("the page and the sheets go in one user message.")
    parts = with_images[0]["content"]
    if not any(isinstance(p, dict) and p.get("type") == "text" and p.get("text") for p in parts):
        raise broken("the user message needs a text part saying what to compare.")
    urls = _image_urls(with_images)
    if len(urls) < 2:
        raise broken(f"expected the page and at least one sheet, got {len(urls)} image(s).")
    for url in urls:
        if url.startswith(("http://", "https://")) or _data_url_image(url) != (
            "image/png",
            "PNG",
        ):
            raise broken("every picture is a PNG sent as a data URL.")


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    props = schema.get("properties")
    return props if isinstance(props, dict) else {}


def _example(schema: Any, name: str, index: int = 0) -> Any:
    """A value that satisfies a (simple) JSON schema; strings read like story text."""
    if not isinstance(schema, dict):
        return f"{name} {index + 1}"
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list) and options:
            non_null = [o for o in options if isinstance(o, dict) and o.get("type") != "null"]
            return _example((non_null or options)[0], name, index)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object" or (kind is None and "properties" in schema):
        return {key: _example(sub, key, index) for key, sub in _properties(schema).items()}
    if kind == "array":
        count = int(schema.get("minItems", 1) or 1)
        return [_example(schema.get("items", {}), name, i) for i in range(count)]
    if kind == "integer":
        return int(schema.get("minimum", index + 1))
    if kind == "number":
        return float(schema.get("minimum", index + 1))
    if kind == "boolean":
        return False
    return f"{name.replace('_', ' ').capitalize()} {index + 1}"


STORY_TEXTS = (
    "Once upon a time, a brave little explorer set off across the meadow.",
    "The wind whispered secrets through the tall grass.",
    "A friendly fox offered to show the way to the old oak tree.",
    "Together they crossed a bubbling brook on stepping stones.",
    "At the oak tree, a tiny door glowed with golden light.",
    "Inside, a family of mice was preparing a grand feast.",
    "Everyone danced and laughed until the stars came out.",
    "Then the little explorer walked home, happy and sleepy.",
)


def _story(schema: dict[str, Any]) -> dict[str, Any]:
    pages_schema = _properties(schema).get("pages", {})
    count = 8
    if isinstance(pages_schema, dict) and isinstance(pages_schema.get("minItems"), int):
        count = max(1, pages_schema["minItems"])
    page_schema = pages_schema.get("items", {}) if isinstance(pages_schema, dict) else {}
    pages = []
    for index in range(count):
        page = _example(page_schema, "page", index) if _properties(page_schema) else {}
        page["text"] = STORY_TEXTS[index % len(STORY_TEXTS)]
        page["scene"] = f"Scene {index + 1}: a bright watercolour meadow, page {index + 1}."
        pages.append(page)
    story = _example(schema, "story") if _properties(schema) else {}
    story["title"] = "The Little Explorer"
    story["pages"] = pages
    return story


def _suggestions(schema: dict[str, Any]) -> dict[str, Any]:
    ideas_schema = _properties(schema).get("ideas", {})
    count = 5
    if isinstance(ideas_schema, dict) and isinstance(ideas_schema.get("minItems"), int):
        count = max(1, ideas_schema["minItems"])
    ideas = [
        "A dragon who is afraid of the dark",
        "A trip to the moon in a cardboard rocket",
        "The day the garden gnomes came alive",
        "A lost penguin finds a new home",
        "A treasure map hidden in a library book",
    ]
    result = _example(schema, "suggestions") if _properties(schema) else {}
    result["ideas"] = [ideas[i % len(ideas)] for i in range(count)]
    return result


__all__ = ["JUDGE_DEFAULT_SCORE", "FakeOpenAI", "Fault", "Recorded"]
