"""The DOI and month fixers, which wait for their rules (the identifier and field-value
rules of issue 11): run through the whole fix pipeline with a stand-in rule of the name
they are attached to, which reports every ``doi`` (or ``month``) field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from refcheck.config import Config
from refcheck.engine import collect_inputs
from refcheck.fixes.doi import DOI_RULE
from refcheck.fixes.runner import fix_project
from refcheck.fixes.values import MONTH_RULE
from refcheck.model import Severity
from refcheck.rules.registry import Context, Report, Rule


def _every_field(name: str):  # type: ignore[no-untyped-def]
    def check(ctx: Context) -> Iterator[Report]:
        for entry in ctx.project.entries():
            for field in entry.fields:
                if field.name == name:
                    yield Report(entry.location_of(field), f"{name} {field.value}", entry.key)

    return check


def _fixed(tmp_path: Path, text: str, rule: Rule) -> str:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    outcome = fix_project(collect_inputs([path]), Config(), rules=[rule])
    return outcome.changes[0][1].decode("utf-8") if outcome.changes else text


DOI = Rule("T901", DOI_RULE, Severity.WARNING, _every_field("doi"))
MONTH = Rule("T902", MONTH_RULE, Severity.WARNING, _every_field("month"))


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("{https://doi.org/10.1000/XYZ.123}", "{10.1000/XYZ.123}"),
        ("{http://dx.doi.org/10.1000/xyz}", "{10.1000/xyz}"),
        ('"doi:10.21105/joss.03669"', '"10.21105/joss.03669"'),
        ("{ DOI: 10.1000/a(b)c }", "{10.1000/a(b)c}"),
        ("{10.1000/xyz}", "{10.1000/xyz}"),  # already bare
        ("{https://doi.org/10.1000%2Fxyz}", "{https://doi.org/10.1000%2Fxyz}"),  # encoded
        ("{https://example.org/10.1000/xyz}", "{https://example.org/10.1000/xyz}"),  # no resolver
    ],
)
def test_doi_prefix_fix(tmp_path: Path, written: str, fixed: str) -> None:
    entry = "@article{a,\n  title = {T},\n  doi = %s,\n}\n"
    assert _fixed(tmp_path, entry % written, DOI) == entry % fixed


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("{October}", "{10}"),
        ("{Oct.}", "{10}"),
        ('"sept"', '"9"'),
        ("oct", "oct"),  # a macro biblatex already reads as 10
        ("{10}", "{10}"),
        ("{jan--feb}", "{jan--feb}"),
        ("{Spring}", "{Spring}"),
    ],
)
def test_month_fix(tmp_path: Path, written: str, fixed: str) -> None:
    entry = "@article{a, title = {T}, year = 2020, month = %s}\n"
    assert _fixed(tmp_path, entry % written, MONTH) == entry % fixed


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
    rule = Rule("T903", "issn-invalid", Severity.WARNING, _declaring(safety))
    path = tmp_path / "refs.bib"
    entry = "@article{a, title = {T}, issn = {03784371}}\n"
    path.write_text(entry, encoding="utf-8")
    outcome = fix_project(collect_inputs([path]), Config(), rules=[rule], unsafe=unsafe)
    fixed = outcome.changes[0][1].decode("utf-8") if outcome.changes else entry
    assert fixed == (entry.replace("03784371", "0378-4371") if changed else entry)
