"""A key is never sent to a server it was not entered for (issue 14, §5).

The app is set up with a key for the real service, then its base URL (or the Azure
endpoint) is moved to a server on 127.0.0.1 that records every request it receives, headers
and bodies: through the Settings page's save (``Engine.save_settings``), through ``.env`` and
through the environment. A book is made, and no request may carry the key. A key typed for
the new server in the same save is sent there, which shows the server was really reachable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storyillus import Character, Engine, StoryRequest
from storyillus.config import load_settings
from tests.conftest import png_bytes
from tests.fake_openai import FakeOpenAI, Recorded

ROOT = Path(__file__).resolve().parents[2]

# Real-looking keys for the real services; the capturing server must never see them.
OPENAI_KEY = "fake-key-typed-for-api-openai-com-0123456789"
AZURE_KEY = "fake-azure-key-typed-for-the-azure-endpoint"
AZURE_ENDPOINT = "https://storybooks.openai.azure.com"


def _carrying(requests: list[Recorded], secret: str) -> list[Recorded]:
    """The requests that hold ``secret`` anywhere: headers, query, JSON or multipart fields."""
    found = []
    for record in requests:
        seen = [
            *record.headers.values(),
            *record.query.values(),
            json.dumps(record.json or {}),
            json.dumps(record.fields),
        ]
        if any(secret in text for text in seen):
            found.append(record)
    return found


class App:
    """An engine on ``home`` whose .env and environment a test can change, as an owner would."""

    def __init__(self, home: Path, environ: dict[str, str]) -> None:
        self.home = home
        self.environ = environ
        self.dotenv = home / ".env"
        self.engine = Engine(load_settings(environ=environ, dotenv_path=self.dotenv, home=home))

    def write_dotenv(self, **values: str) -> None:
        self.dotenv.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
        self.engine.reload_settings()

    def set_environment(self, **values: str) -> None:
        self.environ.update(values)
        self.engine.reload_settings()

    def make_book(self) -> str:
        """A four-page book with the hero's picture (so edits are tried); its illustrators."""
        picture = self.engine.store_reference_picture(png_bytes((200, 200)))
        hero = Character.create("Lila", 7, ["brave"], ["space"], image_path=str(picture))
        request = StoryRequest.create(hero, "A cosmic garden adventure", pages=4, seed=1)
        job = self.engine.create_book(request, run_async=False).job
        assert job.status.value == "completed", job.to_status_json()
        return ",".join(sorted({result.to_json()["model"] for result in job.results}))


@pytest.fixture
def app(tmp_path: Path, fake_openai: FakeOpenAI) -> Iterator[Callable[..., App]]:
    made: list[App] = []

    def make(dotenv: dict[str, str] | None = None, **environ: str) -> App:
        if dotenv:
            (tmp_path / ".env").write_text("".join(f"{k}={v}\n" for k, v in dotenv.items()))
        base = {"HTTP_RETRIES": "0", "IMAGE_EDIT_TIMEOUT_MS": "10000"}
        made.append(App(tmp_path, {**base, **environ}))
        return made[-1]

    yield make
    for each in made:
        each.engine.close(wait=True)


# -- OpenAI: the key for api.openai.com, the base URL moved to the capturing server ---------


def _key_on_page(make: Callable[..., App]) -> App:
    app = make()
    app.engine.save_settings({"openai_api_key": OPENAI_KEY})
    return app


def _key_in_dotenv(make: Callable[..., App]) -> App:
    return make(dotenv={"OPENAI_API_KEY": OPENAI_KEY})


def _key_in_environment(make: Callable[..., App]) -> App:
    return make(OPENAI_API_KEY=OPENAI_KEY)


def _url_on_page(app: App, url: str) -> None:
    app.engine.save_settings({"openai_base_url": url})


def _url_in_dotenv(app: App, url: str) -> None:
    values = {"OPENAI_BASE_URL": url}
    if app.dotenv.is_file() and OPENAI_KEY in app.dotenv.read_text():
        values = {"OPENAI_API_KEY": OPENAI_KEY, **values}  # the owner edits one line of it
    app.write_dotenv(**values)


def _url_in_environment(app: App, url: str) -> None:
    app.set_environment(OPENAI_BASE_URL=url)


KEYS = {"page": _key_on_page, ".env": _key_in_dotenv, "environment": _key_in_environment}
MOVES = {"page": _url_on_page, ".env": _url_in_dotenv, "environment": _url_in_environment}
# A key follows a URL set in its own layer or a lower one (the owner set both there): the
# key in the environment goes with a URL in .env or beside it, a .env key with one beside it.
OWNER_SET_BOTH = {("environment", ".env"), ("environment", "environment"), (".env", ".env")}


@pytest.mark.parametrize("moved_by", list(MOVES))
@pytest.mark.parametrize("key_from", list(KEYS))
def test_no_request_carries_the_openai_key_after_the_base_url_moves(
    app: Callable[..., App], fake_openai: FakeOpenAI, key_from: str, moved_by: str
) -> None:
    made = KEYS[key_from](app)
    assert made.engine.settings.openai_api_key == OPENAI_KEY
    MOVES[moved_by](made, fake_openai.base_url)
    settings = made.engine.settings
    assert settings.openai_base_url == fake_openai.base_url
    if (key_from, moved_by) in OWNER_SET_BOTH:
        # Not a move away from the key: the owner set it for this URL.
        assert settings.openai_api_key == OPENAI_KEY
        return

    made.make_book()
    assert _carrying(fake_openai.requests, OPENAI_KEY) == []
    assert fake_openai.requests == []  # nothing else to send there either

    assert settings.openai_api_key is None
    if key_from == "page" and moved_by == "page":
        # Cleared from the settings file, not only left unused.
        assert OPENAI_KEY not in (made.home / "data" / "settings.json").read_text()
        assert settings.withheld == ()
    else:  # left where the owner put it, and not used
        host = fake_openai.base_url.split("/")[2]
        assert settings.withheld_key("openai_api_key").message == (
            f"The OpenAI key was entered for api.openai.com; enter a key for {host}."
        )


