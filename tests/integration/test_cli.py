"""``python -m storyillus book``: the real command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from PIL import Image

from storyillus.document import book_schema
from tests.conftest import png_bytes

ROOT = Path(__file__).resolve().parents[2]


def _run(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyillus", *args],
        cwd=home,
        env={**os.environ, "PYTHONPATH": str(ROOT), "STORYILLUS_HOME": str(home), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


BASE = [
    "book",
    "--name",
    "Lila",
    "--age",
    "7",
    "--trait",
    "brave",
    "--trait",
    "curious",
    "--interest",
    "space",
    "--prompt",
    "A cosmic garden adventure",
]


def test_book_writes_book_json_and_one_png_per_page(tmp_path: Path) -> None:
    picture = tmp_path / "ref.png"
    picture.write_bytes(png_bytes((200, 260), (240, 40, 120)))
    out = tmp_path / "out"
    result = _run(
        *BASE,
        "--image",
        str(picture),
        "--pages",
        "6",
        "--seed",
        "1",
        "--out",
        str(out),
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    book = json.loads((out / "book.json").read_text())
    jsonschema.validate(book, book_schema())
    assert book["title"]
    assert book["setting"] == "garden"  # "A cosmic garden adventure"
    assert [m["name"] for m in book["cast"]] == ["Lila"] and book["cast"][0]["role"] == "hero"
    assert [p["pageNumber"] for p in book["pages"]] == [1, 2, 3, 4, 5, 6]
    for page in book["pages"]:
        assert page["text"] and page["description"]
        assert page["place"] and page["characters"][0] == "Lila"
        drawn = page["illustration"]
        assert drawn["provider"] == "offline" and drawn["model"] == "offline-illustrator"
        assert drawn["characterReferenced"] is True
        with Image.open(out / page["image"]) as image:
            assert (image.format, image.size) == ("PNG", (1024, 1024))
    assert sorted(p.name for p in out.iterdir()) == ["book.json"] + [
        f"page-{n:02d}.png" for n in range(1, 7)
    ] + ["sheet-01.png"]
    assert book["cast"][0]["sheet"] == "sheet-01.png"
    # The CLI works in a private home: nothing lands in the user's.
    assert not (tmp_path / "generated").exists()


def test_same_seed_same_book(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert (
            _run(
                *BASE, "--pages", "4", "--seed", "9", "--out", str(tmp_path / name), home=tmp_path
            ).returncode
            == 0
        )
    first, second = (json.loads((tmp_path / n / "book.json").read_text()) for n in "ab")
    for made in (first, second):  # each run makes a new book: its own id and time
        del made["id"], made["createdAt"]
    assert first == second
    assert (tmp_path / "a" / "page-02.png").read_bytes() == (
        tmp_path / "b" / "page-02.png"
    ).read_bytes()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--name", ""], "The hero needs a name."),
        (["--name", "   "], "The hero needs a name."),
        (["--age", "0"], "Age must be from 1 to 120, not 0."),
        (["--age", "121"], "Age must be from 1 to 120, not 121."),
        (["--age", "seven"], "Age must be a whole number from 1 to 120, not 'seven'."),
        (["--pages", "3"], "Number of pages must be from 4 to 16, not 3."),
        (["--prompt", ""], "The story needs an idea"),
        (["--image", "missing.png"], "does not exist"),
        (["--image", "notes.png"], "This file is not a picture; use PNG, JPEG or WebP."),
        (["--image", "empty.png"], "The picture is empty (0 bytes)."),
        (["--image", "."], "is not a file"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line_and_writes_nothing(
    tmp_path: Path, change: list[str], message: str
) -> None:
    (tmp_path / "notes.png").write_text("just some text")
    (tmp_path / "empty.png").write_bytes(b"")
    args = list(BASE)
    flag = change[0]
    if flag in args:
        args[args.index(flag) + 1] = change[1]
    else:
        args += change
    before = sorted(p.name for p in tmp_path.iterdir())
    result = _run(*args, "--out", str(tmp_path / "out"), home=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert lines[0].startswith("storyillus: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_missing_required_flag_is_one_line(tmp_path: Path) -> None:
    result = _run("book", "--age", "7", "--prompt", "x", "--out", "o", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "--name" in result.stderr


def test_invalid_setting_stops_with_one_line(tmp_path: Path) -> None:
    result = _run(
        *BASE, "--out", str(tmp_path / "out"), home=tmp_path, env={"ILLUSTRATION_CONCURRENCY": "0"}
    )
    assert result.returncode == 2
    expected = "ILLUSTRATION_CONCURRENCY='0' is invalid: expected a whole number, from 1 to 64."
    assert result.stderr.strip() == f"storyillus: {expected}"
    assert not (tmp_path / "out").exists()
