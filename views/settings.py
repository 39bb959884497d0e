"""Settings: every field read from the settings table, with where its value comes from.

Only the fields the user changes are saved to the settings file; the others keep following
.env and the environment. A saved field can be put back ("use the default"). Keys are never
shown: only whether they are set, and where from. A key entered for another server than the
one set now is not used, and the page says so.
"""

from typing import Any

import streamlit as st

from storyillus import ConfigError
from storyillus.config import (
    SPECS,
    Boolean,
    Choice,
    Fraction,
    Whole,
    keys_cleared_by,
    page_sections,
)
from storyillus.ui import current_user, engine, show_pending_toast, toast_later
from storyillus.ui.account import api_tokens, delete_my_data

show_pending_toast()
# Settings change the app for everyone: admins only (ADMIN_EMAILS; in local mode, the user).
if not current_user().admin:
    st.title("Account")
    api_tokens(engine())
    delete_my_data(engine())
    st.stop()

settings = engine().settings
st.title("Settings")
st.caption(
    f"Changes are saved to {settings.settings_file.name} under {settings.home}: only the "
    "fields you change, which then win over .env and the environment. They apply to the "
    "next page drawn."
)

# Keys not used because the server changed: the ones just dropped by a save, then any set
# in .env or the environment (or saved here) for another server than the one set now.
cleared = st.session_state.pop("keys_cleared", [])
for message in dict.fromkeys([*cleared, *(w.message for w in settings.withheld)]):
    st.warning(message, icon=":material/key_off:")

_FROM = {
    "default": "Default",
    ".env": "Set in .env",
    "environment": "Set in the environment",
    "settings file": "Saved on this page",
    "program": "Fixed by the program",
}
_USE = {"default": "the default", ".env": "the value in .env", "environment": "the environment's"}

# New settings (saved here or anywhere else): every field starts again from them.
if st.session_state.get("settings_shown") is not settings:
    for name in SPECS:
        st.session_state.pop(f"setting_{name}", None)
        st.session_state.pop(f"reset_{name}", None)
    st.session_state["settings_shown"] = settings


def _shown(name: str, value: Any) -> str:
    if SPECS[name].secret:
        if not value and settings.withheld_key(name):
            return "entered for another server"
        return "set" if value else "not set"
    if isinstance(value, bool):
        return "on" if value else "off"
    return "empty" if value in (None, "") else str(value)


def _field(name: str) -> tuple[Any, bool]:
    """One setting's widget, its source and, when saved here, "use the default"."""
    spec, value, source = SPECS[name], getattr(settings, name), settings.source(name)
    assert spec.page is not None
    label = spec.page.label
    common: dict[str, Any] = {"key": f"setting_{name}", "disabled": source == "program"}
    if spec.secret:
        typed = st.text_input(
            f"{label} ({_shown(name, value)})",
            type="password",
            placeholder="Type a new key to replace it" if value else "Paste a key",
            help=f"{spec.help} Keys are never shown again once saved.",
            **common,
        )
    else:
        match spec.parse:
            case Boolean():
                typed = st.toggle(label, value, help=spec.help, **common)
            case Choice(options):
                typed = st.selectbox(label, options, options.index(value), help=spec.help, **common)
            case Whole(low, high):
                typed = st.number_input(label, low, high, value, help=spec.help, **common)
            case Fraction():
                typed = st.slider(label, 0.0, 1.0, value, 0.05, help=spec.help, **common)
            case _:
                typed = st.text_input(label, value or "", help=spec.help, **common)
    st.caption(f"{_FROM[source]} (`{spec.env}`)")
    reset = False
    if source == "settings file":
        before, where = settings.fallback(name)
        reset = st.checkbox(
            f"Use {_USE[where]} instead ({_shown(name, before)})", key=f"reset_{name}"
        )
    return typed, reset


with st.form("settings"):
    values: dict[str, Any] = {}
    reset: list[str] = []
    for section, names in page_sections().items():
        st.subheader(section)
        for row in range(0, len(names), 2):
            for column, name in zip(st.columns(2), names[row : row + 2], strict=False):
                with column:
                    values[name], back = _field(name)
                if back:
                    reset.append(name)

    if st.form_submit_button("Save settings", type="primary"):
        changes = settings.changed({n: v for n, v in values.items() if n not in reset})
        try:
            cleared = [key.message for key in keys_cleared_by(settings, changes, reset)]
            engine().save_settings(changes, reset)
        except ConfigError as error:
            st.error(str(error), icon=":material/error:")
        else:
            st.session_state["settings_saved"] = True
            st.session_state["keys_cleared"] = cleared
            st.rerun()

if st.session_state.pop("settings_saved", False):
    st.success("Settings saved. They apply from the next page drawn.", icon=":material/check:")

st.subheader("Usage")
st.caption(engine().usage_totals().describe())

st.subheader("Pictures on disk")
usage = engine().usage()
files, megabytes, prune = st.columns([1, 1, 2], vertical_alignment="bottom")
files.metric("Pictures", usage.files, help=f"Limit: {settings.max_files or 'none'}")
megabytes.metric(
    "Megabytes", f"{usage.megabytes:.1f}", help=f"Limit: {settings.max_mb or 'none'} MB"
)
if prune.button(
    "Prune now",
    icon=":material/cleaning_services:",
    help="Removes the oldest pictures beyond the limits, never those of pinned books "
    "or of books being illustrated.",
):
    removed = engine().prune_now()
    toast_later(f"Removed {removed} old picture(s)." if removed else "Nothing to remove.")
    st.rerun()

api_tokens(engine())
delete_my_data(engine())
