"""What every illustration provider takes and gives back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from storyillus.access import safety_identifier_of
from storyillus.domain import Book, CastMember

PAGE = "page"
SHEET = "sheet"


@dataclass(frozen=True)
class SceneRequest:
    """One picture to draw (a page, or a cast member's character sheet), with everything a
    provider may need to draw it."""

    book_id: str
    book_seed: int
    page_number: int
    """The page; for a sheet, the member's place in the cast (1 is the hero)."""
    page_count: int
    page_text: str
    scene: str
    """The scene description written for an illustrator (empty for a sheet)."""
    place: str
    """Where the page happens: a name from the places vocabulary (``storyillus.places``)."""
    cast: tuple[CastMember, ...]
    """Who is on the page, the hero first; for a sheet, the one member it shows."""
    art_style: str
    reference: Path | None
    """The picture of the person drawn: the hero's (a page) or the member's own (a sheet)."""
    size: tuple[int, int] = (1024, 1024)
    quality: str = "auto"
    kind: str = PAGE
    sheets: tuple[Path, ...] = ()
    """The character sheets of the cast on the page, in cast order."""
    sheet_names: tuple[str, ...] = ()
    """Whose each sheet is (a member whose sheet is missing has none); empty: the first
    members of the cast, one per sheet."""
    anchor: Path | None = None
    """A picture of the book already drawn (its first page), for the style from page 2 on."""
    attempt: int = 0
    """0 for the first drawing, then 1, 2... for redraws after a low consistency score."""
    safety_identifier: str | None = None
    """The book's owner as OpenAI may know them (``safety_identifier_of``): sent with every
    request to OpenAI for this picture (edit, generation, picture analysis, judge); None
    for the local user's books."""

    @classmethod
    def for_page(
        cls,
        book: Book,
        number: int,
        reference: Path | None,
        size: tuple[int, int] = (1024, 1024),
        quality: str = "auto",
        sheets: Mapping[str, Path] | None = None,
        anchor: Path | None = None,
    ) -> SceneRequest:
        """Page ``number`` of ``book`` as providers see it; ``sheets`` by member name."""
        page = book.page(number)
        present = set(page.characters)
        cast = tuple(m for m in book.cast if m.is_hero or m.name in present)
        drawn = sheets or {}
        return cls(
            book_id=book.id,
            book_seed=book.seed,
            page_number=page.number,
            page_count=len(book.pages),
            page_text=page.text,
            scene=page.scene,
            place=page.place,
            cast=cast,
            art_style=book.request.art_style,
            reference=reference,
            size=size,
            quality=quality,
            sheets=tuple(drawn[m.name] for m in cast if m.name in drawn),
            sheet_names=tuple(m.name for m in cast if m.name in drawn),
            anchor=anchor if number > 1 else None,
            safety_identifier=safety_identifier_of(book.owner),
        )

    @classmethod
    def for_sheet(
        cls,
        book: Book,
        member: CastMember,
        picture: Path | None,
        size: tuple[int, int] = (1024, 1024),
        quality: str = "auto",
    ) -> SceneRequest:
        """The character sheet of ``member``, from their own picture when there is one."""
        return cls(
            book_id=book.id,
            book_seed=book.seed,
            page_number=book.cast.index(member) + 1,
            page_count=len(book.cast),
            page_text="",
            scene="",
            place=book.setting,
            cast=(member,),
            art_style=book.request.art_style,
            reference=picture,
            size=size,
            quality=quality,
            kind=SHEET,
            safety_identifier=safety_identifier_of(book.owner),
        )

    @property
    def hero(self) -> CastMember:
        return self.cast[0]

    def sheet_members(self) -> tuple[CastMember, ...]:
        """The members the sheets show, in the order of ``sheets``."""
        if not self.sheet_names:
            return self.cast[: len(self.sheets)]
        by_name = {member.name: member for member in self.cast}
        return tuple(by_name[name] for name in self.sheet_names)

    def edit_pictures(self, limit: int) -> tuple[Path, ...]:
        """What an image edit sends, each as its own picture, at most ``limit``: the sheets,
        then the person's own picture (page 1, or no anchor yet) or the style anchor."""
        last = self.anchor if self.anchor is not None else self.reference
        pictures = (*self.sheets, *([last] if last is not None else []))
        return pictures[:limit]


@dataclass(frozen=True)
class Picture:
    """An illustration as a provider returns it: PNG bytes, or a URL to fetch at once."""

    provider: str
    model: str
    character_referenced: bool
    png: bytes | None = None
    url: str | None = None
    usage: dict[str, Any] = field(default_factory=dict)


class Provider(Protocol):
    """Something that can draw one page. Raises IllustrationError when it cannot."""

    name: str
    model: str

    def illustrate(self, request: SceneRequest) -> Picture: ...
