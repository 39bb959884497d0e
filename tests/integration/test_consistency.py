"""Character consistency against the fake OpenAI server, through the Engine (issue 12).

Sheets are drawn before pages; every page edit carries its characters' sheets as separate
pictures and their descriptions word for word; a vision judge scores each drawing and low
scores are drawn again; a refused photo gives way to a sheet drawn from words. The fake
(tests/fake_openai.py) is a real HTTP server on 127.0.0.1 that checks what it is sent.
"""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from storyillus import Character, Companion, Engine, JobStatus, StoryRequest
from storyillus.domain import Book
from tests.conftest import png_bytes
from tests.fake_openai import IMAGE_DESCRIPTION, JUDGE_DEFAULT_SCORE, Fault, Recorded
from tests.integration.test_providers import _settings

COMPANIONS = (Companion("Mia", "sister"), Companion("Max", "brother"), Companion("Bo", "dog"))
PHOTO = ((200, 200), (230, 90, 40))
PAGE_IN_PROMPT = re.compile(r"Scene \(page (\d+) of \d+\)")
# Two full sentences, as the story model is asked to write ("one or two sentences").
LONG_SCENE = (
    "Lila, Mia, Max and Bo run across the wet sand towards a lighthouse whose lamp blinks "
    "gold, kites tugging at their hands and gulls wheeling overhead in a pink evening sky. "
    "Bo leaps at the foam while Max points at a ship far out at sea and Mia laughs, holding "
    "her hat on against the wind, as Lila leads the way with a lantern."
)


def _story_reply(characters: Sequence[Sequence[str]], scene: str = "") -> str:
    """What the story model answers: one page per entry of ``characters``, on the beach."""
    pages = [
        {
            "text": f"Page {n} of the adventure.",
            "scene": scene or f"Scene {n}: the friends play on the beach.",
            "place": "beach",
            "characters": list(names),
        }
        for n, names in enumerate(characters, start=1)
    ]
    return json.dumps({"title": "Lila by the Sea", "setting": "beach", "pages": pages})


@pytest.fixture
def engines(fake_openai: Any, tmp_path: Path) -> Iterator[Any]:
    """Engines on the fake (closed at the end); call with settings overrides."""
    made: list[Engine] = []

    def make(**overrides: Any) -> Engine:
        values = {"concurrency": 1, **overrides}  # one at a time unless a test says otherwise
        engine = Engine(_settings(tmp_path / f"home{len(made)}", fake_openai, **values))
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.close(wait=True)


def _book(
    engine: Engine,
    fake: Any,
    characters: Sequence[Sequence[str]],
    companions: int = 1,
    scene: str = "",
    approve: bool = True,
    photo: bool = True,
) -> Book:
    """Write (the scripted story) and draw a book in one go; returns it as stored."""
    fake.reply_chat(_story_reply(characters, scene))
    path = str(engine.store_reference_picture(png_bytes(*PHOTO))) if photo else None
    hero = Character.create("Lila", 7, companions=list(COMPANIONS[:companions]), image_path=path)
    request = StoryRequest.create(hero, "A day at the sea", pages=len(characters), seed=3)
    made = engine.create_book(request, run_async=False, approve=approve)
    assert made.job is not None and made.job.status is JobStatus.COMPLETED, made.job
    return engine.get_book(made.book.id)


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()


def _file_pixels(engine: Engine, url: str | None) -> bytes:
    path = engine.image_path(url)
    assert path is not None, url
    return _pixels(path.read_bytes())


def _prompt(record: Recorded) -> str:
    return record.fields["prompt"][0] if record.fields else record.json["prompt"]


def _is_sheet(record: Recorded) -> bool:
    return _prompt(record).startswith("Character sheet")


def _drawings(fake: Any) -> list[Recorded]:
    """Every image request that answered, in order of answer."""
    return [
        r
        for r in fake.requests
        if r.endpoint in ("edits", "azure_edits", "generations") and r.status == 200
    ]


