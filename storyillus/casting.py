"""The cast of a book: who is in it, how each one is drawn, in words that never change.

The hero comes first, then every companion. Each member's look is chosen once, when the
book is made, and written into a description that every page's prompt repeats word for
word, so pictures from any illustrator agree from page to page. The words and colours
come from ``storyillus/data/looks.toml``. A name never decides a look: a member's reference
picture does for what it shows (``storyillus.looks_from_picture``: hair, skin, eyes,
clothes, glasses), the book's seed for the rest.
"""

from __future__ import annotations

import hashlib
import random
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from storyillus._exceptions import InvalidInput, VocabularyError
from storyillus.domain import (
    HEX_COLOUR,
    CastMember,
    Character,
    Companion,
    Feature,
    Look,
    LookChoice,
)

if TYPE_CHECKING:
    from storyillus.looks_from_picture import Measured, SeenLook

LOOKS_FILE = Path(__file__).with_name("data") / "looks.toml"
HERO = "hero"
ANIMALS = frozenset({"dog", "cat", "rabbit"})

Colour = tuple[str, str]
"""A colour word and its ``#rrggbb``."""


@dataclass(frozen=True)
class LookWords:
    """The vocabulary of looks, loaded once from ``looks.toml``."""

    hair: tuple[Colour, ...]
    elder_hair: tuple[Colour, ...]
    skin: tuple[Colour, ...]
    eyes: tuple[Colour, ...]
    clothes: tuple[Colour, ...]
    fur: tuple[Colour, ...]
    hair_styles: dict[str, str]
    """A style -> how a description says it, e.g. "curly {colour} hair"."""
    outfits: tuple[tuple[str, str], ...]
    """(words, the offline illustrator's outfit)."""
    kinds: dict[str, str]
    """A role or name word -> the kind drawn: child, adult, elder or an animal."""
    family: frozenset[str]
    """Relations that share the hero's skin tone."""
    no_dress: frozenset[str]
    grown_up_titles: frozenset[str]
    """Who is called by one of these ("Mrs Patel") is a grown-up, whatever their role."""
    """Relations never dressed in a dress."""
    alike: frozenset[str] = frozenset()
    """Relations that look like the hero (hair, skin, eyes) in other clothes: twins."""


def _colours(data: dict[str, object], key: str, path: Path) -> tuple[Colour, ...]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise VocabularyError(f"{path}: '{key}' must be a list of [word, \"#rrggbb\"] pairs.")
    colours = []
    for entry in entries:
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not all(isinstance(part, str) for part in entry)
            or len(entry[1]) != 7
            or not entry[1].startswith("#")
        ):
            raise VocabularyError(f'{path}: {key} entry {entry!r} is not [word, "#rrggbb"].')
        colours.append((entry[0], entry[1].lower()))
    return tuple(colours)


def load_look_words(path: Path = LOOKS_FILE) -> LookWords:
    """Read and check the looks vocabulary; a broken entry raises ConfigError naming it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise VocabularyError(f"{path} cannot be read: {error}.") from None
    kinds: dict[str, str] = {}
    for kind, words in data.get("kinds", {}).items():
        for word in words:
            if word in kinds:
                raise VocabularyError(
                    f"{path}: {word!r} is listed under both {kinds[word]} and {kind}."
                )
            kinds[word] = kind
    return LookWords(
        hair=_colours(data, "hair", path),
        elder_hair=_colours(data, "elder_hair", path),
        skin=_colours(data, "skin", path),
        eyes=_colours(data, "eyes", path),
        clothes=_colours(data, "clothes", path),
        fur=_colours(data, "fur", path),
        hair_styles={style: words for style, words in data["hair_styles"]},
        outfits=tuple((words, outfit) for words, outfit in data["outfits"]),
        kinds=kinds,
        family=frozenset(data.get("family", ())),
        no_dress=frozenset(data.get("no_dress", ())),
        grown_up_titles=frozenset(t.casefold() for t in data.get("grown_up_titles", ())),
        alike=frozenset(data.get("alike", ())),
    )


@cache
def look_words() -> LookWords:
    return load_look_words()


def _rng(*parts: object) -> random.Random:
    """A generator seeded from a SHA-256 of the parts (never Python's salted hash())."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


def kind_of(companion: Companion) -> str:
    """How a companion is drawn, from the words of its relation, then of its name."""
    words = look_words().kinds
    for text in (companion.relation, companion.name, " ".join(companion.traits)):
        for word in text.lower().replace("-", " ").split():
            for candidate in (word, word.removesuffix("s")):
                if candidate in words:
                    return words[candidate]
    return "child"


def nearest_colour(rgb: tuple[int, int, int], colours: Sequence[Colour]) -> Colour:
    """The named colour closest to ``rgb``: a reference picture's colour, said in words."""

    def distance(colour: Colour) -> int:
        hex_ = colour[1]
        other = (int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16))
        return sum((a - b) ** 2 for a, b in zip(rgb, other, strict=True))

    return min(colours, key=distance)


