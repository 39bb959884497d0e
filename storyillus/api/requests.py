"""Reading the seed's request JSON into domain objects, with a sentence for each mistake."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyillus._exceptions import InvalidInput
from storyillus.domain import MAX_SEED, Character, Companion, StoryRequest


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(f"{where} must be a list of strings.")
    return value


def _text(value: Any, where: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"{where} must be a string.")
    return value


def _companions(value: Any) -> list[Companion]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput("character.siblings must be a list.")
    companions = []
    for index, item in enumerate(value):
        where = f"character.siblings[{index}]"
        if isinstance(item, str):
            companions.append(Companion(name=item, relation="sibling"))
        elif isinstance(item, dict):
            companions.append(
                Companion(
                    name=_text(item.get("name"), f"{where}.name") or "",
                    relation=_text(item.get("relation"), f"{where}.relation") or "sibling",
                    traits=tuple(_strings(item.get("traits"), f"{where}.traits")),
                )
            )
        else:
            raise InvalidInput(f"{where} must be a name or an object with a name.")
    return companions


def character_from_json(data: Any, picture: Callable[[str], Path] | None) -> Character:
    """The seed's ``character`` object; ``picture`` turns an ``imageUrl`` into a stored file."""
    if not isinstance(data, dict):
        raise InvalidInput("character is required: an object with at least name and age.")
    age = data.get("age")
    if age is None:
        raise InvalidInput("character.age is required.")
    if isinstance(age, bool) or not isinstance(age, int | str):
        raise InvalidInput("character.age must be a whole number.")
    image_url = _text(data.get("imageUrl"), "character.imageUrl")
    image_path = None
    if image_url:
        if picture is None:
            raise InvalidInput("character.imageUrl is not used here.")
        image_path = str(picture(image_url))
    return Character.create(
        name=_text(data.get("name"), "character.name"),
        age=age,
        personality=_strings(data.get("personality"), "character.personality"),
        interests=_strings(data.get("interests"), "character.interests"),
        companions=_companions(data.get("siblings") or data.get("friends")),
        message=_text(data.get("personalMessage") or data.get("message"), "character.message"),
        image_path=image_path,
    )


def story_request_from_json(body: dict[str, Any], picture: Callable[[str], Path]) -> StoryRequest:
    """The seed's generate request: character, prompt, and optional story settings."""
    pages = body.get("pages", body.get("numberOfPages"))
    if pages is not None and (isinstance(pages, bool) or not isinstance(pages, int)):
        raise InvalidInput("pages must be a whole number from 4 to 16.")
    seed = body.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise InvalidInput(f"seed must be a whole number from 0 to {MAX_SEED}.")
    return StoryRequest.create(
        character=character_from_json(body.get("character"), picture),
        prompt=_text(body.get("prompt"), "prompt"),
        themes=_strings(body.get("themes"), "themes"),
        setting=_text(body.get("setting"), "setting"),
        pages=pages,
        art_style=_text(body.get("artStyle"), "artStyle"),
        seed=seed,
    )
