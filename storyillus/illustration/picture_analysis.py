"""ENABLE_IMAGE_ANALYSIS: a vision model describes the hero's picture, once per picture."""

from __future__ import annotations

import base64
import logging
from functools import partial
from pathlib import Path

from storyillus._chat import ChatClient
from storyillus._exceptions import ServiceError
from storyillus.config import Settings
from storyillus.storage.references import ReferencePictures

log = logging.getLogger(__name__)

ASK = (
    "Describe the child in this picture for an illustrator in one or two sentences: hair, "
    "skin tone, clothes and colours, glasses or other features. Do not guess a name or age."
)
MAX_TOKENS = 300


class _NoAnswer(Exception):
    """The model gave no description this time; not remembered, so a later page asks again."""


class PictureAnalysis:
    def __init__(
        self, settings: Settings, chat: ChatClient, pictures: ReferencePictures | None = None
    ) -> None:
        self.settings = settings
        self.chat = chat
        self.pictures = pictures if pictures is not None else ReferencePictures()

    def describe(self, path: Path, safety_identifier: str | None = None) -> str | None:
        """The picture's description, or None when the model could not give one.

        ``safety_identifier``: the picture's owner as OpenAI may know them (None: the local
        user). A picture is one user's, so its remembered description is theirs too."""
        purpose = f"description:{self.settings.image_analysis_model}"
        try:
            return self.pictures.load(path, purpose, partial(self._ask, safety=safety_identifier))
        except _NoAnswer:
            return None

    def _ask(self, path: Path, safety: str | None = None) -> str | None:
        encoded = base64.b64encode(self.pictures.for_provider(path)).decode("ascii")
        messages = [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": ASK},
                    {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{encoded}"}},
                ],
            }
        ]
        try:
            text = self.chat.complete(
                self.settings.image_analysis_model, messages, MAX_TOKENS, safety_identifier=safety
            ).content
        except ServiceError as exc:
            log.warning("Could not describe the hero's picture: %s", exc)
            raise _NoAnswer from None
        return " ".join(text.split()) or None
