"""The pages, driven headlessly with Streamlit's AppTest on the real engine."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storyillus.service import close_shared_engine, shared_engine

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("STORYILLUS_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    close_shared_engine()
    yield tmp_path
    close_shared_engine()


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "ui.py"), default_timeout=30)


def test_create_page_makes_an_offline_book_and_opens_it(home: Path) -> None:
    at = _app().run()
    assert not at.exception
    assert "offline" in at.info[0].value
    at.text_input(key="hero_name").input("Zoë")
    at.text_input(key="hero_traits").input("brave, curious")
    at.text_input(key="hero_interests").input("space")
    at.text_area(key="story_prompt").input("A cosmic garden adventure")
    at.slider(key="story_pages").set_value(4)
    at.button[0].click().run()
    assert not at.exception
    assert not at.error

    books = shared_engine().list_books()
    assert len(books) == 1
    job = shared_engine().jobs_for_book(books[0].id)[0]
    deadline = time.monotonic() + 30
    while not shared_engine().get_job(job.id).status.is_final:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    at.run()
    assert not at.exception
    assert at.title[0].value == books[0].title
    assert "4 of 4 illustrated" in at.get("progress")[0].proto.text
    assert len(at.get("image")) == 4


def test_create_page_says_what_is_wrong(home: Path) -> None:
    at = _app().run()
    at.text_area(key="story_prompt").input("A cosmic garden adventure")
    at.button[0].click().run()
    assert at.error[0].value == "The hero needs a name."
    assert shared_engine().list_books() == []
