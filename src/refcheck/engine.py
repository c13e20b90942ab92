"""The core of refcheck: a project in, sorted findings out.

Used by the ``refcheck check`` command and by the Sphinx extension; it prints nothing
and never writes a file.

API::

    from refcheck.config import load_config
    from refcheck.engine import build_project, check_project, collect_inputs

    config = load_config()                     # nearest pyproject.toml's [tool.refcheck]
    inputs = collect_inputs(paths)             # files and folders -> .bib and .md/.rst paths
    project = build_project(inputs.bib, inputs.docs)   # reads and parses (the only I/O)
    result = check_project(project, config)    # pure: no I/O
    result.findings     # list[Finding], sorted, severity overrides applied, suppressed removed
    result.suppressed   # list[Suppressed]: finding, reason, location of the suppression,
                        #   kind ("inline" comment in a .bib, or "config" per-entry ignore)
    result.severities   # rule name -> effective severity, for every rule that ran
    result.fails("warning")  # True when a finding is at or above that severity

What the engine adds to the rules' reports: code, name and (overridden) severity; the
suppressions (inline comments and ``per-entry-ignores``); and ``invalid-suppression``
findings for suppressions that silenced nothing in a run of the rules they name.
A rule that raises is reported as ``RuleError`` (a refcheck bug, not a user mistake).

A caller that has already parsed its documents (the Sphinx extension) builds the project
itself and passes its own citations::

    from refcheck.bib import parse_file
    from refcheck.rules import Project
    from refcheck.rules.registry import Document

    project = Project(
        bibfiles=[parse_file(p) for p in bib_paths],
        documents=[Document(path, text), ...],      # prose, for rules that read it
        citations=[Citation(key, path, line, col, role), ...],
        cites_all=any_bibliography_has_all_option,
    )
    result = check_project(project, config)

``check_project(project, config, rules=...)`` runs only the given rules (default: the
configuration's selection).  ``scan_document(path, text)`` in ``refcheck.sources.documents``
extracts citations from MyST/reST text.  ``Config()`` (no file) is the default
configuration; ``refcheck.output.render(result, "text"|"json"|"sarif"|"github")``
formats a result.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter
from pathlib import Path

from refcheck.collector import collector_paused, keep_until_exit
from refcheck.config import Config
from refcheck.files import describe_os_error, read_regular_file, safe_resolve
from refcheck.i18n import N_, _
from refcheck.model import BibFile, Finding, Problem, Severity
from refcheck.rules.registry import Context, Project, Rule
from refcheck.suppress import Suppressed, Suppression, SuppressionIndex
from refcheck.value_objects import ValueObject

TYPE_CHECKING = False
if TYPE_CHECKING:
    from refcheck.sources.reader import SourceInput, Unread

BIB_SUFFIXES = frozenset({".bib"})
DOC_SUFFIXES = frozenset({".md", ".rst", ".ipynb", ".py", ".pyx"})
# Folders never walked: build output, virtual environments, dependencies, VCS metadata.
SKIPPED_DIRS = frozenset(
    {"_build", ".venv", "venv", "node_modules", "__pycache__", "site-packages"}
)


# Finding.sort_key as one C call per finding (a run may have thousands to sort, twice).
_SORT_KEY = attrgetter("path", "line", "col", "code")


class InputError(Exception):
    """A path that cannot be checked (missing, or not a .bib/.md/.rst/.ipynb/.py file)."""


class RuleError(Exception):
    """A rule raised an exception: a bug in refcheck, not in the user's files."""

    def __init__(self, rule: Rule, error: BaseException) -> None:
        super().__init__(f"rule {rule.name} ({rule.code}) failed: {error!r}")
        self.rule = rule
        self.error = error


class Inputs(ValueObject):
    """The files to check: .bib files and documents (and files found but not read)."""

    __slots__ = ("bib", "docs", "not_read")

    def __init__(
        self,
        bib: list[Path] | None = None,
        docs: list[Path] | None = None,
        not_read: list[Path] | None = None,
    ) -> None:
        self.bib: list[Path] = [] if bib is None else bib
        self.docs: list[Path] = [] if docs is None else docs
        # Files in the folders walked whose kind refcheck does not read (.txt, .tex, ...).
        self.not_read: list[Path] = [] if not_read is None else not_read

    def __bool__(self) -> bool:
        return bool(self.bib or self.docs)


class CheckResult(ValueObject):
    """What one run of the rules found."""

    __slots__ = (
        "findings", "suppressed", "rules", "severities", "files_checked", "entries_checked",
        "readable", "unread",
    )  # fmt: skip

    def __init__(
        self,
        findings: list[Finding],
        suppressed: list[Suppressed],
        rules: list[Rule],
        severities: dict[str, Severity] | None = None,
        files_checked: int = 0,
        entries_checked: int = 0,
        readable: bool = True,
        unread: list[Unread] | None = None,
    ) -> None:
        self.findings = findings
        self.suppressed = suppressed
        self.rules = rules  # the rules that ran
        # Each rule's severity after the configuration's overrides, by rule name.
        self.severities: dict[str, Severity] = {} if severities is None else severities
        self.files_checked = files_checked
        self.entries_checked = entries_checked
        # False when bib files were given and not one of them could be read.
        self.readable = readable
        # Files found that were not read, and why.
        self.unread: list[Unread] = [] if unread is None else unread

    @property
    def files_with_findings(self) -> int:
        return len({finding.path for finding in self.findings})

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def fails(self, fail_on: str) -> bool:
        """True when a finding is at or above ``fail_on`` (info, warning, error, never)."""
        if fail_on == "never":
            return False
        threshold = Severity.parse(fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)


