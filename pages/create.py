"""Create a book: describe the hero, add a picture, give an idea, and go."""

import streamlit as st

from storyillus import Character, InvalidInput, StoryRequest
from storyillus.domain import MAX_PAGES, MIN_PAGES, SETTINGS
from storyillus.ui import engine, open_book

st.title("📖 Make a picture book")
st.caption("Describe your hero, add a picture, and watch the pages fill in with illustrations.")

if not engine().settings.has_openai_key:
    st.info("No OpenAI key is set: the built-in offline writer and illustrator make your book.")

with st.form("create"):
    left, right = st.columns(2)
    name = left.text_input("Hero's name", key="hero_name", placeholder="Lila")
    age = right.number_input("Age", min_value=1, max_value=120, value=7, key="hero_age")
    traits = left.text_input("Personality traits", key="hero_traits", placeholder="brave, curious")
    interests = right.text_input("Interests", key="hero_interests", placeholder="space, gardens")
    prompt = st.text_area("Story idea", key="story_prompt", placeholder="A cosmic garden adventure")
    left, middle, right = st.columns(3)
    setting = left.selectbox("Setting", ["(let the story decide)", *SETTINGS], key="story_setting")
    pages = middle.slider("Pages", MIN_PAGES, MAX_PAGES, 8, key="story_pages")
    picture = right.file_uploader("Picture of the hero", type=["png", "jpg", "jpeg", "webp"])
    submitted = st.form_submit_button("Make my book", type="primary")

if submitted:
    try:
        image_path = str(engine().store_reference_picture(picture.getvalue())) if picture else None
        character = Character.create(
            name=name,
            age=age,
            personality=traits.split(","),
            interests=interests.split(","),
            image_path=image_path,
        )
        request = StoryRequest.create(
            character=character,
            prompt=prompt,
            setting="" if setting.startswith("(") else setting,
            pages=pages,
        )
        with st.spinner("Writing the story…"):
            made = engine().create_book(request)
    except InvalidInput as error:
        st.error(str(error))
    else:
        open_book(made.book.id)
