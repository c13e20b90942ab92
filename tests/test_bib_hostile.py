"""The .bib scanner on hostile input (issue 15, and issue 11's parser case): nothing
hidden, nothing invented, and bounded work.

- an unclosed ``@comment{`` no longer swallows the entries after it; the comment is
  reported at its line;
- one NUL byte is reported at its line and the rest is checked;
- ``@string`` expansion is bounded, with a problem saying so;
- a line starting ``@article{`` inside a braced or quoted value is part of the value, as
  pybtex (checked here against the real pybtex) and biber read it.
"""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from refcheck.bib import parse_bytes, parse_text
from refcheck.bib.values import EXPANSION_BASE, MAX_EXPANDED_VALUE


def keys(text: str) -> list[str]:
    return [e.key for e in parse_text(text, "t.bib").entries]


def problems(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in parse_text(text, "t.bib").problems]


# -- @comment ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # runs to the end of the file
        "@comment{ note\n\n@article{a, title = {A}}\n@article{b, title = {B}}\n",
        # closed only by a stray '}' at the end, past every entry
        "@comment{ note\n@article{a, title = {A}}\n@article{b, title = {B}}\n}\n",
        # one '{' too many in the comment's own line
        "@comment{ note {\n@article{a, title = {A}}\n}\n@article{b, title = {B}}\n",
        "@comment( note\n@article{a, title = {(A)}}\n@article{b, title = {B}}\n",
    ],
)
def test_entries_after_an_unclosed_comment_are_read_and_the_comment_reported(text: str) -> None:
    assert keys(text) == ["a", "b"]
    assert list(parse_string(text, "bibtex").entries) == ["a", "b"]  # as pybtex reads them
    first = problems(text)[0]
    assert first[0] == 1
    assert first[1].startswith("@comment is not closed before the entry at line ")


def test_an_unclosed_comment_at_the_end_is_reported() -> None:
    assert problems("@article{a, title = {A}}\n@comment{ trailing note\n") == [
        (2, "@comment is not closed: add '}' (biber stops reading the file here; "
            "BibTeX and pybtex read on)")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "@comment{ @misc{hidden, title = {x}} }\n@misc{k, title = {x}}\n",
        "@comment{jabref-meta: databaseType:bibtex;}\n@misc{k, title = {x}}\n",
        # entries commented out on purpose are indented inside the block
        "@Comment{\n  @Book{old,\n    title = {Old},\n  }\n}\n@misc{k, title = {x}}\n",
        "@comment{ a {nested} note\n  spanning lines }\n@misc{k, title = {x}}\n",
    ],
)
def test_closed_comments_stay_comments(text: str) -> None:
    assert keys(text) == ["k"]
    assert problems(text) == []


def test_many_unclosed_comments_are_read_in_linear_time() -> None:
    text = "@comment{ x\n@misc{k, title = {x}}\n" * 20_000  # each scan stops at the next entry
    bib = parse_text(text, "t.bib")
    assert len(bib.entries) == 20_000
    assert len(bib.problems) == 20_000


# -- NUL --------------------------------------------------------------------------------


def test_one_nul_byte_is_reported_at_its_line_and_the_rest_is_read() -> None:
    data = (
        b"@article{a, title = {A}, date = {2024-01-01}}\n"
        b"@article{b, title = {B\x00}, date = {2024-01-01}}\n"
        b"@article{c, title = {C}, date = {2024-01-01}}\n"
    )
    bib = parse_bytes(data, "t.bib")
    assert bib.readable
    assert [e.key for e in bib.entries] == ["a", "b", "c"]
    [problem] = bib.problems
    assert (problem.line, problem.col) == (2, 23)
    assert problem.message.startswith("a NUL character (byte 0)")
    assert bib.entries[1].get("title") == "B\ufffd"


def test_nul_lines_past_twenty_are_counted() -> None:
    data = b"@misc{k, note = {\x00\x00}}\n" * 25 + b"@misc{z, note = {ok}}\n" * 5000
    bib = parse_bytes(data, "t.bib")
    assert len(bib.entries) == 5025
    assert len(bib.problems) == 20
    assert bib.problems[-1].message.endswith("(5 more lines hold NUL characters)")


