"""What a browser tab remembers: only the ids it is looking at (the store holds the rest)."""

from __future__ import annotations

import streamlit as st

from storyillus.service import Engine, shared_engine

_BOOK_KEY = "book_id"


def engine() -> Engine:
    return shared_engine()


def open_book(book_id: str) -> None:
    """Remember the book to show and go to the book page."""
    st.session_state[_BOOK_KEY] = book_id
    st.switch_page("pages/book.py")


def current_book_id() -> str | None:
    return st.session_state.get(_BOOK_KEY)
