"""BibTeX output: the refs.bib schema, escaping that every parser reads back exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

from refcheck.bib import parse_text
from refcheck.importer import Reference
from refcheck.importer.bibtex import escape_value, format_bibliography, unescape_value


def _reference(**fields: object) -> Reference:
    base: dict[str, object] = {"number": 1, "line": 1, "title": "題名", "wpformat": "web"}
    base.update(fields)
    return Reference(**base)  # type: ignore[arg-type]


def test_entry_layout_and_field_names() -> None:
    text = format_bibliography(
        ["axe-2025"],
        [
            _reference(
                author="David Axe",
                work="フォーブス ジャパン",
                publisher="Linkties",
                date="2024-08-01",
                urldate="2025-01-12",
                archivedate="2025-01-13",
                language="english",
                sourceflag="{{cite news}}: |date= の日付が不正です。 (説明)⚠",
                wpformat="news",
            )
        ],
        header=["made by a test (at)home", "mail x@y"],
    )
    assert text == (
        "% made by a test (at)home\n"
        "% mail x(at)y\n"
        "\n"
        "@article{axe-2025,\n"
        "  author       = {{David Axe}},\n"
        "  title        = {題名},\n"
        "  journaltitle = {フォーブス ジャパン},\n"
        "  publisher    = {Linkties},\n"
        "  date         = {2024-08-01},\n"
        "  urldate      = {2025-01-12},\n"
        "  archivedate  = {2025-01-13},\n"
        "  language     = {english},\n"
        "  sourceflag   = {{{cite news}}: |date= の日付が不正です。 (説明)⚠},\n"
        "  wpformat     = {news}\n"
        "}\n"
    )


def test_last_first_author_is_not_double_braced() -> None:
    text = format_bibliography(["k"], [_reference(author="Axe, David", author_is_literal=False)])
    assert "  author   = {Axe, David},\n" in text
    person = parse_string(text, "bibtex").entries["k"].persons["author"][0]
    assert (person.last_names, person.first_names) == (["Axe"], ["David"])


def test_literal_author_stays_one_name_for_pybtex() -> None:
    text = format_bibliography(["k"], [_reference(author="時事通信外信部")])
    persons = parse_string(text, "bibtex").entries["k"].persons["author"]
    assert [str(person) for person in persons] == ["{時事通信外信部}"]


def test_specials_are_escaped() -> None:
    assert escape_value("【Q&A】 50% #1 a_b ~ \\") == (
        r"【Q\&A】 50\% \#1 a\_b \textasciitilde{} \textbackslash{}"
    )
    assert escape_value("{{cite news}}") == "{{cite news}}"
    assert escape_value("a } b { c") == r"a \textbraceright{} b \textbraceleft{} c"
    assert escape_value("line\nbreak") == "line break"


# Text as a source can hold it: any characters but line breaks (values are single-line).
single_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60
).map(lambda text: " ".join(text.split()))


@given(single_line)
def test_unescape_inverts_escape(text: str) -> None:
    assert unescape_value(escape_value(text)) == text


@settings(deadline=None)  # two BibTeX parsers per example; a loaded machine must not fail it
@given(title=single_line.filter(bool), flag=single_line)
def test_any_text_makes_one_entry_that_both_parsers_read_back(title: str, flag: str) -> None:
    reference = _reference(title=title, sourceflag=flag or None)
    text = format_bibliography(["k"], [reference], header=[title])
    entries = parse_string(text, "bibtex").entries
    assert list(entries) == ["k"]
    assert unescape_value(entries["k"].fields["title"]) == title
    ours = parse_text(text, "gen.bib")
    assert ours.problems == []
    assert [entry.key for entry in ours.entries] == ["k"]
    assert unescape_value(ours.entries[0].get("title") or "") == title
