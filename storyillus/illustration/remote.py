"""Image models over HTTP: OpenAI edits with the reference, Azure edits, text-only generation.

All three share one body builder and one answer reader; they differ in URL, auth header
and whether the reference picture is attached. A moderation refusal is asked once more
with a softened prompt, then raised so the chain moves to the next provider.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyillus._exceptions import ContentRefused, IllustrationError, TransientError
from storyillus._http import HttpClient
from storyillus.config import Settings
from storyillus.illustration.base import PAGE, Picture, SceneRequest
from storyillus.illustration.prompts import scene_prompt
from storyillus.storage.references import ReferencePictures


def image_parameters(settings: Settings, model: str) -> dict[str, str]:
    """Size, quality and model-specific parameters; never response_format (GPT image
    models reject it and always answer b64_json)."""
    parameters = {
        "model": model,
        "size": settings.image_size,
        "quality": settings.image_quality,
        "n": "1",
    }
    fidelity_models = {m.strip() for m in settings.input_fidelity_models.split(",") if m.strip()}
    if model in fidelity_models:
        parameters["input_fidelity"] = "high"
    return parameters


class _ImageModel:
    """What the three remote providers share: prompts, refusals and reading answers."""

    name = "remote"
    model = ""

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self.settings = settings
        self.http = http

    def illustrate(self, request: SceneRequest) -> Picture:
        prompt = self._prompt(request)
        try:
            answer = self._call(request, prompt)
        except ContentRefused:
            # Asked again gently: the same pictures and characters' words, a calmer brief.
            answer = self._call(request, self._prompt(request, soft=True))
        return self._picture(answer, referenced=self._referenced(request))

    def _prompt(self, request: SceneRequest, soft: bool = False) -> str:
        return scene_prompt(request, soft=soft)

    def _referenced(self, request: SceneRequest) -> bool:
        """Whether the hero's picture shaped this drawing (directly or through a sheet)."""
        return False

    def _call(self, request: SceneRequest, prompt: str) -> dict[str, Any]:
        raise NotImplementedError

    def _picture(self, answer: dict[str, Any], referenced: bool) -> Picture:
        try:
            item = answer["data"][0]
        except (KeyError, IndexError, TypeError):
            raise TransientError(f"{self.name} answered without an image.") from None
        usage = answer.get("usage") or {}
        if item.get("b64_json"):
            try:
                png = base64.b64decode(item["b64_json"], validate=True)
            except ValueError:
                raise TransientError(
                    f"{self.name} sent an image that is not valid base64."
                ) from None
        elif item.get("url"):
            # Such URLs expire within hours: fetch the picture now and keep it ourselves.
            png = self.http.get_bytes(self.name, item["url"])
        else:
            raise TransientError(f"{self.name} answered without an image.")
        return Picture(
            provider=self.name,
            model=self.model,
            character_referenced=referenced,
            png=png,
            usage=usage,
        )


class _EditModel(_ImageModel):
    def __init__(
        self, settings: Settings, http: HttpClient, pictures: ReferencePictures | None = None
    ) -> None:
        super().__init__(settings, http)
        self.model = self._model_of(settings)
        self.pictures = pictures if pictures is not None else ReferencePictures()

    @staticmethod
    def _model_of(settings: Settings) -> str:
        raise NotImplementedError

    def _inputs(self, request: SceneRequest) -> tuple[Path, ...]:
        return request.edit_pictures(self.settings.max_image_inputs)

    def _referenced(self, request: SceneRequest) -> bool:
        return request.reference is not None or bool(request.sheets)

    def _prompt(self, request: SceneRequest, soft: bool = False) -> str:
        return scene_prompt(request, len(self._inputs(request)), soft=soft)

    def illustrate(self, request: SceneRequest) -> Picture:
        if not self._inputs(request):
            whose = "the hero" if request.kind == PAGE else request.hero.name
            raise IllustrationError(f"{self.name} needs a picture of {whose}; none was given.")
        return super().illustrate(request)

    def _multipart(self, request: SceneRequest, prompt: str) -> tuple[dict[str, str], list]:
        """Each picture its own ``image[]`` part: sheets first, then the photo or anchor."""
        fields = {**image_parameters(self.settings, self.model), "prompt": prompt}
        files = [
            ("image[]", (f"picture-{index}.png", self.pictures.for_provider(path), "image/png"))
            for index, path in enumerate(self._inputs(request), start=1)
        ]
        return fields, files


class OpenAIEdit(_EditModel):
    """POST {OPENAI_BASE_URL}/images/edits with the reference picture attached."""

    name = "openai-edit"

    @staticmethod
    def _model_of(settings: Settings) -> str:
        return settings.openai_image_model

    def _call(self, request: SceneRequest, prompt: str) -> dict[str, Any]:
        fields, files = self._multipart(request, prompt)
        if request.safety_identifier:  # a form field of images/edits, beside the prompt
            fields["safety_identifier"] = request.safety_identifier
        return self.http.post_multipart(
            "OpenAI image edits",
            f"{self.settings.openai_base_url}/images/edits",
            {"Authorization": f"Bearer {self.settings.openai_api_key}"},
            fields,
            files,
        )


class AzureEdit(_EditModel):
    """The same edit through an Azure OpenAI deployment."""

    name = "azure-edit"

    @staticmethod
    def _model_of(settings: Settings) -> str:
        return settings.azure_deployment or ""

    def _call(self, request: SceneRequest, prompt: str) -> dict[str, Any]:
        fields, files = self._multipart(request, prompt)
        fields.pop("model")  # the deployment decides the model
        # No safety_identifier: OpenAI's API reference (and its SDK's ImageEditParams) lists
        # it, Azure's documentation of images/edits does not, and an API that may reject an
        # unknown form field is not worth the risk.
        url = (
            f"{self.settings.azure_endpoint}/openai/deployments/{self.settings.azure_deployment}"
            f"/images/edits?api-version={self.settings.azure_api_version}"
        )
        return self.http.post_multipart(
            "Azure OpenAI image edits",
            url,
            {"api-key": self.settings.azure_openai_api_key or ""},
            fields,
            files,
        )


class TextOnly(_ImageModel):
    """POST {OPENAI_BASE_URL}/images/generations with a written descriptor of the hero."""

    name = "openai-generate"

    def __init__(
        self,
        settings: Settings,
        http: HttpClient,
        describe_picture: Callable[[Path, str | None], str | None] | None = None,
    ) -> None:
        super().__init__(settings, http)
        self.model = settings.fallback_image_model
        self._describe = describe_picture

    def _prompt(self, request: SceneRequest, soft: bool = False) -> str:
        description = None
        if self._describe is not None and request.reference is not None:
            description = self._describe(request.reference, request.safety_identifier)
        return scene_prompt(request, 0, description, soft)

    def _call(self, request: SceneRequest, prompt: str) -> dict[str, Any]:
        body: dict[str, Any] = dict(image_parameters(self.settings, self.model))
        body.pop("input_fidelity", None)  # only edits take it
        body["n"] = 1
        body["prompt"] = prompt
        if request.safety_identifier:
            body["safety_identifier"] = request.safety_identifier
        return self.http.post_json(
            "OpenAI image generation",
            f"{self.settings.openai_base_url}/images/generations",
            {"Authorization": f"Bearer {self.settings.openai_api_key}"},
            body,
        )
