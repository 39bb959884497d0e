"""Reference pictures of known colours: a drawn child (authors upload drawings too) against a
plain background, so a test knows the hair, skin and clothes the hero should get and the
background colour the hero must never get."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

from tests.quality.measure import RGB

SIZE = 512


@dataclass(frozen=True)
class Reference:
    label: str
    hair: RGB
    skin: RGB
    clothes: RGB
    background: RGB
    eyes: RGB | None = None
    """The irises' colour; None draws the eyes as dark dots, which tell no colour."""
    glasses: bool = False

    def png(self) -> bytes:
        """The child drawn head and shoulders: hair around and above the face, eyes, a smile,
        a shirt; the background plain."""
        image = Image.new("RGB", (SIZE, SIZE), self.background)
        pen = ImageDraw.Draw(image)
        pen.rounded_rectangle((120, 390, 392, 560), radius=70, fill=self.clothes)  # shoulders
        pen.rectangle((226, 330, 286, 400), fill=self.skin)  # neck
        pen.ellipse((146, 70, 366, 300), fill=self.hair)  # hair behind the head
        pen.ellipse((166, 120, 346, 350), fill=self.skin)  # face
        pen.chord((160, 84, 352, 250), start=180, end=360, fill=self.hair)  # fringe
        for x in (212, 276):
            if self.eyes is None:
                pen.ellipse((x, 215, x + 24, 239), fill=(50, 40, 35))  # eyes
                continue
            pen.ellipse((x - 4, 213, x + 28, 241), fill=(250, 250, 250))  # the white
            pen.ellipse((x + 2, 215, x + 22, 239), fill=self.eyes)  # the iris
            pen.ellipse((x + 8, 221, x + 16, 233), fill=(20, 16, 16))  # the pupil
            pen.ellipse((x + 13, 219, x + 17, 223), fill=(255, 255, 255))  # a catch light
        if self.glasses:
            for x in (212, 276):
                pen.ellipse((x - 16, 199, x + 40, 255), outline=(40, 40, 48), width=5)
            pen.line((252, 225, 260, 225), fill=(40, 40, 48), width=5)  # the bridge
        pen.arc((226, 260, 286, 305), start=20, end=160, fill=(170, 70, 70), width=5)  # smile
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()


# Four children unlike each other and unlike the name-based looks of today's casting.
LIGHT_BROWN = Reference(
    "light skin, short brown hair",
    hair=(106, 66, 38),
    skin=(244, 208, 182),
    clothes=(58, 150, 82),
    background=(222, 224, 230),
)
DARK_BLACK = Reference(
    "dark skin, black hair",
    hair=(28, 24, 24),
    skin=(112, 72, 46),
    clothes=(236, 196, 44),
    background=(196, 220, 242),
)
MEDIUM_RED = Reference(
    "medium skin, red hair",
    hair=(186, 78, 36),
    skin=(214, 164, 122),
    clothes=(120, 80, 170),
    background=(214, 236, 206),
)
LIGHT_BLOND = Reference(
    "light skin, blond hair",
    hair=(232, 196, 108),
    skin=(246, 214, 192),
    clothes=(210, 52, 60),
    background=(244, 240, 232),
)
