"""``refcheck check --fix`` / ``--unsafe-fixes`` / ``--diff``: the command-line side.

``--fix`` writes the fixed files (as one set, see :mod:`refcheck.fixes.transaction`) and
reports what remains; ``--diff`` prints what ``--fix`` would change and writes nothing
(exit 1 when something would change, as ``ruff --diff``).  ``--unsafe-fixes`` adds the
unsafe fixes to either.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from refcheck.config import Config
    from refcheck.engine import Inputs
    from refcheck.fixes.runner import FixOutcome
    from refcheck.project import Layout

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def add_fix_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes, then report what remains",
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff: also the unsafe fixes (merging duplicates)",
    )
    parser.add_argument(
        "--diff", action="store_true", help="print a diff of what --fix would change; write nothing"
    )


def wants_fixes(args: argparse.Namespace) -> bool:
    """Whether the run fixes; ``--unsafe-fixes`` alone is a usage error."""
    from refcheck.cli import UsageError

    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes needs --fix (to write) or --diff (to show)")
    return bool(args.fix or args.diff)


def run_fix(
    args: argparse.Namespace, config: Config, inputs: Inputs, layout: Layout | None = None
) -> int:
    """``--fix``/``--diff`` on ``inputs``, the files of ``layout`` (the project discovery
    found, read as the check reads it)."""
    from refcheck.commands.check import TEXT_VIEWS, write_atomically, write_stdout
    from refcheck.escaping import escape_visible
    from refcheck.fixes.diff import unified_diff
    from refcheck.fixes.runner import fix_project
    from refcheck.fixes.source import EditError
    from refcheck.fixes.transaction import RollbackFailed, WriteRefused, write_set
    from refcheck.output import render

    notebooks = notebooks_in([Path(p) for p in args.paths] or [*config.bib, *config.docs], inputs)
    try:
        outcome = fix_project(
            inputs, config, unsafe=args.unsafe_fixes, notebooks=notebooks, layout=layout
        )
    except EditError as exc:  # refcheck's bug, not the user's files (cli reports the rest)
        print(
            f"refcheck: internal error: {escape_visible(str(exc))}; please report it; "
            "no file was changed",
            file=sys.stderr,
        )
        return EXIT_ERROR
    for note in outcome.unfixable:
        print(f"refcheck: {escape_visible(note)}", file=sys.stderr)
    if args.diff:
        write_stdout(unified_diff(outcome.changes))
        print(fix_summary(outcome, would=True), file=sys.stderr)
        return EXIT_FINDINGS if outcome.changes else EXIT_CLEAN
    try:
        write_set(outcome.changes, config.root)
    except RollbackFailed as exc:
        print(f"refcheck: error: {escape_visible(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except (WriteRefused, OSError) as exc:
        message = str(exc) if isinstance(exc, WriteRefused) else f"cannot write: {exc}"
        print(f"refcheck: error: {escape_visible(message)}; no file was changed", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "json":
        report = json_with_fixes(outcome)
    else:
        report = render(outcome.result, args.format, statistics=args.statistics, quiet=args.quiet)
    summary = fix_summary(outcome)
    if args.format in TEXT_VIEWS and not args.quiet:
        report += summary + "\n"
    elif not args.quiet:
        print(summary, file=sys.stderr)
    if args.output:
        write_atomically(Path(args.output), report, inputs)
    else:
        write_stdout(report)
    if not outcome.result.readable:
        return EXIT_ERROR
    return EXIT_FINDINGS if outcome.result.fails(config.fail_on) else EXIT_CLEAN


def json_with_fixes(outcome: FixOutcome) -> str:
    """The JSON report with the fixes applied, as ``fixed`` (see findings.schema.json)."""
    import json

    from refcheck.output.json_format import as_dict

    data = as_dict(outcome.result)
    data["fixed"] = [
        {
            "rule": fix.finding.rule,
            "code": fix.finding.code,
            "path": fix.finding.path,
            "line": fix.finding.line,
            "col": fix.finding.col,
            "key": fix.finding.key,
            "applicability": fix.applicability.value,
            "description": fix.description,
        }
        for fix in outcome.fixed
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def fix_summary(outcome: FixOutcome, would: bool = False) -> str:
    """``Fixed 3 problems (2 date-invalid, 1 duplicate-field) in 1 file; 2 remain.``"""
    from refcheck.i18n import _, ngettext

    count = len(outcome.fixed)
    remain = len(outcome.result.findings)
    remaining = ngettext("{n} remains", "{n} remain", remain).format(n=remain)
    if not count:
        if would:
            return _("Nothing to fix.")
        return _("Nothing to fix; {remaining}.").format(remaining=remaining)
    by_rule = Counter(f.finding.rule for f in outcome.fixed)
    rules = _(", ").join(f"{n} {rule}" for rule, n in sorted(by_rule.items(), key=lambda i: -i[1]))
    files = len(outcome.changes)
    where = ngettext("{n} file", "{n} files", files).format(n=files)
    if would:
        summary = ngettext(
            "Would fix {n} problem ({rules}) in {files}.",
            "Would fix {n} problems ({rules}) in {files}.",
            count,
        )
    else:
        summary = ngettext(
            "Fixed {n} problem ({rules}) in {files}; {remaining}.",
            "Fixed {n} problems ({rules}) in {files}; {remaining}.",
            count,
        )
    return summary.format(n=count, rules=rules, files=where, remaining=remaining)


def notebooks_in(paths: list[Path], inputs: Inputs) -> list[Path]:
    """The Jupyter notebooks in the given folders: their citations of a merged key are
    rewritten too."""
    from refcheck.engine import SKIPPED_DIRS

    given = {p.resolve() for p in inputs.docs}
    found: list[Path] = []
    for path in paths:
        if path.is_file() and path.suffix.lower() == ".ipynb":
            candidates = [path]
        elif path.is_dir():
            candidates = []
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and d[0] != ".")
                candidates += [Path(dirpath) / n for n in sorted(filenames) if n.endswith(".ipynb")]
        else:
            continue
        for candidate in candidates:
            if candidate.resolve() not in given:
                given.add(candidate.resolve())
                found.append(candidate)
    return found
