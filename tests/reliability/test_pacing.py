"""REQUESTS_PER_MINUTE: the HTTP client paces requests per service under a fake rate limit.

The fake OpenAI admits 30 requests per 3-second window per endpoint (600 a minute) and
answers 429 beyond that. A client paced at 500 a minute (one start every 0.12 s, 25 per
window: a margin for scheduling jitter) sends a 40-request burst from 4 threads without
a single 429; the same burst unpaced gets 429s, which shows the test can fail.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from storyillus._exceptions import RateLimited
from storyillus._http import HttpClient, RetryPolicy, shared_client
from tests.conftest import make_settings
from tests.fake_openai import FakeOpenAI, Fault

SERVICE = "OpenAI image generation"
REQUESTS = 40
THREADS = 4
FAKE_LIMIT = 30
FAKE_WINDOW = 3.0
PACED_RATE = 500  # a minute: 0.12 s apart, 25 per 3 s window (the fake allows 30)
ONE_TRY = RetryPolicy(attempts=1)  # a 429 surfaces at once instead of being retried away


def _burst(fake: FakeOpenAI, client: HttpClient) -> tuple[int, int, float]:
    """(successes, RateLimited errors, wall seconds) for REQUESTS from THREADS threads."""

    def one(_: int) -> bool:
        try:
            client.post_json(
                SERVICE,
                f"{fake.base_url}/images/generations",
                {"Authorization": f"Bearer {fake.api_key}"},
                {"model": "gpt-image-2", "prompt": "a kite", "size": "1024x1024"},
            )
        except RateLimited:
            return False
        return True

    started = time.monotonic()
    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(one, range(REQUESTS)))
    wall = time.monotonic() - started
    return outcomes.count(True), outcomes.count(False), wall


def _limit(fake: FakeOpenAI) -> None:
    fake.rate_limit_per_minute = FAKE_LIMIT
    fake.rate_window_seconds = FAKE_WINDOW


def _statuses(fake: FakeOpenAI) -> list[int]:
    return [r.status for r in fake.requests_to("generations")]


def test_a_paced_client_stays_under_the_services_rate_limit(fake_openai: FakeOpenAI) -> None:
    _limit(fake_openai)
    client = HttpClient(5.0, ONE_TRY, requests_per_minute=PACED_RATE)
    try:
        ok, limited, wall = _burst(fake_openai, client)
    finally:
        client.close()
    statuses = _statuses(fake_openai)
    print(f"paced: {ok} ok, {limited} rate limited, {statuses.count(429)} 429s, {wall:.2f} s")
    assert (ok, limited) == (REQUESTS, 0)
    assert statuses.count(429) == 0 and statuses.count(200) == REQUESTS
    # 40 starts 0.12 s apart: the last one no sooner than 39 * 0.12 s after the first.
    assert wall >= (REQUESTS - 1) * 60 / PACED_RATE - 0.05


def test_the_same_burst_unpaced_is_rate_limited(fake_openai: FakeOpenAI) -> None:
    _limit(fake_openai)
    client = HttpClient(5.0, ONE_TRY)
    try:
        ok, limited, wall = _burst(fake_openai, client)
    finally:
        client.close()
    statuses = _statuses(fake_openai)
    print(f"unpaced: {ok} ok, {limited} rate limited, {statuses.count(429)} 429s, {wall:.2f} s")
    assert wall < FAKE_WINDOW, "the burst was too slow to hit the limit; the check proves nothing"
    assert ok == FAKE_LIMIT and limited == REQUESTS - FAKE_LIMIT
    assert statuses.count(429) == REQUESTS - FAKE_LIMIT
    refused = next(r for r in fake_openai.requests_to("generations") if r.status == 429)
    assert refused.endpoint == "generations"


def test_the_fake_says_when_to_retry(fake_openai: FakeOpenAI) -> None:
    import httpx

    fake_openai.rate_limit_per_minute = 1
    fake_openai.rate_window_seconds = 2.0
    url = f"{fake_openai.base_url}/chat/completions"
    headers = {"Authorization": f"Bearer {fake_openai.api_key}"}
    body = {"model": "gpt-5.4-mini", "messages": [{"role": "user", "content": "hi"}]}
    assert httpx.post(url, headers=headers, json=body).status_code == 200
    refused = httpx.post(url, headers=headers, json=body)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limit_exceeded"
    assert 0 < float(refused.headers["retry-after"]) <= 2.0
    # Another endpoint kind has its own window.
    generated = httpx.post(
        f"{fake_openai.base_url}/images/generations",
        headers=headers,
        json={"model": "gpt-image-2", "prompt": "a kite"},
    )
    assert generated.status_code == 200
    fake_openai.reset()
    assert (fake_openai.rate_limit_per_minute, fake_openai.rate_window_seconds) == (0, 60.0)


def test_pacing_is_per_service_and_counts_retries(fake_openai: FakeOpenAI) -> None:
    waits: list[float] = []
    client = HttpClient(
        5.0, RetryPolicy(attempts=2, base_delay=0.0), sleep=waits.append, requests_per_minute=60
    )
    chat = f"{fake_openai.base_url}/chat/completions"
    headers = {"Authorization": f"Bearer {fake_openai.api_key}"}
    body: dict[str, Any] = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    try:
        client.post_json("chat A", chat, headers, body)  # first start: no wait
        client.post_json("chat B", chat, headers, body)  # another service: no wait
        assert waits == []
        fake_openai.script("chat", Fault("rate_limit", retry_after=0))
        client.post_json("chat A", chat, headers, body)  # waits its turn, 429, retry
    finally:
        client.close()
    # The sleep is recorded, not slept, so the clock barely moves: the second "chat A"
    # waits ~1 s for its slot, its retry (after a 0 s backoff) ~2 s for the next one.
    pacing = [w for w in waits if w > 0]
    assert len(pacing) == 2
    assert 0.9 < pacing[0] <= 1.0 and 1.9 < pacing[1] <= 2.0
    assert [r.status for r in fake_openai.requests_to("chat")] == [200, 200, 429, 200]


@pytest.mark.parametrize("rate", [0, 120])
def test_shared_client_is_keyed_on_the_rate(tmp_path, rate: int) -> None:
    paced = shared_client(make_settings(tmp_path, requests_per_minute=rate))
    assert paced.requests_per_minute == rate
    assert shared_client(make_settings(tmp_path, requests_per_minute=rate)) is paced
    other = shared_client(make_settings(tmp_path, requests_per_minute=rate + 7))
    assert other is not paced and other.requests_per_minute == rate + 7
