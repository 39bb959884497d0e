"""Fixtures shared by every suite: settings and engines on a temporary home."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from streamlit import config

from storyillus.config import Settings, load_settings


@pytest.fixture(autouse=True)
def _local_address() -> Iterator[None]:
    """Pages run in-process (AppTest) as ``make run`` serves them: on 127.0.0.1, which
    .streamlit/config.toml says and a test run from another folder does not read (an unset
    address is every address, where the pages refuse to show books)."""
    before = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", before)


def make_settings(home: Path, **overrides: object) -> Settings:
    """Settings for a test: defaults only (no .env, no environment), on ``home``."""
    return load_settings(environ={}, dotenv_path=None, home=home, **overrides)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def engine(settings: Settings) -> Iterator[object]:
    from storyillus.service import Engine

    made = Engine(settings)
    yield made
    made.close(wait=True)


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb)."""
    data = bytearray(png_bytes((1, 1)))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def png_bytes(
    size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (200, 30, 40)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


from tests.fake_openai import FakeOpenAI  # noqa: E402  (appended: fake OpenAI server fixtures)


@pytest.fixture(scope="session")
def fake_openai_server() -> Iterator[FakeOpenAI]:
    """One fake OpenAI / Azure OpenAI server (tests/fake_openai.py) for the whole session."""
    server = FakeOpenAI()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fake_openai(fake_openai_server: FakeOpenAI) -> FakeOpenAI:
    """The session's fake OpenAI server, reset: no scripts, records, latency or peak."""
    fake_openai_server.reset()
    return fake_openai_server
