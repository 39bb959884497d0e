"""A corpus of bad input, fed to every door it can come through: the app's upload
(AppTest), the JSON API (in-process, on the app's routes), and the command line.

Each case must end in a plain sentence or a 4xx, never a 500 or a stack trace, and must
write nothing: no stored picture, nothing outside STORYILLUS_HOME. A few cases are good
input that is easy to get wrong (a CMYK JPEG, a rotated phone photo, names in many
scripts): those must be accepted and come out right.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from storyillus import Character, StoryRequest
from storyillus.export import book_pdf, page_picture
from storyillus.service import Engine
from storyillus.ui import close_engine
from tests.asgi import ApiClient, captured_log, in_process
from tests.conftest import make_settings, png_bytes, png_claiming_size

ROOT = Path(__file__).resolve().parents[2]
MB = 1_048_576
SENTINEL = "sentinel-outside-home-5e1f"


# ----------------------------------------------------------------------------- pictures


def _save(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _noise_png() -> bytes:
    return _save(Image.frombytes("RGB", (64, 48), os.urandom(64 * 48 * 3)), "PNG")


def _damaged_idat() -> bytes:
    data = bytearray(_noise_png())
    at = data.index(b"IDAT") + 40
    data[at : at + 200] = bytes(200)
    return bytes(data)


def _animated_gif() -> bytes:
    frames = [Image.new("P", (32, 32), colour) for colour in (10, 80, 160)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)
    return buffer.getvalue()


def _jpeg() -> bytes:
    return _save(Image.frombytes("RGB", (80, 60), os.urandom(80 * 60 * 3)), "JPEG")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("me.png", png_bytes())
    return buffer.getvalue()


def _cmyk_jpeg() -> bytes:
    return _save(Image.new("CMYK", (40, 30), (0, 200, 200, 0)), "JPEG")


def _rotated_jpeg() -> bytes:
    """80 wide, 40 high as stored, EXIF orientation 6: upright it is 40 x 80."""
    exif = Image.Exif()
    exif[0x0112] = 6
    return _save(Image.new("RGB", (80, 40), (20, 120, 200)), "JPEG", exif=exif)


@dataclass(frozen=True)
class Picture:
    id: str
    filename: str
    mime: str
    build: Callable[[], bytes]


BAD_PICTURES = [
    Picture("empty", "empty.png", "image/png", lambda: b""),
    Picture("text-as-png", "notes.png", "image/png", lambda: b"Shopping list: milk, eggs\n"),
    Picture("truncated-png", "cut.png", "image/png", lambda: png_bytes((120, 90))[:70]),
    Picture("png-signature-only", "sig.png", "image/png", lambda: b"\x89PNG\r\n\x1a\n"),
    Picture("claims-20000x20000", "bomb.png", "image/png", lambda: png_claiming_size(20000, 20000)),
    Picture("claims-100000x1", "strip.png", "image/png", lambda: png_claiming_size(100000, 1)),
    Picture("claims-0x0", "zero.png", "image/png", lambda: png_claiming_size(0, 0)),
    Picture(
        "real-7000x7000-compressed",
        "huge.png",
        "image/png",
        lambda: _save(Image.new("1", (7000, 7000)), "PNG"),
    ),
    Picture("damaged-idat", "broken.png", "image/png", _damaged_idat),
    Picture("animated-gif", "dance.gif", "image/gif", _animated_gif),
    Picture("truncated-jpeg", "cut.jpg", "image/jpeg", lambda: _jpeg()[:600]),
    Picture("tiff", "scan.png", "image/png", lambda: _save(Image.new("RGB", (20, 20)), "TIFF")),
    Picture("bmp", "paint.png", "image/png", lambda: _save(Image.new("RGB", (20, 20)), "BMP")),
    Picture("pdf-as-png", "doc.png", "image/png", lambda: b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"),
    Picture("svg", "me.png", "image/png", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
    Picture("html-as-jpg", "me.jpg", "image/jpeg", lambda: b"<html><script>x</script></html>"),
    Picture("zip-as-png", "me.png", "image/png", _zip),
    Picture("zero-bytes", "zeros.png", "image/png", lambda: bytes(4096)),
    Picture("over-10-mb", "big.png", "image/png", lambda: png_bytes() + bytes(10 * MB - 10)),
]
ACCEPTED_PICTURES = [
    Picture("cmyk-jpeg", "cmyk.jpg", "image/jpeg", _cmyk_jpeg),
    Picture("exif-orientation-6", "phone.jpg", "image/jpeg", _rotated_jpeg),
    Picture(
        "16-bit-grey-png",
        "grey.png",
        "image/png",
        lambda: _save(Image.new("I;16", (30, 20), 300), "PNG"),
    ),
]
_PICTURE_BYTES: dict[str, bytes] = {}


def _bytes(picture: Picture) -> bytes:
    if picture.id not in _PICTURE_BYTES:
        _PICTURE_BYTES[picture.id] = picture.build()
    return _PICTURE_BYTES[picture.id]


def _check_stored(path_or_bytes: Path | bytes, picture: Picture) -> None:
    """An accepted picture is stored as an upright RGB PNG."""
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with Image.open(source) as image:
        assert image.format == "PNG"
        assert image.mode == "RGB"
        if picture.id == "exif-orientation-6":
            assert image.size == (40, 80), "the rotated photo is stored upright"


# ----------------------------------------------------------------- generate bodies

VALID = {
    "character": {"name": "Lila", "age": 7},
    "prompt": "A boat trip",
    "pages": 4,
    "generateIllustrations": False,
}
_MISSING = object()


def _with(path: str, value: Any) -> bytes:
    body = json.loads(json.dumps(VALID))
    if path == "numberOfPages":  # read only when "pages" is absent
        del body["pages"]
    *parents, last = path.split(".")
    target = body
    for key in parents:
        target = target.setdefault(key, {})
    if value is _MISSING:
        target.pop(last, None)
    else:
        target[last] = value
    return json.dumps(body).encode()


WRONG_TYPES: dict[str, list[Any]] = {
    "character": [_MISSING, "Lila", 7, [], None, True],
    "character.name": [5, ["Lila"], {"x": 1}, True, "", "   ", "x" * 61, "\ud800"],
    "character.age": [_MISSING, "seven", True, [7], {"v": 7}, 3.5, -1, 0, 121, 10**30],
    "character.personality": [5, [1], {"a": "b"}, [None], ["x" * 61], True],
    "character.interests": [5, [1], True, {"a": 1}],
    "character.siblings": [5, "Max", [5], [{"name": 5}], [{"name": "Max", "traits": 5}]],
    "character.friends": [5, [[]]],
    "character.personalMessage": [5, ["a"], {"a": 1}, "x" * 2001],
    "character.imageUrl": [5, [], {"u": 1}, True],
    "prompt": [5, [], {}, True, "x" * 2001],
    "themes": [5, [1], {"a": 1}, ["x" * 61]],
    "setting": [5, [], "x" * 61],
    "pages": ["8", 3.5, True, 100, 3, 17, -1, 10**30],
    "numberOfPages": ["eight"],
    "artStyle": [5, [], "x" * 61],
    "seed": ["x", 1.5, True, -1, 2**63, 10**100],
    "generateIllustrations": ["yes", 1, None],
}
_NESTED = b'{"character": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
NOT_OBJECTS: dict[str, bytes] = {
    "empty-body": b"",
    "not-json": b"character=Lila&age=7",
    "array": b"[]",
    "null": b"null",
    "string": b'"Lila"',
    "number": b"123",
    "invalid-utf8": b'{"character": "\xff\xfe"}',
    "nan-age": b'{"character": {"name": "Lila", "age": NaN}, "prompt": "x"}',
    "infinite-pages": b'{"character": {"name": "Lila", "age": 7}, "pages": Infinity}',
    "deeply-nested": _NESTED,
    "truncated-json": json.dumps(VALID).encode()[:-5],
}
BODIES: list[tuple[str, bytes]] = [
    (
        f"{field}={json.dumps(value)[:20] if value is not _MISSING else 'missing'}",
        _with(field, value),
    )
    for field, values in WRONG_TYPES.items()
    for value in values
] + list(NOT_OBJECTS.items())

TRAVERSAL_IMAGE_URLS = [
    "/uploads/../data/store.sqlite",
    "/uploads/../../outside.txt",
    "/uploads/..%2F..%2Foutside.txt",
    "/uploads/%252e%252e%252f%252e%252e%252foutside.txt",
    "/uploads/..\\..\\outside.txt",
    "/uploads//etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "file:///etc/passwd",
    "http://127.0.0.1:1/character-image-0123456789abcdef.png",
    "/uploads/character-image-0123456789abcdef.png/../../../outside.txt",
    "/uploads/character-image-0123456789abcdef.png",  # well formed, never uploaded
    "../outside.txt",
]
TRAVERSAL_PATHS = [
    f"/{door}/{tail}"
    for door in ("generated", "uploads")
    for tail in (
        "../outside.txt",
        "../../outside.txt",
        "..%2F..%2Foutside.txt",
        "..%2f..%2fetc%2fpasswd",
        "%2E%2E%2F%2E%2E%2Foutside.txt",
        "%252e%252e%252f%252e%252e%252foutside.txt",
        "..\\..\\outside.txt",
        "..%5C..%5Coutside.txt",
        "%2Fetc%2Fpasswd",
        "/etc/passwd",
        "C:%5CWindows%5Cwin.ini",
        "....//....//outside.txt",
        "data%2Fsettings.json",
    )
] + ["/generated/../data/store.sqlite", "/uploads/../data/store.sqlite"]

NAMES = ["Zoë", "Łucja", "Миша", "李小龙", "عائشة", "👧🏽 Ava", "Ådne-Ŝ O'Brien"]
HUGE_PROMPT = "Once upon a time " * (10 * MB // 17 + 1)  # over 10 MB

UPLOAD_MISUSE = [
    "json-instead-of-multipart",
    "wrong-field-name",
    "field-is-text",
    "two-files",
    "declared-huge",
    "chunked-huge",
]

CASE_COUNT = (
    len(BAD_PICTURES)
    + len(ACCEPTED_PICTURES)
    + len(BODIES)
    + len(TRAVERSAL_IMAGE_URLS)
    + len(TRAVERSAL_PATHS)
    + len(NAMES)
    + len(UPLOAD_MISUSE)
    + 2  # huge JSON body (chunked and declared), 10 MB prompt
    + 5  # CLI seeds
    + 3  # CLI --image paths that are not pictures
)


def test_the_corpus_is_large_enough() -> None:
    assert CASE_COUNT >= 30
    ids = [p.id for p in BAD_PICTURES + ACCEPTED_PICTURES]
    assert len(ids) == len(set(ids))


# -------------------------------------------------------------------------- helpers


def _listing(root: Path, skip: Path | None = None) -> dict[str, int]:
    """Every file under ``root`` (not under ``skip``) with its size."""
    found = {}
    for path in root.rglob("*"):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        found[str(path.relative_to(root))] = path.stat().st_size if path.is_file() else -1
    return found


def _assert_plain(text: str) -> None:
    assert "Traceback" not in text
    assert 'File "' not in text


def _assert_refused(answer: httpx.Response | tuple[int, str], statuses: range = range(400, 500)):
    status, text = (
        (answer.status_code, answer.text) if isinstance(answer, httpx.Response) else answer
    )
    assert status in statuses, f"{status}: {text[:300]}"
    _assert_plain(text)
    return status, text


# ----------------------------------------------------------------------------- server


@dataclass
class Server:
    client: ApiClient
    root: Path  # the sentinel folder around home
    home: Path
    log: list[str]

    def uploads(self) -> set[str]:
        folder = self.home / "uploads"
        return {p.name for p in folder.iterdir()} if folder.exists() else set()

    def raw_get(self, path: str) -> tuple[int, str]:
        """GET ``path`` exactly as written (httpx would normalise dot segments)."""
        return self.client.raw("GET", path)

    def raw_request(self, path: str, headers: dict[str, str]) -> tuple[int, str]:
        """POST only ``headers`` (which may promise a body that never comes)."""
        return self.client.raw("POST", path, headers)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("badinput")
    home = root / "home"
    home.mkdir()
    (root / "outside.txt").write_text(SENTINEL)
    (home / "private.txt").write_text(SENTINEL)
    before = _listing(root, skip=home)
    with captured_log() as log:
        engine = Engine(make_settings(home, enable_jobs_list=True))
        engine.start()
        try:
            with in_process(engine) as client:
                yield Server(client, root, home, log)
                # After the whole corpus the API still answers.
                assert client.get("/api/health").status_code == 200
        finally:
            engine.close(wait=True)
    assert _listing(root, skip=home) == before, "something was written outside STORYILLUS_HOME"
    _assert_plain("\n".join(log))


def _upload(server: Server, data: bytes, name: str, mime: str) -> httpx.Response:
    return server.client.post("/api/upload", files={"character-image": (name, data, mime)})


def _generate(server: Server, body: bytes, **headers: str) -> httpx.Response:
    return server.client.post(
        "/api/stories/generate",
        content=body,
        headers={"content-type": "application/json", **headers},
    )


# ------------------------------------------------------------------------ API: upload


@pytest.mark.parametrize("picture", BAD_PICTURES, ids=lambda p: p.id)
def test_api_upload_refuses_bad_pictures(server: Server, picture: Picture) -> None:
    kept = server.uploads()
    answer = _upload(server, _bytes(picture), picture.filename, picture.mime)
    _assert_refused(answer)
    assert answer.json()["success"] is False and len(answer.json()["error"]) > 10
    assert server.uploads() == kept, "a refused picture is not stored"


@pytest.mark.parametrize("picture", ACCEPTED_PICTURES, ids=lambda p: p.id)
def test_api_upload_accepts_and_normalises(server: Server, picture: Picture) -> None:
    answer = _upload(server, _bytes(picture), picture.filename, picture.mime)
    assert answer.status_code == 200, answer.text
    path = answer.json()["data"]["path"]
    fetched = server.client.get(path)
    assert fetched.status_code == 200
    _check_stored(fetched.content, picture)
    _check_stored(server.home / "uploads" / answer.json()["data"]["filename"], picture)


@pytest.mark.parametrize("misuse", UPLOAD_MISUSE)
def test_api_upload_misuse_is_a_4xx(server: Server, misuse: str) -> None:
    kept = server.uploads()
    picture = png_bytes()
    post = server.client.post
    if misuse == "json-instead-of-multipart":
        answer = post("/api/upload", json={"character-image": "me.png"})
    elif misuse == "wrong-field-name":
        answer = post("/api/upload", files={"image": ("me.png", picture, "image/png")})
    elif misuse == "field-is-text":
        answer = post("/api/upload", data={"character-image": "me.png"}, files={"x": b"1"})
    elif misuse == "two-files":
        answer = post(
            "/api/upload",
            files=[
                ("character-image", ("a.png", picture, "image/png")),
                ("character-image", ("b.png", picture, "image/png")),
            ],
        )
    elif misuse == "declared-huge":  # refused from the header, before any body is read
        answer = server.raw_request(
            "/api/upload",
            {"content-type": "multipart/form-data; boundary=x", "content-length": str(60 * MB)},
        )
    else:  # chunked, no content-length: the size is checked while reading
        boundary = b"storyillus-boundary"
        head = (
            b"--" + boundary + b'\r\nContent-Disposition: form-data; name="character-image"; '
            b'filename="big.png"\r\nContent-Type: image/png\r\n\r\n'
        )

        def chunks() -> Iterator[bytes]:
            yield head + png_bytes()
            for _ in range(12):
                yield bytes(MB)
            yield b"\r\n--" + boundary + b"--\r\n"

        answer = post(
            "/api/upload",
            content=chunks(),
            headers={"content-type": f"multipart/form-data; boundary={boundary.decode()}"},
        )
    _assert_refused(answer)
    assert server.uploads() == kept


# ---------------------------------------------------------------------- API: generate


@pytest.mark.parametrize("body", [b for _, b in BODIES], ids=[i for i, _ in BODIES])
def test_api_generate_refuses_wrong_types(server: Server, body: bytes) -> None:
    answer = _generate(server, body)
    _assert_refused(answer)
    assert answer.json() == {"success": False, "error": answer.json()["error"]}
    assert len(answer.json()["error"]) > 10


def test_api_generate_refuses_a_huge_json_body(server: Server) -> None:
    padding = "x" * (300 * 1024)  # API_MAX_BODY_KB is 256 by default
    body = json.dumps(VALID | {"padding": padding}).encode()
    status, _ = _assert_refused(_generate(server, body))
    assert status in (400, 413)

    def chunked() -> Iterator[bytes]:  # no content-length: counted while reading
        for offset in range(0, len(body), 64 * 1024):
            yield body[offset : offset + 64 * 1024]

    answer = server.client.post(
        "/api/stories/generate", content=chunked(), headers={"content-type": "application/json"}
    )
    assert _assert_refused(answer)[0] in (400, 413)
    assert "too large" in answer.json()["error"]


def test_api_generate_refuses_a_10_mb_prompt(server: Server) -> None:
    body = json.dumps(VALID | {"prompt": HUGE_PROMPT}).encode()
    answer = _generate(server, body)
    assert _assert_refused(answer)[0] in (400, 413)
    assert "too large" in answer.json()["error"]


@pytest.mark.parametrize("url", TRAVERSAL_IMAGE_URLS)
def test_api_generate_refuses_image_urls_outside_uploads(server: Server, url: str) -> None:
    body = json.loads(json.dumps(VALID))
    body["character"]["imageUrl"] = url
    answer = _generate(server, json.dumps(body).encode())
    assert _assert_refused(answer)[0] == 400
    assert "imageUrl" in answer.json()["error"]


@pytest.mark.parametrize("path", TRAVERSAL_PATHS)
def test_file_routes_never_serve_files_outside_their_folder(server: Server, path: str) -> None:
    status, text = server.raw_get(path)
    assert status != 500 and status < 500, f"{path}: {status}"
    _assert_plain(text)
    assert SENTINEL not in text
    assert "root:x:0" not in text
    assert "SQLite format" not in text
    assert "api_max_body_kb" not in text.lower()


@pytest.mark.parametrize("name", NAMES)
def test_api_makes_books_for_names_in_any_script(server: Server, name: str) -> None:
    body = json.loads(json.dumps(VALID))
    body["character"]["name"] = name
    answer = _generate(server, json.dumps(body, ensure_ascii=False).encode("utf-8"))
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert data["character"]["name"] == name
    assert name in data["story"] or name in data["title"]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_export_prints_names_in_any_script(tmp_path: Path, name: str) -> None:
    engine = Engine(make_settings(tmp_path))
    try:
        hero = Character.create(name, 6, ["brave"], ["boats"])
        book = engine.create_book(
            StoryRequest.create(hero, "A voyage", pages=4, seed=1), run_async=False
        ).book
        assert book.character.name == name
        pdf = book_pdf(book, lambda page: page_picture(engine, page))
        assert pdf.startswith(b"%PDF")
    finally:
        engine.close(wait=True)


# ------------------------------------------------------------------------------- UI


@pytest.fixture
def ui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("STORYILLUS_HOME", str(home))
    monkeypatch.chdir(home)
    close_engine()
    yield home
    close_engine()


def _uploads(home: Path) -> list[Path]:
    folder = home / "uploads"
    return list(folder.iterdir()) if folder.exists() else []


UI_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp")


@pytest.mark.parametrize("picture", BAD_PICTURES, ids=lambda p: p.id)
def test_ui_upload_refuses_bad_pictures(ui_home: Path, picture: Picture) -> None:
    outside = _listing(ui_home.parent, skip=ui_home)
    at = AppTest.from_file(str(ROOT / "ui.py"), default_timeout=60).run()
    # Streamlit's uploader refuses other extensions itself (in the browser, before the app
    # sees the file), so a .gif arrives renamed, as a user would do to get it through.
    filename = picture.filename
    if not filename.endswith(UI_EXTENSIONS):
        filename += ".png"
    upload = (filename, _bytes(picture), picture.mime)
    at.file_uploader(key="hero_upload").set_value(upload).run()
    assert not at.exception
    assert at.error, "a bad picture gets a message"
    message = at.error[0].value
    assert len(message) > 10
    _assert_plain(message)
    assert not at.get("image"), "a bad picture is not previewed"
    assert _uploads(ui_home) == []
    assert _listing(ui_home.parent, skip=ui_home) == outside


_UI_ACCEPTED = [pytest.param(p, id=p.id) for p in ACCEPTED_PICTURES]


@pytest.mark.parametrize("picture", _UI_ACCEPTED)
def test_ui_upload_accepts_and_stores_upright_rgb(ui_home: Path, picture: Picture) -> None:
    at = AppTest.from_file(str(ROOT / "ui.py"), default_timeout=60).run()
    upload = (picture.filename, _bytes(picture), picture.mime)
    at.file_uploader(key="hero_upload").set_value(upload).run()
    assert not at.exception and not at.error
    assert at.get("image"), "the picture is previewed"
    at.text_input(key="hero_name").input("Zoë")
    at.text_area(key="story_prompt").input("A boat trip")
    at.slider(key="story_pages").set_value(4)
    next(b for b in at.button if b.label == "Make my book").click().run()
    assert not at.exception and not at.error
    (stored,) = _uploads(ui_home)
    _check_stored(stored, picture)


# ------------------------------------------------------------------------------ CLI

CLI_BASE = ["book", "--name", "Lila", "--age", "7", "--prompt", "A boat trip", "--pages", "4"]


@pytest.fixture
def cli_root(tmp_path: Path) -> Path:
    for folder in ("home", "tmp", "input"):
        (tmp_path / folder).mkdir()
    return tmp_path


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "STORYILLUS_HOME": str(root / "home"),
        "TMPDIR": str(root / "tmp"),
    }
    return subprocess.run(
        [sys.executable, "-m", "storyillus", *args],
        cwd=root / "home",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _assert_cli_refused(result: subprocess.CompletedProcess[str], root: Path, before) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("storyillus: "), result.stderr
    _assert_plain(result.stderr)
    assert not (root / "out").exists()
    assert _listing(root) == before, "nothing is written"


@pytest.mark.parametrize("picture", BAD_PICTURES, ids=lambda p: p.id)
def test_cli_refuses_bad_pictures(cli_root: Path, picture: Picture) -> None:
    image = cli_root / "input" / picture.filename
    image.write_bytes(_bytes(picture))
    before = _listing(cli_root)
    result = _cli(cli_root, *CLI_BASE, "--image", str(image), "--out", str(cli_root / "out"))
    _assert_cli_refused(result, cli_root, before)


@pytest.mark.parametrize("seed", ["-1", str(2**63), "1" * 100, "1.5", "x"])
def test_cli_refuses_seeds_it_cannot_keep(cli_root: Path, seed: str) -> None:
    before = _listing(cli_root)
    result = _cli(cli_root, *CLI_BASE, "--seed", seed, "--out", str(cli_root / "out"))
    _assert_cli_refused(result, cli_root, before)


@pytest.mark.parametrize("image", ["missing.png", ".", "/dev/null"])
def test_cli_refuses_image_paths_that_are_not_pictures(cli_root: Path, image: str) -> None:
    before = _listing(cli_root)
    result = _cli(cli_root, *CLI_BASE, "--image", image, "--out", str(cli_root / "out"))
    _assert_cli_refused(result, cli_root, before)


@pytest.mark.parametrize("picture", ACCEPTED_PICTURES, ids=lambda p: p.id)
def test_cli_accepts_awkward_but_good_pictures(cli_root: Path, picture: Picture) -> None:
    image = cli_root / "input" / picture.filename
    image.write_bytes(_bytes(picture))
    result = _cli(cli_root, *CLI_BASE, "--image", str(image), "--out", str(cli_root / "out"))
    assert result.returncode == 0, result.stderr
    assert (cli_root / "out" / "book.json").is_file()
    assert list((cli_root / "tmp").iterdir()) == [], "the private home is cleaned up"


def test_cli_refuses_a_huge_prompt(cli_root: Path) -> None:
    # One argv string is capped by the kernel at 128 KB, so this is the largest that can
    # be passed to a real process; the 10 MB prompt goes through main() in-process below.
    before = _listing(cli_root)
    prompt = "x" * 120_000
    args = ["book", "--name", "Lila", "--age", "7", "--prompt", prompt]
    result = _cli(cli_root, *args, "--out", str(cli_root / "out"))
    _assert_cli_refused(result, cli_root, before)


def test_cli_main_refuses_a_10_mb_prompt(
    cli_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyillus.cli import main

    monkeypatch.setenv("STORYILLUS_HOME", str(cli_root / "home"))
    monkeypatch.chdir(cli_root / "home")
    before = _listing(cli_root)
    args = ["book", "--name", "Lila", "--age", "7", "--prompt", HUGE_PROMPT]
    assert main([*args, "--out", str(cli_root / "out")]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "too long" in err
    assert len(err) < 500, "the message does not echo the prompt"
    assert _listing(cli_root) == before


@pytest.mark.parametrize("name", NAMES)
def test_cli_makes_books_for_names_in_any_script(cli_root: Path, name: str) -> None:
    result = _cli(cli_root, *CLI_BASE[:2], name, *CLI_BASE[3:], "--out", str(cli_root / "out"))
    assert result.returncode == 0, result.stderr
    book = json.loads((cli_root / "out" / "book.json").read_text(encoding="utf-8"))
    assert book["character"]["name"] == name
