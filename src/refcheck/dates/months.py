"""The calendar: English month names and abbreviations, month lengths and leap years,
shared by every reader of written dates.

Spelled out, not taken from ``calendar.month_name``: that follows the process locale,
which Sphinx sets.
"""

from __future__ import annotations

from refcheck.i18n import N_, Message

# The names are marked for the catalogue (N_ keeps them as they are): messages name a
# month by its Message, worded in the reader's language.

MONTH_NAMES = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
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


def year_value(text: str) -> int:
    """A year as ISO 8601 writes it: ``2024``, ``-0044``, or ``Y170000002`` beyond four digits."""
    return int(text.removeprefix("Y"))


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def missing_day(year_text: str, month: int, day_text: str) -> Message | None:
    """Why day ``day_text`` of ``month`` (1-12) in ``year_text`` does not exist, or None
    (a ``Message``: ``str()`` of it is the English text)."""
    year, day = year_value(year_text), int(day_text)
    last_day = days_in_month(year, month)
    if 1 <= day <= last_day:
        return None
    name = Message(MONTH_NAMES[month - 1])
    if month == 2 and day == 29:
        template = N_("day {day} does not exist in {month} {year} ({year} is not a leap year)")
    elif day == 0:
        template = N_("day {day} does not exist in {month} {year} (days start at 01)")
    else:
        template = N_("day {day} does not exist in {month} {year} ({month} {year} has {last} days)")
    return Message(template, day=day_text, month=name, year=year_text, last=last_day)
