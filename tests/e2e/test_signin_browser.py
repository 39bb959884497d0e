"""Sign-in in headless Chromium against a real OpenID Connect provider, and the pages of a
server that listens on every address without sign-in (refused, or open when allowed).

The provider is panva's oidc-provider under Node (tests/oidc), on 127.0.0.1 like the app; the
app signs in through Streamlit's own st.login with [auth] in its secrets.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from storyillus.access import Access, Mode
from storyillus.service import Engine
from tests.conftest import make_settings, png_bytes
from tests.e2e.conftest import shot
from tests.oidc import Account, Provider, start_provider, stop_provider
from tests.server import free_port, start, stop, wait_until_up

ALICE = Account(sub="alice-0001", email="alice@example.com", name="Alice Liddell")
BOB = Account(sub="bob-0002", email="bob@example.com", name="Bob Builder")
WHY = "each family signs in and sees only its own books"


@pytest.fixture
def provider_and_app(tmp_path: Path) -> Iterator[tuple[Provider, str]]:
    port = free_port()
    provider = start_provider(f"http://127.0.0.1:{port}/oauth2callback", [ALICE, BOB])
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(provider.auth_secrets(f"http://127.0.0.1:{port}/oauth2callback"))
    process, base = start(tmp_path, port=port)
    try:
        wait_until_up(process, base)
        yield provider, base
    finally:
        stop(process)
        log = stop_provider(provider)
        print("oidc-provider:", log)  # shown by pytest when the test failed


def _expect_sign_in_page(page: Page) -> None:
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(WHY)).to_be_visible()
    expect(page.get_by_role("heading", name="Make a picture book")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_role("link", name="Library")).to_have_count(0)


def test_a_parent_signs_in_at_the_provider_sees_the_app_and_signs_out(
    provider_and_app: tuple[Provider, str], page: Page, tmp_path: Path
) -> None:
    provider, app = provider_and_app

    # Alice made a book through the API with her token before she ever signed in: the token
    # made her user by e-mail, and her first sign-in claims it, book and all.
    server_side = Engine(make_settings(tmp_path), access=Access(Mode.SIGNED_IN))
    token = server_side.create_token(ALICE.email)
    server_side.close()
    assert httpx.get(f"{app}/api/books").status_code == 401  # nobody's books without a token
    made = httpx.post(
        f"{app}/api/stories/generate",
        json={
            "character": {"name": "Aurora", "age": 6},
            "prompt": "Aurora flies a red kite in the park",
            "pages": 4,
            "generateIllustrations": False,
        },
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert made.status_code == 200, made.text
    title = made.json()["data"]["title"]

    # Not signed in: the sign-in page alone, whichever page is asked for.
    page.goto(f"{app}/library")
    _expect_sign_in_page(page)
    page.goto(app)
    _expect_sign_in_page(page)
    shot(page, "signin-1-page")

    # Sign in at the provider's own page (PKCE, state and nonce checked on both sides).
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(provider.issuer) + "/interaction/"))
    page.get_by_label("E-mail").fill(ALICE.email)
    page.get_by_label("Password").fill(ALICE.password)
    shot(page, "signin-2-provider")
    page.get_by_role("button", name="Sign in").click()

    # Back in the app, signed in: who she is in the sidebar, and the app itself.
    page.wait_for_url(re.compile("^" + re.escape(app)))
    expect(page.get_by_role("heading", name="Make a picture book")).to_be_visible(timeout=30_000)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(ALICE.name)).to_be_visible()
    expect(sidebar.get_by_text(ALICE.email)).to_be_visible()
    expect(sidebar.get_by_role("link", name="Library")).to_be_visible()
    shot(page, "signin-3-signed-in")
    sidebar.get_by_role("link", name="Library").click()
    expect(page.get_by_text(title)).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Create a book").click()

    # Uploads go through Streamlit's XSRF check, which [auth] turns on: a picture still goes.
    picture = tmp_path / "hero.png"
    picture.write_bytes(png_bytes((300, 400), (40, 120, 220)))
    page.locator("input[type=file]").set_input_files(str(picture))
    expect(
        page.get_by_alt_text("The hero's picture").or_(page.get_by_text("The hero's picture"))
    ).to_be_visible(timeout=30_000)

    # Signing out ends the provider's session too, and comes back to the sign-in page.
    sidebar.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(re.escape(provider.issuer) + "/session/end"))
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(re.compile("^" + re.escape(app)))
    _expect_sign_in_page(page)
    expect(page.get_by_text(ALICE.email)).to_have_count(0)

    # The provider forgot her too: signing in again asks who, and Bob is Bob.
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(provider.issuer) + "/interaction/"))
    page.get_by_label("E-mail").fill(BOB.email)
    page.get_by_label("Password").fill(BOB.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile("^" + re.escape(app)))
    expect(sidebar.get_by_text(BOB.name)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(ALICE.name)).to_have_count(0)

    # Bob's library is his own: Alice's book is not there, and Settings is his Account.
    sidebar.get_by_role("link", name="Library").click()
    expect(page.get_by_role("heading", name="Library")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(title)).to_have_count(0)
    expect(sidebar.get_by_role("link", name="Account")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Settings")).to_have_count(0)

    # His Account page: his API tokens (a new one shown once) and "Delete my data".
    sidebar.get_by_role("link", name="Account").click()
    page.get_by_role("button", name="Make a new token").click()
    expect(page.get_by_text("Copy it now: it is not shown again.")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Revoke")).to_have_count(1)
    expect(page.get_by_role("button", name="Delete my data")).to_be_disabled()
    shot(page, "signin-6-account")


def test_every_address_without_sign_in_is_refused(tmp_path: Path, page: Page) -> None:
    process, base = start(tmp_path, address="0.0.0.0")
    try:
        wait_until_up(process, base)
        for path in ("", "/library", "/settings"):
            page.goto(base + path)
            expect(page.get_by_text("without sign-in, so anyone who can reach it")).to_be_visible(
                timeout=30_000
            )
            expect(page.get_by_text("STORYILLUS_ALLOW_OPEN=true if you mean it")).to_be_visible()
            expect(page.get_by_role("heading", name="Make a picture book")).to_have_count(0)
            expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        shot(page, "signin-4-refused")
    finally:
        stop(process)


def test_every_address_allowed_open_shows_the_banner_on_every_page(
    tmp_path: Path, page: Page
) -> None:
    process, base = start(tmp_path, {"STORYILLUS_ALLOW_OPEN": "true"}, address="0.0.0.0")
    try:
        wait_until_up(process, base)
        banner = page.get_by_text("This app is open to everyone who can reach")
        page.goto(base)
        expect(page.get_by_role("heading", name="Make a picture book")).to_be_visible(
            timeout=30_000
        )
        expect(banner).to_be_visible()
        shot(page, "signin-5-open")
        page.get_by_role("link", name="Library").click()
        expect(page.get_by_role("heading", name="Library")).to_be_visible(timeout=30_000)
        expect(banner).to_be_visible()
    finally:
        stop(process)
