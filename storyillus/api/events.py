"""GET /api/stories/illustrations/job/{id}/events: a job's progress pushed as Server-Sent Events.

The stream, each event with an ``id`` (SSE's Last-Event-ID resumes after it):

- ``event: page``, ``id: k``: the k-th result stored, as in the job status object;
- ``event: progress``, ``id: k``: ``{"status", "done", "failed", "total"}`` after those pages
  (and at once for a new listener, ``id: 0`` when nothing is stored yet);
- ``event: end``, ``id: total + 1``: the job status object, final; then the stream ends.

A result is stored once per job (a redraw is a job of its own; a judge's rounds happen before
storing), and the store keeps results in storing order (``Jobs.stored_results``), so k names
one page of one job for good: resuming after k sends k + 1 onwards, no repeats, no gaps.
A client that resumes after the end event gets 204, which tells a browser's EventSource to
stop reconnecting.

Listeners never slow the drawing: the writing threads only signal the job's change
(``store.changes``); the listeners of a job share one read of the store per change (and
listeners that come together, one first read per caller, which is also the 404 check);
changes less than SSE_BATCH_MS after the last wake are sent together at the end of it, so
that pages stored in quick succession cost each listener one write, not one each. A comment
(``: ping``) every SSE_HEARTBEAT_SECONDS keeps proxies from closing an idle stream, and the
job is read again then, in case another process changed it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from storyillus._exceptions import InvalidInput, NotFound
from storyillus.domain import Job, ResultStatus
from storyillus.service import Engine
from storyillus.store import StoredResults

STREAM_HEADERS = {
    "Cache-Control": "no-cache, no-store",
    "X-Content-Type-Options": "nosniff",
    # Nginx and friends would otherwise hold events back until a buffer fills.
    "X-Accel-Buffering": "no",
}


def _last_event_id(request: Request) -> int | None:
    """Last-Event-ID (header, or ``lastEventId`` in the query for clients that cannot set
    headers): the last event the client has, or None for a new listener."""
    raw = request.headers.get("last-event-id") or request.query_params.get("lastEventId")
    if raw is None or raw.strip() == "":
        return None
    raw = raw.strip()
    if not raw.isdigit() or len(raw) > 9:
        raise InvalidInput("Last-Event-ID must be the id of an event of this job's stream.")
    return int(raw)


def _event(name: str, event_id: int, data: Any) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {name}\nid: {event_id}\ndata: {body}\n\n"


def _progress(job: Job) -> dict[str, Any]:
    failed = sum(1 for r in job.results if r.status is ResultStatus.FAILED)
    return {
        "status": job.status.value,
        "done": job.done_count,
        "failed": failed,
        "total": len(job.results),
    }


@dataclass
class _Read:
    """One read of the job, shared by its listeners, with the text already made from it: the
    listeners of one user at the same point of the stream send the same text, made once."""

    snapshot: StoredResults
    texts: dict[tuple[str, str, int, bool], tuple[str, int, bool]] = field(default_factory=dict)


class _Listener:
    """What one client has been sent, and the events a new read of the job adds."""

    def __init__(
        self, engine: Engine, sent: int, fresh: bool, request: Request | None = None
    ) -> None:
        self.engine = engine
        self.sent = sent
        self.fresh = fresh
        self.request = request
        """For the pictures' absolute ``url`` when PUBLIC_BASE_URL is not set."""

    def events(self, read: _Read) -> tuple[str, bool]:
        """The text to send for ``read`` and whether the stream ends with it."""
        base = str(self.request.base_url) if self.request is not None else ""
        key = (self.engine.user.id, base, self.sent, self.fresh)
        made = read.texts.get(key)
        if made is None:
            made = read.texts[key] = self._events(read.snapshot)
        text, self.sent, final = made
        self.fresh = self.fresh and not text
        return text, final

    def _events(self, snapshot: StoredResults) -> tuple[str, int, bool]:
        job, stored = snapshot.job, snapshot.stored
        out: list[str] = []
        sent = self.sent
        new = stored[sent:]
        if new:
            # job_json, so that each page reads exactly as in the job status object.
            pages = job_json(self.engine, replace(job, results=new), self.request)["results"]
            out += [_event("page", sent + i, page) for i, page in enumerate(pages, start=1)]
            sent = len(stored)
        if new or self.fresh:
            out.append(_event("progress", sent, _progress(job)))
        final = job.status.is_final and sent == len(job.results)
        if final:
            final_status = job_json(self.engine, job, self.request)
            out.append(_event("end", len(job.results) + 1, final_status))
        return "".join(out), sent, final


async def _stream(
    engine: Engine, job_id: str, listener: _Listener, heartbeat: float
) -> AsyncIterator[str]:
    read, caller = _reader(engine, job_id), engine.user.id
    spacing = engine.settings.sse_batch_ms / 1000
    with engine.job_changes.watch(job_id, spacing) as watch:
        version = watch.version
        snapshot = await watch.read(version, read, caller)
        while True:
            if snapshot is None:  # the job was deleted meanwhile
                return
            text, final = listener.events(snapshot)
            if text:
                yield text
            if final:
                return
            if await watch.wait(version, heartbeat):
                version = watch.version
                snapshot = await watch.read(version, read, caller)
            else:
                yield ": ping\n\n"
                # The safety net for a change no signal told of (another process): a read
                # of this listener's own, not shared.
                snapshot = await run_in_threadpool(read)


def _reader(engine: Engine, job_id: str) -> Callable[[], _Read | None]:
    def read() -> _Read | None:
        try:
            return _Read(engine.stored_results(job_id))
        except NotFound:
            return None

    return read


async def job_events(engine: Engine, request: Request) -> Response:
    job_id = request.path_params["job_id"]
    last = _last_event_id(request)
    # The caller's job, or 404. Listeners that come together (a hundred at a job's start)
    # share one read per caller (Watch.read), not one read each of their own.
    with engine.job_changes.watch(job_id) as watch:
        first = await watch.read(watch.version, _reader(engine, job_id), engine.user.id)
    if first is None:
        raise NotFound(f"No job with id {job_id!r}.")
    total = len(first.snapshot.job.results)
    if last is not None and last > total + 1:
        raise InvalidInput(f"Last-Event-ID {last} is not an event of this job (1 to {total + 1}).")
    if last == total + 1:
        return Response(status_code=204, headers=STREAM_HEADERS)  # it had the end: stop
    listener = _Listener(engine, sent=last or 0, fresh=last is None, request=request)
    heartbeat = float(engine.settings.sse_heartbeat_seconds)
    return StreamingResponse(
        _stream(engine, job_id, listener, heartbeat),
        media_type="text/event-stream",
        headers=STREAM_HEADERS,
    )


from storyillus.api.routes import job_json  # noqa: E402  (routes imports this module)
