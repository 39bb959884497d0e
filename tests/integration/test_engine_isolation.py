"""Every page action, as another user: the pages call Engine methods only (a test in
tests/unit/test_engine_seams.py holds them to it), so each method that names a book, a job,
an upload or a picture is called here by a user who does not own it, and must answer as if
it did not exist, changing nothing. A new such method without a row fails the first test."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storyillus import Character, NotFound, StoryRequest
from storyillus._exceptions import InvalidInput
from storyillus.access import Access, Mode
from storyillus.service import Engine
from tests.conftest import make_settings, png_bytes


@dataclass
class Homes:
    owner: Engine
    other: Engine
    book_id: str
    job_id: str
    upload: Path
    page_picture: str
    sheet_picture: str


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Homes]:
    settings = make_settings(tmp_path_factory.mktemp("engine-isolation"), async_illustrations=False)
    engine = Engine(settings, access=Access(Mode.SIGNED_IN))
    owner = engine.as_user(engine.sign_in("https://id.example", "o-1", "o@example.org", "O"))
    other = engine.as_user(engine.sign_in("https://id.example", "x-2", "x@example.org", "X"))
    upload = owner.store_reference_picture(png_bytes((200, 260)))
    hero = Character.create("Lilavati", 6, image_path=str(upload))
    made = owner.create_book(StoryRequest.create(hero, "A kite on the hill", pages=4, seed=2))
    assert made.job is not None
    book = owner.get_book(made.book.id)
    assert book.pages[0].illustration is not None and book.cast[0].sheet
    yield Homes(
        owner,
        other,
        book.id,
        made.job.id,
        upload,
        book.pages[0].illustration.local_url or "",
        book.cast[0].sheet,
    )
    engine.close(wait=True)


Call = Callable[[Engine, Homes], Any]
HERO = "Lilavati"

# One row per method that names something of a user's: how to call it.
CALLS: dict[str, Call] = {
    "approve_cast": lambda e, h: e.approve_cast(h.book_id),
    "book_document": lambda e, h: e.book_document(h.book_id),
    "change_member": lambda e, h: e.change_member(h.book_id, HERO, description="a cape"),
    "correct_member": lambda e, h: e.correct_member(h.book_id, HERO, "a cape", {}, ""),
    "delete_book": lambda e, h: e.delete_book(h.book_id),
    "edit_page_text": lambda e, h: e.edit_page_text(h.book_id, 1, "Changed."),
    "export_pdf": lambda e, h: e.export_pdf(h.book_id),
    "export_zip": lambda e, h: e.export_zip(h.book_id),
    "get_book": lambda e, h: e.get_book(h.book_id),
    "get_job": lambda e, h: e.get_job(h.job_id),
    "jobs_for_book": lambda e, h: e.jobs_for_book(h.book_id),
    "progress": lambda e, h: e.progress(h.book_id),
    "redraw_page": lambda e, h: e.redraw_page(h.book_id, 1),
    "redraw_sheet": lambda e, h: e.redraw_sheet(h.book_id, HERO),
    "set_pinned": lambda e, h: e.set_pinned(h.book_id, True),
    "stored_results": lambda e, h: e.stored_results(h.job_id),
    "uploaded_picture": lambda e, h: e.uploaded_picture(f"/uploads/{h.upload.name}"),
    "describe_picture": lambda e, h: e.describe_picture(f"/uploads/{h.upload.name}"),
}
# Methods that answer None (not an error) for what is not the caller's.
NONE_FOR_OTHERS: dict[str, Call] = {
    "generated_file": lambda e, h: e.generated_file(h.page_picture.rsplit("/", 1)[1]),
    "generated_sheet": lambda e, h: e.generated_file(h.sheet_picture.rsplit("/", 1)[1]),
    "uploaded_file": lambda e, h: e.uploaded_file(h.upload.name),
}
# Methods that take an object the caller already holds (a Book, a Page...), which only
# the methods above give out, or that belong to no one.
NOT_OWNED = {
    "adopt_book",
    "drifting_pages",
    "image_url",
    "sheet_url",
    "sheet_picture",
    "picture_address",
    "public_address",
    "sign_in",
}
NAMES = {"book_id", "job_id", "url", "name", "member", "page", "book"}


def test_every_method_that_names_a_users_thing_has_a_row() -> None:
    naming = {
        name
        for name, method in inspect.getmembers(Engine, inspect.isfunction)
        if not name.startswith("_") and NAMES & set(inspect.signature(method).parameters)
    }
    covered = set(CALLS) | {"generated_file", "uploaded_file"} | NOT_OWNED
    assert naming - covered == set(), "an Engine method without a row in this matrix"


@pytest.mark.parametrize("method", sorted(CALLS))
def test_another_user_finds_nothing_and_changes_nothing(homes: Homes, method: str) -> None:
    before = homes.owner.book_document(homes.book_id)
    with pytest.raises((NotFound, InvalidInput)) as raised:
        CALLS[method](homes.other, homes)
    assert HERO not in str(raised.value) and "o@example.org" not in str(raised.value)
    assert homes.owner.book_document(homes.book_id) == before
    assert homes.upload.exists()


@pytest.mark.parametrize("method", sorted(NONE_FOR_OTHERS))
def test_another_user_gets_no_picture(homes: Homes, method: str) -> None:
    assert NONE_FOR_OTHERS[method](homes.other, homes) is None
    assert NONE_FOR_OTHERS[method](homes.owner, homes) is not None


def test_another_users_library_and_jobs_are_empty(homes: Homes) -> None:
    assert homes.other.list_books() == [] and homes.other.library() == []
    assert homes.other.list_jobs() == []
    assert homes.other.books_page().books == ()
    assert homes.other.usage_totals() == homes.other.usage_totals().of([])
    assert [b.id for b in homes.owner.list_books()] == [homes.book_id]
