"""Every vocabulary kept as data (``storyillus/data``), loaded and checked together.

The app and the CLI call ``load_vocabularies`` at start, so a broken entry stops them
with one line naming its file and line (a ``VocabularyError``), not a page later.
"""

from __future__ import annotations

from storyillus.casting import look_words
from storyillus.places import places
from storyillus.poses import poses
from storyillus.things import things
from storyillus.writing import _phrases


def load_vocabularies() -> None:
    """Load places, things, poses, looks and the offline writer's phrases; raise
    VocabularyError if broken."""
    things()
    poses()
    places()
    look_words()
    _phrases.SETTING_DATA  # loaded and checked when the module was imported  # noqa: B018


__all__ = ["load_vocabularies"]