def _page_requests(fake: Any, endpoint: str = "edits") -> dict[int, list[Recorded]]:
    """Page drawings by page number (redraws after the first)."""
    pages: dict[int, list[Recorded]] = {}
    for record in fake.requests_to(endpoint):
        match = PAGE_IN_PROMPT.search(_prompt(record))
        if match and record.status == 200:
            pages.setdefault(int(match.group(1)), []).append(record)
    return pages


def _parts(record: Recorded) -> list[bytes]:
    return [_pixels(data) for _, _, data in record.files["image[]"]]


# -- sheets first ---------------------------------------------------------------------


def test_sheets_are_drawn_together_before_any_page(engines: Any, fake_openai: Any) -> None:
    engine = engines(concurrency=4)
    fake_openai.latency = 0.2
    pages = [["Lila", "Mia", "Max"]] * 4
    book = _book(engine, fake_openai, pages, companions=2)

    drawings = _drawings(fake_openai)
    sheets = [r for r in drawings if _is_sheet(r)]
    pages_drawn = [r for r in drawings if not _is_sheet(r)]
    assert len(sheets) == 3 and len(pages_drawn) == 4
    # The hero's sheet edits the photo; the companions' are drawn from their words.
    assert [r.endpoint for r in sheets].count("edits") == 1
    assert all(member.sheet for member in book.cast)
    # Every sheet is done before the first page is asked for...
    assert max(r.finished for r in sheets) <= min(r.started for r in pages_drawn)
    # ...and the sheets of one book are drawn at the same time, not one after another.
    assert max(r.started for r in sheets) < min(r.finished for r in sheets)
    # Pages drawn alongside page 1 have no style anchor yet: they carry the photo instead.
    photo = _pixels(png_bytes(*PHOTO))
    first_page = _file_pixels(engine, book.pages[0].illustration.local_url)
    sheet_of = [_file_pixels(engine, m.sheet) for m in book.cast]
    for record in pages_drawn:
        *shown, last = _parts(record)
        assert shown == sheet_of and last in (photo, first_page)


# -- every page drawn from the sheets -------------------------------------------------


@pytest.mark.parametrize("endpoint", ["edits", "azure_edits"])
def test_every_page_edit_carries_its_characters_sheets_and_words(
    engines: Any, fake_openai: Any, endpoint: str
) -> None:
    overrides = {"enable_native_edits": False} if endpoint == "azure_edits" else {}
    engine = engines(**overrides)
    on_pages = [["Lila"], ["Lila", "Mia"], ["Lila", "Mia", "Max"], ["Lila", "Max"]]
    book = _book(engine, fake_openai, on_pages, companions=2)

    photo = _pixels(png_bytes(*PHOTO))
    sheet_of = {m.name: _file_pixels(engine, m.sheet) for m in book.cast}
    first_page = _file_pixels(engine, book.pages[0].illustration.local_url)
    drawn = _page_requests(fake_openai, endpoint)
    assert sorted(drawn) == [1, 2, 3, 4]
    anchored = 0
    for number, names in enumerate(on_pages, start=1):
        (record,) = drawn[number]
        anchored += _parts(record)[-1] == first_page
        # Page 1 carries the photo; a later page the style anchor (page 1's picture) once
        # page 1 is recorded, and the photo if it was drawn before that.
        last = _parts(record)[-1]
        assert last == photo if number == 1 else last in (photo, first_page), number
        assert _parts(record)[:-1] == [sheet_of[name] for name in names], number
        assert len(record.files["image[]"]) <= engine.settings.max_image_inputs
        prompt = _prompt(record)
        for member in book.cast:
            assert (member.description in prompt) is (member.name in names), member.name
    assert anchored >= 1, "no page after page 1 carried the style anchor"
    assert {p.illustration.provider for p in book.pages} == {
        "openai-edit" if endpoint == "edits" else "azure-edit"
    }


