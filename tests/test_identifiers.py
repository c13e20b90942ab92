"""The identifier validators on published identifiers, and the replacement a finding
carries for a later --fix (in the JSON output, valid against its schema)."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources

import jsonschema
import pytest

from refcheck.bib import parse_text
from refcheck.config import Config
from refcheck.engine import check_project
from refcheck.identifiers import (
    Verdict,
    check_arxiv,
    check_doi,
    check_isbn,
    check_ismn,
    check_issn,
)
from refcheck.output import render
from refcheck.rules import Project

SCHEMA = json.loads(
    resources.files("refcheck.output").joinpath("findings.schema.json").read_text("utf-8")
)

# Identifiers printed on real works (a book's back cover, a journal's masthead, the
# examples of ISO 2108 / ISO 3297 / the ISMN manual): every one must pass.
PUBLISHED = [
    (check_isbn, "978-0-306-40615-7"),  # ISO 2108's example
    (check_isbn, "0-306-40615-2"),
    (check_isbn, "0-8044-2957-X"),
    (check_isbn, "979-10-90636-07-1"),
    (check_issn, "0378-5955"),  # ISO 3297's example
    (check_issn, "0028-0836"),  # Nature
    (check_issn, "2049-3630"),
    (check_ismn, "979-0-2306-7118-7"),  # the ISMN Users' Manual's example
    (check_doi, "10.1000/182"),  # the DOI Handbook
    (check_doi, "10.1002/(SICI)1097-4636(199605)31:1<1::AID-JBM1>3.0.CO;2-T"),
    (check_arxiv, "0706.0001"),
    (check_arxiv, "hep-th/9901001v2"),
]


@pytest.mark.parametrize(("check", "value"), PUBLISHED)
def test_published_identifiers_are_valid(check: Callable[[str], Verdict], value: str) -> None:
    assert check(value).valid, check(value)


# The values of JabRef's integrity-checker tests (JabRef/jabref,
# src/test/java/org/jabref/logic/integrity/{ISBN,ISSN,DoiValidity}CheckerTest.java, MIT):
# refcheck must agree on each.  JabRef accepts "2434-561x"; refcheck reports the lower-case
# check character too, with "2434-561X" as its fix (CS1 asks for the capital).
JABREF_VALID = [
    (check_isbn, "0-201-53082-1"),
    (check_isbn, "0-9752298-0-X"),
    (check_issn, "0020-7217"),
    (check_doi, "10.1023/A:1022883727209"),
    (check_doi, "10.17487/rfc1436"),
    (check_doi, "10.1002/(SICI)1097-4571(199205)43:4<284::AID-ASI3>3.0.CO;2-0"),
]
JABREF_INVALID = [
    (check_isbn, "Some other stuff"),
    (check_isbn, "0-201-53082-2"),
    (check_issn, "Some other stuff"),
    (check_issn, "0020-7218"),
    *(
        (check_doi, value)
        for value in (
            "asdf", "11.1000/182", "01.1000/182", "100.1000/182", "110.1000/182",
            "a10.1000/182", "10a.1000/182", "10.a1000/182", "10.1000a/182", "10.10a00/182",
        )
    ),
]  # fmt: skip


@pytest.mark.parametrize(("check", "value"), JABREF_VALID)
def test_what_jabref_accepts_is_valid(check: Callable[[str], Verdict], value: str) -> None:
    assert check(value).valid, check(value)


@pytest.mark.parametrize(("check", "value"), JABREF_INVALID)
def test_what_jabref_rejects_is_invalid(check: Callable[[str], Verdict], value: str) -> None:
    assert not check(value).valid


def test_a_lower_case_check_character_is_reported_with_its_fix() -> None:
    assert check_issn("2434-561x").normalized == "2434-561X"


@pytest.mark.parametrize("position", range(13))
def test_every_single_digit_typo_in_an_isbn13_is_caught(position: int) -> None:
    digits = "9780306406157"
    for wrong in "0123456789":
        if wrong != digits[position]:
            typo = digits[:position] + wrong + digits[position + 1 :]
            assert not check_isbn(typo).valid, typo


def test_a_doi_finding_carries_its_replacement_into_json() -> None:
    bib = parse_text(
        "@article{a, title = {T},\n  doi = {https://doi.org/10.1038/nature12373}}\n", "t.bib"
    )
    result = check_project(Project(bibfiles=[bib]), Config(), rules=None)
    data = json.loads(render(result, "json"))
    jsonschema.validate(data, SCHEMA)
    (finding,) = [f for f in data["findings"] if f["rule"] == "doi-invalid"]
    assert finding["replacement"] == {
        "field": "doi",
        "value": "10.1038/nature12373",
        "path": "t.bib",
        "line": 2,
        "col": 3,
    }
    others = [f for f in data["findings"] if f["rule"] != "doi-invalid"]
    assert all("replacement" not in f for f in others)


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (check_isbn, "ISBN " * 20_000 + "0-306-40615-2"),
        (check_issn, "ISSN " * 20_000 + "0028-0836"),
        (check_ismn, "ISMN " * 20_000 + "979-0-2306-7118-7"),
        (check_doi, "doi:" * 20_000 + "10.1000/182"),
        (check_doi, "10.1000/" + "\\" * 30_000 + "_"),
        (check_arxiv, "arXiv:" * 20_000 + "1501.00001"),
    ],
    ids=["isbn", "issn", "ismn", "doi-labels", "doi-escapes", "arxiv"],
)
def test_repeated_labels_and_escapes_cost_no_stack(
    check: Callable[[str], Verdict], value: str
) -> None:
    """Hostile values: a label repeated 20,000 times is stripped in a loop, not by
    recursion (which raised RecursionError), and the bare identifier is still judged."""
    verdict = check(value)
    assert not verdict.valid
