"""Signed, expiring picture addresses: ``/generated/x.png?expires=T&signature=S``.

With sign-in on, a picture is served to its owner's token or to an address the app signed
for them; a bare path gets nothing. The key is made once per home (``data/url-signing.key``,
mode 600), so addresses stay valid across restarts until they expire.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path
from urllib.parse import urlencode


class UrlSigner:
    def __init__(self, key_file: Path) -> None:
        self._key_file = key_file
        self._key: bytes | None = None

    def _secret(self) -> bytes:
        if self._key is None:
            try:
                self._key = self._key_file.read_bytes()
            except FileNotFoundError:
                key = secrets.token_bytes(32)
                self._key_file.parent.mkdir(parents=True, exist_ok=True)
                try:
                    descriptor = os.open(
                        self._key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600
                    )
                except FileExistsError:  # another process made it first: use theirs
                    self._key = self._key_file.read_bytes()
                else:
                    with os.fdopen(descriptor, "wb") as file:
                        file.write(key)
                    self._key = key
        return self._key

    def _signature(self, path: str, expires: int) -> str:
        digest = hmac.new(self._secret(), f"{path}\n{expires}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")

    def sign(self, path: str, seconds: int, now: float | None = None) -> str:
        """``path`` (like ``/generated/x.png``) with a signature valid for ``seconds``."""
        expires = int((now if now is not None else time.time()) + seconds)
        query = urlencode({"expires": expires, "signature": self._signature(path, expires)})
        return f"{path}?{query}"

    def valid(self, path: str, expires: str | None, signature: str | None) -> bool:
        """Whether a request for ``path`` carries an unexpired signature made here."""
        if not expires or not signature or not expires.isdigit():
            return False
        if int(expires) < time.time():
            return False
        return hmac.compare_digest(self._signature(path, int(expires)), signature)
