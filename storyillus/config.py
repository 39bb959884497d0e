"""Settings: defaults, then ``.env``, then the environment, then the saved settings file.

Every setting is declared once, as a field of ``Settings`` made with ``setting()``: its
environment name, default, parser (which is also its validation and, on the Settings page,
its widget), a one-line explanation and, when the page shows it, its section and label.
``SPECS``, ``.env.example`` (``python -m storyillus env-example``) and the Settings page are
all read from those fields, so none of them can drift from the others.

The settings file (``data/settings.json`` under STORYILLUS_HOME) holds only what was changed
on the Settings page; it wins over ``.env`` and the environment so that a change made in the
app takes effect without a restart. Overrides given to ``load_settings`` (tests, the CLI) win
over everything. Loaded settings remember where each value came from (``Settings.source``)
and how they were loaded (``Settings.reload`` reads the same sources with the same overrides).

A key belongs to the server it was entered for (``KEY_BINDINGS``): a key saved on the page is
stored with the URL in force when it was typed (``OPENAI_API_KEY_FOR`` in the settings file),
one from ``.env`` or the environment goes with the URL of its own or a lower layer, one given
by the program with the URL in force. When the URL in force is on another server (scheme, host
or port), the key is not used: the field reads None and ``Settings.withheld`` says why. Saving
a URL on another server drops a page-saved key for the old one, unless a key is typed with it.
"""

from __future__ import annotations

import json
import os
from collections import ChainMap
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv import dotenv_values

from storyillus._exceptions import ConfigError

IMAGE_SIZES = ("1024x1024", "1536x1024", "1024x1536", "auto")
IMAGE_QUALITIES = ("auto", "low", "medium", "high")

# Where a value comes from, lowest first; an override given to load_settings is PROGRAM.
DEFAULT, DOTENV, ENVIRONMENT, SETTINGS_FILE, PROGRAM = (
    "default",
    ".env",
    "environment",
    "settings file",
    "program",
)


# --- Parsers: each checks one raw text value and says what it accepts --------------------


@dataclass(frozen=True)
class Boolean:
    """true or false (also 1/0, yes/no, on/off). On the Settings page: a toggle."""

    def __call__(self, raw: str) -> bool:
        value = raw.strip().lower()
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("0", "false", "no", "off"):
            return False
        raise ValueError("true or false (also accepted: 1/0, yes/no, on/off)")


@dataclass(frozen=True)
class Whole:
    """A whole number from ``low`` up to ``high`` (None: no upper limit). A number field."""

    low: int
    high: int | None = None

    def __call__(self, raw: str) -> int:
        accepts = (
            f"from {self.low} to {self.high}" if self.high is not None else f"{self.low} or more"
        )
        try:
            value = int(raw.strip())
        except ValueError:
            raise ValueError(f"a whole number, {accepts}") from None
        if value < self.low or (self.high is not None and value > self.high):
            raise ValueError(f"a whole number, {accepts}")
        return value


@dataclass(frozen=True)
class Choice:
    """One of a few words. A select box."""

    options: tuple[str, ...]

    def __call__(self, raw: str) -> str:
        value = raw.strip().lower()
        if value not in self.options:
            raise ValueError("one of " + ", ".join(self.options))
        return value


@dataclass(frozen=True)
class Text:
    """Any text, trimmed; ``optional``: empty text is None. A text field."""

    optional: bool = False

    def __call__(self, raw: str) -> str | None:
        value = raw.strip()
        return None if self.optional and not value else value


@dataclass(frozen=True)
class Url:
    """An http(s) URL without its trailing slash; ``optional``: empty is None. A text field."""

    optional: bool = False

    def __call__(self, raw: str) -> str | None:
        value = raw.strip().rstrip("/")
        if self.optional and not value:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("a URL starting with http:// or https://")
        return value


