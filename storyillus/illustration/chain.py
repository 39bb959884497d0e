"""The provider chain: try each enabled provider in order until one draws the page."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyillus._chat import ChatClient
from storyillus._exceptions import (
    ContentRefused,
    IllustrationError,
    NoIllustrator,
    ServiceError,
)
from storyillus._http import shared_client
from storyillus.config import Settings
from storyillus.illustration.base import Picture, Provider, SceneRequest
from storyillus.illustration.offline import OfflineIllustrator
from storyillus.illustration.picture_analysis import PictureAnalysis
from storyillus.illustration.remote import AzureEdit, OpenAIEdit, TextOnly
from storyillus.storage.references import ReferencePictures

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChainResult:
    picture: Picture
    attempts: tuple[dict[str, Any], ...]
    """Every provider tried, in order: ``{"provider", "model", "error"}`` (None: it worked),
    with ``"refused": true`` where a safety system refused the prompt or picture."""

    @property
    def refused(self) -> bool:
        return any(attempt.get("refused") for attempt in self.attempts)


class IllustrationChain:
    def __init__(self, providers: Sequence[Provider]) -> None:
        self.providers = tuple(providers)

    def edits_only(self) -> IllustrationChain:
        """The providers that edit the hero's picture (OpenAI, Azure), in order."""
        return IllustrationChain(
            [p for p in self.providers if isinstance(p, OpenAIEdit | AzureEdit)]
        )

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
            except (IllustrationError, ServiceError) as exc:
                log.warning(
                    "%s could not draw %s %d of book %s: %s",
                    provider.name,
                    request.kind,
                    request.page_number,
                    request.book_id,
                    exc,
                )
                attempts.append(
                    {
                        "provider": provider.name,
                        "model": provider.model,
                        "error": str(exc),
                        "refused": isinstance(exc, ContentRefused),
                    }
                )
                continue
            attempts.append({"provider": provider.name, "model": provider.model, "error": None})
            return ChainResult(picture=picture, attempts=tuple(attempts))
        tried = "; ".join(f"{a['provider']}: {a['error']}" for a in attempts)
        error = NoIllustrator(f"Every illustrator failed ({tried})")
        error.attempts = tuple(attempts)
        raise error


def build_chain(settings: Settings, pictures: ReferencePictures | None = None) -> IllustrationChain:
    """The providers the settings enable, in the seed's order.

    Native edits (ENABLE_NATIVE_GPT_IMAGE1 and a key), Azure edits (when configured),
    text-only generation (ENABLE_TEXT_ONLY_FALLBACK and a key), then the offline
    illustrator (ENABLE_OFFLINE_ILLUSTRATOR). They all load the hero's picture through
    ``pictures`` (the engine's), so it is decoded once for all of them.
    """
    http = shared_client(settings)
    pictures = pictures if pictures is not None else ReferencePictures()
    providers: list[Provider] = []
    if settings.enable_native_edits and settings.has_openai_key:
        providers.append(OpenAIEdit(settings, http, pictures))
    if settings.has_azure:
        providers.append(AzureEdit(settings, http, pictures))
    if settings.enable_text_fallback and settings.has_openai_key:
        analysis = (
            PictureAnalysis(settings, ChatClient(settings, http), pictures).describe
            if settings.enable_image_analysis
            else None
        )
        providers.append(TextOnly(settings, http, analysis))
    if settings.enable_offline_illustrator:
        providers.append(OfflineIllustrator(pictures))
    return IllustrationChain(providers)
