"""The command line: ``python -m storyillus book ...`` makes a book into a folder.

Bad input ends with one line on stderr saying what is wrong, exit code 2, and nothing
written. The book is made in a private temporary home with the same settings and
provider chain as the app, then copied out, so a failure half-way leaves no partial
folder behind.

In one go (the default) the character sheets and then the pages are drawn. ``--cast-only``
stops after the sheets: the folder holds ``book.json`` (``approved`` false), the sheets
and the reference pictures (``reference-NN.png``, numbered as the cast), everything
``--approve BOOK_DIR`` needs to draw the pages later from the cast as ``book.json`` then
says it is (a parent may correct a description there, or delete a sheet to have it
drawn again). Pictures are written first and ``book.json`` last, so the folder always
matches its ``book.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyillus._exceptions import ConfigError, InvalidInput, NotFound, StoryillusError
from storyillus.config import Settings, env_example, load_settings
from storyillus.document import book_document, book_from_document
from storyillus.domain import (
    DEFAULT_PAGES,
    LOOK_COLOURS,
    Book,
    Character,
    Companion,
    LookChoice,
    Page,
    StoryRequest,
)
from storyillus.storage.files import write_atomically
from storyillus.storage.references import MB, read_picture_file

if TYPE_CHECKING:
    from storyillus.service import Engine
    from storyillus.store.accounts import Accounts

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
BOOK_FILE = "book.json"
_BOOK_ID = re.compile(r"^[0-9a-f]{32}$")
# Flags that describe a new book: --approve carries on from a folder and takes none.
_MAKING = (
    "name",
    "age",
    "prompt",
    "out",
    "image",
    "sibling",
    "sibling_image",
    "cast_only",
    *LOOK_COLOURS,
    "glasses",
)
_REQUIRED = ("name", "age", "prompt", "out")


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
    # --name, --age, --prompt and --out are required unless --approve (checked in main).
    book.add_argument("--name", help="the hero's name (required)")
    book.add_argument("--age", help="the hero's age, 1-120 (required)")
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
    book.add_argument(
        "--sibling-image",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="a picture of the --sibling called NAME, its sheet drawn from it (repeatable)",
    )
    book.add_argument("--message", default="", help="a personal message for the end")
    book.add_argument("--prompt", help="the story idea (required)")
    book.add_argument("--theme", action="append", default=[], help="a theme (repeatable)")
    book.add_argument("--setting", default="", help="where the story happens, e.g. space")
    book.add_argument("--style", default="watercolor", help="art style")
    book.add_argument("--image", type=Path, help="reference picture of the hero (PNG, JPEG, WebP)")
    for part in LOOK_COLOURS:
        book.add_argument(
            f"--{part}",
            metavar="#RRGGBB",
            help=f"the hero's {part} colour, over what the picture shows (e.g. '#6b4423')",
        )
    book.add_argument(
        "--glasses",
        action=argparse.BooleanOptionalAction,
        help="the hero wears glasses (--no-glasses: never), whatever the picture shows",
    )
    book.add_argument("--pages", default=str(DEFAULT_PAGES), help="number of pages (4-16)")
    book.add_argument("--seed", type=int, help="same seed, same offline book")
    book.add_argument("--out", type=Path, help="folder to write the book into (required)")
    book.add_argument(
        "--cast-only",
        action="store_true",
        help="stop after the character sheets; carry on later with --approve",
    )
    book.add_argument(
        "--approve",
        type=Path,
        metavar="BOOK_DIR",
        help="draw the pages of a --cast-only folder from its (corrected) cast, then complete it",
    )

    token = commands.add_parser(
        "token",
        help="API tokens of signed-in users: create, list, revoke",
        description="API tokens for 'Authorization: Bearer ...' when sign-in is on. "
        "Exit codes: 0 done, 1 no such user or token, 2 bad input.",
    )
    tokens = token.add_subparsers(dest="action", required=True)
    create = tokens.add_parser(
        "create", help="make a token for EMAIL's user (made if new); printed last, once"
    )
    create.add_argument("email", metavar="EMAIL")
    listing = tokens.add_parser(
        "list", help="EMAIL's tokens: first characters, made, last used (never the tokens)"
    )
    listing.add_argument("email", metavar="EMAIL")
    revoke = tokens.add_parser("revoke", help="revoke a token, given whole or as listed")
    revoke.add_argument("token", metavar="TOKEN")

    commands.add_parser("check", help="check the settings and exit")
    commands.add_parser("env-example", help="print .env.example")
    return parser


def _check_flags(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    def flag(dest: str) -> str:
        return "--" + dest.replace("_", "-")

    if args.approve is not None:
        given = [flag(d) for d in _MAKING if getattr(args, d) not in (None, [], False)]
        if given:
            parser.error(f"--approve carries on from a folder as it is; leave out {given[0]}")
        return
    missing = [flag(d) for d in _REQUIRED if getattr(args, d) is None]
    if missing:
        parser.error(f"the following arguments are required: {', '.join(missing)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "book":
        _check_flags(parser, args)
    try:
        if args.command == "env-example":
            sys.stdout.write(env_example())
            return 0
        settings = load_settings()
        for withheld in settings.withheld:  # a key for another server: said, never shown
            print(f"storyillus: {withheld.message}", file=sys.stderr)
        from storyillus.vocabularies import load_vocabularies  # may find a broken data file

        load_vocabularies()
        if args.command == "check":
            print(f"Settings and data files are valid (home: {settings.home}).")
            return 0
        if args.command == "token":
            return _token(args, settings)
        if args.approve is not None:
            return _approve(args.approve)
        return _make_book(args)
    except ConfigError as exc:
        print(f"storyillus: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _token(args: argparse.Namespace, settings: Settings) -> int:
    """``token create|list|revoke``: the store's accounts alone, not a whole engine, so it is
    safe beside a running server (an engine tidies the pictures folder when it opens).

    The token itself is printed once, as the last line of ``create``, to stdout only: it is
    never logged, and ``list`` shows only the first characters the store keeps in clear.
    """
    from storyillus.service import home_accounts  # after load_vocabularies() in main()

    with home_accounts(settings) as accounts:
        return _token_action(args, accounts)


def _token_action(args: argparse.Namespace, accounts: Accounts) -> int:
    try:
        if args.action == "create":
            token = accounts.create_token_for_email(args.email)
            print(f"A new API token for {args.email.strip().casefold()} (shown this once):")
            print(token)
        elif args.action == "list":
            found = accounts.tokens_for_email(args.email)
            if not found:
                print(f"{args.email.strip().casefold()} has no API tokens.")
            for info in found:
                used = _when(info.last_used_at) if info.last_used_at else "never"
                print(f"{info.prefix}  made {_when(info.created_at)}  last used {used}")
        else:
            if not accounts.revoke(args.token.strip()):
                raise NotFound("No such token (it may be revoked already).")
            print("Revoked the token: it opens nothing any more.")
        return 0
    except NotFound as exc:
        return _failed(str(exc))
    except StoryillusError as exc:
        print(f"storyillus: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _when(moment: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(moment))


def _sibling_pictures(
    given: list[str], companions: Sequence[Companion], max_bytes: int
) -> dict[str, bytes]:
    """``--sibling-image NAME=PATH`` flags as picture bytes by companion name, checked."""
    names = {c.name.casefold(): c.name for c in companions}
    pictures: dict[str, bytes] = {}
    for text in given:
        typed, _, path = text.partition("=")
        typed = " ".join(typed.split())
        if not typed or not path:
            raise InvalidInput(f"--sibling-image needs NAME=PATH, not {text!r}.")
        name = names.get(typed.casefold())
        if name is None:
            known = ", ".join(c.name for c in companions) or "none"
            raise InvalidInput(
                f"--sibling-image {typed}: no --sibling is called that (siblings: {known})."
            )
        if name in pictures:
            raise InvalidInput(f"--sibling-image gives {name} more than one picture.")
        try:
            pictures[name] = read_picture_file(Path(path), max_bytes)
        except InvalidInput as exc:
            raise InvalidInput(f"--sibling-image {name}: {exc}") from None
    return pictures


def _look_choice(args: argparse.Namespace) -> LookChoice | None:
    """The hero's colours given as flags (``--hair '#6b4423'``...), or None for none."""
    colours = {part: getattr(args, part) for part in LOOK_COLOURS}
    if args.glasses is None and not any(colours.values()):
        return None
    return LookChoice.create(colours, glasses=args.glasses)


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
            look=_look_choice(args),
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
        sibling_pictures = _sibling_pictures(
            args.sibling_image, character.companions, settings.upload_max_mb * MB
        )
        if args.out.exists() and not args.out.is_dir():
            raise StoryillusError(f"--out {args.out} exists and is not a folder.")
    except StoryillusError as exc:
        print(f"storyillus: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT

    with _private_engine() as engine:
        try:
            if picture is not None:
                character = replace(
                    character, image_path=str(engine.store_reference_picture(picture))
                )
            companions = tuple(
                replace(c, image_path=str(engine.store_reference_picture(sibling_pictures[c.name])))
                if c.name in sibling_pictures
                else c
                for c in character.companions
            )
            request = replace(request, character=replace(character, companions=companions))
            made = engine.create_book(request, run_async=False, approve=not args.cast_only)
            if made.job.error:
                return _failed(made.job.error)
            book = engine.get_book(made.book.id)
            _export(engine, book, args.out, references=args.cast_only)
        except StoryillusError as exc:
            return _failed(str(exc))
    if args.cast_only:
        print(
            f"Wrote the characters of {book.title!r}: {len(book.cast)} sheets in {args.out}. "
            f"Check them (correct a description in {BOOK_FILE} if need be), then draw the "
            f"pages with: python -m storyillus book --approve {args.out}"
        )
    else:
        print(f"Wrote {book.title!r}: {len(book.pages)} pages in {args.out}")
    return 0


def _private_settings(home: str) -> Settings:
    """The user's settings on a private home that keeps every picture it draws."""
    return load_settings(home=home, save_generated_images=True, max_files=0, max_mb=0)


def _image_name(page: Page) -> str:
    return f"page-{page.number:02d}.png"


def _sheet_name(number: int) -> str:
    return f"sheet-{number:02d}.png"


def _reference_name(number: int) -> str:
    return f"reference-{number:02d}.png"


def _export(
    engine: Engine,
    book: Book,
    out: Path,
    references: bool = False,
    kept_sheets: Mapping[str, str] | None = None,
) -> None:
    """Write the pictures, then book.json last: the folder always matches its book.json.

    ``references``: copy the reference pictures in too (what ``--approve`` needs).
    ``kept_sheets``: sheets already in the folder, by member name, left as they are.
    """
    out.mkdir(parents=True, exist_ok=True)
    for page in book.pages:
        illustration = page.illustration
        if illustration is None:
            assert not book.approved  # a finished job of an approved book drew every page
            continue
        source = engine.image_path(illustration.local_url)
        if source is None:
            raise StoryillusError(f"The picture of page {page.number} is missing.")
        write_atomically(out / _image_name(page), source.read_bytes())
    sheets = dict(kept_sheets or {})
    for number, member in enumerate(book.cast, start=1):
        sheet = engine.image_path(member.sheet)
        if sheet is not None and member.name not in sheets:
            sheets[member.name] = _sheet_name(number)
            write_atomically(out / sheets[member.name], sheet.read_bytes())
        own = book.picture_of(member)
        if references and own and Path(own).is_file():
            write_atomically(out / _reference_name(number), Path(own).read_bytes())
    document = book_document(
        book,
        lambda page: _image_name(page) if page.illustration is not None else None,
        lambda member: sheets.get(member.name),
    )
    write_atomically(
        out / BOOK_FILE, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    )


# -- --approve BOOK_DIR ---------------------------------------------------------------


def _in_folder(folder: Path, name: str, where: str) -> Path:
    """A file named in book.json: a plain name inside the folder, never a path out of it."""
    if not name or Path(name).name != name or name in (".", ".."):
        raise InvalidInput(f"{BOOK_FILE}: {where} must name a file in the folder, not {name!r}.")
    return folder / name


@dataclass(frozen=True)
class _Folder:
    """What a --cast-only folder holds."""

    book: Book
    sheets: dict[str, bytes]
    """The sheets in the folder, by member name (a member without one gets it drawn)."""
    sheet_names: dict[str, str]
    """Their file names, by member name."""
    references: dict[int, bytes]
    """The reference pictures, by cast number (1 is the hero)."""


def _read_folder(folder: Path, max_bytes: int) -> _Folder:
    """The --cast-only folder's book and pictures; raises InvalidInput saying what is wrong."""
    if not folder.is_dir():
        state = "is not a folder" if folder.exists() else "does not exist"
        raise InvalidInput(f"--approve {folder} {state}.")
    path = folder / BOOK_FILE
    if not path.is_file():
        raise InvalidInput(
            f"{folder} has no {BOOK_FILE}; --approve carries on from a --cast-only folder."
        )
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
    except (OSError, RecursionError) as exc:
        raise InvalidInput(f"{path} cannot be read ({type(exc).__name__}).") from None
    try:
        book = book_from_document(document, lambda where: where)
    except InvalidInput as exc:
        raise InvalidInput(f"{path}: {exc}") from None
    if book.approved:
        raise InvalidInput(
            f"{folder} is already approved (its pages are drawn); --approve carries on "
            "from a --cast-only folder."
        )
    if not _BOOK_ID.match(book.id):
        raise InvalidInput(f"{path}: id must be the 32 hexadecimal digits storyillus gave it.")
    from storyillus.service import MAX_DESCRIPTION_CHARS

    sheets: dict[str, bytes] = {}
    names: dict[str, str] = {}
    references: dict[int, bytes] = {}
    for number, member in enumerate(book.cast, start=1):
        if len(member.description) > MAX_DESCRIPTION_CHARS:
            raise InvalidInput(
                f"{path}: {member.name}'s description is longer than "
                f"{MAX_DESCRIPTION_CHARS} characters."
            )
        if member.sheet:
            sheet = _in_folder(folder, member.sheet, f"{member.name}'s sheet")
            if sheet.exists():  # a sheet deleted by hand is drawn again
                try:
                    sheets[member.name] = read_picture_file(sheet, max_bytes)
                except InvalidInput as exc:
                    raise InvalidInput(f"{member.name}'s sheet: {exc}") from None
                names[member.name] = member.sheet
        reference = folder / _reference_name(number)
        if reference.exists():
            try:
                references[number] = read_picture_file(reference, max_bytes)
            except InvalidInput as exc:
                raise InvalidInput(f"{member.name}'s reference picture: {exc}") from None
    return _Folder(book, sheets, names, references)


def _approve(folder: Path) -> int:
    """Draw the pages of a --cast-only folder and complete it (book.json written last)."""
    try:
        found = _read_folder(folder, load_settings().upload_max_mb * MB)
    except StoryillusError as exc:
        print(f"storyillus: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT

    with _private_engine() as engine:
        try:
            stored = {
                n: str(engine.store_reference_picture(d)) for n, d in found.references.items()
            }
            book = _with_pictures(found.book, stored)
            engine.adopt_book(book, found.sheets)
            job = engine.approve_cast(book.id, run_async=False)
            if job.error:
                return _failed(job.error)
            book = engine.get_book(book.id)
            _export(engine, book, folder, kept_sheets=found.sheet_names)
        except StoryillusError as exc:
            return _failed(str(exc))
    print(f"Wrote {book.title!r}: {len(book.pages)} pages in {folder}")
    return 0


@contextmanager
def _private_engine() -> Iterator[Engine]:
    """An engine on a private temporary home with the app's settings, closed when done, so
    a failure half-way leaves nothing behind."""
    from storyillus.service import Engine  # after load_vocabularies() in main()

    with tempfile.TemporaryDirectory(prefix="storyillus-cli-") as home:
        engine = Engine(_private_settings(home))
        try:
            yield engine
        finally:
            engine.close(wait=True)


def _failed(error: str) -> int:
    print(f"storyillus: {error}", file=sys.stderr)
    return EXIT_FAILED


def _with_pictures(book: Book, pictures: Mapping[int, str]) -> Book:
    """The book with its reference pictures (stored paths by cast number) given back."""
    character = book.character
    by_name = {book.cast[n - 1].name: path for n, path in pictures.items() if n > 1}
    companions = tuple(
        replace(c, image_path=by_name[c.name]) if c.name in by_name else c
        for c in character.companions
    )
    character = replace(character, image_path=pictures.get(1), companions=companions)
    return replace(book, request=replace(book.request, character=character))
