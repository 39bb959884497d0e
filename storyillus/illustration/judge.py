"""Judges: how much a drawn page looks like its characters' sheets, from 0 to 1.

With a key, a vision chat model sees the page beside the sheets (separate images in one
message) and answers in a JSON schema. Without one, the offline judge compares colours:
the main colours of each sheet's figure (hair, skin, clothes) must be found on the page.
The runner redraws a page that scores below CONSISTENCY_MIN_SCORE and keeps the best.
"""

from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from PIL import Image

from storyillus._chat import ChatClient
from storyillus._exceptions import IllustrationError, ServiceError
from storyillus._http import shared_client
from storyillus.config import Settings
from storyillus.illustration import _signature as signature_of
from storyillus.illustration.base import SceneRequest
from storyillus.storage.references import ReferencePictures

log = logging.getLogger(__name__)

OFFLINE_JUDGE = "offline-judge"
JUDGE_TOKENS = 1000
"""Room for a reasoning model to think before its one-line answer."""
ASK = (
    "The first picture is page {page} of a children's picture book. The others are the character "
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
        ask = ASK.format(page=request.page_number, names=names, count=len(request.cast))
        images = [png, *(self._pictures.for_provider(path) for path in request.sheets)]
        content: list[dict[str, Any]] = [{"type": "text", "text": ask}]
        content += [
            {"type": "image_url", "image_url": {"url": _data_url(image)}} for image in images
        ]
        data, usage = self._chat.complete_json(
            self.name,
            [{"role": "user", "content": content}],
            JUDGE_TOKENS,
            ("judge", SCHEMA),
            request.safety_identifier,
        )
        try:
            score = min(1.0, max(0.0, float(data["score"])))
        except (KeyError, TypeError, ValueError):
            raise ServiceError(f"The judge {self.name} answered without a score.") from None
        return Verdict(score, " ".join(str(data.get("reason", "")).split()), usage)


class OfflineJudge:
    """Colour signatures (``_signature``): each character's colours, band by band down the
    figure on its sheet, looked for on the page, each character at a spot of its own. The
    page scores as its least faithful character: one missing is a miss."""

    name = OFFLINE_JUDGE

    def __init__(self, pictures: ReferencePictures, faint: float = 0.7) -> None:
        self._pictures = pictures
        self._faint = faint
        """A character scoring below this is named in the verdict's reason."""

    def judge(self, png: bytes, request: SceneRequest) -> Verdict:
        members = request.sheet_members()
        if not members:
            return Verdict(1.0, "No sheet to compare with.")
        try:
            signatures = [
                self._pictures.load(path, SIGNATURE_PURPOSE, _sheet_signature)
                for path in request.sheets
            ]
            with Image.open(io.BytesIO(png)) as opened:
                page = signature_of.Page(opened)
        except (IllustrationError, OSError) as exc:
            raise ServiceError(f"The offline judge could not read a picture: {exc}") from None
        candidates = {
            member.name: signature_of.spots(
                page, signature_of.distinct(sig, [o for o in signatures if o is not sig])
            )
            for member, sig in zip(members, signatures, strict=True)
        }
        scores = signature_of.assign(candidates)
        score = min(scores.values())
        faint = [name for name, member_score in scores.items() if member_score < self._faint]
        reason = (
            f"{', '.join(faint)} {'is' if len(faint) == 1 else 'are'} missing or unlike "
            "the sheet (hair, skin or clothes colours not found together)."
            if faint
            else "Every character's colours match their sheet."
        )
        return Verdict(round(score, 3), reason)


SIGNATURE_PURPOSE = "sheet-signature"
"""The key the reference cache keeps a sheet's decoded signature under."""


def _sheet_signature(path: Path) -> signature_of.Signature:
    with Image.open(path) as opened:
        return signature_of.signature(opened)


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def build_judge(settings: Settings, pictures: ReferencePictures) -> Judge | None:
    """The judge CONSISTENCY_JUDGE asks for: the vision model with a key, else offline."""
    if not settings.judge_enabled:
        return None
    if settings.has_openai_key:
        return VisionJudge(settings, ChatClient(settings, shared_client(settings)), pictures)
    return OfflineJudge(pictures, settings.consistency_min_score)


__all__ = ["OFFLINE_JUDGE", "Judge", "OfflineJudge", "Verdict", "VisionJudge", "build_judge"]
