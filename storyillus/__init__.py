"""storyillus: personalized, illustrated picture books for children.

The public API: build ``Settings`` with ``load_settings()``, open an ``Engine`` on them,
and make books from a ``StoryRequest``.
"""

from storyillus._exceptions import (
    ConfigError,
    IllustrationError,
    InvalidImage,
    InvalidInput,
    NoIllustrator,
    NotFound,
    StoryillusError,
)
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
from storyillus.service import BookAndJob, Engine

__all__ = [
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
    "StoryRequest",
    "StoryillusError",
    "load_settings",
]
