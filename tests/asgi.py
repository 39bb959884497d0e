"""The JSON API in-process: the app's Starlette routes over a test's own engine.

``in_process(engine)`` gives a small synchronous client that sends requests through
httpx's ASGI transport, so API tests read like HTTP tests without starting a server.
Only tests of the real server itself (start-up, a bad setting, the browser, crashes)
use ``tests/server.py``.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Coroutine, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import unquote

import httpx
from starlette.applications import Starlette

from storyillus.api import api_routes, cors_middleware
from storyillus.service import Engine

T = TypeVar("T")
BASE = "http://test"


class ApiClient:
    """A synchronous face on ``httpx.AsyncClient(transport=ASGITransport(app))``.

    Requests run on one event loop in a background thread, as they would in a server.
    """

    def __init__(self, app: Starlette, headers: dict[str, str] | None = None) -> None:
        self.app = app
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._client = self._run(self._open(headers or {}))

    async def _open(self, headers: dict[str, str]) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app)
        return httpx.AsyncClient(transport=transport, base_url=BASE, headers=headers)

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=120)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        content = kwargs.get("content")
        if content is not None and not isinstance(content, bytes | str):
            kwargs["content"] = _async(content)  # a streamed body, without content-length
        return self._run(self._client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)

    def raw(self, method: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        """``path`` exactly as written (httpx would normalise dot segments), with no body.

        ``headers`` may promise a body that never comes.
        """
        return self._run(self._raw(method, path, headers or {}))

    async def _raw(self, method: str, path: str, headers: dict[str, str]) -> tuple[int, str]:
        raw_path, _, query = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": unquote(raw_path),
            "raw_path": raw_path.encode("latin-1"),
            "query_string": query.encode("latin-1"),
            "root_path": "",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "client": ("127.0.0.1", 1),
            "server": ("test", 80),
        }
        answer: dict[str, Any] = {"status": 0, "body": b""}

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
            elif message["type"] == "http.response.body":
                answer["body"] += message.get("body", b"")

        await self.app(scope, receive, send)
        return answer["status"], answer["body"].decode("utf-8", "replace")

    def close(self) -> None:
        self._run(self._client.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


async def _async(chunks: Iterable[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


@contextmanager
def in_process(engine: Engine, headers: dict[str, str] | None = None) -> Iterator[ApiClient]:
    """A client for the API and file routes over ``engine`` (which the caller closes),
    behind the same CORS middleware as app.py's (CORS_ORIGINS)."""
    app = Starlette(routes=api_routes(lambda: engine), middleware=cors_middleware(engine.settings))
    client = ApiClient(app, headers)
    try:
        yield client
    finally:
        client.close()


class _Lines(logging.Handler):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.lines = lines
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))  # with the traceback, when there is one


@contextmanager
def captured_log() -> Iterator[list[str]]:
    """Every line the app logs meanwhile, at any level, as a server would print it."""
    lines: list[str] = []
    handler = _Lines(lines)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