@dataclass(frozen=True)
class Fraction:
    """A number from 0 to 1, such as 0.7. A slider."""

    def __call__(self, raw: str) -> float:
        try:
            value = float(raw.strip())
        except ValueError:
            raise ValueError("a number from 0 to 1, such as 0.7") from None
        if not 0 <= value <= 1:
            raise ValueError("a number from 0 to 1, such as 0.7")
        return value


@dataclass(frozen=True)
class Origins(Text):
    """Comma-separated web origins (scheme, host and port only), written back one comma
    apart; empty: none. Never ``*``: a wildcard would let every site's pages call the API."""

    def __call__(self, raw: str) -> str:
        found = []
        for item in raw.split(","):
            origin = item.strip().rstrip("/")
            if not origin:
                continue
            parts = urlsplit(origin)
            if (
                parts.scheme not in ("http", "https")
                or not parts.hostname
                or parts.path
                or parts.query
                or parts.fragment
                or "@" in parts.netloc
                or "*" in origin
            ):
                raise ValueError(
                    "comma-separated origins like https://app.example.org or "
                    "http://127.0.0.1:3000 (no path, no '*')"
                )
            found.append(origin.lower())
        return ",".join(dict.fromkeys(found))


Parser = Boolean | Whole | Fraction | Choice | Text | Url


# --- The table --------------------------------------------------------------------------


@dataclass(frozen=True)
class PageField:
    """Where the Settings page shows a setting."""

    section: str
    label: str


@dataclass(frozen=True)
class Spec:
    """One setting: where it comes from, its default, what it accepts and where it is shown."""

    env: str
    default: str
    parse: Parser
    help: str
    secret: bool = False
    page: PageField | None = None


def setting(
    env: str,
    default: str,
    parse: Parser,
    help: str,
    *,
    secret: bool = False,
    page: PageField | None = None,
) -> Any:
    """Declare a field of ``Settings``: its ``Spec`` lives in the field's metadata.

    ``default`` is the text a user would write in ``.env``; ``secret`` values are never
    shown (repr, errors, ``redacted()``, the Settings page).
    """
    spec = Spec(env, default, parse, help, secret, page)
    return field(repr=not secret, metadata={"spec": spec})


# The Settings page's sections, in the order shown; fields follow the table's order.
ILLUSTRATORS = "Illustrators, tried in this order"
KEYS = "Keys"
MODELS = "Models"
ILLUSTRATING = "Illustrating"
STORAGE = "Storage"
PAGE_SECTIONS = (ILLUSTRATORS, KEYS, MODELS, ILLUSTRATING, STORAGE)


@dataclass(frozen=True)
class KeyBinding:
    """A key and the URL setting naming the server it is sent to.

    ``saved_as``: the settings-file entry holding the URL a page-saved key was typed for.
    """

    key: str
    url: str
    saved_as: str
    service: str


KEY_BINDINGS = (
    KeyBinding("openai_api_key", "openai_base_url", "OPENAI_API_KEY_FOR", "OpenAI"),
    KeyBinding("azure_openai_api_key", "azure_endpoint", "AZURE_OPENAI_API_KEY_FOR", "Azure"),
)
_SAVED_BINDINGS = frozenset(binding.saved_as for binding in KEY_BINDINGS)


def _server(url: str | None) -> tuple[str, str, int] | None:
    """What a key is bound to: a URL's scheme, host and port (None: no URL)."""
    if not url:
        return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # not a port: compare the text as written
        return (scheme, parts.netloc.lower(), 0)
    return (scheme, parts.hostname or "", port or {"http": 80, "https": 443}.get(scheme, 0))


def _host(url: str | None) -> str:
    """A URL's host (and port) for a sentence; never its user or password."""
    if not url:
        return "no server"
    return urlsplit(url).netloc.rpartition("@")[2] or url


@dataclass(frozen=True)
class WithheldKey:
    """A key that is not used: it was entered for another server than the one in force."""

    key: str
    service: str
    entered_for: str | None
    now: str | None

    @property
    def message(self) -> str:
        where = f"for {_host(self.entered_for)}" if self.entered_for else "with no server set"
        if not self.now:
            return (
                f"The {self.service} key was entered {where}; no {self.service} server is set now."
            )
        return f"The {self.service} key was entered {where}; enter a key for {_host(self.now)}."


