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
from storyillus.config import Settings
from storyillus.domain import Character, PageDraft, Story, StoryRequest
from storyillus.writing.base import StoryWriter

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


def _story_schema(pages: int) -> dict[str, Any]:
    page = {
        "type": "object",
        "properties": {"text": {"type": "string"}, "scene": {"type": "string"}},
        "required": ["text", "scene"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "pages": {"type": "array", "items": page, "minItems": pages, "maxItems": pages},
        },
        "required": ["title", "pages"],
        "additionalProperties": False,
    }


_SUGGESTIONS_SCHEMA = {
    "type": "object",
    "properties": {"ideas": {"type": "array", "items": {"type": "string"}}},
    "required": ["ideas"],
    "additionalProperties": False,
}


def describe_request(request: StoryRequest) -> str:
    hero = request.character
    lines = [
        f"Hero: {hero.name}, age {hero.age}.",
        f"Personality: {', '.join(hero.personality) or 'kind, curious'}.",
        f"Interests: {', '.join(hero.interests) or 'anything'}.",
    ]
    for companion in hero.companions:
        traits = f" ({', '.join(companion.traits)})" if companion.traits else ""
        lines.append(f"{companion.relation.capitalize()}: {companion.name}{traits}.")
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


class ChatStoryWriter:
    name = "openai-chat"

    def __init__(self, settings: Settings, chat: ChatClient, fallback: StoryWriter) -> None:
        self.model = settings.openai_text_model
        self.chat = chat
        self.fallback = fallback

    def write(self, request: StoryRequest, seed: int) -> Story:
        messages = [
            {"role": "system", "content": BRIEF},
            {"role": "user", "content": describe_request(request)},
        ]
        try:
            data, usage = self.chat.complete_json(
                self.model, messages, STORY_TOKENS, ("story", _story_schema(request.pages))
            )
            title = str(data.get("title") or "").strip()
            drafts = [
                PageDraft(text=str(p["text"]).strip(), scene=str(p["scene"]).strip())
                for p in data.get("pages") or []
                if isinstance(p, dict) and str(p.get("text", "")).strip()
            ]
        except (ServiceError, KeyError, TypeError) as exc:
            log.warning("The story model failed; the offline writer takes over: %s", exc)
            story = self.fallback.write(request, seed)
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
            offline = self.fallback.write(request, seed)
            missing = request.pages - len(drafts)
            notes.append(
                f"The model wrote {len(drafts)} pages; {missing} came from the offline writer."
            )
            drafts += offline.pages[len(drafts) :]
        if not title:
            title = (offline or self.fallback.write(request, seed)).title
            notes.append("The model gave no title; the offline writer's title was used.")
        return Story(
            title=title,
            pages=tuple(drafts),
            writer=self.name,
            model=self.model,
            usage=usage,
            notes=tuple(notes),
        )

    def suggest(self, character: Character, seed: int, count: int = 5) -> list[str]:
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
            )
            ideas = [str(i).strip() for i in data.get("ideas") or [] if str(i).strip()]
        except ServiceError as exc:
            log.warning("The story model could not suggest ideas: %s", exc)
            ideas = []
        if len(ideas) < count:
            ideas += [i for i in self.fallback.suggest(character, seed, count) if i not in ideas]
        return ideas[:count]
