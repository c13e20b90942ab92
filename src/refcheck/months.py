"""English month names and abbreviations, shared by every reader of written dates.

Spelled out, not taken from ``calendar.month_name``: that follows the process locale,
which Sphinx sets.
"""

from __future__ import annotations

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# The three-letter abbreviations, which are also the BibTeX month macros.
ABBREVIATIONS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)

# Lower-case name or abbreviation ("sept" too) -> 1..12.
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{short: number for number, short in enumerate(ABBREVIATIONS, start=1)},
    "sept": 9,
}


def month_number(name: str) -> int | None:
    """``"Nov."`` -> 11; None for a word that is not a month."""
    return MONTH_NUMBERS.get(name.lower().rstrip("."))
