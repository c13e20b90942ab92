"""Properties of --fix on generated .bib files: fixing twice is fixing once, and each fix
removes its own finding without adding another."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.config import Config
from refcheck.engine import build_project, check_project, collect_inputs
from refcheck.fixes.runner import FixOutcome, fix_project

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_MONTHS = ["January", "February", "March", "October", "November", "December"]


@st.composite
def dates(draw: st.DrawFn, years: tuple[int, int]) -> str:
    year = draw(st.integers(*years))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    form = draw(st.sampled_from(["iso", "kanji", "kanji-wide", "english", "us", "slashes", "odd"]))
    if form == "iso":
        return f"{year}-{month:02d}-{day:02d}"
    if form == "kanji":
        return f"{year}年{month}月{day}日"
    if form == "kanji-wide":
        return f"{year}年{month}月{day}日".translate(_FULL_WIDTH)
    if form == "english":
        return f"{day} {_MONTHS[month % 6]} {year}"
    if form == "us":
        return f"{_MONTHS[month % 6]} {day}, {year}"
    if form == "slashes":
        return f"{year}/{month}/{day}"
    return f"{day:02d}/{month:02d}/{year}"  # ambiguous when both are 12 or less: left alone


@st.composite
def entries(draw: st.DrawFn, key: str) -> str:
    # Titles of their own: a date the fix makes readable could otherwise reveal two
    # entries as one work (same title, journal and date), which its unreadable form hid.
    fields = [("title", draw(st.sampled_from(["Troops", "A {B} c", "Über"])) + f" {key}")]
    # Access dates a year after publication at least: a date the fix makes readable could
    # otherwise reveal an access before publication that its unreadable form hid.
    fields.append(("date", draw(dates((1995, 2022)))))
    if draw(st.booleans()):
        fields.append(("urldate", draw(dates((2023, 2024)))))
    fields.append(("url", f"https://example.org/{key}"))
    if draw(st.booleans()):
        fields.append(("journal", "Nature"))
        fields.append(("journaltitle", draw(st.sampled_from(["Nature", "Science"]))))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(fields)))
        name, value = fields[draw(st.integers(0, len(fields) - 1))]
        fields.insert(at, (name, value if draw(st.booleans()) else value + " again"))
    quote = draw(st.sampled_from(["{}", '""']))
    written = [f"{name} = {quote[0]}{value}{quote[1]}" for name, value in fields]
    if draw(st.booleans()):
        return f"@online{{{key}, " + ", ".join(written) + "}\n"
    indent = draw(st.sampled_from(["  ", "\t", "    "]))
    comma = "," if draw(st.booleans()) else ""
    body = ",\n".join(indent + w for w in written)
    return f"@online{{{key},\n{body}{comma}\n}}\n"


@st.composite
def bib_files(draw: st.DrawFn) -> bytes:
    count = draw(st.integers(1, 4))
    text = "\n".join(draw(entries(f"k{i}")) for i in range(count))
    if draw(st.booleans()):
        text = "% a comment\n" + text
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + text.replace("\n", newline)).encode("utf-8")


def _fix(data: bytes) -> tuple[FixOutcome, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "refs.bib"
        path.write_bytes(data)
        outcome = fix_project(collect_inputs([path]), Config())
        return outcome, outcome.changes[0][1] if outcome.changes else data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bib_files())
def test_fixing_twice_is_fixing_once(data: bytes) -> None:
    _once, fixed = _fix(data)
    twice, fixed_again = _fix(fixed)
    assert twice.fixed == []
    assert fixed_again == fixed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bib_files())
def test_a_fix_removes_its_finding_and_adds_none(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "refs.bib"
        path.write_bytes(data)
        before = check_project(build_project([path], []), Config()).findings
        outcome = fix_project(collect_inputs([path]), Config())
    fixed = Counter((f.finding.rule, f.finding.key) for f in outcome.fixed)
    remaining = Counter((f.rule, f.key) for f in outcome.result.findings)
    found = Counter((f.rule, f.key) for f in before)
    assert fixed <= found  # (a later pass fixes a finding moved by an earlier one: same rule, key)
    # Nothing added; removing a repeated field may take findings about it along.
    assert remaining <= found - fixed
