"""refcheck's duplicate rules on bibtex-tidy's own duplicate tests (17 duplicates).

The inputs are in ``tests/bibtex_tidy_duplicates/`` (MIT, see its README), each file
naming the duplicates bibtex-tidy's test expects (``% duplicate: LATER EARLIER (rule)``)
and pairs it must not flag (``% not: LATER EARLIER``).  A duplicate counts as found when
any of refcheck's duplicate rules reports LATER pointing at EARLIER.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refcheck.bib import parse_file
from rule_runner import run_rule

CASES = Path(__file__).with_name("bibtex_tidy_duplicates")
_PAIR = re.compile(r"^% (duplicate|not): (\S+) (\S+)(?: \((\w+)\))?$", re.MULTILINE)
_RULES = ("duplicate-key", "duplicate-entry", "near-duplicate", "preprint-and-published")
# What refcheck does not find, and why.
MISSED = {
    ("duplicate-entries.bib", "b3", "a3"): (
        "only the abstract agrees ('something blah blah', three words, under the titles "
        "'foo' and 'bar'): refcheck takes an abstract as evidence from 100 characters on, "
        "and never against titles that differ"
    ),
}


def reported(path: Path) -> set[tuple[str, str]]:
    """(later key, earlier key) of every pair the duplicate rules report in ``path``."""
    bib = parse_file(path)
    key_at = {entry.line: entry.key for entry in bib.entries}
    pairs = set()
    for rule in _RULES:
        for report in run_rule(rule, bib):
            for place in report.related:
                pairs.add((report.key or "", key_at.get(place.line, "?")))
    return pairs


def expectations() -> list[tuple[str, str, str, str]]:
    """(file, kind, later, earlier) for every pair the files name."""
    found = []
    for path in sorted(CASES.glob("*.bib")):
        for match in _PAIR.finditer(path.read_text(encoding="utf-8")):
            found.append((path.name, match[1], match[2], match[3]))
    return found


def test_the_extracts_hold_bibtex_tidys_17_duplicates() -> None:
    assert sum(kind == "duplicate" for _, kind, _, _ in expectations()) == 17


@pytest.mark.parametrize(("name", "kind", "later", "earlier"), expectations())
def test_bibtex_tidy_duplicate(name: str, kind: str, later: str, earlier: str) -> None:
    found = (later, earlier) in reported(CASES / name)
    if kind == "not":
        assert not found
    elif (name, later, earlier) in MISSED:
        assert not found, "found now: take it out of MISSED"
    else:
        assert found


def test_at_least_15_of_17_are_found() -> None:
    duplicates = [e for e in expectations() if e[1] == "duplicate"]
    missed = [e for e in duplicates if (e[0], e[2], e[3]) in MISSED]
    assert len(duplicates) - len(missed) >= 15
