"""Findings that say what to write: the identifier and field-value rules' ``replacement``
(tests/cases/<rule>/fix/ hold one case each), and a rule's declared ``fix-value``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from refcheck.config import Config
from refcheck.engine import collect_inputs
from refcheck.fixes.runner import fix_project
from refcheck.model import Severity
from refcheck.rules.registry import Context, Report, Rule


def _fixed(tmp_path: Path, text: str, rules: list[Rule] | None = None, unsafe: bool = False) -> str:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    outcome = fix_project(collect_inputs([path]), Config(), rules=rules, unsafe=unsafe)
    return outcome.changes[0][1].decode("utf-8") if outcome.changes else text


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("{https://doi.org/10.1000/XYZ.123}", "{10.1000/XYZ.123}"),
        ("{http://dx.doi.org/10.1000/xyz}", "{10.1000/xyz}"),
        ('"doi:10.21105/joss.03669"', '"10.21105/joss.03669"'),
        ("{ DOI: 10.1000/a(b)c }", "{10.1000/a(b)c}"),
        ("{10.1000/xyz}", "{10.1000/xyz}"),  # already bare
        ("{https://example.org/10.1000/xyz}", "{https://example.org/10.1000/xyz}"),  # no resolver
    ],
)
def test_the_doi_rule_s_replacement_is_written(tmp_path: Path, written: str, fixed: str) -> None:
    entry = "@article{a,\n  title = {T},\n  journaltitle = {J},\n  date = {2020},\n  doi = %s,\n}\n"
    assert _fixed(tmp_path, entry % written) == entry % fixed


def _declaring(safety: str):  # type: ignore[no-untyped-def]
    """A stand-in rule that says what to write: the ISSN with its hyphen."""

    def check(ctx: Context) -> Iterator[Report]:
        for entry in ctx.project.entries():
            field = entry.field("issn")
            if field is not None and "-" not in field.value:
                value = f"{field.value[:4]}-{field.value[4:]}"
                data = (("fix-value", value), ("fix-safety", safety))
                yield Report(entry.location_of(field), f"write {value}", entry.key, data=data)

    return check


@pytest.mark.parametrize(
    ("safety", "unsafe", "changed"),
    [
        ("safe", False, True),
        ("unsafe", False, False),
        ("unsafe", True, True),
        ("bogus", True, False),
    ],
)
def test_a_rule_can_declare_the_value_to_write(
    tmp_path: Path, safety: str, unsafe: bool, changed: bool
) -> None:
    rule = Rule("T903", "issn-hyphen", Severity.WARNING, _declaring(safety))
    entry = "@article{a, title = {T}, issn = {03784371}}\n"
    fixed = _fixed(tmp_path, entry, [rule], unsafe)
    assert fixed == (entry.replace("03784371", "0378-4371") if changed else entry)