def _person_look(rng: random.Random, kind: str, dress: bool = True) -> Look:
    words = look_words()
    hair = rng.choice(words.elder_hair if kind == "elder" else words.hair)
    style = rng.choice(("short", "bob", "curly") if kind == "elder" else list(words.hair_styles))
    outfit_words, _ = rng.choice([o for o in words.outfits if dress or o[1] != "dress"])
    clothes = rng.choice(words.clothes)
    extras = ("round glasses",) if kind == "elder" or rng.random() < 0.12 else ()
    return Look(
        hair=Feature(hair[0], hair[1], style),
        skin=Feature(*rng.choice(words.skin)),
        eyes=Feature(*rng.choice(words.eyes)),
        clothes=Feature(clothes[0], clothes[1], outfit_words),
        extras=extras,
    )


def _animal_look(rng: random.Random) -> Look:
    fur = rng.choice(look_words().fur)
    collar = rng.choice(look_words().clothes)
    return Look(
        hair=Feature(fur[0], fur[1], "fur"), clothes=Feature(collar[0], collar[1], "collar")
    )


def _hair(hair: Feature) -> str:
    """ "curly brown hair", "brown hair in a ponytail": the style's own words."""
    words = look_words().hair_styles.get(hair.detail, "{colour} hair")
    return words.format(colour=hair.colour)


def _worn(clothes: Feature) -> str:
    """ "red raincoat": the colour before the garment."""
    return " ".join(part for part in (clothes.colour, clothes.detail) if part)


def _relation_in(companion: Companion, relations: frozenset[str]) -> bool:
    words = companion.relation.lower().replace("-", " ").split()
    return any(word in relations or word.removesuffix("s") in relations for word in words)


def describe(name: str, role: str, kind: str, look: Look, age: int | None = None) -> str:
    """One or two sentences an illustrator can draw from; pages repeat them word for word."""
    if kind in ANIMALS:
        return f"{name}, a {look.hair.colour} {kind} with a {_worn(look.clothes)}."
    who = {
        "elder": "grandparent",
        "adult": "grown-up",
    }.get(kind, f"{age}-year-old child" if age else "child")
    if role not in (HERO, "friend") and kind != "child" and role.casefold() != name.casefold():
        who = role  # "Nana, a grandmother"; "Bus driver" is a grown-up, not "a bus driver"
    text = (
        f"{name}, a {who} with {_hair(look.hair)}, "
        f"{look.skin.colour} skin and {look.eyes.colour} eyes, wearing a {_worn(look.clothes)}"
    )
    if look.extras:
        text += " and " + " and ".join(look.extras)
    return text + "."


def cast_for(
    character: Character, seed: int, pictures: Mapping[str, Measured] = MappingProxyType({})
) -> tuple[CastMember, ...]:
    """The book's cast: the hero, then each companion, each with a look and a description.

    ``pictures`` are the measured reference pictures by their path
    (``looks_from_picture.measure``): the hero's (``character.image_path``) and each
    companion's own (``Companion.image_path``) decide what they show of that member's look.
    """
    rng = _rng("cast", seed, character.name)
    look = _person_look(rng, "child")
    if character.image_path in pictures:
        look = as_seen(look, _named(pictures[character.image_path], "child"))
    if character.look is not None:
        look = as_chosen(look, character.look)
    hero = look  # a twin follows the hero as the parent corrected them
    members = [
        CastMember(
            name=character.name,
            role=HERO,
            kind="child",
            look=look,
            description=describe(character.name, HERO, "child", look, character.age),
        )
    ]
    for companion in character.companions:
        member_rng = _rng("cast", seed, companion.name, companion.relation)
        look_of = _member_look(companion, member_rng, hero)
        kind = kind_of(companion)
        if companion.image_path in pictures:
            look_of = as_seen(look_of, _named(pictures[companion.image_path], kind))
        members.append(
            CastMember(
                name=companion.name,
                role=companion.relation or "friend",
                kind=kind,
                look=look_of,
                description=describe(companion.name, companion.relation, kind, look_of),
            )
        )
    return tuple(members)


