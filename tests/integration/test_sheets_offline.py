"""Sheets, approval, the judge and redraws, the whole flow offline: no key, real engine,
real offline illustrator and judge, real SQLite store and files."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from storyillus import Character, Engine, JobStatus, StoryRequest
from storyillus.domain import Book, Companion, Feature
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.judge import OFFLINE_JUDGE, OfflineJudge
from storyillus.illustration.offline import OfflineIllustrator
from storyillus.storage.references import ReferencePictures
from tests.conftest import make_settings

NAMES = ("Lila", "Kofi", "Nana", "Rex")


def _request(pages: int = 4, seed: int = 7) -> StoryRequest:
    companions = [Companion("Kofi", "brother"), Companion("Nana", "grandmother")]
    companions.append(Companion("Rex", "dog"))
    hero = Character.create("Lila", 7, ["brave"], ["animals"], companions=companions)
    return StoryRequest.create(hero, "A walk to the old lighthouse", pages=pages, seed=seed)


def _engine(home: Path, **overrides: object) -> Engine:
    return Engine(make_settings(home, consistency_judge="true", **overrides))


@pytest.fixture
def engine(tmp_path: Path):
    made = _engine(tmp_path)
    yield made
    made.close(wait=True)


def _sheet_files(engine: Engine, book: Book) -> dict[str, Path]:
    files = {}
    for member in book.cast:
        path = engine.image_path(member.sheet)
        assert path is not None, f"{member.name}'s sheet is not on disk"
        files[member.name] = path
    return files


def _colours(path: Path) -> set[tuple[int, int, int]]:
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=24).convert("RGB")
        return {colour for _, colour in small.getcolors() or []}


def test_without_approval_only_sheets_are_drawn_one_per_member(engine: Engine) -> None:
    assert engine.settings.judge_enabled and not engine.settings.has_openai_key
    made = engine.create_book(_request(), run_async=False, approve=False)
    assert made.job is not None and made.job.status is JobStatus.COMPLETED
    book = engine.get_book(made.book.id)
    assert [m.name for m in book.cast] == list(NAMES)
    assert not book.approved
    assert all(page.illustration is None for page in book.pages)
    files = _sheet_files(engine, book)
    for path in files.values():
        with Image.open(path) as image:
            assert image.format == "PNG"
    assert len(set(files.values())) == len(NAMES)
    document = engine.book_document(book.id)
    assert [m["sheet"] for m in document["cast"]] == [m.sheet for m in book.cast]  # type: ignore[index]
    assert engine.progress(book.id).awaiting_approval


def test_redraw_sheet_replaces_one_sheet_and_keeps_the_others(engine: Engine) -> None:
    book = engine.create_book(_request(), run_async=False, approve=False).book
    before = _sheet_files(engine, engine.get_book(book.id))
    job = engine.redraw_sheet(book.id, "Kofi", run_async=False)
    assert job.status is JobStatus.COMPLETED
    after = _sheet_files(engine, engine.get_book(book.id))
    assert after["Kofi"] != before["Kofi"]
    assert not before["Kofi"].exists(), "the replaced sheet's file is not left behind"
    for name in ("Lila", "Nana", "Rex"):
        assert after[name] == before[name] and after[name].exists()


def test_a_new_look_changes_the_description_and_the_redrawn_sheets_colours(
    engine: Engine,
) -> None:
    book = engine.create_book(_request(), run_async=False, approve=False).book
    kofi = engine.get_book(book.id).member("Kofi")
    old_colours = _colours(_sheet_files(engine, engine.get_book(book.id))["Kofi"])
    look = replace(kofi.look, clothes=Feature("purple", "#ac6ed4", "t-shirt and trousers"))
    changed = engine.change_member(book.id, "Kofi", look=look).member("Kofi")
    assert "purple" in changed.description and changed.description != kofi.description
    engine.redraw_sheet(book.id, "Kofi", run_async=False)
    new_colours = _colours(_sheet_files(engine, engine.get_book(book.id))["Kofi"])

    def purple(colours: set[tuple[int, int, int]]) -> bool:
        return any(
            abs(r - 172) < 20 and abs(g - 110) < 20 and abs(b - 212) < 20 for r, g, b in colours
        )

    assert purple(new_colours) and not purple(old_colours)


def test_after_approval_every_page_is_judged_by_the_offline_judge(engine: Engine) -> None:
    book = engine.create_book(_request(pages=5), run_async=False, approve=False).book
    sheets = _sheet_files(engine, engine.get_book(book.id))
    job = engine.approve_cast(book.id, run_async=False)
    assert job.status is JobStatus.COMPLETED
    book = engine.get_book(book.id)
    assert book.approved
    for page in book.pages:
        assert page.illustration is not None
        consistency = page.illustration.consistency
        assert consistency is not None, f"page {page.number} was not judged"
        assert consistency.judge == OFFLINE_JUDGE
        assert 0.0 <= consistency.score <= 1.0
        assert consistency.reason
    document = engine.book_document(book.id)
    judged = [p["illustration"]["consistency"]["judge"] for p in document["pages"]]  # type: ignore[index]
    assert judged == [OFFLINE_JUDGE] * 5
    # Approving draws pages from the sheets; it does not draw the sheets again.
    assert _sheet_files(engine, book) == sheets


def test_a_low_score_redraws_up_to_the_limit_and_keeps_the_best(tmp_path: Path) -> None:
    engine = _engine(tmp_path, consistency_min_score=1.0, consistency_max_redraws=2)
    try:
        made = engine.create_book(_request(pages=4), run_async=False)
        book = engine.get_book(made.book.id)
        sheets = {
            m.name: path
            for m, path in zip(book.cast, _sheet_files(engine, book).values(), strict=True)
        }
        judge = OfflineJudge(ReferencePictures())
        illustrator = OfflineIllustrator()
        size = engine.settings.pixel_size
        for page in book.pages:
            consistency = page.illustration.consistency  # type: ignore[union-attr]
            assert consistency is not None and consistency.redraws == 2
            # The three drawings the runner made, judged again here: it kept the best.
            request = SceneRequest.for_page(book, page.number, None, size, sheets=sheets)
            scores = [
                judge.judge(illustrator.illustrate(replace(request, attempt=n)).png, request).score  # type: ignore[arg-type]
                for n in range(3)
            ]
            assert consistency.score == max(scores)
            kept = engine.image_path(page.illustration.local_url)  # type: ignore[union-attr]
            assert kept is not None
            best = illustrator.illustrate(replace(request, attempt=scores.index(max(scores))))
            assert kept.read_bytes() == best.png
        usage = engine.usage_totals()
        assert usage.redraws == 2 * 4 and usage.judged == 3 * 4
    finally:
        engine.close(wait=True)


def test_sheets_survive_retention_pruning(tmp_path: Path) -> None:
    # 8 sheets (two books of four) and 8 pages against a limit of 12 pictures: pages go.
    engine = _engine(tmp_path, max_files=12)
    try:
        first = engine.create_book(_request(pages=4, seed=1), run_async=False, approve=False).book
        engine.approve_cast(first.id, run_async=False)
        second = engine.create_book(_request(pages=4, seed=2), run_async=False).book
        for book in (engine.get_book(first.id), engine.get_book(second.id)):
            _sheet_files(engine, book)  # every sheet of both books is still on disk
        pages = [p for p in (tmp_path / "generated").iterdir() if not p.name.startswith("sheet-")]
        assert len(pages) == 12 - 8
    finally:
        engine.close(wait=True)


def test_a_sheet_is_a_picture_not_a_caption(engine: Engine) -> None:
    """Nothing is written on a sheet: it is the member in colours, on a plain ground."""
    book = engine.create_book(_request(), run_async=False, approve=False).book
    for path in _sheet_files(engine, engine.get_book(book.id)).values():
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            ground = image.convert("RGB").getpixel((0, 0))
            # The left half's top strip is plain ground: no name over the front view.
            strip = image.convert("RGB").crop((0, 0, image.width // 2, image.height // 25))
            assert strip.getcolors() == [(strip.width * strip.height, ground)]
