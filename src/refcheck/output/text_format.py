"""``path:line:col: CODE [rule-name] message``, one finding per line, then a summary."""

from __future__ import annotations

from collections import Counter

from refcheck.engine import CheckResult
from refcheck.escaping import safe_line_start
from refcheck.model import Severity
from refcheck.output import escape_visible, related_label


def render(result: CheckResult, *, statistics: bool = False, quiet: bool = False) -> str:
    lines = []
    if statistics:
        by_rule = Counter((f.code, f.rule) for f in result.findings)
        for (code, name), count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"{count:6d}  {code}  {name}")
    else:
        for f in result.findings:
            location = escape_visible(f"{safe_line_start(f.path)}:{f.line}:{f.col}")
            lines.append(f"{location}: {f.code} [{f.rule}] {escape_visible(f.message)}")
            for related in f.related:
                where = escape_visible(
                    f"{safe_line_start(related.path)}:{related.line}:{related.col}"
                )
                lines.append(f"    {where}: {related_label(f.rule)}")
    if not quiet:
        lines.append(summary(result))
    return "".join(line + "\n" for line in lines)


def _plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result: CheckResult) -> str:
    counts = result.counts()
    files = _plural(result.files_checked, "file")
    suppressed = f"; {len(result.suppressed)} suppressed" if result.suppressed else ""
    if not result.findings:
        return f"No problems found in {files}{suppressed}."
    parts = [_plural(counts[s], s.value) for s in reversed(Severity) if counts[s]]
    total = _plural(len(result.findings), "problem")
    return f"Found {total} ({', '.join(parts)}) in {files}{suppressed}."
