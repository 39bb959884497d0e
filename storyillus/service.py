"""The engine facade: every operation the UI, the API and the CLI need, in one place.

An ``Engine`` works on one STORYILLUS_HOME. It owns the job store, the image folder, the
reference pictures, retention and the runner; pages, routes and the CLI call its methods
and never reach past it. The app keeps one per process (``storyillus.ui.engine``, shared
with the API routes); the CLI and tests make their own.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path

from storyillus._chat import ChatClient
from storyillus._exceptions import (
    AccessDenied,
    InvalidInput,
    NotConfigured,
    NotFound,
    TooManyBooks,
)
from storyillus._http import shared_client
from storyillus.access import (
    LOCAL_ACCESS,
    LOCAL_USER,
    Access,
    User,
    admin_emails,
    safety_identifier_of,
)
from storyillus.casting import cast_for, describe, recoloured, starting_look
from storyillus.config import Settings, save_settings
from storyillus.document import book_document
from storyillus.domain import (
    MAX_TEXT_CHARS,
    Book,
    CastMember,
    Character,
    Illustration,
    Job,
    Look,
    Page,
    ResultStatus,
    StoryRequest,
    Usage,
)
from storyillus.export import book_pdf, book_zip, download_name, page_picture
from storyillus.illustration import descriptor as descriptors
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.chain import IllustrationChain, build_chain
from storyillus.illustration.judge import Judge, build_judge
from storyillus.jobs.runner import SHEET_JOBS, Runner
from storyillus.looks_from_picture import PURPOSE as LOOK_PURPOSE
from storyillus.looks_from_picture import SeenLook, measure, measure_file, name_look
from storyillus.places import CUSTOM, places
from storyillus.single_pictures import (
    DrawnPicture,
    PictureDescriptor,
    SavedPicture,
    SavedPictures,
    one_page_book,
    page_request,
    portrait_request,
    with_description,
)
from storyillus.storage.files import ImageFiles
from storyillus.storage.references import MB, NOT_AN_UPLOAD, ReferencePictures
from storyillus.storage.retention import Retention
from storyillus.storage.signing import UrlSigner
from storyillus.store import JobChanges, Store, StoredResults
from storyillus.store.accounts import Account, Accounts, TokenInfo
from storyillus.store.descriptors import Descriptor
from storyillus.writing.base import StoryWriter
from storyillus.writing.offline import OfflineStoryWriter
from storyillus.writing.openai_chat import ChatStoryWriter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BookAndJob:
    book: Book
    job: Job | None


@dataclass(frozen=True)
class BooksPage:
    """Some books, newest first, and the cursor of the next page (None on the last)."""

    books: tuple[Book, ...]
    next_cursor: str | None


@dataclass(frozen=True)
class Export:
    """A book as a file to download."""

    filename: str
    media_type: str
    data: bytes


MAX_BOOKS_PAGE = 100
MAX_PICTURES_PAGE = 100
MAX_DESCRIPTION_CHARS = 600


def _sheet_results(cast: tuple[CastMember, ...]) -> list[tuple[int, str]]:
    """A sheets job's results: one per cast member, numbered from 1 (the hero)."""
    return [_sheet_result(n, m) for n, m in enumerate(cast, start=1)]


def _sheet_result(number: int, member: CastMember) -> tuple[int, str]:
    return number, f"Character sheet of {member.name}"


_BAD_CURSOR = "The cursor is not one this API gave out; start again without it."


