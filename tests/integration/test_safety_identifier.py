"""``safety_identifier`` on the requests to OpenAI made for a signed-in user's book (issue 14):
the story, the suggestions, the character sheets and pages (edits, or generations with the
picture analysis), the consistency judge. It is a hash of the user's id, never the id or the
e-mail; the local user's requests go out as the seed sent them, without one.

Against the fake OpenAI server (tests/fake_openai.py), a real HTTP server on 127.0.0.1 that
records what it is sent and rejects a parameter the real endpoint does not take.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyillus import Character, Companion, Engine, JobStatus, StoryRequest
from storyillus.access import LOCAL_USER, Access, Mode, User
from tests.conftest import png_bytes
from tests.fake_openai import Recorded
from tests.integration.test_providers import _settings

EMAIL = "ana.parent@example.org"


@pytest.fixture
def engines(fake_openai: Any, tmp_path: Path) -> Iterator[Any]:
    made: list[Engine] = []

    def make(**overrides: Any) -> Engine:
        settings = _settings(tmp_path / f"home{len(made)}", fake_openai, concurrency=1, **overrides)
        engine = Engine(settings, access=Access(Mode.SIGNED_IN))
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.close(wait=True)


def _signed_in(engine: Engine) -> tuple[Engine, User]:
    user = engine.sign_in("https://id.example.org", "subject-17", EMAIL, "Ana")
    return engine.as_user(user), user


def _make_book(engine: Engine) -> None:
    """A book with a photo of the hero and one of a companion, drawn in one go."""
    photo = str(engine.store_reference_picture(png_bytes((200, 200), (230, 90, 40))))
    hero = Character.create("Lila", 7, companions=[Companion("Mia", "sister")], image_path=photo)
    made = engine.create_book(
        StoryRequest.create(hero, "A day at the sea", pages=4, seed=3), run_async=False
    )
    assert made.job is not None and made.job.status is JobStatus.COMPLETED, made.job
    engine.suggest_ideas(hero, seed=1)


def _sent(record: Recorded) -> str | None:
    """The safety_identifier a request carried (JSON body or form field), or None."""
    if record.json is not None and "safety_identifier" in record.json:
        return record.json["safety_identifier"]
    values = record.fields.get("safety_identifier")
    return values[-1] if values else None


def _text(record: Recorded) -> str:
    return json.dumps([record.json, record.fields, dict(record.query)], ensure_ascii=False)


def _kinds(records: list[Recorded]) -> set[str]:
    kinds = set()
    for record in records:
        if record.endpoint == "chat":
            schema = ((record.json or {}).get("response_format") or {}).get("json_schema") or {}
            kinds.add(f"chat:{schema.get('name', 'analysis')}")
        else:
            kinds.add(record.endpoint)
    return kinds


def test_every_request_for_a_signed_in_users_book_carries_their_hash(
    engines: Any, fake_openai: Any
) -> None:
    engine, user = _signed_in(engines())
    _make_book(engine)
    requests = [r for r in fake_openai.requests if r.endpoint in ("edits", "chat")]
    # the story, the suggestions, the sheets and pages, and the judge of each page
    assert _kinds(requests) == {"edits", "chat:story", "chat:suggestions", "chat:judge"}
    assert all(r.status == 200 for r in requests), [(r.endpoint, r.status) for r in requests]
    assert {_sent(r) for r in requests} == {user.safety_identifier}
    assert len(user.safety_identifier) == 32
    for record in requests:
        text = _text(record)
        assert user.id not in text and EMAIL not in text and "subject-17" not in text


def test_generations_and_the_picture_analysis_carry_it_too(engines: Any, fake_openai: Any) -> None:
    engine, user = _signed_in(
        engines(enable_native_edits=False, azure_deployment=None, enable_image_analysis=True)
    )
    _make_book(engine)
    requests = [r for r in fake_openai.requests if r.endpoint in ("generations", "chat")]
    assert {"generations", "chat:analysis"} <= _kinds(requests)
    assert all(r.status == 200 for r in requests)
    assert {_sent(r) for r in requests} == {user.safety_identifier}


def test_two_users_are_told_apart_and_the_local_users_requests_carry_none(
    engines: Any, fake_openai: Any
) -> None:
    shared = engines()
    ana, first = _signed_in(shared)
    other = shared.sign_in("https://id.example.org", "subject-18", "ben@example.org", "Ben")
    _make_book(ana)
    _make_book(shared.as_user(other))
    sent = {_sent(r) for r in fake_openai.requests}
    assert sent == {first.safety_identifier, other.safety_identifier}
    assert first.safety_identifier != other.safety_identifier

    fake_openai.reset()
    local = engines()  # local mode: the seed's requests, unchanged
    assert local.user == LOCAL_USER
    _make_book(local)
    assert {"edits", "chat:story", "chat:judge"} <= _kinds(fake_openai.requests)
    assert [_sent(r) for r in fake_openai.requests if _sent(r) is not None] == []
    assert all("safety_identifier" not in _text(r) for r in fake_openai.requests)
