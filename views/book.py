"""The book: first its characters' sheets for the parent to approve, then its pages in
order, filling in with illustrations while the job runs."""

import time

import streamlit as st

from storyillus import InvalidInput, NotFound
from storyillus.domain import Page
from storyillus.export import download_name
from storyillus.service import BookUsage, Progress
from storyillus.ui import (
    cast_gallery,
    current_book_id,
    drawing_status,
    engine,
    illustration_image,
    sheet_cards,
    sheets_progress,
    show_pending_toast,
    toast_later,
)

POLL_SECONDS = 1.0

book_id = current_book_id()
if book_id is None:
    st.title("Your book")
    st.info("No book is open. Make one, or open one from your library.", icon=":material/info:")
    st.page_link("views/create.py", label="Make a book", icon=":material/edit:")
    st.page_link(
        "views/library.py", label="Open the library", icon=":material/collections_bookmark:"
    )
    st.stop()

try:
    progress = engine().progress(book_id)
except NotFound:
    st.warning("This book no longer exists.", icon=":material/warning:")
    st.stop()

book = progress.book
show_pending_toast()
st.title(book.title)
hero = book.character
st.caption(f"A story for {hero.name}, age {hero.age} · written by {book.model}")
for note in book.notes:
    st.caption(f":material/info: {note}")


def _approve() -> None:
    try:
        engine().approve_cast(book_id)
    except InvalidInput as error:
        st.session_state["approve_error"] = str(error)


@st.fragment(run_every=POLL_SECONDS if progress.active else None)
def live_sheets() -> None:
    now = engine().progress(book_id)
    st.subheader("Meet the characters")
    st.caption(
        "Every page is drawn from these sheets. Check that each one looks right: redraw it, "
        "or correct the description and the look first."
    )
    sheets_progress(engine(), now)
    sheet_cards(engine(), now)
    if error := st.session_state.pop("approve_error", None):
        st.error(error)
    if st.button(
        "Looks right, draw the pages",
        type="primary",
        icon=":material/check:",
        disabled=now.active,
        help="Wait until every sheet is drawn." if now.active else None,
        on_click=_approve,
    ):
        st.rerun()  # the whole page: the pages replace the sheets and begin polling
    if progress.active != now.active:
        st.rerun()  # start or stop polling with the drawing


if not book.approved:
    live_sheets()
    st.stop()

with st.expander(f"Who is in this book · set in the {book.setting}"):
    cast_gallery(engine(), book)


downloads = st.container(horizontal=True)
downloads.download_button(
    "Download PDF",
    lambda: engine().export_pdf(book_id).data,
    download_name(book.title, "pdf"),
    "application/pdf",
    icon=":material/picture_as_pdf:",
    type="primary",
    on_click="ignore",
)
downloads.download_button(
    "Download ZIP",
    lambda: engine().export_zip(book_id).data,
    download_name(book.title, "zip"),
    "application/zip",
    icon=":material/folder_zip:",
    on_click="ignore",
)


def _redraw(number: int) -> None:
    engine().redraw_page(book_id, number)


def _save_text(number: int) -> None:
    try:
        engine().edit_page_text(book_id, number, st.session_state[f"text_{book_id}_{number}"])
    except InvalidInput as error:
        st.session_state["edit_error"] = (number, str(error))
    else:
        st.toast(f"Page {number} saved.", icon=":material/check:")


def _page(page: Page, now: Progress) -> None:
    picture, words = st.columns([1, 1], gap="large")
    drawing = page.number in now.drawing
    with picture:
        shown = page.illustration is not None and illustration_image(engine(), page.illustration)
        reason = now.failures.get(page.number, "The picture is no longer on disk.")
        drawing_status(
            shown=shown,
            drawing=drawing,
            redrawing="Drawing a new picture… this one stays until it is ready.",
            first_drawing=f"Page {page.number} is being drawn…",
            failed=f"This picture could not be drawn. {reason}",
            retry_key=f"retry_{page.number}",
            on_retry=_redraw,
            retry_args=(page.number,),
        )
        if page.illustration is not None and shown:
            drawn = page.illustration
            likeness = " from the hero's picture" if drawn.character_referenced else ""
            st.caption(f"Drawn by {drawn.provider} ({drawn.model}){likeness}")
            if (judged := drawn.consistency) is not None:
                who = " and ".join(page.characters) or now.book.hero.name
                redrawn = f" Drawn {judged.redraws + 1} times; the best is kept." * bool(
                    judged.redraws
                )
                st.caption(
                    f":material/face: Looks like {who}: {judged.score:.2f}",
                    help=f"{judged.reason}{redrawn} (judged by {judged.judge})",
                )
    with words:
        st.markdown(f"##### Page {page.number}")
        st.caption(f":material/place: {page.place} · {', '.join(page.characters)}")
        st.write(page.text)
        with st.expander("Edit text"):
            st.text_area(
                "Text", page.text, key=f"text_{book_id}_{page.number}", label_visibility="collapsed"
            )
            st.button("Save", key=f"save_{page.number}", on_click=_save_text, args=(page.number,))
            failed = st.session_state.get("edit_error")
            if failed and failed[0] == page.number:
                st.error(failed[1])
                del st.session_state["edit_error"]
        if page.illustration is not None and not drawing:
            st.button(
                "Redraw picture",
                key=f"redraw_{page.number}",
                on_click=_redraw,
                args=(page.number,),
                icon=":material/brush:",
                type="tertiary",
            )


def _drifting(now: Progress) -> None:
    """The pages that look least like the sheets, each with a one-click redraw."""
    drifting = engine().drifting_pages(now.book)
    if not drifting:
        return
    minimum = engine().settings.consistency_min_score
    with st.container(border=True):
        st.markdown(
            f":material/warning: **{len(drifting)} of {now.total} pages look less like the "
            f"characters' sheets** (below {minimum:.2f})"
        )
        for page in drifting:
            judged = page.illustration.consistency
            row = st.container(horizontal=True, vertical_alignment="center")
            row.markdown(f"Page {page.number} · {judged.score:.2f} · {judged.reason}")
            redrawing = page.number in now.drawing
            row.button(
                "Redrawing…" if redrawing else f"Redraw page {page.number}",
                key=f"fix_{page.number}",
                on_click=_redraw,
                args=(page.number,),
                icon=":material/brush:",
                disabled=redrawing,
            )


@st.fragment(run_every=POLL_SECONDS if progress.active else None)
def live_pages() -> None:
    now = engine().progress(book_id)
    end = now.finished_at or time.time()
    st.progress(
        now.drawn / now.total,
        text=f"{now.drawn} of {now.total} illustrated · {end - now.started_at:.0f} s",
    )
    _drifting(now)
    for page in now.book.pages:
        _page(page, now)
        st.divider()
    st.caption(BookUsage.of([now.book]).describe())
    if progress.active and not now.active:
        # The job ended: one full rerun stops the polling and shows the toast.
        toast_later(
            "Your book is ready!"
            if not now.failures
            else "Your book is done, with some pages to retry."
        )
        st.rerun()
    if not progress.active and now.active:
        st.rerun()  # a redraw started from here: rerun the page so polling begins


live_pages()
