"""Event dates of a section, each read in the context of the text before it.

18日 takes its year and month from the dates before it in the same section (after a
month alone, 2024年10月、…, it is that month's 18th: 2024-10-18), 同日 is the
last day named, 翌5日 the next 5th after it, 同年4月下旬 the 21st of April of that year.
A date without a year (or month) is read as the nearest date to the one in context, so
a narrative that steps back (…2025年1月23日… 12月中旬から…) reads December of the
year before.  Every date is the *earliest* day its words can mean: a month or a part of
a month counts from its first day, an approximate day (頃, around) from the first of its
month, an approximate month from the first of its year, so a vague date never makes a
claim later than it is.  Nothing is guessed when the context is missing, and dates in
quoted speech (「…」, “…”) are left out: they may be plans, and they are not the
narrative's own dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from refcheck.claims.patterns import PART_START, RELATIVE, RawDate, find_raw_dates
from refcheck.dates.edtf import days_in_month


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    earliest: date  # the first day the words can mean
    precision: str  # "day", "month" or "year"


@dataclass(slots=True)
class _Context:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def reference(self) -> date | None:
        if self.year is None:
            return None
        return date(self.year, self.month or 1, self.day or 1)


def event_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[DateMention]:
    """The event dates in ``text[start:end]`` (one section), in order."""
    end = len(text) if end is None else end
    section = text[start:end]
    quoted = _quoted_spans(section)
    context = _Context()
    for raw in find_raw_dates(section):
        if not raw.event or _inside(quoted, raw.start):
            continue
        resolved = _resolve(raw, context)
        if resolved is None:
            continue
        nominal, precision = resolved
        context.year = nominal.year
        context.month = nominal.month if precision != "year" else None
        context.day = nominal.day if precision == "day" else None
        earliest, precision = _earliest(nominal, precision, raw)
        yield DateMention(
            raw.start + start, raw.end + start, text[start + raw.start : start + raw.end],
            earliest, precision,
        )  # fmt: skip


_QUOTES = {"「": "」", "『": "』", "“": "”"}


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech: a date someone is quoted with may be a plan or a forecast,
    and it does not move the narrative's date.  An unclosed quote runs to the end."""
    spans = []
    depth: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if char in _QUOTES:
            if not depth:
                start = index
            depth.append(_QUOTES[char])
        elif depth and char == depth[-1]:
            depth.pop()
            if not depth:
                spans.append((start, index + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _earliest(nominal: date, precision: str, raw: RawDate) -> tuple[date, str]:
    if raw.approximate:
        if precision == "year" or (precision == "month" and raw.part is None):
            return nominal.replace(month=1, day=1), "year"
        return nominal.replace(day=1), "month"
    if raw.part is not None:
        return nominal.replace(day=PART_START[raw.part]), "month"
    return nominal, precision


def _resolve(raw: RawDate, context: _Context) -> tuple[date, str] | None:
    """The nominal date of ``raw`` (day 1 of a month, 1 January of a year) and precision."""
    if raw.relative is not None:
        return _resolve_relative(raw, context)
    if raw.next_day:
        return _next_numbered_day(raw.day, context)
    if raw.year is not None:
        return _make(raw.year, raw.month, raw.day)
    if raw.month is not None:
        return _nearest(context, raw.month, raw.day)
    if raw.day is not None:
        return _nearest_day(context, raw.day)
    return None


def _resolve_relative(raw: RawDate, context: _Context) -> tuple[date, str] | None:
    assert raw.relative is not None
    unit, offset = RELATIVE[raw.relative]
    if unit == "year":
        if context.year is None:
            return None
        if raw.month is None:
            return _make(context.year + offset, None, None)
        return _make(context.year + offset, raw.month, raw.day)
    if unit == "month":
        if context.year is None or context.month is None:
            return None
        year, month = _add_months(context.year, context.month, offset)
        return _make(year, month, raw.day)
    reference = context.reference()
    if reference is None or context.day is None:
        return None
    return reference + timedelta(days=offset), "day"


def _next_numbered_day(day: int | None, context: _Context) -> tuple[date, str] | None:
    if day is None or context.year is None or context.month is None or context.day is None:
        return None
    year, month = context.year, context.month
    if day <= context.day:
        year, month = _add_months(year, month, 1)
    return _make(year, month, day)


def _nearest(context: _Context, month: int, day: int | None) -> tuple[date, str] | None:
    reference = context.reference()
    if reference is None or context.year is None:
        return None
    if context.month is None:  # only a year in context: that year
        return _make(context.year, month, day)
    candidates = [_make(context.year + shift, month, day) for shift in (-1, 0, 1)]
    return _closest(reference, candidates)


def _nearest_day(context: _Context, day: int) -> tuple[date, str] | None:
    reference = context.reference()
    if reference is None or context.year is None or context.month is None:
        return None
    if context.day is None:
        # Only a month in context (2024年10月、… 18日、…): Japanese prose names the month
        # once and then its days, so the day is in that month, not the nearest 18th.
        return _make(context.year, context.month, day)
    candidates = []
    for shift in (-1, 0, 1):
        year, month = _add_months(context.year, context.month, shift)
        candidates.append(_make(year, month, day))
    return _closest(reference, candidates)


def _closest(reference: date, candidates: list[tuple[date, str] | None]) -> tuple[date, str] | None:
    real = [c for c in candidates if c is not None]
    if not real:
        return None
    # Nearest to the context; on a tie the earlier reading (the safer one).
    return min(real, key=lambda c: (abs((c[0] - reference).days), c[0]))


def _make(year: int, month: int | None, day: int | None) -> tuple[date, str] | None:
    if not 1 <= year <= 9999:
        return None
    if month is None:
        return date(year, 1, 1), "year"
    if day is None:
        return date(year, month, 1), "month"
    if day > days_in_month(year, month):
        return None
    return date(year, month, day), "day"


def _add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1
