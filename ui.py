"""The UI script that app.py serves: navigation over the files in pages/."""

import streamlit as st

st.set_page_config(page_title="storyillus", page_icon="📖", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/create.py", title="Create a book", icon=":material/edit:", default=True),
        st.Page("pages/book.py", title="Your book", icon=":material/menu_book:"),
        st.Page("pages/library.py", title="Library", icon=":material/collections_bookmark:"),
        st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
    ]
)
navigation.run()
