"""Prompts for image models: the brief, the style, the cast in its own words, place and scene."""

from __future__ import annotations

import re

from storyillus.illustration.base import SHEET, SceneRequest
from storyillus.places import places

BRIEF = (
    "A warm, gentle children's picture-book illustration. Friendly faces, soft light, "
    "clear shapes, no text or letters in the picture."
)
_SOFTER = (
    "A calm, wholesome, all-ages children's picture-book illustration of a happy adventure. "
    "Soft colours, nothing scary, no text or letters in the picture."
)
_SCARY = re.compile(r"\b(scary|fight\w*|monster\w*|dark|weapon\w*|sword\w*|blood\w*)\b")


def cast_descriptions(request: SceneRequest, picture_description: str | None = None) -> str:
    """Who is on the page, each in the cast's own words (the same on every page)."""
    lines = [member.description for member in request.cast]
    if picture_description:
        lines[0] += f" {request.hero.name} looks like this: {picture_description.strip()}"
    return " ".join(lines)


def _inputs(request: SceneRequest, pictures: int) -> str:
    """Say what each attached picture is, in the order they are sent."""
    if not pictures:
        return ""
    # Only what was sent: an edit stays within MAX_IMAGE_INPUTS, sheets first.
    named = [m.name for m in request.sheet_members()][:pictures]
    parts = []
    if named:
        parts.append(
            f"The first {len(named)} pictures are the character sheets of {', '.join(named)}, "
            "in that order: draw each of them exactly as on their sheet (face, hair, skin, "
            "age, glasses, clothes)."
            if len(named) > 1
            else f"The first picture is {named[0]}'s character sheet: draw {named[0]} exactly "
            "as on it (face, hair, skin, age, glasses, clothes)."
        )
    if pictures > len(request.sheets):
        last = (
            "the style of this book so far: match its style, not its scene"
            if request.anchor is not None
            else f"a picture of {request.hero.name}: keep the likeness"
        )
        parts.append(f"The last picture is {last}.")
    return " ".join(parts) + " "


def scene_prompt(
    request: SceneRequest,
    pictures: int = 0,
    picture_description: str | None = None,
    soft: bool = False,
) -> str:
    """Brief, style, what each attached picture is, the cast word for word, place, scene.

    ``pictures``: how many pictures an edit sends with the prompt (0 for text-only).
    ``soft``: asked again more gently after a safety refusal; the same characters in the
    same words, the scene without words that trip safety systems.
    """
    if request.kind == SHEET:
        return sheet_prompt(request, pictures, picture_description, soft)
    count = len(request.cast)
    scene = " ".join(_SCARY.sub("", request.scene).split()) if soft else request.scene
    return (
        f"{_SOFTER if soft else BRIEF} Art style: {request.art_style}. "
        f"{_inputs(request, pictures)}"
        f"Characters ({count}, no one else): {cast_descriptions(request, picture_description)} "
        f"Place: {places().get(request.place).label}. "
        f"Scene (page {request.page_number} of {request.page_count}): {scene}"
    )


def sheet_prompt(
    request: SceneRequest,
    pictures: int = 0,
    picture_description: str | None = None,
    soft: bool = False,
) -> str:
    """A character sheet: the whole figure, a neutral pose, the story's outfit, plain ground."""
    member = request.hero
    likeness = (
        f"Draw {member.name} to look like the person in the picture, as an illustration. "
        if pictures
        else ""
    )
    book = f"{'a calm, wholesome, all-ages' if soft else 'a'} children's picture book"
    return (
        f"Character sheet for {book}. Art style: {request.art_style}. "
        f"{likeness}{cast_descriptions(request, picture_description)} "
        "Full length, front view, feet visible, standing in a neutral pose, on a plain white "
        "background; beside it a three-quarter view and a close-up of the face. The same "
        "outfit in every view, the one worn all through the story. No text, no scenery."
    )
