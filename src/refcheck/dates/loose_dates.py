"""Recognise dates written in a form biblatex cannot read, and give their ISO form.

Only forms that are unambiguous are recognised: ``2024年10月30日``, ``2024/10/30``,
``2024.10.30``, ``1995-1-4``, ``30.10.2024``, ``30 October 2024``, ``October 30, 2024``,
``30 Oct. 2024``, ``October 2024``.  ``10/11/2024`` could be either day-first or
month-first and gets no suggestion (unless one of the numbers is above 12).
"""

from __future__ import annotations

import unicodedata

from refcheck.dates.months import missing_day, month_number
from refcheck.lazy_re import lazy

_MONTH = r"(?P<mname>[A-Za-z]{3,9})\.?"

_PATTERNS = (
    # 2024年10月30日, 2024年10月, 2024年
    lazy(r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?"),
    # 2024/10/30, 2024.10.30, 2024-1-4, 2024/10
    lazy(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?"),
    # 30.10.2024 (day first, as in German and Russian usage)
    lazy(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
    # 30 October 2024, 30 Oct. 2024, October 2024
    lazy(rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+)?{_MONTH},?\s+(?P<y>\d{{4}})"),
    # October 30, 2024
    lazy(rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"),
)
_SLASHED = lazy(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})")


def ascii_digits(text: str) -> str:
    """``text`` with the digits of every script (２, ٢, २, 𝟐) as ASCII digits."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.digit(char)) if char.isdigit() and not char.isascii() else char
        for char in text
    )


class ImpossibleDate(ValueError):
    """``text`` is clearly a date, but one the calendar does not have (30 February)."""


def _iso(year: str, month: int | None, day: int | None) -> str | None:
    if month is None:
        return year
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    problem = missing_day(year, month, f"{day:02d}")
    if problem is not None:
        raise ImpossibleDate(problem)
    return f"{year}-{month:02d}-{day:02d}"


def suggest_iso(text: str) -> str | None:
    """The ISO 8601 form of ``text`` when it is clearly one date, else None.

    Raises ``ImpossibleDate`` when ``text`` clearly names a day that does not exist
    (``2024年2月30日``): there is no ISO form to suggest.
    """
    # NFKC folds full-width digits; digits of other scripts (٢٠٢٤) need their values.
    text = ascii_digits(unicodedata.normalize("NFKC", text)).strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("mname") is not None:
            month: int | None = month_number(groups["mname"])
            if month is None:
                continue
        else:
            month = int(groups["m"]) if groups.get("m") else None
        day = int(groups["d"]) if groups.get("d") else None
        return _iso(groups["y"], month, day)
    match = _SLASHED.fullmatch(text)
    if match is not None:
        first, second = int(match["a"]), int(match["b"])
        if first > 12 >= second:
            return _iso(match["y"], second, first)
        if second > 12 >= first:
            return _iso(match["y"], first, second)
    return None
