"""storyillus: personalized, illustrated picture books for children.

The public API: build ``Settings`` with ``load_settings()``, open an ``Engine`` on them,
and make books from a ``StoryRequest``. ``Engine`` and ``BookAndJob`` are imported on first
use, so ``from storyillus import ConfigError, load_settings`` loads no vocabulary: the app
and the CLI check settings and data files first and report a broken one in one line.
"""

from typing import TYPE_CHECKING, Any

from storyillus._exceptions import (
    AccessDenied,
    ConfigError,
    IllustrationError,
    InvalidImage,
    InvalidInput,
    NoIllustrator,
    NotFound,
    SignInRequired,
    StoryillusError,
    TooManyBooks,
    VocabularyError,
)
from storyillus.access import LOCAL_USER, User
from storyillus.config import Settings, load_settings
from storyillus.domain import (
    Book,
    Character,
    Companion,
    Illustration,
    Job,
    JobStatus,
    Page,
    StoryRequest,
)

if TYPE_CHECKING:
    from storyillus.service import BookAndJob, Engine


def __getattr__(name: str) -> Any:
    if name in ("BookAndJob", "Engine"):
        from storyillus import service

        return getattr(service, name)
    raise AttributeError(f"module 'storyillus' has no attribute {name!r}")


__all__ = [
    "LOCAL_USER",
    "AccessDenied",
    "Book",
    "BookAndJob",
    "Character",
    "Companion",
    "ConfigError",
    "Engine",
    "Illustration",
    "IllustrationError",
    "InvalidImage",
    "InvalidInput",
    "Job",
    "JobStatus",
    "NoIllustrator",
    "NotFound",
    "Page",
    "Settings",
    "SignInRequired",
    "StoryRequest",
    "StoryillusError",
    "TooManyBooks",
    "User",
    "VocabularyError",
    "load_settings",
]