def _member_look(
    companion: Companion, rng: random.Random, hero: Look, kind: str | None = None
) -> Look:
    """A companion's look from ``rng`` (as a ``kind``, by default the one their role gives):
    a twin like the hero, family in the hero's skin."""
    kind = kind or kind_of(companion)
    if kind in ANIMALS:
        look = _animal_look(rng)
    else:
        look = _person_look(rng, kind, not _relation_in(companion, look_words().no_dress))
    if _relation_in(companion, look_words().alike):
        look = _alike(look, hero, rng)
    elif _relation_in(companion, look_words().family):
        look = replace(look, skin=hero.skin)
    return look


def known_kind(role: str) -> str | None:
    """How someone of ``role`` is drawn ("bus driver": adult, "friend": child, "puppy": dog),
    or None for a role the looks vocabulary does not know (an owl is drawn as a thing, not
    as a person)."""
    words = look_words().kinds
    for word in reversed(role.lower().replace("-", " ").split()):
        for candidate in (word, word.removesuffix("s")):
            if candidate in words:
                return words[candidate]
    return None


def with_newcomers(
    cast: Sequence[CastMember], seed: int, people: Sequence[tuple[str, str]], age: int | None
) -> tuple[CastMember, ...]:
    """``cast`` and, after it, each (name, role) the story brings in that it lacks: the new
    friend the hero makes, the bus driver who helps, grandpa on the farm. Each is drawn as
    its kind (a friend as a child of the hero's ``age``, a driver as a grown-up, a grandpa as
    an elder), looks as the book's seed and their place in the cast say (never their name:
    ``people`` may hold a made-up name) and has a description like every member, so pages
    that name them draw them. Someone of a role the vocabulary does not know is left out;
    so is a name or role the cast already has (the companion grandmother is not cast twice).
    """
    members = list(cast)
    hero = cast[0].look
    for name, role in people:
        kind = known_kind(role)
        titled = name.split()[0].rstrip(".").casefold() in look_words().grown_up_titles
        if kind == "child" and titled:
            kind = "adult"  # a neighbour's child is a child; Mrs Patel is not
        taken = {m.name.casefold() for m in members} | {m.role.casefold() for m in members}
        if kind is None or name.casefold() in taken or role.casefold() in taken:
            continue
        newcomer = Companion(name, role)
        look = _member_look(newcomer, _rng("newcomer", seed, len(members), role), hero, kind)
        members.append(
            CastMember(
                name=name,
                role=role,
                kind=kind,
                look=look,
                description=describe(name, role, kind, look, age if kind == "child" else None),
            )
        )
    return tuple(members)


def _named(measured: Measured, kind: str) -> SeenLook:
    # Imported here: OpenCV loads only where a picture is read, not wherever a cast is.
    from storyillus.looks_from_picture import name_look

    return name_look(measured, kind)


def as_seen(look: Look, seen: SeenLook) -> Look:
    """``look`` with every part the picture shows taken from it (word and word's colour);
    glasses worn when seen, taken off when the picture shows a face without them."""
    changed: dict[str, Feature] = {}
    for part in LOOK_PARTS:
        colour = getattr(seen, part)
        if colour is not None:
            changed[part] = Feature(colour.word, colour.hex, getattr(look, part).detail)
    extras = look.extras
    if seen.glasses and not any("glasses" in extra for extra in extras):
        extras += ("round glasses",)
    elif seen.glasses is False:
        extras = tuple(extra for extra in extras if "glasses" not in extra)
    return replace(look, **changed, extras=extras)


