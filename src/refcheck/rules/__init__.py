"""All rules, by family; importing this package registers them."""

from __future__ import annotations

from refcheck.rules.registry import RULES, Context, Options, Project, Report, Rule, rule

__all__ = ["RULES", "Context", "Options", "Project", "Report", "Rule", "all_rules", "rule"]

_FAMILIES = (
    "syntax",
    "dates",
    "duplicates",
    "fields",
    "citations",
    "claims",
    "identifiers",
    "values",
    "names",
    "datamodel",
    "project",
)


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    import importlib

    for family in _FAMILIES:
        importlib.import_module(f"refcheck.rules.{family}")
    return sorted(RULES.values(), key=lambda r: r.code)
