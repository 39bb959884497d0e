"""Streamlit helpers shared by the pages: the only part of storyillus that imports streamlit."""

from storyillus.ui.state import (
    choose_picture,
    chosen_picture,
    close_engine,
    current_book_id,
    engine,
    forget_book,
    open_book,
    picture_preview,
    show_pending_toast,
    toast_later,
)
from storyillus.ui.widgets import cover_thumbnail, illustration_image

__all__ = [
    "choose_picture",
    "chosen_picture",
    "close_engine",
    "cover_thumbnail",
    "current_book_id",
    "engine",
    "forget_book",
    "illustration_image",
    "open_book",
    "picture_preview",
    "show_pending_toast",
    "toast_later",
]
