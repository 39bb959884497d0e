"""The provider chain: try each enabled provider in order until one draws the page."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyillus._exceptions import IllustrationError, NoIllustrator
from storyillus.config import Settings
from storyillus.illustration.base import Picture, Provider, SceneRequest
from storyillus.illustration.offline import OfflineIllustrator

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChainResult:
    picture: Picture
    attempts: tuple[dict[str, Any], ...]
    """Every provider tried, in order: ``{"provider", "model", "error"}`` (None: it worked)."""


class IllustrationChain:
    def __init__(self, providers: Sequence[Provider]) -> None:
        self.providers = tuple(providers)

    def illustrate(self, request: SceneRequest) -> ChainResult:
        if not self.providers:
            raise NoIllustrator(
                "No illustrator is enabled: set OPENAI_API_KEY or turn the offline "
                "illustrator back on."
            )
        attempts: list[dict[str, Any]] = []
        for provider in self.providers:
            try:
                picture = provider.illustrate(request)
            except IllustrationError as exc:
                log.warning(
                    "%s could not illustrate page %d of book %s: %s",
                    provider.name,
                    request.page_number,
                    request.book_id,
                    exc,
                )
                attempts.append(
                    {"provider": provider.name, "model": provider.model, "error": str(exc)}
                )
                continue
            attempts.append({"provider": provider.name, "model": provider.model, "error": None})
            return ChainResult(picture=picture, attempts=tuple(attempts))
        error = NoIllustrator(f"Every illustrator failed; the last said: {attempts[-1]['error']}")
        error.attempts = tuple(attempts)
        raise error


def build_chain(settings: Settings) -> IllustrationChain:
    """The providers the settings enable, in the seed's order (remote ones come with keys)."""
    providers: list[Provider] = []
    if settings.enable_offline_illustrator:
        providers.append(OfflineIllustrator())
    return IllustrationChain(providers)
