"""Dates as biblatex reads them: ISO 8601-2 (EDTF) level 1, with real-calendar checks.

biblatex's manual (§2.3.8 "Date and Time Specifications") accepts in ``date``,
``urldate``, ``origdate`` and ``eventdate``:

- ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, negative (astronomical) years ``-0876``, and
  ``Y`` with five digits or more (``Y17000``);
- a time after a full date, with seconds: ``2004-04-05T14:34:00``, optionally with
  milliseconds (``.123``) and ``Z`` or ``+05:00``;
- a trailing qualifier: approximate ``~``, uncertain ``?``, both ``%``;
- unspecified digits exactly as in ``199X``, ``19XX``, ``1999-XX``, ``1999-01-XX``,
  ``1999-XX-XX``, without a qualifier, a minus sign or a place at a range's end;
- year divisions in the month place: ``2004-21`` .. ``2004-41`` (seasons, quarters,
  quadrimesters, semesters; ISO 8601-2 4.8);
- ranges ``a/b`` and open ranges ``a/..``, ``../b``, ``a/``, ``/b``.

What biber 2.18 does with each form was measured (``tests/test_dates_biber.py``), and
the grammar below follows it: biber wants the seconds of a time, the colon of a zone,
ASCII digits (it reads a whole date in one other script, but biblatex then prints those
digits and cannot compute with them), and no braces, tabs or no-break spaces around the
value.  Where refcheck is deliberately stricter than biber the rule's documentation says
so: a reversed range, two qualifiers, "season" 20, a zone past ±14:00, a zone on a date
without a time, a dash other than ``-``.

Each side of a date becomes an interval of day numbers (``earliest``..``latest``), so
callers can compare dates of different precision safely.  Parsing is cached per value.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from refcheck.dates.loose_dates import ImpossibleDate, ascii_digits, suggest_iso
from refcheck.dates.months import days_in_month, missing_day, year_value
from refcheck.i18n import N_, Message, _
from refcheck.lazy_re import lazy
from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Final


# ASCII digits only ([0-9], not \d, which matches every script's digits).  White space
# around a qualifier is gone by now (see _trim_around_qualifiers).
_POINT = re.compile(
    r"""
    (?P<year>Y-?[0-9]{5,}|-?[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)
    (?:-(?P<month>[0-9]{2}|XX)
       (?:-(?P<day>[0-9]{2}|XX)
          (?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?:\.[0-9]{3})?
             (?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?
       )?
    )?
    (?P<qualifier>[~?%])?
    """,
    re.VERBOSE,
)
# Near misses with an obvious repair: a time without seconds, a zone without its colon.
_NO_SECONDS = lazy(r"(T[0-9]{2}:[0-9]{2})(?=$|[Z+-])")
_ZONE_WITHOUT_COLON = lazy(r"(T[0-9:]{8}(?:\.[0-9]{3})?[+-][0-9]{2})([0-9]{2})?$")
_ZONE_WITHOUT_TIME = lazy(
    r"^((?:Y-?[0-9]{5,}|-?[0-9]{4})(?:-[0-9]{2}){0,2})(?:Z|[+-][0-9]{2}:[0-9]{2})([~?%]?)$"
)
_OTHER_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d", "-")
)
# What biber 2.18 drops at the ends of a date (measured): spaces, line breaks, form feeds
# and vertical tabs.  Tabs, no-break spaces and other Unicode spaces stay, and biber
# cannot read the date (a tab next to a line break goes: see tab_biber_keeps).
_BIBTEX_BLANKS = " \n\r\f\v"
_LINE_BREAKS = "\n\r\f\v"

_OPEN = ("", "..")
_YEAR_DIVISIONS = range(21, 42)


def days_from_civil(year: int, month: int, day: int) -> int:
    """Day number of a proleptic Gregorian date (astronomical years; 1970-01-01 is 0)."""
    year -= month <= 2
    era = year // 400  # floor division: right for negative years too
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def day_number(value: date) -> int:
    return days_from_civil(value.year, value.month, value.day)


def civil_from_days(number: int) -> str:
    """The ISO text of a day number (inverse of :func:`days_from_civil`)."""
    number += 719468
    era = number // 146097
    day_of_era = number - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + (3 if shifted_month < 10 else -9)
    year = year_of_era + era * 400 + (month <= 2)
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"


class DatePoint(FrozenValue):
    """One side of a date: the days it may stand for."""

    __slots__ = ("text", "earliest", "latest", "precision", "qualified", "year")
    text: Final[str]
    earliest: Final[int]
    latest: Final[int]
    precision: Final[str]  # "year", "month" or "day"
    qualified: Final[bool]  # approximate, uncertain or with unspecified digits
    year: Final[int | None]  # the year, when it is certain (not for 199X or 1723~)

    def __init__(
        self,
        text: str,
        earliest: int,
        latest: int,
        precision: str,
        qualified: bool = False,
        year: int | None = None,
    ) -> None:
        self.text = text
        self.earliest = earliest
        self.latest = latest
        self.precision = precision
        self.qualified = qualified
        self.year = year

    @property
    def exact_day(self) -> bool:
        return self.precision == "day" and not self.qualified


class EdtfDate(FrozenValue):
    """A valid date or date range, with the days its ends may stand for."""

    __slots__ = ("text", "start", "end", "is_range")
    text: Final[str]
    start: Final[DatePoint | None]  # None: open or unknown start
    end: Final[DatePoint | None]  # None: open or unknown end; equals start for a single date
    is_range: Final[bool]

    def __init__(
        self, text: str, start: DatePoint | None, end: DatePoint | None, is_range: bool = False
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.is_range = is_range

    @property
    def earliest(self) -> int | None:
        return self.start.earliest if self.start else None

    @property
    def latest(self) -> int | None:
        return self.end.latest if self.end else None

    @property
    def qualified(self) -> bool:
        return any(p is not None and p.qualified for p in (self.start, self.end))

    @property
    def exact_day(self) -> bool:
        """A single, unqualified day: the only kind that compares to the day."""
        return not self.is_range and self.start is not None and self.start.exact_day

    @property
    def year(self) -> int | None:
        """The (start) year, when it is certain."""
        return self.start.year if self.start is not None else None


class DateError(FrozenValue):
    """A date value that cannot be read, and what to write instead.

    ``message`` is the English text; ``described`` the same as a ``Message`` or a marked
    string, for ``translated()`` to word in the reader's language (parses are cached
    across runs, so they hold no language)."""

    __slots__ = ("text", "message", "suggestion", "described")
    text: Final[str]
    message: Final[str]
    suggestion: Final[str | None]
    described: Final[str | Message]

    def __init__(self, text: str, message: str | Message, suggestion: str | None = None) -> None:
        self.text = text
        self.message = str(message)
        self.suggestion = suggestion
        self.described = message


class _Invalid(Exception):
    def __init__(self, message: str | Message, suggestion: str | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.described = message
        self.suggestion = suggestion


# The messages are marked for the catalogue (N_) and translated where a rule shows them.
NOT_ISO = N_("is not an ISO 8601 date")
# Forms biber reads that refcheck rejects on purpose (the rule's documentation says why).
TWO_QUALIFIERS = N_(
    "is not an ISO 8601 date: it has two qualifiers (% is approximate and uncertain)"
)
ZONE_WITHOUT_TIME = N_("is not an ISO 8601 date: it has a time zone but no time")
UNREAD_END = N_("is not an ISO 8601 date: its end is no date")


def _parse_point(text: str) -> DatePoint:
    match = _POINT.fullmatch(text)
    if match is None:
        raise _Invalid(*_near_miss(text))
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    qualified = match["qualifier"] is not None
    if text.startswith("-") and "X" in text:
        raise _Invalid(
            N_("is not an ISO 8601 date: unspecified digits (X) cannot stand in a negative year")
        )
    if qualified and "X" in text:
        # biber expands 199X into a range only when nothing follows the X.
        raise _Invalid(
            N_(
                "is not an ISO 8601 date: biber reads no date from unspecified digits (X) "
                "with a qualifier"
            ),
            text[: -len(match["qualifier"])].rstrip(" "),
        )
    if "X" in text and match["hour"] is not None:
        raise _Invalid(
            N_("is not an ISO 8601 date: a date with unspecified digits (X) takes no time")
        )
    if year_text.endswith("X"):
        if month_text is not None:
            raise _Invalid(_UNSPECIFIED_ONLY)
        digits = year_text.rstrip("X")
        width = 10 ** (len(year_text) - len(digits))
        low = int(digits.lstrip("-") or "0") * width
        first, last = (low, low + width - 1)
        if digits.startswith("-"):
            first, last = -last, -first
        return DatePoint(text, days_from_civil(first, 1, 1), days_from_civil(last, 12, 31),
                         "year", True, None)  # fmt: skip
    year = year_value(year_text)
    # An approximate or uncertain qualifier covers the whole date, the year included.
    sure_year = None if qualified else year
    if month_text is None:
        return DatePoint(
            text, days_from_civil(year, 1, 1), days_from_civil(year, 12, 31), "year", qualified,
            sure_year,
        )  # fmt: skip
    if year_text.startswith("Y"):
        raise _Invalid(N_("a year written with 'Y' takes no month or day"))
    if month_text == "XX":
        if day_text not in (None, "XX"):
            raise _Invalid(_UNSPECIFIED_ONLY)
        return DatePoint(
            text, days_from_civil(year, 1, 1), days_from_civil(year, 12, 31), "year", True,
            sure_year,
        )  # fmt: skip
    month = int(month_text)
    if month in _YEAR_DIVISIONS:
        if day_text is not None:
            raise _Invalid(
                Message(
                    N_("{month} is a season or year division, which takes no day"),
                    month=month_text,
                )
            )
        # Seasons depend on the hemisphere: only the year is certain.
        return DatePoint(
            text, days_from_civil(year, 1, 1), days_from_civil(year, 12, 31), "year", qualified,
            sure_year,
        )  # fmt: skip
    if not 1 <= month <= 12:
        raise _Invalid(
            Message(
                N_(
                    "month {month} does not exist (months are 01-12; 21-41 are seasons and "
                    "other year divisions)"
                ),
                month=month_text,
            )
        )
    last_day = days_in_month(year, month)
    if day_text is None or day_text == "XX":  # 1999-01 or 1999-01-XX: the whole month
        return DatePoint(
            text,
            days_from_civil(year, month, 1),
            days_from_civil(year, month, last_day),
            "month",
            qualified or day_text == "XX",
            sure_year,
        )
    day = int(day_text)
    problem = missing_day(year_text, month, day_text)
    if problem is not None:
        raise _Invalid(problem)
    if match["hour"] is not None:
        _check_time(match)
    number = days_from_civil(year, month, day)
    return DatePoint(text, number, number, "day", qualified, sure_year)


def _check_time(match: re.Match[str]) -> None:
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:  # biber has no leap second
        raise _Invalid(
            Message(
                N_("time {hour}:{minute} does not exist"),
                hour=match["hour"],
                minute=match["minute"],
            )
        )
    zone = match["zone"]
    if zone and zone != "Z":
        zone_digits = zone[1:].replace(":", "")
        if int(zone_digits[:2]) > 14 or int(zone_digits[2:] or 0) > 59:
            raise _Invalid(Message(N_("time zone {zone} does not exist"), zone=zone))


def _near_miss(text: str) -> tuple[str, str | None]:
    """Why ``text`` (one side of a date) is not a date biber reads, and a repair if any."""
    if text.startswith("-") and "X" in text:
        return N_(
            "is not an ISO 8601 date: unspecified digits (X) cannot stand in a negative year"
        ), None
    bare = text.rstrip("~?% ")  # str.rstrip, not a regex search: linear on any input
    if bare and sum(map(text[len(bare) :].count, "~?%")) > 1:
        return TWO_QUALIFIERS, f"{bare}%"
    zone_only = _ZONE_WITHOUT_TIME.match(text)
    if zone_only:
        return ZONE_WITHOUT_TIME, zone_only[1] + zone_only[2]
    if _NO_SECONDS.search(text):
        return N_("is not an ISO 8601 date: a time needs its seconds"), _NO_SECONDS.sub(
            r"\1:00", text, count=1
        )
    zone = _ZONE_WITHOUT_COLON.search(text)
    if zone:
        return N_(
            "is not an ISO 8601 date: a time zone needs its colon"
        ), f"{zone[1]}:{zone[2] or '00'}".join((text[: zone.start()], text[zone.end() :]))
    return NOT_ISO, None


_UNSPECIFIED_ONLY = N_(
    "unspecified digits are allowed only as in 199X, 19XX, 1999-XX, 1999-01-XX or 1999-XX-XX"
)


class _WithoutNotIso(Message):
    """A problem of the end of a range without the "is not an ISO 8601 date: " it starts
    with, in either language: the range's own message says it first."""

    __slots__ = ()

    def __str__(self) -> str:
        return self.template.removeprefix(NOT_ISO + ": ")

    def translated(self) -> str:
        return _(self.template).removeprefix(_(NOT_ISO) + ": ")


def _without_not_iso(problem: str | Message) -> str | Message:
    return problem if isinstance(problem, Message) else _WithoutNotIso(problem)


def _parse(text: str) -> EdtfDate:
    if "/" not in text:
        point = _parse_point(text)
        return EdtfDate(text, point, point)
    if text.count("/") > 1:
        raise _Invalid(NOT_ISO)
    first, second = text.split("/")
    if first in _OPEN and second in _OPEN:
        raise _Invalid(N_("a range needs at least one end"))
    if "X" in second and not first.rstrip("~?%").endswith("X"):
        # biber expands unspecified digits at the start of a value only.
        raise _Invalid(N_("is not an ISO 8601 date: unspecified digits (X) cannot end a range"))
    start = None if first in _OPEN else _parse_point(first)
    try:
        end = None if second in _OPEN else _parse_point(second)
    except _Invalid as exc:
        if start is None or "X" not in first:
            raise
        # biber expands 199X/… to 1990/1999 and never reads the end: still a mistake.
        raise _Invalid(
            Message(
                N_(
                    "is not an ISO 8601 date: its end is no date ({end}: {problem}); biber "
                    "ignores the end of a range that starts with unspecified digits"
                ),
                end=second,
                problem=_without_not_iso(exc.described),
            )
        ) from None
    if start is not None and end is not None and end.latest < start.earliest:
        raise _Invalid(
            Message(
                N_("the range ends ({end}) before it starts ({start})"), end=second, start=first
            )
        )
    return EdtfDate(text, start, end, is_range=True)


@lru_cache(maxsize=8192)
def parse_date(value: str) -> EdtfDate | DateError:
    """Parse a date field's value; never raises."""
    text = value.strip(_BIBTEX_BLANKS)
    if not text.strip():
        return DateError(value, N_("is empty"))
    text = _trim_around_qualifiers(text)
    form = _form_problem(text)
    if form is not None:
        return form
    try:
        return _parse(text)
    except _Invalid as exc:
        if exc.suggestion is not None:  # a repair, itself perhaps in need of another
            repaired = parse_date(exc.suggestion)
            suggestion = exc.suggestion if isinstance(repaired, EdtfDate) else repaired.suggestion
            return DateError(value, exc.described, suggestion)
        try:
            suggestion = suggest_iso(text)
        except ImpossibleDate as impossible:
            return DateError(value, impossible.args[0])
        if suggestion is not None and suggestion != text:
            return DateError(value, exc.described, suggestion)
        return DateError(value, exc.described)


_QUALIFIERS = "~?%"


def _trim_around_qualifiers(text: str) -> str:
    r"""Each side of ``text`` without the white space biber drops around a qualifier.

    biber takes a trailing qualifier off with ``^\s*(.+?)\s*~\s*$``: where one ends a
    side, any white space (tabs and no-break spaces too) around it and at the start of
    the side goes with it (``2020 ~``, `` 2020~``); without one, nothing is dropped."""
    if text.count("/") > 1:
        return text
    return "/".join(map(_trim_side, text.split("/")))


def _trim_side(side: str) -> str:
    start = len(side)
    while start > 0 and (side[start - 1] in _QUALIFIERS or side[start - 1].isspace()):
        start -= 1  # one pass from the end: linear however long the tail
    qualifiers = "".join(char for char in side[start:] if char in _QUALIFIERS)
    if not qualifiers or start == 0:
        return side
    return side[:start].strip() + qualifiers


def tab_biber_keeps(written: str) -> bool:
    """Whether biber keeps a tab at an end of the date value ``written`` (as in the file;
    the parser reads a tab as a space, trimmed), and so cannot read the date.

    Measured with biber 2.18 on every run of one to three blanks at either end: a tab in
    the trailing blanks before their first line break (\\n, \\r, \\f, \\v) stays; a tab in
    the leading blanks stays when no line break follows it, or when two blanks or more
    come before the first line break (a line break drops one blank before it).  Beside a
    qualifier (`2020~`) biber drops every blank, tabs too."""
    if "\t" not in written:
        return False
    written = _trim_around_qualifiers(written)  # biber drops any blank next to a qualifier
    core = written.strip(" \t" + _LINE_BREAKS)
    if not core or "\t" not in written:
        return False
    at = written.index(core)
    lead, trail = written[:at], written[at + len(core) :]
    lead_break, trail_break = (
        min((side.index(b) for b in _LINE_BREAKS if b in side), default=-1)
        for side in (lead, trail)
    )
    with_break = lead_break >= 2 and "\t" in lead[:lead_break]
    lead_keeps = "\t" in lead if lead_break < 0 else with_break
    return lead_keeps or "\t" in (trail if trail_break < 0 else trail[:trail_break])


# Messages of the forms biber cannot read although a date is plainly there.
OTHER_DIGITS = N_("is not an ISO 8601 date: biblatex reads the digits 0-9 only")
OTHER_DASH = N_("is not an ISO 8601 date: its dash is not the hyphen-minus '-'")
BRACED = N_("is not an ISO 8601 date: braces inside the value hide it from biber")
SPACED = N_("is not an ISO 8601 date: biber reads no tab or no-break space around a date")
TAB_KEPT = N_(
    "is not an ISO 8601 date to biber: it keeps the tab written at an end of the value and "
    "then cannot read the date; remove the tab"
)


def _form_problem(text: str) -> DateError | None:
    """A date biber would read but for its digits, braces or blanks, with the repair."""
    if text.isascii() and "{" not in text and "}" not in text and text == text.strip():
        return None  # the common case, decided without a pass over the characters
    if any(char.isdigit() and not char.isascii() for char in text):
        message, repaired = OTHER_DIGITS, ascii_digits(text)
    elif text != text.translate(_OTHER_DASHES):
        message, repaired = OTHER_DASH, text.translate(_OTHER_DASHES)
    elif "{" in text or "}" in text:
        message, repaired = BRACED, text.replace("{", "").replace("}", "")
    elif text != text.strip():
        message, repaired = SPACED, text.strip()
    else:
        return None
    suggestion = repaired if isinstance(parse_date(repaired), EdtfDate) else None
    if suggestion is None:
        try:
            suggestion = suggest_iso(repaired)
        except ImpossibleDate as impossible:
            return DateError(text, impossible.args[0])
    return DateError(text, message, suggestion)
