"""``book_from_document``: a book document read back into the ``Book`` it describes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from storyillus import Character, Companion, StoryRequest
from storyillus._exceptions import InvalidInput
from storyillus.document import book_document, book_from_document
from storyillus.domain import Book
from storyillus.service import Engine
from tests.conftest import make_settings


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Book:
    engine = Engine(make_settings(tmp_path_factory.mktemp("doc"), async_illustrations=False))
    hero = Character.create("Zoë", 6, companions=[Companion("Max", "brother", ("funny",))])
    made = engine.create_book(StoryRequest.create(hero, "A boat on the lake", pages=4, seed=8))
    book = engine.get_book(made.book.id)
    engine.close(wait=True)
    return book


def _document(book: Book) -> dict[str, Any]:
    return book_document(
        book, lambda page: f"page-{page.number:02d}.png", lambda m: f"sheet-{m.name}.png"
    )


def test_the_document_reads_back_as_the_same_book(drawn: Book) -> None:
    read = book_from_document(_document(drawn), lambda where: f"/generated/{where}")
    assert (read.id, read.title, read.setting, read.seed) == (
        drawn.id,
        drawn.title,
        drawn.setting,
        drawn.seed,
    )
    assert read.created_at == int(drawn.created_at)  # the document keeps whole seconds
    assert (read.approved, read.pinned, read.notes, read.usage) == (
        drawn.approved,
        drawn.pinned,
        drawn.notes,
        drawn.usage,
    )
    assert read.character.companions == drawn.character.companions
    assert (read.request.prompt, read.request.art_style) == (
        drawn.request.prompt,
        drawn.request.art_style,
    )
    assert [(m.name, m.role, m.kind, m.description, m.look) for m in read.cast] == [
        (m.name, m.role, m.kind, m.description, m.look) for m in drawn.cast
    ]
    assert [m.sheet for m in read.cast] == ["/generated/sheet-Zoë.png", "/generated/sheet-Max.png"]
    for mine, theirs in zip(read.pages, drawn.pages, strict=True):
        assert (mine.number, mine.text, mine.scene, mine.place, mine.characters) == (
            theirs.number,
            theirs.text,
            theirs.scene,
            theirs.place,
            theirs.characters,
        )
        assert mine.illustration is not None and theirs.illustration is not None
        assert mine.illustration.local_url == f"/generated/page-{mine.number:02d}.png"
        assert mine.illustration.consistency == theirs.illustration.consistency
    # Read again, the same document.
    assert _document(read) == _document(drawn) | {"createdAt": _document(read)["createdAt"]}


def test_pictures_are_dropped_unless_located(drawn: Book) -> None:
    read = book_from_document(_document(drawn))
    assert all(m.sheet is None for m in read.cast)
    assert all(p.illustration and p.illustration.local_url is None for p in read.pages)
    assert read.character.image_path is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("title"), "'title' is a required property"),
        (lambda d: d["cast"][0].update(role="friend"), "'hero' was expected"),
        (lambda d: d["cast"][0]["look"]["hair"].update(hex="#ZZZZZZ"), "(at cast/0/look/hair/hex)"),
        (lambda d: d["pages"].reverse(), "The pages must be numbered 1 to 4 in order."),
        (lambda d: d["cast"][1].update(name=d["cast"][0]["name"]), "the same name"),
        (lambda d: d["character"].update(age=200), "Age must be from 1 to 120, not 200."),
        (lambda d: d.update(createdAt="yesterday"), "createdAt must be written like"),
        (lambda d: d["pages"][0].update(text=7), "7 is not of type 'string'"),
    ],
)
def test_a_broken_document_says_what_is_wrong(drawn: Book, change: Any, message: str) -> None:
    document = copy.deepcopy(_document(drawn))
    change(document)
    with pytest.raises(InvalidInput) as raised:
        book_from_document(document)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_not_a_document_at_all(tmp_path: Path) -> None:
    for thing in ([], "book", None, {}):
        with pytest.raises(InvalidInput, match="This is not a book document"):
            book_from_document(thing)  # type: ignore[arg-type]
