"""Dates as the source writes them, turned into ISO 8601 without any correction.

An impossible date such as 2024年2月30日 becomes ``2024-02-30``: the importer keeps what the
source states, reports it (``date_problem``) and leaves the verdict to ``refcheck check``
(``date-invalid``). Digits of other scripts (full-width ``２０２４年``) are read as the
numbers they are and written in ASCII, so neither ``date`` nor a key ever holds them.
"""

from __future__ import annotations

import re
import unicodedata

from refcheck.dates.edtf import DateError, parse_date
from refcheck.dates.months import MONTH_NUMBERS, month_number

# 2024年10月30日 / 2024年10月 / 2024年
JA_DATE = r"\d{1,4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"
_JA_PARTS = re.compile(r"(\d{1,4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")

_MONTH = r"(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
# 4 November 2024 / November 4, 2024 / November 2024 / 2024-11-04 / 2024
EN_DATE = (
    rf"(?:\d{{1,2}} {_MONTH} \d{{4}}|{_MONTH} \d{{1,2}}, \d{{4}}|{_MONTH} \d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{4})"
)
_EN_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}}) ({_MONTH}) (\d{{4}})", re.IGNORECASE)
_EN_MONTH_DAY_YEAR = re.compile(rf"({_MONTH}) (\d{{1,2}}), (\d{{4}})", re.IGNORECASE)
_EN_MONTH_YEAR = re.compile(rf"({_MONTH}) (\d{{4}})", re.IGNORECASE)
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def ascii_digits(text: str) -> str:
    """Every decimal digit as its ASCII digit: ``２０２４`` → ``2024``; other text unchanged."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(char)) if char.isdecimal() else char for char in text)


def date_problem(value: str) -> str | None:
    """Why an ISO value the importer wrote is no real date (``2024-13-45``), else None."""
    parsed = parse_date(value)
    return parsed.message if isinstance(parsed, DateError) else None


def _iso(year: str, month: int | str | None = None, day: int | str | None = None) -> str:
    parts = [f"{int(year):04d}"]
    if month is not None:
        parts.append(f"{int(month):02d}")
        if day is not None:
            parts.append(f"{int(day):02d}")
    return "-".join(parts)


def ja_to_iso(text: str) -> str:
    """``2024年10月30日`` → ``2024-10-30``; month or year alone stay as precise as given.

    >>> ja_to_iso("2025年1月5日"), ja_to_iso("2024年10月")
    ('2025-01-05', '2024-10')
    """
    match = _JA_PARTS.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a Japanese date: {text!r}")
    year, month, day = match.groups()
    return _iso(year, month, day)


def _month_number(name: str) -> int:
    number = month_number(name)
    if number is None:
        raise ValueError(f"not a month: {name!r}")
    return number


def en_to_iso(text: str) -> str:
    """``4 November 2024``, ``November 4, 2024`` or ``2024-11-04`` → ``2024-11-04``.

    >>> en_to_iso("4 November 2024"), en_to_iso("Nov 4, 2024"), en_to_iso("March 2023")
    ('2024-11-04', '2024-11-04', '2023-03')
    """
    text = text.strip()
    if match := _EN_DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
        return _iso(year, _month_number(month), day)
    if match := _EN_MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = match.groups()
        return _iso(year, _month_number(month), day)
    if match := _EN_MONTH_YEAR.fullmatch(text):
        month, year = match.groups()
        return _iso(year, _month_number(month))
    if _ISO.fullmatch(text):
        return ascii_digits(text)
    raise ValueError(f"not an English date: {text!r}")
