"""What one saved image costs with retention, at 1,000 and at 10,000 files in generated/.

Ours: ImageFiles.save + Store.record_page (indexes the image) + Retention.prune, which
reads the totals the store keeps in SQLite and the oldest few index rows, never the
folder. The seed's way, measured in the same run on an identical folder: the same
ImageFiles.save, then a full rescan (os.scandir + stat of every file, sort by mtime,
delete the oldest beyond the limits).

Each figure is the median over SAVES saves, under the limits (nothing to delete) and
over them (max files = N, so every save deletes exactly one old image).
Targets: at 10,000 files ours at least 20x cheaper than the rescan; ours within 2x
between 1,000 and 10,000 files.
Run: .venv/bin/python bench/bench_retention.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyillus import Character, StoryRequest
from storyillus.casting import cast_for
from storyillus.domain import Book, Illustration, Page
from storyillus.storage.files import ImageFiles, SavedImage
from storyillus.storage.retention import Retention
from storyillus.store import Store

SIZES = (1_000, 10_000)
SAVES = 200
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8  # 2 KB: the size does not matter here
TARGET_VS_RESCAN = 20.0
TARGET_SCALING = 2.0


def new_book(store: Store, pages: int = 1) -> Book:
    hero = Character.create("Lila", 7, ["brave"], ["space"])
    book = Book(
        id=uuid.uuid4().hex,
        title="Bench",
        request=StoryRequest.create(hero, "A bench story", pages=4, seed=1),
        setting="garden",
        cast=cast_for(hero, 1),
        pages=tuple(Page(i, "t", "s", "garden", ("Lila",)) for i in range(1, pages + 1)),
        created_at=time.time(),
        seed=1,
    )
    store.books.add(book)
    return book


def illustration(url: str) -> Illustration:
    return Illustration(
        provider="offline", model="bench", character_referenced=False, local_url=url
    )


def fill(store: Store, files: ImageFiles, count: int) -> None:
    """``count`` old images in finished 12-page books, indexed through the store's own API.

    Like a real library: one book, one job, 12 pictures. Files are written without fsync
    here (setup only); every measured save uses ImageFiles.save as the app does.
    """
    for first in range(1, count + 1, 12):
        numbers = range(first, min(first + 12, count + 1))
        book = new_book(store, len(numbers))
        job = store.jobs.add(book.id, [(n - first + 1, "s") for n in numbers])
        for n in numbers:
            name = f"offline-{book.id}-p{n - first + 1:02d}-{n:08x}.png"
            (files.directory / name).write_bytes(PNG)
            saved = SavedImage(name=name, bytes=len(PNG))
            store.record_page(job.id, n - first + 1, illustration(saved.url), image=saved)
        assert store.jobs.get(job.id).status.is_final


def fill_plain(directory: Path, count: int) -> None:
    for n in range(1, count + 1):
        (directory / f"offline-{'0' * 32}-p{n:02d}-{n:08x}.png").write_bytes(PNG)


def rescan_prune(directory: Path, max_files: int, max_bytes: int) -> int:
    """The seed's retention: list and stat every file, oldest first, delete beyond limits."""
    entries = []
    with os.scandir(directory) as found:
        for entry in found:
            if entry.is_file() and entry.name.endswith(".png"):
                stat = entry.stat()
                entries.append((stat.st_mtime, stat.st_size, entry.path))
    entries.sort()
    count, total, removed = len(entries), sum(e[1] for e in entries), 0
    for _, size, path in entries:
        if not ((max_files and count > max_files) or (max_bytes and total > max_bytes)):
            break
        os.unlink(path)
        count, total, removed = count - 1, total - size, removed + 1
    return removed


