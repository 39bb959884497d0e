"""The UI script that app.py serves: navigation over the files in views/.

The folder is not called pages/: Streamlit lists a pages/ folder beside the entry script by
file name in the sidebar when a page is opened by its URL, beside our titled navigation."""

import streamlit as st

from storyillus.ui import app_engine, current_user
from storyillus.ui.signin import gate

st.set_page_config(page_title="storyillus", page_icon="📖", layout="wide")
# Refused, open, or signed in: only what this visitor may see (storyillus/ui/signin.py).
gate(app_engine().access)

# Settings change the app for everyone: admins only (in local mode, the one user is one).
settings_title = "Settings" if current_user().admin else "Account"
navigation = st.navigation(
    [
        st.Page("views/create.py", title="Create a book", icon=":material/edit:", default=True),
        st.Page("views/book.py", title="Your book", icon=":material/menu_book:"),
        st.Page("views/library.py", title="Library", icon=":material/collections_bookmark:"),
        st.Page("views/settings.py", title=settings_title, icon=":material/settings:"),
    ]
)
navigation.run()
