"""Privacy: uploaded photos lose their metadata (camera, time, GPS), and secrets (API keys,
the API token) never show up in logs, API answers or exported books."""

from __future__ import annotations

import io
import json
import stat
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image, PngImagePlugin

from storyillus.config import load_settings, save_settings
from storyillus.export import book_pdf, book_zip, page_picture
from storyillus.service import Engine
from tests.asgi import ApiClient, captured_log, in_process
from tests.conftest import make_settings
from tests.fake_openai import FakeOpenAI, Fault

OPENAI_KEY = "test-secret-openai-8f3a1c"
AZURE_KEY = "test-secret-azure-77d2"
TOKEN = "test-secret-token-c0ffee"
SECRETS = (OPENAI_KEY, AZURE_KEY, TOKEN)
MAKER = "PhoneMaker"


# ------------------------------------------------------------------------ metadata


def _photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = MAKER  # Make
    exif[0x0110] = "PhoneModel 12"  # Model
    exif[0x0132] = "2024:05:01 10:11:12"  # DateTime
    exif[0x0131] = "PhoneMaker Camera 3.1"  # Software
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 22.0, 12.5), 3: "E", 4: (4.0, 53.0, 1.0)})
    taken = exif.get_ifd(0x8769)
    taken[0x9003] = "2024:05:01 10:11:12"  # DateTimeOriginal
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 120, 40)).save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test photo really carries it all
        assert check.getexif()[0x010F] == MAKER
        assert check.getexif().get_ifd(0x8825)[1] == "N"
    assert b"Exif" in data and MAKER.encode() in data
    return data


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", MAKER)
    info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{MAKER} 52.37N 4.89E</x:xmpmeta>")
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 200)).save(buffer, "PNG", pnginfo=info)
    assert MAKER.encode() in buffer.getvalue()
    return buffer.getvalue()


def _assert_clean(data: bytes) -> None:
    assert b"Exif" not in data
    assert MAKER.encode() not in data
    assert b"52.37" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert not {k for k in image.info if k not in ("dpi", "gamma")}, image.info


@pytest.mark.parametrize("build", [_photo_with_gps, _png_with_text], ids=["gps-jpeg", "png-text"])
def test_engine_stores_pictures_without_metadata(tmp_path: Path, build: Any) -> None:
    engine = Engine(make_settings(tmp_path))
    try:
        path = engine.store_reference_picture(build())
    finally:
        engine.close(wait=True)
    _assert_clean(path.read_bytes())


# -------------------------------------------------------------------------- server


@dataclass
class App:
    client: ApiClient
    """Sends the API token."""
    anonymous: ApiClient
    engine: Engine
    home: Path
    log: list[str]
    fake: FakeOpenAI


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    fake = FakeOpenAI()
    fake.api_key = OPENAI_KEY  # the fake checks the keys it is sent against these
    fake.azure_key = AZURE_KEY
    fake.start()
    home = tmp_path_factory.mktemp("privacy")
    env = {
        "OPENAI_API_KEY": OPENAI_KEY,
        "OPENAI_BASE_URL": fake.base_url,
        "AZURE_OPENAI_ENDPOINT": fake.azure_endpoint,
        "AZURE_OPENAI_API_KEY": AZURE_KEY,
        "AZURE_OPENAI_DEPLOYMENT_NAME": fake.deployment,
        "API_TOKEN": TOKEN,
        "ENABLE_JOBS_LIST_ENDPOINT": "true",
        "HTTP_RETRIES": "0",
    }
    headers = {"authorization": f"Bearer {TOKEN}"}
    with captured_log() as log:  # everything, httpx's request lines included
        engine = Engine(load_settings(environ=env, dotenv_path=None, home=home))
        engine.start()
        try:
            with in_process(engine, headers) as client, in_process(engine) as anonymous:
                yield App(client, anonymous, engine, home, log, fake)
        finally:
            engine.close(wait=True)
            fake.stop()


def _assert_no_secret(where: str, data: str | bytes) -> None:
    for secret in SECRETS:
        needle = secret.encode() if isinstance(data, bytes) else secret
        assert needle not in data, f"{secret} leaked into {where}"


def test_api_upload_strips_exif_and_gps(app: App) -> None:
    for name, data in (("gps.jpg", _photo_with_gps()), ("text.png", _png_with_text())):
        answer = app.client.post("/api/upload", files={"character-image": (name, data, "x")})
        assert answer.status_code == 200, answer.text
        _assert_clean((app.home / "uploads" / answer.json()["data"]["filename"]).read_bytes())
        _assert_clean(app.client.get(answer.json()["data"]["path"]).content)


