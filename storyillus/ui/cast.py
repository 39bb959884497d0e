"""The cast on the book page: each member's character sheet, and the parent's corrections.

Before the pages are drawn the parent checks every sheet (``sheet_card``): redraw one,
correct its description and look, or see why it failed. Afterwards the sheets stay in
view, read only (``cast_gallery``).
"""

from __future__ import annotations

import streamlit as st

from storyillus._exceptions import InvalidInput
from storyillus.casting import ANIMALS, LOOK_PARTS
from storyillus.domain import Book, CastMember
from storyillus.service import Engine, Progress
from storyillus.ui.widgets import drawing_status

_LABELS = {"hair": "Hair", "skin": "Skin", "eyes": "Eyes", "clothes": "Clothes"}
_ANIMAL_LABELS = {"hair": "Fur", "clothes": "Collar"}


def _role(member: CastMember) -> str:
    return "the hero" if member.is_hero else member.role


def _label(member: CastMember, part: str) -> str:
    if member.kind in ANIMALS:
        return _ANIMAL_LABELS.get(part, _LABELS[part])
    return _LABELS[part]


def sheet_image(engine: Engine, member: CastMember) -> bool:
    """Show a member's sheet; False when it is not (or no longer) on disk."""
    path = engine.image_path(member.sheet)
    if path is None:
        return False
    st.image(str(path), width="stretch", output_format="PNG", alt=f"{member.name}'s sheet")
    return True


def _who(member: CastMember) -> None:
    st.markdown(f"**{member.name}** · {_role(member)}")
    st.caption(member.description)


def cast_gallery(engine: Engine, book: Book) -> None:
    """Every member's sheet with name, role and description, side by side (read only)."""
    for column, member in zip(st.columns(max(len(book.cast), 3)), book.cast, strict=False):
        with column:
            if not sheet_image(engine, member):
                st.caption(":material/hide_image: No sheet")
            _who(member)


def sheets_progress(engine: Engine, now: Progress) -> None:
    cast = now.book.cast
    drawn = sum(
        1
        for member in cast
        if member.name not in now.sheets_drawing and engine.image_path(member.sheet)
    )
    st.progress(drawn / len(cast), text=f"{drawn} of {len(cast)} character sheets drawn")


def _redraw(engine: Engine, book_id: str, name: str) -> None:
    try:
        engine.redraw_sheet(book_id, name)
    except InvalidInput as error:
        st.session_state[f"sheet_error_{book_id}_{name}"] = str(error)


def _fields(book_id: str, number: int) -> dict[str, str]:
    """The session keys of one member's correction form."""
    keys = {"description": f"describe_{book_id}_{number}", "extras": f"extras_{book_id}_{number}"}
    for part in LOOK_PARTS:
        keys[f"{part}_hex"] = f"{part}_hex_{book_id}_{number}"
        keys[f"{part}_word"] = f"{part}_word_{book_id}_{number}"
    return keys


def _save_and_redraw(engine: Engine, book_id: str, name: str, number: int) -> None:
    state = st.session_state
    keys = _fields(book_id, number)
    colours = {
        part: (state[keys[f"{part}_hex"]], state[keys[f"{part}_word"]])
        for part in LOOK_PARTS
        if keys[f"{part}_hex"] in state
    }
    try:
        engine.correct_member(
            book_id, name, state[keys["description"]], colours, state[keys["extras"]]
        )
    except InvalidInput as error:
        state[f"sheet_error_{book_id}_{name}"] = str(error)
        return
    # The form shows the member as saved (a new look rewrites the description).
    for key in keys.values():
        state.pop(key, None)


def _correction_form(engine: Engine, book_id: str, member: CastMember, number: int) -> None:
    keys = _fields(book_id, number)
    with st.form(f"correct_{book_id}_{number}", border=False):
        st.text_area(
            "Description (every page repeats it word for word)",
            member.description,
            key=keys["description"],
            height=150,
        )
        st.caption("The look: pick a colour (its word follows), or type a colour's word.")
        for part in (p for p in LOOK_PARTS if getattr(member.look, p).hex):
            feature = getattr(member.look, part)
            picker, word = st.columns([1, 3], vertical_alignment="bottom")
            picker.color_picker(_label(member, part), feature.hex, key=keys[f"{part}_hex"])
            word.text_input(
                f"{_label(member, part)} colour",
                feature.colour,
                key=keys[f"{part}_word"],
                label_visibility="collapsed",
            )
        st.text_input(
            "Extras",
            ", ".join(member.look.extras),
            key=keys["extras"],
            placeholder="round glasses, a red scarf",
        )
        st.form_submit_button(
            "Save and redraw",
            key=f"save_sheet_{number}",
            type="primary",
            icon=":material/brush:",
            on_click=_save_and_redraw,
            args=(engine, book_id, member.name, number),
        )


def sheet_card(engine: Engine, now: Progress, member: CastMember, number: int) -> None:
    """One member's sheet to check: the picture (or why not), who it is, and what to do."""
    book_id = now.book.id
    drawing = member.name in now.sheets_drawing
    with st.container(border=True):
        shown = sheet_image(engine, member)
        reason = now.sheet_failures.get(member.name, "The sheet is no longer on disk.")
        drawing_status(
            shown=shown,
            drawing=drawing,
            redrawing=":material/brush: Drawing a new sheet… this one stays until it is ready.",
            first_drawing=f"Drawing {member.name}'s sheet…",
            failed=f"{member.name}'s sheet could not be drawn. {reason}",
            retry_key=f"retry_sheet_{number}",
            on_retry=_redraw,
            retry_args=(engine, book_id, member.name),
        )
        _who(member)
        if error := st.session_state.pop(f"sheet_error_{book_id}_{member.name}", None):
            st.error(error)
        if shown and not drawing:
            st.button(
                "Redraw this one",
                key=f"redraw_sheet_{number}",
                on_click=_redraw,
                args=(engine, book_id, member.name),
                icon=":material/refresh:",
            )
        if not drawing:
            with st.expander("Correct description and look", icon=":material/edit:"):
                _correction_form(engine, book_id, member, number)


def sheet_cards(engine: Engine, now: Progress, per_row: int = 3) -> None:
    """Every member's card, a few to a row (a lone card keeps a card's width)."""
    cast = list(enumerate(now.book.cast, start=1))
    for start in range(0, len(cast), per_row):
        row = cast[start : start + per_row]
        for column, (number, member) in zip(st.columns(per_row), row, strict=False):
            with column:
                sheet_card(engine, now, member, number)
