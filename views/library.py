"""The library: every book, newest first, to open, pin or delete."""

from datetime import datetime

import streamlit as st

from storyillus.ui import cover_thumbnail, engine, forget_book, open_book

st.title("Library")
shelf = engine().library()
if not shelf:
    st.info("No books yet.", icon=":material/info:")
    st.page_link("views/create.py", label="Make your first book", icon=":material/edit:")
    st.stop()

usage = engine().usage()
books_text = "1 book" if len(shelf) == 1 else f"{len(shelf)} books"
st.caption(f"{books_text} · {usage.files} pictures using {usage.megabytes:.1f} MB")

for progress in shelf:
    book = progress.book
    with st.container(border=True):
        cover, about, actions = st.columns([1, 3, 2], vertical_alignment="center")
        with cover:
            cover_thumbnail(engine(), book)
        with about:
            st.markdown(f"**{book.title}**" + (" · 📌 pinned" if book.pinned else ""))
            created = datetime.fromtimestamp(book.created_at).strftime("%d %b %Y, %H:%M")
            if not book.approved:
                status = (
                    "drawing the characters"
                    if progress.active
                    else "the characters wait for your approval"
                )
            elif progress.active:
                status = f"illustrating, {progress.drawn} of {progress.total} pages"
            elif progress.failures:
                status = f"{len(progress.failures)} pages need another try"
            else:
                status = f"{progress.total} pages, all illustrated"
            st.caption(
                f"For {book.character.name}, age {book.character.age} · {created} · {status}"
            )
        with actions:
            if st.button("Open", key=f"open_{book.id}", icon=":material/menu_book:"):
                open_book(book.id)
            if st.button(
                "Unpin" if book.pinned else "Pin",
                key=f"pin_{book.id}",
                icon=":material/keep:",
                help="Pinned books keep their pictures when old ones are cleaned up.",
            ):
                engine().set_pinned(book.id, not book.pinned)
                st.rerun()
            if st.session_state.get("confirm_delete") == book.id:
                st.warning("Delete this book and its pictures for good?")
                yes, no = st.columns(2)
                if yes.button("Delete", key=f"yes_{book.id}", type="primary"):
                    engine().delete_book(book.id)
                    forget_book(book.id)
                    del st.session_state["confirm_delete"]
                    st.toast(f"Deleted {book.title}.")
                    st.rerun()
                if no.button("Keep", key=f"no_{book.id}"):
                    del st.session_state["confirm_delete"]
                    st.rerun()
            elif st.button("Delete", key=f"delete_{book.id}", icon=":material/delete:"):
                st.session_state["confirm_delete"] = book.id
                st.rerun()
