"""Who may use this app, and as whom.

Three ways to run it (DESIGN.md, "Deployment modes"):

- **local**: no sign-in, the server listens on a loopback address; one user, ``LOCAL_USER``,
  who is also the admin. What ``make run`` does.
- **open**: no sign-in on another address, allowed by ``STORYILLUS_ALLOW_OPEN=true``: as
  local, with a warning on every page. Without that setting the app is **refused**: it serves
  no books, and says why (``Access.refusal``).
- **signed in** (``AUTH_REQUIRED``, on by default when ``[auth]`` is set up in
  ``.streamlit/secrets.toml``): every page needs ``st.login``, every API call a user's token;
  each user sees only their own books, and ``ADMIN_EMAILS`` alone see Settings.
"""

from __future__ import annotations

import enum
import hashlib
import ipaddress
from dataclasses import dataclass

from storyillus.config import Settings

__all__ = [
    "LOCAL_ACCESS",
    "LOCAL_USER",
    "Access",
    "Mode",
    "User",
    "access_for",
    "admin_emails",
    "is_loopback",
    "safety_identifier_of",
]


@dataclass(frozen=True)
class User:
    """Whoever the engine works for: every book, job, upload and picture has one as owner."""

    id: str
    """The owner key stored with their data (``LOCAL_USER.id`` in local mode)."""
    email: str | None = None
    name: str | None = None
    admin: bool = False

    @property
    def safety_identifier(self) -> str:
        """What OpenAI gets to tell users apart: a hash, never the id or e-mail itself."""
        return hashlib.sha256(f"storyillus:{self.id}".encode()).hexdigest()[:32]


LOCAL_USER = User("local", name="You", admin=True)


def safety_identifier_of(owner: str) -> str | None:
    """What requests to OpenAI made for ``owner``'s books carry as ``safety_identifier``:
    the hash of a signed-in user's id; None for the local user (one person, nobody to tell
    apart, so their requests stay as the seed sent them)."""
    return None if owner == LOCAL_USER.id else User(owner).safety_identifier


class Mode(enum.Enum):
    LOCAL = "local"
    OPEN = "open"
    REFUSED = "refused"
    SIGNED_IN = "signed in"


@dataclass(frozen=True)
class Access:
    """How this server is run: its mode, and the address it listens on."""

    mode: Mode
    address: str = "127.0.0.1"

    @property
    def signed_in(self) -> bool:
        return self.mode is Mode.SIGNED_IN

    @property
    def refusal(self) -> str | None:
        """The one line that says why no book is served, or None when they are."""
        if self.mode is not Mode.REFUSED:
            return None
        where = self.address or "every network address"
        return (
            f"storyillus is listening on {where} without sign-in, so anyone who can reach it "
            "would see every book and photo: it serves none. Listen on 127.0.0.1 "
            "(server.address in .streamlit/config.toml), set up sign-in ([auth] in "
            ".streamlit/secrets.toml), or set STORYILLUS_ALLOW_OPEN=true if you mean it."
        )

    @property
    def warning(self) -> str | None:
        """The banner every page shows in open mode."""
        if self.mode is not Mode.OPEN:
            return None
        return (
            f"This app is open to everyone who can reach {self.address or 'this server'} "
            "(STORYILLUS_ALLOW_OPEN=true): they can see, change and delete every book and photo."
        )


LOCAL_ACCESS = Access(Mode.LOCAL)


def is_loopback(address: str) -> bool:
    """Whether a listening address is reachable from this machine only ("" is every one)."""
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def access_for(settings: Settings, address: str, auth_configured: bool) -> Access:
    """The mode of a server listening on ``address``, with or without ``[auth]`` set up."""
    required = settings.auth_required
    if required == "true" or (required == "auto" and auth_configured):
        return Access(Mode.SIGNED_IN, address)
    if is_loopback(address):
        return Access(Mode.LOCAL, address)
    return Access(Mode.OPEN if settings.allow_open else Mode.REFUSED, address)


def admin_emails(settings: Settings) -> frozenset[str]:
    return frozenset(
        email.strip().casefold() for email in settings.admin_emails.split(",") if email.strip()
    )