def test_a_page_with_more_characters_than_image_inputs_stays_within_the_limit(
    engines: Any, fake_openai: Any
) -> None:
    engine = engines(max_image_inputs=2)
    book = _book(engine, fake_openai, [["Lila", "Mia", "Max"]] * 4, companions=2)
    (record,) = _page_requests(fake_openai)[1]
    sheet_of = {m.name: _file_pixels(engine, m.sheet) for m in book.cast}
    assert _parts(record) == [sheet_of["Lila"], sheet_of["Mia"]]
    prompt = _prompt(record)
    # The prompt names only the pictures sent, and still gives everyone's words.
    assert "character sheets of Lila, Mia, in that order" in prompt
    assert "Max's" not in prompt and "Max," not in prompt.split("Characters")[0]
    assert all(member.description in prompt for member in book.cast)


def test_a_missing_sheet_does_not_shift_the_names_of_the_others(
    engines: Any, fake_openai: Any
) -> None:
    # Mia's sheet fails everywhere (text-only refuses twice, no offline illustrator).
    engine = engines(enable_offline_illustrator=False)
    fake_openai.script("generations", Fault("bad_request"))
    fake_openai.reply_chat(_story_reply([["Lila", "Mia", "Max"]] * 4))
    path = str(engine.store_reference_picture(png_bytes(*PHOTO)))
    hero = Character.create("Lila", 7, companions=list(COMPANIONS[:2]), image_path=path)
    made = engine.create_book(StoryRequest.create(hero, "Sea", pages=4, seed=3), run_async=False)
    book = engine.get_book(made.book.id)
    assert [bool(m.sheet) for m in book.cast] == [True, False, True]
    (record,) = _page_requests(fake_openai)[1]
    assert "character sheets of Lila, Max, in that order" in _prompt(record)
    asked = fake_openai.judge_requests()[0]
    assert "Lila, Max" in json.dumps(asked.json["messages"][0]["content"][0])


def test_text_only_pages_carry_the_descriptions_word_for_word(
    engines: Any, fake_openai: Any
) -> None:
    engine = engines(enable_native_edits=False, azure_endpoint=None)
    on_pages = [["Lila", "Mia"], ["Lila"]] * 2
    book = _book(engine, fake_openai, on_pages, companions=1)
    drawn = _page_requests(fake_openai, "generations")
    for number, names in enumerate(on_pages, start=1):
        (record,) = drawn[number]
        for member in book.cast:
            assert (member.description in _prompt(record)) is (member.name in names)
    assert {p.illustration.provider for p in book.pages} == {"openai-generate"}


def test_page_prompts_stay_short(engines: Any, fake_openai: Any) -> None:
    engine = engines(concurrency=4)
    everyone = ["Lila", "Mia", "Max", "Bo"]
    _book(engine, fake_openai, [everyone] * 12, companions=3, scene=LONG_SCENE)
    prompts = [_prompt(r) for records in _page_requests(fake_openai).values() for r in records]
    sheets = [_prompt(r) for r in _drawings(fake_openai) if _is_sheet(r)]
    assert len(prompts) == 12 and len(sheets) == 4
    longest = max(len(p) for p in prompts)
    print(
        f"longest page prompt: {longest} characters; longest sheet prompt: "
        f"{max(len(p) for p in sheets)}"
    )
    # A peer found ~1,800 characters works and ~4,000 gives static portraits.
    assert longest < 2000, longest
    assert max(len(p) for p in sheets) < 2000


@pytest.mark.parametrize(
    ("model", "fidelity"), [("gpt-image-1.5", ["high"]), ("gpt-image-2", None)]
)
def test_input_fidelity_stays_model_aware_with_several_images(
    engines: Any, fake_openai: Any, model: str, fidelity: list[str] | None
) -> None:
    engine = engines(openai_image_model=model)
    book = _book(engine, fake_openai, [["Lila", "Mia"]] * 4, companions=1)
    edits = fake_openai.requests_to("edits")
    assert all(r.status == 200 for r in edits)
    assert all(r.fields.get("input_fidelity") == fidelity for r in edits)
    assert all(len(r.files["image[]"]) == 3 for r in edits if not _is_sheet(r))
    assert {p.illustration.provider for p in book.pages} == {"openai-edit"}


# -- the judge ----------------------------------------------------------------------------


