"""What the book keeps as the source published it: per-entry suppressions with a reason.

The book does not correct its source. A finding about an entry's own data (an access date
before the publication date, the source's maintenance flag, two pages of one article) is
the source's, so it is suppressed for that entry in ``pyproject.toml`` with the reason, and
the audit appendix lists it. Findings about the book itself (a citation without its entry,
an entry nothing cites, a style that cannot format an entry, a broken suppression) are
never suppressed: they mean the book is wrong, and the build with ``-W`` fails on them.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from refcheck.config import load_config
from refcheck.engine import build_project, check_project

BOOK_RULES = frozenset(
    {
        "undefined-citation",
        "unused-entry",
        "invalid-bibliography-filter",
        "parse-error",
        "invalid-suppression",
        "unformattable-entry-type",
        "duplicate-key",
        "duplicate-field",
    }
)
REASON = "as the source publishes it: the book does not correct its source (refcheck book)"


def source_findings(files: dict[str, str]) -> dict[str, list[str]]:
    """Entry key → the rules its data trips, found by checking the book as written."""
    from refcheck.commands.check import resolve_inputs

    with tempfile.TemporaryDirectory(prefix="refcheck-book-") as folder:
        root = Path(folder)
        for relative, text in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text, encoding="utf-8")
        config = load_config(root / "pyproject.toml")
        inputs = resolve_inputs([], config)
        project = build_project(inputs.bib, inputs.docs, not_read=inputs.not_read)
        result = check_project(project, config)
    found: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.key and finding.rule not in BOOK_RULES:
            rules = found.setdefault(finding.key, [])
            if finding.rule not in rules:
                rules.append(finding.rule)
    return found


def per_entry_ignores(found: dict[str, list[str]]) -> str:
    """The ``[[tool.refcheck.per-entry-ignores]]`` tables (TOML strings written as JSON)."""
    tables = []
    for key, rules in found.items():
        tables.append(
            "\n".join(
                [
                    "[[tool.refcheck.per-entry-ignores]]",
                    f"key = {json.dumps(key, ensure_ascii=False)}",
                    f"rules = {json.dumps(sorted(rules))}",
                    f"reason = {json.dumps(REASON)}",
                ]
            )
        )
    return "\n\n".join(tables)
