"""``streamlit run app.py`` for real: the UI and our routes on one port, talked to over HTTP."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storyillus import Character, Engine, StoryRequest
from tests.conftest import make_settings
from tests.server import ROOT, start, stop, wait_until_up


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    home = tmp_path_factory.mktemp("home")
    # A finished book made before the server starts, as by an earlier run of the app.
    engine = Engine(make_settings(home))
    hero = Character.create("Łucja", 5, ["kind"], ["cats"])
    book = engine.create_book(
        StoryRequest.create(hero, "A lost kitten", pages=4, seed=2), run_async=False
    ).book
    engine.close(wait=True)
    process, base = start(home)
    wait_until_up(process, base)
    yield base, home, book.pages[0].illustration.local_url
    stop(process)


def test_ui_and_health_share_one_port(server) -> None:
    base, _, _ = server
    assert httpx.get(base + "/", timeout=10).status_code == 200
    health = httpx.get(base + "/api/health", timeout=10).json()
    assert health["status"] == "ok"
    assert health["illustrators"] == ["offline"]
    assert health["generatedImages"]["files"] == 4 + 1  # four pages and the hero's sheet


def test_saved_images_are_served_as_png_and_cached(server) -> None:
    base, _, url = server
    answer = httpx.get(base + url, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/png"
    assert answer.content.startswith(b"\x89PNG")
    assert "immutable" in answer.headers["cache-control"]


@pytest.mark.parametrize(
    "path",
    [
        "/generated/missing.png",
        "/generated/..%2Fdata%2Fstoryillus.sqlite3",
        "/generated/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/generated/.env",
    ],
)
def test_nothing_else_is_served_from_generated(server, path: str) -> None:
    base, _, _ = server
    answer = httpx.get(base + path, timeout=10)
    # Streamlit's own path-security middleware answers 400 to traversal; we answer 404.
    assert answer.status_code in (400, 404)
    assert b"root:" not in answer.content and b"SQLite" not in answer.content


def test_invalid_setting_stops_start_up_with_one_line(tmp_path: Path) -> None:
    process, _ = start(tmp_path, env={"GENERATED_IMAGE_MAX_MB": "abc"})
    output, _ = process.communicate(timeout=60)
    assert process.returncode != 0
    expected = "GENERATED_IMAGE_MAX_MB='abc' is invalid: expected a whole number, 0 or more."
    assert f"storyillus: {expected}" in output
    assert "Traceback" not in output


def _broken_copy(tmp_path: Path) -> tuple[Path, int]:
    """A copy of the program whose places vocabulary has a bad colour; and that line."""
    copy = tmp_path / "program"
    shutil.copytree(ROOT / "storyillus", copy / "storyillus")
    for name in ("app.py", "ui.py"):
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(ROOT / "views", copy / "views")
    places = copy / "storyillus" / "data" / "places.toml"
    lines = places.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("palette") and "#" in line)
    lines[index] = lines[index].replace("#", "#zz", 1)
    places.write_text("\n".join(lines) + "\n")
    header = max(i for i in range(index) if lines[i].startswith("["))
    return copy, header + 1


def test_a_broken_data_file_stops_the_cli_and_the_app_with_its_file_and_line(
    tmp_path: Path,
) -> None:
    copy, line = _broken_copy(tmp_path)
    environment = {**os.environ, "PYTHONPATH": str(copy), "STORYILLUS_HOME": str(tmp_path)}
    cli = subprocess.run(
        [sys.executable, "-m", "storyillus", "check"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert cli.returncode == 2
    assert f"places.toml, line {line}" in cli.stderr and "Traceback" not in cli.stderr
    app = subprocess.run(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(copy / "app.py"),
            "--server.headless",
            "true",
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = app.stdout + app.stderr
    assert f"places.toml, line {line}" in output and "Traceback" not in output
