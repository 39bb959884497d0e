"""The UI suites' fixture: the app's engine on a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyillus.ui import close_engine

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-0123456789",
    "client_id": "storyillus",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
"""An [auth] section for AppTest's secrets: sign-in set up (nothing listens on port 9)."""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("STORYILLUS_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    close_engine()
    yield tmp_path
    close_engine()
