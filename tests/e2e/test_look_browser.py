"""End to end in headless Chromium: the parent corrects the hero's hair on the Create page.

A drawn child with brown hair is uploaded; the Create page shows the look read from it;
the parent picks ginger hair; the book page's hero is ginger. STORYILLUS_SCREENSHOTS=DIR
keeps a screenshot of the Create page with its pickers.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot
from tests.quality.reference import LIGHT_BROWN

GINGER = "#c8703a"


def test_parent_corrects_the_hair_read_from_the_picture(
    app: str, page: Page, tmp_path: Path
) -> None:
    picture = tmp_path / "drawn.png"
    picture.write_bytes(LIGHT_BROWN.png())

    page.goto(app)
    expect(page.get_by_role("heading", name="Make a picture book")).to_be_visible(timeout=30_000)
    page.get_by_label("Name", exact=True).fill("Sofía")
    page.get_by_label("Story idea").fill("Sofía must return a lost dinosaur egg to its mother")
    page.locator("input[type=file]").set_input_files(str(picture))
    expect(page.get_by_text("Read from the picture: hair")).to_be_visible(timeout=30_000)
    swatch = page.get_by_role("button", name="Hair color picker")
    # The innermost column holding the hair's picker: the swatch and its colour's word.
    hair = page.locator("[data-testid=stColumn]").filter(has=swatch).last
    expect(hair.get_by_text("brown", exact=True)).to_be_visible()
    shot(page, "look-1-create")

    swatch.click()
    field = page.locator("input[id^=rc-editable-input]")  # the picker's hex field
    field.fill(GINGER)
    field.press("Enter")
    page.keyboard.press("Escape")
    expect(hair.get_by_text("ginger", exact=True)).to_be_visible(timeout=10_000)
    shot(page, "look-2-corrected")
    page.get_by_role("button", name="Make my book").click()

    expect(page.get_by_text("1 of 1 character sheets drawn")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Sofía, a 7-year-old child with").first).to_contain_text("ginger")
    page.get_by_text("Correct description and look").click()
    expect(page.get_by_role("textbox", name="Hair colour")).to_have_value("ginger")
    shot(page, "look-3-book")
