"""What character sheets and the consistency judge cost a 12-page book, side by side.

A 12-page book with a hero picture and 2 companions is drawn through the real Engine
against the fake OpenAI server (tests/fake_openai.py) on loopback, with no Azure and no
offline fallback: sheets and pages are image edits (the companions' sheets, with no
picture of their own, are text-only generations), the judge is the vision chat model.
Every image request and every judge call takes L = 0.3 s: the fake has one latency for
all endpoints, so the judge is as slow as an image (pessimistic: a real vision chat
answer is far quicker than a real image); (e) alone has a judge at 0.1 s, for reference.
The story is written at once (not measured). Concurrency (ILLUSTRATION_CONCURRENCY) is 4.

Configurations, each drawn RUNS times, interleaved, medians reported:
  (a) sheets + judge (CONSISTENCY_JUDGE=true; the fake scores every page 0.95: no redraws)
  (b) sheets, no judge (CONSISTENCY_JUDGE=false)
  (c) no sheets (the book before issue 12: pages are edits of the photo alone). There is
      no setting for it, so the bench (only) makes the runner find no missing sheet; the
      sheet phase of (b) (job created -> first page request at the fake) cross-checks it.
  (d) sheets + judge, the fake scores each page's first drawing 0.3 and its redraw 0.95:
      one redraw per page.
  (e) as (a), with the judge at 0.1 s.
Measured: the job's span in the store (created_at -> updated_at once final). Requests
are counted, classified and timed at the fake.
Targets (issue 12): sheets add at most one round of latency: span(b) - span(c) <= one
round, a round being what one round of drawing costs in (c), span(c) / ceil(12 / 4)
(L plus this machine's per-round overhead), with 10% for noise; the judge adds less than
25% to the span: span(a) / span(b) < 1.25.
Run: .venv/bin/python bench/bench_consistency.py
"""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyillus import Character, Companion, Engine, StoryRequest, load_settings
from storyillus.jobs.runner import Runner
from tests.fake_openai import FakeOpenAI, Recorded

PAGES = 12
LATENCY = 0.3
CONCURRENCY = 4
RUNS = 7
SHEETS = 3  # the hero and 2 companions
GOOD, POOR = 0.95, 0.3  # the judge's answers; the minimum is CONSISTENCY_MIN_SCORE (0.7)
TARGET_SHEETS_ROUNDS = 1.0  # span(b) - span(c) <= one round of drawing ...
NOISE = 0.10  # ... plus this much of it for noise
TARGET_JUDGE_RATIO = 1.25
FAST_JUDGE = 0.1  # (e) only: a judge a third as slow as an image, for reference

_PAGE = re.compile(r"Scene \(page (\d+) of \d+\)")
# The fake paints each picture on a plain blue level of 40 + 25 x variant: a first drawing
# is variant 0, a redraw variant 1, anything else 2..7, so the judge can tell them apart.
_FIRST, _REDRAW = 0, 1


IMAGE_KINDS = ("sheet", "page", "redraw", "other image")


@dataclass(frozen=True)
class Event:
    """One request: its kind, when it arrived and when its answer was ready (time.time)."""

    kind: str
    start: float
    end: float


