"""The UI suites' fixture: the app's engine on a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit import config

from storyillus.ui import close_engine


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Local mode, as ``make run``: the app is told it listens on 127.0.0.1 (the pages refuse
    to show books on an unset address, which is every address)."""
    monkeypatch.setenv("STORYILLUS_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    address = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    close_engine()
    yield tmp_path
    close_engine()
    config.set_option("server.address", address)
