from pathlib import Path

import pytest

from storyillus import ConfigError
from storyillus.config import SPECS, env_example, load_settings, save_settings
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
