"""``refcheck check [PATH ...]``: lint .bib files and the sources that cite them.

Without PATH the inputs come from ``[tool.refcheck]`` (``bib``, ``docs``) of the nearest
pyproject.toml.  Exit codes: 0 nothing at or above ``--fail-on``, 1 findings, 2 usage or
configuration error, or nothing readable.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from refcheck.cli import UsageError
from refcheck.collector import keep_until_exit
from refcheck.commands.stdout import write_stdout
from refcheck.config import FAIL_ON_CHOICES
from refcheck.escaping import escape_visible
from refcheck.i18n import _
from refcheck.output import FORMATS

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import TextIO

    from refcheck.config import Config
    from refcheck.engine import Inputs
    from refcheck.project import Layout

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
TEXT_VIEWS = ("text", "concise", "full")
# Show progress on a terminal only when the input is big enough to make one wait.
_PROGRESS_BYTES = 2_000_000


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=".bib, .md, .rst, .ipynb and .py files or folders (default: bib and docs of "
        "[tool.refcheck])",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format; text folds a rule's findings past 10 on a big run, concise lists "
        "every finding, full adds each one's source line",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON_CHOICES,
        default=None,
        help="lowest severity that makes the exit code 1 (default: fail-on of [tool.refcheck],"
        " else warning)",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules: names, codes or code prefixes, comma-separated (or ALL); "
        "replaces the select, extend-select and ignore of [tool.refcheck]",
    )
    parser.add_argument(
        "--extend-select", action="append", metavar="RULES", help="rules to add to the selection"
    )
    parser.add_argument(
        "--ignore", action="append", metavar="RULES", help="rules to leave out, comma-separated"
    )
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="the date 'future' is measured from (default: today)"
    )
    parser.add_argument(
        "--config", metavar="FILE", help="pyproject.toml or refcheck.toml to read settings from"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE (atomically)"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="text formats: findings only, no summary"
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="text formats: counts per rule instead of findings",
    )
    parser.add_argument(
        "--show-files",
        action="store_true",
        help="print the files that would be checked (bibs in the order read), and exit",
    )
    parser.add_argument(
        "--show-settings",
        action="store_true",
        help="print the project found, its settings and where each came from, and exit",
    )
    from refcheck.i18n.choice import language_help

    parser.add_argument("--lang", "--language", metavar="LANG", help=language_help())
    from refcheck.fixes.command import add_fix_arguments

    add_fix_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from refcheck.config import ConfigError, load_config
    from refcheck.engine import InputError, check_project
    from refcheck.fixes.command import run_fix, wants_fixes
    from refcheck.i18n import activate
    from refcheck.i18n.choice import chosen_language
    from refcheck.output import render
    from refcheck.project import inputs_layout, resolve_layout

    try:
        # --lang and REFCHECK_LANG already for the configuration's own errors.
        activate(chosen_language(args.lang, None, args.format))
        config = load_config(args.config) if args.config else load_config()
        apply_arguments(config, args)
        # The messages' language from here on: cli.run gives each command a context of
        # its own, so the choice ends with this run.
        activate(chosen_language(args.lang, config.language, args.format))
        rules = config.enabled_rules()
        layout = resolve_layout(args.paths, config) or inputs_layout(
            resolve_inputs(args.paths, config), args.paths, config
        )
        if args.show_files or args.show_settings:
            # Imported here: it pulls in ast, which a check itself does not need.
            from refcheck.project.show import show_files, show_settings

            write_stdout((show_files if args.show_files else show_settings)(layout))
            return EXIT_CLEAN
        inputs = layout_inputs(layout, args.paths)
    except (ConfigError, InputError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    if not rules:
        message = _(
            "no rules left to run: every selected rule is ignored (check --select, --ignore "
            "and the settings of {source})"
        ).format(source=escape_visible(config.source))
        print(f"refcheck: warning: {message}", file=sys.stderr)
    if wants_fixes(args):
        return run_fix(args, config, inputs, layout)
    progress = _Progress(args.format in TEXT_VIEWS and not args.output, inputs)
    progress.show(_("reading {n} files").format(n=len(inputs.bib) + len(inputs.docs)))
    from refcheck.project.build import build_layout_project

    project = build_layout_project(layout, inputs)
    keep_until_exit(project)  # never freed object by object at the return
    if layout.sources_unknown and not args.quiet:
        message = _(
            "unused-entry is off: {why}, so the documents the build reads are not known"
        ).format(why=escape_visible(layout.sources_unknown))
        print(f"refcheck: note: {message}", file=sys.stderr)
    entries = sum(len(b.entries) for b in project.bibfiles)
    progress.show(_("checking {n} entries").format(n=entries))
    try:
        result = check_project(project, config)
    finally:
        progress.clear()  # a rule's crash (RuleError) is reported by refcheck.cli
    report = render(result, args.format, statistics=args.statistics, quiet=args.quiet)
    if args.output:
        write_atomically(Path(args.output), report, inputs)
    else:
        write_stdout(report)
    if not result.readable:
        print(f"refcheck: error: {_('none of the .bib files could be read')}", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if result.fails(config.fail_on) else EXIT_CLEAN


def apply_arguments(config: Config, args: argparse.Namespace) -> None:
    """Command-line options over the configuration's selection, as ruff layers them.

    ``--select`` starts a new selection: it replaces the configuration's select,
    extend-select and ignore, so ``--select F003`` runs F003 even when the configuration
    ignores it.  ``--extend-select`` and ``--ignore`` add to whatever selection applies.
    """
    from datetime import date

    from refcheck.config import parse_selector_list, resolve_selectors

    if args.select:
        config.select = tuple(parse_selector_list(args.select))
        resolve_selectors(config.select, "--select")
        config.extend_select = ()
        config.ignore = ()
    if args.extend_select:
        extra = parse_selector_list(args.extend_select)
        resolve_selectors(extra, "--extend-select")
        config.extend_select = (*config.extend_select, *extra)
    if args.ignore:
        extra = parse_selector_list(args.ignore)
        resolve_selectors(extra, "--ignore")
        config.ignore = (*config.ignore, *extra)
    if args.as_of:
        try:
            config.as_of = date.fromisoformat(args.as_of)
        except ValueError:
            message = _("--as-of: {value!r} is not a date (use YYYY-MM-DD)")
            raise ValueError(message.format(value=args.as_of)) from None
    if args.fail_on:
        config.fail_on = args.fail_on


def resolve_inputs(paths: list[str], config: Config) -> Inputs:
    from refcheck.engine import InputError, collect_inputs

    if paths:
        inputs = collect_inputs(paths)
        where = ", ".join(paths)
    elif config.path is not None and (config.bib or config.docs):
        inputs = collect_inputs([*config.bib, *config.docs])
        where = _("bib and docs of {config}").format(config=config.path)
    else:
        raise InputError(
            _(
                "nothing to check: give .bib/.md/.rst/.ipynb/.py files or folders, or set bib "
                "and docs in [tool.refcheck] of pyproject.toml"
            )
        )
    if not inputs:
        raise InputError(_no_files(where))
    return inputs


def layout_inputs(layout: Layout, paths: list[str]) -> Inputs:
    """The files of ``layout``: bibs, the documents refcheck has a reader for, and the
    others (named in the report as not read)."""
    from refcheck.engine import InputError, Inputs

    docs = [d for d in layout.docs if layout.kind_of(d)]
    not_read = [*layout.not_read, *(d for d in layout.docs if not layout.kind_of(d))]
    inputs = Inputs(list(layout.bibs), docs, not_read)
    if not (inputs.bib or inputs.docs) and not layout.problems:
        where = (
            ", ".join(paths)
            if paths
            else _("the {kind} project in {root}").format(kind=layout.kind, root=layout.root)
        )
        raise InputError(_no_files(where))
    return inputs


def _no_files(where: str) -> str:
    return _("no .bib, .md, .rst, .ipynb or .py files found in {where}").format(where=where)


def write_atomically(target: Path, text: str, inputs: Inputs) -> None:
    """Write ``text`` to ``target`` through a temporary file; never over a checked file."""
    from refcheck.files import safe_resolve
    from refcheck.files.atomic_write import new_file_mode
    from refcheck.files.atomic_write import write_atomically as write

    resolved = safe_resolve(target)
    if any(resolved == safe_resolve(p) for p in (*inputs.bib, *inputs.docs)):
        message = _("--output {target}: refusing to overwrite a file being checked")
        raise UsageError(message.format(target=target))
    try:
        write(resolved, text, new_file_mode())
    except OSError as exc:
        message = _("--output {target}: cannot write: {reason}")
        raise UsageError(message.format(target=target, reason=exc.strerror or exc)) from None


class _Progress:
    """A one-line status on stderr, for big inputs on a terminal only."""

    def __init__(self, wanted: bool, inputs: Inputs, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        on_terminal = self.stream is not None and self.stream.isatty()  # stderr may be closed
        self.active = wanted and on_terminal and _size(inputs) > _PROGRESS_BYTES
        self.shown = False

    def show(self, text: str) -> None:
        if self.active:
            self.stream.write(f"\r\x1b[Krefcheck: {text}…")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _size(inputs: Inputs) -> int:
    total = 0
    for path in (*inputs.bib, *inputs.docs):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total
