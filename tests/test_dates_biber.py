"""date-invalid against biber 2.18: the same 1,500 generated values, as date and urldate.

The recorded table (``tests/biber_dates.jsonl``, made by ``tests/biber_dates.py``) is what
biber said; where biber is installed it is asked again, so the table cannot go stale.
refcheck must agree on every value except its documented strictnesses, each recognised
here by the message refcheck gives and listed in ``refcheck rule date-invalid``.
"""

from __future__ import annotations

import shutil

import pytest

from biber_dates import FIELDS, bib_text, biber_verdicts, generated_values, read_table
from refcheck.dates.edtf import (
    OTHER_DASH,
    OTHER_DIGITS,
    TWO_QUALIFIERS,
    UNREAD_END,
    ZONE_WITHOUT_TIME,
    parse_date,
)
from refcheck.rules.registry import RULES
from rule_runner import bib, run_rule

# Message of refcheck -> the strictness as the rule's documentation names it.
STRICTNESSES = {
    "the range ends": "reversed range",
    TWO_QUALIFIERS: "two qualifiers",
    "month 20 does not exist": '"season" 20',
    "time zone": "±14:00",
    ZONE_WITHOUT_TIME: "zone on a date without a time",
    OTHER_DIGITS: "digits of another script",
    OTHER_DASH: "another dash",
    UNREAD_END: "an end after unspecified digits",
}
# The one difference the other way: refcheck reads a value as BibTeX does, where a tab is
# a space, and biber keeps a tab at either end of the value and then cannot read the date.
TAB_AT_AN_END = "tab at either end"


def refcheck_verdicts(values: list[str]) -> dict[tuple[int, str], str]:
    """(index, field) -> refcheck's message, for every field date-invalid reports."""
    reports = run_rule("date-invalid", bib(bib_text(values)))
    return {
        (int(report.key[1:]), report.message.split(" ", 1)[0]): report.message for report in reports
    }


def strictness(value: str) -> str | None:
    parsed = parse_date(value)
    message = getattr(parsed, "message", "")
    return next((name for text, name in STRICTNESSES.items() if message.startswith(text)), None)


def explained(value: str, biber_reads: bool) -> bool:
    """Whether a difference with biber on ``value`` is one the documentation lists."""
    if biber_reads:
        return strictness(value) is not None
    return _tab_biber_keeps(value)  # TAB_AT_AN_END


def _tab_biber_keeps(value: str) -> bool:
    """A tab at an end that biber keeps, where refcheck's parser reads it as BibTeX does
    (a space, trimmed).  As measured on every run of one to three blanks at either end:
    a tab in the trailing blanks before their first line break (\\n, \\r, \\f, \\v); a
    tab in the leading blanks when no line break follows it, or when two blanks or more
    come before the first line break (a line break drops one blank before it)."""
    core = value.strip(" \t\n\r\f\v")
    if not core:
        return False
    lead = value[: value.index(core)]
    trail = value[value.index(core) + len(core) :]
    lead_break, trail_break = (
        min((side.index(b) for b in "\n\r\f\v" if b in side), default=-1) for side in (lead, trail)
    )
    with_break = lead_break >= 2 and "\t" in lead[:lead_break]
    lead_keeps = "\t" in lead if lead_break < 0 else with_break
    return lead_keeps or "\t" in (trail if trail_break < 0 else trail[:trail_break])


def test_the_table_covers_every_generated_value() -> None:
    assert [row["value"] for row in read_table()] == generated_values()
    assert len(generated_values()) >= 1000


def test_refcheck_agrees_with_biber_but_for_its_documented_strictnesses() -> None:
    rows = read_table()
    flagged = refcheck_verdicts([str(row["value"]) for row in rows])
    differences: list[str] = []
    stricter = 0
    for index, row in enumerate(rows):
        value = str(row["value"])
        for field in FIELDS:
            refcheck_reads = (index, field) not in flagged
            if refcheck_reads == row[field]:
                continue
            if explained(value, bool(row[field])):
                stricter += bool(row[field])
                continue
            what = "biber reads it" if row[field] else "biber does not"
            differences.append(
                f"{field} = {{{value!r}}}: {what}; refcheck: {flagged.get((index, field))}"
            )
    assert differences == []
    assert stricter < len(rows) * 2 * 0.1  # the strictnesses are the exception


def test_every_strictness_is_documented() -> None:
    documentation = RULES["date-invalid"].doc
    for name in (*STRICTNESSES.values(), TAB_AT_AN_END):
        assert name in documentation, name


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed (Debian: biber)")
def test_biber_still_says_what_the_table_records() -> None:
    assert biber_verdicts(generated_values()) == read_table()
