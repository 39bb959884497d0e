"""The job runner: draws character sheets and pages of jobs in parallel on a thread pool.

Each sheet and each page is one task. A task draws its picture through the provider chain,
saves it, and records the outcome in the store at once, so a picture that is done is never
lost and never drawn again after a crash. A page is drawn from its characters' sheets and,
with a judge, scored against them and drawn again while it drifts. Whatever goes wrong
inside a task ends as a failed picture with a message, never as a job stuck in
``processing``.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

from storyillus._exceptions import IllustrationError, NotFound, ServiceError, StoryillusError
from storyillus.config import Settings
from storyillus.domain import Book, Consistency, Illustration, Job, ResultStatus
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.chain import ChainResult, IllustrationChain
from storyillus.illustration.judge import Judge, Verdict
from storyillus.storage.files import ImageFiles, SavedImage
from storyillus.storage.retention import Retention
from storyillus.store import Store

log = logging.getLogger(__name__)

BOOK_JOB = "book"
"""A book's pages (its missing sheets first)."""
SHEET_JOBS = ("sheets", "sheet")
"""Every sheet of a book's cast, waiting for approval; one member's sheet drawn again."""


class Runner:
    def __init__(
        self,
        store: Store,
        files: ImageFiles,
        retention: Retention,
        settings: Callable[[], Settings],
        chain: Callable[[], IllustrationChain],
        judge: Callable[[], Judge | None] = lambda: None,
    ) -> None:
        self.store = store
        self.files = files
        self.retention = retention
        # Callables, so that settings saved in the app apply to the next page drawn.
        self._settings = settings
        self._chain = chain
        self._judge = judge
        self._slots, self._pool = _slots_and_pool(settings().concurrency)
        self._stopped = False

    def submit(self, job: Job) -> list[Future[None]]:
        """Queue every picture of ``job`` not finished yet; returns futures to wait on.

        A book's pages wait for its character sheets: a book job whose cast lacks sheets
        draws them first (in parallel), then its pages.
        """
        pending = [r.page_number for r in job.results if r.status is ResultStatus.PENDING]
        if job.kind in SHEET_JOBS:
            return [self._pool.submit(self._run_sheet, job.book_id, n, job.id) for n in pending]
        if job.kind == BOOK_JOB:
            missing = self._missing_sheets(job.book_id)
            if missing:
                sheets = [self._pool.submit(self._run_sheet, job.book_id, n) for n in missing]
                return [_then(sheets, lambda: self._submit_pages(job.id, pending))]
        return self._submit_pages(job.id, pending)

    def _submit_pages(self, job_id: str, numbers: list[int]) -> list[Future[None]]:
        return [self._pool.submit(self._run_page, job_id, number) for number in numbers]

    def run_inline(self, job: Job) -> Job:
        """Do the same work as ``submit`` but return only when every page is finished."""
        wait(self.submit(job))
        return self.store.jobs.get(job.id)

    def resume(self) -> list[Job]:
        """Queue the unfinished pages of jobs a crash or a restart interrupted."""
        jobs = self.store.jobs.unfinished()
        for job in jobs:
            log.info(
                "Resuming job %s (%d of %d pages done).", job.id, job.done_count, len(job.results)
            )
            self.submit(job)
        return jobs

    def resize(self, concurrency: int) -> None:
        """Draw ``concurrency`` pictures at once from now on.

        Pages already queued finish on the old pool, so for a moment both may run.
        """
        old = self._pool
        self._slots, self._pool = _slots_and_pool(concurrency)
        old.shutdown(wait=False)

    def shutdown(self, wait_for_pages: bool = False) -> None:
        """Stop; pages not started stay pending in the store and resume at the next start."""
        self._stopped = not wait_for_pages
        self._pool.shutdown(wait=wait_for_pages, cancel_futures=not wait_for_pages)

    def _interrupted(self, what: str) -> bool:
        """A task still running when the engine closed: the store may be gone under it. Its
        picture stays pending and is drawn at the next start; nothing to report."""
        if self._stopped:
            log.info("Stopped while drawing %s; it resumes at the next start.", what)
        return self._stopped

    # -- character sheets ----------------------------------------------------------

    def _missing_sheets(self, book_id: str) -> list[int]:
        """The cast members (numbered from 1) whose sheet is not on disk."""
        book = self.store.books.get(book_id)
        return [
            number
            for number, member in enumerate(book.cast, start=1)
            if self._file(member.sheet) is None
        ]

    def _file(self, url: str | None) -> Path | None:
        return self.files.path_for_url(url)

    def _run_sheet(self, book_id: str, number: int, job_id: str | None = None) -> None:
        try:
            self._draw_sheet(book_id, number, job_id)
        except NotFound:
            log.info("Book %s was deleted before sheet %d was drawn.", book_id, number)
        except Exception as exc:
            if self._interrupted(f"sheet {number} of book {book_id}"):
                return
            if not isinstance(exc, StoryillusError):
                log.exception("Unexpected error drawing sheet %d of book %s", number, book_id)
            error = str(exc) if isinstance(exc, StoryillusError) else type(exc).__name__
            log.warning("Sheet %d of book %s could not be drawn: %s", number, book_id, error)
            if job_id is not None:
                try:
                    self.store.record_sheet(
                        book_id, "", None, job_id=job_id, member_number=number, error=error
                    )
                except Exception:
                    log.exception("Could not record the failure of sheet %d", number)

    def _draw_sheet(self, book_id: str, number: int, job_id: str | None) -> None:
        settings = self._settings()
        if job_id is not None:
            self.store.jobs.start(job_id)
        book = self.store.books.get(book_id)
        member = book.cast[number - 1]
        own = book.picture_of(member)
        picture = Path(own) if own and Path(own).is_file() and not member.picture_refused else None
        request = SceneRequest.for_sheet(
            book, member, picture, settings.pixel_size, settings.image_quality
        )
        with self._slots:
            result = self._chain().illustrate(request)
        if result.picture.png is None:
            raise IllustrationError(f"{result.picture.provider} gave no picture for the sheet.")
        saved = self.files.save_sheet(result.picture.png, book.id, number)
        refused = picture is not None and result.refused
        outcome = self.store.record_sheet(
            book.id,
            member.name,
            saved,
            picture_refused=refused,
            job_id=job_id,
            member_number=number,
            illustration=self._illustration(result, saved),
        )
        if not outcome.recorded:
            self.files.delete([saved.name])
        if outcome.replaced_image:
            self.files.delete([outcome.replaced_image])
        if refused:
            self.store.books.add_note(book.id, _refusal_note(member.name, result))

    # -- one page ----------------------------------------------------------------

    def _run_page(self, job_id: str, page_number: int) -> None:
        try:
            self._draw_and_record(job_id, page_number)
        except NotFound:
            log.info("Job %s was deleted before page %d was drawn.", job_id, page_number)
        except Exception as exc:
            if self._interrupted(f"page {page_number} of job {job_id}"):
                return
            if isinstance(exc, StoryillusError):
                self._record_failure(job_id, page_number, str(exc))
                return
            log.exception("Unexpected error drawing page %d of job %s", page_number, job_id)
            self._record_failure(job_id, page_number, f"Unexpected error: {type(exc).__name__}.")

    def _record_failure(self, job_id: str, page_number: int, error: str) -> None:
        try:
            self.store.record_page(job_id, page_number, None, error=error)
        except Exception:
            log.exception("Could not record the failure of page %d of job %s", page_number, job_id)

    def _page_request(self, book: Book, number: int, settings: Settings) -> SceneRequest:
        """The page with its characters' sheets, the hero's picture and the style anchor."""
        own = book.picture_of(book.hero)
        reference = Path(own) if own and Path(own).is_file() else None
        if book.hero.picture_refused:
            reference = None  # the hero's sheet stands in for a picture a model refused
        sheets = {m.name: path for m in book.cast if (path := self._file(m.sheet)) is not None}
        first = book.pages[0].illustration if book.pages else None
        anchor = self._file(first.local_url) if first is not None else None
        return SceneRequest.for_page(
            book,
            number,
            reference,
            settings.pixel_size,
            settings.image_quality,
            sheets,
            anchor,
        )

    def _draw_and_record(self, job_id: str, page_number: int) -> None:
        settings = self._settings()
        self.store.jobs.start(job_id)
        job = self.store.jobs.get(job_id)
        book = self.store.books.get(job.book_id)
        page = book.page(page_number)
        request = self._page_request(book, page.number, settings)
        result, consistency = self._draw_judged(request, settings)
        picture = result.picture
        saved: SavedImage | None = None
        b64_json: str | None = None
        if picture.png is not None and settings.save_generated_images:
            saved = self.files.save(picture.png, picture.provider, book.id, page.number)
        elif picture.png is not None:
            b64_json = base64.b64encode(picture.png).decode("ascii")
        illustration = replace(
            self._illustration(result, saved), b64_json=b64_json, consistency=consistency
        )
        outcome = self.store.record_page(job_id, page_number, illustration, image=saved)
        if not outcome.recorded and saved:
            self.files.delete([saved.name])
        if outcome.replaced_image:
            self.files.delete([outcome.replaced_image])
        if outcome.finished:
            log.info("Job %s %s.", job_id, outcome.finished.status.value)
        if saved:
            self.retention.prune(settings.max_files, settings.max_mb)

    def _draw_judged(
        self, request: SceneRequest, settings: Settings
    ) -> tuple[ChainResult, Consistency | None]:
        """Draw the page; with a judge and sheets, redraw while it scores below the minimum
        (CONSISTENCY_MAX_REDRAWS at most) and keep the best-scoring drawing."""
        judge = self._judge() if request.sheets else None
        tries = 1 + (settings.consistency_max_redraws if judge is not None else 0)
        best: tuple[float, ChainResult, Verdict | None] | None = None
        attempt = 0
        for attempt in range(tries):
            with self._slots:  # judging holds no slot: it overlaps other pages' drawing
                result = self._chain().illustrate(replace(request, attempt=attempt))
            verdict = self._verdict(judge, result, request)
            score = verdict.score if verdict is not None else 1.0
            if best is None or score > best[0]:
                best = (score, result, verdict)
            if verdict is None or score >= settings.consistency_min_score:
                break
        assert best is not None
        _, result, verdict = best
        if judge is None or verdict is None:
            return result, None
        return result, Consistency(verdict.score, judge.name, verdict.reason, redraws=attempt)

    @staticmethod
    def _verdict(judge: Judge | None, result: ChainResult, request: SceneRequest) -> Verdict | None:
        if judge is None or result.picture.png is None:
            return None
        try:
            return judge.judge(result.picture.png, request)
        except ServiceError as exc:
            # A judge that cannot answer never costs the page: it is kept as drawn.
            log.warning(
                "The judge %s could not score page %d: %s", judge.name, request.page_number, exc
            )
            return None

    @staticmethod
    def _illustration(result: ChainResult, saved: SavedImage | None) -> Illustration:
        picture = result.picture
        return Illustration(
            provider=picture.provider,
            model=picture.model,
            character_referenced=picture.character_referenced,
            local_url=saved.url if saved else None,
            url=picture.url,
            attempts=result.attempts,
            usage=picture.usage,
        )


