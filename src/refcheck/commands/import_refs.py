"""``refcheck import SOURCE [-o FILE.bib]``: a Wikipedia reference list as BibTeX.

Every reference found becomes one entry, or nothing is written: an unreadable reference is
reported as ``SOURCE:LINE: cannot parse reference [n]: <text>`` and the command exits 2.
The file is written atomically (a temporary file in the same folder, then ``os.replace``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from refcheck.atomic_write import write_atomically
from refcheck.cli import UsageError
from refcheck.commands.stdout import write_stdout
from refcheck.escaping import escape_visible, safe_line_start
from refcheck.files import describe_os_error, read_regular_file
from refcheck.importer import CountMismatch, import_references, verify_bibliography

EXIT_FAILED = 2


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("source", metavar="SOURCE", help="a Wikipedia article's text export")
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
        raise UsageError(
            f"{path}: not UTF-8 text (byte {error.start}); save the export as UTF-8"
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
    result = import_references(_read(source), Path(source).name)
    for error in result.errors:
        # The message quotes the reference's text: escaped, it cannot forge a CI command.
        where = safe_line_start(source)  # a source named "::error::x" starts no CI command
        print(escape_visible(f"{where}:{error.line}: {error.message}"), file=sys.stderr)
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
    print(f"{result.found} references → {len(result.keys)} entries", file=sys.stderr)
    return 0
