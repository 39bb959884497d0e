"""Users and their API tokens in the job store.

A user is found by the identity provider's issuer and subject (``st.user.iss``/``sub``), never
by e-mail alone: two providers may vouch for the same address. ``python -m storyillus token
create EMAIL`` makes a user known by e-mail only; the first sign-in with that address claims it.
Tokens are stored as SHA-256 hashes: the token itself is shown once, when made.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
import uuid
from dataclasses import dataclass

from storyillus._exceptions import InvalidInput, NotFound
from storyillus.store._database import Database

TOKEN_PREFIX = "si_"
"""Marks our tokens, so a leaked one is easy to recognise (and to scan for)."""
_USED_EVERY = 60.0
"""Seconds between two notes of a token's last use."""
_SHOWN = 10
"""Characters of a token kept in clear to tell tokens apart in lists."""


@dataclass(frozen=True)
class Account:
    id: str
    email: str | None
    name: str | None
    iss: str | None
    sub: str | None
    created_at: float


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: never the token itself."""

    prefix: str
    created_at: float
    last_used_at: float | None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _account(row: sqlite3.Row) -> Account:
    return Account(row["id"], row["email"], row["name"], row["iss"], row["sub"], row["created_at"])


class Accounts:
    def __init__(self, database: Database) -> None:
        self._database = database

    def signed_in(self, iss: str, sub: str, email: str | None, name: str | None) -> Account:
        """The account of an identity, made on its first sign-in (or claiming the account
        ``token create`` made for its e-mail); its e-mail and name follow the provider's."""
        email = email.strip().casefold() if email else None
        with self._database.write() as db:
            row = db.execute("SELECT * FROM users WHERE iss = ? AND sub = ?", (iss, sub)).fetchone()
            if row is None and email:
                row = db.execute(
                    "SELECT * FROM users WHERE email = ? AND iss IS NULL ORDER BY created_at",
                    (email,),
                ).fetchone()
            if row is None:
                user_id = uuid.uuid4().hex
                db.execute(
                    "INSERT INTO users (id, iss, sub, email, name, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (user_id, iss, sub, email, name, time.time()),
                )
            else:
                user_id = row["id"]
                db.execute(
                    "UPDATE users SET iss = ?, sub = ?, email = ?, name = ? WHERE id = ?",
                    (iss, sub, email, name, user_id),
                )
            return _account(db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone())

    def by_email(self, email: str, create: bool = False) -> Account | None:
        """The account of an e-mail address (the one signed in first, if several)."""
        email = email.strip().casefold()
        with self._database.write() as db:
            row = db.execute(
                "SELECT * FROM users WHERE email = ? ORDER BY iss IS NULL, created_at", (email,)
            ).fetchone()
            if row is None and create:
                user_id = uuid.uuid4().hex
                db.execute(
                    "INSERT INTO users (id, email, created_at) VALUES (?, ?, ?)",
                    (user_id, email, time.time()),
                )
                row = db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return _account(row) if row is not None else None

    def get(self, user_id: str) -> Account | None:
        row = (
            self._database.connection()
            .execute("SELECT * FROM users WHERE id = ?", (user_id,))
            .fetchone()
        )
        return _account(row) if row is not None else None

    # -- tokens --------------------------------------------------------------------

    def create_token_for_email(self, email: str) -> str:
        """A new token for ``email``'s user, made if new (``token create EMAIL``)."""
        if "@" not in email or len(email.strip()) < 3:
            raise InvalidInput(f"{email!r} is not an e-mail address.")
        account = self.by_email(email, create=True)
        assert account is not None
        return self.create_token(account.id)

    def tokens_for_email(self, email: str) -> list[TokenInfo]:
        account = self.by_email(email)
        if account is None:
            raise NotFound(f"No user with the e-mail address {email!r}.")
        return self.tokens(account.id)

    def create_token(self, user_id: str) -> str:
        """A new token for the user: returned once, stored only as its hash."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self._database.write() as db:
            db.execute(
                "INSERT INTO tokens (hash, user_id, prefix, created_at) VALUES (?, ?, ?, ?)",
                (_hash(token), user_id, token[:_SHOWN], time.time()),
            )
        return token

    def tokens(self, user_id: str) -> list[TokenInfo]:
        rows = (
            self._database.connection()
            .execute(
                "SELECT prefix, created_at, last_used_at FROM tokens WHERE user_id = ?"
                " ORDER BY created_at",
                (user_id,),
            )
            .fetchall()
        )
        return [TokenInfo(row[0], row[1], row[2]) for row in rows]

    def user_for_token(self, token: str) -> Account | None:
        """The account a token belongs to (noting when it was last used), or None.

        Every API call asks this: it reads, and writes "last used" at most once a minute
        per token, so a busy client does not take the store's write lock on every call.
        """
        digest = _hash(token)
        row = (
            self._database.connection()
            .execute(
                "SELECT u.*, t.last_used_at AS token_used FROM tokens t"
                " JOIN users u ON u.id = t.user_id WHERE t.hash = ?",
                (digest,),
            )
            .fetchone()
        )
        if row is None:
            return None
        now = time.time()
        if row["token_used"] is None or now - row["token_used"] >= _USED_EVERY:
            with self._database.write() as db:
                db.execute("UPDATE tokens SET last_used_at = ? WHERE hash = ?", (now, digest))
        return _account(row)

    def revoke(self, token: str, user_id: str | None = None) -> bool:
        """Revoke a token, given whole or by the prefix its list shows (of ``user_id``'s
        tokens only, when given); False when there is no such token."""
        with self._database.write() as db:
            owner = "" if user_id is None else " AND user_id = ?"
            extra = () if user_id is None else (user_id,)
            removed = db.execute(
                f"DELETE FROM tokens WHERE hash = ?{owner}", (_hash(token), *extra)
            )
            if not removed.rowcount and len(token) == _SHOWN:
                matches = db.execute(
                    f"SELECT hash FROM tokens WHERE prefix = ?{owner}", (token, *extra)
                ).fetchall()
                if len(matches) == 1:  # a prefix shared by two tokens names neither
                    removed = db.execute("DELETE FROM tokens WHERE hash = ?", (matches[0][0],))
            return bool(removed.rowcount)

    def delete(self, user_id: str) -> None:
        """Forget the user and their tokens (their books are removed by the engine first)."""
        with self._database.write() as db:
            db.execute("DELETE FROM uploads WHERE owner = ?", (user_id,))
            db.execute("DELETE FROM users WHERE id = ?", (user_id,))

    # -- uploads -------------------------------------------------------------------

    def add_upload(self, name: str, owner: str) -> None:
        with self._database.write() as db:
            db.execute(
                "INSERT OR REPLACE INTO uploads (name, owner, created_at) VALUES (?, ?, ?)",
                (name, owner, time.time()),
            )

    def upload_owner(self, name: str, default: str) -> str:
        """Who uploaded the picture called ``name`` (``default`` for one uploaded before
        accounts)."""
        row = (
            self._database.connection()
            .execute("SELECT owner FROM uploads WHERE name = ?", (name,))
            .fetchone()
        )
        return row[0] if row is not None else default

    def uploads_of(self, owner: str) -> list[str]:
        rows = self._database.connection().execute(
            "SELECT name FROM uploads WHERE owner = ?", (owner,)
        )
        return [row[0] for row in rows]

    def forget_uploads(self, names: list[str]) -> None:
        with self._database.write() as db:
            db.executemany("DELETE FROM uploads WHERE name = ?", [(n,) for n in names])
