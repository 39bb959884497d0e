"""Reading the seed's request JSON into domain objects, with a sentence for each mistake."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyillus._exceptions import InvalidInput
from storyillus.domain import (
    HEX_COLOUR,
    MAX_NAME_CHARS,
    MAX_SEED,
    Character,
    Companion,
    Feature,
    Look,
    StoryRequest,
)

Picture = Callable[[str], Path]
"""Turns an ``/uploads/...`` URL from ``POST /api/upload`` into the stored file."""
MAX_EXTRAS = 8
"""Things always worn or carried that a look may list."""


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


def _picture(value: Any, where: str, picture: Picture | None) -> str | None:
    url = _text(value, where)
    if not url:
        return None
    if picture is None:
        raise InvalidInput(f"{where} is not used here.")
    try:
        return str(picture(url))
    except InvalidInput:
        raise InvalidInput(
            f"{where} must be the path of a picture uploaded through /api/upload "
            "(like /uploads/character-image-….png)."
        ) from None


def _companions(value: Any, picture: Picture | None) -> list[Companion]:
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
                    image_path=_picture(item.get("imageUrl"), f"{where}.imageUrl", picture),
                )
            )
        else:
            raise InvalidInput(f"{where} must be a name or an object with a name.")
    return companions


def character_from_json(data: Any, picture: Picture | None) -> Character:
    """The seed's ``character`` object; ``picture`` turns an ``imageUrl`` into a stored file."""
    if not isinstance(data, dict):
        raise InvalidInput("character is required: an object with at least name and age.")
    age = data.get("age")
    if age is None:
        raise InvalidInput("character.age is required.")
    if isinstance(age, bool) or not isinstance(age, int | str):
        raise InvalidInput("character.age must be a whole number.")
    image_path = _picture(data.get("imageUrl"), "character.imageUrl", picture)
    return Character.create(
        name=_text(data.get("name"), "character.name"),
        age=age,
        personality=_strings(data.get("personality"), "character.personality"),
        interests=_strings(data.get("interests"), "character.interests"),
        companions=_companions(data.get("siblings") or data.get("friends"), picture),
        message=_text(data.get("personalMessage") or data.get("message"), "character.message"),
        image_path=image_path,
    )


def story_request_from_json(body: dict[str, Any], picture: Picture) -> StoryRequest:
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


def _words(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{where} must be a string.")
    words = " ".join(value.split())
    if len(words) > MAX_NAME_CHARS:
        raise InvalidInput(f"{where} can be at most {MAX_NAME_CHARS} characters.")
    return words


def _feature(value: Any, was: Feature, where: str) -> Feature:
    """A feature of a look, its given fields over the ones it had."""
    if not isinstance(value, dict):
        raise InvalidInput(f"{where} must be an object with colour, hex and detail.")
    unknown = sorted(set(value) - {"colour", "hex", "detail"})
    if unknown:
        raise InvalidInput(f"{where} has no field {unknown[0]!r}; it has colour, hex and detail.")
    if ("colour" in value) != ("hex" in value):
        # A new colour word with the old #rrggbb would draw one colour and say another.
        raise InvalidInput(f"{where}: give colour and hex together (a word and its #rrggbb).")
    fields = was.to_json() | {key: _words(v, f"{where}.{key}") for key, v in value.items()}
    fields["hex"] = fields["hex"].lower()
    if fields["hex"] and not HEX_COLOUR.match(fields["hex"]):
        raise InvalidInput(f"{where}.hex must be a colour written #rrggbb, like #6b4423.")
    return Feature(**fields)


def look_from_json(value: Any, was: Look, where: str = "look") -> Look:
    """A corrected look (the book schema's ``look``): the features given replace the
    ones it had, field by field; ``extras``, when given, replaces the list."""
    if not isinstance(value, dict):
        raise InvalidInput(
            f"{where} must be an object with hair, skin, eyes, clothes and/or extras."
        )
    features = ("hair", "skin", "eyes", "clothes")
    unknown = sorted(set(value) - {*features, "extras"})
    if unknown:
        raise InvalidInput(
            f"{where} has no field {unknown[0]!r}; it has hair, skin, eyes, clothes and extras."
        )
    changed = {
        name: _feature(value[name], getattr(was, name), f"{where}.{name}")
        for name in features
        if name in value
    }
    if "hair" in changed and not (changed["hair"].colour and changed["hair"].hex):
        raise InvalidInput(f"{where}.hair needs a colour word and its #rrggbb.")
    extras = was.extras
    if "extras" in value:
        given = value["extras"]
        if not isinstance(given, list):
            raise InvalidInput(f"{where}.extras must be a list of strings.")
        if len(given) > MAX_EXTRAS:
            raise InvalidInput(f"{where}.extras can list at most {MAX_EXTRAS} things.")
        extras = tuple(
            words
            for index, item in enumerate(given)
            if (words := _words(item, f"{where}.extras[{index}]"))
        )
    return Look(
        hair=changed.get("hair", was.hair),
        skin=changed.get("skin", was.skin),
        eyes=changed.get("eyes", was.eyes),
        clothes=changed.get("clothes", was.clothes),
        extras=extras,
    )
