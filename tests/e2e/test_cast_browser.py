"""End to end in headless Chromium: the parent checks the character sheets before the pages.

A new user makes a book with a sister, sees both sheets, corrects the sister's description,
redraws her sheet (the hero's stays as it was), approves, and watches the pages fill in.
STORYILLUS_SCREENSHOTS=DIR keeps a screenshot of each step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import shot
from tests.server import start, stop, wait_until_up

PAGES = 8
MIA = "Mia, a girl of nine with curly red hair, round glasses and a green raincoat."


@pytest.fixture
def app(tmp_path: Path) -> Iterator[str]:
    # The offline judge scores every page against the sheets.
    process, base = start(tmp_path, env={"CONSISTENCY_JUDGE": "true"})
    wait_until_up(process, base)
    yield base
    stop(process)


def _sheet(page: Page, name: str) -> Locator:
    return page.get_by_alt_text(f"{name}'s sheet")


def _card(page: Page, name: str) -> Locator:
    """The bordered card of one cast member on the sheets step."""
    return (
        page.locator("[data-testid=stVerticalBlock]")
        .filter(has=_sheet(page, name))
        .filter(has=page.get_by_role("button", name="Redraw this one"))
        .last
    )


def test_parent_corrects_one_sheet_then_approves_and_the_pages_fill_in(
    app: str, page: Page
) -> None:
    page.goto(app)
    expect(page.get_by_role("heading", name="Make a picture book")).to_be_visible(timeout=30_000)
    page.get_by_label("Name", exact=True).fill("Lila")
    page.get_by_label("Siblings or friends in the story").fill("1")
    page.get_by_label("Siblings or friends in the story").press("Enter")
    page.get_by_label("Name 1").fill("Mia")
    page.get_by_label("Story idea").fill("A voyage to the whale island")
    page.get_by_role("button", name="Make my book").click()

    expect(page.get_by_text("2 of 2 character sheets drawn")).to_be_visible(timeout=30_000)
    expect(_sheet(page, "Lila")).to_be_visible()
    expect(_sheet(page, "Mia")).to_be_visible()
    expect(page.get_by_text(re.compile("illustrated"))).to_have_count(0)
    lila_before = _sheet(page, "Lila").get_attribute("src")
    mia_before = _sheet(page, "Mia").get_attribute("src")
    shot(page, "cast-1-sheets")

    mia = _card(page, "Mia")
    mia.get_by_text("Correct description and look").click()
    mia.get_by_label("Description (every page repeats it word for word)").fill(MIA)
    # The offline sheet paints the look: a new hair colour (not the one the seed gave Mia)
    # makes a new sheet.
    hair = mia.get_by_role("textbox", name="Hair colour")
    hair.fill("black" if hair.input_value() == "ginger" else "ginger")
    shot(page, "cast-2-correcting")
    mia.get_by_role("button", name="Save and redraw").click()

    expect(page.get_by_text(MIA).first).to_be_visible(timeout=30_000)
    expect(_sheet(page, "Mia")).not_to_have_attribute("src", mia_before, timeout=30_000)
    expect(page.get_by_text("2 of 2 character sheets drawn")).to_be_visible(timeout=30_000)
    assert _sheet(page, "Lila").get_attribute("src") == lila_before, "Lila's sheet is kept"
    mia_after = _sheet(page, "Mia").get_attribute("src")
    shot(page, "cast-3-redrawn")

    page.get_by_role("button", name="Looks right, draw the pages").click()
    expect(page.get_by_text(re.compile(rf"\d+ of {PAGES} illustrated"))).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text(f"{PAGES} of {PAGES} illustrated")).to_be_visible(timeout=60_000)
    pages = page.locator("[data-testid=stImage] img:not([alt$=sheet])")
    expect(pages).to_have_count(PAGES)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stImage] img')]"
        ".every(img => img.complete && img.naturalWidth > 0)",
        timeout=30_000,
    )
    expect(page.get_by_role("button", name="Looks right, draw the pages")).to_have_count(0)

    # The sheets stay in view, the same pictures as approved.
    page.get_by_text("Who is in this book").click()
    expect(_sheet(page, "Mia")).to_be_visible()
    assert _sheet(page, "Lila").get_attribute("src") == lila_before
    assert _sheet(page, "Mia").get_attribute("src") == mia_after
    expect(page.get_by_text(MIA)).to_be_visible()
    expect(page.get_by_text(f"calls: 2 sheets, {PAGES} pages")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Looks like Lila( and Mia)?: \d\.\d\d"))).to_have_count(
        PAGES
    )
    shot(page, "cast-4-pages")
