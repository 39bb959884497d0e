"""``python -m storyillus book``: the real command in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


# -- companions' pictures, --cast-only and --approve ----------------------------------

ZOE = "Zoë Ann"


def _pictures(folder: Path) -> dict[str, Path]:
    made = {}
    for name, colour in (("hero", (240, 40, 120)), ("zoe", (40, 200, 120))):
        made[name] = folder / f"{name}.png"
        made[name].write_bytes(png_bytes((200, 260), colour))
    return made


def _cast_only(tmp_path: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    pictures = _pictures(tmp_path)
    return _run(
        *BASE,
        "--image",
        str(pictures["hero"]),
        "--sibling",
        f"{ZOE}:sister",
        "--sibling",
        "Max:brother",
        "--sibling-image",
        f"{ZOE}={pictures['zoe']}",
        "--pages",
        "4",
        "--seed",
        "3",
        "--cast-only",
        "--out",
        str(out),
        *extra,
        home=tmp_path,
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_cast_only_writes_the_sheets_and_what_approve_needs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _cast_only(tmp_path, out)
    assert result.returncode == 0, result.stderr
    assert f"--approve {out}" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "book.json",
        "reference-01.png",
        "reference-02.png",
        "sheet-01.png",
        "sheet-02.png",
        "sheet-03.png",
    ]
    book = json.loads((out / "book.json").read_text())
    jsonschema.validate(book, book_schema())
    assert book["approved"] is False
    assert [(m["name"], m["sheet"]) for m in book["cast"]] == [
        ("Lila", "sheet-01.png"),
        (ZOE, "sheet-02.png"),
        ("Max", "sheet-03.png"),
    ]
    assert [p["image"] for p in book["pages"]] == [None] * 4
    siblings = book["character"]["siblings"]
    assert [(s["name"], s["hasReferencePicture"]) for s in siblings] == [
        (ZOE, True),
        ("Max", False),
    ]
    # Only what the folder holds: no path to a file elsewhere.
    assert "imagePath" not in (out / "book.json").read_text()
    assert str(tmp_path) not in (out / "book.json").read_text()
    with Image.open(out / "reference-02.png") as zoe:  # the companion's own picture
        assert zoe.getpixel((100, 130))[:3] == (40, 200, 120)


def test_approve_draws_the_pages_from_the_corrected_cast(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _cast_only(tmp_path, out).returncode == 0
    path = out / "book.json"
    book = json.loads(path.read_text())
    words = "Zoë Ann, a girl with curly red hair and round glasses, in a green raincoat."
    book["cast"][1]["description"] = words
    path.write_text(json.dumps(book, ensure_ascii=False, indent=2))
    kept = (out / "sheet-01.png").read_bytes()
    (out / "sheet-03.png").unlink()  # a sheet deleted by hand is drawn again

    result = _run("book", "--approve", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "4 pages" in result.stdout
    done = json.loads(path.read_text())
    jsonschema.validate(done, book_schema())
    assert done["approved"] is True
    assert (done["id"], done["title"], done["seed"]) == (book["id"], book["title"], book["seed"])
    assert done["cast"][1]["description"] == words
    assert [m["sheet"] for m in done["cast"]] == ["sheet-01.png", "sheet-02.png", "sheet-03.png"]
    assert (out / "sheet-01.png").read_bytes() == kept  # the approved sheets stay as they were
    assert (out / "sheet-03.png").is_file()
    assert [p["image"] for p in done["pages"]] == [f"page-{n:02d}.png" for n in range(1, 5)]
    for page in done["pages"]:
        assert page["illustration"]["provider"] == "offline"
        with Image.open(out / page["image"]) as image:
            assert image.format == "PNG"
    assert not (tmp_path / "generated").exists()
    # Approved once: a second --approve changes nothing.
    before = _snapshot(out)
    again = _run("book", "--approve", str(out), home=tmp_path)
    assert again.returncode == 2
    assert again.stderr.strip() == (
        f"storyillus: {out} is already approved (its pages are drawn); --approve carries on "
        "from a --cast-only folder."
    )
    assert _snapshot(out) == before


def test_approve_sends_the_corrected_description_to_the_image_model(
    tmp_path: Path, fake_openai: Any
) -> None:
    out = tmp_path / "out"
    assert _cast_only(tmp_path, out).returncode == 0
    path = out / "book.json"
    book = json.loads(path.read_text())
    words = "Lila, a girl with a long silver plait and a purple cape."
    book["cast"][0]["description"] = words
    path.write_text(json.dumps(book, ensure_ascii=False))
    env = {
        "OPENAI_API_KEY": fake_openai.api_key,
        "OPENAI_BASE_URL": fake_openai.base_url,
        "AZURE_OPENAI_ENDPOINT": "",
        "CONSISTENCY_JUDGE": "false",
    }
    result = _run("book", "--approve", str(out), home=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    edits = fake_openai.requests_to("edits")
    assert len(edits) == 4  # one per page: the sheets were approved, not drawn again
    for edit in edits:
        assert words in edit.fields["prompt"][0]
        assert len(edit.files["image[]"]) >= 1  # at least the hero's sheet


def _bad_folders(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Folders --approve must refuse, each with the words its one line says."""
    good = tmp_path / "good"
    assert _cast_only(tmp_path, good).returncode == 0
    document = json.loads((good / "book.json").read_text())

    def folder(name: str, change: Any = None, raw: str | None = None) -> Path:
        made = tmp_path / name
        shutil.copytree(good, made)
        if raw is not None:
            (made / "book.json").write_text(raw)
        elif change is not None:
            changed = json.loads(json.dumps(document))
            change(changed, made)
            (made / "book.json").write_text(json.dumps(changed, ensure_ascii=False))
        return made

    def no_book(_: Any, made: Path) -> None:
        pass

    def without(key: str) -> Any:
        return lambda d, _: d.pop(key)

    def sheet_outside(d: Any, _: Path) -> None:
        d["cast"][1]["sheet"] = "../good/sheet-02.png"

    def broken_sheet(d: Any, made: Path) -> None:
        (made / "sheet-02.png").write_text("not a picture")

    def broken_reference(d: Any, made: Path) -> None:
        (made / "reference-01.png").write_bytes(b"")

    def bad_colour(d: Any, _: Path) -> None:
        d["cast"][0]["look"]["hair"]["hex"] = "#zzzzzz"

    def pages_out_of_order(d: Any, _: Path) -> None:
        d["pages"][0]["pageNumber"] = 3

    def long_description(d: Any, _: Path) -> None:
        d["cast"][0]["description"] = "x" * 601

    def bad_id(d: Any, _: Path) -> None:
        d["id"] = "../../etc"

    missing = folder("missing")
    (missing / "book.json").unlink()
    return {
        "not there": (tmp_path / "nowhere", "does not exist"),
        "a file": (good / "sheet-01.png", "is not a folder"),
        "no book.json": (missing, "has no book.json"),
        "not JSON": (folder("not-json", raw="{"), "is not valid JSON (line 1"),
        "not a book": (folder("no-cast", without("cast")), "'cast' is a required property"),
        "sheet outside": (folder("outside", sheet_outside), "must name a file in the folder"),
        "broken sheet": (folder("broken", broken_sheet), "Zoë Ann's sheet: This file is not"),
        "broken ref": (folder("ref", broken_reference), "reference picture: The picture is empty"),
        "bad colour": (folder("colour", bad_colour), "does not match"),
        "page order": (folder("order", pages_out_of_order), "numbered 1 to 4 in order"),
        "long words": (folder("long", long_description), "longer than 600 characters"),
        "bad id": (folder("id", bad_id), "id must be the 32 hexadecimal digits"),
    }