def collect_inputs(paths: Iterable[Path | str]) -> Inputs:
    """Sort ``paths`` into .bib files and documents, walking folders; raises InputError."""
    inputs = Inputs()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if _is_dir(path):
            candidates = _walk(path, inputs.not_read)
        elif _exists_as_name(path):  # special files and broken names: reported when read
            if path.suffix.lower() not in BIB_SUFFIXES | DOC_SUFFIXES:
                raise InputError(
                    _("{path}: not a .bib, .md, .rst, .ipynb or .py file").format(path=path)
                )
            candidates = [path]
        else:
            raise InputError(_("{path}: no such file or directory").format(path=path))
        for candidate in candidates:
            resolved = safe_resolve(candidate)
            if resolved in seen:
                continue
            seen.add(resolved)
            suffix = candidate.suffix.lower()
            (inputs.bib if suffix in BIB_SUFFIXES else inputs.docs).append(candidate)
    return inputs


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long: not a folder; reported when read as a file
        return False


def _exists_as_name(path: Path) -> bool:
    """Whether ``path`` names something, even a link to nowhere or a name too long
    for the file system: the reader reports what it is, with the file named."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def _walk(folder: Path, not_read: list[Path]) -> list[Path]:
    from refcheck.sources import NOT_READ_SUFFIXES

    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and d[0] != ".")
        for name in sorted(filenames):
            suffix = Path(name).suffix.lower()
            if suffix in BIB_SUFFIXES | DOC_SUFFIXES:
                found.append(Path(dirpath) / name)
            elif suffix in NOT_READ_SUFFIXES:
                not_read.append(Path(dirpath) / name)
    return found


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it, else absolute.

    A file name that is not valid UTF-8 is shown with backslash escapes, so that every
    output format stays valid UTF-8.
    """
    cwd = Path.cwd()
    # The path as given first, so that a link is shown by its own name (zero.bib, not the
    # /dev/zero it points to), then as resolved (a working directory reached by a link).
    for candidate, base in ((Path(os.path.abspath(path)), cwd), (safe_resolve(path), cwd)):
        try:
            shown = str(candidate.relative_to(base))
            break
        except ValueError:
            continue
    else:
        shown = str(path) if path.is_absolute() else str(safe_resolve(path))
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def build_project(
    bib_paths: Sequence[Path | str],
    doc_paths: Sequence[Path | str | SourceInput],
    *,
    srcdir: Path | None = None,
    not_read: Sequence[Path] = (),
    bib_encoding: str | None = None,
    mystmd: bool | None = None,
    natbib: bool = False,
) -> Project:
    """Read and parse the files: entries, citations and bibliography directives.

    The bib files are read in the order given, sharing one table of ``@string`` macros,
    as sphinxcontrib-bibtex reads ``bibtex_bibfiles``; ``bib_encoding`` is its
    ``bibtex_encoding``.  ``doc_paths`` may be ``SourceInput`` items that name their
    kind; ``srcdir`` is the Sphinx source folder when known, ``mystmd`` whether the
    project is a MyST-MD one (None: where a ``myst.yml`` is above a file), ``natbib``
    whether it cites through sphinx-natbib; see
    ``refcheck.sources.read_sources``.
    """
    from refcheck.bib import MacroTable, parse_file

    project = Project()
    macros: MacroTable = {}
    for bib_path in bib_paths:
        label = display_path(Path(bib_path))
        bib = parse_file(bib_path, macros=macros, encoding=bib_encoding)
        _relabel(bib, label)
        project.bibfiles.append(bib)
    if doc_paths or not_read:
        from refcheck.sources import read_sources  # not needed by a .bib-only run

        found = read_sources(
            doc_paths, srcdir=srcdir, mystmd=mystmd, natbib=natbib, not_read=not_read
        )
        project.documents = found.documents
        project.citations = found.citations
        project.bibliographies = found.bibliographies
        project.problems.extend(found.problems)
        project.unread = found.unread
        project.docnames = found.docnames
        project.sources_read = found.files_read
        project.cites_all = any(b.shows_all for b in found.bibliographies)
    return project


def _relabel(bib: BibFile, label: str) -> None:
    """Show ``label`` instead of the path the file was opened with."""
    if bib.path == label:
        return
    bib.path = label
    for entry in bib.entries:
        entry.path = label
    for problem in bib.problems:
        problem.path = label


