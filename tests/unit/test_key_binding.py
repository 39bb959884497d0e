"""Keys belong to the server they were entered for (issue 14, §5): the binding rules."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from storyillus.config import Settings, keys_cleared_by, load_settings, save_settings
from tests.conftest import make_settings

KEY = "fake-unit-test-key-0123456789"
NEW_KEY = "fake-local-server-key-9876543210"
OPENAI = "https://api.openai.com/v1"
LOCAL = "http://127.0.0.1:8099/v1"


def _saved(settings: Settings) -> dict[str, str]:
    return json.loads(settings.settings_file.read_text())


def _load(home: Path, environ: dict[str, str], dotenv: dict[str, str] | None = None) -> Settings:
    path = None
    if dotenv is not None:
        path = home / ".env"
        path.write_text("".join(f"{k}={v}\n" for k, v in dotenv.items()))
    return load_settings(environ=environ, dotenv_path=path, home=home)


# -- keys typed on the page ---------------------------------------------------------------


def test_a_typed_key_is_stored_with_the_url_in_force(tmp_path: Path) -> None:
    saved = save_settings(make_settings(tmp_path), {"openai_api_key": KEY})
    assert _saved(saved) == {"OPENAI_API_KEY": KEY, "OPENAI_API_KEY_FOR": OPENAI}
    assert saved.openai_api_key == KEY and saved.withheld == ()


def test_saving_a_url_on_another_server_clears_the_key(tmp_path: Path) -> None:
    settings = save_settings(make_settings(tmp_path), {"openai_api_key": KEY})
    (cleared,) = keys_cleared_by(settings, {"openai_base_url": LOCAL})
    assert cleared.message == (
        "The OpenAI key was entered for api.openai.com; enter a key for 127.0.0.1:8099."
    )
    moved = save_settings(settings, {"openai_base_url": LOCAL})
    assert _saved(moved) == {"OPENAI_BASE_URL": LOCAL}
    assert moved.openai_api_key is None and not moved.has_openai_key
    assert not moved.judge_enabled  # "auto" judges only with a key


def test_a_key_typed_with_the_new_url_is_for_the_new_server(tmp_path: Path) -> None:
    settings = save_settings(make_settings(tmp_path), {"openai_api_key": KEY})
    changes = {"openai_base_url": LOCAL, "openai_api_key": NEW_KEY}
    assert keys_cleared_by(settings, changes) == []
    moved = save_settings(settings, changes)
    assert _saved(moved)["OPENAI_API_KEY_FOR"] == LOCAL
    assert moved.openai_api_key == NEW_KEY
    # ... and moving back to api.openai.com does not send it there.
    back = save_settings(moved, {}, reset=["openai_base_url"])
    assert back.openai_base_url == OPENAI and back.openai_api_key is None
    assert "OPENAI_API_KEY" not in _saved(back)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://api.openai.com/v2", True),  # same server, another path
        ("https://API.openai.com:443/v1", True),  # the same server written differently
        ("http://api.openai.com/v1", False),  # in clear text
        ("https://api.openai.com:8443/v1", False),  # another port
        ("https://api.openai.com.example.net/v1", False),
        ("https://api.openai.com@127.0.0.1/v1", False),  # user info: the host is 127.0.0.1
    ],
)
def test_a_server_is_its_scheme_host_and_port(tmp_path: Path, url: str, kept: bool) -> None:
    settings = save_settings(make_settings(tmp_path), {"openai_api_key": KEY})
    moved = save_settings(settings, {"openai_base_url": url})
    assert (moved.openai_api_key == KEY) is kept
    assert ("OPENAI_API_KEY" in _saved(moved)) is kept


def test_using_the_default_key_again_forgets_the_url_saved_with_it(tmp_path: Path) -> None:
    settings = save_settings(make_settings(tmp_path), {"openai_api_key": KEY})
    assert _saved(save_settings(settings, {}, reset=["openai_api_key"])) == {}


def test_other_changes_keep_the_key(tmp_path: Path) -> None:
    settings = save_settings(make_settings(tmp_path), {"openai_api_key": KEY})
    again = save_settings(settings, {"concurrency": 2})
    assert again.openai_api_key == KEY
    assert keys_cleared_by(again, {"concurrency": 3}) == []


def test_a_url_moved_in_the_environment_leaves_a_page_key_unused(tmp_path: Path) -> None:
    save_settings(make_settings(tmp_path), {"openai_api_key": KEY})
    settings = _load(tmp_path, {"OPENAI_BASE_URL": LOCAL})
    assert settings.openai_api_key is None
    assert settings.source("openai_api_key") == "settings file"
    assert settings.withheld_key("openai_api_key").message == (
        "The OpenAI key was entered for api.openai.com; enter a key for 127.0.0.1:8099."
    )
    assert settings.redacted()["OPENAI_API_KEY"] == "entered for another server"
    assert _load(tmp_path, {}).openai_api_key == KEY  # back where it was entered for


def test_a_settings_file_from_before_binding_keeps_working_until_the_url_moves(
    tmp_path: Path,
) -> None:
    file = tmp_path / "data" / "settings.json"
    file.parent.mkdir()
    file.write_text(json.dumps({"OPENAI_API_KEY": KEY}))
    settings = make_settings(tmp_path)
    assert settings.openai_api_key == KEY
    # The next save writes down the server it was used with ...
    assert _saved(save_settings(settings, {"concurrency": 2}))["OPENAI_API_KEY_FOR"] == OPENAI
    # ... and a move is a move, saved or not.
    file.write_text(json.dumps({"OPENAI_API_KEY": KEY}))
    moved = save_settings(make_settings(tmp_path), {"openai_base_url": LOCAL})
    assert "OPENAI_API_KEY" not in _saved(moved)


def test_a_hand_edited_binding_that_is_not_a_url_withholds_the_key(tmp_path: Path) -> None:
    file = tmp_path / "data" / "settings.json"
    file.parent.mkdir()
    file.write_text(json.dumps({"OPENAI_API_KEY": KEY, "OPENAI_API_KEY_FOR": "somewhere"}))
    settings = make_settings(tmp_path)
    assert settings.openai_api_key is None
    assert "somewhere" in settings.withheld_key("openai_api_key").message


# -- keys from .env and the environment ----------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "dotenv", "used"),
    [
        ({"OPENAI_API_KEY": KEY}, None, True),  # the default URL
        ({"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": LOCAL}, None, True),  # set together
        ({}, {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": LOCAL}, True),
        ({"OPENAI_API_KEY": KEY}, {"OPENAI_BASE_URL": LOCAL}, True),  # a lower layer's URL
        ({"OPENAI_BASE_URL": LOCAL}, {"OPENAI_API_KEY": KEY}, False),  # a higher layer's
        ({"OPENAI_BASE_URL": LOCAL}, {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": OPENAI}, False),
    ],
)
def test_a_key_from_env_goes_with_the_url_of_its_layer_or_a_lower_one(
    tmp_path: Path, environ: dict[str, str], dotenv: dict[str, str] | None, used: bool
) -> None:
    settings = _load(tmp_path, environ, dotenv)
    assert (settings.openai_api_key == KEY) is used
    assert (settings.withheld_key("openai_api_key") is None) is used


def test_a_url_saved_on_the_page_leaves_a_key_from_the_environment_unused(tmp_path: Path) -> None:
    settings = _load(tmp_path, {"OPENAI_API_KEY": KEY})
    assert keys_cleared_by(settings, {"openai_base_url": LOCAL}) == []  # nothing to clear
    moved = save_settings(settings, {"openai_base_url": LOCAL})
    assert moved.openai_api_key is None
    assert moved.withheld_key("openai_api_key").entered_for == OPENAI


def test_a_key_given_by_the_program_goes_with_the_url_in_force(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, openai_api_key=KEY, openai_base_url=LOCAL)
    assert settings.openai_api_key == KEY
    moved = save_settings(make_settings(tmp_path, openai_api_key=KEY), {"openai_base_url": LOCAL})
    assert moved.openai_api_key == KEY


# -- Azure -----------------------------------------------------------------------------------


AZURE = "https://storybooks.openai.azure.com"
AZURE_KEY = "azure-unit-test-key-0123456789"


def test_the_azure_key_goes_with_its_endpoint(tmp_path: Path) -> None:
    both = {"azure_endpoint": AZURE, "azure_openai_api_key": AZURE_KEY}
    settings = save_settings(make_settings(tmp_path, azure_deployment="d"), both)
    assert settings.has_azure
    assert _saved(settings)["AZURE_OPENAI_API_KEY_FOR"] == AZURE
    (cleared,) = keys_cleared_by(settings, {"azure_endpoint": "http://127.0.0.1:9"})
    assert cleared.message == (
        "The Azure key was entered for storybooks.openai.azure.com; enter a key for 127.0.0.1:9."
    )
    moved = save_settings(settings, {"azure_endpoint": "http://127.0.0.1:9"})
    assert moved.azure_openai_api_key is None and not moved.has_azure
    # No endpoint at all: the key has nowhere to go either.
    settings = save_settings(moved, {"azure_openai_api_key": AZURE_KEY})
    cleared = keys_cleared_by(settings, {}, reset=["azure_endpoint"])
    assert [c.message for c in cleared] == [
        "The Azure key was entered for 127.0.0.1:9; no Azure server is set now."
    ]


def test_an_azure_key_typed_before_its_endpoint_is_not_sent_to_it(tmp_path: Path) -> None:
    settings = save_settings(make_settings(tmp_path), {"azure_openai_api_key": AZURE_KEY})
    assert _saved(settings)["AZURE_OPENAI_API_KEY_FOR"] == ""
    moved = save_settings(settings, {"azure_endpoint": AZURE})
    assert moved.azure_openai_api_key is None
    assert "AZURE_OPENAI_API_KEY" not in _saved(moved)


def test_an_azure_key_in_the_environment_with_an_endpoint_saved_on_the_page(
    tmp_path: Path,
) -> None:
    settings = _load(tmp_path, {"AZURE_OPENAI_ENDPOINT": AZURE, "AZURE_OPENAI_API_KEY": AZURE_KEY})
    assert settings.azure_openai_api_key == AZURE_KEY
    moved = save_settings(settings, {"azure_endpoint": "https://user:pw@other.example.com"})
    withheld = moved.withheld_key("azure_openai_api_key")
    assert withheld.message == (
        "The Azure key was entered for storybooks.openai.azure.com; "
        "enter a key for other.example.com."
    )


# -- secrets stay secret ---------------------------------------------------------------------


def test_no_key_in_repr_of_settings_or_where_they_came_from(tmp_path: Path) -> None:
    settings = _load(tmp_path, {"OPENAI_API_KEY": KEY, "AZURE_OPENAI_API_KEY": AZURE_KEY})
    for text in (repr(settings), repr(settings.origin), repr(settings.withheld)):
        assert KEY not in text and AZURE_KEY not in text
    moved = save_settings(settings, {"openai_base_url": LOCAL})
    assert KEY not in repr(moved) and KEY not in str(moved.redacted())
    assert KEY not in moved.withheld_key("openai_api_key").message


def test_the_settings_file_is_owner_only_even_over_a_leftover_temporary_file(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    leftover = settings.data_dir / f".settings.json.{os.getpid()}.tmp"
    leftover.write_text("{}")
    leftover.chmod(0o644)
    saved = save_settings(settings, {"openai_api_key": KEY})
    assert stat.S_IMODE(saved.settings_file.stat().st_mode) == 0o600
