"""Every page, driven headlessly with Streamlit's AppTest on the real engine."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storyillus import Character, StoryRequest
from storyillus.ui import close_engine, engine
from tests.conftest import png_bytes

ROOT = Path(__file__).resolve().parents[2]


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "ui.py"), default_timeout=30)


def _wait_for_jobs(book_id: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while engine().progress(book_id).active:
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.05)


def _fill_form(at: AppTest, name: str = "Zoë") -> AppTest:
    at.text_input(key="hero_name").input(name)
    at.multiselect(key="hero_traits").select("brave").select("curious")
    at.multiselect(key="hero_interests").select("space")
    at.text_area(key="hero_message").input("We love you. Love, Mum")
    at.text_area(key="story_prompt").input("A cosmic garden adventure")
    at.slider(key="story_pages").set_value(4)
    return at


def _make_book(pages: int = 4, name: str = "Ådne") -> str:
    hero = Character.create(name, 6, ["brave"], ["boats"])
    request = StoryRequest.create(hero, "A voyage to the whale island", pages=pages, seed=1)
    return engine().create_book(request, run_async=False).book.id


def test_create_to_done_with_a_picture_and_a_sister(home: Path) -> None:
    at = _app().run()
    assert not at.exception
    assert "offline writer and illustrator" in at.info[0].value
    _fill_form(at)
    at.number_input(key="companion_count").set_value(1).run()
    at.text_input(key="companion_0_name").input("Mia")
    at.selectbox(key="companion_0_relation").select("sister")
    at.file_uploader(key="hero_upload").set_value(
        ("me.png", png_bytes((120, 160)), "image/png")
    ).run()
    at.file_uploader(key="companion_0_upload").set_value(
        ("mia.png", png_bytes((100, 100), (30, 160, 60)), "image/png")
    ).run()
    assert not at.error
    assert len(at.get("image")) == 2, "both pictures are previewed"
    next(b for b in at.button if b.label == "Make my book").click().run()
    assert not at.exception
    assert not at.error

    (book,) = engine().list_books()
    assert book.character.companions[0].name == "Mia"
    assert book.character.image_path and Path(book.character.image_path).is_file()
    mia_picture = book.character.companions[0].image_path
    assert mia_picture and Path(mia_picture).is_file()
    assert mia_picture != book.character.image_path
    assert book.request.pages == 4
    assert not book.approved, "books made in the app wait for the parent's approval"
    _wait_for_jobs(book.id)
    at.run()
    assert not at.exception
    assert at.title[0].value == book.title
    assert "2 of 2 character sheets drawn" in at.get("progress")[0].proto.text
    assert engine().get_book(book.id).pages[0].illustration is None

    next(b for b in at.button if b.label == "Looks right, draw the pages").click().run()
    _wait_for_jobs(book.id)
    at.run()
    assert not at.exception
    assert "4 of 4 illustrated" in at.get("progress")[0].proto.text
    assert len(at.get("image")) == 2 + 4, "the two sheets (in the cast expander) and 4 pages"
    captions = " ".join(c.value for c in at.caption)
    assert "from the hero's picture" in captions
    assert [d.label for d in at.get("download_button")] == ["Download PDF", "Download ZIP"]


def test_create_page_says_what_is_wrong_and_makes_nothing(home: Path) -> None:
    at = _app().run()
    at.text_area(key="story_prompt").input("A cosmic garden adventure")
    next(b for b in at.button if b.label == "Make my book").click().run()
    assert at.error[0].value == "The hero needs a name."
    assert engine().list_books() == []
    assert list((home / "uploads").iterdir()) == []


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("notes.png", b"just text", "image/png"), "This file is not a picture"),
        (("empty.png", b"", "image/png"), "The picture is empty"),
        (("cut.png", png_bytes()[:70], "image/png"), "The picture is damaged"),
    ],
)
def test_bad_pictures_get_a_plain_message_and_are_not_kept(
    home: Path, upload: tuple[str, bytes, str], message: str
) -> None:
    at = _app().run()
    at.file_uploader(key="hero_upload").set_value(upload).run()
    assert message in at.error[0].value
    assert not at.get("image")
    _fill_form(at)
    next(b for b in at.button if b.label == "Make my book").click().run()
    (book,) = engine().list_books()
    assert book.character.image_path is None
    assert list((home / "uploads").iterdir()) == []


def test_typed_fields_survive_moving_between_pages(home: Path) -> None:
    at = _fill_form(_app().run()).run()
    at.switch_page("views/library.py").run()
    at.switch_page("views/create.py").run()
    assert at.text_input(key="hero_name").value == "Zoë"
    assert at.text_area(key="story_prompt").value == "A cosmic garden adventure"
    assert at.multiselect(key="hero_traits").value == ["brave", "curious"]


def test_suggest_ideas_fills_the_story_idea(home: Path) -> None:
    at = _app().run()
    at.text_input(key="hero_name").input("Lila")
    next(b for b in at.button if b.label == "Suggest ideas").click().run()
    ideas = [b for b in at.button if b.key and b.key.startswith("idea_")]
    assert len(ideas) == 5
    chosen = ideas[2].label
    ideas[2].click().run()
    assert at.text_area(key="story_prompt").value == chosen


def test_book_page_edits_text_and_redraws_a_page(home: Path) -> None:
    book_id = _make_book()
    at = _app()
    at.session_state["book_id"] = book_id
    at.switch_page("views/book.py").run()
    assert not at.exception
    at.text_area(key=f"text_{book_id}_2").input("A brand new second page.")
    at.button(key="save_2").click().run()
    assert engine().get_book(book_id).pages[1].text == "A brand new second page."

    before = engine().get_book(book_id).pages[2].illustration.local_url
    at.button(key="redraw_3").click().run()
    _wait_for_jobs(book_id)
    after = engine().get_book(book_id).pages[2].illustration
    assert after.local_url != before
    at.run()
    assert "4 of 4 illustrated" in at.get("progress")[0].proto.text


def test_book_page_shows_failed_pages_with_try_again(home: Path, tmp_path: Path) -> None:
    from storyillus.config import save_settings

    save_settings(engine().settings, {"enable_offline_illustrator": False})
    engine().reload_settings()
    book_id = _make_book()
    at = _app()
    at.session_state["book_id"] = book_id
    at.switch_page("views/book.py").run()
    errors = [e.value for e in at.error]
    assert len(errors) == 4
    assert all("No illustrator is enabled" in e for e in errors)

    save_settings(engine().settings, {"enable_offline_illustrator": True})
    engine().reload_settings()
    at.button(key="retry_1").click().run()
    _wait_for_jobs(book_id)
    at.run()
    assert len(at.error) == 3
    assert "1 of 4 illustrated" in at.get("progress")[0].proto.text


def test_library_lists_newest_first_and_pins_and_deletes(home: Path) -> None:
    first = _make_book(name="Kofi")
    second = _make_book(name="Łucja")
    at = _app().switch_page("views/library.py").run()
    assert not at.exception
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    assert [engine().get_book(b).title in t for b, t in zip((second, first), titles, strict=True)]
    assert "Łucja" in titles[0]

    at.button(key=f"pin_{first}").click().run()
    assert engine().get_book(first).pinned
    at.button(key=f"delete_{second}").click().run()
    at.button(key=f"yes_{second}").click().run()
    assert [b.id for b in engine().list_books()] == [first]
    assert not any(second in p.name for p in (home / "generated").iterdir())


def test_library_open_goes_to_the_book(home: Path) -> None:
    book_id = _make_book()
    at = _app().switch_page("views/library.py").run()
    at.button(key=f"open_{book_id}").click().run()
    assert at.title[0].value == engine().get_book(book_id).title


def test_settings_save_apply_at_once_and_never_show_keys(home: Path) -> None:
    at = _app().switch_page("views/settings.py").run()
    assert not at.exception
    assert any(t.label == "OpenAI key (not set)" for t in at.text_input)
    at.text_input(key="setting_openai_api_key").input("test-key-abcdefghijklmnop")
    at.number_input(key="setting_concurrency").set_value(2)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Settings saved")
    assert engine().settings.concurrency == 2
    assert engine().settings.openai_api_key == "test-key-abcdefghijklmnop"
    saved = json.loads((home / "data" / "settings.json").read_text())
    assert saved == {
        "ILLUSTRATION_CONCURRENCY": "2",
        "OPENAI_API_KEY": "test-key-abcdefghijklmnop",
        "OPENAI_API_KEY_FOR": "https://api.openai.com/v1",  # the server it was typed for
    }

    at.run()
    assert any(t.label == "OpenAI key (set)" for t in at.text_input)
    page_text = json.dumps([str(e) for e in at.main])
    assert "abcdefghijklmnop" not in page_text


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_settings_page_says_where_values_come_from_and_pins_only_changes(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ILLUSTRATION_CONCURRENCY", "3")
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-secret-from-the-environment")
    at = _app().switch_page("views/settings.py").run()
    assert not at.exception
    assert at.number_input(key="setting_concurrency").value == 3
    assert "Set in the environment (`ILLUSTRATION_CONCURRENCY`)" in _captions(at)
    assert "Set in the environment (`AZURE_OPENAI_API_KEY`)" in _captions(at)
    assert "Default (`GENERATED_IMAGE_MAX_FILES`)" in _captions(at)
    assert any(t.label == "Azure key (set)" for t in at.text_input)
    assert "azure-secret" not in json.dumps([str(e) for e in at.main])

    at.number_input(key="setting_max_files").set_value(50)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.exception
    saved = json.loads((home / "data" / "settings.json").read_text())
    assert saved == {"GENERATED_IMAGE_MAX_FILES": "50"}
    assert "Saved on this page (`GENERATED_IMAGE_MAX_FILES`)" in _captions(at)

    # A value set in the environment later is not hidden by an earlier save.
    monkeypatch.setenv("ILLUSTRATION_CONCURRENCY", "5")
    engine().reload_settings()
    assert engine().settings.concurrency == 5

    # "Use the default" takes the saved value out of the settings file.
    at.run()
    assert at.number_input(key="setting_concurrency").value == 5
    at.checkbox(key="reset_max_files").check()
    assert at.checkbox(key="reset_max_files").label == "Use the default instead (300)"
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.exception
    assert json.loads((home / "data" / "settings.json").read_text()) == {}
    assert engine().settings.max_files == 300
    assert "Default (`GENERATED_IMAGE_MAX_FILES`)" in _captions(at)


def test_settings_prune_now_removes_old_pictures(home: Path) -> None:
    _make_book(pages=6)
    from storyillus.config import save_settings

    save_settings(engine().settings, {"max_files": 2})
    engine().reload_settings()
    at = _app().switch_page("views/settings.py").run()
    next(b for b in at.button if b.label == "Prune now").click().run()
    assert engine().usage().files == 2
    assert at.metric[0].value == "2"


def test_book_page_names_the_remote_model_and_shows_usage(
    home: Path, monkeypatch: pytest.MonkeyPatch, fake_openai
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", fake_openai.api_key)
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    close_engine()
    path = engine().store_reference_picture(png_bytes((200, 200)))
    hero = Character.create("Lila", 7, image_path=str(path))
    request = StoryRequest.create(hero, "A cosmic garden adventure", pages=4, seed=1)
    book_id = engine().create_book(request, run_async=False).book.id
    at = _app().run()
    assert not any("offline writer" in i.value for i in at.info)
    at.session_state["book_id"] = book_id
    at.switch_page("views/book.py").run()
    captions = " ".join(c.value for c in at.caption)
    assert "written by gpt-5.4-mini" in captions
    assert "Drawn by openai-edit (gpt-image-2) from the hero's picture" in captions
    assert "pictures: 4 by openai-edit" in captions
    assert "Story model: 0 tokens" not in captions
