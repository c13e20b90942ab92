"""Field rules on small inputs, and every date/duplicate/field rule on the real source."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from refcheck.bib import parse_file, parse_text
from refcheck.model import BibFile
from refcheck.rules import all_rules
from refcheck.rules.fields import FIELD_ALIASES
from refcheck.rules.registry import RULES, Context, Options, Project
from rule_runner import bib, run_rule


def test_aliases_are_the_manuals() -> None:
    # biblatex manual §2.2.5 "Field Aliases", all eight.
    assert FIELD_ALIASES == {
        "address": "location",
        "annote": "annotation",
        "archiveprefix": "eprinttype",
        "journal": "journaltitle",
        "key": "sortkey",
        "pdf": "file",
        "primaryclass": "eprintclass",
        "school": "institution",
    }


@pytest.mark.parametrize(("alias", "target"), sorted(FIELD_ALIASES.items()))
def test_each_alias_with_its_field_is_reported_at_the_later_one(alias: str, target: str) -> None:
    [report] = run_rule(
        "field-alias-conflict", bib(f"@misc{{k,\n {target} = {{A}},\n {alias} = {{a}}\n}}")
    )
    assert report.location.line == 3 and report.related[0].line == 2
    assert f"both '{alias}' and '{target}' are given (lines 2 and 3, same value)" in report.message


def test_year_and_month_against_date() -> None:
    text = (
        "@article{a, date = {2024-05-01}, year = {2023}, month = jun}\n"
        "@article{b, date = {2024-05-01}, year = {2024}, month = may}\n"
        "@article{c, date = {1994-03}, year = {1994}, month = {????}}\n"
        "@article{d, date = {1994}, year = {1994}, month = jan # {--} # feb}\n"
        "@article{e, date = {199X}, year = {1995}}\n"
        "@article{f, date = {1984/1986}, year = {1984}}\n"
        "@article{g, date = {2024-02-30}, year = {1999}}\n"
    )
    assert [(r.key, r.message) for r in run_rule("field-alias-conflict", bib(text))] == [
        ("a", "year 2023 disagrees with date 2024-05-01 (biblatex uses date and ignores year)"),
        ("a", "month June disagrees with date 2024-05-01 (biblatex uses date and ignores month)"),
    ]


def test_missing_title_and_date() -> None:
    text = (
        "@article{a, journaltitle = {J}}\n"
        "@online{b, title = {T}, url = {https://example.org/b}}\n"
        "@book{c, title = {T}}\n"
        "@set{d, entryset = {a,b}}\n"
        "@www{e, title = {}, year = {2020}}\n"
    )
    assert [r.message for r in run_rule("missing-field", bib(text))] == [
        "@article 'a' has no title",
        "@article 'a' has no date (nor year)",
        "@online 'b' has no date (nor year)",
        "@www 'e' has no title",
    ]


def test_missing_field_follows_crossref_and_xdata_and_does_not_guess() -> None:
    text = (
        "@inbook{a, crossref = {whole}, pages = {1--2}}\n"
        "@book{whole, title = {W}, date = {2001}}\n"
        "@online{b, xdata = {shared, other}, url = {https://example.org/b}}\n"
        "@xdata{shared, publisher = {P}}\n"
        "@xdata{other, title = {T}, date = {2020}}\n"
        "@article{c, crossref = {elsewhere}}\n"
        "@article{loop1, crossref = {loop2}}\n"
        "@article{loop2, crossref = {loop1}}\n"
    )
    assert run_rule("missing-field", bib(text)) == []


def test_missing_field_leaves_broken_entries_to_the_parser() -> None:
    broken = bib("@article{ok, title = {T}, date = {2024}}\n@article{cut,\n")
    assert broken.problems
    assert run_rule("missing-field", broken) == []


def test_urldate_without_url() -> None:
    text = (
        "@article{a, date = {2024}, urldate = {2024-11-04}}\n"
        "@article{b, date = {2024}, doi = {10.1/x}, urldate = {2024-11-04}}\n"
        "@article{c, date = {2024}, eprint = {1807.00144}, urldate = {2024-11-04}}\n"
        "@online{d, crossref = {site}, title = {P}, urldate = {2024-11-04}}\n"
        "@online{site, title = {S}, url = {https://example.org/s}}\n"
    )
    assert [(r.key, r.message) for r in run_rule("urldate-without-url", bib(text))] == [
        ("a", "urldate 2024-11-04 but no url (nor doi or eprint) to access")
    ]


def test_both_rules_follow_a_crossref_across_files_through_one_index_per_run() -> None:
    # Keys compare as BibTeX compares them (case-insensitively), the first of a repeated
    # key is the parent, and each run (each context) indexes its own project.
    child = bib("@inbook{part, crossref = {whole}, urldate = {2024-11-04}}\n")
    parents = parse_text(
        "@book{Whole, title = {W}, date = {2001}, url = {https://example.org/w}}\n"
        "@book{whole, title = {Another}, date = {2001}}\n",
        "parents.bib",
    )
    all_rules()
    ctx = Context(Project(bibfiles=[child, parents]), Options(as_of=date(2025, 6, 1)))
    assert list(RULES["missing-field"].check(ctx)) == []
    assert list(RULES["urldate-without-url"].check(ctx)) == []
    without_url = parse_text("@book{WHOLE, title = {W}, date = {2001}}\n", "other.bib")
    assert [r.key for r in run_rule("urldate-without-url", child, without_url)] == ["part"]
    untitled = bib("@book{whole, date = {2001}}")
    assert [r.key for r in run_rule("missing-field", child, untitled)] == ["part", "whole"]


def test_source_flag_quotes_the_flag_as_it_is() -> None:
    text = "@article{a, title = {T},\n  sourceflag = {100% wrong\\n ::error:: <b>}}\n"
    [report] = run_rule("source-flag", bib(text))
    assert report.location.line == 2
    assert report.message == "the source flags this reference: 100% wrong\\n ::error:: <b>"


@pytest.fixture(scope="module")
def raw_import(imported_bib: Path) -> BibFile:
    """The source's references as `refcheck import` writes them, without curation."""
    return parse_file(imported_bib)


