"""Judges: how much a drawn page looks like its characters' sheets, from 0 to 1.

With a key, a vision chat model sees the page beside the sheets (separate images in one
message) and answers in a JSON schema. Without one, the offline judge compares colours:
the main colours of each sheet's figure (hair, skin, clothes) must be found on the page.
The runner redraws a page that scores below CONSISTENCY_MIN_SCORE and keeps the best.
"""

from __future__ import annotations

import base64
import colorsys
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from PIL import Image

from storyillus._chat import ChatClient
from storyillus._exceptions import ServiceError
from storyillus._http import shared_client
from storyillus.config import Settings
from storyillus.illustration.base import SceneRequest
from storyillus.storage.references import ReferencePictures

log = logging.getLogger(__name__)

OFFLINE_JUDGE = "offline-judge"
JUDGE_TOKENS = 1000
"""Room for a reasoning model to think before its one-line answer."""
ASK = (
    "The first picture is a page of a children's picture book. The others are the character "
    "sheets of the characters who should be on it: {names}. Score from 0 to 1 how well the "
    "page keeps each character as on their sheet. Check what image models get wrong most: "
    "hair length and style, skin tone, face shape, age, glasses, clothes, and whether the "
    "page shows the right number of characters ({count}). Give one line on what differs most."
)
SCHEMA = {
    "type": "object",
    "properties": {"score": {"type": "number"}, "reason": {"type": "string"}},
    "required": ["score", "reason"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Verdict:
    score: float
    reason: str
    usage: dict[str, int] = field(default_factory=dict)


class Judge(Protocol):
    """Scores a drawing against the sheets in ``request.sheets``."""

    name: str

    def judge(self, png: bytes, request: SceneRequest) -> Verdict: ...


class VisionJudge:
    """A vision chat model (CONSISTENCY_MODEL) compares the page with the sheets."""

    def __init__(self, settings: Settings, chat: ChatClient, pictures: ReferencePictures) -> None:
        self.name = settings.judge_model
        self._chat = chat
        self._pictures = pictures

    def judge(self, png: bytes, request: SceneRequest) -> Verdict:
        names = ", ".join(member.name for member in request.sheet_members())
        ask = ASK.format(names=names, count=len(request.cast))
        images = [png, *(self._pictures.for_provider(path) for path in request.sheets)]
        content: list[dict[str, Any]] = [{"type": "text", "text": ask}]
        content += [
            {"type": "image_url", "image_url": {"url": _data_url(image)}} for image in images
        ]
        data, usage = self._chat.complete_json(
            self.name, [{"role": "user", "content": content}], JUDGE_TOKENS, ("judge", SCHEMA)
        )
        try:
            score = min(1.0, max(0.0, float(data["score"])))
        except (KeyError, TypeError, ValueError):
            raise ServiceError(f"The judge {self.name} answered without a score.") from None
        return Verdict(score, " ".join(str(data.get("reason", "")).split()), usage)


class OfflineJudge:
    """Colour signatures: the main colours of each sheet's figure, looked for on the page."""

    name = OFFLINE_JUDGE

    def __init__(self, pictures: ReferencePictures) -> None:
        self._pictures = pictures

    def judge(self, png: bytes, request: SceneRequest) -> Verdict:
        page = _small(Image.open(io.BytesIO(png)))
        scores: dict[str, float] = {}
        for member, path in zip(request.sheet_members(), request.sheets, strict=True):
            colours = self._pictures.load(path, "sheet-colours", _sheet_colours)
            if colours:
                shares = [_presence(page, colour) for colour in colours]
                scores[member.name] = sum(shares) / len(shares)
        if not scores:
            return Verdict(1.0, "No sheet to compare with.")
        # The page is as good as its least faithful character: one missing one is a miss.
        score = min(scores.values())
        faint = [name for name, member_score in scores.items() if member_score < 0.8]
        reason = (
            f"{', '.join(faint)} {'is' if len(faint) == 1 else 'are'} missing or unlike "
            "the sheet (colours of hair, skin or clothes not found)."
            if faint
            else "Every character's colours match their sheet."
        )
        return Verdict(round(score, 3), reason)


# A colour counts as present when this share of the page's pixels is close to it.
_PRESENT_SHARE = 0.002
_CLOSE = 38
_SIDE = 160


def _small(image: Image.Image) -> Image.Image:
    small = image.convert("RGB")
    small.thumbnail((_SIDE, _SIDE))
    return small


def _sheet_colours(path: Path) -> tuple[tuple[int, int, int], ...]:
    """The figure's main colours: the sheet's colours but its plain background."""
    with Image.open(path) as opened:
        sheet = _small(opened)
    quantised = sheet.quantize(colors=10)
    palette = quantised.getpalette() or []
    counts = sorted(quantised.getcolors() or [], reverse=True)
    background = tuple(palette[counts[0][1] * 3 : counts[0][1] * 3 + 3]) if counts else None
    colours = []
    for count, index in counts[1:]:
        rgb = tuple(palette[index * 3 : index * 3 + 3])
        _, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
        # Outlines and shading are near black or grey; they say nothing about who it is.
        if value < 0.15 or (saturation < 0.1 and value > 0.9) or rgb == background:
            continue
        if count / (sheet.width * sheet.height) > 0.004:
            colours.append(rgb)
        if len(colours) == 4:
            break
    return tuple(colours)  # type: ignore[return-value]


def _presence(page: Image.Image, colour: tuple[int, int, int]) -> float:
    """1 when at least ``_PRESENT_SHARE`` of the page is close to ``colour``, less below."""
    bands = page.split()
    near = [
        band.point(lambda v, c=c: 255 if abs(v - c) <= _CLOSE else 0)
        for band, c in zip(bands, colour, strict=True)
    ]
    mask = Image.composite(near[0], Image.new("L", page.size), near[1])
    mask = Image.composite(mask, Image.new("L", page.size), near[2])
    share = mask.histogram()[255] / (page.width * page.height)
    return min(1.0, share / _PRESENT_SHARE)


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def build_judge(settings: Settings, pictures: ReferencePictures) -> Judge | None:
    """The judge CONSISTENCY_JUDGE asks for: the vision model with a key, else offline."""
    if not settings.judge_enabled:
        return None
    if settings.has_openai_key:
        return VisionJudge(settings, ChatClient(settings, shared_client(settings)), pictures)
    return OfflineJudge(pictures)


__all__ = ["OFFLINE_JUDGE", "Judge", "OfflineJudge", "Verdict", "VisionJudge", "build_judge"]
