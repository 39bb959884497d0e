"""Settings: providers, models, jobs and storage, saved for every user without a restart."""

import streamlit as st

from storyillus import ConfigError
from storyillus.config import IMAGE_QUALITIES, IMAGE_SIZES
from storyillus.ui import engine, show_pending_toast, toast_later

settings = engine().settings
show_pending_toast()
st.title("Settings")
st.caption(
    f"Saved to {settings.settings_file.name} under {settings.home}; "
    "these override .env and the environment and apply to the next page drawn."
)


def _key_field(label: str, is_set: bool, key: str) -> None:
    st.text_input(
        f"{label} ({'set' if is_set else 'not set'})",
        type="password",
        key=key,
        placeholder="Type a new key to replace it" if is_set else "Paste a key",
        help="Keys are never shown again once saved.",
    )
    if is_set:
        st.checkbox(f"Remove the saved {label.lower()}", key=f"{key}_remove")


def _key_change(name: str, key: str) -> dict[str, object]:
    typed = st.session_state.get(key, "").strip()
    if typed:
        return {name: typed}
    return {name: ""} if st.session_state.get(f"{key}_remove") else {}


with st.form("settings"):
    st.subheader("Illustrators, tried in this order")
    native = st.toggle(
        "1. OpenAI image edits with the hero's picture", settings.enable_native_edits
    )
    st.caption("Needs an OpenAI key.")
    azure_endpoint = st.text_input("2. Azure OpenAI endpoint", settings.azure_endpoint or "")
    left, right = st.columns(2)
    azure_deployment = left.text_input("Azure deployment name", settings.azure_deployment or "")
    azure_version = right.text_input("Azure API version", settings.azure_api_version)
    text_only = st.toggle(
        "3. Text-only generation from a description", settings.enable_text_fallback
    )
    offline = st.toggle(
        "4. Built-in offline illustrator (no key needed)", settings.enable_offline_illustrator
    )

    st.subheader("Keys")
    _key_field("OpenAI key", settings.has_openai_key, "openai_key")
    _key_field("Azure key", bool(settings.azure_openai_api_key), "azure_key")

    st.subheader("Models")
    left, right = st.columns(2)
    image_model = left.text_input("Image model (edits)", settings.openai_image_model)
    fallback_model = right.text_input("Image model (text-only)", settings.fallback_image_model)
    text_model = left.text_input("Story model", settings.openai_text_model)
    base_url = right.text_input("OpenAI-compatible server", settings.openai_base_url)

    st.subheader("Illustrating")
    left, middle, right = st.columns(3)
    run_async = left.toggle("Illustrate in the background", settings.async_illustrations)
    concurrency = middle.number_input("Pages at once", 1, 64, settings.concurrency)
    size = right.selectbox("Image size", IMAGE_SIZES, IMAGE_SIZES.index(settings.image_size))
    quality = left.selectbox(
        "Quality", IMAGE_QUALITIES, IMAGE_QUALITIES.index(settings.image_quality)
    )

    st.subheader("Storage")
    left, middle, right = st.columns(3)
    save_images = left.toggle("Save pictures to disk", settings.save_generated_images)
    max_files = middle.number_input(
        "Keep at most N pictures (0 = no limit)", 0, None, settings.max_files
    )
    max_mb = right.number_input("Keep at most N MB (0 = no limit)", 0, None, settings.max_mb)

    if st.form_submit_button("Save settings", type="primary"):
        changes: dict[str, object] = {
            "enable_native_edits": native,
            "azure_endpoint": azure_endpoint.strip(),
            "azure_deployment": azure_deployment.strip(),
            "azure_api_version": azure_version.strip(),
            "enable_text_fallback": text_only,
            "enable_offline_illustrator": offline,
            "openai_image_model": image_model.strip(),
            "fallback_image_model": fallback_model.strip(),
            "openai_text_model": text_model.strip(),
            "openai_base_url": base_url.strip(),
            "async_illustrations": run_async,
            "concurrency": concurrency,
            "image_size": size,
            "image_quality": quality,
            "save_generated_images": save_images,
            "max_files": max_files,
            "max_mb": max_mb,
            **_key_change("openai_api_key", "openai_key"),
            **_key_change("azure_openai_api_key", "azure_key"),
        }
        try:
            engine().save_settings(changes)
        except ConfigError as error:
            st.error(str(error), icon=":material/error:")
        else:
            st.session_state["settings_saved"] = True
            st.rerun()

if st.session_state.pop("settings_saved", False):
    st.success("Settings saved. They apply from the next page drawn.", icon=":material/check:")

st.subheader("Usage")
st.caption(engine().usage_totals().describe())

st.subheader("Pictures on disk")
usage = engine().usage()
files, megabytes, prune = st.columns([1, 1, 2], vertical_alignment="bottom")
files.metric("Pictures", usage.files, help=f"Limit: {settings.max_files or 'none'}")
megabytes.metric(
    "Megabytes", f"{usage.megabytes:.1f}", help=f"Limit: {settings.max_mb or 'none'} MB"
)
if prune.button(
    "Prune now",
    icon=":material/cleaning_services:",
    help="Removes the oldest pictures beyond the limits, never those of pinned books "
    "or of books being illustrated.",
):
    removed = engine().prune_now()
    toast_later(f"Removed {removed} old picture(s)." if removed else "Nothing to remove.")
    st.rerun()