def _cursor(book: Book) -> str:
    """An opaque cursor after ``book``: its place in the order (created_at, id)."""
    key = json.dumps([book.created_at, book.id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(key).decode().rstrip("=")


def _after(cursor: str) -> tuple[float, str]:
    """The (created_at, id) a cursor stands for; raises InvalidInput for anything else."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, RecursionError):
        raise InvalidInput(_BAD_CURSOR) from None
    match key:
        case [int() | float() as created_at, str() as book_id] if not isinstance(created_at, bool):
            return float(created_at), book_id
    raise InvalidInput(_BAD_CURSOR)


@dataclass(frozen=True)
class BookUsage:
    """What a book (or all books) cost: tokens, and image-model and judge calls apart."""

    story_tokens: int = 0
    image_tokens: int = 0
    images_by_provider: dict[str, int] = field(default_factory=dict)
    sheets: int = 0
    """Character sheets drawn (the sheet on record for each member)."""
    pages: int = 0
    redraws: int = 0
    """Pages drawn again because the judge found them drifting from the sheets."""
    judged: int = 0
    """Judge calls: one per drawing judged."""

    @classmethod
    def of(cls, books: list[Book]) -> BookUsage:
        story = image = sheets = pages = redraws = judged = 0
        by_provider: dict[str, int] = {}
        for book in books:
            story += int(book.usage.get("total_tokens", 0))
            sheets += sum(1 for member in book.cast if member.sheet)
            for page in book.pages:
                drawn = page.illustration
                if drawn is None:
                    continue
                pages += 1
                image += int(drawn.usage.get("total_tokens", 0))
                by_provider[drawn.provider] = by_provider.get(drawn.provider, 0) + 1
                if drawn.consistency is not None:
                    redraws += drawn.consistency.redraws
                    judged += 1 + drawn.consistency.redraws
        return cls(story, image, by_provider, sheets, pages, redraws, judged)

    def describe(self) -> str:
        pictures = ", ".join(f"{n} by {p}" for p, n in sorted(self.images_by_provider.items()))
        return (
            f"Story model: {self.story_tokens:,} tokens · "
            f"image models: {self.image_tokens:,} tokens · pictures: {pictures or 'none yet'} · "
            f"calls: {self.sheets} sheets, {self.pages} pages, {self.redraws} redraws, "
            f"{self.judged} judged"
        )


@dataclass(frozen=True)
class Progress:
    """How far a book's illustration has come, derived from its jobs: a snapshot, so each
    answer is worked out once (pages read them per page, every poll tick)."""

    book: Book
    jobs: tuple[Job, ...]
    """Newest first."""

    @cached_property
    def total(self) -> int:
        return len(self.book.pages)

    @cached_property
    def drawn(self) -> int:
        return sum(1 for page in self.book.pages if page.illustration is not None)

    @cached_property
    def active(self) -> bool:
        return any(not job.status.is_final for job in self.jobs)

    def _jobs(self, sheets: bool) -> list[Job]:
        return [job for job in self.jobs if (job.kind in SHEET_JOBS) == sheets]

    @cached_property
    def drawing(self) -> frozenset[int]:
        """Pages a running job has still to finish."""
        return _pending(self._jobs(sheets=False))

    @cached_property
    def failures(self) -> dict[int, str]:
        """Why each page without a picture failed, from its most recent finished attempt."""
        missing = {p.number for p in self.book.pages if p.illustration is None} - self.drawing
        return _failures(self._jobs(sheets=False), missing)

    @cached_property
    def sheets_drawing(self) -> frozenset[str]:
        """Cast members whose sheet is being drawn, by name."""
        numbers = set(_pending(self._jobs(sheets=True)))
        if any(not job.status.is_final for job in self._jobs(sheets=False)):
            # A book job draws the sheets its cast lacks before its pages.
            numbers |= {n for n, m in enumerate(self.book.cast, start=1) if not m.sheet}
        return frozenset(self.book.cast[n - 1].name for n in numbers)

    @cached_property
    def sheet_failures(self) -> dict[str, str]:
        """Why a member's sheet could not be drawn, from the latest attempt."""
        missing = {n for n, m in enumerate(self.book.cast, start=1) if not m.sheet}
        errors = _failures(self._jobs(sheets=True), missing)
        return {self.book.cast[n - 1].name: error for n, error in errors.items()}

    @cached_property
    def awaiting_approval(self) -> bool:
        """The sheets are done and wait for the parent's word before pages are drawn."""
        return not self.book.approved and not self.active

    @cached_property
    def started_at(self) -> float:
        return self.jobs[-1].created_at if self.jobs else self.book.created_at

    @cached_property
    def finished_at(self) -> float | None:
        return None if self.active or not self.jobs else max(j.updated_at for j in self.jobs)


def _pictures_of(book: Book) -> set[str]:
    """The reference pictures a book was made from: the hero's and its companions' own."""
    return set(book.character.picture_paths)


def _pending(jobs: list[Job]) -> frozenset[int]:
    return frozenset(
        r.page_number
        for job in jobs
        if not job.status.is_final
        for r in job.results
        if r.status is ResultStatus.PENDING
    )


def _failures(jobs: list[Job], missing: set[int]) -> dict[int, str]:
    errors: dict[int, str] = {}
    for job in jobs:  # newest first, so the first error seen is the latest
        for result in job.results:
            if result.page_number in missing and result.status is ResultStatus.FAILED:
                errors.setdefault(result.page_number, result.error or "Unknown error.")
    return errors


def _writer_for(settings: Settings) -> StoryWriter:
    """The chat model when a key is set (the offline writer behind it), else offline."""
    offline = OfflineStoryWriter()
    if not settings.has_openai_key:
        return offline
    http = shared_client(settings)
    return ChatStoryWriter(settings, ChatClient(settings, http), offline)


@dataclass
class _Live:
    """What a settings change replaces: shared by an engine and its views (``as_user``)."""

    settings: Settings
    chain: IllustrationChain
    judge: Judge | None
    writer: StoryWriter
    expired_at: float = 0.0
    """When uploaded photos were last expired (UPLOAD_RETENTION_DAYS)."""


@dataclass(frozen=True)
class DeletedData:
    """What "Delete my data" removed."""

    books: int
    photos: int
    pictures: int

    def describe(self) -> str:
        def count(n: int, what: str) -> str:
            return f"{n} {what}{'' if n == 1 else 's'}"

        return (
            f"Deleted {count(self.books, 'book')}, {count(self.photos, 'uploaded photo')} "
            f"and {count(self.pictures, 'picture')}."
        )


_HOUR = 3600.0


@contextmanager
def home_accounts(settings: Settings) -> Iterator[Accounts]:
    """The users and tokens of a home alone (CLI ``token``): safe beside a running server,
    unlike a whole Engine, which tidies the pictures folder when it opens."""
    store = Store(settings.database_path, settings.uploads_dir)
    try:
        yield store.accounts
    finally:
        store.close()


def _description(text: str | None) -> str | None:
    """A description given by the caller, its words kept; raises InvalidInput."""
    if text is None:
        return None
    words = " ".join(text.split())
    if not words:
        raise InvalidInput("characterDescriptor must hold some words, or be left out.")
    if len(words) > MAX_DESCRIPTION_CHARS:
        raise InvalidInput(
            f"characterDescriptor can be at most {MAX_DESCRIPTION_CHARS} characters."
        )
    return words


def _reference(character: Character) -> Path | None:
    path = Path(character.image_path) if character.image_path else None
    return path if path is not None and path.is_file() else None


class Engine:
    """Every operation, on behalf of one user (``LOCAL_USER`` unless made with ``as_user``):
    a user reads and changes only their own books, jobs, uploads and pictures; anything else
    is NotFound, as if it did not exist."""

    def __init__(
        self,
        settings: Settings,
        chain_factory: Callable[[Settings], IllustrationChain] | None = None,
        access: Access = LOCAL_ACCESS,
    ) -> None:
        self._access = access
        self._user: User = LOCAL_USER
        self._pictures = ReferencePictures(
            settings.uploads_dir, lambda: self._settings.upload_max_mb * MB
        )
        self._chain_factory = chain_factory or (lambda s: build_chain(s, self._pictures))
        for folder in (settings.generated_dir, settings.uploads_dir, settings.data_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self._store = Store(settings.database_path, settings.uploads_dir)
        self._files = ImageFiles(settings.generated_dir)
        self._signer = UrlSigner(settings.data_dir / "url-signing.key")
        self._files.remove_temporary()
        for leftover in settings.data_dir.glob(f".{settings.settings_file.name}.*.tmp"):
            leftover.unlink(missing_ok=True)  # a settings save cut short by a crash
        self._files.delete(self._store.pictures.reconcile(self._files.scan()))
        self._retention = Retention(self._store.pictures, self._files)
        self._live = _Live(
            settings,
            self._chain_factory(settings),
            build_judge(settings, self._pictures),
            _writer_for(settings),
        )
        self._runner = Runner(
            self._store,
            self._files,
            self._retention,
            lambda: self._settings,
            lambda: self._chain,
            lambda: self._judge,
        )

    # The engine's views share what a settings change replaces.
    @property
    def _settings(self) -> Settings:
        return self._live.settings

    @property
    def _chain(self) -> IllustrationChain:
        return self._live.chain

    @property
    def _judge(self) -> Judge | None:
        return self._live.judge

    @property
    def _writer(self) -> StoryWriter:
        return self._live.writer

    @property
    def settings(self) -> Settings:
        return self._live.settings

    def as_user(self, user: User) -> Engine:
        """This engine working for ``user``: the same store, runner and settings."""
        view = copy.copy(self)
        view._user = user
        return view

    @property
    def user(self) -> User:
        """Whom this engine works for."""
        return self._user

    @property
    def access(self) -> Access:
        """How the server is run (local, open, refused, signed in)."""
        return self._access

    def start(self) -> list[Job]:
        """Resume jobs an earlier process left unfinished; returns them."""
        self.expire_reference_pictures()
        return self._runner.resume()

    def close(self, wait: bool = False) -> None:
        self._runner.shutdown(wait_for_pages=wait)
        self._store.close()

    def save_settings(self, changes: Mapping[str, object], reset: Collection[str] = ()) -> Settings:
        """Save changes to the settings file (checked first), drop the ``reset`` ones from it
        (back to .env, the environment or the default) and apply the result at once.

        Raises AccessDenied for a user who is not an admin: settings are everyone's."""
        self._admins_only("change settings")
        save_settings(self._settings, changes, reset)
        return self.reload_settings()

    def reload_settings(self) -> Settings:
        """Read settings again (after the settings file changed) and apply them: the same
        sources and overrides the engine was built with (``Settings.reload``)."""
        settings = self._settings.reload()
        if settings.concurrency != self._settings.concurrency:
            self._runner.resize(settings.concurrency)
        self._live.settings = settings
        self._live.chain = self._chain_factory(settings)
        self._live.judge = build_judge(settings, self._pictures)
        self._live.writer = _writer_for(settings)
        return settings

    def illustrators(self) -> list[str]:
        """The names of the enabled illustrators, in the order they are tried."""
        return [provider.name for provider in self._chain.providers]

    # -- reference pictures --------------------------------------------------------

    def preview_reference_picture(self, data: bytes, side: int = 480) -> bytes:
        """A small upright PNG of a picture to show before it is stored; raises InvalidImage."""
        return self._pictures.preview(data, side)

    def read_look(self, data: bytes) -> SeenLook:
        """What a picture, not stored yet, shows of the hero's look (the Create page reads it
        on upload); the same reading the book makes of it once stored. Raises InvalidImage."""
        return name_look(measure(self._pictures.check(data)), "child")

    @staticmethod
    def starting_look(seed: int, seen: SeenLook | None = None) -> Look:
        """The hero's look for the parent to correct before the book is made: what the
        picture showed (``seen``, from ``read_look``), the seed the rest."""
        return starting_look(seed, seen)

    def store_reference_picture(self, data: bytes) -> Path:
        """Check an uploaded picture and keep a clean copy, the user's; raises InvalidImage."""
        path = self._pictures.store(data)
        self._store.accounts.add_upload(path.name, self.user.id)
        return path

    def uploaded_picture(self, url: str) -> Path:
        """The user's picture behind an ``/uploads/...`` URL from the API; raises InvalidInput
        (for another user's picture too: to them it does not exist)."""
        path = self._pictures.from_url(url)
        if not self._owns_upload(path.name):
            raise InvalidInput(NOT_AN_UPLOAD)  # as for a picture that is not there
        return path

    def uploaded_file(self, name: str) -> Path | None:
        """The user's stored reference picture called ``name``, or None for anything else."""
        path = self._pictures.path_for(name)
        return path if path is not None and self._owns_upload(name) else None

    def _owns_upload(self, name: str) -> bool:
        return self._store.accounts.upload_owner(name, LOCAL_USER.id) == self.user.id

    @staticmethod
    def uploaded_url(path: Path) -> str:
        """The ``/uploads/...`` URL of a stored reference picture."""
        return ReferencePictures.url_for(path)

    # -- making books ------------------------------------------------------------

    def create_book(
        self,
        request: StoryRequest,
        run_async: bool | None = None,
        illustrate: bool = True,
        approve: bool = True,
        hero_description: str | None = None,
    ) -> BookAndJob:
        """Write the story, store the book and start illustrating it.

        With ``approve`` (the seed's API, the CLI) the job draws the character sheets and
        then the pages in one go. Without it the job draws the sheets only, and pages wait
        until the parent approves them (``approve_cast``). With ``run_async`` (default:
        ASYNC_ILLUSTRATIONS) this returns as soon as the job is queued; otherwise when it
        is finished. Without ``illustrate`` the book has no job (``job`` is None).
        ``hero_description`` (the seed's ``characterDescriptor``) is the hero's description,
        word for word, in place of the one written from their look.
        """
        described = _description(hero_description)
        self._check_books_per_hour()
        if time.time() - self._live.expired_at > _HOUR:  # a server may run for weeks
            self.expire_reference_pictures()
        seed = request.seed if request.seed is not None else secrets.randbelow(2**31)
        cast = with_description(self._cast(request, seed), described)
        story = self._writer.write(request, seed, cast, safety_identifier_of(self.user.id))
        book = Book(
            id=uuid.uuid4().hex,
            title=story.title,
            request=request,
            setting=story.setting,
            cast=story.cast,
            pages=tuple(
                Page(
                    number=i,
                    text=draft.text,
                    scene=draft.scene,
                    place=draft.place,
                    characters=draft.characters,
                )
                for i, draft in enumerate(story.pages, start=1)
            ),
            created_at=time.time(),
            seed=seed,
            writer=story.writer,
            model=story.model,
            usage=story.usage,
            notes=story.notes,
            approved=approve,
            owner=self.user.id,
        )
        self._store.books.add(book)
        if not illustrate:
            return BookAndJob(book=book, job=None)
        if approve:
            job = self._store.jobs.add(book.id, [(p.number, p.scene) for p in book.pages])
        else:
            job = self._store.jobs.add(book.id, _sheet_results(book.cast), kind="sheets")
        job = self._start(job, run_async)
        return BookAndJob(book=self._book(book.id), job=job)

    def _check_books_per_hour(self) -> None:
        limit = self._settings.books_per_hour
        if not limit:
            return
        now = time.time()
        made, oldest = self._store.books.count_since(self.user.id, now - _HOUR)
        if made >= limit:
            wait = max(1, int((oldest or now) + _HOUR - now) + 1)
            raise TooManyBooks(
                f"You have started {made} books in the last hour, the most allowed "
                f"(BOOKS_PER_HOUR={limit}); try again in {wait // 60 + 1} minutes.",
                retry_after=wait,
            )

    def _book(self, book_id: str) -> Book:
        """The user's book; NotFound for anyone else's."""
        book = self._store.books.get(book_id)
        if book.owner != self.user.id:
            raise NotFound(f"No book with id {book_id!r}.")
        return book

    def _start(self, job: Job, run_async: bool | None = None) -> Job:
        if self._settings.async_illustrations if run_async is None else run_async:
            self._runner.submit(job)
            return job
        return self._runner.run_inline(job)

    # -- the cast and its sheets -------------------------------------------------------

    def approve_cast(self, book_id: str, run_async: bool | None = None) -> Job:
        """The parent says the sheets look right: draw the pages (from the sheets)."""
        book = self._book(book_id)
        if book.approved:
            raise InvalidInput("This book's characters are already approved.")
        if any(not job.status.is_final for job in self._store.jobs.for_book(book_id)):
            raise InvalidInput("Wait until the character sheets are drawn, then approve them.")
        self._store.books.set_approved(book_id)
        job = self._store.jobs.add(book.id, [(p.number, p.scene) for p in book.pages])
        return self._start(job, run_async)

    def redraw_sheet(self, book_id: str, name: str, run_async: bool | None = None) -> Job:
        """Draw one cast member's sheet again (after a correction, or to get another)."""
        book = self._book(book_id)
        member = book.member(name)
        results = [_sheet_result(book.cast.index(member) + 1, member)]
        return self._start(self._store.jobs.add(book.id, results, kind="sheet"), run_async)

    def change_member(
        self,
        book_id: str,
        name: str,
        description: str | None = None,
        look: Look | None = None,
    ) -> Book:
        """Correct a cast member's description and/or look; redraw the sheet to see it.

        A new look without a new description writes the description again from the look,
        so the words every page repeats say what the sheet shows.
        """
        book = self._book(book_id)
        member = book.member(name)
        if description is not None:
            description = " ".join(description.split())
            if not description:
                raise InvalidInput(f"{name} needs a description an illustrator can draw from.")
            if len(description) > MAX_DESCRIPTION_CHARS:
                raise InvalidInput(
                    f"A description can be at most {MAX_DESCRIPTION_CHARS} characters."
                )
        changed = replace(member, look=look or member.look)
        if description is None and look is not None:
            age = book.character.age if member.is_hero else None
            description = describe(member.name, member.role, member.kind, changed.look, age)
        changed = replace(changed, description=description or member.description)
        self._store.books.set_member(book_id, changed)
        return self._book(book_id)

    def correct_member(
        self,
        book_id: str,
        name: str,
        description: str,
        colours: Mapping[str, tuple[str, str]],
        extras: str,
        run_async: bool | None = None,
    ) -> Job:
        """The book page's "Save and redraw": apply what the parent changed in a member's
        description and look (``colours``: part -> (``#rrggbb``, colour word); ``extras``:
        things worn, comma separated), then draw that member's sheet again."""
        member = self._book(book_id).member(name)
        look = recoloured(member.look, member.kind, colours, extras.split(","))
        typed = " ".join(description.split())
        self.change_member(
            book_id,
            name,
            description=typed if typed != member.description else None,
            look=look if look != member.look else None,
        )
        return self.redraw_sheet(book_id, name, run_async)

    def drifting_pages(self, book: Book) -> list[Page]:
        """The pages the judge scored below CONSISTENCY_MIN_SCORE, worst first."""
        minimum = self._settings.consistency_min_score
        scored = [
            (page.illustration.consistency.score, page)
            for page in book.pages
            if page.illustration is not None and page.illustration.consistency is not None
        ]
        return [page for score, page in sorted(scored, key=lambda s: s[0]) if score < minimum]

    def adopt_book(self, book: Book, sheets: Mapping[str, bytes]) -> Book:
        """Keep a book made elsewhere (the CLI's ``--cast-only`` folder) with its character
        sheets (PNG, JPEG or WebP bytes by member name, checked; raises InvalidImage).

        Its reference pictures must already be stored here (``store_reference_picture``).
        Members without a sheet get one when the pages are drawn.
        """
        cleaned = {name: self._pictures.clean(data) for name, data in sheets.items()}
        kept = replace(
            book, cast=tuple(replace(m, sheet=None) for m in book.cast), owner=self.user.id
        )
        self._store.books.add(kept)
        for number, member in enumerate(book.cast, start=1):
            if member.name in cleaned:
                saved = self._files.save_sheet(cleaned[member.name], book.id, number)
                self._store.record_sheet(book.id, member.name, saved)
        return self._book(book.id)

    def _cast(self, request: StoryRequest, seed: int) -> tuple[CastMember, ...]:
        """The book's cast; each member's reference picture decides what it shows of
        their look (measured once per picture, through the pictures' cache)."""
        return cast_for(request.character, seed, self._measured(request.character))

    def _measured(self, character: Character) -> dict[str, object]:
        return {
            path: self._pictures.load(Path(path), LOOK_PURPOSE, measure_file)
            for path in character.picture_paths
        }

    # -- the seed's single-picture endpoints -------------------------------------------

    def describe_picture(self, url: str, traits: tuple[str, ...] = ()) -> PictureDescriptor:
        """The seed's appearance descriptor of one of the user's uploads (``url``: its
        ``/uploads/...`` address; anything else raises InvalidInput). With a key and
        ENABLE_IMAGE_ANALYSIS the vision model writes it, else (or when the model cannot)
        it is written from the look read off the picture. Kept by the picture's SHA-256:
        the same picture again costs no model call."""
        path = self.uploaded_picture(url)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        settings = self._settings
        vision = settings.has_openai_key and settings.enable_image_analysis
        written = None
        if vision:
            if (kept := self._kept_descriptor(digest, settings.image_analysis_model)) is not None:
                return kept
            chat = ChatClient(settings, shared_client(settings))
            written = descriptors.by_model(settings, chat, self._pictures, path, traits)
        if written is None:
            if (kept := self._kept_descriptor(digest, descriptors.OFFLINE_MODEL)) is not None:
                return kept
            seen = name_look(self._pictures.load(path, LOOK_PURPOSE, measure_file), "child")
            written = descriptors.from_look(seen)
        kept = Descriptor(digest, written.model, written.descriptor, written.confidence)
        self._store.descriptors.put(self.user.id, kept)
        return PictureDescriptor(
            written.descriptor, digest, written.model, written.confidence, False
        )

    def _kept_descriptor(self, digest: str, model: str) -> PictureDescriptor | None:
        found = self._store.descriptors.get(self.user.id, digest, model)
        if found is None:
            return None
        return PictureDescriptor(found.descriptor, digest, model, found.confidence, cached=True)

    def draw_portrait(self, character: Character, style: str | None = None) -> DrawnPicture:
        """A portrait of the hero: their character sheet, drawn through the illustrator
        chain from their picture (when given). Raises IllustrationError when every
        illustrator failed."""
        request = StoryRequest.create(character, f"A portrait of {character.name}", art_style=style)
        book = self._one_page(request, request.prompt, 1, "")
        scene = portrait_request(
            book, _reference(character), self._settings.pixel_size, self._settings.image_quality
        )
        return self._draw_single(scene, self._chain, request.prompt)

    def draw_scene(
        self,
        character: Character,
        scene: str,
        page_number: int = 1,
        title: str = "",
        edit_only: bool = False,
        hero_description: str | None = None,
    ) -> DrawnPicture:
        """One picture of ``scene`` with the hero (and whoever it names), through the chain;
        ``edit_only``: only the providers that edit the hero's picture (InvalidInput without
        one, NotConfigured when none is set up). Raises IllustrationError when every
        illustrator failed."""
        chain = self._chain
        if edit_only:
            if not character.image_path:
                raise InvalidInput(
                    "character.imageUrl is required: this endpoint edits the hero's picture."
                )
            chain = chain.edits_only()
            if not chain.providers:
                raise NotConfigured(
                    "No image edit provider is configured: set OPENAI_API_KEY with "
                    "ENABLE_NATIVE_GPT_IMAGE1=true, or an Azure OpenAI deployment."
                )
        text = " ".join(scene.split())
        if not text:
            raise InvalidInput("sceneDescription is required: a sentence about the picture.")
        if len(text) > MAX_TEXT_CHARS:
            raise InvalidInput(f"sceneDescription can be at most {MAX_TEXT_CHARS} characters.")
        request = StoryRequest.create(character, text)
        book = self._one_page(request, text, page_number, title, _description(hero_description))
        drawn = page_request(
            book, _reference(character), self._settings.pixel_size, self._settings.image_quality
        )
        return self._draw_single(drawn, chain, text)

    def _one_page(
        self,
        request: StoryRequest,
        scene: str,
        page_number: int,
        title: str,
        hero_description: str | None = None,
    ) -> Book:
        seed = secrets.randbelow(2**31)
        measured = self._measured(request.character)
        return one_page_book(
            request, scene, page_number, title, seed, measured, self.user.id, hero_description
        )

    def _draw_single(
        self, request: SceneRequest, chain: IllustrationChain, description: str
    ) -> DrawnPicture:
        settings = self._settings
        result = chain.illustrate(request)
        picture = result.picture
        saved = None
        b64_json = None
        if picture.png is not None and settings.save_generated_images:
            saved = self._files.save_loose(picture.png, picture.provider)
            self._store.pictures.add_loose(saved, self.user.id)
            self._retention.prune(settings.max_files, settings.max_mb)
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
        return DrawnPicture(illustration, request.page_number, description)

    def saved_pictures(
        self, limit: int = MAX_PICTURES_PAGE, cursor: str | None = None
    ) -> SavedPictures:
        """The user's saved pictures (of their books, and of none), newest first, ``limit``
        at most, after ``cursor`` (the ``next_cursor`` of the page before). Raises
        InvalidInput for a bad limit or cursor."""
        if isinstance(limit, bool) or not 1 <= limit <= MAX_PICTURES_PAGE:
            raise InvalidInput(f"limit must be a whole number from 1 to {MAX_PICTURES_PAGE}.")
        before = None
        if cursor is not None:
            if not cursor.isascii() or not cursor.isdigit() or len(cursor) > 18:
                raise InvalidInput(_BAD_CURSOR)
            before = int(cursor)
        rows = self._store.pictures.owned(self.user.id, limit + 1, before)
        more = len(rows) > limit
        found = []
        for _, name, size in rows[:limit]:
            path = self._files.path_for(name)
            if path is None:
                continue  # gone from the folder since the index was read
            try:
                created = path.stat().st_mtime
            except OSError:
                continue
            found.append(SavedPicture(name, ImageFiles.url_for(name), size, created))
        return SavedPictures(tuple(found), str(rows[limit - 1][0]) if more else None)

    def public_address(self, url: str | None, base: str) -> str | None:
        """The absolute address of a saved picture for a page on any origin: PUBLIC_BASE_URL
        (else ``base``, the request's own address) and ``picture_address``."""
        address = self.picture_address(url)
        if not address:
            return None
        return (self._settings.public_base_url or base).rstrip("/") + address

    def place_names(self) -> list[str]:
        """The places a user can choose as a book's setting, in alphabetical order."""
        return sorted(name for name in places().names if name != CUSTOM)

    def suggest_ideas(self, character: Character, seed: int | None = None) -> list[str]:
        return self._writer.suggest(
            character,
            seed if seed is not None else secrets.randbelow(2**31),
            safety_identifier=safety_identifier_of(self.user.id),
        )

    # -- reading -----------------------------------------------------------------

    def get_book(self, book_id: str) -> Book:
        return self._book(book_id)

    def list_books(self) -> list[Book]:
        return self._store.books.newest_first(self.user.id)

    def books_page(self, limit: int = 20, cursor: str | None = None) -> BooksPage:
        """``limit`` books, newest first, after ``cursor`` (the ``next_cursor`` of the page
        before; None for the first page). Raises InvalidInput for a bad limit or cursor."""
        if isinstance(limit, bool) or not 1 <= limit <= MAX_BOOKS_PAGE:
            raise InvalidInput(f"limit must be a whole number from 1 to {MAX_BOOKS_PAGE}.")
        after = _after(cursor) if cursor is not None else None
        books = self._store.books.page(limit + 1, after, self.user.id)
        more = len(books) > limit
        return BooksPage(tuple(books[:limit]), _cursor(books[limit - 1]) if more else None)

    def image_url(self, page: Page) -> str | None:
        """The address of a page's picture, if it has one that still exists
        (``picture_address``)."""
        url = page.illustration.local_url if page.illustration else None
        return self.picture_address(url) if self.image_path(url) is not None else None

    def sheet_url(self, member: CastMember) -> str | None:
        """The address of a member's character sheet, if it still exists."""
        exists = self.image_path(member.sheet) is not None
        return self.picture_address(member.sheet) if exists else None

    def picture_address(self, url: str | None) -> str | None:
        """A ``/generated/...`` or ``/uploads/...`` address a browser may load: with sign-in
        on, signed for this user and valid for SIGNED_URL_SECONDS; else the path itself."""
        if not url or not self._access.signed_in or not url.startswith("/"):
            return url
        return self._signer.sign(url, self._settings.signed_url_seconds)

    def signed_picture(self, path: str, expires: str | None, signature: str | None) -> Path | None:
        """The file behind a signed address (``picture_address``), or None when the address is
        not signed here, has expired, or names no stored picture."""
        if not self._signer.valid(path, expires, signature):
            return None
        folder, _, name = path.lstrip("/").partition("/")
        if folder == "generated":
            return self._files.path_for(name)
        if folder == "uploads":
            return self._pictures.path_for(name)
        return None

    def sheet_picture(self, member: CastMember) -> bytes | None:
        """The PNG bytes of a member's character sheet, if it still exists."""
        path = self.image_path(member.sheet)
        return path.read_bytes() if path is not None else None

    def book_document(self, book_id: str) -> dict[str, object]:
        """The book's JSON document (``storyillus.document``), pictures as their URLs."""
        return book_document(self._book(book_id), self.image_url, self.sheet_url)

    def export_pdf(self, book_id: str) -> Export:
        """The book as a printable PDF picture book; raises NotFound."""
        book = self._book(book_id)
        data = book_pdf(book, partial(page_picture, self))
        return Export(download_name(book.title, "pdf"), "application/pdf", data)

    def export_zip(self, book_id: str) -> Export:
        """The book as a ZIP of pictures, Markdown and ``book.json``; raises NotFound."""
        book = self._book(book_id)
        data = book_zip(book, partial(page_picture, self), self.sheet_picture)
        return Export(download_name(book.title, "zip"), "application/zip", data)

    def get_job(self, job_id: str) -> Job:
        job = self._store.jobs.get(job_id)
        try:
            self._book(job.book_id)
        except NotFound:
            raise NotFound(f"No job with id {job_id!r}.") from None
        return job

    @property
    def job_changes(self) -> JobChanges:
        """The store's per-job change signal, for streaming job events."""
        return self._store.changes

    def stored_results(self, job_id: str) -> StoredResults:
        """The user's job and its finished results in storing order, for job events; raises
        NotFound for anyone else's. Every listener of a job is its owner, so one read serves
        them all."""
        stored = self._store.jobs.stored_results(job_id)
        try:
            self._book(stored.job.book_id)
        except NotFound:
            raise NotFound(f"No job with id {job_id!r}.") from None
        return stored

    def list_jobs(self, limit: int = 50) -> list[Job]:
        return self._store.jobs.recent(limit, self.user.id)

    def jobs_for_book(self, book_id: str) -> list[Job]:
        return self._store.jobs.for_book(self._book(book_id).id)

    def library(self) -> list[Progress]:
        """Every book with its jobs, newest first, read once (not once per book)."""
        jobs: dict[str, list[Job]] = {}
        # newest first, as Progress expects
        for job in self._store.jobs.recent(limit=-1, owner=self.user.id):
            jobs.setdefault(job.book_id, []).append(job)
        return [
            Progress(book=b, jobs=tuple(jobs.get(b.id, ())))
            for b in self._store.books.newest_first(self.user.id)
        ]

    def progress(self, book_id: str) -> Progress:
        """The book with its jobs: what is drawn, being drawn, and what failed."""
        return Progress(book=self._book(book_id), jobs=tuple(self._store.jobs.for_book(book_id)))

    def image_path(self, illustration_url: str | None) -> Path | None:
        """The file behind a ``/generated/...`` URL, if it still exists."""
        return self._files.path_for_url(illustration_url)

    def generated_file(self, name: str) -> Path | None:
        """The saved picture called ``name`` of one of the user's books, or None for anything
        else."""
        path = self._files.path_for(name)
        if path is None:
            return None
        # A picture of no book (kept from an older install) is the local user's.
        owner = self._store.pictures.owner_of(name) or LOCAL_USER.id
        return path if owner == self.user.id else None

    def usage_totals(self) -> BookUsage:
        """Tokens and pictures over every book in the user's library."""
        return BookUsage.of(self._store.books.newest_first(self.user.id))

    # -- changing ----------------------------------------------------------------

    def redraw_page(self, book_id: str, page_number: int) -> Job:
        """Draw one page again in the background; the old picture stays until then."""
        book = self._book(book_id)
        if not book.approved:
            raise InvalidInput("Approve the characters first; then the pages are drawn.")
        page = book.page(page_number)
        job = self._store.jobs.add(book_id, [(page.number, page.scene)], kind="redraw")
        self._runner.submit(job)
        return job

    def edit_page_text(self, book_id: str, page_number: int, text: str) -> Book:
        cleaned = text.strip()
        if not cleaned:
            raise InvalidInput("A page needs some text.")
        if len(cleaned) > MAX_TEXT_CHARS:
            raise InvalidInput(f"A page's text can be at most {MAX_TEXT_CHARS} characters.")
        self._book(book_id).page(page_number)
        self._store.books.set_page_text(book_id, page_number, cleaned)
        return self._book(book_id)

    def set_pinned(self, book_id: str, pinned: bool) -> None:
        self._store.books.set_pinned(self._book(book_id).id, pinned)

    def delete_book(self, book_id: str) -> None:
        """Remove a book, its jobs, its pictures and sheets, and its reference pictures (the
        hero's and each companion's) unless another book uses them."""
        book = self._book(book_id)
        self._files.delete(self._store.delete_book(book_id))
        still_used = {p for b in self._store.books.newest_first() for p in _pictures_of(b)}
        unused = _pictures_of(book) - still_used
        for picture in unused:
            self._pictures.delete(picture)
        self._store.accounts.forget_uploads([Path(p).name for p in unused])

    def delete_my_data(self) -> DeletedData:
        """Remove everything of the user's: books (with their jobs, pictures and sheets),
        uploaded photos, and, for a signed-in user, their account and API tokens."""
        books = self._store.books.newest_first(self.user.id)
        pictures = 0
        for book in books:
            names = self._store.delete_book(book.id)
            self._files.delete(names)
            pictures += len(names)
        uploads = self._store.accounts.uploads_of(self.user.id)
        if self.user.id == LOCAL_USER.id:  # photos uploaded before accounts are the local user's
            uploads += [p.name for p in self._pictures.directory.glob("character-image-*")]
        photos = 0
        for name in set(uploads):
            path = self._pictures.path_for(name)
            if path is not None:
                self._pictures.delete(path)
                photos += 1
        self._store.accounts.forget_uploads(uploads)
        loose = self._store.pictures.remove_loose(self.user.id)
        self._files.delete(loose)
        pictures += len(loose)
        self._store.descriptors.forget(self.user.id)
        if self.user.id != LOCAL_USER.id:
            self._store.accounts.delete(self.user.id)
        return DeletedData(len(books), photos, pictures)

    # -- accounts ----------------------------------------------------------------

    def sign_in(self, iss: str, sub: str, email: str | None, name: str | None) -> User:
        """The user of an identity from the sign-in provider (made on first sign-in)."""
        return self._user_of(self._store.accounts.signed_in(iss, sub, email, name))

    def user_for_token(self, token: str) -> User | None:
        """The user an API token belongs to, or None for an unknown or revoked one."""
        account = self._store.accounts.user_for_token(token)
        return self._user_of(account) if account is not None else None

    def create_token(self, email: str | None = None) -> str:
        """A new API token: for ``email``'s user (made if new: the CLI), or for this user."""
        if email is None:
            return self._store.accounts.create_token(self._account_id())
        return self._store.accounts.create_token_for_email(email)

    def tokens(self, email: str | None = None) -> list[TokenInfo]:
        """The tokens of ``email``'s user (the CLI), or of this user; never the tokens
        themselves, only their first characters."""
        if email is None:
            return self._store.accounts.tokens(self._account_id())
        return self._store.accounts.tokens_for_email(email)

    def revoke_token(self, token: str, anyone: bool = False) -> None:
        """Revoke one of this user's tokens (``anyone``: the CLI, any user's), given whole or
        by the characters ``tokens`` shows; raises NotFound."""
        if not self._store.accounts.revoke(token, None if anyone else self._account_id()):
            raise NotFound("No such token (it may be revoked already).")

    def _admins_only(self, what: str) -> None:
        if not self._user.admin:
            raise AccessDenied(f"Only an admin (ADMIN_EMAILS) may {what}.")

    def _account_id(self) -> str:
        if self.user.id == LOCAL_USER.id:
            raise InvalidInput(
                "API tokens belong to signed-in users; in local mode the API needs none."
            )
        return self.user.id

    def _user_of(self, account: Account) -> User:
        admins = admin_emails(self._settings)
        return User(
            account.id,
            email=account.email,
            name=account.name,
            admin=bool(account.email) and account.email.casefold() in admins,
        )

    # -- disk --------------------------------------------------------------------

    def usage(self) -> Usage:
        return self._store.pictures.usage()

    def prune_now(self) -> int:
        self._admins_only("prune pictures")
        self.expire_reference_pictures()
        return self._retention.prune(self._settings.max_files, self._settings.max_mb)

    def expire_reference_pictures(self, now: float | None = None) -> int:
        """UPLOAD_RETENTION_DAYS (or the seed's UPLOAD_MAX_AGE_DAYS, when set): delete uploaded
        photos older than that, but those of pinned books. Books keep their pages; new
        drawings of them go on without the photo.
        """
        self._live.expired_at = time.time()
        days = self._settings.upload_max_age_days or self._settings.upload_retention_days
        if not days:
            return 0
        pinned = {p for b in self._store.books.newest_first() if b.pinned for p in _pictures_of(b)}
        return self._pictures.expire(days, pinned, now)