def test_approve_refuses_a_bad_folder_with_one_line_and_changes_nothing(tmp_path: Path) -> None:
    for case, (folder, words) in _bad_folders(tmp_path).items():
        before = _snapshot(folder) if folder.is_dir() else None
        result = _run("book", "--approve", str(folder), home=tmp_path)
        assert result.returncode == 2, (case, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("storyillus: "), (case, result.stderr)
        assert words in lines[0], (case, lines[0])
        if before is not None:
            assert _snapshot(folder) == before, case


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--sibling-image", "Max"], "--sibling-image needs NAME=PATH, not 'Max'."),
        (["--sibling-image", "=zoe.png"], "--sibling-image needs NAME=PATH, not '=zoe.png'."),
        (["--sibling-image", "Bob=zoe.png"], "--sibling-image Bob: no --sibling is called that"),
        (["--sibling-image", "Max=missing.png"], "--sibling-image Max: The picture missing.png"),
        (["--sibling-image", "Max=notes.png"], "--sibling-image Max: This file is not a picture"),
        (
            ["--sibling-image", "Max=zoe.png", "--sibling-image", "max=zoe.png"],
            "--sibling-image gives Max more than one picture.",
        ),
        (["--approve", "somewhere"], "--approve carries on from a folder as it is; leave out"),
    ],
)
def test_bad_sibling_images_and_flags_are_one_line(
    tmp_path: Path, change: list[str], message: str
) -> None:
    (tmp_path / "notes.png").write_text("just some text")
    (tmp_path / "zoe.png").write_bytes(png_bytes())
    before = sorted(p.name for p in tmp_path.iterdir())
    args = [*BASE, "--sibling", "Max:brother", "--out", str(tmp_path / "out"), *change]
    result = _run(*args, home=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("storyillus: ") and message in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_sibling_image_names_its_sibling_case_blind(tmp_path: Path) -> None:
    (tmp_path / "max.png").write_bytes(png_bytes((200, 260), (30, 60, 200)))
    out = tmp_path / "out"
    args = [*BASE, "--sibling", "Max:brother", "--sibling-image", "max=max.png"]
    result = _run(*args, "--pages", "4", "--out", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    book = json.loads((out / "book.json").read_text())
    assert book["approved"] is True and all(p["image"] for p in book["pages"])
    assert book["character"]["siblings"][0]["hasReferencePicture"] is True
    assert not any(p.name.startswith("reference-") for p in out.iterdir())


def test_look_flags_decide_the_heros_colours_over_the_picture(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _cast_only(tmp_path, out, "--hair", "#C8703A", "--glasses")
    assert result.returncode == 0, result.stderr
    hero = json.loads((out / "book.json").read_text())["cast"][0]
    assert hero["look"]["hair"]["hex"] == "#c8703a"
    assert "ginger" in hero["description"] and "glasses" in hero["description"]


def test_a_look_flag_that_is_no_colour_is_one_line(tmp_path: Path) -> None:
    result = _run(*BASE, "--skin", "peach", "--out", str(tmp_path / "out"), home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "storyillus: The skin colour must be written #rrggbb, not 'peach'."
    )
    assert not (tmp_path / "out").exists()