def test_the_raw_import_shows_exactly_the_sources_real_problems(raw_import: BibFile) -> None:
    found = {
        (rule.name, report.key)
        for rule in all_rules()
        if rule.code[0] in "DUF" and rule.name != "urldate-without-url"
        for report in run_rule(rule.name, raw_import)
    }
    assert found == {
        ("access-before-publication", "afp-2025-02-01"),  # ref 28: 1 day
        ("access-before-publication", "nhk-2024-11-29"),  # ref 31: 19 days
        ("access-before-publication", "nhk-2025-01-22"),  # ref 38: 2 days
        ("near-duplicate", "forbes-japan-2024-12-21b"),  # ref 48: page 2 of ref 47
        ("source-flag", "nikkei-2025-04-26"),  # ref 6: |work= and |newspaper=
        ("source-flag", "forbes-japan-2024-08-01"),  # ref 43: invalid |date=
        ("source-flag", "forbes-japan-2024-12-06"),  # ref 44: invalid |date=
    }


def test_the_raw_import_has_access_dates_without_urls_everywhere(raw_import: BibFile) -> None:
    # The source's text export has no URLs: every entry keeps its urldate alone, which is
    # why the book's [tool.refcheck] ignores urldate-without-url (with its reason).
    reports = run_rule("urldate-without-url", raw_import)
    assert len(reports) == len(raw_import.entries) == 48


def test_the_access_before_publication_messages_give_the_days(raw_import: BibFile) -> None:
    days = {
        r.key: int(re.search(r"(\d+) days?", r.message).group(1))  # type: ignore[union-attr]
        for r in run_rule("access-before-publication", raw_import)
    }
    assert days == {"afp-2025-02-01": 1, "nhk-2024-11-29": 19, "nhk-2025-01-22": 2}
