"""The JSON API and file routes, as Starlette routes mounted on app.py's ``st.App``."""

from storyillus.api.cors import cors_middleware
from storyillus.api.routes import api_routes

__all__ = ["api_routes", "cors_middleware"]
