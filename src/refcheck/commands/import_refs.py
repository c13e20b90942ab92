"""``refcheck import SOURCE [-o FILE.bib]``: a Wikipedia reference list as BibTeX.

SOURCE is a text export of the article or its wikitext (the edit page). Every reference
found becomes one entry; what needs a look is reported as ``SOURCE:LINE: <notice>`` on
standard error (a reference kept whole, a date that is no real date, a ``[n]`` without its
reference, a cut export). Exit status: 0 all read, 1 written with notices, 2 nothing
written (the input cannot be read, or holds no reference list). The file is written
atomically (a temporary file in the same folder, then ``os.replace``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from refcheck.cli import UsageError
from refcheck.commands.stdout import write_stdout
from refcheck.escaping import escape_visible, safe_line_start
from refcheck.files import describe_os_error, read_regular_file
from refcheck.files.atomic_write import write_atomically
from refcheck.importer import (
    CountMismatch,
    ImportNotice,
    ReferenceSyntaxError,
    import_references,
    verify_bibliography,
)

EXIT_NOTICES = 1
EXIT_FAILED = 2


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "source", metavar="SOURCE", help="a Wikipedia article's text export or its wikitext"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE.bib",
        default="-",
        help="where to write the BibTeX (default and '-': standard output)",
    )


def _same_file(source: str, output: str) -> bool:
    try:
        return os.path.samefile(source, output)
    except OSError:  # either does not exist (yet): not the same file
        return False


def _read(path: str) -> str:
    try:
        data = read_regular_file(path)  # a FIFO or a device is refused, not waited on
    except OSError as error:
        raise UsageError(f"cannot read {path}: {describe_os_error(error, 'text file')}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        if error.end >= len(data) and error.reason == "unexpected end of data":
            # Cut inside the last character: read what is there, and say the export is cut.
            where = safe_line_start(path)  # a file named "::error::x" starts no CI command
            print(
                escape_visible(
                    f"{where}:{line}: the file ends inside a UTF-8 character: the export looks cut"
                ),
                file=sys.stderr,
            )
            return data[: error.start].decode("utf-8-sig")
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise UsageError(
            f"{path}:{line}: not UTF-8 text (byte {column} of the line); save the export as UTF-8"
        ) from None


def _write_atomically(path: str, text: str) -> None:
    try:
        write_atomically(Path(path), text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def run(args: argparse.Namespace) -> int:
    source: str = args.source
    if args.output != "-" and _same_file(source, args.output):
        raise UsageError(f"--output {args.output}: refusing to overwrite the source {source}")
    text = _read(source)
    result = import_references(text, Path(source).name)
    problems: list[ImportNotice | ReferenceSyntaxError] = [*result.errors, *result.notices]
    for problem in problems:
        # The message quotes the reference's text: escaped, it cannot forge a CI command.
        where = safe_line_start(source)  # a source named "::error::x" starts no CI command
        print(escape_visible(f"{where}:{problem.line}: {problem.message}"), file=sys.stderr)
    if result.errors:
        print(
            f"refcheck import: {len(result.errors)} error(s) in {result.found} references;"
            " nothing written",
            file=sys.stderr,
        )
        return EXIT_FAILED
    try:
        verify_bibliography(result.bib_text, result.keys, result.references)
    except CountMismatch as error:
        print(f"refcheck import: {escape_visible(str(error))}; nothing written", file=sys.stderr)
        return EXIT_FAILED
    if args.output == "-":
        write_stdout(result.bib_text)  # flushed here: a full disk is an error, not exit 0
    else:
        _write_atomically(args.output, result.bib_text)
    summary = f"{result.found} references → {len(result.keys)} entries"
    if result.kept_whole:
        summary += f" ({result.kept_whole} kept whole: no layout read them)"
    if result.notices:
        summary += f"; {len(result.notices)} notice(s) above"
    print(summary, file=sys.stderr)
    return EXIT_NOTICES if result.notices else 0
