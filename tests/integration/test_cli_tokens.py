"""``python -m storyillus token create|list|revoke``: the real command in a subprocess, its
tokens tried on the API of an engine over the same home, as a server would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storyillus.access import Access, Mode
from storyillus.service import Engine
from tests.asgi import in_process
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyillus", "token", *args],
        cwd=home,
        env={**os.environ, "PYTHONPATH": str(ROOT), "STORYILLUS_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _status(home: Path, token: str) -> int:
    """What the API answers a signed-in server's caller with this token (GET /api/books)."""
    settings = make_settings(home)
    engine = Engine(settings, access=Access(Mode.SIGNED_IN))
    try:
        with in_process(engine, {"Authorization": f"Bearer {token}"}) as api:
            return api.get("/api/books").status_code
    finally:
        engine.close()


def test_create_prints_a_working_token_last_list_shows_only_its_start_revoke_ends_it(
    tmp_path: Path,
) -> None:
    made = _run("create", "Ana@Example.org", home=tmp_path)
    assert made.returncode == 0, made.stderr
    first = made.stdout.splitlines()[-1]
    assert first.startswith("si_") and len(first) > 30
    second = _run("create", "ana@example.org", home=tmp_path).stdout.splitlines()[-1]
    assert second != first
    assert _status(tmp_path, first) == 200
    assert _status(tmp_path, "si_" + "x" * 43) == 401

    listed = _run("list", "ANA@example.org", home=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 2, listed.stdout
    assert lines[0].startswith(first[:10]) and "last used 20" in lines[0]  # used just now
    assert lines[1].startswith(second[:10]) and "last used never" in lines[1]
    assert first not in listed.stdout and second not in listed.stdout

    # Stored hashed: neither token is anywhere in the home in clear.
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert first.encode() not in data and second.encode() not in data, path

    by_prefix = _run("revoke", lines[0].split()[0], home=tmp_path)
    assert by_prefix.returncode == 0, by_prefix.stderr
    assert _status(tmp_path, first) == 401
    assert _status(tmp_path, second) == 200
    whole = _run("revoke", second, home=tmp_path)
    assert whole.returncode == 0, whole.stderr
    assert _status(tmp_path, second) == 401
    assert "has no API tokens" in _run("list", "ana@example.org", home=tmp_path).stdout
    for result in (made, listed, by_prefix, whole):
        assert first not in result.stderr and second not in result.stderr


def test_errors_are_one_line_with_an_exit_code_and_change_nothing(tmp_path: Path) -> None:
    token = _run("create", "ana@example.org", home=tmp_path).stdout.splitlines()[-1]
    cases = [
        (("create", "not-an-address"), 2, "is not an e-mail address"),
        (("list", "nobody@example.org"), 1, "No user with the e-mail address"),
        (("revoke", "si_" + "y" * 43), 1, "No such token"),
        (("revoke", "si_unknown"), 1, "No such token"),
        (("create",), 2, "required"),
    ]
    for args, code, message in cases:
        result = _run(*args, home=tmp_path)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, args
        assert result.stderr.startswith("storyillus: "), args
        assert "Traceback" not in result.stderr
    assert _status(tmp_path, token) == 200, "a failed revoke revoked nothing"
    assert len(_run("list", "ana@example.org", home=tmp_path).stdout.splitlines()) == 1
