"""Formatters: a ``CheckResult`` rendered as text (three views), JSON, SARIF 2.1.0 or
GitHub commands.

Every string in a finding may come from a hostile file; each formatter escapes it for
its medium (``escape_visible`` for terminals, JSON string escaping, workflow-command
percent-encoding).
"""

from __future__ import annotations

import importlib

from refcheck.engine import CheckResult
from refcheck.escaping import escape_visible
from refcheck.i18n import N_, _

__all__ = ["FORMATS", "escape_visible", "related_label", "render"]

# text: concise lines, a rule with many findings folded on a big run; concise: every
# finding on one line; full: with its source line and a caret.
FORMATS = ("text", "concise", "full", "json", "sarif", "github")

# What a finding's related place is, by rule; the rules pair two places of these kinds.
_RELATED_LABELS = {
    "duplicate-key": N_("first defined here"),
    "duplicate-field": N_("first given here"),
    "duplicate-entry": N_("the other entry"),
    "near-duplicate": N_("the other entry"),
    "field-alias-conflict": N_("the field it conflicts with"),
}


def related_label(rule: str) -> str:
    """What the related place of a finding of ``rule`` is, for people reading the report."""
    return _(_RELATED_LABELS.get(rule, N_("related location")))


def render(result: CheckResult, fmt: str, *, statistics: bool = False, quiet: bool = False) -> str:
    """``result`` in format ``fmt`` (one of FORMATS), ending with a newline when not empty."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"refcheck.output.{fmt}_format")
    return str(module.render(result, statistics=statistics, quiet=quiet))
