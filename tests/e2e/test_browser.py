"""End to end in headless Chromium: a new user makes a book and downloads the PDF.

Debian's chromium driven by the playwright package (README, "Dependencies"); `make test` and CI
install it. Set STORYILLUS_SCREENSHOTS=DIR to keep a screenshot of each step.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.conftest import png_bytes
from tests.e2e.conftest import shot

PAGES = 8


def test_new_user_makes_a_book_watches_it_fill_in_and_downloads_the_pdf(
    app: str, page: Page, tmp_path: Path
) -> None:
    picture = tmp_path / "hero.png"
    picture.write_bytes(png_bytes((300, 400), (40, 120, 220)))

    page.goto(app)
    expect(page.get_by_role("heading", name="Make a picture book")).to_be_visible(timeout=30_000)
    page.get_by_label("Name").fill("Zoë")
    page.get_by_label("Story idea").fill("A cosmic garden adventure")
    page.locator("input[type=file]").set_input_files(str(picture))
    expect(
        page.get_by_alt_text("The hero's picture").or_(page.get_by_text("The hero's picture"))
    ).to_be_visible()
    shot(page, "1-create")
    page.get_by_role("button", name="Make my book").click()

    # The hero's character sheet first; the pages wait for the parent's word.
    expect(page.get_by_text("1 of 1 character sheets drawn")).to_be_visible(timeout=30_000)
    expect(page.get_by_alt_text("Zoë's sheet")).to_be_visible()
    shot(page, "2-sheets")
    page.get_by_role("button", name="Looks right, draw the pages").click()

    expect(page.get_by_text(re.compile(r"\d+ of 8 illustrated"))).to_be_visible(timeout=30_000)
    shot(page, "3-book-filling-in")
    expect(page.get_by_text(f"{PAGES} of {PAGES} illustrated")).to_be_visible(timeout=60_000)
    pictures = page.locator("[data-testid=stImage] img:not([alt$=sheet])")
    expect(pictures).to_have_count(PAGES)
    # Every picture loads and decodes (a broken one never gets a natural width).
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stImage] img')]"
        ".every(img => img.complete && img.naturalWidth > 0)",
        timeout=30_000,
    )
    shot(page, "4-book-done")

    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download PDF").click()
    download = waiting.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    cover = pdf.pages[0].extract_text()
    assert "Zoë" in cover
    story_pages = [p for p in pdf.pages[1:] if "/XObject" in (p.get("/Resources") or {})]
    assert len(story_pages) == PAGES

    page.get_by_role("link", name="Library").click()
    expect(page.get_by_text("For Zoë, age 7")).to_be_visible()
    shot(page, "5-library")


def test_a_page_opened_by_its_address_shows_the_apps_own_navigation(app: str, page: Page) -> None:
    page.goto(f"{app}/settings")
    expect(page.get_by_role("heading", name="Settings")).to_be_visible(timeout=30_000)
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar.get_by_text("Create a book")).to_be_visible()
    # A pages/ folder would add its file names ("ui", "create"...) to the sidebar.
    expect(sidebar.get_by_text("ui", exact=True)).to_have_count(0)
    expect(sidebar.get_by_text("create", exact=True)).to_have_count(0)