def measure_ours(home: Path, n: int) -> dict[str, float]:
    store = Store(home / "data" / "bench.sqlite3", home / "uploads")
    files = ImageFiles(home / "generated")
    retention = Retention(store.pictures, files)
    fill(store, files, n)
    out: dict[str, float] = {}
    for phase, max_files in (("under", n + 10 * SAVES), ("over", n)):
        retention.prune(max_files, 0)  # back to N files before 'over' (not measured)
        book = new_book(store)  # the book being drawn: its job runs, so it is protected
        job = store.jobs.add(book.id, [(p, "s") for p in range(1, SAVES + 2)])
        whole, prune_only = [], []
        for page in range(1, SAVES + 1):
            t0 = time.perf_counter()
            saved = files.save(PNG, "offline", book.id, page)
            store.record_page(job.id, page, illustration(saved.url), image=saved)
            t1 = time.perf_counter()
            removed = retention.prune(max_files, 0)
            t2 = time.perf_counter()
            assert removed == (1 if phase == "over" else 0), removed
            whole.append(t2 - t0)
            prune_only.append(t2 - t1)
        out[phase] = statistics.median(whole)
        out[phase + "_prune"] = statistics.median(prune_only)
    assert store.pictures.usage().files == n == len(files.scan())
    store.close()
    return out


def measure_rescan(directory: Path, n: int) -> dict[str, float]:
    files = ImageFiles(directory)
    fill_plain(directory, n)
    book_id = uuid.uuid4().hex
    out: dict[str, float] = {}
    for phase, max_files in (("under", n + 10 * SAVES), ("over", n)):
        rescan_prune(directory, max_files, 0)  # back to N files before 'over' (not measured)
        whole, prune_only = [], []
        for page in range(1, SAVES + 1):
            t0 = time.perf_counter()
            files.save(PNG, "offline", book_id, page)
            t1 = time.perf_counter()
            removed = rescan_prune(directory, max_files, 0)
            t2 = time.perf_counter()
            assert removed == (1 if phase == "over" else 0), removed
            whole.append(t2 - t0)
            prune_only.append(t2 - t1)
        out[phase] = statistics.median(whole)
        out[phase + "_prune"] = statistics.median(prune_only)
    return out


def main() -> None:
    ours: dict[int, dict[str, float]] = {}
    seed: dict[int, dict[str, float]] = {}
    for n in SIZES:
        with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as other:
            ours[n] = measure_ours(Path(home), n)
            seed[n] = measure_rescan(Path(other), n)

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.3f} ms"

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(f"one save + retention, median of {SAVES} saves per figure ({os.cpu_count()} cores)")
    print("save = ImageFiles.save (with fsync) + index; retention = ours (SQLite totals) or")
    print("the seed's full rescan; 'over' = max files N, so every save deletes one image")
    print(f"{'figure':<36}{'ours':>12}{'rescan':>12}{'rescan/ours':>13}")
    for n in SIZES:
        for phase in ("under", "over"):
            o, s = ours[n][phase], seed[n][phase]
            print(
                f"{f'{n:,} files, {phase}, save+retention':<36}"
                f"{ms(o):>12}{ms(s):>12}{s / o:>12.1f}x"
            )
            o, s = ours[n][phase + "_prune"], seed[n][phase + "_prune"]
            print(f"{'  retention step alone':<36}{ms(o):>12}{ms(s):>12}{s / o:>12.1f}x")
    big, small = SIZES[-1], SIZES[0]
    print()
    print(f"{'target':<52}{'measured':>10}  verdict")
    for phase in ("under", "over"):
        ratio = seed[big][phase] / ours[big][phase]
        label = f"rescan/ours at {big:,}, {phase} (>= {TARGET_VS_RESCAN:.0f}x)"
        print(f"{label:<52}{ratio:>9.1f}x  {verdict(ratio >= TARGET_VS_RESCAN)}")
    for phase in ("under", "over"):
        ratio = ours[big][phase] / ours[small][phase]
        label = f"ours {big:,} / ours {small:,}, {phase} (<= {TARGET_SCALING:.0f}x)"
        print(f"{label:<52}{ratio:>9.2f}x  {verdict(ratio <= TARGET_SCALING)}")
    ratio = seed[big]["over"] / seed[small]["over"]
    print(f"{f'(seed: rescan {big:,} / rescan {small:,}, over)':<52}{ratio:>9.2f}x")


if __name__ == "__main__":
    main()
