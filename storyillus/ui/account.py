"""The account section every user sees on the Settings page: their API tokens, and
"Delete my data"."""

from __future__ import annotations

import time

import streamlit as st

from storyillus._exceptions import NotFound
from storyillus.service import Engine
from storyillus.ui.state import toast_later

_NEW_TOKEN = "new_api_token"


def _when(moment: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(moment)) if moment else "never"


def api_tokens(engine: Engine) -> None:
    st.subheader("API tokens")
    if not engine.access.signed_in:
        st.caption(
            "In local mode the API needs no token (or API_TOKEN, when it is set). With sign-in "
            "on, each user makes their own here."
        )
        return
    st.caption(
        "For programs that use the API on your behalf: send `Authorization: Bearer <token>`. "
        "A token sees your books only. Revoke one you no longer use."
    )
    made = st.session_state.pop(_NEW_TOKEN, None)
    if made:
        st.success("Your new token. Copy it now: it is not shown again.", icon=":material/key:")
        st.code(made, language=None)
    for token in engine.tokens():
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(
            f"`{token.prefix}…` made {_when(token.created_at)}, last used "
            f"{_when(token.last_used_at)}"
        )
        if right.button("Revoke", key=f"revoke_{token.prefix}", icon=":material/key_off:"):
            try:
                engine.revoke_token(token.prefix)
            except NotFound as error:
                st.error(str(error))
            else:
                toast_later(f"Token {token.prefix}… revoked.")
                st.rerun()
    if st.button("Make a new token", icon=":material/add:"):
        st.session_state[_NEW_TOKEN] = engine.create_token()
        st.rerun()


def delete_my_data(engine: Engine) -> None:
    st.subheader("Delete my data")
    st.caption(
        "Removes every book of yours with its pictures and character sheets, and every photo "
        "you uploaded. It cannot be undone."
    )
    sure = st.checkbox("I understand that my books and photos will be gone", key="delete_sure")
    if st.button(
        "Delete my data", type="primary", icon=":material/delete_forever:", disabled=not sure
    ):
        deleted = engine.delete_my_data()
        st.session_state.pop("book_id", None)
        st.session_state.pop("delete_sure", None)
        toast_later(deleted.describe())
        st.rerun()
