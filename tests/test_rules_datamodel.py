"""The data-model rules' choices that the case files cannot show: what is off by default,
and that an unknown entry type is read (and checked) instead of being a parse error."""

from __future__ import annotations

from refcheck.bib import parse_text
from refcheck.config import Config
from refcheck.engine import check_project
from refcheck.rules import Project, all_rules


def test_unknown_field_is_off_by_default() -> None:
    """Measured noisy on real bibliographies (tools' private fields): opt-in only."""
    rule = next(r for r in all_rules() if r.name == "unknown-field")
    assert not rule.enabled_by_default
    assert rule not in Config().enabled_rules()


def test_an_unknown_type_is_read_and_checked_like_any_entry() -> None:
    bib = parse_text("@Talk{t, title = {T}, year = {20011}, doi = {doi:10.1000/182}}\n", "t.bib")
    assert not bib.problems
    result = check_project(Project(bibfiles=[bib]), Config())
    rules = sorted(f.rule for f in result.findings)
    assert rules == ["doi-invalid", "unknown-entry-type", "year-invalid"]
