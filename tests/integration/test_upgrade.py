"""A home made by the code before issue 11 opens with today's engine and is upgraded in place.

The home is built from ``tests/fixtures/home_v1.sql`` (a ``sqlite3 .dump`` of a real one,
schema version 2) in a folder other than the one it was made in, as a moved or restored
home would be; its images and its reference picture are written as small real PNGs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path, PurePath

import jsonschema
import pytest

from storyillus._exceptions import StoreError
from storyillus.document import book_schema
from storyillus.domain import HEX_COLOUR, Character, JobStatus, StoryRequest
from storyillus.places import places
from storyillus.service import Engine
from storyillus.store import Store
from storyillus.store.migrations import LATEST, MIGRATIONS
from tests.asgi import in_process
from tests.conftest import make_settings, png_bytes

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "home_v1.sql"
MAYA, SAM, ANA = (
    "6fa69a246ef047c2a7f0124292aad9ce",
    "8cc94d2e67584ed0b2fce9e6af95b120",
    "1ff621d581bb41a39d8210801d861c0c",
)
UPLOAD = "character-image-8a034d2d0870c7db.png"


def _rows(database: Path, sql: str) -> list[sqlite3.Row]:
    db = sqlite3.connect(database)
    db.row_factory = sqlite3.Row
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _build_v1_home(home: Path) -> Path:
    """The fixture's database, images and upload under ``home``; returns the database."""
    database = make_settings(home).database_path
    database.parent.mkdir(parents=True)
    db = sqlite3.connect(database)
    db.executescript(FIXTURE.read_text(encoding="utf-8"))
    db.close()
    generated = home / "generated"
    generated.mkdir()
    for row in _rows(database, "SELECT name FROM images"):
        (generated / row["name"]).write_bytes(png_bytes((8, 6)))
    (home / "uploads").mkdir()
    (home / "uploads" / UPLOAD).write_bytes(png_bytes((16, 16), (120, 80, 40)))
    return database


@pytest.fixture
def v1_home(tmp_path: Path) -> Path:
    home = tmp_path / "moved-home"
    _build_v1_home(home)
    return home


@pytest.fixture
def upgraded(v1_home: Path) -> Iterator[Engine]:
    engine = Engine(make_settings(v1_home))
    yield engine
    engine.close(wait=True)


def _version(database: Path) -> int:
    return _rows(database, "PRAGMA user_version")[0][0]


def test_the_fixture_is_a_version_2_home(v1_home: Path) -> None:
    assert _version(make_settings(v1_home).database_path) == 2


def test_old_home_is_upgraded_to_the_latest_version(v1_home: Path, upgraded: Engine) -> None:
    assert _version(upgraded.settings.database_path) == LATEST


def test_old_books_are_listed_newest_first_with_pages_texts_pictures_and_pin(
    v1_home: Path, upgraded: Engine
) -> None:
    books = upgraded.list_books()
    assert [b.id for b in books] == [ANA, SAM, MAYA]
    assert [b.title for b in books] == [
        "Ana and the Meadow",
        "Sam Solves a Mystery",
        "Maya and the Coral Reef",
    ]
    assert [len(b.pages) for b in books] == [4, 5, 4]
    assert [b.pinned for b in books] == [False, False, True]

    stored = _rows(
        make_settings(v1_home).database_path,
        "SELECT book_id, number, text, illustration FROM pages ORDER BY book_id, number",
    )
    by_page = {(b.id, p.number): p for b in books for p in b.pages}
    assert len(by_page) == len(stored)
    for row in stored:
        page = by_page[(row["book_id"], row["number"])]
        assert page.text == row["text"]
        url = json.loads(row["illustration"])["localUrl"] if row["illustration"] else None
        assert (page.illustration.local_url if page.illustration else None) == url
        if url:
            assert upgraded.image_path(url) is not None  # the file is still found
    # The edited page keeps its edit; the redrawn page shows its new picture.
    assert upgraded.get_book(SAM).page(2).text == "Sam cracked three eggs, one by one."
    assert upgraded.get_book(MAYA).page(3).illustration.local_url.endswith("-p03-a32e94a6.png")
    assert all(p.illustration is None for p in upgraded.get_book(ANA).pages)
    maya = upgraded.get_book(MAYA)
    assert maya.character.companions[0].name == "Leo"
    assert maya.request.prompt == "Maya explores a coral reef with a friendly turtle"


