"""The page gate (storyillus/ui/signin.py) in each mode, through ui.py with AppTest.

The real sign-in, with a real provider and browser, is tests/e2e/test_signin_browser.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from storyillus.ui.signin import auth_configured
from tests.ui.conftest import AUTH

ROOT = Path(__file__).resolve().parents[2]
ALICE = {
    "is_logged_in": True,
    "iss": "http://127.0.0.1:9",
    "sub": "alice-0001",
    "email": "alice@example.com",
    "name": "Alice *Liddell*",
}


def _run(auth: bool = False, user: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "ui.py"), default_timeout=30)
    if auth:
        at.secrets["auth"] = AUTH
    at.user = user if user is not None else {}
    return at.run()


def _titles(at: AppTest) -> list[str]:
    return [title.value for title in at.title]


@pytest.fixture
def every_address(home: Path) -> Path:
    config.set_option("server.address", "0.0.0.0")
    return home


def test_no_secrets_file_is_no_sign_in(home: Path) -> None:
    assert not auth_configured()


def test_local_mode_shows_the_app_without_sign_in(home: Path) -> None:
    at = _run()
    assert not at.exception
    assert "Make a picture book" in _titles(at)
    assert not at.warning or all("open to everyone" not in w.value for w in at.warning)
    assert [b.label for b in at.sidebar.button] == []


def test_every_address_without_sign_in_is_refused(every_address: Path) -> None:
    at = _run()
    assert at.error[0].value.startswith("storyillus is listening on 0.0.0.0")
    assert _titles(at) == []


def test_every_address_allowed_open_shows_the_banner(
    every_address: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYILLUS_ALLOW_OPEN", "true")
    at = _run()
    assert at.warning[0].value.startswith("This app is open to everyone who can reach 0.0.0.0")
    assert "Make a picture book" in _titles(at)


def test_signed_in_mode_shows_a_visitor_only_the_sign_in_page(every_address: Path) -> None:
    at = _run(auth=True, user={"is_logged_in": False})
    assert not at.exception
    assert _titles(at) == [":material/auto_stories: storyillus"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.error and not at.warning  # [auth] set up: no refusal on 0.0.0.0


def test_signed_in_user_sees_who_they_are_and_the_app(home: Path) -> None:
    at = _run(auth=True, user=ALICE)
    assert not at.exception
    assert "Make a picture book" in _titles(at)
    who = at.sidebar.get("html")[0].value
    assert "Alice *Liddell*" in who and "alice@example.com" in who
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_a_user_without_issuer_and_subject_is_not_signed_in(home: Path) -> None:
    at = _run(auth=True, user={"is_logged_in": True, "email": "alice@example.com"})
    assert [b.label for b in at.button] == ["Sign in"]


def test_sign_in_required_but_not_set_up_says_so(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTH_REQUIRED", "true")
    at = _run(user={})
    assert "not set up" in at.error[0].value
    assert _titles(at) == []


def test_sign_in_can_be_turned_off_with_auth_set_up(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTH_REQUIRED", "false")
    at = _run(auth=True, user={})
    assert "Make a picture book" in _titles(at)
