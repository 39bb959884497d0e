"""Every error storyillus raises on purpose.

Callers catch the narrowest class they can act on; the UI, the API and the CLI turn
any ``StoryillusError`` into a one-line message for the user (``str(error)`` is always
written for a person, never a stack trace, never a secret).

    StoryillusError
    ├── ConfigError           a setting has a value it does not accept
    │   └── VocabularyError   a data file under storyillus/data has a broken entry: file and line
    ├── InvalidInput          the user gave something we cannot use
    │   └── InvalidImage      a reference picture that is not a usable image
    ├── NotFound              no book or job with that id (or not the caller's)
    ├── AccessDenied          the caller may not do this
    │   ├── SignInRequired    no valid token or sign-in where one is needed
    │   └── TooManyBooks      BOOKS_PER_HOUR reached: says when to try again
    ├── StoreError            the job store is from a newer storyillus
    ├── IllustrationError     one provider could not draw one page
    │   └── NoIllustrator     every provider in the chain failed or none is enabled
    └── ServiceError          a model service (OpenAI, Azure) failed a request
        ├── AuthenticationError   401/403: the key is wrong or has no access
        ├── BadRequest            400/404/422 we caused: never retried
        │   └── ContentRefused    the safety system refused the prompt
        ├── RateLimited           429, still after every retry
        ├── TransientError        5xx, 408, 409, dropped connection or malformed answer,
        │                         still after every retry
        └── ServiceTimeout        no answer in time, still after every retry
"""

from __future__ import annotations


class StoryillusError(Exception):
    """Base of every error raised on purpose by storyillus."""


class ConfigError(StoryillusError):
    """A setting (environment, .env or the settings file) has an invalid value."""


class VocabularyError(ConfigError):
    """A vocabulary data file has a broken entry; the message names the file and the line."""

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        """The data file."""
        self.line = line
        """The line of the broken entry (1-based), or None when no entry is to blame."""


class AccessDenied(StoryillusError):
    """The caller may not do this (the server is refused, or they are not an admin)."""


class SignInRequired(AccessDenied):
    """No valid API token or sign-in where one is needed."""


class TooManyBooks(AccessDenied):
    """The user started BOOKS_PER_HOUR books within the last hour."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        """Seconds until one more book may be started."""


class InvalidInput(StoryillusError):
    """Input from a user that cannot be used; the message says what is wrong."""


class InvalidImage(InvalidInput):
    """A reference picture that is missing, unreadable, too large or not an image."""

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.reason = reason
        """"too_large", "not_an_image" or "invalid" (empty, damaged, missing)."""


class NotFound(StoryillusError):
    """No book or job with the given id."""


class NotConfigured(StoryillusError):
    """What the request asks for needs a provider this server has not set up (a 503)."""


class StoreError(StoryillusError):
    """The job store cannot be opened: it was made by a newer version of storyillus."""


class IllustrationError(StoryillusError):
    """A provider could not illustrate a page."""


class NoIllustrator(IllustrationError):
    """Every provider in the chain failed, or none is enabled."""

    attempts: tuple[dict[str, object], ...] = ()
    """What each provider tried said, in order."""


class ServiceError(StoryillusError):
    """A request to a model service failed; the message never holds a key."""


class AuthenticationError(ServiceError):
    """The service refused the key (401 or 403)."""


class BadRequest(ServiceError):
    """The service will not accept what we sent; sending it again cannot help."""


class ContentRefused(BadRequest):
    """The service's safety system refused the prompt (moderation_blocked, contentFilter)."""


class RateLimited(ServiceError):
    """The service kept answering 429."""


class TransientError(ServiceError):
    """A failure that may pass (5xx, 408, 409, a dropped connection, a malformed answer)."""


class ServiceTimeout(ServiceError):
    """The service did not answer in time."""