SEA_LIKE = {"sea", "coral reef", "underwater"}


def test_old_books_get_a_setting_a_cast_and_each_page_a_place_and_characters(
    upgraded: Engine,
) -> None:
    names = set(places().names)
    assert names >= SEA_LIKE
    books = upgraded.list_books()
    for book in books:
        assert book.setting
        assert book.cast and book.hero.name == book.character.name and book.hero.is_hero
        assert [m.name for m in book.cast[1:]] == [c.name for c in book.character.companions]
        for member in book.cast:
            assert member.description
            assert member.look.hair.colour and HEX_COLOUR.match(member.look.hair.hex)
            assert member.look.skin.colour and HEX_COLOUR.match(member.look.skin.hex)
        for page in book.pages:
            assert page.place in names
            assert page.characters[0] == book.hero.name
            assert set(page.characters) <= {m.name for m in book.cast}
    maya = upgraded.get_book(MAYA)
    assert maya.setting in SEA_LIKE  # the user chose "ocean"; never a meadow
    assert [(m.name, m.role) for m in maya.cast] == [("Maya", "hero"), ("Leo", "brother")]
    assert any(page.place in SEA_LIKE for page in maya.pages)
    assert any("Leo" in page.characters for page in maya.pages)
    # Ana's bedtime book and Sam's kitchen book: their ideas name the place.
    assert upgraded.get_book(ANA).setting == "bedroom"
    assert upgraded.get_book(SAM).setting == "kitchen"


def test_old_books_keep_their_book_model_once_derived(v1_home: Path, upgraded: Engine) -> None:
    """Derived once, by the migration, and stored: reading never derives it again."""
    database = upgraded.settings.database_path
    before = upgraded.get_book(MAYA)
    stored = _rows(database, f"SELECT setting, \"cast\" FROM books WHERE id = '{MAYA}'")[0]
    assert stored["setting"] == before.setting
    assert json.loads(stored["cast"]) == [m.to_json() for m in before.cast]
    assert (
        _rows(database, "SELECT count(*) FROM pages WHERE place IS NULL OR characters IS NULL")[0][
            0
        ]
        == 0
    )
    upgraded.close(wait=True)
    again = Engine(make_settings(v1_home))
    try:
        assert again.get_book(MAYA) == before
    finally:
        again.close(wait=True)


def test_a_home_opened_again_by_the_old_code_upgrades_again(
    v1_home: Path, upgraded: Engine
) -> None:
    """The code before issue 11 sets user_version back to 2 and adds books without the book
    model; the next start runs the migrations after 2 again and fills those books in."""
    database = upgraded.settings.database_path
    maya = upgraded.get_book(MAYA)
    upgraded.close(wait=True)
    db = sqlite3.connect(database)
    db.execute(
        "INSERT INTO books (id, title, request, seed, writer, model, created_at)"
        " VALUES ('b2', 'Newer', ?, 3, 'offline', 'offline-storyteller', 2e9)",
        (
            json.dumps(
                StoryRequest.create(
                    Character.create("Ana", 4), "Ana bakes bread in the kitchen"
                ).to_json()
            ),
        ),
    )
    db.execute("INSERT INTO pages (book_id, number, text, scene) VALUES ('b2', 1, 'Ana.', 'S.')")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    engine = Engine(make_settings(v1_home))
    try:
        assert _version(database) == LATEST
        assert engine.get_book(MAYA) == maya  # left as it was
        newer = engine.get_book("b2")
        assert newer.setting == "kitchen" and newer.hero.name == "Ana"
        assert [(p.place, p.characters) for p in newer.pages] == [("kitchen", ("Ana",))]
    finally:
        engine.close(wait=True)


