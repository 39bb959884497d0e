"""ENABLE_IMAGE_ANALYSIS: a vision model describes the hero's picture, once per picture."""

from __future__ import annotations

import base64
import logging
import threading
from pathlib import Path

from storyillus._chat import ChatClient
from storyillus._exceptions import ServiceError
from storyillus.config import Settings
from storyillus.illustration.remote import reference_png

log = logging.getLogger(__name__)

ASK = (
    "Describe the child in this picture for an illustrator in one or two sentences: hair, "
    "skin tone, clothes and colours, glasses or other features. Do not guess a name or age."
)
MAX_TOKENS = 300


class PictureAnalysis:
    def __init__(self, settings: Settings, chat: ChatClient) -> None:
        self.settings = settings
        self.chat = chat
        self._cache: dict[tuple[str, float], str | None] = {}
        self._lock = threading.Lock()

    def describe(self, path: Path) -> str | None:
        """The picture's description, or None when the model could not give one."""
        key = (str(path), path.stat().st_mtime)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        encoded = base64.b64encode(reference_png(path)).decode("ascii")
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
                self.settings.image_analysis_model, messages, MAX_TOKENS
            ).content
        except ServiceError as exc:
            log.warning("Could not describe the hero's picture: %s", exc)
            return None  # not cached: the next page may try again
        description = " ".join(text.split()) or None
        with self._lock:
            self._cache[key] = description
        return description
