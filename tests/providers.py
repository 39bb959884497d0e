"""Illustration providers for tests: the real offline illustrator, slowed down or failing.

They implement the same Provider protocol as the real ones, so the runner, the chain
and the store are exercised exactly as in the app.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from storyillus import IllustrationError
from storyillus.config import Settings
from storyillus.illustration.base import SHEET, Picture, SceneRequest
from storyillus.illustration.chain import IllustrationChain
from storyillus.illustration.offline import OfflineIllustrator


class InstrumentedIllustrator:
    """The offline illustrator, with a delay, failures on chosen pages, and a call log.

    Delays and failures apply to pages; character sheets are drawn at once and logged apart.
    """

    def __init__(
        self,
        delay: float = 0.0,
        fail_pages: frozenset[int] = frozenset(),
        crash_pages: frozenset[int] = frozenset(),
        name: str = "offline",
    ) -> None:
        self.name = name
        self.model = "offline-illustrator"
        self.delay = delay
        self.fail_pages = fail_pages
        self.crash_pages = crash_pages
        self.calls: list[tuple[str, int]] = []
        """Pages drawn: (book id, page number)."""
        self.sheet_calls: list[tuple[str, int]] = []
        """Character sheets drawn: (book id, cast member number)."""
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._real = OfflineIllustrator()

    def illustrate(self, request: SceneRequest) -> Picture:
        if request.kind == SHEET:  # sheets are drawn as they are; calls count pages
            with self._lock:
                self.sheet_calls.append((request.book_id, request.page_number))
            return self._real.illustrate(request)
        with self._lock:
            self.calls.append((request.book_id, request.page_number))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            time.sleep(self.delay)
            if request.page_number in self.fail_pages:
                raise IllustrationError(f"{self.name} refused page {request.page_number}.")
            if request.page_number in self.crash_pages:
                raise RuntimeError("simulated bug")
            return self._real.illustrate(request)
        finally:
            with self._lock:
                self.in_flight -= 1


def chain_of(*providers: object) -> Callable[[Settings], IllustrationChain]:
    """A chain factory for ``Engine(settings, chain_factory=...)``."""
    return lambda settings: IllustrationChain(providers)  # type: ignore[arg-type]
