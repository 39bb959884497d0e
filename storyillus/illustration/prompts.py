"""Prompts for image models: the brief, the style, the cast in its own words, place and scene."""

from __future__ import annotations

import re

from storyillus.illustration.base import SceneRequest
from storyillus.places import places

BRIEF = (
    "A warm, gentle children's picture-book illustration. Friendly faces, soft light, "
    "clear shapes, no text or letters in the picture."
)
_SOFTER = (
    "A calm, wholesome, all-ages children's picture-book illustration of a friendly child "
    "on a happy adventure. Soft colours, nothing scary."
)


def cast_descriptions(request: SceneRequest, picture_description: str | None = None) -> str:
    """Who is on the page, each in the cast's own words (the same on every page)."""
    lines = [member.description for member in request.cast]
    if picture_description:
        lines[0] += f" {request.hero.name} looks like this: {picture_description.strip()}"
    return " ".join(lines)


def scene_prompt(
    request: SceneRequest, with_reference: bool, picture_description: str | None = None
) -> str:
    """Brief, style, likeness, the cast word for word, the place, then the page's scene."""
    likeness = (
        f"Draw {request.hero.name} to look like the child in the reference picture. "
        if with_reference
        else ""
    )
    return (
        f"{BRIEF} Art style: {request.art_style}. {likeness}"
        f"Characters: {cast_descriptions(request, picture_description)} "
        f"Place: {places().get(request.place).label}. "
        f"Scene (page {request.page_number} of {request.page_count}): {request.scene}"
    )


def softened(request: SceneRequest) -> str:
    """The same page asked more gently, after a moderation refusal."""
    scene = re.sub(
        r"\b(scary|fight\w*|monster\w*|dark|weapon\w*|sword\w*|blood\w*)\b", "", request.scene
    )
    return f"{_SOFTER} Art style: {request.art_style}. Scene: {' '.join(scene.split())}"
