"""A real OpenID Connect provider for the sign-in tests: tests/oidc/server.mjs under Node.

panva's ``oidc-provider`` (OpenID-certified), installed here by ``npm ci`` (``make test`` runs
it when node_modules is missing or older than package-lock.json). It listens on 127.0.0.1
with one client and a sign-in page that takes an account's e-mail and password.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.server import free_port

HERE = Path(__file__).resolve().parent
CLIENT_ID = "storyillus"
CLIENT_SECRET = "storyillus-test-client-secret"


@dataclass(frozen=True)
class Account:
    sub: str
    email: str
    name: str
    password: str = "correct horse"


@dataclass
class Provider:
    process: subprocess.Popen[str]
    issuer: str

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def auth_secrets(self, redirect_uri: str) -> str:
        """The ``[auth]`` section of a secrets.toml that signs in with this provider."""
        return (
            "[auth]\n"
            f'redirect_uri = "{redirect_uri}"\n'
            'cookie_secret = "storyillus-test-cookie-secret-0123456789"\n'
            f'client_id = "{CLIENT_ID}"\n'
            f'client_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{self.metadata_url}"\n'
        )


def start_provider(redirect_uri: str, accounts: list[Account], timeout: float = 30) -> Provider:
    """Start the provider on a free loopback port for a client that returns to
    ``redirect_uri``; returns once its discovery document is served."""
    node = shutil.which("node")
    assert node, "the sign-in tests need Node.js: apt-get install -y nodejs npm"
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    major, minor = (int(part) for part in version.strip().lstrip("v").split(".")[:2])
    assert (major, minor) >= (20, 19), f"oidc-provider needs Node.js 20.19 or newer, not {version}"
    assert (HERE / "node_modules" / "oidc-provider").is_dir(), (
        "the sign-in tests need oidc-provider: run `npm ci` in tests/oidc (make test does)"
    )
    port = free_port()
    process = subprocess.Popen(
        [
            node,
            str(HERE / "server.mjs"),
            "--port",
            str(port),
            "--redirect-uri",
            redirect_uri,
            "--client-id",
            CLIENT_ID,
            "--client-secret",
            CLIENT_SECRET,
            "--accounts",
            json.dumps([account.__dict__ for account in accounts]),
        ],
        cwd=HERE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    provider = Provider(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(provider.metadata_url, timeout=2).status_code == 200:
                return provider
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the OIDC provider did not start:\n{process.stdout.read()}")
        time.sleep(0.1)


def stop_provider(provider: Provider) -> str:
    """Stop it; returns what it printed (its log, for a failing test's message)."""
    provider.process.terminate()
    try:
        output, _ = provider.process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()
        output, _ = provider.process.communicate()
    return output
