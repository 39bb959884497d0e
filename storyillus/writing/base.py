"""What every story writer takes and gives back."""

from __future__ import annotations

from typing import Protocol

from storyillus.domain import Character, Story, StoryRequest


class StoryWriter(Protocol):
    """Writes a story over ``request.pages`` pages, and suggests story ideas."""

    name: str
    model: str

    def write(self, request: StoryRequest, seed: int) -> Story: ...

    def suggest(self, character: Character, seed: int, count: int = 5) -> list[str]: ...
