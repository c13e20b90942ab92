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
    """Whether a difference with biber on ``value`` is one the documentation lists: only
    where refcheck is deliberately stricter (a tab biber keeps is reported too)."""
    return biber_reads and strictness(value) is not None


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
    for name in STRICTNESSES.values():
        assert name in documentation, name


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed (Debian: biber)")
def test_biber_still_says_what_the_table_records() -> None:
    assert biber_verdicts(generated_values()) == read_table()