def test_a_moved_home_still_finds_its_reference_picture(v1_home: Path, upgraded: Engine) -> None:
    picture = upgraded.get_book(MAYA).character.image_path
    assert picture == str(v1_home / "uploads" / UPLOAD)
    assert Path(picture).is_file()
    # Kept by file name from now on, so the next move needs no migration.
    request = _rows(
        upgraded.settings.database_path, f"SELECT request FROM books WHERE id = '{MAYA}'"
    )
    assert json.loads(request[0]["request"])["character"]["imagePath"] == UPLOAD
    # Pinned, so expiring old reference pictures keeps it.
    assert upgraded.expire_reference_pictures(now=4_000_000_000.0) == 0
    assert Path(picture).is_file()


def test_old_books_are_served_by_the_new_api_as_valid_book_documents(upgraded: Engine) -> None:
    with in_process(upgraded) as api:
        listed = api.get("/api/books").json()["data"]["books"]
        assert [b["id"] for b in listed] == [ANA, SAM, MAYA]
        for book_id in (MAYA, SAM, ANA):
            answer = api.get(f"/api/books/{book_id}")
            assert answer.status_code == 200
            document = answer.json()["data"]
            jsonschema.validate(document, book_schema())
            assert document["cast"][0]["role"] == "hero"
        maya = api.get(f"/api/books/{MAYA}").json()["data"]
        assert [p["image"] for p in maya["pages"]] == [
            page.illustration.local_url for page in upgraded.get_book(MAYA).pages
        ]
        assert api.get(f"/api/books/{SAM}/export.pdf").content.startswith(b"%PDF")


def test_old_jobs_read_in_the_seed_status_shape(v1_home: Path, upgraded: Engine) -> None:
    database = upgraded.settings.database_path
    for row in _rows(database, "SELECT * FROM jobs"):
        status = upgraded.get_job(row["id"]).to_status_json()
        assert {"id", "status", "results", "error"} <= status.keys()
        assert status["status"] == row["status"] == JobStatus.COMPLETED.value
        assert (status["bookId"], status["kind"]) == (row["book_id"], row["kind"])
        assert (status["createdAt"], status["updatedAt"]) == (row["created_at"], row["updated_at"])
        results = _rows(
            database, f"SELECT * FROM results WHERE job_id = '{row['id']}' ORDER BY page_number"
        )
        assert status["totalPages"] == status["completedPages"] == len(results)
        for result, stored in zip(status["results"], results, strict=True):
            assert result["pageNumber"] == stored["page_number"]
            assert result["description"] == stored["description"]
            assert result["status"] == "done" and result["error"] is None
            assert result["localUrl"] == json.loads(stored["illustration"])["localUrl"]
    kinds = sorted(j.kind for j in upgraded.jobs_for_book(MAYA))
    assert kinds == ["book", "redraw"]
    assert all(job.status.is_final for job in upgraded.list_jobs(limit=-1))


def test_image_totals_and_retention_after_the_upgrade(v1_home: Path, upgraded: Engine) -> None:
    usage = upgraded.usage()
    assert (usage.files, usage.bytes) == (9, 1_857_416)  # the index's totals, unchanged
    generated = v1_home / "generated"
    # Three over the limit: Sam's three oldest go; Maya's book is pinned, Ana's has none.
    upgraded.save_settings({"max_files": 6, "max_mb": 0})
    removed = upgraded.prune_now()
    assert removed == 3
    left = {tuple(p.name.split("-")[1:3]) for p in generated.iterdir()}  # (book, page)
    assert left == {(MAYA, f"p0{n}") for n in (1, 2, 3, 4)} | {(SAM, "p04"), (SAM, "p05")}
    assert upgraded.usage().files == 6
    # The pages whose pictures went keep their text; the book still opens.
    assert len(upgraded.get_book(SAM).pages) == 5


