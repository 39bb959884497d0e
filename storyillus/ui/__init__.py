"""Streamlit helpers shared by the pages: the only part of storyillus that imports streamlit."""

from storyillus.ui.state import current_book_id, engine, open_book
from storyillus.ui.widgets import illustration_image

__all__ = ["current_book_id", "engine", "illustration_image", "open_book"]
