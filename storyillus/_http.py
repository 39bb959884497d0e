"""The one HTTP layer every remote provider and writer uses: pooled httpx, retries, errors.

Failures are mapped onto ``ServiceError`` and its subclasses (see ``_exceptions``):

    401, 403                        -> AuthenticationError        (not retried)
    400 moderation_blocked,
        content_policy_violation,
        contentFilter               -> ContentRefused             (not retried)
    400, 404, 422                   -> BadRequest                 (not retried)
    429                             -> retried, then RateLimited
    408, 409, 5xx, dropped
        connection, malformed JSON  -> retried, then TransientError
    no answer within the timeout    -> retried, then ServiceTimeout

Retries use bounded exponential backoff with full jitter and honour ``retry-after-ms``
and ``retry-after``. Messages name the service and what it said, never a header or key.

With ``REQUESTS_PER_MINUTE`` = N > 0 the client also paces requests per service name
(the ``service`` string each call names, e.g. "OpenAI image edits"): a thread-safe
scheduler hands out start times spaced 60/N seconds apart, so no more than N requests to
one service start in any 60-second window. Every try counts, retries included; a caller
waits for its turn outside the lock. N = 0 (the default) sends at once.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from storyillus._exceptions import (
    AuthenticationError,
    BadRequest,
    ContentRefused,
    RateLimited,
    ServiceError,
    ServiceTimeout,
    TransientError,
)
from storyillus.config import Settings

log = logging.getLogger(__name__)

_REFUSAL_CODES = {
    "moderation_blocked",
    "content_policy_violation",
    "contentfilter",
    "content_filter",
}
_RETRIED_STATUS = {408, 409, 429}


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    """Tries in all, the first included."""
    base_delay: float = 0.5
    max_delay: float = 20.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before try ``attempt + 1`` (attempt counts from 1)."""
        backoff = random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))
        if retry_after is not None:
            return min(self.max_delay, max(retry_after, backoff))
        return backoff


def _retry_after(response: httpx.Response) -> float | None:
    for header, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = response.headers.get(header)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            continue  # an HTTP date: rare from these services; fall back to backoff
    return None


def _error_details(response: httpx.Response) -> tuple[str, str]:
    """(code, message) from an OpenAI- or Azure-shaped error body."""
    try:
        error = response.json().get("error") or {}
    except (ValueError, AttributeError):
        return "", response.text[:200]
    if not isinstance(error, dict):
        return "", str(error)[:200]
    inner = error.get("innererror") or {}
    code = str(error.get("code") or inner.get("code") or error.get("type") or "")
    return code, str(error.get("message") or code or "no message")[:500]


class _Pacer:
    """Start times per service, spaced ``60 / requests_per_minute`` seconds apart."""

    def __init__(
        self,
        requests_per_minute: int,
        sleep: Callable[[float], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = 60.0 / requests_per_minute
        self._sleep = sleep
        self._clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, service: str) -> None:
        """Block until this caller's turn to start a request to ``service``."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(service, now))
            self._next[service] = start + self.interval
        if start > now:
            self._sleep(start - now)


class HttpClient:
    """A pooled client shared by all requests to one kind of service."""

    def __init__(
        self,
        timeout: float,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        requests_per_minute: int = 0,
    ) -> None:
        self.retry = retry or RetryPolicy()
        self.requests_per_minute = requests_per_minute
        self._sleep = sleep
        self._pacer = _Pacer(requests_per_minute, sleep) if requests_per_minute > 0 else None
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=16),
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    def post_json(
        self, service: str, url: str, headers: dict[str, str], body: dict[str, Any]
    ) -> dict[str, Any]:
        return self._send(service, lambda: self._client.post(url, headers=headers, json=body))

    def post_multipart(
        self,
        service: str,
        url: str,
        headers: dict[str, str],
        fields: dict[str, str],
        files: list[tuple[str, tuple[str, bytes, str]]],
    ) -> dict[str, Any]:
        return self._send(
            service, lambda: self._client.post(url, headers=headers, data=fields, files=files)
        )

    def get_bytes(self, service: str, url: str) -> bytes:
        response = self._attempts(service, lambda: self._client.get(url), parse=False)
        return response.content

    def _send(self, service: str, request: Callable[[], httpx.Response]) -> dict[str, Any]:
        return self._attempts(service, request, parse=True)

    def _attempts(self, service: str, request: Callable[[], httpx.Response], parse: bool) -> Any:
        last: ServiceError | None = None
        for attempt in range(1, self.retry.attempts + 1):
            retry_after = None
            if self._pacer is not None:
                self._pacer.wait(service)
            try:
                response = request()
            except httpx.TimeoutException:
                last = ServiceTimeout(f"{service} did not answer in time.")
            except httpx.TransportError as exc:
                last = TransientError(f"{service} could not be reached ({type(exc).__name__}).")
            else:
                status = response.status_code
                if status < 300:
                    if not parse:
                        return response
                    try:
                        data = response.json()
                        if not isinstance(data, dict):
                            raise ValueError("not an object")
                        return data
                    except ValueError:
                        last = TransientError(f"{service} sent an answer that is not valid JSON.")
                else:
                    code, message = _error_details(response)
                    if status in (401, 403):
                        raise AuthenticationError(
                            f"{service} refused the key ({status}): {message}"
                        )
                    if code.lower() in _REFUSAL_CODES:
                        raise ContentRefused(f"{service} refused the prompt: {message}")
                    if status == 429:
                        retry_after = _retry_after(response)
                        last = RateLimited(f"{service} is rate limiting requests: {message}")
                    elif status in _RETRIED_STATUS or status >= 500:
                        last = TransientError(f"{service} failed ({status}): {message}")
                    else:
                        raise BadRequest(
                            f"{service} did not accept the request ({status}): {message}"
                        )
            if attempt < self.retry.attempts:
                wait = self.retry.delay(attempt, retry_after)
                log.info(
                    "%s; trying again in %.1f s (try %d of %d).",
                    last,
                    wait,
                    attempt + 1,
                    self.retry.attempts,
                )
                self._sleep(wait)
        assert last is not None
        raise last


_clients: dict[tuple[float, RetryPolicy, int], HttpClient] = {}
_clients_lock = threading.Lock()


def shared_client(settings: Settings) -> HttpClient:
    """One pooled client per timeout, retry policy and request rate for the whole process."""
    timeout = settings.image_edit_timeout_ms / 1000
    retry = RetryPolicy(
        attempts=settings.http_retries + 1, base_delay=settings.http_backoff_ms / 1000
    )
    rate = settings.requests_per_minute
    with _clients_lock:
        key = (timeout, retry, rate)
        if key not in _clients:
            _clients[key] = HttpClient(timeout, retry, requests_per_minute=rate)
        return _clients[key]


def json_content(service: str, text: str | None) -> dict[str, Any]:
    """Parse a model's JSON answer, or raise TransientError saying it was malformed."""
    try:
        data = json.loads(text or "")
    except ValueError:
        raise TransientError(f"{service} answered with malformed JSON.") from None
    if not isinstance(data, dict):
        raise TransientError(f"{service} answered with JSON that is not an object.")
    return data
