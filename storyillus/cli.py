"""The command line: ``python -m storyillus book ...`` makes a book into a folder.

Bad input ends with one line on stderr saying what is wrong, exit code 2, and nothing
written. The book is made in a private temporary home with the same settings and
provider chain as the app, then copied out, so a failure half-way leaves no partial
folder behind.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from storyillus._exceptions import ConfigError, StoryillusError
from storyillus.config import env_example, load_settings
from storyillus.document import book_document
from storyillus.domain import DEFAULT_PAGES, Book, Character, Companion, Page, StoryRequest
from storyillus.storage.files import write_atomically
from storyillus.storage.references import MB, read_picture_file

if TYPE_CHECKING:
    from storyillus.service import Engine

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage dump
        print(f"storyillus: {message} (see --help)", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _companion(text: str) -> Companion:
    """``Name``, ``Name:relation`` or ``Name:relation:trait,trait``."""
    name, _, rest = text.partition(":")
    relation, _, traits = rest.partition(":")
    return Companion(
        name=name.strip(),
        relation=relation.strip() or "sibling",
        traits=tuple(t.strip() for t in traits.split(",") if t.strip()),
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m storyillus", description="Personalized picture books.")
    commands = parser.add_subparsers(dest="command", required=True)

    book = commands.add_parser("book", help="make a picture book into a folder")
    book.add_argument("--name", required=True, help="the hero's name")
    book.add_argument("--age", required=True, help="the hero's age (1-120)")
    book.add_argument(
        "--trait", action="append", default=[], help="a personality trait (repeatable)"
    )
    book.add_argument("--interest", action="append", default=[], help="an interest (repeatable)")
    book.add_argument(
        "--sibling",
        action="append",
        default=[],
        metavar="NAME[:RELATION[:TRAIT,...]]",
        help="a sibling or friend in the story (repeatable)",
    )
    book.add_argument("--message", default="", help="a personal message for the end")
    book.add_argument("--prompt", required=True, help="the story idea")
    book.add_argument("--theme", action="append", default=[], help="a theme (repeatable)")
    book.add_argument("--setting", default="", help="where the story happens, e.g. space")
    book.add_argument("--style", default="watercolor", help="art style")
    book.add_argument("--image", type=Path, help="reference picture of the hero (PNG, JPEG, WebP)")
    book.add_argument("--pages", default=str(DEFAULT_PAGES), help="number of pages (4-16)")
    book.add_argument("--seed", type=int, help="same seed, same offline book")
    book.add_argument("--out", type=Path, required=True, help="folder to write the book into")

    commands.add_parser("check", help="check the settings and exit")
    commands.add_parser("env-example", help="print .env.example")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "env-example":
            sys.stdout.write(env_example())
            return 0
        settings = load_settings()
        from storyillus.vocabularies import load_vocabularies  # may find a broken data file

        load_vocabularies()
        if args.command == "check":
            print(f"Settings and data files are valid (home: {settings.home}).")
            return 0
        return _make_book(args)
    except ConfigError as exc:
        print(f"storyillus: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _make_book(args: argparse.Namespace) -> int:
    settings = load_settings()
    try:
        picture = read_picture_file(args.image, settings.upload_max_mb * MB) if args.image else None
        character = Character.create(
            name=args.name,
            age=args.age,
            personality=args.trait,
            interests=args.interest,
            companions=[_companion(s) for s in args.sibling],
            message=args.message,
        )
        request = StoryRequest.create(
            character=character,
            prompt=args.prompt,
            themes=args.theme,
            setting=args.setting,
            pages=args.pages,
            art_style=args.style,
            seed=args.seed,
        )
        if args.out.exists() and not args.out.is_dir():
            raise StoryillusError(f"--out {args.out} exists and is not a folder.")
    except StoryillusError as exc:
        print(f"storyillus: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT

    from storyillus.service import Engine  # after load_vocabularies() in main()

    with tempfile.TemporaryDirectory(prefix="storyillus-cli-") as home:
        engine = Engine(load_settings(home=home, save_generated_images=True, max_files=0, max_mb=0))
        try:
            if picture is not None:
                path = engine.store_reference_picture(picture)
                request = replace(request, character=replace(character, image_path=str(path)))
            made = engine.create_book(request, run_async=False)
            if made.job.error:
                print(f"storyillus: {made.job.error}", file=sys.stderr)
                return EXIT_FAILED
            _export(engine, made.book, args.out)
        except StoryillusError as exc:
            print(f"storyillus: {exc}", file=sys.stderr)
            return EXIT_FAILED
        finally:
            engine.close(wait=True)
    print(f"Wrote {made.book.title!r}: {len(made.book.pages)} pages in {args.out}")
    return 0


def _image_name(page: Page) -> str:
    return f"page-{page.number:02d}.png"


def _export(engine: Engine, book: Book, out: Path) -> None:
    """Copy the images, then write book.json last: a folder with book.json is complete."""
    out.mkdir(parents=True, exist_ok=True)
    for page in book.pages:
        illustration = page.illustration
        assert illustration is not None  # the job completed, so every page has one
        source = engine.image_path(illustration.local_url)
        if source is None:
            raise StoryillusError(f"The picture of page {page.number} is missing.")
        shutil.copyfile(source, out / _image_name(page))
    sheets: dict[str, str] = {}
    for number, member in enumerate(book.cast, start=1):
        sheet = engine.image_path(member.sheet)
        if sheet is not None:
            sheets[member.name] = f"sheet-{number:02d}.png"
            shutil.copyfile(sheet, out / sheets[member.name])
    document = book_document(book, _image_name, lambda member: sheets.get(member.name))
    write_atomically(
        out / "book.json", json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    )
