"""The dates of an entry: its date fields, parsed once, and ``year``/``month`` as a date."""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.dates.edtf import EdtfDate, parse_date
from refcheck.dates.months import MONTH_NAMES, MONTH_NUMBERS
from refcheck.model import Entry, Field

DATE_FIELDS = ("date", "urldate", "origdate", "eventdate")

_MONTH_NUMBER = re.compile(r"0?([1-9]|1[0-2])")
_YEAR = re.compile(r"-?[0-9]{4}")  # ASCII digits: biblatex reads no others


@lru_cache(maxsize=4096)
def month_field_number(value: str) -> int | None:
    """The month a BibTeX ``month`` field gives, by name or by number.

    ``January``, ``jan``, ``Jan.``, ``1``, ``01`` -> 1; anything else (ranges, ``????``,
    ``Spring``) -> None.  (``refcheck.dates.months.month_number`` reads month names only.)
    """
    text = value.strip().strip("{}").strip().rstrip(".").casefold()
    if _MONTH_NUMBER.fullmatch(text):
        return int(text)
    number = MONTH_NUMBERS.get(text[:3]) if len(text) >= 3 else None
    if number is not None and (
        MONTH_NAMES[number - 1].casefold().startswith(text) or text == "sept"
    ):
        return number
    return None


def year_number(value: str) -> int | None:
    text = value.strip().strip("{}").strip()
    return int(text) if _YEAR.fullmatch(text) else None


def field_date(field: Field | None) -> EdtfDate | None:
    """The parsed value of a date field, or None when absent or invalid."""
    return _valid_date(field.value) if field is not None else None


def publication_date(entry: Entry) -> EdtfDate | None:
    """``date`` when it is given (None when it is invalid), else ``year``/``month``."""
    return date_of(entry.get("date"), entry.get("year"), entry.get("month"))


@lru_cache(maxsize=8192)
def date_of(date: str | None, year: str | None, month: str | None) -> EdtfDate | None:
    """:func:`publication_date` from the fields' values (cached: values repeat a lot)."""
    if date is not None:
        return _valid_date(date)
    number = year_number(year) if year is not None else None
    if number is None:
        return None
    month_value = month_field_number(month) if month is not None else None
    text = f"{'-' if number < 0 else ''}{abs(number):04d}"
    if month_value:
        text += f"-{month_value:02d}"
    return _valid_date(text)


def _valid_date(text: str) -> EdtfDate | None:
    parsed = parse_date(text)
    return parsed if isinstance(parsed, EdtfDate) else None
