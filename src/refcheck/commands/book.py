"""``refcheck book ARTICLE -o DIR``: a Wikipedia article as a complete Sphinx book folder.

ARTICLE is a text export, a Markdown save or the wikitext of the article. DIR receives
``docs/`` (conf.py, the front page with the CC BY-SA attribution, one chapter per section,
the reference page and the audit appendix), ``refs.bib`` and ``pyproject.toml``. Progress
and the importer's notices go to standard error as ``ARTICLE:LINE: …``. A DIR holding files
is refused unless ``--force``. A text export does not show its heading levels: each guessed
level is reported with its line, and ``DIR/book.outline`` holds the outline used, to
correct and give back with ``--outline``. Exit status: 0 written, 1 written with notices
(guessed levels among them), 2 nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from refcheck.bookgen import DRAFT_NAME, ArticleError, OutlineError, make_book, read_outline
from refcheck.bookgen.folder import FolderNotEmpty, write_folder
from refcheck.cli import UsageError
from refcheck.commands.import_refs import _read
from refcheck.escaping import escape_visible, safe_line_start

EXIT_NOTICES = 1
EXIT_FAILED = 2


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "article", metavar="ARTICLE", help="a text export, Markdown save or wikitext"
    )
    parser.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="the book folder to write"
    )
    parser.add_argument("--title", help="the article's title (wikitext does not hold it)")
    parser.add_argument(
        "--outline",
        metavar="FILE",
        help="heading levels and chapter file names (a text export has no levels; when"
        " they were guessed, DIR/book.outline holds the ones used, to correct)",
    )
    parser.add_argument("--force", action="store_true", help="write into a folder that holds files")


def _say(message: str) -> None:
    print(escape_visible(message), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    source: str = args.article
    where = safe_line_start(source)
    text = _read(source)
    _say(f"refcheck book: reading {source}")
    outline = None
    if args.outline:
        try:
            outline = read_outline(_read(args.outline))
        except ArticleError as error:
            raise UsageError(f"{args.outline}:{error.line}: {error.message}") from None
    try:
        book = make_book(text, source, args.title, outline)
    except OutlineError as error:
        raise UsageError(
            f"{args.outline}:{error.line}: {error.message}; fix the outline or leave it out"
        ) from None
    except ArticleError as error:
        _say(f"{where}:{error.line}: {error.message}")
        _say("refcheck book: nothing written")
        return EXIT_FAILED
    for notice in book.notices:
        _say(f"{where}:{notice.line}: {notice.message}")
    for marker in book.files.unknown_markers:
        _say(f"{where}: the body's {marker} has no reference; kept as text")
    chapter_of = {id(s): sections[0] for sections in book.article.chapters for s in sections}
    for section in book.guessed_levels:
        chapter = chapter_of[id(section)]
        taken = "a chapter" if chapter is section else f"a section of {chapter.heading!r}"
        _say(
            f"{where}:{section.line}: the export does not show the level of heading"
            f" {section.heading!r}; taken as {taken}"
        )
    if guesses := len(book.guessed_levels):
        draft = Path(args.output) / DRAFT_NAME
        _say(
            f"refcheck book: {guesses} heading "
            + ("levels are guesses" if guesses > 1 else "level is a guess")
            + f"; {draft} holds the levels used, guesses marked: correct it and run again"
            f" with --outline {draft}"
        )
    chapters = len(book.article.chapters)
    _say(f"refcheck book: {chapters} chapters, {book.entries} references; writing {args.output}")
    try:
        write_folder(Path(args.output), book.files.files, overwrite=args.force)
    except FolderNotEmpty:
        raise UsageError(
            f"{args.output} holds files; choose an empty folder, or pass --force to replace"
            " the book's files in it"
        ) from None
    except OSError as error:
        raise UsageError(f"cannot write {args.output}: {error.strerror or error}") from None
    stale = _stale_pages(Path(args.output), book.files.files)
    for page in stale:
        # Left as it is (the command removes nothing), but no page of the book leads to it.
        _say(
            f"{page}: not a page of this book (an earlier run's?); remove it, as"
            " sphinx-build -W fails on a page no table of contents includes"
        )
    _say(
        f"refcheck book: wrote {len(book.files.files)} files; build with"
        f" sphinx-build -W {Path(args.output) / 'docs'} {Path(args.output) / 'docs/_build/html'}"
    )
    noticed = book.notices or book.files.unknown_markers or book.guessed_levels or stale
    return EXIT_NOTICES if noticed else 0


def _stale_pages(folder: Path, files: dict[str, str]) -> list[Path]:
    """Markdown pages under docs/ that this book does not write (with --force, into a
    folder an earlier run filled): Sphinx would build them as orphans."""
    docs = folder / "docs"
    written = {folder / relative for relative in files}
    pages = [p for p in sorted(docs.rglob("*.md")) if "_build" not in p.relative_to(docs).parts]
    return [page for page in pages if page not in written]
