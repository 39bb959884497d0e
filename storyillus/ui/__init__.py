"""Streamlit helpers shared by the pages: the only part of storyillus that imports streamlit."""

from storyillus.ui.cast import cast_gallery, sheet_cards, sheets_progress
from storyillus.ui.look import forget as forget_look
from storyillus.ui.look import look_choice, look_fields
from storyillus.ui.look import start_again as start_look_again
from storyillus.ui.state import (
    HERO,
    app_engine,
    choose_picture,
    chosen_picture,
    close_engine,
    current_book_id,
    current_user,
    engine,
    forget_book,
    open_book,
    picture_preview,
    show_pending_toast,
    toast_later,
)
from storyillus.ui.widgets import cover_thumbnail, drawing_status, illustration_image

__all__ = [
    "HERO",
    "app_engine",
    "cast_gallery",
    "choose_picture",
    "chosen_picture",
    "close_engine",
    "cover_thumbnail",
    "current_book_id",
    "current_user",
    "drawing_status",
    "engine",
    "forget_book",
    "forget_look",
    "illustration_image",
    "look_choice",
    "look_fields",
    "open_book",
    "picture_preview",
    "sheet_cards",
    "sheets_progress",
    "show_pending_toast",
    "start_look_again",
    "toast_later",
]