def _refusal_note(name: str, result: ChainResult) -> str:
    """What happened when image models refused a member's picture, in the book's notes."""
    refusers = [a["provider"] for a in result.attempts if a.get("refused")]
    picture = result.picture
    # An edit another model accepted still drew from the picture; text-only drew from words.
    source = "the picture" if picture.character_referenced else "the description"
    return (
        f"{' and '.join(refusers)} would not edit {name}'s picture, so {name}'s sheet was "
        f"drawn by {picture.provider} from {source} and stands in for the picture on every page."
    )


def _slots_and_pool(
    concurrency: int,
) -> tuple[threading.BoundedSemaphore, ThreadPoolExecutor]:
    """ILLUSTRATION_CONCURRENCY drawing slots, and twice as many workers.

    The slots bound the pictures being drawn (what the provider's limits are about). A
    worker holds a slot only while it draws, so that judging a page, or saving it, never
    keeps the next page from being drawn: with a worker per slot, a judge as slow as a
    drawing would double the book's span. The second worker per slot is for that judging.
    """
    workers = 2 * concurrency
    return threading.BoundedSemaphore(concurrency), ThreadPoolExecutor(
        max_workers=workers, thread_name_prefix="illustrator"
    )


def _then(futures: list[Future[None]], step: Callable[[], list[Future[None]]]) -> Future[None]:
    """A future done when ``futures`` are, then ``step()`` and the futures it starts, are.

    Callbacks, not a waiting task: a task waiting on others could hold the only worker.
    """
    done: Future[None] = Future()
    left = [len(futures)]
    lock = threading.Lock()

    def finish_with(started: list[Future[None]]) -> None:
        remaining = [len(started)]

        def one_done(_: Future[None]) -> None:
            with lock:
                remaining[0] -= 1
                last = remaining[0] == 0
            if last:
                done.set_result(None)

        if not started:
            done.set_result(None)
        for future in started:
            future.add_done_callback(one_done)

    def one_finished(_: Future[None]) -> None:
        with lock:
            left[0] -= 1
            last = left[0] == 0
        if not last:
            return
        try:
            finish_with(step())
        except RuntimeError:  # the pool was shut down: the job resumes at the next start
            done.set_result(None)

    for future in futures:
        future.add_done_callback(one_finished)
    return done