def _poll(client: ApiClient, job_id: str) -> tuple[dict[str, Any], list[httpx.Response]]:
    answers = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        answer = client.get(f"/api/stories/illustrations/job/{job_id}")
        answers.append(answer)
        assert answer.status_code == 200, answer.text
        job = answer.json()["data"]
        if job["status"] in ("completed", "failed"):
            return job, answers
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def test_secrets_never_leave_the_app(app: App) -> None:
    client = app.client
    # Failures whose messages are recorded per page: a good place for a key to slip in.
    app.fake.script("edits", Fault("auth"), Fault("bad_request"))
    app.fake.script("azure_edits", Fault("auth"))
    answers: list[tuple[str, httpx.Response]] = []

    uploaded = client.post(
        "/api/upload", files={"character-image": ("me.jpg", _photo_with_gps(), "image/jpeg")}
    )
    answers.append(("upload", uploaded))
    body = {
        "character": {
            "name": "Lila",
            "age": 7,
            "imageUrl": uploaded.json()["data"]["path"],
        },
        "prompt": "A cosmic garden adventure",
        "pages": 4,
    }
    made = client.post("/api/stories/generate", json=body)
    assert made.status_code == 200, made.text
    answers.append(("generate", made))
    job, polled = _poll(client, made.json()["data"]["metadata"]["illustrationJobId"])
    assert job["status"] == "completed"
    attempts = [a for r in job["results"] for a in r["attempts"]]
    assert any(a["error"] for a in attempts), "refused keys were recorded (and checked below)"
    answers += [("job status", answer) for answer in polled]
    answers.append(("jobs list", client.get("/api/stories/illustrations/jobs")))
    answers.append(("health", client.get("/api/health")))
    answers.append(("suggestions", client.post("/api/stories/suggestions", json=body)))
    answers.append(("no token", app.anonymous.get("/api/health")))
    answers.append(
        (
            "wrong token",
            client.get("/api/stories/illustrations/jobs", headers={"authorization": "Bearer nope"}),
        )
    )
    answers.append(("bad body", client.post("/api/stories/generate", json={"x": 1})))
    for result in job["results"]:
        answers.append(("image", client.get(result["localUrl"])))
    for where, answer in answers:
        assert answer.status_code < 500, f"{where}: {answer.text[:200]}"
        _assert_no_secret(where, answer.content)
        _assert_no_secret(where, json.dumps(dict(answer.headers)))

    # The exports, made by the engine behind the API.
    engine = app.engine
    book = engine.get_book(made.json()["data"]["metadata"]["bookId"])
    pdf = book_pdf(book, lambda p: page_picture(engine, p))
    archive = book_zip(book, lambda p: page_picture(engine, p))
    assert pdf.startswith(b"%PDF")
    _assert_no_secret("the PDF", pdf)
    _assert_no_secret("the ZIP", archive)
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        for name in opened.namelist():
            _assert_no_secret(f"the ZIP's {name}", opened.read(name))

    # Nothing the app wrote to disk holds a key (the settings file is checked below).
    for path in app.home.rglob("*"):
        if path.is_file() and path.name != "settings.json":
            _assert_no_secret(str(path.relative_to(app.home)), path.read_bytes())

    assert app.log, "the log was captured"
    _assert_no_secret("the log", "\n".join(app.log))
    assert len(app.fake.requests) > 0, "the remote providers were really called"


def test_saved_keys_live_in_an_owner_only_settings_file(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    saved = save_settings(
        settings, {"openai_api_key": OPENAI_KEY, "azure_openai_api_key": AZURE_KEY}
    )
    assert saved.openai_api_key == OPENAI_KEY
    assert saved.settings_file.is_file()
    assert stat.S_IMODE(saved.settings_file.stat().st_mode) == 0o600
    # Saving again (the file already exists) keeps it owner-only.
    save_settings(saved, {"api_token": TOKEN})
    assert stat.S_IMODE(saved.settings_file.stat().st_mode) == 0o600
    # Nothing but the settings file holds the keys.
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != saved.settings_file:
            _assert_no_secret(str(path), path.read_bytes())


def test_settings_do_not_print_their_keys(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, openai_api_key=OPENAI_KEY, azure_openai_api_key=AZURE_KEY, api_token=TOKEN
    )
    _assert_no_secret("repr(Settings)", repr(settings))
    _assert_no_secret("str(Settings)", str(settings))
