"""Domain objects: validation of user input and the seed's JSON shapes."""

from __future__ import annotations

import pytest

from storyillus import Character, Companion, InvalidInput, StoryRequest
from storyillus.domain import Illustration, Job, JobStatus, PageResult, ResultStatus


def test_character_cleans_input_and_round_trips() -> None:
    hero = Character.create(
        "  Zoë  ",
        "7",
        [" brave ", "", "curious"],
        ["space"],
        [Companion("Max", "brother", ("funny",))],
    )
    assert (hero.name, hero.age, hero.personality) == ("Zoë", 7, ("brave", "curious"))
    assert Character.from_json(hero.to_json()) == hero


@pytest.mark.parametrize(
    ("name", "age", "message"),
    [
        ("", 7, "The hero needs a name."),
        ("Lila", 0, "Age must be from 1 to 120, not 0."),
        ("Lila", 121, "Age must be from 1 to 120, not 121."),
        ("Lila", "x", "Age must be a whole number from 1 to 120, not 'x'."),
        ("Lila", True, "Age must be a whole number"),
        ("L" * 61, 7, "The hero's name is too long (61 characters; at most 60)."),
    ],
)
def test_bad_character_input_says_what_is_wrong(name: str, age: object, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Character.create(name, age)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_story_request_pages_default_and_range() -> None:
    hero = Character.create("Lila", 7)
    assert StoryRequest.create(hero, "An idea").pages == 8
    for bad in (3, 17, "many"):
        with pytest.raises(InvalidInput, match="Number of pages"):
            StoryRequest.create(hero, "An idea", pages=bad)
    request = StoryRequest.create(hero, "An idea", themes=["courage"], setting="Space", pages=16)
    assert StoryRequest.from_json(request.to_json()) == request
    assert request.setting == "space"


def test_job_serializes_to_the_seeds_status_object() -> None:
    drawn = Illustration("offline", "offline-illustrator", True, local_url="/generated/a.png")
    job = Job(
        id="j1",
        book_id="b1",
        status=JobStatus.PROCESSING,
        results=(
            PageResult(1, "Lila at the gate.", ResultStatus.DONE, drawn),
            PageResult(2, "Lila in the garden."),
        ),
        created_at=1.0,
        updated_at=2.0,
    )
    status = job.to_status_json()
    assert {"id", "status", "results", "error"} <= status.keys()
    assert status["status"] == "processing"
    assert status["error"] is None
    (result,) = status["results"]
    assert result["pageNumber"] == 1
    assert result["description"] == "Lila at the gate."
    assert result["model"] == "offline-illustrator"
    assert result["characterReferenced"] is True
    assert result["localUrl"] == "/generated/a.png"
    assert status["totalPages"] == 2 and status["completedPages"] == 1
