"""Job event streams for tests and benchmarks: the API on a real HTTP server, and a reader
of Server-Sent Events as a browser's EventSource parses them.

``serve(engine)`` runs uvicorn over ``api_routes(engine)`` on a free loopback port in a
thread: real connections, in a test's own process (the full app, ``streamlit run``, is
tests/server.py).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette

from storyillus.api import api_routes
from storyillus.service import Engine
from tests.server import free_port


@dataclass
class Event:
    name: str
    id: str | None
    data: Any
    at: float = field(default_factory=time.monotonic)
    """When it arrived."""


@dataclass
class Stream:
    events: list[Event] = field(default_factory=list)
    pings: list[float] = field(default_factory=list)
    """When each heartbeat comment arrived."""

    def named(self, name: str) -> list[Event]:
        return [e for e in self.events if e.name == name]


def read_events(lines: Iterable[str], stream: Stream, stop_after_id: str | None = None) -> None:
    """Parse SSE ``lines`` into ``stream`` until they end (or the event ``stop_after_id``)."""
    name, event_id, data = "message", None, []
    for line in lines:
        if line.startswith(":"):
            if line.strip() == ": ping":
                stream.pings.append(time.monotonic())
            continue
        if line == "":
            if data:
                stream.events.append(Event(name, event_id, json.loads("\n".join(data))))
                if stop_after_id is not None and event_id == stop_after_id:
                    return
            name, data = "message", []
            continue
        key, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if key == "event":
            name = value
        elif key == "id":
            event_id = value
        elif key == "data":
            data.append(value)


@contextmanager
def serve(engine: Engine) -> Iterator[str]:
    """The API over ``engine`` on a real HTTP server; yields its base URL."""
    port = free_port()
    app = Starlette(routes=api_routes(lambda: engine))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
