"""Pages, routes, exports and the CLI use ``Engine`` methods only, and the engine is no
process-wide singleton: two engines on two homes serve their own books in one process."""

from __future__ import annotations

import ast
from pathlib import Path

from storyillus import Character, Engine, StoryRequest
from tests.asgi import in_process
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]
CALLERS = [
    ROOT / "app.py",
    ROOT / "ui.py",
    ROOT / "storyillus" / "cli.py",
    *sorted((ROOT / "views").glob("*.py")),
    *sorted((ROOT / "storyillus" / "ui").glob("*.py")),
    *sorted((ROOT / "storyillus" / "api").glob("*.py")),
    *sorted((ROOT / "storyillus" / "export").glob("*.py")),
]
PUBLIC = {name for name in dir(Engine) if not name.startswith("_")}
FOLDERS = {"uploads_dir", "generated_dir", "data_dir", "database_path"}


def _engine_expression(node: ast.expr) -> bool:
    """``engine``, ``engine()``, ``shared_engine()``, ``current``: whatever names an engine."""
    if isinstance(node, ast.Call):
        node = node.func
    return isinstance(node, ast.Name) and (node.id.endswith("engine") or node.id == "current")


def test_callers_use_engine_methods_and_no_folders() -> None:
    wrong = []
    for path in CALLERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}"
            if _engine_expression(node.value) and node.attr not in PUBLIC:
                wrong.append(where)
            if node.attr in FOLDERS:
                wrong.append(where)
    assert not wrong, "reaches past the engine: " + ", ".join(wrong)


def test_an_engine_shows_no_parts(tmp_path: Path) -> None:
    engine = Engine(make_settings(tmp_path))
    try:
        assert [name for name in vars(engine) if not name.startswith("_")] == []
        assert not {"store", "files", "runner", "retention", "chain"} & PUBLIC
    finally:
        engine.close(wait=True)


def test_two_engines_in_one_process_each_serve_their_own_home(tmp_path: Path) -> None:
    engines = [Engine(make_settings(tmp_path / name)) for name in ("a", "b")]
    try:
        for engine, name in zip(engines, ("Ada", "Bo"), strict=True):
            request = StoryRequest.create(Character.create(name, 6), "A kite", pages=4, seed=1)
            engine.create_book(request, run_async=False)
        for engine, name in zip(engines, ("Ada", "Bo"), strict=True):
            with in_process(engine) as client:
                (job,) = engine.list_jobs()
                answer = client.get(f"/api/stories/illustrations/job/{job.id}").json()["data"]
                assert answer["status"] == "completed"
                url = answer["results"][0]["localUrl"]
                assert client.get(url).status_code == 200
                assert engine.get_book(job.book_id).character.name == name
                other = engines[1] if engine is engines[0] else engines[0]
                (other_job,) = other.list_jobs()
                assert (
                    client.get(f"/api/stories/illustrations/job/{other_job.id}").status_code == 404
                )
    finally:
        for engine in engines:
            engine.close(wait=True)
