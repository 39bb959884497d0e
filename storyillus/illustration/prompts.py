"""Prompts for image models: the scene, the hero's descriptor, the style and the brief."""

from __future__ import annotations

import re

from storyillus.domain import Character
from storyillus.illustration.base import SceneRequest

BRIEF = (
    "A warm, gentle children's picture-book illustration. Friendly faces, soft light, "
    "clear shapes, no text or letters in the picture."
)
_SOFTER = (
    "A calm, wholesome, all-ages children's picture-book illustration of a friendly child "
    "on a happy adventure. Soft colours, nothing scary."
)


def hero_descriptor(character: Character, picture_description: str | None = None) -> str:
    """A written description of the hero that names them, for prompts without the picture."""
    parts = [f"{character.name}, a {character.age}-year-old child"]
    if character.personality:
        parts.append("who is " + ", ".join(character.personality))
    if character.interests:
        parts.append("and loves " + ", ".join(character.interests))
    text = " ".join(parts) + "."
    if picture_description:
        text += f" {character.name} looks like this: {picture_description.strip()}"
    if character.companions:
        names = ", ".join(f"{c.name} ({c.relation})" for c in character.companions)
        text += f" Also in the story: {names}."
    return text


def scene_prompt(request: SceneRequest, descriptor: str, with_reference: bool) -> str:
    likeness = (
        f"Draw {request.character.name} to look like the child in the reference picture. "
        if with_reference
        else ""
    )
    return (
        f"{BRIEF} Art style: {request.art_style}. {likeness}"
        f"The hero: {descriptor} Scene (page {request.page_number} of {request.page_count}): "
        f"{request.scene}"
    )


def softened(request: SceneRequest) -> str:
    """The same page asked more gently, after a moderation refusal."""
    scene = re.sub(
        r"\b(scary|fight\w*|monster\w*|dark|weapon\w*|sword\w*|blood\w*)\b", "", request.scene
    )
    return f"{_SOFTER} Art style: {request.art_style}. Scene: {' '.join(scene.split())}"
