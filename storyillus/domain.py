"""The things a picture book is made of, and their JSON.

Books and jobs are stored and sent as JSON in the seed's shapes: camelCase keys, the
job status object exactly as docs/ARCHITECTURE.md ("Contracts") lists it (extra keys
are allowed, missing ones are not).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyillus._exceptions import InvalidInput

MIN_PAGES = 4
MAX_PAGES = 16
DEFAULT_PAGES = 8
MIN_AGE = 1
MAX_AGE = 120
MAX_NAME_CHARS = 60
MAX_TEXT_CHARS = 2000
MAX_SEED = 2**63 - 1
"""The job store keeps seeds as signed 64-bit integers."""

ART_STYLES: tuple[str, ...] = ("watercolor", "storybook", "cartoon", "crayon", "paper cut")


def _clean(text: str | None, what: str, limit: int = MAX_TEXT_CHARS) -> str:
    text = " ".join((text or "").split())
    if len(text) > limit:
        raise InvalidInput(f"{what} is too long ({len(text)} characters; at most {limit}).")
    return text


def _clean_list(items: list[str] | tuple[str, ...] | None, what: str) -> list[str]:
    cleaned = [_clean(item, what, MAX_NAME_CHARS) for item in items or ()]
    return [item for item in cleaned if item]


@dataclass(frozen=True)
class Companion:
    """A sibling or friend who appears in the story."""

    name: str
    relation: str = "friend"
    traits: tuple[str, ...] = ()
    image_path: str | None = None
    """Absolute path of the companion's own stored reference picture, if there is one."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "relation": self.relation,
            "traits": list(self.traits),
        }
        if self.image_path:
            data["imagePath"] = self.image_path
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Companion:
        return cls(
            name=data["name"],
            relation=data.get("relation", "friend"),
            traits=tuple(data.get("traits", ())),
            image_path=data.get("imagePath"),
        )


HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")


LOOK_COLOURS = ("hair", "skin", "eyes", "clothes")
"""The parts of a look a parent may pick a colour for, in the order they are shown."""


@dataclass(frozen=True)
class LookChoice:
    """The parent's own colours for the hero, chosen before the book is made (the Create
    page's colour pickers, the CLI's ``--hair``...): each ``#rrggbb`` or None (the picture,
    else the book's seed, decides it), and glasses worn (True), not worn (False) or None.
    """

    hair: str | None = None
    skin: str | None = None
    eyes: str | None = None
    clothes: str | None = None
    glasses: bool | None = None

    @classmethod
    def create(
        cls,
        colours: Mapping[str, str | None] | None = None,
        glasses: bool | None = None,
    ) -> LookChoice:
        """Checked user input: part -> ``#rrggbb`` (any case, ``#`` optional); raises
        InvalidInput naming a colour that is not one."""
        chosen: dict[str, str | None] = {}
        for part, value in (colours or {}).items():
            if part not in LOOK_COLOURS:
                raise InvalidInput(f"A look has no {part!r}; it has {', '.join(LOOK_COLOURS)}.")
            text = (value or "").strip().lower()
            if not text:
                continue
            text = text if text.startswith("#") else f"#{text}"
            if not HEX_COLOUR.match(text):
                raise InvalidInput(f"The {part} colour must be written #rrggbb, not {value!r}.")
            chosen[part] = text
        return cls(**chosen, glasses=glasses)

    @property
    def colours(self) -> dict[str, str]:
        """The parts given a colour: part -> ``#rrggbb``."""
        return {part: hex_ for part in LOOK_COLOURS if (hex_ := getattr(self, part))}

    def to_json(self) -> dict[str, Any]:
        return {**self.colours, "glasses": self.glasses}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> LookChoice | None:
        if not data:
            return None
        return cls(**{part: data.get(part) for part in LOOK_COLOURS}, glasses=data.get("glasses"))