def as_chosen(look: Look, choice: LookChoice) -> Look:
    """``look`` with the colours the parent picked: each keeps the parent's ``#rrggbb``
    (what the offline painter paints) under the vocabulary's nearest word (what every
    page's prompt repeats), as a correction on the book page does."""
    changed = {
        part: Feature(colour_word(part, hex_), hex_, getattr(look, part).detail)
        for part, hex_ in choice.colours.items()
    }
    extras = look.extras
    if choice.glasses and not any("glasses" in extra for extra in extras):
        extras += ("round glasses",)
    elif choice.glasses is False:
        extras = tuple(extra for extra in extras if "glasses" not in extra)
    return replace(look, **changed, extras=extras)


def colour_word(part: str, hex_: str, kind: str = "child") -> str:
    """The vocabulary's word for a colour a parent picked for ``part`` of a look."""
    return nearest_colour(_rgb(hex_), palette(part, kind))[0]


def starting_look(seed: int, seen: SeenLook | None = None) -> Look:
    """The hero's look before the parent corrects it (the Create page's pickers): what a
    picture shows (``seen``), the seed the rest. No name goes in: a name decides nothing."""
    look = _person_look(_rng("start", seed), "child")
    return as_seen(look, seen) if seen is not None else look


def _alike(look: Look, hero: Look, rng: random.Random) -> Look:
    """A twin: the hero's hair colour, skin and eyes, but never the hero's clothes colour,
    so a reader tells the two apart on every page."""
    clothes = look.clothes
    if clothes.colour == hero.clothes.colour:
        word, hex_ = rng.choice([c for c in look_words().clothes if c[0] != hero.clothes.colour])
        clothes = Feature(word, hex_, clothes.detail)
    hair = Feature(hero.hair.colour, hero.hair.hex, look.hair.detail)
    return replace(look, hair=hair, skin=hero.skin, eyes=hero.eyes, clothes=clothes)


__all__ = [
    "as_chosen",
    "as_seen",
    "cast_for",
    "colour_word",
    "describe",
    "kind_of",
    "known_kind",
    "load_look_words",
    "look_words",
    "nearest_colour",
    "starting_look",
    "with_newcomers",
]


LOOK_PARTS = ("hair", "skin", "eyes", "clothes")
"""The parts of a look that carry a colour, in the order a parent corrects them."""


def palette(part: str, kind: str) -> tuple[Colour, ...]:
    """The vocabulary's colours for one part of a look (an animal's hair is its fur)."""
    words = look_words()
    if part == "hair":
        return words.fur if kind in ANIMALS else words.hair + words.elder_hair
    return {"skin": words.skin, "eyes": words.eyes, "clothes": words.clothes}[part]


def _rgb(hex_: str) -> tuple[int, int, int]:
    return int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16)


def recoloured(
    look: Look, kind: str, colours: Mapping[str, tuple[str, str]], extras: Sequence[str]
) -> Look:
    """``look`` with the colours a parent picked: part -> (``#rrggbb``, colour word).

    The word and the colour must agree, since pages repeat the word and the offline
    illustrator paints the colour: a new colour under the old word is named by the nearest
    word of the vocabulary, and a vocabulary word typed under the old colour brings its own.
    Raises InvalidInput for a colour that is not ``#rrggbb``.
    """
    changed: dict[str, Feature] = {}
    for part, (hex_, word) in colours.items():
        if part not in LOOK_PARTS:
            raise InvalidInput(f"A look has no {part!r}; it has {', '.join(LOOK_PARTS)}.")
        feature: Feature = getattr(look, part)
        hex_, word = hex_.strip().lower(), " ".join(word.split())
        known = dict(palette(part, kind))
        if hex_ != feature.hex and word == feature.colour and HEX_COLOUR.match(hex_):
            word = nearest_colour(_rgb(hex_), palette(part, kind))[0]
        elif word != feature.colour and hex_ == feature.hex:
            hex_ = known.get(word.lower(), hex_)
        changed[part] = Feature(word or feature.colour, hex_, feature.detail)
    kept = tuple(" ".join(extra.split()) for extra in extras)
    return replace(look, **changed, extras=tuple(extra for extra in kept if extra))
