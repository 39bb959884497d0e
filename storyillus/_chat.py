"""Chat completions over the shared HTTP layer, for the story writer and picture analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyillus._exceptions import TransientError
from storyillus._http import HttpClient, json_content
from storyillus.config import Settings


@dataclass(frozen=True)
class ChatAnswer:
    content: str
    usage: dict[str, int]


class ChatClient:
    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self.settings = settings
        self.http = http

    def complete(
        self,
        model: str,
        messages: list[dict[str, Any]],
        max_completion_tokens: int,
        schema: tuple[str, dict[str, Any]] | None = None,
        safety_identifier: str | None = None,
    ) -> ChatAnswer:
        """One chat completion; with ``schema`` (name, JSON schema) the answer is JSON; with
        ``safety_identifier`` (a signed-in user's hash) OpenAI can tell users apart."""
        body: dict[str, Any] = {
            "model": model,
            "messages": messages,
            "max_completion_tokens": max_completion_tokens,
        }
        if safety_identifier:
            body["safety_identifier"] = safety_identifier
        if schema is not None:
            name, json_schema = schema
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": json_schema, "strict": True},
            }
        answer = self.http.post_json(
            "OpenAI chat",
            f"{self.settings.openai_base_url}/chat/completions",
            {"Authorization": f"Bearer {self.settings.openai_api_key}"},
            body,
        )
        try:
            content = answer["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise TransientError("OpenAI chat answered without a message.") from None
        usage = {k: v for k, v in (answer.get("usage") or {}).items() if isinstance(v, int)}
        return ChatAnswer(content=content or "", usage=usage)

    def complete_json(
        self,
        model: str,
        messages: list[dict[str, Any]],
        max_completion_tokens: int,
        schema: tuple[str, dict[str, Any]],
        safety_identifier: str | None = None,
    ) -> tuple[dict[str, Any], dict[str, int]]:
        answer = self.complete(model, messages, max_completion_tokens, schema, safety_identifier)
        return json_content("OpenAI chat", answer.content), answer.usage
