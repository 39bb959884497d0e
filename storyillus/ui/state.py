"""The app's engine, and what a browser tab remembers: the ids it is looking at and the
picture being chosen.

Everything else (books, jobs, pictures) lives in the job store; form fields keep their
values across pages through ``persist_state="session"`` on the widgets themselves.
"""

from __future__ import annotations

import threading

import streamlit as st

from storyillus._exceptions import SignInRequired
from storyillus.access import LOCAL_USER, User
from storyillus.config import load_settings
from storyillus.service import Engine
from storyillus.ui.signin import current_access, signed_in_identity

_BOOK = "book_id"
_TOAST = "toast"


_engine: Engine | None = None
_engine_lock = threading.Lock()


def app_engine() -> Engine:
    """The app's engine: one per process, made (and unfinished jobs resumed) on first use.

    app.py makes it at start-up and hands this function to the API routes, so pages and
    routes share it; each works through a view of it for its user (``Engine.as_user``).
    """
    global _engine
    with _engine_lock:
        if _engine is None:
            settings = load_settings()
            made = Engine(settings, access=current_access(settings))
            made.start()
            _engine = made
        return _engine


def engine() -> Engine:
    """The app's engine working for whoever uses this browser tab: the signed-in user with
    sign-in on, else the local user."""
    return app_engine().as_user(current_user())


_USER = "user"


def current_user() -> User:
    """This tab's user. Kept in the tab's session (never in a cache shared by every user),
    keyed by the identity, so signing in as someone else is never mixed up."""
    if not app_engine().access.signed_in:
        return LOCAL_USER
    identity = signed_in_identity()
    if identity is None:
        raise SignInRequired("Sign in to see your books.")
    known = st.session_state.get(_USER)
    if known is None or known[0] != identity:
        known = (identity, app_engine().sign_in(*identity))
        st.session_state[_USER] = known
    return known[1]


def close_engine() -> None:
    """Stop the app's engine (at shut-down, or between tests); the next use makes a new one."""
    global _engine
    with _engine_lock:
        if _engine is not None:
            _engine.close()
            _engine = None


def open_book(book_id: str) -> None:
    """Remember the book to show and go to the book page."""
    st.session_state[_BOOK] = book_id
    st.switch_page("views/book.py")


def current_book_id() -> str | None:
    return st.session_state.get(_BOOK)


def forget_book(book_id: str) -> None:
    if st.session_state.get(_BOOK) == book_id:
        del st.session_state[_BOOK]


HERO = "hero"
"""Whose picture: the hero's, or ``companion_N``'s for the N-th companion row."""


def chosen_picture(who: str = HERO) -> bytes | None:
    """A picture checked on upload, kept until a book is made or it is removed."""
    return st.session_state.get(f"{who}_picture")


def picture_preview(who: str = HERO) -> bytes | None:
    """A small upright PNG of the chosen picture, safe for any browser to show."""
    return st.session_state.get(f"{who}_picture_preview")


def choose_picture(data: bytes | None, preview: bytes | None = None, who: str = HERO) -> None:
    if data is None:
        st.session_state.pop(f"{who}_picture", None)
        st.session_state.pop(f"{who}_picture_preview", None)
    else:
        st.session_state[f"{who}_picture"] = data
        st.session_state[f"{who}_picture_preview"] = preview


def toast_later(message: str) -> None:
    """Show a toast at the start of the next full run (a rerun would swallow it now)."""
    st.session_state[_TOAST] = message


def show_pending_toast() -> None:
    message = st.session_state.pop(_TOAST, None)
    if message:
        st.toast(message, icon="🎉")
