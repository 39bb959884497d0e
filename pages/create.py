"""Create a book: describe the hero, add a picture, give an idea, and go."""

from dataclasses import replace

import streamlit as st

from storyillus import Character, Companion, InvalidImage, InvalidInput, StoryRequest
from storyillus.domain import ART_STYLES, DEFAULT_PAGES, MAX_PAGES, MIN_PAGES
from storyillus.ui import choose_picture, chosen_picture, engine, open_book, picture_preview

TRAITS = ["brave", "curious", "kind", "funny", "gentle", "clever", "determined", "creative"]
INTERESTS = ["space", "animals", "dinosaurs", "drawing", "music", "football", "books", "robots"]
THEMES = ["friendship", "courage", "kindness", "family", "curiosity", "sharing", "patience"]
RELATIONS = ["sister", "brother", "friend", "cousin", "grandma", "grandpa", "pet"]
ANY_SETTING = "Let the story decide"
KEEP = "session"  # what is typed survives moving to another page and back


def _picture_uploaded() -> None:
    upload = st.session_state.get("hero_upload")
    st.session_state.pop("picture_error", None)
    if upload is None:
        return
    try:
        preview = engine().preview_reference_picture(upload.getvalue())
    except InvalidImage as error:
        st.session_state["picture_error"] = str(error)
    else:
        choose_picture(upload.getvalue(), preview)


def _use_idea(idea: str) -> None:
    st.session_state["story_prompt"] = idea


def _character(image_path: str | None = None) -> Character:
    companions = [
        Companion(
            name=st.session_state.get(f"companion_{i}_name", ""),
            relation=st.session_state.get(f"companion_{i}_relation", "friend"),
            traits=tuple(st.session_state.get(f"companion_{i}_traits", "").split(",")),
        )
        for i in range(st.session_state.get("companion_count", 0))
    ]
    return Character.create(
        name=st.session_state.get("hero_name"),
        age=st.session_state.get("hero_age"),
        personality=st.session_state.get("hero_traits", []),
        interests=st.session_state.get("hero_interests", []),
        companions=companions,
        message=st.session_state.get("hero_message"),
        image_path=image_path,
    )


st.title("Make a picture book")
st.caption("Describe your hero, add a picture, and watch the pages fill in with illustrations.")
if not engine().settings.has_openai_key:
    st.info(
        "No OpenAI key is set, so the built-in offline writer and illustrator make your book. "
        "Add a key in Settings for illustrations drawn by an image model.",
        icon=":material/info:",
    )

hero, picture = st.columns([3, 2], gap="large")
with hero:
    st.subheader("The hero")
    name_column, age_column = st.columns([3, 1])
    name_column.text_input("Name", key="hero_name", placeholder="Lila", persist_state=KEEP)
    age_column.number_input("Age", 1, 120, 7, key="hero_age", persist_state=KEEP)
    st.multiselect(
        "Personality",
        TRAITS,
        key="hero_traits",
        accept_new_options=True,
        placeholder="Pick or type traits",
        persist_state=KEEP,
    )
    st.multiselect(
        "Interests",
        INTERESTS,
        key="hero_interests",
        accept_new_options=True,
        placeholder="Pick or type interests",
        persist_state=KEEP,
    )
    count = st.number_input(
        "Siblings or friends in the story", 0, 4, 0, key="companion_count", persist_state=KEEP
    )
    for i in range(count):
        who, relation, traits = st.columns(3)
        who.text_input(f"Name {i + 1}", key=f"companion_{i}_name", persist_state=KEEP)
        relation.selectbox("Who", RELATIONS, key=f"companion_{i}_relation", persist_state=KEEP)
        traits.text_input(
            "Their traits",
            key=f"companion_{i}_traits",
            placeholder="funny, kind",
            persist_state=KEEP,
        )
    st.text_area(
        "A personal message for the last page",
        key="hero_message",
        placeholder="We love you to the moon and back. Love, Mum and Dad",
        persist_state=KEEP,
    )

with picture:
    st.subheader("A picture of the hero")
    st.file_uploader(
        "PNG, JPEG or WebP, up to 10 MB",
        type=["png", "jpg", "jpeg", "webp"],
        key="hero_upload",
        on_change=_picture_uploaded,
    )
    if error := st.session_state.get("picture_error"):
        st.error(error)
    if (preview := picture_preview()) is not None:
        st.image(preview, caption="The hero's picture", width=220)
        if st.button("Remove picture", icon=":material/delete:"):
            choose_picture(None)
            st.rerun()
    else:
        st.caption("Optional: with a picture, illustrations are drawn to look like your hero.")

st.subheader("The story")
st.text_area(
    "Story idea", key="story_prompt", placeholder="A cosmic garden adventure", persist_state=KEEP
)
if st.button("Suggest ideas", icon=":material/lightbulb:"):
    try:
        st.session_state["ideas"] = engine().suggest_ideas(_character())
    except InvalidInput:
        st.session_state["ideas"] = engine().suggest_ideas(Character.create("Your hero", 7))
if st.session_state.get("ideas"):
    st.caption("Click an idea to use it:")
for index, idea in enumerate(st.session_state.get("ideas", [])):
    st.button(idea, key=f"idea_{index}", on_click=_use_idea, args=(idea,), type="tertiary")

themes, setting, pages, style = st.columns(4)
themes.multiselect(
    "Themes", THEMES, key="story_themes", accept_new_options=True, persist_state=KEEP
)
setting.selectbox(
    "Setting",
    [ANY_SETTING, *engine().place_names()],
    key="story_setting",
    accept_new_options=True,
    help="Where the story happens. Type your own place if it is not in the list.",
    persist_state=KEEP,
)
pages.slider("Pages", MIN_PAGES, MAX_PAGES, DEFAULT_PAGES, key="story_pages", persist_state=KEEP)
style.selectbox("Art style", ART_STYLES, key="story_style", persist_state=KEEP)

if st.button("Make my book", type="primary", icon=":material/auto_stories:"):
    chosen_setting = st.session_state.get("story_setting", ANY_SETTING)
    try:
        request = StoryRequest.create(
            character=_character(),
            prompt=st.session_state.get("story_prompt"),
            themes=st.session_state.get("story_themes", []),
            setting="" if chosen_setting == ANY_SETTING else chosen_setting,
            pages=st.session_state.get("story_pages"),
            art_style=st.session_state.get("story_style"),
        )
        if (data := chosen_picture()) is not None:
            path = str(engine().store_reference_picture(data))
            request = replace(request, character=replace(request.character, image_path=path))
        with st.spinner("Writing the story…"):
            made = engine().create_book(request)
    except InvalidInput as error:
        st.error(str(error), icon=":material/error:")
    else:
        choose_picture(None)
        open_book(made.book.id)