def test_a_file_of_mostly_control_bytes_is_still_binary() -> None:
    assert not parse_bytes(b"\x00\x01\x02\x03" * 1000, "t.bib").readable
    utf16_without_bom = "@misc{k, title = {x}}\n".encode("utf-16-le") * 10
    assert not parse_bytes(utf16_without_bom, "t.bib").readable


# -- @string expansion --------------------------------------------------------------------


def doubling(steps: int) -> str:
    text = '@string{a0 = "xy"}\n'
    for i in range(1, steps + 1):
        text += f"@string{{a{i} = a{i - 1} # a{i - 1}}}\n"
    return text + f"@article{{k, title = a{steps}, note = {{a}} # a{steps} # a{steps}}}\n"


def test_doubling_macros_are_cut_and_reported() -> None:
    text = doubling(40)  # 2**41 characters unbounded
    bib = parse_text(text, "t.bib")
    [entry] = bib.entries
    assert all(len(f.value) <= MAX_EXPANDED_VALUE for f in entry.fields)
    messages = [p.message for p in bib.problems]
    assert any(
        m.startswith("the value of @string 'a16' is 131,072 characters long") for m in messages
    )
    assert any("refcheck stops expanding them here" in m for m in messages)
    total = sum(len(v) for v in parse_text(text, "t.bib").entries[0].fields for v in [v.value])
    assert total <= EXPANSION_BASE


def test_ordinary_macros_are_untouched() -> None:
    text = '@string{jr = "Journal of Research"}\n' + "".join(
        f"@article{{k{i}, journal = jr # {{ (2nd series)}}}}\n" for i in range(3000)
    )
    bib = parse_text(text, "t.bib")
    assert bib.problems == []
    assert {e.get("journal") for e in bib.entries} == {"Journal of Research (2nd series)"}


# -- entries inside values: as pybtex reads them ----------------------------------------------

INSIDE_VALUES = [
    "@article{a,\n  title = {One\n@article{inner, title = {x}}\n  more},\n  date = {2024}\n}\n"
    "@book{b, title = {Two}}\n",
    '@article{a, title = "One\n@book{q, title={y}}\n", date = {2024}}\n@book{b, title = {Two}}\n',
    "@article{a,\n  abstract = {Cite it as\n@misc{ex,\n  title = {{Deep {nesting} here}},\n}\n"
    "  please},\n}\n@book{b, title = {Two}}\n",
    "@string{s = {text\n@article{fake, title = {no}}\n}}\n@article{a, title = s}\n"
    "@book{b, title = {Two}}\n",
]


@pytest.mark.parametrize("text", INSIDE_VALUES)
def test_a_line_starting_an_entry_inside_a_value_is_part_of_it_as_pybtex_reads_it(
    text: str,
) -> None:
    ours = parse_text(text, "t.bib")
    theirs = parse_string(text, "bibtex")
    assert ours.problems == []
    assert [e.key for e in ours.entries] == list(theirs.entries)
    for entry in ours.entries:
        expected = theirs.entries[entry.key].fields
        for field in entry.fields:
            assert " ".join(field.value.split()) == " ".join(expected[field.name].split())


@pytest.mark.parametrize(
    "text",
    [
        # the value lost its '}': the next entry is still read on its own
        "@article{a,\n  title = {{One}\n@book{b, title = {Two}}\n",
        '@article{a,\n  title = "One\n@book{b, title = {Two}}\n',
        # braces balance but no ',' or '}' follows: the next entry is not swallowed
        "@article{a,\n  title = {One\n@book{b, title = {Two}}\n}  x\n",
    ],
)
def test_a_value_that_lost_its_delimiter_still_stops_at_the_next_entry(text: str) -> None:
    assert "b" in keys(text)
    assert any("runs to the next entry at line 3" in m for _, m in problems(text))


def test_entry_lines_inside_a_value_are_looked_across_a_bounded_number_of_times() -> None:
    """Past four levels of braces the value is read brace by brace, looking across at
    most 16 entry lines: so a file of runaway values is not read once per value."""
    deep = "{{{{{deep}}}}}"
    for count, read_as_pybtex in ((16, True), (17, False)):
        inner = "".join(f"@misc{{i{n}, title = {{x}}}}\n" for n in range(count))
        text = f"@article{{a,\n  title = {{One {deep}\n{inner}}},\n}}\n"
        assert list(parse_string(text, "bibtex").entries) == ["a"]
        assert (keys(text) == ["a"]) is read_as_pybtex
