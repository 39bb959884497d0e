"""The UI script that app.py serves: navigation over the files in pages/."""

import streamlit as st

st.set_page_config(page_title="storyillus", page_icon="📖", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/create.py", title="Create a book", icon="✏️", default=True),
        st.Page("pages/book.py", title="Your book", icon="📖"),
    ]
)
navigation.run()
