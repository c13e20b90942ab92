"""Bad .bib input: one clear problem at the right place, and the rest still read."""

from __future__ import annotations

import pytest

from refcheck.bib import parse_text

# After every broken entry comes an intact one, which must survive.
INTACT = "\n@book{intact, title = {Still here}}\n"

# (name, text, [(line, col, message substring)], keys read)
CASES = [
    (
        "unbalanced brace swallows the next fields",
        "@article{a,\n  title = {Foo {bar},\n  year = 2000\n}\n" + INTACT,
        [(2, 11, "the value of field 'title' (line 2) in entry 'a' runs over the fields")],
        ["a", "intact"],
    ),
    (
        "unbalanced brace runs into the next entry",
        "@article{a,\n  title = {Foo {bar},\n  year = 2000,\n" + INTACT,
        [
            (
                2,
                11,
                "unbalanced '{' in field 'title' of entry 'a': it runs to the next entry at line 5",
            )
        ],
        ["a", "intact"],
    ),
    (
        "extra closing brace",
        "@article{a,\n  title = {Foo}},\n  year = 2000\n}\n" + INTACT,
        [(3, 3, "a field outside any entry: an extra '}'")],
        ["a", "intact"],
    ),
    (
        "entry not closed before the next one",
        "@article{a,\n  title = {Foo},\n" + INTACT,
        [(1, 1, "entry 'a' is not closed: add '}' before line 4")],
        ["a", "intact"],
    ),
    (
        "entry not closed at the end of the file",
        INTACT + "@article{a,\n  title = {Foo},\n",
        [(3, 1, "entry 'a' is not closed: add '}' at the end of the file")],
        ["intact", "a"],
    ),
    (
        "unterminated string closed by the entry's brace",
        '@article{a,\n  title = "Foo,\n  year = 2000\n}\n' + INTACT,
        [(2, 11, "unterminated string in field 'title' of entry 'a': the '}' at line 4")],
        ["a", "intact"],
    ),
    (
        "unterminated string at the end of the file",
        INTACT + '@article{a,\n  title = "Foo,\n',
        [(4, 11, "unterminated string in field 'title' of entry 'a': it runs to the end")],
        ["intact", "a"],
    ),
    (
        "unknown entry type: read like any other (unknown-entry-type reports it)",
        "@webpage{a, title = {x}}\n@WebPage{b, title = {y}}\n" + INTACT,
        [],
        ["a", "b", "intact"],
    ),
    (
        "entry without its @",
        "article{a,\n  title = {x},\n}\n" + INTACT,
        [(1, 1, "this looks like an entry without its '@'")],
        ["intact"],
    ),
    (
        "stray closing brace between entries",
        "@misc{a, title = {x}}\n}\n" + INTACT,
        [(2, 1, "a '}' outside any entry")],
        ["a", "intact"],
    ),
    (
        "undefined macro, reported once with a count",
        "@misc{a, journal = jgr}\n@misc{b, journal = JGR}\n" + INTACT,
        [(1, 20, "undefined macro 'jgr' in field 'journal' of entry 'a'"), (1, 20, "once more")],
        ["a", "b", "intact"],
    ),
    (
        "undefined macro in a concatenation, counted once per use",
        '@misc{a, journal = jgr # " Letters", note = jgr # jgr}\n' + INTACT,
        [(1, 20, "undefined macro 'jgr' in field 'journal' of entry 'a'"), (1, 20, "2 more times")],
        ["a", "intact"],
    ),
    (
        "missing key",
        "@misc{title = {x}, year = 2000}\n" + INTACT,
        [(1, 1, "the @misc entry at line 1 has no key: write '@misc{key,'")],
        ["", "intact"],
    ),
    (
        "missing equals sign",
        "@misc{a, title {x}, year = 2000}\n" + INTACT,
        [(1, 10, "missing '=' after field name 'title' in entry 'a'")],
        ["a", "intact"],
    ),
    (
        "missing comma between fields",
        "@misc{a,\n  title = {x}\n  year = 2000\n}\n" + INTACT,
        [(3, 3, "missing ',' after field 'title' in entry 'a'")],
        ["a", "intact"],
    ),
    (
        "missing comma after the key",
        "@misc{a\n  title = {x}}\n" + INTACT,
        [(2, 3, "missing ',' after the key of entry 'a'")],
        ["a", "intact"],
    ),
    (
        "unbalanced brace swallows the fields on its own line and the entry's end",
        "@article{a, title={Unbalanced {brace}, date={2023-02-29}}\n" + INTACT,
        [(1, 19, "the value of field 'title' (line 1) in entry 'a' runs over the fields")],
        ["a", "intact"],
    ),
    (
        "unbraced value",
        "@article{a, title={T}, date=2023-02-29, doi = 10.1000/x}\n" + INTACT,
        [
            (1, 29, "'2023-02-29' in field 'date' of entry 'a': a value without braces"),
            (1, 29, "put the value in braces: {2023-02-29}"),
            (1, 47, "put the value in braces: {10.1000/x}"),
        ],
        ["a", "intact"],
    ),
    (
        "stray @ before a word",
        "@ junk here\n" + INTACT,
        [(1, 1, "'@junk' starts no entry: remove the stray '@', or put the text in @comment")],
        ["intact"],
    ),
    (
        "missing value",
        "@misc{a, title = , year = 2000}\n" + INTACT,
        [(1, 18, "missing value for field 'title' of entry 'a': found ','")],
        ["a", "intact"],
    ),
    (
        "type without delimiter",
        "@misc a, title = {x}\n" + INTACT,
        [(1, 1, "'@misc' must be followed by '{' or '('")],
        ["intact"],
    ),
    (
        "lone @",
        "@\n" + INTACT,
        [(1, 1, "'@' starts no entry")],
        ["intact"],
    ),
    (
        "@string without =",
        "@string{foo {bar}}\n" + INTACT,
        [(1, 9, "missing '=' after @string name 'foo'")],
        ["intact"],
    ),
    (
        "@preamble not closed",
        '@preamble{"x"\n' + INTACT,
        [(3, 1, "expected '}' to close @preamble, found '@'")],
        ["intact"],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "keys"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_is_reported_and_the_rest_is_read(
    text: str, expected: list[tuple[int, int, str]], keys: list[str]
) -> None:
    bib = parse_text(text, "bad.bib")
    assert bib.readable
    assert [e.key for e in bib.entries] == keys
    assert len(bib.problems) == len({(line, col) for line, col, _ in expected})
    for line, col, fragment in expected:
        assert any(
            (p.path, p.line, p.col) == ("bad.bib", line, col) and fragment in p.message
            for p in bib.problems
        ), (line, col, fragment, bib.problems)
    intact = bib.entries[keys.index("intact")]
    assert intact.get("title") == "Still here"


def test_non_ascii_digits_are_macro_names_not_numbers() -> None:
    bib = parse_text("@misc{a, title = \u0661\u0662 # x, year = \uff12\uff10}", "t.bib")
    assert [f.value for f in bib.entries[0].fields] == ["\u0661\u0662x", "\uff12\uff10"]
    assert [p.message.split(":")[0] for p in bib.problems] == [
        "undefined macro '\u0661\u0662' in field 'title' of entry 'a'",
        "undefined macro 'x' in field 'title' of entry 'a'",
        "undefined macro '\uff12\uff10' in field 'year' of entry 'a'",
    ]


def test_plain_prose_between_entries_is_not_reported() -> None:
    text = (
        "This bibliography was exported on 2024-01-01.\n"
        "Questions: mail someone@example.org (or see the {web site}).\n"
        "%%% Beebe-style header: version = 1.2, date = 2007\n"
        "@misc{a, title = {x}}\n"
        "Notes about entry a follow; they are comments to BibTeX.\n"
    )
    bib = parse_text(text, "t.bib")
    assert bib.problems == []
    assert [e.key for e in bib.entries] == ["a"]


def test_many_broken_entries_each_reported_once() -> None:
    broken = "".join(f"@misc{{k{i},\n  title = {{x,\n\n" for i in range(50))
    bib = parse_text(broken + INTACT, "t.bib")
    assert [e.key for e in bib.entries] == [f"k{i}" for i in range(50)] + ["intact"]
    assert [p.line for p in bib.problems] == [2 + 3 * i for i in range(50)]
