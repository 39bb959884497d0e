"""The seed's appearance descriptor: one paragraph of what a picture shows of a person's look
(hair, eyes, skin tone, clothes, accessories), and how sure its writer is (0..1).

Offline it is written from the look the app reads off the picture
(``storyillus.looks_from_picture``): only what the picture shows, each part said in the
look vocabulary's words. With a key and ENABLE_IMAGE_ANALYSIS a vision model writes it.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from pathlib import Path

from storyillus._chat import ChatClient
from storyillus._exceptions import ServiceError
from storyillus.config import Settings
from storyillus.looks_from_picture import SeenLook
from storyillus.storage.references import ReferencePictures

log = logging.getLogger(__name__)

OFFLINE_MODEL = "look-from-picture"
"""The name answers give the offline reader, where a vision model's name would be."""
_PARTS = ("hair", "skin", "eyes", "clothes", "glasses")
"""What a picture can show of a look; confidence is the share of them it showed."""
_SOURCE_WEIGHT = {"photo": 1.0, "drawing": 0.8, "none": 0.0}
"""A face found says more than a figure on a plain ground."""
ASK = (
    "Describe the visible appearance of the person in this picture for an illustrator who must "
    "draw them the same on every page, in one paragraph: hair (colour and style), eye colour, "
    "skin tone, clothes and their colours, glasses and other accessories. Say only what the "
    "picture shows; no name, no age, no guesses about personality. Also say how sure you are, "
    "from 0 (the picture shows no person clearly) to 1."
)
SCHEMA = {
    "type": "object",
    "properties": {
        "descriptor": {"type": "string"},
        "confidence": {"type": "number"},
    },
    "required": ["descriptor", "confidence"],
    "additionalProperties": False,
}
MAX_TOKENS = 400


@dataclass(frozen=True)
class Written:
    descriptor: str
    confidence: float
    model: str


def from_look(seen: SeenLook) -> Written:
    """The descriptor of what the app read off the picture; never fails."""
    parts = []
    if seen.hair is not None:
        parts.append(f"{seen.hair.word} hair")
    if seen.eyes is not None:
        parts.append(f"{seen.eyes.word} eyes")
    if seen.skin is not None:
        parts.append(f"a {seen.skin.word} skin tone")
    worn = [f"{seen.clothes.word} clothes"] if seen.clothes is not None else []
    if seen.glasses:
        worn.append("glasses")
    if not parts and not worn:
        text = (
            "The picture shows no face or figure clearly enough to read hair, eyes, skin tone "
            "or clothes from it."
        )
    else:
        text = "A child"
        if parts:
            text += " with " + _listed(parts)
        if worn:
            text += ", wearing " + _listed(worn)
        if seen.glasses is False:
            text += ", without glasses"
        text += "."
    shown = sum(getattr(seen, part) is not None for part in _PARTS)  # glasses=False is seen too
    confidence = round(_SOURCE_WEIGHT.get(seen.source, 0.5) * shown / len(_PARTS), 2)
    return Written(text, confidence, OFFLINE_MODEL)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def by_model(
    settings: Settings,
    chat: ChatClient,
    pictures: ReferencePictures,
    path: Path,
    traits: tuple[str, ...] = (),
) -> Written | None:
    """The vision model's descriptor, or None when it could not give one (the caller then
    writes it offline)."""
    encoded = base64.b64encode(pictures.for_provider(path)).decode("ascii")
    ask = ASK
    if traits:
        ask += f" The person is described as {', '.join(traits)}; show it only if visible."
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": ask},
                {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{encoded}"}},
            ],
        }
    ]
    model = settings.image_analysis_model
    try:
        answer, _ = chat.complete_json(model, messages, MAX_TOKENS, ("descriptor", SCHEMA))
    except ServiceError as exc:
        log.warning("The vision model could not describe the picture: %s", exc)
        return None
    text = answer.get("descriptor")
    confidence = answer.get("confidence")
    if not isinstance(text, str) or not " ".join(text.split()):
        return None
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        confidence = 0.5  # the model said nothing usable about it: neither sure nor unsure
    return Written(" ".join(text.split()), min(1.0, max(0.0, float(confidence))), model)