@pytest.mark.parametrize("key_from", list(KEYS))
def test_a_key_typed_with_the_new_base_url_goes_there_and_the_old_one_never(
    app: Callable[..., App], fake_openai: FakeOpenAI, key_from: str
) -> None:
    made = KEYS[key_from](app)
    made.engine.save_settings(
        {"openai_base_url": fake_openai.base_url, "openai_api_key": fake_openai.api_key}
    )
    assert made.engine.settings.openai_api_key == fake_openai.api_key
    assert made.make_book() == "gpt-image-2"

    assert fake_openai.requests, "the capturing server was called"
    assert len(_carrying(fake_openai.requests, fake_openai.api_key)) == len(fake_openai.requests)
    assert _carrying(fake_openai.requests, OPENAI_KEY) == []
    kinds = {record.endpoint for record in fake_openai.requests}
    assert {"chat", "edits"} <= kinds  # the writer, the judge and the illustrator


def test_a_key_typed_after_the_move_goes_to_the_new_server(
    app: Callable[..., App], fake_openai: FakeOpenAI
) -> None:
    made = _key_on_page(app)
    _url_on_page(made, fake_openai.base_url)
    made.engine.save_settings({"openai_api_key": fake_openai.api_key})
    assert made.make_book() == "gpt-image-2"
    assert fake_openai.requests
    assert len(_carrying(fake_openai.requests, fake_openai.api_key)) == len(fake_openai.requests)
    assert _carrying(fake_openai.requests, OPENAI_KEY) == []

    # Moving back to api.openai.com does not bring the old key back: it was cleared.
    _url_on_page(made, "https://api.openai.com/v1")
    assert made.engine.settings.openai_api_key is None
    assert OPENAI_KEY not in (made.home / "data" / "settings.json").read_text()


# -- Azure: the key for storybooks.openai.azure.com, the endpoint moved -------------------


def _azure(make: Callable[..., App], key_from: str) -> App:
    deployment = {"AZURE_OPENAI_DEPLOYMENT_NAME": FakeOpenAI.deployment}
    if key_from == "page":  # the endpoint from the environment, the key typed for it
        made = make(AZURE_OPENAI_ENDPOINT=AZURE_ENDPOINT, **deployment)
        made.engine.save_settings({"azure_openai_api_key": AZURE_KEY})
        return made
    values = {"AZURE_OPENAI_ENDPOINT": AZURE_ENDPOINT, "AZURE_OPENAI_API_KEY": AZURE_KEY}
    if key_from == ".env":
        return make(dotenv=values, **deployment)
    return make(**values, **deployment)


AZURE_MOVES: dict[str, Callable[[App, str], None]] = {
    "page": lambda made, url: made.engine.save_settings({"azure_endpoint": url}),
    "environment": lambda made, url: made.set_environment(AZURE_OPENAI_ENDPOINT=url),
}


# (A key and an endpoint both set in the environment go together: not a move.)
@pytest.mark.parametrize(
    ("key_from", "moved_by"),
    [
        ("page", "page"),
        ("page", "environment"),
        (".env", "page"),
        (".env", "environment"),
        ("environment", "page"),
    ],
)
def test_no_request_carries_the_azure_key_after_the_endpoint_moves(
    app: Callable[..., App], fake_openai: FakeOpenAI, key_from: str, moved_by: str
) -> None:
    made = _azure(app, key_from)
    assert made.engine.settings.has_azure
    AZURE_MOVES[moved_by](made, fake_openai.azure_endpoint)
    assert made.engine.settings.azure_endpoint == fake_openai.azure_endpoint
    assert made.make_book() == "offline-illustrator"
    assert _carrying(fake_openai.requests, AZURE_KEY) == []
    assert fake_openai.requests == []

    settings = made.engine.settings
    assert settings.azure_openai_api_key is None and not settings.has_azure
    if key_from == "page" and moved_by == "page":
        assert AZURE_KEY not in (made.home / "data" / "settings.json").read_text()
    else:
        host = fake_openai.azure_endpoint.split("/")[2]
        assert settings.withheld_key("azure_openai_api_key").message == (
            f"The Azure key was entered for storybooks.openai.azure.com; enter a key for {host}."
        )


def test_an_azure_key_typed_with_the_new_endpoint_goes_there(
    app: Callable[..., App], fake_openai: FakeOpenAI
) -> None:
    made = _azure(app, "page")
    made.engine.save_settings(
        {
            "azure_endpoint": fake_openai.azure_endpoint,
            "azure_openai_api_key": fake_openai.azure_key,
        }
    )
    made.make_book()
    sent = fake_openai.requests_to("azure_edits")
    assert sent, "the Azure deployment was called"
    assert all(record.headers.get("api-key") == fake_openai.azure_key for record in sent)
    assert _carrying(fake_openai.requests, AZURE_KEY) == []
    saved = (made.home / "data" / "settings.json").read_text()
    assert AZURE_KEY not in saved


def test_the_cli_says_which_key_is_left_unused_and_never_shows_it(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"OPENAI_API_KEY={OPENAI_KEY}\n")
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "STORYILLUS_HOME": str(tmp_path),
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
    }
    environment.pop("OPENAI_API_KEY", None)
    done = subprocess.run(
        [sys.executable, "-m", "storyillus", "check"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == (
        "storyillus: The OpenAI key was entered for api.openai.com; enter a key for 127.0.0.1:9."
    )
    assert OPENAI_KEY not in done.stdout + done.stderr
