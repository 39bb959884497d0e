"""Judging a page overlaps the drawing of the next one: the judge never serialises a book.

A fake OpenAI server (tests/fake_openai.py) that watches the drawings: each judge call
waits until another drawing is under way (or a while, if none comes), so a runner that
keeps its drawing slot while the judge answers is seen drawing nothing meanwhile.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from storyillus import Character, Engine, JobStatus, StoryRequest
from tests.conftest import make_settings, png_bytes
from tests.fake_openai import FakeOpenAI, Recorded

DRAWING_SECONDS = 0.1
WAIT_FOR_A_DRAWING = 1.0
PAGES = 4


class DrawingWatch(FakeOpenAI):
    """Counts image edits in flight; a judge call notes whether one is under way."""

    def __init__(self) -> None:
        super().__init__()
        self.drawing = 0
        self.peak_drawing = 0
        self.judged = 0
        self.judged_while_drawing = 0
        self._started = 0
        self._changed = threading.Condition()

    def _edit(self, record: Recorded, *, azure: bool) -> dict[str, Any]:
        # Counted from arrival to before the answer is sent, so an overlap seen here is an
        # overlap at the client too.
        with self._changed:
            self.drawing += 1
            self._started += 1
            self.peak_drawing = max(self.peak_drawing, self.drawing)
            self._changed.notify_all()
        try:
            time.sleep(DRAWING_SECONDS)
            return super()._edit(record, azure=azure)
        finally:
            with self._changed:
                self.drawing -= 1

    def _chat(self, params: dict[str, Any], record: Recorded) -> dict[str, Any]:
        schema = ((params.get("response_format") or {}).get("json_schema") or {}).get("name")
        if schema == "judge":
            with self._changed:
                started = self._started
                overlapped = self._changed.wait_for(
                    lambda: self.drawing > 0 or self._started > started, WAIT_FOR_A_DRAWING
                )
                self.judged += 1
                self.judged_while_drawing += int(overlapped)
        return super()._chat(params, record)


@pytest.fixture
def watch() -> Any:
    server = DrawingWatch()
    server.start()
    yield server
    server.stop()


def test_the_next_page_is_drawn_while_a_page_is_judged(watch: DrawingWatch, tmp_path: Path):
    settings = make_settings(
        tmp_path,
        openai_api_key=watch.api_key,
        openai_base_url=watch.base_url,
        azure_endpoint=None,
        enable_offline_illustrator=False,
        concurrency=1,
        consistency_judge="true",
    )
    engine = Engine(settings)
    try:
        picture = str(engine.store_reference_picture(png_bytes((200, 200))))
        hero = Character.create("Lila", 7, ["brave"], ["space"], image_path=picture)
        request = StoryRequest.create(hero, "A cosmic garden adventure", pages=PAGES, seed=2)
        made = engine.create_book(request, run_async=False)
        book = engine.get_book(made.book.id)
    finally:
        engine.close(wait=True)

    assert made.job.status is JobStatus.COMPLETED
    assert all(page.illustration.consistency is not None for page in book.pages)
    assert watch.judged == PAGES
    # Every page but the last is judged while the next one is drawn...
    assert watch.judged_while_drawing >= PAGES - 1
    # ... and ILLUSTRATION_CONCURRENCY still bounds the drawings (1 here).
    assert watch.peak_drawing == 1
