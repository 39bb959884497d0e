"""Settings: defaults, then ``.env``, then the environment, then the saved settings file.

Every setting is declared once in ``SPECS`` with its environment name, default, parser
and a one-line explanation; ``.env.example`` is generated from the same table
(``python -m storyillus env-example``) so the two cannot drift apart.

The settings file (``data/settings.json`` under STORYILLUS_HOME) is what the app's
Settings page saves; it wins over ``.env`` and the environment so that a change made in
the app takes effect without a restart.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

from storyillus._exceptions import ConfigError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
IMAGE_SIZES = ("1024x1024", "1536x1024", "1024x1536", "auto")
IMAGE_QUALITIES = ("auto", "low", "medium", "high")
SECRET_SETTINGS = ("openai_api_key", "azure_openai_api_key", "api_token")


def _boolean(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError("true or false (also accepted: 1/0, yes/no, on/off)")


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        accepts = f"from {low} to {high}" if high is not None else f"{low} or more"
        try:
            value = int(raw.strip())
        except ValueError:
            raise ValueError(f"a whole number, {accepts}") from None
        if value < low or (high is not None and value > high):
            raise ValueError(f"a whole number, {accepts}")
        return value

    return parse


def _text(raw: str) -> str:
    return raw.strip()


def _optional_text(raw: str) -> str | None:
    return raw.strip() or None


def _url(raw: str) -> str:
    value = raw.strip().rstrip("/")
    if not value.startswith(("http://", "https://")):
        raise ValueError("a URL starting with http:// or https://")
    return value


def _optional_url(raw: str) -> str | None:
    return _url(raw) if raw.strip() else None


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in options:
            raise ValueError("one of " + ", ".join(options))
        return value

    return parse


@dataclass(frozen=True)
class Spec:
    """One setting: where it comes from, its default and what it accepts."""

    env: str
    default: str
    parse: Callable[[str], Any]
    help: str


SPECS: dict[str, Spec] = {
    "home": Spec(
        "STORYILLUS_HOME",
        "",
        _text,
        "Root for generated/, uploads/ and data/ (empty: the working directory).",
    ),
    "openai_api_key": Spec(
        "OPENAI_API_KEY",
        "",
        _optional_text,
        "OpenAI key; empty uses the built-in offline writer and illustrator.",
    ),
    "openai_base_url": Spec(
        "OPENAI_BASE_URL", "https://api.openai.com/v1", _url, "Any OpenAI-compatible server."
    ),
    "enable_native_edits": Spec(
        "ENABLE_NATIVE_GPT_IMAGE1",
        "true",
        _boolean,
        "Try OpenAI image edits with the reference picture first.",
    ),
    "openai_image_model": Spec(
        "OPENAI_IMAGE_MODEL", "gpt-image-2", _text, "Model for image edits."
    ),
    "fallback_image_model": Spec(
        "FALLBACK_IMAGE_MODEL",
        "gpt-image-2",
        _text,
        "Model for text-only generation when edits are unavailable or fail.",
    ),
    "enable_text_fallback": Spec(
        "ENABLE_TEXT_ONLY_FALLBACK",
        "true",
        _boolean,
        "Try text-only generation after the edit providers.",
    ),
    "enable_offline_illustrator": Spec(
        "ENABLE_OFFLINE_ILLUSTRATOR",
        "true",
        _boolean,
        "Use the built-in offline illustrator as the last provider.",
    ),
    "input_fidelity_models": Spec(
        "INPUT_FIDELITY_MODELS",
        "gpt-image-1.5",
        _text,
        "Comma-separated image models that accept input_fidelity=high.",
    ),
    "http_retries": Spec(
        "HTTP_RETRIES",
        "3",
        _whole(0, 10),
        "Retries of a failed request to a model service (429, 5xx, timeouts).",
    ),
    "http_backoff_ms": Spec(
        "HTTP_BACKOFF_MS",
        "500",
        _whole(1, 60000),
        "First retry waits up to this long; each later one up to twice as long.",
    ),
    "requests_per_minute": Spec(
        "REQUESTS_PER_MINUTE",
        "0",
        _whole(0, 100000),
        "Pace requests to each model service to at most N a minute (0 = no pacing).",
    ),
    "openai_text_model": Spec(
        "OPENAI_TEXT_MODEL", "gpt-5.4-mini", _text, "Chat model that writes stories."
    ),
    "azure_endpoint": Spec(
        "AZURE_OPENAI_ENDPOINT",
        "",
        _optional_url,
        "Azure OpenAI resource, e.g. https://NAME.openai.azure.com.",
    ),
    "azure_openai_api_key": Spec("AZURE_OPENAI_API_KEY", "", _optional_text, "Azure OpenAI key."),
    "azure_deployment": Spec(
        "AZURE_OPENAI_DEPLOYMENT_NAME",
        "",
        _optional_text,
        "Name of your Azure image model deployment.",
    ),
    "azure_api_version": Spec(
        "AZURE_OPENAI_API_VERSION", "2025-04-01-preview", _text, "Azure OpenAI API version."
    ),
    "async_illustrations": Spec(
        "ASYNC_ILLUSTRATIONS",
        "true",
        _boolean,
        "Illustrate in the background; false draws every page before answering.",
    ),
    "concurrency": Spec(
        "ILLUSTRATION_CONCURRENCY", "4", _whole(1, 64), "Pages illustrated at once."
    ),
    "image_edit_timeout_ms": Spec(
        "IMAGE_EDIT_TIMEOUT_MS",
        "120000",
        _whole(100, 600000),
        "Timeout of one image request, in milliseconds.",
    ),
    "image_size": Spec(
        "IMAGE_SIZE",
        "1024x1024",
        _choice(IMAGE_SIZES),
        "Illustration size (auto: 1024x1024 offline).",
    ),
    "image_quality": Spec(
        "IMAGE_QUALITY",
        "auto",
        _choice(IMAGE_QUALITIES),
        "Illustration quality asked of image models.",
    ),
    "save_generated_images": Spec(
        "SAVE_GENERATED_IMAGES",
        "true",
        _boolean,
        "Save illustrations under generated/; false keeps them as b64_json.",
    ),
    "max_files": Spec(
        "GENERATED_IMAGE_MAX_FILES",
        "300",
        _whole(0),
        "Keep only the newest N saved images (0 = unlimited).",
    ),
    "max_mb": Spec(
        "GENERATED_IMAGE_MAX_MB",
        "500",
        _whole(0),
        "Keep generated/ under N megabytes (0 = unlimited).",
    ),
    "enable_image_analysis": Spec(
        "ENABLE_IMAGE_ANALYSIS",
        "false",
        _boolean,
        "Describe the reference picture with a vision model for text-only generation.",
    ),
    "image_analysis_model": Spec(
        "IMAGE_ANALYSIS_MODEL", "gpt-5.4-mini", _text, "Vision model for ENABLE_IMAGE_ANALYSIS."
    ),
    "enable_jobs_list": Spec(
        "ENABLE_JOBS_LIST_ENDPOINT",
        "false",
        _boolean,
        "Serve GET /api/stories/illustrations/jobs (it lists everyone's stories).",
    ),
    "api_token": Spec(
        "API_TOKEN",
        "",
        _optional_text,
        "When set, every /api/ route but health needs 'Authorization: Bearer <token>'.",
    ),
    "upload_max_age_days": Spec(
        "UPLOAD_MAX_AGE_DAYS",
        "0",
        _whole(0),
        "Delete reference pictures of unpinned books after N days (0 = never).",
    ),
    "api_max_body_kb": Spec(
        "API_MAX_BODY_KB",
        "256",
        _whole(1, 10240),
        "Largest JSON body the API accepts, in kilobytes.",
    ),
    "upload_max_mb": Spec(
        "UPLOAD_MAX_MB", "10", _whole(1, 50), "Largest reference picture accepted, in megabytes."
    ),
}


@dataclass(frozen=True)
class Settings:
    """All settings, parsed and checked. Build with ``load_settings()``."""

    home: Path
    openai_api_key: str | None = field(repr=False)
    openai_base_url: str
    enable_native_edits: bool
    openai_image_model: str
    fallback_image_model: str
    enable_text_fallback: bool
    enable_offline_illustrator: bool
    input_fidelity_models: str
    http_retries: int
    http_backoff_ms: int
    requests_per_minute: int
    openai_text_model: str
    azure_endpoint: str | None
    azure_openai_api_key: str | None = field(repr=False)
    azure_deployment: str | None
    azure_api_version: str
    async_illustrations: bool
    concurrency: int
    image_edit_timeout_ms: int
    image_size: str
    image_quality: str
    save_generated_images: bool
    max_files: int
    max_mb: int
    enable_image_analysis: bool
    image_analysis_model: str
    enable_jobs_list: bool
    api_token: str | None = field(repr=False)
    upload_max_age_days: int
    api_max_body_kb: int
    upload_max_mb: int

    @property
    def generated_dir(self) -> Path:
        return self.home / "generated"

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "storyillus.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def pixel_size(self) -> tuple[int, int]:
        """Width and height of an illustration ("auto" draws squares)."""
        if self.image_size == "auto":
            return (1024, 1024)
        width, height = self.image_size.split("x")
        return (int(width), int(height))

    @property
    def has_openai_key(self) -> bool:
        return bool(self.openai_api_key)

    @property
    def has_azure(self) -> bool:
        return bool(self.azure_endpoint and self.azure_openai_api_key and self.azure_deployment)

    def redacted(self) -> dict[str, Any]:
        """Every setting by env name, with secrets shown only as set / not set."""
        out: dict[str, Any] = {}
        for name, spec in SPECS.items():
            value = getattr(self, name)
            if name in SECRET_SETTINGS:
                value = "set" if value else "not set"
            out[spec.env] = str(value) if isinstance(value, Path) else value
        return out


def _parse(name: str, raw: str) -> Any:
    spec = SPECS[name]
    try:
        return spec.parse(raw)
    except ValueError as exc:
        shown = "(hidden)" if name in SECRET_SETTINGS else repr(raw)
        raise ConfigError(f"{spec.env}={shown} is invalid: expected {exc}.") from None


def _read_settings_file(path: Path) -> dict[str, str]:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ConfigError(f"The settings file {path} cannot be read: {exc}.") from None
    if not isinstance(saved, dict):
        raise ConfigError(f"The settings file {path} must hold a JSON object.")
    by_env = {spec.env: name for name, spec in SPECS.items()}
    unknown = sorted(key for key in saved if key not in by_env)
    if unknown:
        raise ConfigError(f"The settings file {path} has unknown settings: {', '.join(unknown)}.")
    return {
        key: "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in saved.items()
    }


def load_settings(
    environ: Mapping[str, str] | None = None,
    dotenv_path: str | Path | None = ".env",
    **overrides: Any,
) -> Settings:
    """Read every setting; raise ConfigError naming the first invalid one.

    ``environ`` defaults to ``os.environ``; ``overrides`` (by field name, already
    parsed) win over everything, for tests and the CLI.
    """
    raw: dict[str, str] = {spec.env: spec.default for spec in SPECS.values()}
    if dotenv_path is not None and Path(dotenv_path).is_file():
        raw.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    env = os.environ if environ is None else environ
    raw.update({spec.env: env[spec.env] for spec in SPECS.values() if spec.env in env})

    home_raw = overrides.get("home", raw["STORYILLUS_HOME"])
    home = Path(home_raw).expanduser().resolve() if str(home_raw).strip() else Path.cwd().resolve()
    raw.update(_read_settings_file(home / "data" / "settings.json"))

    values: dict[str, Any] = {name: _parse(name, raw[spec.env]) for name, spec in SPECS.items()}
    values["home"] = home
    for name, value in overrides.items():
        if name not in values:
            raise TypeError(f"unknown setting {name!r}")
        if name != "home":
            values[name] = value
    return Settings(**values)


def save_settings(settings: Settings, changes: Mapping[str, Any]) -> Settings:
    """Merge ``changes`` (by field name) into the settings file atomically; return the result.

    Values are checked with the same parsers as the environment, so a bad value raises
    ConfigError and leaves the file untouched.
    """
    path = settings.settings_file
    current = _read_settings_file(path)
    for name, value in changes.items():
        if name not in SPECS or name == "home":
            raise ConfigError(f"{name!r} is not a setting that can be saved.")
        text = (
            "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        )
        _parse(name, text)
        current[SPECS[name].env] = text
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Owner-only: the file may hold API keys typed into the Settings page.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(current, indent=2, sort_keys=True))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return load_settings(home=settings.home)


def env_example() -> str:
    """The text of ``.env.example``: every setting with its default and what it does."""
    lines = ["# storyillus settings. Every one is optional; the value shown is the default.", ""]
    for spec in SPECS.values():
        lines.append(f"# {spec.help}")
        lines.append(f"{spec.env}={spec.default}")
        lines.append("")
    return "\n".join(lines)


__all__ = ["SPECS", "Settings", "env_example", "load_settings", "save_settings"]
