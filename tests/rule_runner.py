"""Running one rule over small .bib texts, as the rule tests do."""

from __future__ import annotations

from datetime import date
from typing import Any

from refcheck.bib import parse_text
from refcheck.model import BibFile
from refcheck.rules import all_rules
from refcheck.rules.registry import RULES, Context, Options, Project, Report

# The as-of date of the rule tests: fixed, so "future" does not move with the calendar.
AS_OF = date(2025, 6, 1)


def bib(text: str, path: str = "t.bib") -> BibFile:
    return parse_text(text, path)


def run_rule(name: str, *bibs: BibFile, as_of: date = AS_OF, **options: Any) -> list[Report]:
    """The reports of rule ``name`` (with ``options``) over ``bibs``."""
    all_rules()
    ctx = Context(Project(bibfiles=list(bibs)), Options(as_of=as_of, rule_options={name: options}))
    return list(RULES[name].check(ctx))
