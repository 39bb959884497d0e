"""The story writer over an OpenAI-compatible chat model, with the offline writer behind it.

The model answers JSON in a schema (title, and pages each with text and scene). Whatever
the model does, the book comes out right: extra pages are trimmed, missing ones are filled
from the offline story, and a failed call falls back to the offline writer. Each such
step is recorded in ``Story.notes``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from storyillus._chat import ChatClient
from storyillus._exceptions import ServiceError
from storyillus.casting import cast_for
from storyillus.config import Settings
from storyillus.domain import CastMember, Character, PageDraft, Story, StoryRequest
from storyillus.places import Place, places
from storyillus.writing.base import StoryWriter
from storyillus.writing.staging import book_setting, page_characters, page_place

log = logging.getLogger(__name__)

STORY_TOKENS = 6000
SUGGESTION_TOKENS = 800

BRIEF = """You write personalized children's picture books.
- The child is the active hero of the story, makes choices, and grows a little by the end.
- Write for the child's age: short, simple sentences for ages 3-5; richer language for 9-12.
- Family and friends support the hero; siblings and friends named in the request take part.
- Use the hero's personality traits and interests in how the problem gets solved.
- Put the personal message, if any, near the end, said by someone who loves the hero.
- Each page has 1-5 sentences of text, and a scene: one or two sentences describing exactly
  what the illustration shows (who, where, time of day, key objects, mood), never text.
- Warm, safe and age-appropriate; no violence, no scary endings."""


def _story_schema(pages: int, cast: tuple[CastMember, ...]) -> dict[str, Any]:
    """Title, setting, and per page: text, scene, place and who is in the picture.

    Places are the vocabulary's names and characters the cast's, as enums, so the model
    picks from them instead of writing words nobody can draw from.
    """
    place = {"type": "string", "enum": sorted(places().names)}
    page = {
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "scene": {"type": "string"},
            "place": place,
            "characters": {
                "type": "array",
                "items": {"type": "string", "enum": [member.name for member in cast]},
            },
        },
        "required": ["text", "scene", "place", "characters"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "setting": place,
            "pages": {"type": "array", "items": page, "minItems": pages, "maxItems": pages},
        },
        "required": ["title", "setting", "pages"],
        "additionalProperties": False,
    }


_SUGGESTIONS_SCHEMA = {
    "type": "object",
    "properties": {"ideas": {"type": "array", "items": {"type": "string"}}},
    "required": ["ideas"],
    "additionalProperties": False,
}


def describe_request(request: StoryRequest, cast: tuple[CastMember, ...]) -> str:
    hero = request.character
    lines = [
        f"Hero: {hero.name}, age {hero.age}.",
        f"Personality: {', '.join(hero.personality) or 'kind, curious'}.",
        f"Interests: {', '.join(hero.interests) or 'anything'}.",
    ]
    for companion in hero.companions:
        traits = f" ({', '.join(companion.traits)})" if companion.traits else ""
        lines.append(f"{companion.relation.capitalize()}: {companion.name}{traits}.")
    lines.append("How the cast looks (keep the words true to these): ")
    lines += [f"- {member.description}" for member in cast]
    if hero.message:
        lines.append(f"Personal message for the end: {hero.message}")
    lines.append(f"Story idea: {request.prompt}")
    if request.themes:
        lines.append(f"Themes: {', '.join(request.themes)}.")
    if request.setting:
        lines.append(f"Setting: {request.setting}.")
    lines.append(f"Art style of the illustrations: {request.art_style}.")
    lines.append(f"Write exactly {request.pages} pages.")
    return "\n".join(lines)


def _has_text(page: object) -> bool:
    return isinstance(page, dict) and bool(str(page.get("text", "")).strip())


def _draft(page: dict[str, Any], setting: Place, cast: tuple[CastMember, ...]) -> PageDraft:
    """A page as the model wrote it, its place and characters checked against the book."""
    text, scene = str(page["text"]).strip(), str(page.get("scene", "")).strip()
    answer = page.get("characters")
    names = [str(n) for n in answer] if isinstance(answer, list) else []
    return PageDraft(
        text=text,
        scene=scene,
        place=page_place(str(page.get("place") or ""), setting, scene),
        characters=page_characters(cast, names, text, scene),
    )


class ChatStoryWriter:
    name = "openai-chat"

    def __init__(self, settings: Settings, chat: ChatClient, fallback: StoryWriter) -> None:
        self.model = settings.openai_text_model
        self.chat = chat
        self.fallback = fallback

    def write(
        self,
        request: StoryRequest,
        seed: int,
        cast: tuple[CastMember, ...] | None = None,
        safety_identifier: str | None = None,
    ) -> Story:
        cast = cast if cast is not None else cast_for(request.character, seed)
        messages = [
            {"role": "system", "content": BRIEF},
            {"role": "user", "content": describe_request(request, cast)},
        ]
        try:
            data, usage = self.chat.complete_json(
                self.model,
                messages,
                STORY_TOKENS,
                ("story", _story_schema(request.pages, cast)),
                safety_identifier,
            )
            title = str(data.get("title") or "").strip()
            # The user's own setting wins over the model's choice.
            answer = str(data.get("setting") or "")
            setting = (
                places().get(answer) if answer and not request.setting else book_setting(request)
            )
            drafts = [_draft(p, setting, cast) for p in data.get("pages") or [] if _has_text(p)]
        except (ServiceError, KeyError, TypeError, AttributeError) as exc:
            log.warning("The story model failed; the offline writer takes over: %s", exc)
            story = self.fallback.write(request, seed, cast)
            return replace(
                story, notes=(f"The story model failed ({exc}); the offline writer wrote it.",)
            )
        notes: list[str] = []
        offline: Story | None = None
        if len(drafts) > request.pages:
            notes.append(
                f"The model wrote {len(drafts)} pages; "
                f"the last {len(drafts) - request.pages} were left out."
            )
            drafts = drafts[: request.pages]
        elif len(drafts) < request.pages:
            offline = self.fallback.write(request, seed, cast)
            missing = request.pages - len(drafts)
            notes.append(
                f"The model wrote {len(drafts)} pages; {missing} came from the offline writer."
            )
            drafts += offline.pages[len(drafts) :]
        if not title:
            title = (offline or self.fallback.write(request, seed, cast)).title
            notes.append("The model gave no title; the offline writer's title was used.")
        return Story(
            title=title,
            setting=setting.label,
            cast=cast,
            pages=tuple(drafts),
            writer=self.name,
            model=self.model,
            usage=usage,
            notes=tuple(notes),
        )

    def suggest(
        self,
        character: Character,
        seed: int,
        count: int = 5,
        safety_identifier: str | None = None,
    ) -> list[str]:
        ask = (
            f"Suggest {count} different one-sentence picture-book story ideas for "
            f"{character.name}, "
            f"age {character.age}, who is {', '.join(character.personality) or 'kind'} and loves "
            f"{', '.join(character.interests) or 'adventures'}."
        )
        try:
            data, _ = self.chat.complete_json(
                self.model,
                [{"role": "system", "content": BRIEF}, {"role": "user", "content": ask}],
                SUGGESTION_TOKENS,
                ("suggestions", _SUGGESTIONS_SCHEMA),
                safety_identifier,
            )
            ideas = [str(i).strip() for i in data.get("ideas") or [] if str(i).strip()]
        except ServiceError as exc:
            log.warning("The story model could not suggest ideas: %s", exc)
            ideas = []
        if len(ideas) < count:
            ideas += [i for i in self.fallback.suggest(character, seed, count) if i not in ideas]
        return ideas[:count]