Layers = tuple[tuple[str, Mapping[str, str]], ...]


@dataclass(frozen=True)
class Origin:
    """How a ``Settings`` was loaded: enough to load it again and to say where values came from.

    ``environ`` is the mapping given to ``load_settings`` (None: ``os.environ``), read again
    on reload; ``layers`` are the raw values found at load time by source, lowest first.
    Keys may be among all but ``dotenv_path``, so none of them is in ``repr``.
    """

    environ: Mapping[str, str] | None = field(repr=False)
    dotenv_path: str | Path | None
    overrides: Mapping[str, Any] = field(repr=False)
    layers: Layers = field(repr=False)


@dataclass(frozen=True)
class Settings:
    """All settings, parsed and checked. Build with ``load_settings()``."""

    # The table: one setting a field (environment name, default as written in .env, parser,
    # explanation), then whether it is secret and where the Settings page shows it.
    # fmt: off
    home: Path = setting(  # noqa: RUF009 (setting() is a field(): nothing shared between instances)
        "STORYILLUS_HOME", "", Text(), "Root for generated/, uploads/ and data/ (empty: the working directory)."
    )
    openai_api_key: str | None = setting(
        "OPENAI_API_KEY", "", Text(optional=True), "OpenAI key; empty uses the built-in offline writer and illustrator.",
        secret=True, page=PageField(KEYS, "OpenAI key"),
    )
    openai_base_url: str = setting(
        "OPENAI_BASE_URL", "https://api.openai.com/v1", Url(), "Any OpenAI-compatible server.",
        page=PageField(MODELS, "OpenAI-compatible server"),
    )
    openai_text_model: str = setting(
        "OPENAI_TEXT_MODEL", "gpt-5.4-mini", Text(), "Chat model that writes stories.",
        page=PageField(MODELS, "Story model"),
    )
    enable_native_edits: bool = setting(
        "ENABLE_NATIVE_GPT_IMAGE1", "true", Boolean(), "Try OpenAI image edits with the reference picture first.",
        page=PageField(ILLUSTRATORS, "1. OpenAI image edits with the hero's picture (needs an OpenAI key)"),
    )
    openai_image_model: str = setting(
        "OPENAI_IMAGE_MODEL", "gpt-image-2", Text(), "Model for image edits.",
        page=PageField(MODELS, "Image model (edits)"),
    )
    input_fidelity_models: str = setting(
        "INPUT_FIDELITY_MODELS", "gpt-image-1.5", Text(), "Comma-separated image models that accept input_fidelity=high."
    )
    azure_endpoint: str | None = setting(
        "AZURE_OPENAI_ENDPOINT", "", Url(optional=True), "Azure OpenAI resource, e.g. https://NAME.openai.azure.com.",
        page=PageField(ILLUSTRATORS, "2. Azure OpenAI endpoint"),
    )
    azure_openai_api_key: str | None = setting(
        "AZURE_OPENAI_API_KEY", "", Text(optional=True), "Azure OpenAI key.",
        secret=True, page=PageField(KEYS, "Azure key"),
    )
    azure_deployment: str | None = setting(
        "AZURE_OPENAI_DEPLOYMENT_NAME", "", Text(optional=True), "Name of your Azure image model deployment.",
        page=PageField(ILLUSTRATORS, "Azure deployment name"),
    )
    azure_api_version: str = setting(
        "AZURE_OPENAI_API_VERSION", "2025-04-01-preview", Text(), "Azure OpenAI API version.",
        page=PageField(ILLUSTRATORS, "Azure API version"),
    )
    enable_text_fallback: bool = setting(
        "ENABLE_TEXT_ONLY_FALLBACK", "true", Boolean(), "Try text-only generation after the edit providers.",
        page=PageField(ILLUSTRATORS, "3. Text-only generation from a description"),
    )
    fallback_image_model: str = setting(
        "FALLBACK_IMAGE_MODEL", "gpt-image-2", Text(), "Model for text-only generation when edits are unavailable or fail.",
        page=PageField(MODELS, "Image model (text-only)"),
    )
    enable_image_analysis: bool = setting(
        "ENABLE_IMAGE_ANALYSIS", "false", Boolean(), "Describe the reference picture with a vision model for text-only generation."
    )
    image_analysis_model: str = setting(
        "IMAGE_ANALYSIS_MODEL", "gpt-5.4-mini", Text(), "Vision model for ENABLE_IMAGE_ANALYSIS."
    )
    consistency_judge: str = setting(
        "CONSISTENCY_JUDGE", "auto", Choice(("auto", "true", "false")), "Score every page against its characters' sheets and redraw what drifts (auto: when an OpenAI key is set).",
        page=PageField(ILLUSTRATING, "Check each page against the character sheets"),
    )
    consistency_model: str = setting(
        "CONSISTENCY_MODEL", "", Text(), "Vision model that judges pages (empty: IMAGE_ANALYSIS_MODEL).",
        page=PageField(MODELS, "Judge model (empty: the picture analysis model)"),
    )
    consistency_min_score: float = setting(
        "CONSISTENCY_MIN_SCORE", "0.7", Fraction(), "A page scoring below this is drawn again.",
        page=PageField(ILLUSTRATING, "Redraw pages that score below"),
    )
    consistency_max_redraws: int = setting(
        "CONSISTENCY_MAX_REDRAWS", "2", Whole(0, 5), "Most redraws of one page; the best-scoring drawing is kept.",
        page=PageField(ILLUSTRATING, "Redraws of a page at most"),
    )
    max_image_inputs: int = setting(
        "MAX_IMAGE_INPUTS", "16", Whole(1, 16), "Most pictures sent with one image edit (sheets, then the hero's picture or a style anchor)."
    )
    enable_offline_illustrator: bool = setting(
        "ENABLE_OFFLINE_ILLUSTRATOR", "true", Boolean(), "Use the built-in offline illustrator as the last provider.",
        page=PageField(ILLUSTRATORS, "4. Built-in offline illustrator (no key needed)"),
    )
    http_retries: int = setting(
        "HTTP_RETRIES", "3", Whole(0, 10), "Retries of a failed request to a model service (429, 5xx, timeouts)."
    )
    http_backoff_ms: int = setting(
        "HTTP_BACKOFF_MS", "500", Whole(1, 60000), "First retry waits up to this long; each later one up to twice as long."
    )
    requests_per_minute: int = setting(
        "REQUESTS_PER_MINUTE", "0", Whole(0, 100000), "Pace requests to each model service to at most N a minute (0 = no pacing)."
    )
    image_edit_timeout_ms: int = setting(
        "IMAGE_EDIT_TIMEOUT_MS", "120000", Whole(100, 600000), "Timeout of one image request, in milliseconds."
    )
    async_illustrations: bool = setting(
        "ASYNC_ILLUSTRATIONS", "true", Boolean(), "Illustrate in the background; false draws every page before answering.",
        page=PageField(ILLUSTRATING, "Illustrate in the background"),
    )
    concurrency: int = setting(
        "ILLUSTRATION_CONCURRENCY", "4", Whole(1, 64), "Pages illustrated at once.",
        page=PageField(ILLUSTRATING, "Pages at once"),
    )
    image_size: str = setting(
        "IMAGE_SIZE", "1024x1024", Choice(IMAGE_SIZES), "Illustration size (auto: 1024x1024 offline).",
        page=PageField(ILLUSTRATING, "Image size"),
    )
    image_quality: str = setting(
        "IMAGE_QUALITY", "auto", Choice(IMAGE_QUALITIES), "Illustration quality asked of image models.",
        page=PageField(ILLUSTRATING, "Quality"),
    )
    save_generated_images: bool = setting(
        "SAVE_GENERATED_IMAGES", "true", Boolean(), "Save illustrations under generated/; false keeps them as b64_json.",
        page=PageField(STORAGE, "Save pictures to disk"),
    )
    max_files: int = setting(
        "GENERATED_IMAGE_MAX_FILES", "300", Whole(0), "Keep only the newest N saved images (0 = unlimited).",
        page=PageField(STORAGE, "Keep at most N pictures (0 = no limit)"),
    )
    max_mb: int = setting(
        "GENERATED_IMAGE_MAX_MB", "500", Whole(0), "Keep generated/ under N megabytes (0 = unlimited).",
        page=PageField(STORAGE, "Keep at most N MB (0 = no limit)"),
    )
    upload_max_age_days: int = setting(
        "UPLOAD_MAX_AGE_DAYS", "0", Whole(0), "Delete reference pictures of unpinned books after N days (0 = never)."
    )
    upload_max_mb: int = setting(
        "UPLOAD_MAX_MB", "10", Whole(1, 50), "Largest reference picture accepted, in megabytes."
    )
    enable_jobs_list: bool = setting(
        "ENABLE_JOBS_LIST_ENDPOINT", "false", Boolean(), "Serve GET /api/stories/illustrations/jobs (it lists everyone's stories)."
    )
    api_token: str | None = setting(
        "API_TOKEN", "", Text(optional=True), "When set, every /api/ route but health needs 'Authorization: Bearer <token>'.",
        secret=True,
    )
    auth_required: str = setting(
        "AUTH_REQUIRED", "auto", Choice(("auto", "true", "false")), "Sign-in for every page and a per-user token for the API (auto: when [auth] is set up in .streamlit/secrets.toml)."
    )
    admin_emails: str = setting(
        "ADMIN_EMAILS", "", Text(), "Comma-separated e-mail addresses of the people who may change settings when sign-in is on."
    )
    allow_open: bool = setting(
        "STORYILLUS_ALLOW_OPEN", "false", Boolean(), "Serve books on a non-local address without sign-in (everyone who reaches it sees every book)."
    )
    upload_retention_days: int = setting(
        "UPLOAD_RETENTION_DAYS", "30", Whole(0), "Delete uploaded photos after N days unless a pinned book uses them (0 = never)."
    )
    books_per_hour: int = setting(
        "BOOKS_PER_HOUR", "30", Whole(0, 100000), "Most books one user may start in an hour (0 = no limit)."
    )
    signed_url_seconds: int = setting(
        "SIGNED_URL_SECONDS", "3600", Whole(60, 604800), "How long a signed picture address stays valid when sign-in is on."
    )
    sse_heartbeat_seconds: int = setting(
        "SSE_HEARTBEAT_SECONDS", "15", Whole(1, 300), "Seconds between heartbeat comments on a job's event stream (which also rereads the job then)."
    )
    sse_batch_ms: int = setting(
        "SSE_BATCH_MS", "250", Whole(0, 5000), "Job changes closer together than this reach an event stream's listeners in one write (0: each at once); fewer wake-ups while pages are stored in quick succession."
    )
    api_max_body_kb: int = setting(
        "API_MAX_BODY_KB", "256", Whole(1, 10240), "Largest JSON body the API accepts, in kilobytes."
    )
    public_base_url: str | None = setting(
        "PUBLIC_BASE_URL", "", Url(optional=True), "The address browsers reach the app at (e.g. https://books.example.org); absolute picture URLs in answers start with it (empty: the request's own address)."
    )
    cors_origins: str = setting(
        "CORS_ORIGINS", "", Origins(), "Comma-separated origins whose web pages may call the API from a browser, e.g. http://localhost:3000 (empty: none; read at start-up)."
    )
    # fmt: on

    origin: Origin = field(repr=False, compare=False, kw_only=True)
    withheld: tuple[WithheldKey, ...] = field(default=(), compare=False, kw_only=True)
    """Keys set somewhere but not used: entered for another server than the one in force."""

    def withheld_key(self, name: str) -> WithheldKey | None:
        """Why key ``name`` reads None although it is set, or None."""
        return next((w for w in self.withheld if w.key == name), None)

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
    def judge_enabled(self) -> bool:
        """CONSISTENCY_JUDGE: "auto" judges when an OpenAI key is set."""
        if self.consistency_judge == "auto":
            return self.has_openai_key
        return self.consistency_judge == "true"

    @property
    def cors_origin_list(self) -> tuple[str, ...]:
        """CORS_ORIGINS, one origin each."""
        found = (o.strip().rstrip("/").lower() for o in self.cors_origins.split(","))
        return tuple(o for o in found if o)

    @property
    def judge_model(self) -> str:
        return self.consistency_model or self.image_analysis_model

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
            if spec.secret:
                withheld = self.withheld_key(name) is not None
                value = "set" if value else "entered for another server" if withheld else "not set"
            out[spec.env] = str(value) if isinstance(value, Path) else value
        return out

    def source(self, name: str) -> str:
        """Where the value of setting ``name`` comes from: DEFAULT, DOTENV, ENVIRONMENT,
        SETTINGS_FILE, or PROGRAM (an override given to ``load_settings``)."""
        if name in self.origin.overrides:
            return PROGRAM
        return self._found(name)[-1][0]

    def fallback(self, name: str) -> tuple[Any, str]:
        """The value ``name`` would have without the settings file, and its source.

        What "use the default" on the Settings page puts back. A value that does not parse
        is returned as its raw text (saving then names it).
        """
        source, raw = [(s, r) for s, r in self._found(name) if s != SETTINGS_FILE][-1]
        try:
            return SPECS[name].parse(raw), source
        except ValueError:
            return raw, source

    def _found(self, name: str) -> list[tuple[str, str]]:
        env = SPECS[name].env
        return [(source, raw[env]) for source, raw in self.origin.layers if env in raw]

    def reload(self) -> Settings:
        """Read the same sources again (the settings file may have changed) with the same
        overrides and on the same home; raise ConfigError like ``load_settings``."""
        origin = self.origin
        return _load(origin.environ, origin.dotenv_path, origin.overrides, home=self.home)

    def changed(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The entries of ``values`` (by setting name) that differ from these settings.

        What the Settings page saves, so that a field the user left alone keeps following
        ``.env`` and the environment. An empty secret means "unchanged" (it is never shown);
        a value that does not parse counts as changed (saving it then names the problem).
        """
        out: dict[str, Any] = {}
        for name, value in values.items():
            spec = SPECS[name]
            text = _as_text(value)
            if spec.secret and not text.strip():
                continue
            try:
                same = spec.parse(text) == getattr(self, name)
            except ValueError:
                same = False
            if not same:
                out[name] = value
        return out


SPECS: dict[str, Spec] = {
    f.name: f.metadata["spec"] for f in fields(Settings) if "spec" in f.metadata
}
_BY_ENV = {spec.env: name for name, spec in SPECS.items()}


def page_sections() -> dict[str, list[str]]:
    """The Settings page: each section, in order, with the names of the settings it shows."""
    sections: dict[str, list[str]] = {section: [] for section in PAGE_SECTIONS}
    for name, spec in SPECS.items():
        if spec.page is not None:
            sections[spec.page.section].append(name)
    return sections


def _as_text(value: Any) -> str:
    """A value as it would be written in ``.env`` (booleans as true/false, None as empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _parse(name: str, raw: str) -> Any:
    spec = SPECS[name]
    try:
        return spec.parse(raw)
    except ValueError as exc:
        shown = "(hidden)" if spec.secret else repr(raw)
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
    unknown = sorted(key for key in saved if key not in _BY_ENV and key not in _SAVED_BINDINGS)
    if unknown:
        raise ConfigError(f"The settings file {path} has unknown settings: {', '.join(unknown)}.")
    return {key: _as_text(value) for key, value in saved.items()}


def load_settings(
    environ: Mapping[str, str] | None = None,
    dotenv_path: str | Path | None = ".env",
    **overrides: Any,
) -> Settings:
    """Read every setting; raise ConfigError naming the first invalid one.

    ``environ`` defaults to ``os.environ``; ``overrides`` (by field name, already
    parsed) win over everything, for tests and the CLI. The result remembers both, so
    ``Settings.reload()`` reads the same sources with the same overrides.
    """
    for name in overrides:
        if name not in SPECS:
            raise TypeError(f"unknown setting {name!r}")
    return _load(environ, dotenv_path, overrides)


def _load(
    environ: Mapping[str, str] | None,
    dotenv_path: str | Path | None,
    overrides: Mapping[str, Any],
    home: Path | None = None,
    saved: Mapping[str, str] | None = None,
) -> Settings:
    """Load settings; ``home`` pins the home (a reload), ``saved`` stands in for the file."""
    defaults = {spec.env: spec.default for spec in SPECS.values()}
    dotenv: dict[str, str] = {}
    if dotenv_path is not None and Path(dotenv_path).is_file():
        found = dotenv_values(dotenv_path)
        dotenv = {k: v for k, v in found.items() if k in _BY_ENV and v is not None}
    env = os.environ if environ is None else environ
    environment = {e: env[e] for e in _BY_ENV if e in env}

    if home is None:
        raw_home = overrides.get("home", ChainMap(environment, dotenv, defaults)["STORYILLUS_HOME"])
        home = (
            Path(raw_home).expanduser().resolve() if str(raw_home).strip() else Path.cwd().resolve()
        )
    if saved is None:
        saved = _read_settings_file(home / "data" / "settings.json")
    layers = (
        (DEFAULT, defaults),
        (DOTENV, dotenv),
        (ENVIRONMENT, environment),
        (SETTINGS_FILE, saved),
    )
    raw = ChainMap(*(values for _, values in reversed(layers)))

    values: dict[str, Any] = {
        name: _parse(name, raw[spec.env])
        for name, spec in SPECS.items()
        if name not in overrides and name != "home"
    }
    values.update(overrides)
    values["home"] = home
    withheld = _withhold(values, layers, overrides)
    kept = {**overrides, "home": home} if "home" in overrides else dict(overrides)
    origin = Origin(environ, dotenv_path, kept, layers)
    return Settings(**values, origin=origin, withheld=withheld)


# --- Keys and the servers they were entered for ----------------------------------------


def _url(name: str, raw: str) -> str | None:
    """URL setting ``name`` from its raw text; text that does not parse stays as written."""
    try:
        return SPECS[name].parse(raw)
    except ValueError:
        return raw or None


def _url_up_to(layers: Layers, name: str, up_to: str) -> str | None:
    """URL setting ``name`` as the layers up to ``up_to`` (included) set it."""
    env, found = SPECS[name].env, ""
    for source, raw in layers:
        found = raw.get(env, found)
        if source == up_to:
            break
    return _url(name, found)


def _entered_for(binding: KeyBinding, layers: Layers) -> str | None:
    """The URL the key in force was entered for: the one saved with it on the page, else the
    URL of its own layer or a lower one (a settings file from before keys were bound: the
    URL up to that file)."""
    env = SPECS[binding.key].env
    source = [source for source, raw in layers if env in raw][-1]
    saved = dict(layers)[SETTINGS_FILE]
    if source == SETTINGS_FILE and binding.saved_as in saved:
        return _url(binding.url, saved[binding.saved_as])
    return _url_up_to(layers, binding.url, source)


def _withhold(
    values: dict[str, Any], layers: Layers, overrides: Mapping[str, Any]
) -> tuple[WithheldKey, ...]:
    """Set to None, in ``values``, every key entered for another server than the one in
    force, and say which. A key given by the program goes with the URL in force."""
    withheld = []
    for binding in KEY_BINDINGS:
        if not values[binding.key] or binding.key in overrides:
            continue
        entered_for, now = _entered_for(binding, layers), values[binding.url]
        if _server(entered_for) != _server(now):
            values[binding.key] = None
            withheld.append(WithheldKey(binding.key, binding.service, entered_for, now))
    return tuple(withheld)


def _rebind(
    settings: Settings, saved: dict[str, str], typed: Collection[str], after: Settings
) -> list[WithheldKey]:
    """Bind the page-saved keys in ``saved`` (the settings file about to be written) to the
    URL in force ``after`` the save: a key ``typed`` in this save is for it; any other key
    entered for another server is dropped (returned). Also: a file from before keys were
    bound gets the URL its keys were used with."""
    dropped = []
    for binding in KEY_BINDINGS:
        env = SPECS[binding.key].env
        if env not in saved:
            saved.pop(binding.saved_as, None)
            continue
        now = getattr(after, binding.url)
        if binding.key in typed:
            saved[binding.saved_as] = now or ""
            continue
        if binding.saved_as in saved:
            entered_for = _url(binding.url, saved[binding.saved_as])
        else:
            entered_for = _url_up_to(settings.origin.layers, binding.url, SETTINGS_FILE)
        if _server(entered_for) == _server(now):
            saved[binding.saved_as] = entered_for or ""
        else:
            del saved[env]
            saved.pop(binding.saved_as, None)
            dropped.append(WithheldKey(binding.key, binding.service, entered_for, now))
    return dropped


def save_settings(
    settings: Settings, changes: Mapping[str, Any], reset: Collection[str] = ()
) -> Settings:
    """Write ``changes`` (by field name) to the settings file and drop the ``reset`` ones
    from it (they follow ``.env``, the environment or the default again), atomically;
    return the settings reloaded from the same sources.

    Values are checked with the same parsers as the environment, and the result must load,
    so a bad value raises ConfigError and leaves the file untouched.
    """
    current, _ = _planned(settings, changes, reset)
    path = settings.settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Owner-only: the file may hold API keys typed into the Settings page.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a leftover temporary file keeps its mode through O_CREAT
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(current, indent=2, sort_keys=True))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return settings.reload()


def keys_cleared_by(
    settings: Settings, changes: Mapping[str, Any], reset: Collection[str] = ()
) -> list[WithheldKey]:
    """The page-saved keys ``save_settings(settings, changes, reset)`` would drop because the
    URL they were entered for changes to another server (for the page to say so)."""
    return _planned(settings, changes, reset)[1]


def _planned(
    settings: Settings, changes: Mapping[str, Any], reset: Collection[str]
) -> tuple[dict[str, str], list[WithheldKey]]:
    """The settings file ``save_settings`` writes, and the keys it drops; raise ConfigError
    for a value that does not parse or a result that does not load."""
    current = _read_settings_file(settings.settings_file)
    for name in [*reset, *changes]:
        if name not in SPECS or name == "home":
            raise ConfigError(f"{name!r} is not a setting that can be saved.")
    for name in reset:
        current.pop(SPECS[name].env, None)
    for name, value in changes.items():
        text = _as_text(value)
        _parse(name, text)
        current[SPECS[name].env] = text
    origin = settings.origin
    load = (origin.environ, origin.dotenv_path, origin.overrides)
    after = _load(*load, home=settings.home, saved=current)
    dropped = _rebind(settings, current, [n for n in changes if n not in reset], after)
    _load(*load, home=settings.home, saved=current)
    return current, dropped


def env_example() -> str:
    """The text of ``.env.example``: every setting with its default and what it does."""
    lines = ["# storyillus settings. Every one is optional; the value shown is the default.", ""]
    for spec in SPECS.values():
        lines.append(f"# {spec.help}")
        lines.append(f"{spec.env}={spec.default}")
        lines.append("")
    return "\n".join(lines)


__all__ = [
    "KEY_BINDINGS",
    "SPECS",
    "PageField",
    "Settings",
    "Spec",
    "WithheldKey",
    "env_example",
    "keys_cleared_by",
    "load_settings",
    "page_sections",
    "save_settings",
    "setting",
]
