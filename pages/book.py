"""The book: its pages in order, filling in with illustrations while the job runs."""

import time

import streamlit as st

from storyillus import NotFound
from storyillus.ui import current_book_id, engine, illustration_image

book_id = current_book_id()
if book_id is None:
    st.info("No book is open yet.")
    st.page_link("pages/create.py", label="Make a book", icon="✏️")
    st.stop()

try:
    book = engine().get_book(book_id)
except NotFound:
    st.warning("This book no longer exists.")
    st.stop()

st.title(book.title)
st.caption(f"A story for {book.character.name}, age {book.character.age}")
jobs = engine().jobs_for_book(book.id)
active = any(not job.status.is_final for job in jobs)


@st.fragment(run_every=1.0 if active else None)
def pages() -> None:
    current = engine().get_book(book_id)
    latest = engine().jobs_for_book(book_id)[0]
    drawn = sum(1 for p in current.pages if p.illustration)
    total = len(current.pages)
    elapsed = (
        latest.updated_at - latest.created_at
        if latest.status.is_final
        else time.time() - latest.created_at
    )
    st.progress(drawn / total, text=f"{drawn} of {total} illustrated · {elapsed:.0f} s")
    if latest.error:
        st.error(latest.error)
    for page in current.pages:
        picture, words = st.columns([1, 1])
        with picture:
            if page.illustration is None or not illustration_image(
                engine(), page.illustration, f"Page {page.number}"
            ):
                st.info(f"Page {page.number} is being drawn…")
        words.markdown(f"**Page {page.number}**\n\n{page.text}")
    if active and all(job.status.is_final for job in engine().jobs_for_book(book_id)):
        st.toast("Your book is ready!", icon="🎉")
        st.rerun()


pages()
