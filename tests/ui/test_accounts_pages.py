"""Each family sees only its own books in the pages, and only admins see Settings (issue 14).

Through ui.py with AppTest, signed in as Alice (an admin) or Bob (not one); the books are
made through the app's own engine, each as its user.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from storyillus import Character, StoryRequest
from storyillus.access import Mode
from storyillus.service import Engine
from storyillus.ui import app_engine
from tests.ui.conftest import AUTH

ROOT = Path(__file__).resolve().parents[2]
ISSUER = "http://127.0.0.1:9"
ALICE = {"is_logged_in": True, "iss": ISSUER, "sub": "a-1", "email": "alice@example.com"}
BOB = {"is_logged_in": True, "iss": ISSUER, "sub": "b-2", "email": "bob@example.com"}


@pytest.fixture
def signed_in(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUTH_REQUIRED", "true")
    monkeypatch.setenv("ADMIN_EMAILS", "alice@example.com")
    assert app_engine().access.mode is Mode.SIGNED_IN
    return home


def _as(user: dict[str, Any]) -> Engine:
    engine = app_engine()
    return engine.as_user(engine.sign_in(user["iss"], user["sub"], user["email"], None))


def _book(user: dict[str, Any], title_word: str) -> str:
    hero = Character.create(title_word, 6)
    request = StoryRequest.create(hero, f"{title_word} finds a kite in the park", pages=4, seed=1)
    return _as(user).create_book(request, illustrate=False).book.id


def _run(user: dict[str, Any], page: str | None = None, **state: Any) -> AppTest:
    at = AppTest.from_file(str(ROOT / "ui.py"), default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = user
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    return " ".join(str(m.value) for m in [*at.markdown, *at.title, *at.warning, *at.info])


def test_the_library_shows_each_user_only_their_own_books(signed_in: Path) -> None:
    _book(ALICE, "Aurora")
    _book(BOB, "Bruno")
    alice = _texts(_run(ALICE, "views/library.py"))
    bob = _texts(_run(BOB, "views/library.py"))
    assert "Aurora" in alice and "Bruno" not in alice
    assert "Bruno" in bob and "Aurora" not in bob


def test_another_users_book_does_not_open(signed_in: Path) -> None:
    book_id = _book(ALICE, "Aurora")
    at = _run(BOB, "views/book.py", book_id=book_id)
    assert "This book no longer exists." in _texts(at)
    assert "Aurora" not in _texts(at)
    assert "Aurora" in _texts(_run(ALICE, "views/book.py", book_id=book_id))


def test_only_admins_see_the_settings(signed_in: Path) -> None:
    alice = _run(ALICE, "views/settings.py")
    assert [t.value for t in alice.title] == ["Settings"]
    assert "Save settings" in [b.label for b in alice.button]
    bob = _run(BOB, "views/settings.py")
    assert [t.value for t in bob.title] == ["Account"]
    assert "Save settings" not in [b.label for b in bob.button]
    assert not bob.text_input  # no key, server or model field at all
    with pytest.raises(Exception, match="Only an admin"):
        _as(BOB).save_settings({"concurrency": 1})


def test_a_user_makes_and_revokes_an_api_token_on_the_page(signed_in: Path) -> None:
    at = _run(BOB, "views/settings.py")
    next(b for b in at.button if b.label == "Make a new token").click().run()
    token = at.code[0].value
    assert token.startswith("si_")
    assert app_engine().user_for_token(token).email == "bob@example.com"
    listed = [b for b in at.button if b.label == "Revoke"]
    assert len(listed) == 1
    listed[0].click().run()
    assert app_engine().user_for_token(token) is None
    assert not [b for b in at.button if b.label == "Revoke"]


def test_delete_my_data_removes_only_my_books(signed_in: Path) -> None:
    _book(ALICE, "Aurora")
    mine = _book(BOB, "Bruno")
    at = _run(BOB, "views/settings.py")
    delete = next(b for b in at.button if b.label == "Delete my data")
    assert delete.disabled  # not before the parent says they understand
    at.checkbox(key="delete_sure").check().run()
    next(b for b in at.button if b.label == "Delete my data").click().run()
    assert not at.exception
    assert [t.value for t in at.toast] == ["Deleted 1 book, 0 uploaded photos and 0 pictures."]
    assert _as(BOB).list_books() == []
    assert [b.title for b in _as(ALICE).list_books()] != []
    with pytest.raises(Exception, match="No book"):
        _as(BOB).get_book(mine)
