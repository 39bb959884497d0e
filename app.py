"""Server entry: ``streamlit run app.py`` serves the UI and our routes on one port."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from storyillus import ConfigError, load_settings
from storyillus.api import routes
from storyillus.service import close_shared_engine, shared_engine

try:
    load_settings()
except ConfigError as error:
    # One clear line instead of a stack trace when a setting is wrong.
    print(f"storyillus: {error}", file=sys.stderr)
    raise SystemExit(2) from None


@asynccontextmanager
async def lifespan(app: st.App) -> AsyncIterator[None]:
    shared_engine()  # resume interrupted jobs now, not at the first page view
    yield
    close_shared_engine()


app = st.App(str(Path(__file__).with_name("ui.py")), routes=routes, lifespan=lifespan)