class CountingFake(FakeOpenAI):
    """The fake, which also classifies and times what it is asked and plays the judge."""

    def __init__(self) -> None:
        super().__init__()
        self.redraw_once = False  # (d): the first drawing of a page scores POOR
        # The fake's own latency is one for every endpoint; these separate them. The story
        # is not measured, so it is written at once.
        self.image_latency = LATENCY
        self.judge_latency = LATENCY
        self.events: list[Event] = []
        self.page_inputs: list[int] = []  # pictures sent with each page edit
        self._drawn: Counter[int] = Counter()
        self._local = threading.local()

    def clear(self) -> None:
        with self._lock:
            self.events.clear()
            self.page_inputs.clear()
            self._drawn.clear()

    # -- timing: from arrival to the answer being ready ---------------------------------

    def _handle(self, handler: Any) -> None:
        self._local.start, self._local.kind, self._local.variant = time.time(), None, None
        super()._handle(handler)

    def _send(self, handler: Any, status: int, data: bytes, *args: Any, **kwargs: Any) -> None:
        # Stamped before the answer goes out: the client cannot have its answer (and start
        # another request) earlier, so overlaps of these intervals never overstate.
        kind = getattr(self._local, "kind", None)
        if kind is not None:
            with self._lock:
                self.events.append(Event(kind, self._local.start, time.time()))
        FakeOpenAI._send(handler, status, data, *args, **kwargs)

    # -- image requests: what each one draws ------------------------------------------

    def _classify(self, prompt: str, inputs: int) -> None:
        page = _PAGE.search(prompt)
        with self._lock:
            if prompt.startswith("Character sheet"):
                self._local.kind = "sheet"
            elif page is not None:
                number = int(page.group(1))
                self._drawn[number] += 1
                first = self._drawn[number] == 1
                self._local.kind = "page" if first else "redraw"
                self._local.variant = _FIRST if first else _REDRAW
                self.page_inputs.append(inputs)
            else:
                self._local.kind = "other image"

    def _edit(self, record: Recorded, *, azure: bool) -> dict[str, Any]:
        prompt = (record.fields.get("prompt") or [""])[-1]
        self._classify(prompt, len(record.files.get("image[]", []) + record.files.get("image", [])))
        time.sleep(self.image_latency)
        return super()._edit(record, azure=azure)

    def _generate(self, params: dict[str, Any]) -> dict[str, Any]:
        self._classify(str(params.get("prompt", "")), 0)
        time.sleep(self.image_latency)
        return super()._generate(params)

    def _picture(self, width: int, height: int, output_format: str, number: int) -> bytes:
        variant = getattr(self._local, "variant", None)
        number = variant if variant is not None else 2 + number % 6
        return super()._picture(width, height, output_format, number)

    # -- chat: the story, the judge ----------------------------------------------------

    def _chat(self, params: dict[str, Any], record: Any) -> dict[str, Any]:
        answer = super()._chat(params, record)
        schema = ((params.get("response_format") or {}).get("json_schema") or {}).get("name")
        self._local.kind = schema or "chat"
        if schema == "judge":
            time.sleep(self.judge_latency)
            score = POOR if self.redraw_once and _variant(params) == _FIRST else GOOD
            reply = {"score": score, "reason": "Hair a little shorter than on the sheet."}
            answer["choices"][0]["message"]["content"] = json.dumps(reply)
        return answer


def _peak(events: list[Event]) -> int:
    """Most requests in flight at one moment."""
    edges = sorted([(e.start, 1) for e in events] + [(e.end, -1) for e in events])
    peak = now = 0
    for _, step in edges:  # an end sorts before a start at the same instant
        now += step
        peak = max(peak, now)
    return peak


def _variant(params: dict[str, Any]) -> int | None:
    """Which variant the judged page (the first picture of the message) is."""
    for part in params["messages"][0]["content"]:
        if isinstance(part, dict) and part.get("type") == "image_url":
            data = base64.b64decode(part["image_url"]["url"].split(",", 1)[1])
            with Image.open(io.BytesIO(data)) as page:
                blue = page.convert("RGB").getpixel((0, 0))[2]
            return round((blue - 40) / 25)
    return None


@dataclass
class Run:
    span: float  # job created_at -> updated_at once final (store)
    before_pages: float  # job created_at -> the first page request arrives (the sheet phase)
    kinds: Counter[str] = field(default_factory=Counter)
    peak_images: int = 0  # image requests in flight at once
    peak_all: int = 0  # any requests in flight at once
    inputs: float = 0.0  # pictures per page edit, mean

    @property
    def pages_phase(self) -> float:
        return self.span - self.before_pages


@dataclass(frozen=True)
class Config:
    key: str
    label: str
    judge: bool
    sheets: bool = True
    redraw_once: bool = False
    judge_latency: float = LATENCY


CONFIGS = (
    Config("a", "(a) sheets + judge", judge=True),
    Config("b", "(b) sheets, no judge", judge=False),
    Config("c", "(c) no sheets, no judge", judge=False, sheets=False),
    Config("d", "(d) sheets + judge, 1 redraw/page", judge=True, redraw_once=True),
    Config("e", f"(e) = (a), judge at {FAST_JUDGE:.1f} s", judge=True, judge_latency=FAST_JUDGE),
)


@contextmanager
def _without_sheets(off: bool) -> Iterator[None]:
    """The book before issue 12: the runner draws no sheet, so pages carry the photo only."""
    if not off:
        yield
        return
    with mock.patch.object(Runner, "_missing_sheets", lambda self, book_id: []):
        yield