def test_low_scores_are_redrawn_and_the_best_drawing_kept(engines: Any, fake_openai: Any) -> None:
    engine = engines()
    # Scores by page: pages are judged while the next one is drawn, in any order.
    fake_openai.judge_scores([0.4, 0.9], page=1)
    fake_openai.judge_scores([0.3, 0.5, 0.2], page=2)
    book = _book(engine, fake_openai, [["Lila", "Mia"]] * 4, companions=1)

    drawn = _page_requests(fake_openai)
    assert [len(drawn[n]) for n in (1, 2, 3, 4)] == [2, 3, 1, 1]
    judged = fake_openai.judge_requests()
    assert len(judged) == 7 and all(r.status == 200 for r in judged)  # one per drawing
    assert all(r.json["model"] == engine.settings.judge_model for r in judged)
    scores = [
        (p.illustration.consistency.score, p.illustration.consistency.redraws) for p in book.pages
    ]
    assert scores == [(0.9, 1), (0.5, 2), (JUDGE_DEFAULT_SCORE, 0), (JUDGE_DEFAULT_SCORE, 0)]

    # The kept picture of page 2 is the drawing the judge scored 0.5 (its second).
    shown = [json.loads(r.content)["score"] for r in judged]
    best = judged[shown.index(0.5)]
    page_url = best.json["messages"][0]["content"][1]["image_url"]["url"]
    kept = engine.image_path(book.pages[1].illustration.local_url).read_bytes()
    assert base64.b64decode(page_url.split(",", 1)[1]) == kept

    document = engine.book_document(book.id)
    recorded = document["pages"][1]["illustration"]["consistency"]
    assert recorded["score"] == 0.5 and recorded["redraws"] == 2
    assert recorded["judge"] == engine.settings.judge_model
    assert "differ" in recorded["reason"]
    usage = engine.usage_totals()
    assert (usage.pages, usage.redraws, usage.judged) == (4, 3, 7)


def test_with_the_judge_off_each_page_is_drawn_once(engines: Any, fake_openai: Any) -> None:
    engine = engines(consistency_judge="false")
    fake_openai.judge_scores([0.1] * 10)
    book = _book(engine, fake_openai, [["Lila", "Mia"]] * 4, companions=1)
    assert [len(records) for records in _page_requests(fake_openai).values()] == [1, 1, 1, 1]
    assert fake_openai.judge_requests() == []
    assert all(page.illustration.consistency is None for page in book.pages)


@pytest.mark.parametrize(
    ("failure", "unjudged"),
    [
        # Every judge call fails, first try and its one retry (HTTP_RETRIES=1).
        ([Fault("server_error")] * 8, 4),
        (["not json"], 1),
        (['{"reason": "no score at all"}'], 1),
        (['{"score": "high", "reason": "a word"}'], 1),
    ],
    ids=["500s", "not-json", "no-score", "score-not-a-number"],
)
def test_a_failing_judge_never_fails_the_page(
    engines: Any, fake_openai: Any, failure: list[Any], unjudged: int
) -> None:
    engine = engines()
    waiting = _book(engine, fake_openai, [["Lila"]] * 4, approve=False, companions=0)
    if isinstance(failure[0], Fault):
        fake_openai.script("chat", *failure)
    else:
        fake_openai.judge_scores(failure, page=1)
    job = engine.approve_cast(waiting.id, run_async=False)
    assert job.status is JobStatus.COMPLETED
    book = engine.get_book(waiting.id)
    drawn = [page.illustration for page in book.pages]
    # A page whose judgement failed is kept as drawn, unjudged; the others are judged.
    assert [d.consistency is None for d in drawn].count(True) == unjudged
    assert all(d.local_url for d in drawn)
    judged = [d for d in drawn if d.consistency is not None]
    assert all(d.consistency.score == JUDGE_DEFAULT_SCORE for d in judged)
    assert [len(records) for records in _page_requests(fake_openai).values()] == [1] * 4


