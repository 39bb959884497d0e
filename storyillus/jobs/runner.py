"""The job runner: illustrates the pages of jobs in parallel on a thread pool.

Each page is one task. A task draws its page through the provider chain, saves the
image, and records the outcome in the store at once, so a page that is done is never
lost and never drawn again after a crash. Whatever goes wrong inside a task ends as a
failed page with a message, never as a job stuck in ``processing``.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

from storyillus._exceptions import NotFound, StoryillusError
from storyillus.config import Settings
from storyillus.domain import Illustration, Job, ResultStatus
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.chain import IllustrationChain
from storyillus.storage.files import ImageFiles, SavedImage
from storyillus.storage.retention import Retention
from storyillus.store import Store

log = logging.getLogger(__name__)


class Runner:
    def __init__(
        self,
        store: Store,
        files: ImageFiles,
        retention: Retention,
        settings: Callable[[], Settings],
        chain: Callable[[], IllustrationChain],
    ) -> None:
        self.store = store
        self.files = files
        self.retention = retention
        # Callables, so that settings saved in the app apply to the next page drawn.
        self._settings = settings
        self._chain = chain
        self._pool = ThreadPoolExecutor(
            max_workers=settings().concurrency, thread_name_prefix="illustrator"
        )

    def submit(self, job: Job) -> list[Future[None]]:
        """Queue every page of ``job`` that is not finished yet; returns their futures."""
        pending = [r.page_number for r in job.results if r.status is ResultStatus.PENDING]
        return [self._pool.submit(self._run_page, job.id, number) for number in pending]

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
        """Use ``concurrency`` workers for pages submitted from now on.

        Pages already queued finish on the old pool, so for a moment both may run.
        """
        old, self._pool = (
            self._pool,
            ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="illustrator"),
        )
        old.shutdown(wait=False)

    def shutdown(self, wait_for_pages: bool = False) -> None:
        """Stop; pages not started stay pending in the store and resume at the next start."""
        self._pool.shutdown(wait=wait_for_pages, cancel_futures=not wait_for_pages)

    # -- one page ----------------------------------------------------------------

    def _run_page(self, job_id: str, page_number: int) -> None:
        try:
            self._draw_and_record(job_id, page_number)
        except NotFound:
            log.info("Job %s was deleted before page %d was drawn.", job_id, page_number)
        except StoryillusError as exc:
            self._record_failure(job_id, page_number, str(exc))
        except Exception as exc:
            log.exception("Unexpected error drawing page %d of job %s", page_number, job_id)
            self._record_failure(job_id, page_number, f"Unexpected error: {type(exc).__name__}.")

    def _record_failure(self, job_id: str, page_number: int, error: str) -> None:
        try:
            self.store.record_page(job_id, page_number, None, error=error)
        except Exception:
            log.exception("Could not record the failure of page %d of job %s", page_number, job_id)

    def _draw_and_record(self, job_id: str, page_number: int) -> None:
        settings = self._settings()
        self.store.jobs.start(job_id)
        job = self.store.jobs.get(job_id)
        book = self.store.books.get(job.book_id)
        page = book.page(page_number)
        picture_path = book.character.image_path
        reference = Path(picture_path) if picture_path else None
        request = SceneRequest.for_page(
            book,
            page_number,
            reference if reference and reference.is_file() else None,
            settings.pixel_size,
            settings.image_quality,
        )
        result = self._chain().illustrate(request)
        picture = result.picture
        saved: SavedImage | None = None
        b64_json: str | None = None
        if picture.png is not None and settings.save_generated_images:
            saved = self.files.save(picture.png, picture.provider, book.id, page.number)
        elif picture.png is not None:
            b64_json = base64.b64encode(picture.png).decode("ascii")
        illustration = Illustration(
            provider=picture.provider,
            model=picture.model,
            character_referenced=picture.character_referenced,
            local_url=saved.url if saved else None,
            b64_json=b64_json,
            url=picture.url,
            attempts=result.attempts,
            usage=picture.usage,
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
