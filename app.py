"""Server entry: ``streamlit run app.py`` serves the UI and our routes on one port."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from storyillus import ConfigError, load_settings

try:
    settings = load_settings()
    from storyillus.vocabularies import load_vocabularies

    load_vocabularies()
except ConfigError as error:
    # One clear line instead of a stack trace when a setting or a data file is wrong.
    print(f"storyillus: {error}", file=sys.stderr)
    raise SystemExit(2) from None

from storyillus.api import api_routes, cors_middleware
from storyillus.ui import app_engine, close_engine


@asynccontextmanager
async def lifespan(app: st.App) -> AsyncIterator[None]:
    # One engine for the pages and the routes; interrupted jobs resume now.
    refusal = app_engine().access.refusal
    if refusal:  # said at start, and again by every page and API answer
        print(f"storyillus: {refusal}", file=sys.stderr)
    yield
    close_engine()


app = st.App(
    str(Path(__file__).with_name("ui.py")),
    routes=api_routes(app_engine),
    lifespan=lifespan,
    # CORS_ORIGINS, read at start-up: which other origins' pages may call the API.
    middleware=cors_middleware(settings),
)