@dataclass(frozen=True)
class Character:
    """The child hero of the book."""

    name: str
    age: int
    personality: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    companions: tuple[Companion, ...] = ()
    message: str = ""
    image_path: str | None = None
    """Absolute path of the stored reference picture, if there is one."""
    look: LookChoice | None = None
    """The colours the parent picked for the hero; they win over the picture's."""

    @classmethod
    def create(
        cls,
        name: str | None,
        age: int | str | None,
        personality: list[str] | tuple[str, ...] | None = None,
        interests: list[str] | tuple[str, ...] | None = None,
        companions: list[Companion] | tuple[Companion, ...] | None = None,
        message: str | None = None,
        image_path: str | None = None,
        look: LookChoice | None = None,
    ) -> Character:
        """Build a character from user input, or raise InvalidInput saying what is wrong."""
        clean_name = _clean(name, "The hero's name", MAX_NAME_CHARS)
        if not clean_name:
            raise InvalidInput("The hero needs a name.")
        if isinstance(age, bool):
            raise InvalidInput(f"Age must be a whole number from {MIN_AGE} to {MAX_AGE}.")
        try:
            whole_age = int(str(age).strip()) if not isinstance(age, int) else age
        except (TypeError, ValueError):
            raise InvalidInput(
                f"Age must be a whole number from {MIN_AGE} to {MAX_AGE}, not {age!r}."
            ) from None
        if not MIN_AGE <= whole_age <= MAX_AGE:
            raise InvalidInput(f"Age must be from {MIN_AGE} to {MAX_AGE}, not {whole_age}.")
        cleaned_companions = []
        for companion in companions or ():
            companion_name = _clean(companion.name, "A companion's name", MAX_NAME_CHARS)
            if companion_name:
                cleaned_companions.append(
                    Companion(
                        name=companion_name,
                        relation=_clean(companion.relation, "A relation", MAX_NAME_CHARS)
                        or "friend",
                        traits=tuple(_clean_list(list(companion.traits), "A trait")),
                        image_path=companion.image_path,
                    )
                )
        return cls(
            name=clean_name,
            age=whole_age,
            personality=tuple(_clean_list(personality, "A personality trait")),
            interests=tuple(_clean_list(interests, "An interest")),
            companions=tuple(cleaned_companions),
            message=_clean(message, "The personal message"),
            image_path=image_path,
            look=look,
        )

    @property
    def picture_paths(self) -> tuple[str, ...]:
        """The reference pictures given: the hero's, then each companion's own."""
        paths = (self.image_path, *(c.image_path for c in self.companions))
        return tuple(path for path in paths if path)

    def to_json(self) -> dict[str, Any]:
        data = {
            "name": self.name,
            "age": self.age,
            "personality": list(self.personality),
            "interests": list(self.interests),
            "siblings": [c.to_json() for c in self.companions],
            "message": self.message,
            "imagePath": self.image_path,
        }
        if self.look is not None:
            data["look"] = self.look.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Character:
        return cls(
            name=data["name"],
            age=int(data["age"]),
            personality=tuple(data.get("personality", ())),
            interests=tuple(data.get("interests", ())),
            companions=tuple(Companion.from_json(c) for c in data.get("siblings", ())),
            message=data.get("message", ""),
            image_path=data.get("imagePath"),
            look=LookChoice.from_json(data.get("look")),
        )


@dataclass(frozen=True)
class Feature:
    """One part of a look: a colour word with its ``#rrggbb``, and the words for the rest.

    ``Feature("brown", "#6b4423", "short curly")`` is short curly brown hair; a feature
    with no colour (``"round glasses"``) keeps only its words.
    """

    colour: str = ""
    hex: str = ""
    detail: str = ""

    def __post_init__(self) -> None:
        if self.hex and not HEX_COLOUR.match(self.hex):
            raise InvalidInput(f"A colour must be written #rrggbb, not {self.hex!r}.")

    def to_json(self) -> dict[str, str]:
        return {"colour": self.colour, "hex": self.hex, "detail": self.detail}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Feature:
        data = data or {}
        return cls(
            colour=str(data.get("colour", "")),
            hex=str(data.get("hex", "")).lower(),
            detail=str(data.get("detail", "")),
        )


