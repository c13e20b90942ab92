"""The ``refcheck`` command: a thin dispatcher over subcommand modules.

Each subcommand module exposes ``add_arguments(parser)`` and ``run(args) -> int``;
``run(argv)`` returns the exit code so the CLI is tested without subprocesses.
Exit codes: 0 clean, 1 findings, 2 usage error, nothing readable, output that could not
be written, or an internal error (a bug in refcheck: one line asking to report it; the
traceback with ``--show-traceback`` or ``REFCHECK_SHOW_TRACEBACK=1``).
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from refcheck import __version__
from refcheck.collector import leave_without_teardown

# subcommand name -> (module, one-line help)
SUBCOMMANDS = {
    "check": (
        "refcheck.commands.check",
        "lint .bib files and the documents, notebooks and docstrings citing them",
    ),
    "rules": ("refcheck.commands.rules", "list every rule"),
    "rule": ("refcheck.commands.rules", "print one rule's documentation"),
    "import": ("refcheck.commands.import_refs", "convert a Wikipedia reference list to BibTeX"),
    "book": ("refcheck.commands.book", "write a Wikipedia article as a Sphinx book folder"),
}

EXIT_USAGE = 2
EXIT_INTERNAL = 2  # not 1, which means "findings": CI must not take a crash for a lint failure
TRACEBACK_VARIABLE = "REFCHECK_SHOW_TRACEBACK"
_TRACEBACK_HELP = f"on an internal error, print the traceback (also: {TRACEBACK_VARIABLE}=1)"


class UsageError(Exception):
    """A mistake in how refcheck was called or configured; printed without a traceback."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width so that it need not ask shutil.

    argparse builds a formatter for every ``add_argument`` and imports shutil for its
    width; shutil loads zlib, bz2 and lzma, 6 ms of every ``refcheck check`` run.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = terminal_columns() - 2  # argparse's own margin
        super().__init__(prog, indent_increment, max_help_position, width)


def terminal_columns(fallback: int = 80) -> int:
    """The terminal's width as shutil.get_terminal_size reads it: $COLUMNS, then the
    terminal of standard output, then ``fallback``."""
    with contextlib.suppress(KeyError, ValueError):
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return fallback
    return columns or fallback


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, import just that subcommand's module (none for "").

    Importing every subcommand would pull the importer's pybtex into each
    ``refcheck check`` run, which must start fast.
    """
    parser = argparse.ArgumentParser(
        prog="refcheck",
        description="Lint citations in BibTeX files, documents, notebooks and docstrings.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--show-traceback", action="store_true", help=_TRACEBACK_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(
            name, help=help_text, description=help_text, formatter_class=HelpFormatter
        )
        if only is None or name == only:
            module = importlib.import_module(module_name)
            module.add_arguments(sub_parser, name)
            # Also after the subcommand; SUPPRESS keeps it from undoing the one before it.
            sub_parser.add_argument(
                "--show-traceback", action="store_true", default=argparse.SUPPRESS,
                help=_TRACEBACK_HELP,
            )  # fmt: skip
            sub_parser.set_defaults(_run=module.run)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `refcheck --version`, `--help` or a mistyped command need no subcommand's module.
    # The top-level options are all flags, so the first other argument is the command.
    command = next((arg for arg in argv if not arg.startswith("-")), "")
    parser = build_parser(only=command if command in SUBCOMMANDS else "")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        # In a copy of the caller's context: what a command sets there (the language of
        # its messages, refcheck.i18n) ends with it, also when run() is called in-process.
        return int(contextvars.copy_context().run(args._run, args))
    except UsageError as exc:
        from refcheck.escaping import escape_visible  # messages quote paths and user values

        print(f"refcheck: error: {escape_visible(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("refcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in refcheck (MemoryError and RecursionError included)
        report_internal_error(exc, args.show_traceback or _env_flag(TRACEBACK_VARIABLE))
        return EXIT_INTERNAL


def report_internal_error(error: BaseException, show_traceback: bool) -> None:
    """One line saying that refcheck failed and asking for a report; the traceback
    only when asked for (it is long, and it is for refcheck's developers)."""
    from refcheck.escaping import escape_visible  # the error may quote text from the files

    engine = sys.modules.get("refcheck.engine")  # never imported here just to look
    where, cause = "", error
    if engine is not None and isinstance(error, engine.RuleError):
        where, cause = f" in rule {error.rule.name}", error.error  # what the rule raised
    described = escape_visible(f"{type(cause).__name__}: {cause}"[:500])
    hint = "" if show_traceback else " (rerun with --show-traceback for details)"
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr may be closed too
        if show_traceback:
            import traceback

            traceback.print_exception(error, file=sys.stderr)
        print(
            f"refcheck: internal error{where}: {described}; this is a bug in refcheck "
            f"{__version__}, please report it with the command and input that caused it{hint}",
            file=sys.stderr,
        )


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def main() -> int:
    # A short-lived process: the cyclic collector would walk the parser's million objects
    # (which form no cycles) again and again during the rules; the exit frees everything.
    gc.disable()
    leave_without_teardown()  # and so the parsed project is held until then, not freed
    code = run()
    # Leave without the interpreter's teardown, which would free a large project's
    # objects one by one (longer than most rules); every file is closed by now, and
    # only what was printed needs flushing.
    for stream in (sys.stdout, sys.stderr):  # None when closed at start-up
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)
