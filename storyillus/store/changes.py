"""One change signal per job, from the threads that write the store to the event loops that
stream job events (GET /api/stories/illustrations/job/{id}/events).

The drawing threads must never do work per listener: ``changed(job_id)`` costs a dict look-up
when nobody listens, and otherwise one ``call_soon_threadsafe`` per event loop that has
listeners of that job (a server runs one loop), however many listeners there are. On the loop,
one ``asyncio.Event`` wakes them all, and they share one read of the store per change
(``Watch.read``) instead of each reading it.

Only writes in this process are signalled. A store written by another process is seen when a
listener's heartbeat times out and it reads the store anyway (the safety net: at most one
heartbeat, SSE_HEARTBEAT_SECONDS, late).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Group:
    """The listeners of one job on one event loop; touched only on that loop (but ``count``,
    under the hub's lock)."""

    loop: asyncio.AbstractEventLoop
    signal: _Signal
    spacing: float = 0.0
    """Seconds: changes closer together than this wake the listeners once, together."""
    count: int = 0
    event: asyncio.Event = field(default_factory=asyncio.Event)
    last_wake: float = float("-inf")
    pending: asyncio.TimerHandle | None = None
    """The wake due at ``last_wake + spacing``, when changes came before it."""
    woken: int = 0
    """The job's version at the last wake: the changes up to it have been woken for."""
    reads: dict[Hashable, tuple[int, asyncio.Future[Any]]] = field(default_factory=dict)
    """The latest read per reader key (a caller): the version it was started at, and it."""

    def wake(self) -> None:
        """A change: wake the listeners now, or, if they were woken less than ``spacing``
        ago, once at the end of it for all changes until then. Every wake costs a step of
        each listener's stream and a write to its connection, on the loop that shares the
        GIL with the drawing threads: pages stored in quick succession (offline, or many
        workers) are sent in one write per listener instead of one each."""
        if self.pending is not None or self.signal.version <= self.woken:
            return  # the wake already due, or the last one, covers this change
        due = self.last_wake + self.spacing
        if self.loop.time() >= due:
            self._fire()
        else:
            self.pending = self.loop.call_at(due, self._fire)

    def _fire(self) -> None:
        self.pending = None
        self.last_wake = self.loop.time()
        self.woken = self.signal.version
        # A fresh event for the next change, then wake everyone waiting on this one.
        done, self.event = self.event, asyncio.Event()
        done.set()


@dataclass
class _Signal:
    version: int = 0
    groups: dict[asyncio.AbstractEventLoop, _Group] = field(default_factory=dict)


class JobChanges:
    """Thread-safe: ``changed`` from any thread, ``watch`` from a running event loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, _Signal] = {}

    def changed(self, job_id: str) -> None:
        """Job ``job_id`` changed in the store (call after the transaction committed)."""
        with self._lock:
            signal = self._jobs.get(job_id)
            if signal is None:
                return
            signal.version += 1
            groups = list(signal.groups.values())
        for group in groups:
            # RuntimeError: that loop is closed, its listeners are gone.
            with contextlib.suppress(RuntimeError):
                group.loop.call_soon_threadsafe(group.wake)

    def listeners(self, job_id: str) -> int:
        with self._lock:
            signal = self._jobs.get(job_id)
            return sum(g.count for g in signal.groups.values()) if signal else 0

    @contextmanager
    def watch(self, job_id: str, spacing: float = 0.0) -> Iterator[Watch]:
        """Listen to ``job_id`` from the running event loop until the block ends; wakes
        come at least ``spacing`` seconds apart (the first listener of the loop sets it)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            signal = self._jobs.setdefault(job_id, _Signal())
            group = signal.groups.get(loop)
            if group is None:
                group = signal.groups[loop] = _Group(loop, signal, spacing)
            group.count += 1
        try:
            yield Watch(signal, group)
        finally:
            with self._lock:
                group.count -= 1
                if group.count == 0:
                    signal.groups.pop(loop, None)
                if not signal.groups and self._jobs.get(job_id) is signal:
                    del self._jobs[job_id]


@dataclass
class Watch:
    """One listener's view of its job's signal."""

    _signal: _Signal
    _group: _Group

    @property
    def version(self) -> int:
        """Changes seen so far; read it before reading the store, then ``wait`` on it."""
        return self._signal.version

    async def wait(self, seen: int, timeout: float) -> bool:
        """Wait until the job changes after ``seen``; False when ``timeout`` passed first."""
        # A wake this listener was not waiting for (it was reading or sending): go on at
        # once. A change not woken for yet is waited for: its wake is due (at most
        # ``spacing`` away) and comes with the others of its batch.
        if self._group.woken > seen:
            return True
        # No await between the check and the wait: a change after the check is woken on
        # this loop only after we wait, so it is never missed. (asyncio.timeout, not
        # wait_for: no task of its own per wait.)
        try:
            async with asyncio.timeout(timeout):
                await self._group.event.wait()
        except TimeoutError:
            return self._signal.version != seen
        return True

    async def read(self, version: int, reader: Callable[[], Any], key: Hashable = None) -> Any:
        """``reader()`` in a worker thread, once per ``version`` and ``key`` for all listeners
        of the job on this loop: 100 listeners woken by one change make one read.

        ``key`` names whose read it is (the caller): a read that checks the caller may see
        the job is shared only with listeners of the same key. A read started at this
        version serves listeners that come later at the same version: nothing changed since.
        """
        group = self._group
        latest = group.reads.get(key)
        if latest is None or latest[0] != version:
            latest = group.reads[key] = (version, asyncio.ensure_future(asyncio.to_thread(reader)))
        # shield: one listener leaving (cancelled) must not cancel the others' read.
        return await asyncio.shield(latest[1])