# -- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize("analysis", [False, True], ids=["words", "picture-described"])
def test_a_refused_photo_gives_way_to_a_sheet_drawn_from_words(
    engines: Any, fake_openai: Any, analysis: bool
) -> None:
    engine = engines(enable_image_analysis=analysis)
    # The edit and its softened retry are refused; so is Azure's, twice.
    fake_openai.script("edits", Fault("moderation"), Fault("moderation"))
    fake_openai.script("azure_edits", Fault("content_filter"), Fault("content_filter"))
    book = _book(engine, fake_openai, [["Lila", "Mia"]] * 4, companions=1)

    hero = book.hero
    assert hero.picture_refused
    (drawn,) = [
        r for r in fake_openai.requests_to("generations") if _is_sheet(r) and "Lila" in _prompt(r)
    ]
    prompt = _prompt(drawn)
    assert hero.description in prompt and "Lila" in prompt
    assert (IMAGE_DESCRIPTION in prompt) is analysis
    assert any("would not edit Lila's picture" in note for note in book.notes), book.notes
    assert "openai-generate" in " ".join(book.notes)

    photo = _pixels(png_bytes(*PHOTO))
    hero_sheet = _file_pixels(engine, hero.sheet)
    for records in _page_requests(fake_openai).values():
        for record in records:
            parts = _parts(record)
            assert photo not in parts
            assert parts[0] == hero_sheet
    assert {p.illustration.provider for p in book.pages} == {"openai-edit"}


def test_a_softened_sheet_edit_is_still_a_sheet_of_the_same_child(
    engines: Any, fake_openai: Any
) -> None:
    engine = engines()
    fake_openai.script("edits", Fault("moderation"))  # refused once, then asked gently
    book = _book(engine, fake_openai, [["Lila"]] * 4, companions=0)
    first, second = fake_openai.requests_to("edits")[:2]
    assert first.status == 400 and second.status == 200
    softer = _prompt(second)
    assert softer != _prompt(first)
    assert softer.startswith("Character sheet") and "feet visible" in softer
    assert book.hero.description in softer
    assert not book.hero.picture_refused  # the edit went through in the end


def test_a_softened_page_edit_keeps_the_characters_words(engines: Any, fake_openai: Any) -> None:
    engine = engines()
    scene = "Lila and Mia tiptoe past a scary monster in the dark cave."
    waiting = _book(
        engine, fake_openai, [["Lila", "Mia"]] * 4, approve=False, companions=1, scene=scene
    )
    fake_openai.script("edits", Fault("moderation"))
    engine.approve_cast(waiting.id, run_async=False)
    # The refused edit (whichever page drew first) and that page's softened retry; other
    # pages may come between.
    edits = [r for r in fake_openai.requests_to("edits") if not _is_sheet(r)]
    first = next(r for r in edits if r.status == 400)
    number = re.search(r"page (\d+) of 4", _prompt(first))[1]
    page = f"(page {number} of 4)"
    second = next(r for r in edits[edits.index(first) + 1 :] if page in _prompt(r))
    assert second.status == 200
    softer = _prompt(second)
    assert softer != _prompt(first)
    assert all(member.description in softer for member in waiting.cast)
    assert len(second.files["image[]"]) == 3
    assert "character sheets of Lila, Mia" in softer
    scene_words = softer.split(f"Scene {page}:")[1]
    assert "tiptoe past a" in scene_words and not re.search(r"scary|monster|dark", scene_words)


def test_a_photo_refused_by_one_model_and_edited_by_another_is_told_truly(
    engines: Any, fake_openai: Any
) -> None:
    engine = engines()
    fake_openai.script("edits", Fault("moderation"), Fault("moderation"))  # Azure accepts it
    book = _book(engine, fake_openai, [["Lila"]] * 4, companions=0)
    assert book.hero.picture_refused  # one model refused: the sheet stands in from now on
    (note,) = [n for n in book.notes if "would not edit" in n]
    assert note.startswith("openai-edit would not edit Lila's picture")
    assert "drawn by azure-edit from the picture" in note
    photo = _pixels(png_bytes(*PHOTO))
    for records in _page_requests(fake_openai).values():
        assert all(photo not in _parts(record) for record in records)