def one_book(fake: CountingFake, config: Config, seed: int) -> Run:
    with tempfile.TemporaryDirectory() as home:
        settings = load_settings(
            environ={},
            dotenv_path=None,
            home=home,
            openai_api_key=fake.api_key,
            openai_base_url=fake.base_url,
            azure_endpoint=None,
            enable_offline_illustrator=False,
            concurrency=CONCURRENCY,
            consistency_judge="true" if config.judge else "false",
        )
        engine = Engine(settings)
        try:
            photo = io.BytesIO()
            Image.new("RGB", (256, 256), (200, 120, 80)).save(photo, format="PNG")
            picture = str(engine.store_reference_picture(photo.getvalue()))
            companions = [Companion("Mia", "sister", ("kind",)), Companion("Rex", "dog")]
            hero = Character.create(
                "Lila", 7, ["brave", "curious"], ["space"], companions, image_path=picture
            )
            request = StoryRequest.create(hero, "A cosmic garden adventure", pages=PAGES, seed=seed)
            fake.clear()
            fake.redraw_once = config.redraw_once
            fake.judge_latency = config.judge_latency
            with _without_sheets(not config.sheets):
                made = engine.create_book(request, run_async=False)
            job = engine.get_job(made.job.id)
            assert job.status.is_final and job.done_count == PAGES, (job.status, job.error)
            book = engine.get_book(job.book_id)
            providers = {p.illustration.provider for p in book.pages}
            assert not any("offline" in p for p in providers), providers
            scores = [page.illustration.consistency for page in book.pages]
            if config.judge:  # each page judged, and redrawn exactly as the fake's scores ask
                redraws = 1 if config.redraw_once else 0
                assert all(s is not None and s.redraws == redraws for s in scores), scores
            else:
                assert scores == [None] * PAGES, scores
            with fake._lock:
                events = list(fake.events)
                inputs = statistics.mean(fake.page_inputs)
            first_page = min(e.start for e in events if e.kind == "page")
            return Run(
                span=job.updated_at - job.created_at,
                before_pages=first_page - job.created_at,
                kinds=Counter(e.kind for e in events),
                peak_images=_peak([e for e in events if e.kind in IMAGE_KINDS]),
                peak_all=_peak([e for e in events if e.kind != "story"]),
                inputs=inputs,
            )
        finally:
            engine.close(wait=True)


