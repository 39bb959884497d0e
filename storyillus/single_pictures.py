"""The seed's single-picture endpoints, as the engine draws them: a portrait of the hero or
one scene, drawn through the same chain as a book's pages, from a book of one page that is
never stored. What they make, and the caller's saved pictures listed, as plain data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from storyillus.casting import cast_for
from storyillus.domain import Book, CastMember, Illustration, Page, StoryRequest
from storyillus.illustration.base import SceneRequest
from storyillus.looks_from_picture import Measured
from storyillus.places import places
from storyillus.writing.staging import book_setting, page_characters


@dataclass(frozen=True)
class PictureDescriptor:
    """The seed's appearance descriptor of an uploaded picture."""

    descriptor: str
    hash: str
    """SHA-256 hex of the picture's bytes."""
    model: str
    confidence: float
    cached: bool
    """Written before for the same picture (no model call this time)."""


@dataclass(frozen=True)
class DrawnPicture:
    """One picture the single-picture endpoints drew."""

    illustration: Illustration
    page_number: int
    description: str


@dataclass(frozen=True)
class SavedPicture:
    """A saved picture of the user's (``GET /api/images/generated``)."""

    name: str
    url: str
    bytes: int
    created_at: float


@dataclass(frozen=True)
class SavedPictures:
    """Saved pictures newest first, and the cursor of the next (older) ones (None: no more)."""

    pictures: tuple[SavedPicture, ...]
    next_cursor: str | None


def one_page_book(
    request: StoryRequest,
    scene: str,
    page_number: int,
    title: str,
    seed: int,
    pictures: dict[str, Measured],
    owner: str,
    hero_description: str | None = None,
) -> Book:
    """A book of the one page ``scene`` (numbered ``page_number``), never stored: the hero's
    cast and look as a book of theirs would have them, the place the scene names."""
    cast = with_description(cast_for(request.character, seed, pictures), hero_description)
    setting = book_setting(request)
    named = places().mentions(scene)
    page = Page(
        number=page_number,
        text=scene,
        scene=scene,
        place=named[0].name if named else setting.name,
        characters=page_characters(cast, (), scene),
    )
    return Book(
        id=uuid.uuid4().hex,
        title=title,
        request=request,
        setting=setting.name,
        cast=cast,
        pages=(page,),
        created_at=0.0,
        seed=seed,
        owner=owner,
    )


def with_description(
    cast: tuple[CastMember, ...], hero_description: str | None
) -> tuple[CastMember, ...]:
    """The cast with the hero described in the caller's own words, when given."""
    if not hero_description or not cast:
        return cast
    return (replace(cast[0], description=hero_description), *cast[1:])


def page_request(
    book: Book, reference: Path | None, size: tuple[int, int], quality: str
) -> SceneRequest:
    page = book.pages[0]
    request = SceneRequest.for_page(book, page.number, reference, size, quality)
    # The book has one page; its number is the caller's, so "page N of N".
    return replace(request, page_count=max(page.number, 1))


def portrait_request(
    book: Book, reference: Path | None, size: tuple[int, int], quality: str
) -> SceneRequest:
    """The hero's character sheet: a portrait from their picture, in the book's style."""
    return SceneRequest.for_sheet(book, book.hero, reference, size, quality)
