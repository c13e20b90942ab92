"""Date parsing as biblatex reads dates (ISO 8601-2 level 1), and the ISO suggestions."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refcheck.dates.edtf import (
    DateError,
    EdtfDate,
    civil_from_days,
    day_number,
    days_from_civil,
    parse_date,
)
from refcheck.dates.entry_dates import month_field_number
from refcheck.dates.loose_dates import ImpossibleDate, suggest_iso
from refcheck.dates.months import days_in_month

# Every specification the biblatex manual's tables list as valid (§2.3.8, tables 5-7).
MANUAL_FORMS = [
    "1850", "1997/", "/1997", "1997/..", "../1997", "1967-02", "2009-01-31", "1988/1992",
    "2002-01/2002-02", "1995-03-30/1995-04-05", "2004-04-05T14:34:00", "199X", "19XX",
    "1999-XX", "1999-01-XX", "1999-XX-XX", "0000", "-0876", "-0877/-0866", "0768",
    "-0343-02", "0343-02-03", "1723~", "1723?", "1723%", "2004-22", "2004-24",
]  # fmt: skip


@pytest.mark.parametrize("text", MANUAL_FORMS)
def test_every_form_of_the_manual_is_accepted(text: str) -> None:
    assert isinstance(parse_date(text), EdtfDate)


@pytest.mark.parametrize(
    "text",
    ["2004-04-05T14:34:00Z", "2004-04-05T14:34:00+05:00", "2004-04-05T14:34:00.123-03:30",
     "2004-04-05T23:59:59", "2000-02-29", "2004-21", "2004-41", "2000?/2008", "2000~/..",
     " 2024-01-02 ", "2024 ~", "Y170000002"],
)  # fmt: skip
def test_more_valid_forms(text: str) -> None:
    assert isinstance(parse_date(text), EdtfDate)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "day 30 does not exist in February 2024 (February 2024 has 29 days)"),
        ("2023-02-29", "2023 is not a leap year"),
        ("1900-02-29", "1900 is not a leap year"),
        ("2024-13", "month 13 does not exist"),
        ("2024-00", "month 00 does not exist"),
        ("2024-04-31", "April 2024 has 30 days"),
        ("2024-01-00", "days start at 01"),
        ("2004-42", "month 42 does not exist"),
        ("2004-22-05", "takes no day"),
        ("199X-05", "unspecified digits are allowed only as in"),
        ("1999-XX-05", "unspecified digits are allowed only as in"),
        ("2004-04-05T24:00:00", "time 24:00 does not exist"),
        ("2004-04-05T12:00:00+15:00", "time zone +15:00 does not exist"),
        ("2010/2005", "the range ends (2005) before it starts (2010)"),
        ("../..", "a range needs at least one end"),
        ("/", "a range needs at least one end"),
        ("1990/1995/2000", "is not an ISO 8601 date"),
        ("1995-1-04", "is not an ISO 8601 date"),
        ("95", "is not an ISO 8601 date"),
        ("1999-X1", "is not an ISO 8601 date"),
        ("2004-04-05T14:34", "a time needs its seconds"),  # biber: "Invalid format"
        ("2004-04-05T14:34-0330", "a time needs its seconds"),
        ("2004-04-05T23:59:60", "time 23:59 does not exist"),  # biber has no leap second
        ("{2024}", "braces inside the value"),
        ("1999-01-XX~", "unspecified digits (X) with a qualifier"),
        ("２０２４-10-30", "biblatex reads the digits 0-9 only"),
        ("", "is empty"),
    ],
)
def test_invalid_dates_say_why(text: str, message: str | None) -> None:
    parsed = parse_date(text)
    if message is None:
        assert isinstance(parsed, EdtfDate)
    else:
        assert isinstance(parsed, DateError)
        assert message in parsed.message


def test_intervals_cover_what_the_date_may_mean() -> None:
    def span(text: str) -> tuple[str, str]:
        parsed = parse_date(text)
        assert isinstance(parsed, EdtfDate)
        assert parsed.earliest is not None and parsed.latest is not None
        return civil_from_days(parsed.earliest), civil_from_days(parsed.latest)

    assert span("2024") == ("2024-01-01", "2024-12-31")
    assert span("2024-02") == ("2024-02-01", "2024-02-29")
    assert span("199X") == ("1990-01-01", "1999-12-31")
    assert span("19XX") == ("1900-01-01", "1999-12-31")
    assert span("1999-01-XX") == ("1999-01-01", "1999-01-31")
    assert span("2004-22") == ("2004-01-01", "2004-12-31")  # seasons: the year is sure
    assert span("-0876") == ("-0876-01-01", "-0876-12-31")
    assert span("1995-03-30/1995-04-05") == ("1995-03-30", "1995-04-05")


def test_open_ranges_have_no_bound_on_the_open_side() -> None:
    parsed = parse_date("../1997")
    assert isinstance(parsed, EdtfDate)
    assert parsed.earliest is None and parsed.latest is not None
    parsed = parse_date("1997/")
    assert isinstance(parsed, EdtfDate)
    assert parsed.latest is None and parsed.is_range


def test_qualifiers_and_unspecified_digits_mark_the_date_qualified() -> None:
    for text in ("1723~", "1723?", "1723%", "199X", "1999-XX", "2000?/2008"):
        parsed = parse_date(text)
        assert isinstance(parsed, EdtfDate) and parsed.qualified, text
    plain = parse_date("2024-05-01")
    assert isinstance(plain, EdtfDate) and not plain.qualified and plain.exact_day


@pytest.mark.parametrize("text", ["1999-01~", "1999-01?", "1999-01%", "1999-21~"])
def test_a_qualifier_makes_the_year_unsure_with_unspecified_digits_too(text: str) -> None:
    parsed = parse_date(text)
    assert isinstance(parsed, EdtfDate) and parsed.qualified and parsed.year is None


@pytest.mark.parametrize("text", ["1999-01", "1999-01-XX", "1999-XX", "1999-XX-XX", "1999-21"])
def test_unspecified_digits_alone_leave_the_year_sure(text: str) -> None:
    parsed = parse_date(text)
    assert isinstance(parsed, EdtfDate) and parsed.year == 1999


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_day_numbers_agree_with_the_standard_library(value: date) -> None:
    number = day_number(value)
    assert number == value.toordinal() - date(1970, 1, 1).toordinal()
    assert civil_from_days(number) == value.isoformat()
    parsed = parse_date(value.isoformat())
    assert isinstance(parsed, EdtfDate) and parsed.earliest == number == parsed.latest


@given(st.integers(min_value=-3_000_000, max_value=3_000_000))
def test_day_numbers_round_trip_through_negative_years(number: int) -> None:
    text = civil_from_days(number)
    sign = -1 if text.startswith("-") else 1
    year, month, day = text.lstrip("-").split("-")
    assert days_from_civil(sign * int(year), int(month), int(day)) == number


@given(st.integers(min_value=-2000, max_value=3000), st.integers(min_value=1, max_value=12))
def test_month_lengths_follow_the_gregorian_calendar(year: int, month: int) -> None:
    first = days_from_civil(year, month, 1)
    following = days_from_civil(year + (month == 12), month % 12 + 1, 1)
    assert following - first == days_in_month(year, month)


def test_leap_years() -> None:
    assert [days_in_month(y, 2) for y in (1900, 2000, 2023, 2024, 0, -4, -100)] == [
        28, 29, 28, 29, 29, 29, 28,
    ]  # fmt: skip


@given(st.text(max_size=40))
def test_parsing_never_raises(text: str) -> None:
    assert isinstance(parse_date(text), EdtfDate | DateError)


@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["{:%Y}年{m}月{d}日", "{:%d %B %Y}",
       "{:%B} {d}, {:%Y}", "{:%Y}/{:%m}/{:%d}", "{:%d}.{:%m}.{:%Y}", "{:%d %b %Y}"]))  # fmt: skip
def test_clear_non_iso_dates_get_their_iso_form(value: date, layout: str) -> None:
    text = layout.replace("{m}", str(value.month)).replace("{d}", str(value.day))
    text = text.format(value, value, value)
    assert suggest_iso(text) == value.isoformat()
    parsed = parse_date(text)
    assert isinstance(parsed, DateError) and parsed.suggestion == value.isoformat()


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024年10月30日", "2024-10-30"),
        ("２０２４年１０月３０日", "2024-10-30"),
        ("2024年10月", "2024-10"),
        ("October 2024", "2024-10"),
        ("Oct. 30, 2024", "2024-10-30"),
        ("30th October 2024", "2024-10-30"),
        ("1995-1-4", "1995-01-04"),
        ("13/11/2024", "2024-11-13"),
        ("11/13/2024", "2024-11-13"),
        ("10/11/2024", None),  # day-first or month-first: not clear
        ("Spring 1999", None),
        ("2024/13/01", None),
        ("Smarch 30, 2024", None),
    ],
)
def test_suggestions_only_for_clear_dates(text: str, iso: str | None) -> None:
    assert suggest_iso(text) == iso


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024年2月30日", "day 30 does not exist in February 2024 (February 2024 has 29 days)"),
        ("30 February 2024", "day 30 does not exist in February 2024"),
        ("2023/2/29", "2023 is not a leap year"),
        ("31.04.2024", "April 2024 has 30 days"),
    ],
)
def test_clear_dates_that_do_not_exist_get_no_suggestion(text: str, reason: str) -> None:
    with pytest.raises(ImpossibleDate, match=re.escape(reason)):
        suggest_iso(text)
    parsed = parse_date(text)
    assert isinstance(parsed, DateError) and parsed.suggestion is None
    assert reason in parsed.message


def test_month_field_values() -> None:
    assert [month_field_number(v) for v in ("January", "jan", "Jan.", "sept", "1", "01", "12")] == [
        1, 1, 1, 9, 1, 1, 12,
    ]  # fmt: skip
    for unreadable in ("????", "January--February", "13", "Spring", "ma", ""):
        assert month_field_number(unreadable) is None


def test_dates_one_day_apart_are_one_day_apart() -> None:
    today = date(2024, 2, 28)
    assert day_number(today + timedelta(days=2)) - day_number(today) == 2


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("２０２４-10-30", "2024-10-30"),  # full-width
        ("٢٠٢٤-١٠-٣٠", "2024-10-30"),  # Arabic-Indic
        ("२०२४-10", "2024-10"),  # Devanagari
        ("٢٠٢٤年١٠月٣٠日", "2024-10-30"),  # another script in a Japanese date
        ("２０２４年２月３０日", None),  # no such day: nothing to suggest
    ],
)
def test_digits_of_other_scripts_are_invalid_with_the_iso_form(
    text: str, suggestion: str | None
) -> None:
    parsed = parse_date(text)
    assert isinstance(parsed, DateError)
    assert parsed.suggestion == suggestion


def test_a_year_field_in_other_digits_is_no_year() -> None:
    from refcheck.dates.entry_dates import year_number

    assert year_number("2024") == 2024
    assert year_number("２０２４") is None
