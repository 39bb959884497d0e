import json
from dataclasses import fields
from pathlib import Path

import pytest

from storyillus import ConfigError
from storyillus.config import (
    PAGE_SECTIONS,
    SPECS,
    Settings,
    env_example,
    load_settings,
    page_sections,
    save_settings,
)
from storyillus.service import Engine
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_follow_the_design(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    assert settings.home == tmp_path.resolve()
    assert settings.openai_base_url == "https://api.openai.com/v1"
    assert settings.openai_image_model == "gpt-image-2"
    assert settings.fallback_image_model == "gpt-image-2"
    assert settings.openai_text_model == "gpt-5.4-mini"
    assert settings.azure_api_version == "2025-04-01-preview"
    assert settings.async_illustrations is True
    assert settings.concurrency == 4
    assert settings.save_generated_images is True
    assert settings.enable_jobs_list is False
    assert settings.openai_api_key is None
    assert settings.generated_dir == tmp_path.resolve() / "generated"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (
            "GENERATED_IMAGE_MAX_MB",
            "abc",
            "GENERATED_IMAGE_MAX_MB='abc' is invalid: expected a whole number, 0 or more.",
        ),
        (
            "ILLUSTRATION_CONCURRENCY",
            "0",
            "ILLUSTRATION_CONCURRENCY='0' is invalid: expected a whole number, from 1 to 64.",
        ),
        (
            "ASYNC_ILLUSTRATIONS",
            "maybe",
            "ASYNC_ILLUSTRATIONS='maybe' is invalid: expected true or false",
        ),
        ("OPENAI_BASE_URL", "ftp://x", "OPENAI_BASE_URL='ftp://x' is invalid: expected a URL"),
        ("IMAGE_SIZE", "10x10", "IMAGE_SIZE='10x10' is invalid: expected one of 1024x1024"),
    ],
)
def test_invalid_value_names_the_variable_and_what_it_accepts(
    tmp_path: Path, name: str, value: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={name: value}, dotenv_path=None, home=tmp_path)
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_secret_values_never_appear_in_errors_or_redacted_output(tmp_path: Path) -> None:
    settings = load_settings(
        environ={"OPENAI_API_KEY": "sk-test-secret-value"}, dotenv_path=None, home=tmp_path
    )
    assert settings.openai_api_key == "sk-test-secret-value"
    assert settings.redacted()["OPENAI_API_KEY"] == "set"
    assert "sk-test" not in repr(settings.redacted())


def test_dotenv_then_environment_then_settings_file(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "ILLUSTRATION_CONCURRENCY=2\nGENERATED_IMAGE_MAX_FILES=7\nIMAGE_SIZE=1536x1024\n"
    )
    settings = load_settings(
        environ={"GENERATED_IMAGE_MAX_FILES": "9"}, dotenv_path=dotenv, home=tmp_path
    )
    assert (settings.concurrency, settings.max_files, settings.pixel_size) == (2, 9, (1536, 1024))

    save_settings(settings, {"concurrency": 3, "async_illustrations": False})
    again = load_settings(
        environ={"GENERATED_IMAGE_MAX_FILES": "9"}, dotenv_path=dotenv, home=tmp_path
    )
    assert (again.concurrency, again.async_illustrations, again.max_files) == (3, False, 9)


