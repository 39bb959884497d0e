"""Small pieces of page that several pages draw the same way."""

from __future__ import annotations

import base64
from collections.abc import Callable

import streamlit as st

from storyillus.domain import Book, Illustration
from storyillus.service import Engine


def illustration_image(
    engine: Engine, illustration: Illustration, caption: str | None = None
) -> bool:
    """Show a page's picture from any of the seed's three shapes; False if it is gone."""
    path = engine.image_path(illustration.local_url)
    if path is not None:
        # PNG in, PNG out: "auto" would re-encode every picture as JPEG on every rerun.
        st.image(str(path), caption=caption, width="stretch", output_format="PNG")
    elif illustration.b64_json:
        st.image(base64.b64decode(illustration.b64_json), caption=caption, width="stretch")
    elif illustration.url and not illustration.local_url:
        st.image(illustration.url, caption=caption, width="stretch")
    else:
        return False
    return True


def drawing_status(
    *,
    shown: bool,
    drawing: bool,
    redrawing: str,
    first_drawing: str,
    failed: str,
    retry_key: str,
    on_retry: Callable[..., None],
    retry_args: tuple[object, ...] = (),
) -> None:
    """What a picture's place says around it: a new one on its way (the old one stays),
    the first one being drawn, or why it could not be drawn, with "Try again"."""
    if drawing and shown:
        st.caption(redrawing)
    elif drawing:
        st.info(first_drawing, icon=":material/brush:")
    elif not shown:
        st.error(failed, icon=":material/error:")
        st.button(
            "Try again",
            key=retry_key,
            on_click=on_retry,
            args=retry_args,
            icon=":material/refresh:",
        )


def cover_thumbnail(engine: Engine, book: Book) -> None:
    """The first page's picture, else the hero's sheet, or a quiet placeholder."""
    for page in book.pages:
        if page.illustration is not None and illustration_image(engine, page.illustration):
            return
    if (sheet := engine.image_path(book.hero.sheet)) is not None:
        st.image(str(sheet), width="stretch", output_format="PNG")
        return
    st.markdown("### 📖")