def test_old_books_can_be_changed_and_deleted(v1_home: Path, upgraded: Engine) -> None:
    upgraded.edit_page_text(ANA, 1, "Ana could not sleep.")
    assert upgraded.get_book(ANA).page(1).text == "Ana could not sleep."
    upgraded.set_pinned(MAYA, False)
    upgraded.delete_book(MAYA)
    assert [b.id for b in upgraded.list_books()] == [ANA, SAM]
    assert not (v1_home / "uploads" / UPLOAD).exists()  # no other book used it
    assert upgraded.usage().files == 5


def _schema(database: Path) -> dict[tuple[str, str], object]:
    """What a file's schema says, without the layout of the SQL text.

    ``ALTER TABLE ... ADD COLUMN`` appends to a table's stored SQL, so a file that grew
    column by column and one made at once differ in text but not in substance.
    """
    db = sqlite3.connect(database)
    try:
        schema: dict[tuple[str, str], object] = {}
        for kind, name, table, sql in db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ):
            if kind == "table":
                described: object = (
                    db.execute(f"PRAGMA table_xinfo({name})").fetchall(),
                    db.execute(f"PRAGMA foreign_key_list({name})").fetchall(),
                )
            elif kind == "index":
                described = (table, db.execute(f"PRAGMA index_xinfo({name})").fetchall(), sql)
            else:
                described = (table, " ".join((sql or "").split()))
            schema[(kind, name)] = described
        return schema
    finally:
        db.close()


def test_a_fresh_store_and_an_upgraded_one_have_the_same_schema(
    tmp_path: Path, upgraded: Engine
) -> None:
    fresh = Store(
        tmp_path / "fresh" / "data" / "storyillus.sqlite3", tmp_path / "fresh" / "uploads"
    )
    fresh.close()
    assert _version(fresh.path) == LATEST
    assert _schema(fresh.path) == _schema(upgraded.settings.database_path)
    assert ("index", "jobs_by_book_status") in _schema(fresh.path)


def test_a_version_1_store_is_upgraded_too(tmp_path: Path) -> None:
    path = tmp_path / "data" / "old.sqlite3"
    path.parent.mkdir()
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0].statements:
        db.execute(statement)
    db.execute(
        "INSERT INTO books (id, title, request, seed, writer, model, created_at)"
        " VALUES ('b1', 'Old', ?, 1, 'offline', 'offline-storyteller', 1.0)",
        (json.dumps(StoryRequest.create(Character.create("Ana", 4), "A walk").to_json()),),
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = Store(path, tmp_path / "uploads")
    try:
        book = store.books.get("b1")
        assert (book.title, book.usage, book.notes) == ("Old", {}, ())
        assert (book.setting, [m.name for m in book.cast]) == ("meadow", ["Ana"])  # "A walk"
        assert _version(path) == LATEST
        assert _schema(path) == _schema(_fresh(tmp_path))
    finally:
        store.close()


def _fresh(tmp_path: Path) -> Path:
    store = Store(tmp_path / "fresh.sqlite3", tmp_path / "uploads")
    store.close()
    return store.path


def test_a_store_newer_than_the_code_refuses_to_open(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    Store(settings.database_path, settings.uploads_dir).close()
    db = sqlite3.connect(settings.database_path)
    db.execute(f"PRAGMA user_version = {LATEST + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer storyillus"):
        Store(settings.database_path, settings.uploads_dir)
    with pytest.raises(StoreError, match=f"schema version {LATEST + 1}"):
        Engine(settings)
    assert _version(settings.database_path) == LATEST + 1  # left as it was


def test_migrations_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))


def test_new_reference_pictures_are_kept_by_file_name(tmp_path: Path, engine: Engine) -> None:
    stored = engine.store_reference_picture(png_bytes())
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(png_bytes())
    for picture, kept in ((stored, stored.name), (outside, str(outside))):
        hero = Character.create("Lila", 7, image_path=str(picture))
        book = engine.create_book(StoryRequest.create(hero, "A kite"), illustrate=False).book
        assert engine.get_book(book.id).character.image_path == str(picture)
        row = _rows(
            engine.settings.database_path, f"SELECT request FROM books WHERE id = '{book.id}'"
        )
        assert json.loads(row[0]["request"])["character"]["imagePath"] == kept
    assert PurePath(kept).is_absolute()
