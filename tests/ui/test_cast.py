"""The book page before and after the parent approves the character sheets (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storyillus import Character, Companion, StoryRequest
from storyillus.illustration.base import SceneRequest
from storyillus.illustration.judge import Verdict
from storyillus.ui import close_engine, engine
from tests.ui.test_pages import _app, _wait_for_jobs

NEW_WORDS = "Mia, a girl of nine with curly red hair, round glasses and a green raincoat."


def _waiting_book(pages: int = 4) -> str:
    """A book made as the Create page makes it: sheets drawn, pages waiting for approval."""
    hero = Character.create(
        "Lila", 7, ["brave"], ["boats"], [Companion("Mia", "sister"), Companion("Rex", "dog")]
    )
    request = StoryRequest.create(hero, "A voyage to the whale island", pages=pages, seed=3)
    return engine().create_book(request, run_async=False, approve=False).book.id


def _open(book_id: str) -> AppTest:
    at = _app()
    at.session_state["book_id"] = book_id
    at.switch_page("views/book.py").run()
    assert not at.exception
    return at


def _sheet_files(home: Path, book_id: str) -> dict[str, bytes]:
    """Each member's sheet file (name -> bytes), as the engine has it on record."""
    return {
        m.name: (home / "generated" / m.sheet.removeprefix("/generated/")).read_bytes()
        for m in engine().get_book(book_id).cast
    }


def _texts(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.markdown, *at.caption])


def test_the_sheets_come_first_and_no_page_is_drawn(home: Path) -> None:
    book_id = _waiting_book()
    at = _open(book_id)

    assert "3 of 3 character sheets drawn" in at.get("progress")[0].proto.text
    assert len(at.get("image")) == 3, "one sheet per member, no page yet"
    text = _texts(at)
    for member in engine().get_book(book_id).cast:
        assert f"**{member.name}**" in text
        assert member.description in text
    assert "the hero" in text and "sister" in text and "dog" in text
    assert "illustrated" not in " ".join(p.proto.text for p in at.get("progress"))
    assert not at.get("download_button"), "nothing to download before the pages"
    approve = next(b for b in at.button if b.label == "Looks right, draw the pages")
    assert not approve.disabled
    assert all(p.illustration is None for p in engine().get_book(book_id).pages)
    # Hair, skin, eyes and clothes for the children; fur and collar for the dog.
    assert at.color_picker(key=f"hair_hex_{book_id}_1").label == "Hair"
    assert (
        at.color_picker(key=f"hair_hex_{book_id}_1").value
        == engine().get_book(book_id).hero.look.hair.hex
    )
    assert at.color_picker(key=f"hair_hex_{book_id}_3").label == "Fur"
    assert [c.label for c in at.color_picker if c.key.endswith("_3")] == ["Fur", "Collar"]


def test_correcting_one_description_redraws_only_that_sheet(home: Path) -> None:
    book_id = _waiting_book()
    before = engine().get_book(book_id)
    files = _sheet_files(home, book_id)
    at = _open(book_id)

    at.text_area(key=f"describe_{book_id}_2").input(NEW_WORDS)
    at.button(key="save_sheet_2").click().run()
    _wait_for_jobs(book_id)
    at.run()
    assert not at.exception
    assert not at.error

    after = engine().get_book(book_id)
    assert after.cast[1].description == NEW_WORDS
    assert after.cast[1].sheet != before.cast[1].sheet, "Mia's sheet was drawn again"
    assert after.cast[0].sheet == before.cast[0].sheet
    assert after.cast[2].sheet == before.cast[2].sheet
    now = _sheet_files(home, book_id)
    assert now["Lila"] == files["Lila"] and now["Rex"] == files["Rex"]
    assert not (home / "generated" / before.cast[1].sheet.removeprefix("/generated/")).exists()
    # The form now shows what was saved.
    assert at.text_area(key=f"describe_{book_id}_2").value == NEW_WORDS
    assert NEW_WORDS in _texts(at)


def test_a_new_colour_gets_its_word_and_rewrites_the_description(home: Path) -> None:
    book_id = _waiting_book()
    at = _open(book_id)
    at.color_picker(key=f"clothes_hex_{book_id}_1").pick("#6cbe6e")
    at.text_input(key=f"extras_{book_id}_1").input("round glasses")
    at.button(key="save_sheet_1").click().run()
    _wait_for_jobs(book_id)
    at.run()

    hero = engine().get_book(book_id).hero
    assert (hero.look.clothes.colour, hero.look.clothes.hex) == ("green", "#6cbe6e")
    assert hero.look.extras == ("round glasses",)
    assert "wearing a green" in hero.description and "round glasses" in hero.description
    assert at.text_input(key=f"clothes_word_{book_id}_1").value == "green"


def test_a_bad_description_is_refused_in_words(home: Path) -> None:
    book_id = _waiting_book()
    sheet = engine().get_book(book_id).cast[1].sheet
    at = _open(book_id)
    at.text_area(key=f"describe_{book_id}_2").input("   ")
    at.button(key="save_sheet_2").click().run()
    assert at.error[0].value == "Mia needs a description an illustrator can draw from."
    assert engine().get_book(book_id).cast[1].sheet == sheet


def test_redraw_this_one_keeps_the_other_sheets(home: Path) -> None:
    book_id = _waiting_book()
    files = _sheet_files(home, book_id)
    at = _open(book_id)
    at.button(key="redraw_sheet_3").click().run()
    _wait_for_jobs(book_id)
    now = _sheet_files(home, book_id)
    assert now["Lila"] == files["Lila"] and now["Mia"] == files["Mia"]
    assert engine().get_book(book_id).cast[2].description.startswith("Rex")


