"""Start the real app (``streamlit run app.py``) on a free loopback port.

Only for tests of the server itself (start-up, a bad setting, the browser, crashes, load);
API tests run in-process through tests/asgi.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]

# Debian's chromium, with the flags this closed network needs (README, "Dependencies").
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(
    home: Path,
    env: dict[str, str] | None = None,
    *,
    address: str | None = "127.0.0.1",
    port: int | None = None,
    cwd: Path | None = None,
) -> tuple[subprocess.Popen[str], str]:
    """Start the app with STORYILLUS_HOME=home, listening on ``address`` (0.0.0.0: every
    address; None: no flag, so the address is what .streamlit/config.toml says, as with
    ``make run``) and ``port`` (None: a free one), in the folder ``cwd`` (default: home);
    returns the process and its base URL, which is always on 127.0.0.1."""
    port = port or free_port()
    where = ["--server.address", address] if address is not None else []
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            *where,
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=cwd or home,
        env={**os.environ, "STORYILLUS_HOME": str(home), "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process, f"http://127.0.0.1:{port}"


def wait_until_up(process: subprocess.Popen[str], base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the app did not start:\n{process.stdout.read()}")
        time.sleep(0.2)


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