# The least span any schedule allows, in rounds of L: sheets (3 <= C) take one round, the
# pages ceil(pages / C) rounds each drawing, and the last drawing's judgement one more.
IDEAL_ROUNDS = {
    "a": 1 + 3 + 1,
    "b": 1 + 3,
    "c": 3,
    "d": 1 + 6 + 1,
    "e": 1 + 3 + FAST_JUDGE / LATENCY,
}


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    # The chain's notes (an edit steps aside for a companion with no picture) are expected.
    logging.basicConfig(level=logging.ERROR)
    started = time.perf_counter()
    fake = CountingFake()
    fake.start()
    runs: dict[str, list[Run]] = {config.key: [] for config in CONFIGS}
    try:
        one_book(fake, CONFIGS[0], 99)  # warm-up: imports, fonts, the fake's image cache
        for seed in range(RUNS):  # interleaved, so that load on the host hits all alike
            for config in CONFIGS:
                runs[config.key].append(one_book(fake, config, seed))
    finally:
        fake.stop()

    def median(key: str, figure: Callable[[Run], float]) -> float:
        return statistics.median(figure(r) for r in runs[key])

    span = {config.key: median(config.key, lambda r: r.span) for config in CONFIGS}
    print(
        f"{PAGES}-page book, hero picture + 2 companions ({SHEETS} sheets), fake OpenAI at "
        f"{LATENCY:.1f} s a request (images and judge alike), concurrency {CONCURRENCY}, "
        f"median of {RUNS} ({os.cpu_count()} cores)"
    )
    print(
        "span: job created_at -> updated_at when final (store), story writing excluded; "
        "sheets: created_at -> first page request at the fake; requests counted at the fake"
    )
    print(
        f"{'configuration':<35}{'span':>7}{'/L':>6}{'ideal':>6}{'sheets':>8}{'pages':>7}"
        f"{'| sheet':>8}{'page':>5}{'redraw':>7}{'judge':>6}{'pics/edit':>10}"
        f"{'peak img':>9}{'peak all':>9}"
    )
    for config in CONFIGS:
        key = config.key

        def count(kind: str, key: str = key) -> int:
            return round(statistics.median(run.kinds[kind] for run in runs[key]))

        print(
            f"{config.label:<35}{span[key]:>6.2f}s{span[key] / LATENCY:>6.1f}"
            f"{IDEAL_ROUNDS[key]:>6.3g}{median(key, lambda r: r.before_pages):>7.2f}s"
            f"{median(key, lambda r: r.pages_phase):>6.2f}s"
            f"{'| ' + str(count('sheet')):>8}{count('page'):>5}{count('redraw'):>7}"
            f"{count('judge'):>6}{median(key, lambda r: r.inputs):>10.1f}"
            f"{max(r.peak_images for r in runs[key]):>9}{max(r.peak_all for r in runs[key]):>9}"
        )

    # Derived figures pair the runs of one repetition (drawn one after another, so load on
    # the host hits both alike), then take the median over repetitions.
    def paired(key: str, other: str, figure: Callable[[float, float], float]) -> list[float]:
        return sorted(figure(x.span, y.span) for x, y in zip(runs[key], runs[other], strict=True))

    def spread(values: list[float], unit: str) -> str:
        return f"median of {len(values)}, {values[0]:.2f}-{values[-1]:.2f}{unit}"

    one_round = span["c"] / IDEAL_ROUNDS["c"]
    limit = (TARGET_SHEETS_ROUNDS + NOISE) * one_round
    added = paired("b", "c", lambda x, y: x - y)
    sheets_add = statistics.median(added)
    print()
    print(f"{'figure':<44}{'measured':>10}{'target':>12}  verdict")
    print(
        f"{'sheets: span(b) - span(c)':<44}{sheets_add:>9.2f}s{f'<= {limit:.2f}s':>12}"
        f"  {_verdict(sheets_add <= limit)}   ({spread(added, ' s')})"
    )
    print(
        f"{'  in rounds of (c) (' + f'{one_round:.3f} s)':<44}{sheets_add / one_round:>10.2f}"
        f"{f'<= {TARGET_SHEETS_ROUNDS + NOISE:.2f}':>12}"
    )
    print(f"{'  in L':<44}{sheets_add / LATENCY:>10.2f}")
    for label, figure in (
        ("  of which the sheet phase", lambda r: r.before_pages),
        ("  of which the pages phase", lambda r: r.pages_phase),
    ):
        print(f"{label:<44}{median('b', figure) - median('c', figure):>+9.2f}s")
    for key, label in (
        ("a", "judge: span(a) / span(b)"),
        ("e", "judge at 0.1 s: span(e) / span(b)"),
        ("d", "1 redraw/page: span(d) / span(b)"),
    ):
        ratios = paired(key, "b", lambda x, y: x / y)
        ratio = statistics.median(ratios)
        verdict = (
            f"{f'< {TARGET_JUDGE_RATIO:.2f}x':>12}  {_verdict(ratio < TARGET_JUDGE_RATIO)}"
            if key != "d"
            else f"{'':>12}  -     "
        )
        print(f"{label:<44}{ratio:>9.3f}x{verdict}   ({spread(ratios, 'x')})")
        least = IDEAL_ROUNDS[key] / IDEAL_ROUNDS["b"]
        print(f"{'  least any schedule allows':<44}{least:>9.2f}x")
        more = statistics.median(paired(key, "b", lambda x, y: x - y)) / LATENCY
        fewest = IDEAL_ROUNDS[key] - IDEAL_ROUNDS["b"]
        label = f"  span({key}) - span(b), in L"
        print(f"{label:<44}{more:>10.2f}{f'least {fewest:.2f}':>12}")
    extra = {
        key: sum(median(key, lambda r, k=k: r.kinds[k]) for k in ("sheet", "redraw", "judge"))
        for key in ("a", "b", "d")
    }
    print(
        "extra requests per book over (c): "
        + ", ".join(f"({key}) {round(n)}" for key, n in extra.items())
        + " (sheets + redraws + judge calls)"
    )
    print(f"whole run {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
