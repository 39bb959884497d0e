"""Starlette routes served beside the Streamlit UI by ``st.App``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from storyillus.service import shared_engine


async def health(request: Request) -> Response:
    engine = shared_engine()
    usage = engine.usage()
    return JSONResponse(
        {
            "status": "ok",
            "illustrators": [p.name for p in engine.chain.providers],
            "asyncIllustrations": engine.settings.async_illustrations,
            "generatedImages": {"files": usage.files, "megabytes": round(usage.megabytes, 2)},
        }
    )


async def generated_file(request: Request) -> Response:
    path = shared_engine().files.path_for(request.path_params["name"])
    if path is None:
        return JSONResponse({"success": False, "error": "No such image."}, status_code=404)
    # Names are never reused, so a saved image never changes: let browsers keep it.
    return FileResponse(
        path,
        media_type="image/png",
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


routes = [
    Route("/api/health", health, methods=["GET"]),
    Route("/generated/{name}", generated_file, methods=["GET", "HEAD"]),
]