def test_saving_a_bad_value_changes_nothing(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    save_settings(settings, {"max_files": 5})
    before = settings.settings_file.read_text()
    with pytest.raises(ConfigError, match="GENERATED_IMAGE_MAX_MB"):
        save_settings(settings, {"max_files": 6, "max_mb": "lots"})
    assert settings.settings_file.read_text() == before


def test_home_from_environment(tmp_path: Path) -> None:
    settings = load_settings(environ={"STORYILLUS_HOME": str(tmp_path)}, dotenv_path=None)
    assert settings.database_path == tmp_path.resolve() / "data" / "storyillus.sqlite3"


def test_env_example_lists_every_setting_with_its_default() -> None:
    committed = (ROOT / ".env.example").read_text()
    assert committed == env_example()
    for spec in SPECS.values():
        assert f"\n{spec.env}={spec.default}\n" in committed


def test_settings_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    save_settings(settings, {"openai_api_key": "test-key-for-mode"})
    assert settings.settings_file.stat().st_mode & 0o777 == 0o600


def test_one_table_declares_every_setting_and_the_page_fields(tmp_path: Path) -> None:
    assert [f.name for f in fields(Settings) if f.name not in ("origin", "withheld")] == list(SPECS)
    assert len({spec.env for spec in SPECS.values()}) == len(SPECS)
    shown = [name for names in page_sections().values() for name in names]
    assert list(page_sections()) == list(PAGE_SECTIONS)
    assert sorted(shown) == sorted(name for name, spec in SPECS.items() if spec.page)
    assert "api_token" not in shown and "home" not in shown
    secrets = {name for name, spec in SPECS.items() if spec.secret}
    assert secrets == {"openai_api_key", "azure_openai_api_key", "api_token"}
    assert not any(secret in repr(make_settings(tmp_path)) for secret in secrets)


def test_each_value_says_where_it_comes_from(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("ILLUSTRATION_CONCURRENCY=2\nGENERATED_IMAGE_MAX_MB=7\nIMAGE_SIZE=auto\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "settings.json").write_text('{"IMAGE_SIZE": "1536x1024"}')
    settings = load_settings(
        environ={"GENERATED_IMAGE_MAX_MB": "9", "OPENAI_API_KEY": "sk-from-env"},
        dotenv_path=dotenv,
        home=tmp_path,
        max_files=0,
    )
    assert settings.source("http_retries") == "default"
    assert settings.source("concurrency") == ".env"
    assert (settings.max_mb, settings.source("max_mb")) == (9, "environment")
    assert settings.source("openai_api_key") == "environment"
    assert (settings.image_size, settings.source("image_size")) == ("1536x1024", "settings file")
    assert settings.fallback("image_size") == ("auto", ".env")
    assert (settings.max_files, settings.source("max_files")) == (0, "program")
    assert settings.source("home") == "program"


def test_reload_keeps_the_sources_and_overrides_it_was_loaded_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ILLUSTRATION_CONCURRENCY", "7")  # not in the environ given below
    settings = make_settings(tmp_path, save_generated_images=False, max_files=0, max_mb=0)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "settings.json").write_text('{"GENERATED_IMAGE_MAX_FILES": "5"}')
    again = settings.reload()
    assert (again.save_generated_images, again.max_files, again.max_mb) == (False, 0, 0)
    assert again.concurrency == 4
    assert again.home == settings.home


def test_engine_reload_and_save_keep_the_engine_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # How the CLI builds its engine; a reload used to read os.environ and drop the overrides.
    monkeypatch.setenv("GENERATED_IMAGE_MAX_FILES", "7")
    engine = Engine(
        load_settings(environ={}, dotenv_path=None, home=tmp_path, max_files=0, max_mb=0)
    )
    try:
        assert (engine.reload_settings().max_files, engine.settings.max_mb) == (0, 0)
        saved = engine.save_settings({"concurrency": 2})
        assert (saved.concurrency, saved.max_files, saved.max_mb) == (2, 0, 0)
        assert engine.settings is saved
    finally:
        engine.close(wait=True)


def test_saving_one_field_writes_only_that_field_and_the_environment_then_wins(
    tmp_path: Path,
) -> None:
    environ: dict[str, str] = {}
    settings = load_settings(environ=environ, dotenv_path=None, home=tmp_path)
    on_the_page = {
        name: getattr(settings, name) for names in page_sections().values() for name in names
    }
    changes = settings.changed({**on_the_page, "concurrency": 2, "openai_api_key": ""})
    assert changes == {"concurrency": 2}
    save_settings(settings, changes)
    assert json.loads(settings.settings_file.read_text()) == {"ILLUSTRATION_CONCURRENCY": "2"}

    environ.update(ILLUSTRATION_CONCURRENCY="6", GENERATED_IMAGE_MAX_FILES="9")
    later = settings.reload()
    assert (later.max_files, later.source("max_files")) == (9, "environment")
    assert (later.concurrency, later.source("concurrency")) == (2, "settings file")
    assert later.fallback("concurrency") == (6, "environment")

    back = save_settings(later, {}, reset=["concurrency"])
    assert (back.concurrency, back.source("concurrency")) == (6, "environment")
    assert json.loads(settings.settings_file.read_text()) == {}


def test_changed_compares_parsed_values(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, openai_api_key="sk-kept")
    same = {"azure_endpoint": " ", "openai_base_url": "https://api.openai.com/v1/", "max_mb": 500}
    assert settings.changed({**same, "openai_api_key": "", "async_illustrations": True}) == {}
    bad = {"openai_base_url": "ftp://x", "azure_api_version": " v2 ", "enable_text_fallback": False}
    assert settings.changed(bad) == bad


def test_a_save_that_would_not_load_leaves_the_file_untouched(tmp_path: Path) -> None:
    environ = {"ILLUSTRATION_CONCURRENCY": "lots"}
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "settings.json").write_text('{"ILLUSTRATION_CONCURRENCY": "3"}')
    settings = load_settings(environ=environ, dotenv_path=None, home=tmp_path)
    assert settings.fallback("concurrency") == ("lots", "environment")
    with pytest.raises(ConfigError, match="ILLUSTRATION_CONCURRENCY='lots'"):
        save_settings(settings, {"max_files": 3}, reset=["concurrency"])
    assert json.loads(settings.settings_file.read_text()) == {"ILLUSTRATION_CONCURRENCY": "3"}
    with pytest.raises(ConfigError, match="'home' is not a setting"):
        save_settings(settings, {}, reset=["home"])
