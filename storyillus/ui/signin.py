"""Who is at the keyboard: the page gate, Streamlit's sign-in, and the signed-in identity.

The only module that reads ``st.user`` for identity. ``gate()`` runs at the top of ui.py,
before the navigation, on every run of every page:

- **refused** (another address, no sign-in, no ``STORYILLUS_ALLOW_OPEN``): the refusal line,
  and nothing else;
- **open**: a warning banner above every page;
- **signed in**: a visitor who has not signed in sees only the sign-in page (no navigation);
  a signed-in user sees who they are in the sidebar, with "Sign out".

Sign-in is Streamlit's own (``st.login`` / ``st.logout``, OpenID Connect through Authlib),
set up in ``.streamlit/secrets.toml`` ``[auth]`` (README, "Sign-in").
"""

from __future__ import annotations

import html

import streamlit as st

from storyillus.access import Access, Mode, access_for
from storyillus.config import Settings

__all__ = ["auth_configured", "current_access", "gate", "signed_in_identity"]

Identity = tuple[str, str, str | None, str | None]
"""A signed-in user's ``(iss, sub, email, name)``: issuer and subject are the stable key."""


def auth_configured() -> bool:
    """Whether ``[auth]`` is set up in secrets.toml (False when there is no secrets file)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets file at all
        return False


def current_access(settings: Settings) -> Access:
    """This server's mode, from the address it listens on ("" when it is every address)."""
    address = st.get_option("server.address") or ""
    return access_for(settings, address, auth_configured())


def signed_in_identity() -> Identity | None:
    """The signed-in user's ``(iss, sub, email, name)`` from their ID token's claims, or None
    when nobody is signed in (or sign-in is not set up)."""
    user = st.user
    if not user.get("is_logged_in"):
        return None
    iss, sub = user.get("iss"), user.get("sub")
    if not iss or not sub:  # every OpenID provider sends both; never guess an owner
        return None
    email, name = user.get("email"), user.get("name")
    return str(iss), str(sub), str(email) if email else None, str(name) if name else None


def gate(access: Access) -> None:
    """Show only what this visitor may see (``access``: the app engine's); stops the run when
    that is not the app."""
    if access.mode is Mode.REFUSED:
        st.error(access.refusal, icon=":material/block:")
        st.stop()
    if access.warning:
        st.warning(access.warning, icon=":material/public:")
    if access.signed_in:
        if not auth_configured():
            st.error(
                "Sign-in is required (AUTH_REQUIRED=true) but not set up: add an [auth] "
                'section to .streamlit/secrets.toml (README, "Sign-in").',
                icon=":material/lock:",
            )
            st.stop()
        identity = signed_in_identity()
        if identity is None:
            _sign_in_page()
            st.stop()
        _account_sidebar(identity)


def _sign_in_page() -> None:
    _, middle, _ = st.columns([1, 1.4, 1])
    with middle, st.container(border=True):
        st.title(":material/auto_stories: storyillus", anchor=False)
        st.write(
            "Picture books here are made from photos of your children, so each family "
            "signs in and sees only its own books."
        )
        if st.button("Sign in", type="primary", icon=":material/login:", width="stretch"):
            st.login()


def _account_sidebar(identity: Identity) -> None:
    _, _, email, name = identity
    # HTML, not Markdown: a name is shown as typed, and an address is no mailto: link.
    who = f"<strong>{html.escape(name or email or 'you')}</strong>"
    if email and name:
        who += f'<br><span style="opacity: .65; font-size: .875rem">{html.escape(email)}</span>'
    with st.sidebar:
        st.caption("Signed in as")
        st.html(f'<div style="line-height: 1.5">{who}</div>')
        if st.button("Sign out", icon=":material/logout:"):
            st.logout()
