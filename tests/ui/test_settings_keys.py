"""The Settings page and keys entered for another server (issue 14, §5), with AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storyillus.ui import close_engine, engine

ROOT = Path(__file__).resolve().parents[2]
KEY = "fake-ui-test-key-abcdefghijklmnop"
LOCAL = "http://127.0.0.1:8099/v1"


def _settings_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "ui.py"), default_timeout=30)
    return at.switch_page("views/settings.py").run()


def _save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.exception


def _page_text(at: AppTest) -> str:
    return json.dumps([str(e) for e in at.main])


def test_saving_another_server_clears_the_key_and_says_so(home: Path) -> None:
    at = _settings_page()
    at.text_input(key="setting_openai_api_key").input(KEY)
    _save(at)
    assert engine().settings.openai_api_key == KEY
    assert not at.warning

    at.text_input(key="setting_openai_base_url").input(LOCAL)
    _save(at)
    assert [w.value for w in at.warning] == [
        "The OpenAI key was entered for api.openai.com; enter a key for 127.0.0.1:8099."
    ]
    assert engine().settings.openai_api_key is None
    assert any(t.label == "OpenAI key (not set)" for t in at.text_input)
    assert KEY not in (home / "data" / "settings.json").read_text()
    assert "abcdefghijklmnop" not in _page_text(at)

    # A key typed for the new server: no warning, and it is used.
    at.text_input(key="setting_openai_api_key").input("sk-local-key-for-127")
    _save(at)
    assert not at.warning
    assert engine().settings.openai_api_key == "sk-local-key-for-127"
    assert "sk-local-key-for-127" not in _page_text(at)


def test_a_key_from_the_environment_for_another_server_is_named_not_shown(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / ".env").write_text(f"OPENAI_API_KEY={KEY}\n")
    monkeypatch.setenv("OPENAI_BASE_URL", LOCAL)
    close_engine()
    at = _settings_page()
    assert [w.value for w in at.warning] == [
        "The OpenAI key was entered for api.openai.com; enter a key for 127.0.0.1:8099."
    ]
    assert any(t.label == "OpenAI key (entered for another server)" for t in at.text_input)
    assert "Set in .env (`OPENAI_API_KEY`)" in [c.value for c in at.caption]
    assert "abcdefghijklmnop" not in _page_text(at)
    assert engine().settings.openai_api_key is None


def test_typing_a_key_with_a_new_azure_endpoint_keeps_it(home: Path) -> None:
    at = _settings_page()
    at.text_input(key="setting_azure_endpoint").input("https://storybooks.openai.azure.com")
    at.text_input(key="setting_azure_openai_api_key").input("azure-key-abcdefghijklmnop")
    _save(at)
    assert not at.warning
    assert engine().settings.azure_openai_api_key == "azure-key-abcdefghijklmnop"

    at.text_input(key="setting_azure_endpoint").input("http://127.0.0.1:9")
    _save(at)
    assert [w.value for w in at.warning] == [
        "The Azure key was entered for storybooks.openai.azure.com; enter a key for 127.0.0.1:9."
    ]
    assert engine().settings.azure_openai_api_key is None
    assert "abcdefghijklmnop" not in _page_text(at)
