"""Text reports: ``path:line:col: severity CODE [rule-name] message``, then a summary.

Three views, as ruff's ``--output-format concise|full``:

- ``concise``: one line per finding, sorted by file, line and column;
- ``full``: each finding followed by its source line and a caret under the column;
- ``text`` (the default): concise, but on a big run (more than ``FOLD_TOTAL`` findings)
  a rule with more than ``FOLD_RULE`` findings shows its first ``FOLD_RULE`` and one
  line saying how many more there are, so that 228 unused entries do not bury
  8 duplicates.  Nothing is dropped from the counts, the exit code or the other
  formats; ``--format concise`` lists every finding.

The summary counts findings per rule and severity, the files with findings and the
files read, and names every file that was found but not read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from refcheck.engine import CheckResult
from refcheck.escaping import safe_line_start
from refcheck.i18n import _, ngettext
from refcheck.model import Finding, Severity
from refcheck.output import escape_visible, related_label

FOLD_TOTAL = 50
FOLD_RULE = 10
# Files not read, named one by one in the default view up to this many.
UNREAD_NAMED = 10
# A source line longer than this is cut around the column in the full view.
_SOURCE_WIDTH = 120


def render(
    result: CheckResult, *, statistics: bool = False, quiet: bool = False, view: str = "text"
) -> str:
    lines: list[str] = []
    if statistics:
        by_rule = Counter((f.code, f.rule) for f in result.findings)
        for (code, name), count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"{count:6d}  {code}  {name}")
    else:
        shown, folded = _fold(result.findings) if view == "text" and not quiet else (
            result.findings, {}
        )  # fmt: skip
        sources = _SourceLines() if view == "full" else None
        for finding in shown:
            lines.append(finding_line(finding))
            if sources is not None:
                lines.extend(sources.excerpt(finding))
            for related in finding.related:
                where = escape_visible(
                    f"{safe_line_start(related.path)}:{related.line}:{related.col}"
                )
                lines.append(f"    {where}: {related_label(finding.rule)}")
        for (code, name), hidden in folded.items():
            lines.append(
                _(
                    "... and {n} more {code} [{name}] findings "
                    "(--format concise lists every finding, --select {code} only these)"
                ).format(n=hidden, code=code, name=name)
            )
    if not quiet:
        if result.findings and not statistics:
            lines.append("")
            lines.extend(per_rule(result))
        lines.append(summary(result))
        lines.extend(unread_lines(result, every=view != "text"))
    return "".join(line + "\n" for line in lines)


def finding_line(f: Finding) -> str:
    # A path that a GitHub log would read as a workflow command ("::warning::x.bib") is
    # not let start the line.
    location = escape_visible(f"{safe_line_start(f.path)}:{f.line}:{f.col}")
    return f"{location}: {f.severity.value} {f.code} [{f.rule}] {escape_visible(f.message)}"


def _fold(findings: list[Finding]) -> tuple[list[Finding], dict[tuple[str, str], int]]:
    """The findings to show and, per folded rule, how many are not shown."""
    if len(findings) <= FOLD_TOTAL:
        return findings, {}
    counts = Counter(f.rule for f in findings)
    shown_of: Counter[str] = Counter()
    shown = []
    folded: dict[tuple[str, str], int] = {}
    for finding in findings:
        if counts[finding.rule] > FOLD_RULE and shown_of[finding.rule] >= FOLD_RULE:
            key = (finding.code, finding.rule)
            folded[key] = folded.get(key, 0) + 1
            continue
        shown_of[finding.rule] += 1
        shown.append(finding)
    return shown, dict(sorted(folded.items()))


def per_rule(result: CheckResult) -> list[str]:
    """One line per rule: count, severity, code and name; most severe first."""
    counts = Counter((f.severity, f.code, f.rule) for f in result.findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[0][0].rank, item[0][1]))
    return [
        f"{count:6d}  {severity.value:<7}  {code}  {name}"
        for (severity, code, name), count in ordered
    ]


def _files(count: int) -> str:
    return ngettext("{n} file", "{n} files", count).format(n=count)


def _severity_count(severity: Severity, count: int) -> str:
    if severity is Severity.ERROR:
        text = ngettext("{n} error", "{n} errors", count)
    elif severity is Severity.WARNING:
        text = ngettext("{n} warning", "{n} warnings", count)
    else:
        text = ngettext("{n} info", "{n} info", count)
    return text.format(n=count)


def summary(result: CheckResult) -> str:
    counts = result.counts()
    read = _files(result.files_checked)
    suppressed = _("; {n} suppressed").format(n=len(result.suppressed)) if result.suppressed else ""
    if not result.findings:
        return _("No problems found in {files}{suppressed}.").format(
            files=read, suppressed=suppressed
        )
    parts = [_severity_count(s, counts[s]) for s in reversed(Severity) if counts[s]]
    count = len(result.findings)
    return ngettext(
        "Found {n} problem ({severities}) in {files} ({read} read){suppressed}.",
        "Found {n} problems ({severities}) in {files} ({read} read){suppressed}.",
        count,
    ).format(
        n=count,
        severities=_(", ").join(parts),
        files=_files(result.files_with_findings),
        read=read,
        suppressed=suppressed,
    )


def unread_lines(result: CheckResult, *, every: bool) -> list[str]:
    """The files found but not read, each with why (the first ``UNREAD_NAMED`` unless
    ``every``)."""
    if not result.unread:
        return []
    count = len(result.unread)
    named = result.unread if every else result.unread[:UNREAD_NAMED]
    lines = [_("Not read: {files}:").format(files=_files(count))]
    lines.extend(
        f"    {escape_visible(safe_line_start(u.path))}: {escape_visible(u.reason)}" for u in named
    )
    if len(named) < count:
        lines.append(
            _("    ... and {n} more (--format concise names them all)").format(n=count - len(named))
        )
    return lines


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class _SourceLines:
    """The lines of the checked files, read once each, for the full view."""

    def __init__(self) -> None:
        self.files: dict[str, list[str] | None] = {}

    def lines_of(self, path: str) -> list[str] | None:
        if path not in self.files:
            try:
                data = Path(path).read_bytes()
            except OSError:
                self.files[path] = None
            else:
                self.files[path] = data.decode("utf-8-sig", "replace").splitlines()
        return self.files[path]

    def excerpt(self, finding: Finding) -> list[str]:
        lines = self.lines_of(finding.path)
        if not lines or not 1 <= finding.line <= len(lines):
            return []
        text = lines[finding.line - 1].expandtabs(1)
        col = max(finding.col - 1, 0)
        start = max(0, min(col - _SOURCE_WIDTH // 2, len(text) - _SOURCE_WIDTH))
        piece = escape_visible(text[start : start + _SOURCE_WIDTH])
        caret = " " * _width(escape_visible(text[start:col])) + "^"
        number = str(finding.line)
        return [f"  {number} | {piece}", f"  {' ' * len(number)} | {caret}"]
