"""CORS for browser clients on other origins (the seed's own web client, say): the one place
that decides which pages may call the API.

CORS_ORIGINS lists the origins; preflights and answers to them carry
``Access-Control-Allow-Origin`` naming that origin, never ``*``; any other origin gets none.
With none configured no CORS headers are sent at all: the middleware is not installed.
app.py wraps the whole app with it (``st.App(middleware=...)``); the in-process API tests
wrap the API routes the same way (``tests/asgi.py``).
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from storyillus.config import Settings

METHODS = ("GET", "HEAD", "POST", "PATCH", "DELETE")
HEADERS = ("Authorization", "Content-Type", "Last-Event-ID")
"""What the API reads: the bearer token, JSON and multipart bodies, and an event stream's
resume point."""
EXPOSED = ("Retry-After", "Content-Disposition", "WWW-Authenticate")
"""Answer headers a client's script may read: when to try again, a download's name, why
a token is needed."""
PREFLIGHT_SECONDS = 600


def cors_middleware(settings: Settings) -> list[Middleware]:
    """The middleware CORS_ORIGINS asks for: none when it is empty."""
    origins = settings.cors_origin_list
    if not origins:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=list(origins),
            allow_methods=list(METHODS),
            allow_headers=list(HEADERS),
            expose_headers=list(EXPOSED),
            # Bearer tokens, not cookies: a page on another origin never sends the app's
            # sign-in cookie along.
            allow_credentials=False,
            max_age=PREFLIGHT_SECONDS,
        )
    ]
