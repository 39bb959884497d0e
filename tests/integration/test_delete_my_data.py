""" "Delete my data" (issue 14): nothing of that user is left on disk or in the store, the other
user's books, photos, pictures, account and tokens are untouched, and the counts it reports
are what it removed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from storyillus import Character, Companion, JobStatus, StoryRequest
from storyillus.access import Access, Mode, User
from storyillus.service import Engine
from tests.conftest import make_settings, png_bytes


@dataclass
class Family:
    user: User
    token: str
    books: list[str]
    uploads: set[str]
    """Uploaded photos' file names (two used by books, one by none)."""


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = Engine(make_settings(tmp_path, async_illustrations=False), access=Access(Mode.SIGNED_IN))
    yield made
    made.close(wait=True)


def _family(engine: Engine, email: str, subject: str, colour: tuple[int, int, int]) -> Family:
    user = engine.sign_in("https://id.example.org", subject, email, email.split("@")[0])
    token = engine.create_token(email)
    mine = engine.as_user(user)
    hero_photo = mine.store_reference_picture(png_bytes((200, 260), colour))
    sister_photo = mine.store_reference_picture(png_bytes((180, 240), colour[::-1]))
    lone_photo = mine.store_reference_picture(png_bytes((120, 160), (40, 200, 90)))
    hero = Character.create(
        "Lila",
        7,
        companions=[Companion("Mia", "sister", image_path=str(sister_photo))],
        image_path=str(hero_photo),
    )
    books = []
    for approve in (True, False):  # pages and sheets drawn; sheets drawn, awaiting approval
        made = mine.create_book(
            StoryRequest.create(hero, "A day at the sea", pages=4, seed=len(books)),
            run_async=False,
            approve=approve,
        )
        assert made.job is not None and made.job.status is JobStatus.COMPLETED
        books.append(made.book.id)
    uploads = {hero_photo.name, sister_photo.name, lone_photo.name}
    return Family(user, token, books, uploads)


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def _rows(database: Path, family: Family) -> dict[str, int]:
    """How many rows of each table hold something of the family's."""
    books = ",".join("?" * len(family.books))
    ids = tuple(family.books)
    uploads = ",".join("?" * len(family.uploads))
    queries = {
        "books": (f"SELECT COUNT(*) FROM books WHERE owner = ? OR id IN ({books})",
                  (family.user.id, *ids)),
        "pages": (f"SELECT COUNT(*) FROM pages WHERE book_id IN ({books})", ids),
        "jobs": (f"SELECT COUNT(*) FROM jobs WHERE book_id IN ({books})", ids),
        "results": (
            f"SELECT COUNT(*) FROM results WHERE job_id IN"
            f" (SELECT id FROM jobs WHERE book_id IN ({books}))",
            ids,
        ),
        "images": (f"SELECT COUNT(*) FROM images WHERE book_id IN ({books})", ids),
        "uploads": (f"SELECT COUNT(*) FROM uploads WHERE owner = ? OR name IN ({uploads})",
                    (family.user.id, *family.uploads)),
        "users": ("SELECT COUNT(*) FROM users WHERE id = ?", (family.user.id,)),
        "tokens": ("SELECT COUNT(*) FROM tokens WHERE user_id = ?", (family.user.id,)),
    }  # fmt: skip
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return {
            table: db.execute(sql, args).fetchone()[0] for table, (sql, args) in queries.items()
        }


def test_delete_my_data_leaves_nothing_of_that_user_and_all_of_the_other(engine: Engine) -> None:
    settings = engine.settings
    ana = _family(engine, "ana@example.org", "subject-ana", (230, 90, 40))
    ben = _family(engine, "ben@example.org", "subject-ben", (40, 90, 230))
    generated_before = _files(settings.generated_dir)
    ana_pictures = {n for n in generated_before if any(b in n for b in ana.books)}
    ben_pictures = generated_before - ana_pictures
    assert len(ana_pictures) >= 4 + 2 * 2, "pages, and both books' sheets of Lila and Mia"
    assert {n for n in ben_pictures if any(b in n for b in ben.books)} == ben_pictures
    assert _files(settings.uploads_dir) == ana.uploads | ben.uploads
    ben_rows = _rows(settings.database_path, ben)
    assert all(ben_rows.values()), ben_rows  # the check can see a family's rows

    deleted = engine.as_user(ana.user).delete_my_data()

    assert (deleted.books, deleted.photos, deleted.pictures) == (2, 3, len(ana_pictures))
    assert deleted.describe() == (
        f"Deleted 2 books, 3 uploaded photos and {len(ana_pictures)} pictures."
    )
    # On disk: Ben's files, every one of them, and nothing else.
    assert _files(settings.generated_dir) == ben_pictures
    assert _files(settings.uploads_dir) == ben.uploads
    # In the store: no row of Ana's; Ben's all there.
    assert _rows(settings.database_path, ana) == dict.fromkeys(ben_rows, 0)
    assert _rows(settings.database_path, ben) == ben_rows
    # Ana's token opens nothing; Ben's still opens his books.
    assert engine.user_for_token(ana.token) is None
    again = engine.user_for_token(ben.token)
    assert again is not None and again.id == ben.user.id
    assert sorted(b.id for b in engine.as_user(again).list_books()) == sorted(ben.books)
    for book_id in ben.books:
        engine.as_user(again).export_zip(book_id)  # every picture still readable

    # Signing in again is a new, empty account.
    back = engine.sign_in("https://id.example.org", "subject-ana", "ana@example.org", "ana")
    assert back.id != ana.user.id and engine.as_user(back).list_books() == []