def read_document(path: Path | str, problems: list[Problem], label: str = "") -> str | None:
    """The text of a document; undecodable bytes are replaced and reported."""
    label = label or str(path)
    try:
        data = read_regular_file(path)  # FIFOs, devices and loops are refused, not read
    except OSError as exc:
        message = _("cannot read document: {reason}").format(
            reason=describe_os_error(exc, N_("document"))
        )
        problems.append(Problem(label, 1, 1, message))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = _(
            "document is not valid UTF-8 (byte 0x{byte:02x}); "
            "read with replacement characters -- save it as UTF-8"
        ).format(byte=data[exc.start])
        problems.append(Problem(label, line, 1, message))
        return data.decode("utf-8-sig", errors="replace")


def check_project(
    project: Project,
    config: Config | None = None,
    *,
    rules: Sequence[Rule] | None = None,
    today: date | None = None,
    findings: list[Finding] | None = None,
) -> CheckResult:
    """Run the rules over ``project``; apply severity overrides and suppressions.

    ``findings``: what the selected rules found, when the caller knows it without running
    them (``refcheck.fixes.recheck``, which runs again only what a fix can have changed);
    the suppressions are then applied to those.
    """
    config = config or Config()
    selected = list(rules) if rules is not None else config.enabled_rules()
    # Records, indexes and findings hold no cycles; the collector's full passes over the
    # parsed project would only grow with it.
    with collector_paused():
        return _check(project, config, selected, today, findings)


def rule_findings(
    project: Project, config: Config, rules: Sequence[Rule], today: date | None = None
) -> list[Finding]:
    """What ``rules`` find in ``project``, before suppressions (in no order)."""
    with collector_paused():
        return _run_rules(rules, Context(project, config.options(today)), config)


def _check(
    project: Project,
    config: Config,
    selected: list[Rule],
    today: date | None,
    findings: list[Finding] | None = None,
) -> CheckResult:
    if findings is None:
        context = Context(project, config.options(today))
        keep_until_exit(context)  # its caches (records, indexes) are large and cycle-free
        findings = _run_rules(selected, context, config)
    index = SuppressionIndex(project.bibfiles, _config_suppressions(config))
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    seen: set[tuple[object, ...]] = set()
    match = None if index.empty else index.match  # most runs have nothing to suppress
    for finding in sorted(findings, key=_SORT_KEY):
        identity = (
            finding.path, finding.line, finding.col, finding.code, finding.rule,
            finding.message, finding.key,
        )  # fmt: skip
        if identity in seen:
            continue
        seen.add(identity)
        suppression = None if match is None else match(finding)
        if suppression is None:
            kept.append(finding)
        else:
            suppressed.append(
                Suppressed(finding, suppression.reason, suppression.location, suppression.kind)
            )
    kept += _unused_suppressions(index, selected, config)
    kept.sort(key=_SORT_KEY)
    return CheckResult(
        findings=kept,
        suppressed=suppressed,
        rules=selected,
        severities={rule.name: config.severity_of(rule) for rule in selected},
        files_checked=len(project.bibfiles)
        + (len(project.documents) if project.sources_read is None else project.sources_read),
        entries_checked=sum(len(b.entries) for b in project.bibfiles),
        readable=_any_readable(project.bibfiles),
        unread=project.unread,
    )


def _run_rules(selected: Sequence[Rule], context: Context, config: Config) -> list[Finding]:
    """Every selected rule's reports, as findings with the configured severity."""
    findings: list[Finding] = []
    append = findings.append
    for rule in selected:
        severity = config.severity_of(rule)
        name, code = rule.name, rule.code
        try:
            # Positional arguments, in Finding's order: a rule may report thousands.
            for report in rule.check(context):
                location = report.location
                append(
                    Finding(
                        name, code, severity, location.path, location.line, location.col,
                        report.message, report.key, report.related, report.replacement,
                        report.data,
                    )
                )  # fmt: skip
        except Exception as exc:
            raise RuleError(rule, exc) from exc
    return findings


def _unused_suppressions(
    index: SuppressionIndex, selected: Sequence[Rule], config: Config
) -> list[Finding]:
    """``invalid-suppression`` findings for suppressions that silence nothing any more."""
    reporter = next((r for r in selected if r.name == "invalid-suppression"), None)
    if reporter is None:
        return []
    findings = []
    for stale in index.unused(r.name for r in selected):
        names = ", ".join(sorted(stale.rules))
        if stale.kind == "inline":
            message = _("suppression of {rules} silences nothing on this entry: remove it")
        else:
            message = _("per-entry ignore of {rules} for {key!r} silences nothing: remove it")
        message = message.format(rules=names, key=stale.key)
        where = stale.location
        findings.append(
            Finding(
                reporter.name,
                reporter.code,
                config.severity_of(reporter),
                where.path,
                where.line,
                where.col,
                message,
                stale.key,
            )
        )
    return findings


def _any_readable(bibfiles: list[BibFile]) -> bool:
    return not bibfiles or any(b.readable for b in bibfiles)


def _config_suppressions(config: Config) -> list[Suppression]:
    return [
        Suppression(ignore.rules, ignore.reason, ignore.location, "config", ignore.key)
        for ignore in config.entry_ignores
    ]