@dataclass(frozen=True)
class Look:
    """What a cast member looks like, the same on every page. For an animal, hair is fur."""

    hair: Feature = Feature()
    skin: Feature = Feature()
    eyes: Feature = Feature()
    clothes: Feature = Feature()
    extras: tuple[str, ...] = ()
    """Things worn or carried always, e.g. "round glasses"."""

    def to_json(self) -> dict[str, Any]:
        return {
            "hair": self.hair.to_json(),
            "skin": self.skin.to_json(),
            "eyes": self.eyes.to_json(),
            "clothes": self.clothes.to_json(),
            "extras": list(self.extras),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Look:
        data = data or {}
        return cls(
            hair=Feature.from_json(data.get("hair")),
            skin=Feature.from_json(data.get("skin")),
            eyes=Feature.from_json(data.get("eyes")),
            clothes=Feature.from_json(data.get("clothes")),
            extras=tuple(data.get("extras", ())),
        )


@dataclass(frozen=True)
class CastMember:
    """Someone in the book, described once, in the same words on every page."""

    name: str
    role: str
    """"hero", or the companion's relation: "brother", "grandmother", "dog"..."""
    description: str
    """One or two sentences an illustrator can draw from."""
    look: Look
    kind: str = "child"
    """How the member is drawn: "child", "adult", "elder" or an animal ("dog", "cat"...)."""
    sheet: str | None = None
    """The character sheet's picture (its ``/generated/...`` URL), once drawn."""
    picture_refused: bool = False
    """An image model refused to edit the picture: the sheet stands in for it from then on."""

    @property
    def is_hero(self) -> bool:
        return self.role == "hero"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "kind": self.kind,
            "description": self.description,
            "look": self.look.to_json(),
            "sheet": self.sheet,
            "pictureRefused": self.picture_refused,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CastMember:
        return cls(
            name=data["name"],
            role=data["role"],
            description=data.get("description", ""),
            look=Look.from_json(data.get("look")),
            kind=data.get("kind", "child"),
            sheet=data.get("sheet"),
            picture_refused=bool(data.get("pictureRefused", False)),
        )


@dataclass(frozen=True)
class StoryRequest:
    """Everything a user asks for when they make a book."""

    character: Character
    prompt: str
    themes: tuple[str, ...] = ()
    setting: str = ""
    pages: int = DEFAULT_PAGES
    art_style: str = "watercolor"
    seed: int | None = None
    """Same seed, same offline story and pictures; None picks one at random."""

    @classmethod
    def create(
        cls,
        character: Character,
        prompt: str | None,
        themes: list[str] | tuple[str, ...] | None = None,
        setting: str | None = None,
        pages: int | str | None = None,
        art_style: str | None = None,
        seed: int | None = None,
    ) -> StoryRequest:
        """Build a request from user input, or raise InvalidInput saying what is wrong."""
        clean_prompt = _clean(prompt, "The story idea")
        if not clean_prompt:
            raise InvalidInput("The story needs an idea: a sentence about what happens.")
        if pages is None or pages == "":
            count = DEFAULT_PAGES
        else:
            try:
                count = int(pages)
            except (TypeError, ValueError):
                raise InvalidInput(
                    f"Number of pages must be a whole number from {MIN_PAGES} to {MAX_PAGES}."
                ) from None
        if seed is not None and not 0 <= seed <= MAX_SEED:
            raise InvalidInput(f"seed must be a whole number from 0 to {MAX_SEED}.")
        if not MIN_PAGES <= count <= MAX_PAGES:
            raise InvalidInput(
                f"Number of pages must be from {MIN_PAGES} to {MAX_PAGES}, not {count}."
            )
        return cls(
            character=character,
            prompt=clean_prompt,
            themes=tuple(_clean_list(themes, "A theme")),
            setting=_clean(setting, "The setting", MAX_NAME_CHARS).lower(),
            pages=count,
            art_style=_clean(art_style, "The art style", MAX_NAME_CHARS) or "watercolor",
            seed=seed,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "character": self.character.to_json(),
            "prompt": self.prompt,
            "themes": list(self.themes),
            "setting": self.setting,
            "pages": self.pages,
            "artStyle": self.art_style,
            "seed": self.seed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoryRequest:
        return cls(
            character=Character.from_json(data["character"]),
            prompt=data["prompt"],
            themes=tuple(data.get("themes", ())),
            setting=data.get("setting", ""),
            pages=int(data.get("pages", DEFAULT_PAGES)),
            art_style=data.get("artStyle", "watercolor"),
            seed=data.get("seed"),
        )


@dataclass(frozen=True)
class PageDraft:
    """One page as a story writer produces it, before it belongs to a book."""

    text: str
    scene: str
    """What the illustration shows, written for an illustrator."""
    place: str
    """Where the page happens: a name from the places vocabulary (``storyillus.places``)."""
    characters: tuple[str, ...]
    """The cast members on the page, by name, the hero first."""


@dataclass(frozen=True)
class Story:
    """A written story: a title, where it happens, who is in it and its pages in order."""

    title: str
    setting: str
    """Where the story mainly happens: a name from the places vocabulary."""
    cast: tuple[CastMember, ...]
    """The hero first, then every companion."""
    pages: tuple[PageDraft, ...]
    writer: str = "offline"
    model: str = "offline-storyteller"
    usage: dict[str, int] = field(default_factory=dict)
    """Tokens the story model used (empty for the offline writer)."""
    notes: tuple[str, ...] = ()
    """What happened on the way, e.g. "The model wrote 9 pages; the last was left out." """


@dataclass(frozen=True)
class Consistency:
    """How much a drawing looks like its characters' sheets, by the judge's eye."""

    score: float
    """From 0 (nothing alike) to 1 (the same characters)."""
    judge: str
    """The model that judged (``offline-judge`` without a key)."""
    reason: str = ""
    """One line on what differs."""
    redraws: int = 0
    """How many times the page was drawn again to do better; the best drawing is kept."""

    def to_json(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 3),
            "judge": self.judge,
            "reason": self.reason,
            "redraws": self.redraws,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Consistency | None:
        if not data:
            return None
        return cls(
            score=float(data["score"]),
            judge=str(data.get("judge", "")),
            reason=str(data.get("reason", "")),
            redraws=int(data.get("redraws", 0)),
        )


@dataclass(frozen=True)
class Illustration:
    """The picture drawn for one page, and who drew it."""

    provider: str
    model: str
    character_referenced: bool
    local_url: str | None = None
    b64_json: str | None = None
    url: str | None = None
    attempts: tuple[dict[str, Any], ...] = ()
    """One entry per provider tried: ``{"provider", "model", "error"}``."""
    usage: dict[str, Any] = field(default_factory=dict)
    """Tokens the image model reported (empty offline)."""
    consistency: Consistency | None = None
    """The judge's score against the characters' sheets; None when no judge looked."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "provider": self.provider,
            "model": self.model,
            "characterReferenced": self.character_referenced,
            "attempts": list(self.attempts),
            "usage": self.usage,
            "consistency": self.consistency.to_json() if self.consistency else None,
        }
        for key, value in (
            ("localUrl", self.local_url),
            ("b64_json", self.b64_json),
            ("url", self.url),
        ):
            if value is not None:
                data[key] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Illustration:
        return cls(
            provider=data["provider"],
            model=data["model"],
            character_referenced=bool(data["characterReferenced"]),
            local_url=data.get("localUrl"),
            b64_json=data.get("b64_json"),
            url=data.get("url"),
            attempts=tuple(data.get("attempts", ())),
            usage=data.get("usage") or {},
            consistency=Consistency.from_json(data.get("consistency")),
        )


@dataclass(frozen=True)
class Page:
    """A page of a book: its words, its scene, and its current picture if drawn."""

    number: int
    text: str
    scene: str
    place: str
    """A name from the places vocabulary: where this page happens."""
    characters: tuple[str, ...] = ()
    """The cast members on this page, by name."""
    illustration: Illustration | None = None


@dataclass(frozen=True)
class Book:
    """A made book: the request, the story as written, and each page's current picture."""

    id: str
    title: str
    request: StoryRequest
    setting: str
    """Where the story mainly happens: a name from the places vocabulary."""
    cast: tuple[CastMember, ...]
    """The hero first, then every companion."""
    pages: tuple[Page, ...]
    created_at: float
    seed: int
    writer: str = "offline"
    model: str = "offline-storyteller"
    pinned: bool = False
    usage: dict[str, int] = field(default_factory=dict)
    """Tokens the story model used."""
    notes: tuple[str, ...] = ()
    approved: bool = True
    """The parent approved the character sheets: pages may be drawn."""
    owner: str = "local"
    """Whose book it is (``User.id``); the engine shows it to nobody else."""

    @property
    def character(self) -> Character:
        return self.request.character

    @property
    def hero(self) -> CastMember:
        return self.cast[0]

    def picture_of(self, member: CastMember) -> str | None:
        """The reference picture given for a cast member (the hero's, or a companion's own)."""
        if member.is_hero:
            return self.character.image_path
        for companion in self.character.companions:
            if companion.name == member.name:
                return companion.image_path
        return None

    def member(self, name: str) -> CastMember:
        for member in self.cast:
            if member.name == name:
                return member
        raise InvalidInput(f"Nobody called {name!r} is in this book.")

    def page(self, number: int) -> Page:
        for page in self.pages:
            if page.number == number:
                return page
        raise InvalidInput(f"This book has no page {number}; it has pages 1 to {len(self.pages)}.")


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_final(self) -> bool:
        return self in (JobStatus.COMPLETED, JobStatus.FAILED)


class ResultStatus(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class PageResult:
    """The outcome of illustrating one page within one job."""

    page_number: int
    description: str
    status: ResultStatus = ResultStatus.PENDING
    illustration: Illustration | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"pageNumber": self.page_number, "description": self.description}
        if self.illustration is not None:
            illustration = self.illustration.to_json()
            data.update(illustration)
        else:
            data.update({"model": None, "characterReferenced": False})
        data["status"] = self.status.value
        data["error"] = self.error
        return data


@dataclass(frozen=True)
class Job:
    """Illustrating some pages of one book in the background."""

    id: str
    book_id: str
    status: JobStatus
    results: tuple[PageResult, ...]
    created_at: float
    updated_at: float
    error: str | None = None
    kind: str = "book"
    """"book" for a whole book, "redraw" for one page drawn again."""

    @property
    def done_count(self) -> int:
        return sum(1 for r in self.results if r.status is ResultStatus.DONE)

    def to_status_json(self) -> dict[str, Any]:
        """The seed's job status object; ``results`` lists the pages finished so far."""
        return {
            "id": self.id,
            "status": self.status.value,
            "results": [r.to_json() for r in self.results if r.status is not ResultStatus.PENDING],
            "error": self.error,
            "bookId": self.book_id,
            "kind": self.kind,
            "totalPages": len(self.results),
            "completedPages": self.done_count,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
        }


@dataclass(frozen=True)
class Usage:
    """Disk used by saved illustrations."""

    files: int
    bytes: int

    @property
    def megabytes(self) -> float:
        return self.bytes / (1024 * 1024)


__all__ = [
    "ART_STYLES",
    "Book",
    "CastMember",
    "Character",
    "Companion",
    "Consistency",
    "Feature",
    "Illustration",
    "Job",
    "JobStatus",
    "Look",
    "Page",
    "PageDraft",
    "PageResult",
    "ResultStatus",
    "Story",
    "StoryRequest",
    "Usage",
]
