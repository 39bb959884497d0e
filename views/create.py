"""Create a book: describe the hero, add a picture, give an idea, and go."""

from dataclasses import replace

import streamlit as st

from storyillus import Character, Companion, InvalidImage, InvalidInput, StoryRequest
from storyillus.domain import ART_STYLES, DEFAULT_PAGES, MAX_PAGES, MIN_PAGES
from storyillus.ui import (
    HERO,
    choose_picture,
    chosen_picture,
    engine,
    forget_look,
    look_choice,
    look_fields,
    open_book,
    picture_preview,
    start_look_again,
)

TRAITS = ["brave", "curious", "kind", "funny", "gentle", "clever", "determined", "creative"]
INTERESTS = ["space", "animals", "dinosaurs", "drawing", "music", "football", "books", "robots"]
THEMES = ["friendship", "courage", "kindness", "family", "curiosity", "sharing", "patience"]
RELATIONS = ["sister", "brother", "friend", "cousin", "grandma", "grandpa", "pet"]
ANY_SETTING = "Let the story decide"
KEEP = "session"  # what is typed survives moving to another page and back


def _picture_uploaded(who: str = HERO) -> None:
    upload = st.session_state.get(f"{who}_upload")
    st.session_state.pop(f"{who}_picture_error", None)
    if upload is None:
        return
    try:
        preview = engine().preview_reference_picture(upload.getvalue())
        seen = engine().read_look(upload.getvalue()) if who == HERO else None
    except InvalidImage as error:
        st.session_state[f"{who}_picture_error"] = str(error)
    else:
        choose_picture(upload.getvalue(), preview, who)
        if who == HERO:
            start_look_again(engine(), seen)


def _picture_field(who: str, label: str, caption: str, width: int) -> None:
    """An optional picture: checked on upload, previewed, removable."""
    st.file_uploader(
        label,
        type=["png", "jpg", "jpeg", "webp"],
        key=f"{who}_upload",
        on_change=_picture_uploaded,
        args=(who,),
    )
    if error := st.session_state.get(f"{who}_picture_error"):
        st.error(error)
    if (preview := picture_preview(who)) is not None:
        st.image(preview, caption=caption, width=width)
        if st.button("Remove picture", key=f"{who}_remove", icon=":material/delete:"):
            choose_picture(None, who=who)
            if who == HERO:
                start_look_again(engine(), None)
            st.rerun()


def _use_idea(idea: str) -> None:
    st.session_state["story_prompt"] = idea


def _companions() -> list[str]:
    """The ``who`` of each companion row on the form."""
    return [f"companion_{i}" for i in range(st.session_state.get("companion_count", 0))]


def _character(pictures: dict[str, str] | None = None) -> Character:
    """The hero as typed; ``pictures`` are the stored pictures' paths by ``who``."""
    pictures = pictures or {}
    companions = [
        Companion(
            name=st.session_state.get(f"{who}_name", ""),
            relation=st.session_state.get(f"{who}_relation", "friend"),
            traits=tuple(st.session_state.get(f"{who}_traits", "").split(",")),
            image_path=pictures.get(who),
        )
        for who in _companions()
    ]
    return Character.create(
        name=st.session_state.get("hero_name"),
        age=st.session_state.get("hero_age"),
        personality=st.session_state.get("hero_traits", []),
        interests=st.session_state.get("hero_interests", []),
        companions=companions,
        message=st.session_state.get("hero_message"),
        image_path=pictures.get(HERO),
        look=look_choice(),
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
        whose = st.session_state.get(f"companion_{i}_name") or f"companion {i + 1}"
        with st.expander(
            f"A picture of {whose} (optional)",
            key=f"companion_{i}_picture_box",
            icon=":material/add_a_photo:",
        ):
            _picture_field(f"companion_{i}", "PNG, JPEG or WebP", f"{whose}'s picture", 160)
    st.text_area(
        "A personal message for the last page",
        key="hero_message",
        placeholder="We love you to the moon and back. Love, Mum and Dad",
        persist_state=KEEP,
    )

with picture:
    st.subheader("A picture of the hero")
    _picture_field(HERO, "PNG, JPEG or WebP, up to 10 MB", "The hero's picture", 220)
    if picture_preview() is None:
        st.caption("Optional: with a picture, illustrations are drawn to look like your hero.")
    look_fields(engine(), has_picture=picture_preview() is not None)

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
        pictures = {
            who: str(engine().store_reference_picture(data))
            for who in (HERO, *_companions())
            if (data := chosen_picture(who)) is not None
            and (who == HERO or st.session_state.get(f"{who}_name", "").strip())
        }
        if pictures:
            request = replace(request, character=_character(pictures))
        with st.spinner("Writing the story…"):
            # The parent approves the character sheets on the book page before any page.
            made = engine().create_book(request, approve=False)
    except InvalidInput as error:
        st.error(str(error), icon=":material/error:")
    else:
        for who in (HERO, *_companions()):
            choose_picture(None, who=who)
        forget_look()
        open_book(made.book.id)
