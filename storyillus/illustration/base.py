"""What every illustration provider takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from storyillus.domain import Book, CastMember


@dataclass(frozen=True)
class SceneRequest:
    """One page to illustrate, with everything a provider may need to draw it."""

    book_id: str
    book_seed: int
    page_number: int
    page_count: int
    page_text: str
    scene: str
    """The scene description written for an illustrator."""
    place: str
    """Where the page happens: a name from the places vocabulary (``storyillus.places``)."""
    cast: tuple[CastMember, ...]
    """Who is on the page, the hero first; their descriptions go into prompts word for word."""
    art_style: str
    reference: Path | None
    """The stored reference picture of the hero (a PNG, JPEG or WebP file), if any."""
    size: tuple[int, int] = (1024, 1024)
    quality: str = "auto"

    @classmethod
    def for_page(
        cls,
        book: Book,
        number: int,
        reference: Path | None,
        size: tuple[int, int] = (1024, 1024),
        quality: str = "auto",
    ) -> SceneRequest:
        """Page ``number`` of ``book`` as providers see it."""
        page = book.page(number)
        present = set(page.characters)
        return cls(
            book_id=book.id,
            book_seed=book.seed,
            page_number=page.number,
            page_count=len(book.pages),
            page_text=page.text,
            scene=page.scene,
            place=page.place,
            cast=tuple(m for m in book.cast if m.is_hero or m.name in present),
            art_style=book.request.art_style,
            reference=reference,
            size=size,
            quality=quality,
        )

    @property
    def hero(self) -> CastMember:
        return self.cast[0]


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
