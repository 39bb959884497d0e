"""What every illustration provider takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from storyillus.domain import Character


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
    character: Character
    setting: str
    """One of ``domain.SETTINGS`` or "" when the user left it open."""
    art_style: str
    reference: Path | None
    """The stored reference picture of the hero (a PNG, JPEG or WebP file), if any."""
    size: tuple[int, int] = (1024, 1024)
    quality: str = "auto"


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
