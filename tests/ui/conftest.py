"""The UI suites' fixture: the app's engine on a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyillus.ui import close_engine


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("STORYILLUS_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    close_engine()
    yield tmp_path
    close_engine()
