"""What every story writer takes and gives back."""

from __future__ import annotations

from typing import Protocol

from storyillus.domain import CastMember, Character, Story, StoryRequest


class StoryWriter(Protocol):
    """Writes a story over ``request.pages`` pages about ``cast``, and suggests story ideas.

    The story says where it happens (``setting``) and, for each page, its ``place`` and
    ``characters``; ``storyillus.writing.staging`` holds the rules both writers share.
    Without ``cast`` the writer casts the request itself (``storyillus.casting.cast_for``).
    ``safety_identifier`` (``storyillus.access.safety_identifier_of``, None for the local
    user) goes with every request a writer makes to OpenAI for that user.
    """

    name: str
    model: str

    def write(
        self,
        request: StoryRequest,
        seed: int,
        cast: tuple[CastMember, ...] | None = None,
        safety_identifier: str | None = None,
    ) -> Story: ...

    def suggest(
        self,
        character: Character,
        seed: int,
        count: int = 5,
        safety_identifier: str | None = None,
    ) -> list[str]: ...
