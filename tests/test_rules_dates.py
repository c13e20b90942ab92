"""The date rules on small inputs: messages, precision, options (no engine involved)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from refcheck.bib import parse_text
from refcheck.rules import all_rules
from refcheck.rules.registry import RULES, Context, Options, Project, Report
from rule_runner import AS_OF, bib, run_rule


def run(name: str, text: str, as_of: date = AS_OF, **options: Any) -> list[Report]:
    return run_rule(name, bib(text), as_of=as_of, **options)


def messages(name: str, text: str, **kwargs: Any) -> list[str]:
    return [r.message for r in run(name, text, **kwargs)]


def test_date_invalid_points_at_the_field_line() -> None:
    text = "@article{k,\n  title = {T},\n  date = {2024-02-30},\n}\n"
    [report] = run("date-invalid", text)
    assert (report.location.line, report.location.col, report.key) == (3, 3, "k")
    assert report.message == (
        "date '2024-02-30' is not a real date: day 30 does not exist in February 2024 "
        "(February 2024 has 29 days)"
    )


def test_date_invalid_suggests_the_iso_form() -> None:
    assert messages("date-invalid", "@article{k, urldate = {2024年10月30日}}") == [
        "urldate '2024年10月30日' is not an ISO 8601 date: write 2024-10-30"
    ]


def test_date_invalid_checks_only_biblatex_date_fields() -> None:
    text = "@article{k, year = {2024/10/30}, note = {30 Oct 2024}, timestamp = {2024.10.30}}"
    assert messages("date-invalid", text) == []


@pytest.mark.parametrize(
    ("published", "accessed", "expected"),
    [
        ("2024-11-29", "2024-11-10", "urldate 2024-11-10 is 19 days before the publication"),
        ("2025-02-01", "2025-01-31", "1 day before"),
        ("2024-12-05", "2024-11", "at least 5 days before"),
        ("2025-01-01/2025-12-31", "2024-12-30", "at least 2 days before"),
    ],
)  # fmt: skip
def test_access_before_publication_counts_days(
    published: str, accessed: str, expected: str
) -> None:
    text = f"@article{{k, date = {{{published}}}, urldate = {{{accessed}}}}}"
    [message] = messages("access-before-publication", text)
    assert expected in message


@pytest.mark.parametrize(
    ("published", "accessed"),
    [
        ("2025-01-13", "2025-01-13"),
        ("2024-11-20", "2024-11"),
        ("2024", "2024-01-01"),
        ("2024-12~", "2024-11-10"),
        ("2024-12-01?", "2024-11-10"),
        ("2024-XX", "2024-03-01"),
        ("../2024-12-01", "2024-11-10"),
        ("2024-11-01/2024-12-31", "2024-11-10"),
        ("2024-11-10", "2024-11-01/.."),
    ],
)
def test_access_before_publication_is_silent_when_the_order_is_not_certain(
    published: str, accessed: str
) -> None:
    text = f"@article{{k, date = {{{published}}}, urldate = {{{accessed}}}}}"
    assert messages("access-before-publication", text) == []


def test_access_before_publication_uses_year_and_month_without_date() -> None:
    text = "@article{k, year = {2024}, month = dec, urldate = {2024-11-30}}"
    assert messages("access-before-publication", text) == [
        "urldate 2024-11-30 is at least 1 day before the publication date 2024-12 (from year/month)"
    ]


def test_date_in_future_with_one_day_of_grace_for_access_dates() -> None:
    text = (
        "@online{a, date = {2025-06-02}, urldate = {2025-06-02}}\n"
        "@online{b, date = {2025-06-01}, urldate = {2025-06-03}}\n"
    )
    assert messages("date-in-future", text) == [
        "date 2025-06-02 is after the as-of date 2025-06-01 (1 day ahead)",
        "urldate 2025-06-03 is after the as-of date 2025-06-01 (2 days ahead)",
    ]
    assert messages("date-in-future", text, **{"grace-days": 2}) == [
        "date 2025-06-02 is after the as-of date 2025-06-01 (1 day ahead)"
    ]


def test_date_in_future_follows_the_as_of_date() -> None:
    text = "@online{a, date = {2025-06-02}}"
    assert messages("date-in-future", text, as_of=date(2025, 6, 2)) == []
    assert len(messages("date-in-future", text, as_of=date(2025, 6, 1))) == 1


def test_date_in_future_spares_forthcoming_works_but_not_their_access_dates() -> None:
    text = "@article{a, date = {2026}, pubstate = {forthcoming}, urldate = {2026-01-05}}"
    assert messages("date-in-future", text) == [
        "urldate 2026-01-05 is after the as-of date 2025-06-01 (218 days ahead)"
    ]


def test_access_date_too_early_default_floor_and_option() -> None:
    text = "@online{a, url = {https://example.org/a}, urldate = {1990-05-01}}"
    assert messages("access-date-too-early", text) == [
        "urldate 1990-05-01 is before 1991-08-06, when the first web site went public"
    ]
    assert messages("access-date-too-early", text, floor=date(1989, 1, 1)) == []
    assert messages("access-date-too-early", text, floor="1990-06-01") == [
        "urldate 1990-05-01 is before 1990-06-01 (the configured access floor)"
    ]


def test_access_date_too_early_reads_the_engine_floor() -> None:
    text = "@online{a, url = {https://example.org/a}, urldate = {1995-05-01}}"
    all_rules()
    project = Project(bibfiles=[parse_text(text, "t.bib")])
    ctx = Context(project, Options(as_of=AS_OF, access_floor=date(1996, 1, 1)))
    assert len(list(RULES["access-date-too-early"].check(ctx))) == 1


def test_a_bad_floor_option_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="floor must be a date"):
        run("access-date-too-early", "@online{a, urldate = {1990}}", floor="last year")


def test_date_invalid_quotes_a_long_value_clipped() -> None:
    [message] = messages("date-invalid", "@article{k, date = {" + "1" * 5000 + "}}")
    assert len(message) < 300
    assert message.startswith("date '1111") and "(5000 characters)" in message
