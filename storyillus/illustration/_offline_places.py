"""Each place of the vocabulary drawn as itself: a base painter and the place's landmarks.

A place in ``storyillus/data/places.toml`` names its ``painter`` (the base: open land, a
room, the sea floor, or one of the older painters such as the sea or the city) and its
``landmarks`` (a barn and a fence, a bed, corals...). This module only looks those names up,
so a new place is a few lines of data; ``storyillus.places`` checks every name at load.
"""

from __future__ import annotations

from collections.abc import Callable

from storyillus.illustration import _offline_outdoors as outdoors
from storyillus.illustration import _offline_rooms as rooms
from storyillus.illustration._offline_scenes import PAINTERS, Stage

Painter = Callable[[Stage], None]

BASES: dict[str, Painter] = {
    **PAINTERS,
    "room": rooms.paint_room,
    "plain": outdoors.paint_plain,
    "underwater": outdoors.paint_underwater,
    "cave": outdoors.paint_cave,
}
"""Base painters by the name a place's ``painter`` field uses."""

LANDMARKS: dict[str, Painter] = {**rooms.FITTINGS, **outdoors.LANDMARKS}
"""Everything a place's ``landmarks`` field may name: room fittings and exterior landmarks."""

_OWN_LIGHT = rooms.WINDOWLESS | outdoors.SKY_LIGHTS
"""Landmarks that bring their own window or sky light, so the base draws none."""


def paint_place(stage: Stage, painter: str, landmarks: tuple[str, ...]) -> None:
    """Paint the base, then each landmark in the order the data lists them."""
    stage.skip_lights = stage.skip_lights or any(name in _OWN_LIGHT for name in landmarks)
    BASES[painter](stage)
    for name in landmarks:
        LANDMARKS[name](stage)


__all__ = ["BASES", "LANDMARKS", "paint_place"]