def test_approve_draws_the_pages_and_the_sheets_stay_in_view(home: Path) -> None:
    book_id = _waiting_book()
    at = _open(book_id)
    next(b for b in at.button if b.label == "Looks right, draw the pages").click().run()
    assert engine().get_book(book_id).approved
    _wait_for_jobs(book_id)
    at.run()
    assert not at.exception
    assert "4 of 4 illustrated" in at.get("progress")[0].proto.text
    assert not any(b.label == "Looks right, draw the pages" for b in at.button)
    assert len(at.get("image")) == 3 + 4, "the sheets in 'Who is in this book', then the pages"
    assert at.expander[0].label.startswith("Who is in this book")
    assert "calls: 3 sheets, 4 pages, 0 redraws" in _texts(at)


def test_a_sheet_that_failed_says_why_and_tries_again(home: Path) -> None:
    from storyillus.config import save_settings

    save_settings(engine().settings, {"enable_offline_illustrator": False})
    engine().reload_settings()
    book_id = _waiting_book()
    at = _open(book_id)
    errors = [e.value for e in at.error]
    assert len(errors) == 3
    assert errors[0].startswith("Lila's sheet could not be drawn. No illustrator is enabled")

    save_settings(engine().settings, {"enable_offline_illustrator": True})
    engine().reload_settings()
    at.button(key="retry_sheet_1").click().run()
    _wait_for_jobs(book_id)
    at.run()
    assert [e.value.split("'")[0] for e in at.error] == ["Mia", "Rex"]
    assert len(at.get("image")) == 1


class _Judge:
    """Finds page 3 unlike the sheets, every other page alike."""

    name = "test-judge"

    def judge(self, png: bytes, request: SceneRequest) -> Verdict:
        if request.page_number == 3:
            return Verdict(0.41, "Lila's hair is short here; on her sheet it is long.")
        return Verdict(0.86, "Same hair, face and clothes.")


def test_scores_are_shown_and_drifting_pages_redraw_in_one_click(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storyillus.service.build_judge", lambda settings, pictures: _Judge())
    book_id = _waiting_book()
    engine().approve_cast(book_id, run_async=False)
    at = _open(book_id)

    scores = [c for c in at.caption if "Looks like" in c.value]
    assert len(scores) == 4
    page_1 = engine().get_book(book_id).pages[0]
    assert scores[0].value.endswith(f"Looks like {' and '.join(page_1.characters)}: 0.86")
    assert "Same hair, face and clothes." in scores[0].proto.help
    assert "Drawn 3 times; the best is kept." in scores[2].proto.help
    text = _texts(at)
    assert "1 of 4 pages look less like the characters' sheets" in text
    assert "Page 3 · 0.41 · Lila's hair is short here" in text
    # Default CONSISTENCY_MAX_REDRAWS (2): page 3 drawn 3 times, judged each time.
    assert "calls: 3 sheets, 4 pages, 2 redraws, 6 judged" in text

    at.button(key="fix_3").click().run()
    redraws = [j for j in engine().jobs_for_book(book_id) if j.kind == "redraw"]
    assert [r.page_number for j in redraws for r in j.results] == [3]
    _wait_for_jobs(book_id)


def test_while_the_sheets_are_drawn_placeholders_and_no_approval_yet(
    home: Path, monkeypatch: pytest.MonkeyPatch, fake_openai
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", fake_openai.api_key)
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("CONSISTENCY_JUDGE", "false")
    close_engine()
    hero = Character.create("Lila", 7, companions=[Companion("Mia", "sister")])
    request = StoryRequest.create(hero, "A voyage to the whale island", pages=4, seed=3)
    fake_openai.latency = 1.5  # every model call is slow: the sheets are still being drawn
    book_id = engine().create_book(request, run_async=True, approve=False).book.id
    at = _open(book_id)

    assert "0 of 2 character sheets drawn" in at.get("progress")[0].proto.text
    assert [i.value for i in at.info] == ["Drawing Lila's sheet…", "Drawing Mia's sheet…"]
    assert not at.get("image")
    approve = next(b for b in at.button if b.label == "Looks right, draw the pages")
    assert approve.disabled
    assert not any(b.label == "Redraw this one" for b in at.button)

    fake_openai.latency = 0.0
    _wait_for_jobs(book_id)
    at.run()
    assert "2 of 2 character sheets drawn" in at.get("progress")[0].proto.text
    assert len(at.get("image")) == 2
    assert not next(b for b in at.button if b.label == "Looks right, draw the pages").disabled


def test_the_library_says_a_book_waits_for_approval(home: Path) -> None:
    book_id = _waiting_book()
    at = _app().switch_page("views/library.py").run()
    assert not at.exception
    assert "the characters wait for your approval" in _texts(at)
    assert "all illustrated" not in _texts(at)
    assert len(at.get("image")) == 1, "the hero's sheet stands as the cover"
    engine().approve_cast(book_id, run_async=False)
    at.run()
    assert "4 pages, all illustrated" in _texts(at)


def test_a_descriptor_sent_with_the_book_is_the_heros_description_on_the_book_page(
    home: Path,
) -> None:
    words = "Lila has short curly red hair, green eyes and a yellow raincoat with a blue scarf."
    request = StoryRequest.create(Character.create("Lila", 7), "A kite", pages=4, seed=2)
    book = engine().create_book(request, run_async=False, hero_description=words).book
    at = _open(book.id)
    assert words in _texts(at)
