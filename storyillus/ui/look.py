"""The hero's look on the Create page, before the book is made.

The pickers start from what the book would give: the colours the uploaded picture shows
(read once, on upload, by ``Engine.read_look``) and, for the rest or without a picture, a
first guess from a seed kept for the browser tab (a name never decides a look). What the
parent leaves or picks is sent with the request (``Character.look``) and becomes the
book's ``cast[0].look``.
"""

from __future__ import annotations

import secrets

import streamlit as st

from storyillus.casting import colour_word
from storyillus.domain import LOOK_COLOURS, Look, LookChoice
from storyillus.looks_from_picture import SeenLook
from storyillus.service import Engine

_SEEN = "hero_seen_look"
_SEED = "hero_look_seed"
_GLASSES = "hero_look_glasses"
_KEEP = "session"  # the corrections survive moving to another page and back
LABELS = {"hair": "Hair", "skin": "Skin", "eyes": "Eyes", "clothes": "Clothes"}


def _key(part: str) -> str:
    return f"hero_look_{part}"


def _start(engine: Engine) -> Look:
    seed = st.session_state.setdefault(_SEED, secrets.randbelow(2**31))
    return engine.starting_look(seed, st.session_state.get(_SEEN))


def _has_glasses(look: Look) -> bool:
    return any("glasses" in extra for extra in look.extras)


def start_again(engine: Engine, seen: SeenLook | None) -> None:
    """A new picture (``seen``: what it shows) or none: the pickers start over from it.

    Called from the upload's callback, before the pickers are drawn, so setting their
    values here is what they show.
    """
    if seen is None:
        st.session_state.pop(_SEEN, None)
    else:
        st.session_state[_SEEN] = seen
    look = _start(engine)
    for part in LOOK_COLOURS:
        st.session_state[_key(part)] = getattr(look, part).hex
    st.session_state[_GLASSES] = _has_glasses(look)


def forget() -> None:
    """The book is made: the next one starts from a new guess."""
    for key in (_SEEN, _SEED, _GLASSES, *map(_key, LOOK_COLOURS)):
        st.session_state.pop(key, None)


def _read_parts(seen: SeenLook | None) -> list[str]:
    if seen is None:
        return []
    parts = [part.lower() for part in LOOK_COLOURS if getattr(seen, part) is not None]
    if seen.glasses is not None:
        parts.append("glasses")
    return parts


def _summary(seen: SeenLook | None, has_picture: bool) -> str:
    read = _read_parts(seen)
    if not has_picture:
        return "A first guess: pick the hero's colours, or add a picture to read them from it."
    if not read:
        return "The picture shows no face or figure to read: these are a first guess."
    said = read[0] if len(read) == 1 else ", ".join(read[:-1]) + " and " + read[-1]
    return f"Read from the picture: {said}. Change any that is not right."


def look_fields(engine: Engine, has_picture: bool) -> None:
    """The hero's colours (a picker each, with its colour word) and glasses, to correct."""
    look = _start(engine)
    for part in LOOK_COLOURS:  # first run, or back from another page
        st.session_state.setdefault(_key(part), getattr(look, part).hex)
    st.session_state.setdefault(_GLASSES, _has_glasses(look))
    st.markdown("**The hero's look**")
    st.caption(_summary(st.session_state.get(_SEEN), has_picture))
    for column, part in zip(st.columns(len(LOOK_COLOURS)), LOOK_COLOURS, strict=True):
        with column:
            picked = st.color_picker(LABELS[part], key=_key(part), persist_state=_KEEP)
            st.caption(colour_word(part, picked))
    st.toggle("Glasses", key=_GLASSES, persist_state=_KEEP)


def look_choice() -> LookChoice | None:
    """The look as the pickers show it, for ``Character.look`` (None before they are shown)."""
    state = st.session_state
    if any(_key(part) not in state for part in LOOK_COLOURS):
        return None
    return LookChoice.create(
        {part: state[_key(part)] for part in LOOK_COLOURS}, glasses=state.get(_GLASSES)
    )
