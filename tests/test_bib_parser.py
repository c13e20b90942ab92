"""The BibTeX parser on well-formed input: values, positions, macros, comments."""

from __future__ import annotations

from refcheck.bib import parse_text
from refcheck.model import Entry


def only_entry(text: str) -> Entry:
    bib = parse_text(text, "t.bib")
    assert bib.problems == []
    assert len(bib.entries) == 1
    return bib.entries[0]


def test_entry_and_field_positions_are_exact() -> None:
    text = (
        "Some header text\n"
        "\n"
        "@Article{Smith:2020,\n"
        "  Title   = {A {B}rief History},\n"
        '    author = "Smith, J.",\n'
        "  year=2020, pages = {1--2}\n"
        "}\n"
    )
    entry = only_entry(text)
    assert (entry.type, entry.key, entry.path) == ("article", "Smith:2020", "t.bib")
    assert (entry.line, entry.col, entry.end_line) == (3, 1, 7)
    assert [(f.name, f.value, f.line, f.col) for f in entry.fields] == [
        ("title", "A {B}rief History", 4, 3),
        ("author", "Smith, J.", 5, 5),
        ("year", "2020", 6, 3),
        ("pages", "1--2", 6, 14),
    ]


def test_columns_count_characters_not_bytes() -> None:
    entry = only_entry("@article{日本,\n  title = {北朝鮮}, note = {x}\n}\n")
    assert entry.key == "日本"
    assert [(f.name, f.col) for f in entry.fields] == [("title", 3), ("note", 18)]


def test_entry_not_at_line_start_is_positioned() -> None:
    bib = parse_text("@book{a, title={x}}  @book{b, title={y}}\n", "t.bib")
    assert [(e.key, e.line, e.col) for e in bib.entries] == [("a", 1, 1), ("b", 1, 22)]


def test_keys_keep_their_case_and_punctuation() -> None:
    bib = parse_text("@book{Dobrovol'skii_1963, title={x}}\n@BOOK{KEY-a/b:c, title={y}}", "t")
    assert [(e.type, e.key) for e in bib.entries] == [
        ("book", "Dobrovol'skii_1963"),
        ("book", "KEY-a/b:c"),
    ]


def test_parenthesised_entry_allows_parentheses_in_values() -> None:
    entry = only_entry("@misc(k,\n  note = {a (b) c},\n  year = 1999)\n")
    assert [(f.name, f.value) for f in entry.fields] == [("note", "a (b) c"), ("year", "1999")]
    assert entry.end_line == 3


def test_concatenation_macros_and_months() -> None:
    text = (
        '@String{acm = "Association for Computing Machinery"}\n'
        "@string(press = {  Press })\n"
        '@book{k, publisher = ACM # " " # press, month = jan # "~" # DEC, note = "x" # {y} # 3}\n'
    )
    entry = only_entry(text)
    # As in BibTeX, a macro's own value is trimmed; spaces between parts are kept.
    assert entry.get("publisher") == "Association for Computing Machinery Press"
    assert entry.get("month") == "January~December"
    assert entry.get("note") == "xy3"


def test_macro_redefinition_applies_from_there_on() -> None:
    text = '@string{j = "One"}\n@misc{a, journal = j}\n@string{j = "Two"}\n@misc{b, journal = j}\n'
    bib = parse_text(text, "t.bib")
    assert [e.get("journal") for e in bib.entries] == ["One", "Two"]
    assert len(bib.problems) == 1
    assert "defined again with a different value (first at line 1)" in bib.problems[0].message
    assert bib.problems[0].line == 3


def test_whitespace_is_collapsed_and_trimmed_but_latex_kept() -> None:
    entry = only_entry('@misc{k, title = {  Two\n\t  lines  \\"{o}  }, note = "\\emph{x}  y"}')
    assert entry.get("title") == 'Two lines \\"{o}'
    assert entry.get("note") == "\\emph{x} y"


def test_ideographic_space_is_not_bibtex_whitespace() -> None:
    entry = only_entry("@misc{k, title = {北朝鮮\u3000\u3000兵}}")
    assert entry.get("title") == "北朝鮮\u3000\u3000兵"


def test_only_bibtex_white_space_is_collapsed() -> None:
    entry = only_entry("@misc{k, title = {a\x1c  b\n c}, note = {x\u00a0\u00a0 y}}")
    assert entry.get("title") == "a\x1c b c"
    assert entry.get("note") == "x\u00a0\u00a0 y"


def test_quoted_value_may_hold_quotes_inside_braces() -> None:
    entry = only_entry('@misc{k, title = "The {"}Quoted{"} Word"}')
    assert entry.get("title") == 'The {"}Quoted{"} Word'


def test_deeply_nested_braces() -> None:
    entry = only_entry("@misc{k, title = {a{b{c{d{e{f}e}d}c}b}a}, year = 1}")
    assert entry.get("title") == "a{b{c{d{e{f}e}d}c}b}a"
    assert entry.get("year") == "1"


def test_duplicate_fields_are_all_kept_in_order() -> None:
    entry = only_entry("@misc{k,\n  editor = {A},\n  title = {T},\n  Editor = {B}\n}")
    assert [(f.name, f.value, f.line) for f in entry.fields] == [
        ("editor", "A", 2),
        ("title", "T", 3),
        ("editor", "B", 4),
    ]
    assert entry.get("editor") == "A"


def test_trailing_comma_and_empty_entry() -> None:
    bib = parse_text("@misc{a, title = {x},}\n@misc{b}\n@misc{c,}\n", "t.bib")
    assert bib.problems == []
    assert [(e.key, len(e.fields)) for e in bib.entries] == [("a", 1), ("b", 0), ("c", 0)]


def test_leading_comments_directly_above_only() -> None:
    text = (
        "% far away\n"
        "\n"
        "%% refcheck: ignore[access-before-publication] the source's typo\n"
        "  % second line\n"
        "@article{a, title = {x}}\n"
        "% not attached (blank line follows)\n"
        "\n"
        "@article{b, title = {y}}\n"
    )
    first, second = parse_text(text, "t.bib").entries
    assert first.leading_comments == [
        (3, "refcheck: ignore[access-before-publication] the source's typo"),
        (4, "second line"),
    ]
    assert second.leading_comments == []


def test_comment_lines_inside_an_entry_are_skipped() -> None:
    entry = only_entry("@misc{k,\n  title = {x},\n  % note = {hidden},\n  year = 2000\n}")
    assert [f.name for f in entry.fields] == ["title", "year"]


def test_commented_out_entry_is_not_read() -> None:
    bib = parse_text("% @misc{old, title = {x}}\n@misc{new, title = {y}}\n", "t.bib")
    assert [e.key for e in bib.entries] == ["new"]


def test_comment_preamble_and_at_in_prose_are_not_entries() -> None:
    text = (
        "Mail beebe@math.utah.edu (home) for corrections.\n"
        '@preamble{ "\\newcommand{\\noop}[1]{}" # "\\def\\x{y}" }\n'
        "@comment{ @misc{hidden, title = {x}} }\n"
        "@Comment jabref-meta: databaseType:bibtex;\n"
        "@misc{k, title = {x}}\n"
    )
    bib = parse_text(text, "t.bib")
    assert bib.problems == []
    assert [e.key for e in bib.entries] == ["k"]


def test_crlf_and_cr_line_ends_keep_line_numbers() -> None:
    for newline in ("\r\n", "\r"):
        text = newline.join(["% c", "@misc{a,", "  title = {x y},", "  year = 1", "}", ""])
        entry = only_entry(text)
        assert (entry.line, entry.end_line, entry.leading_comments) == (2, 5, [(1, "c")])
        assert [(f.line, f.col) for f in entry.fields] == [(3, 3), (4, 3)]
        assert entry.get("title") == "x y"


def test_bom_does_not_shift_columns() -> None:
    entry = only_entry("\ufeff@misc{a, title = {x}}")
    assert (entry.line, entry.col, entry.fields[0].col) == (1, 1, 10)


def test_empty_text_is_readable_with_no_entries() -> None:
    bib = parse_text("", "t.bib")
    assert (bib.entries, bib.problems, bib.readable) == ([], [], True)


def test_every_standard_type_is_accepted() -> None:
    types = ["article", "inproceedings", "online", "mvbook", "thesis", "software", "xdata"]
    text = "\n".join(f"@{t}{{k{i}, title = {{x}}}}" for i, t in enumerate(types))
    bib = parse_text(text, "t.bib")
    assert bib.problems == []
    assert [e.type for e in bib.entries] == types


def test_a_file_on_one_line_has_exact_columns() -> None:
    # Exports sometimes put everything on one line; positions must not rescan it
    # (this file, 1 MB on one line, took seconds when columns were found by rfind).
    entries = [f"@misc{{k{i}, title = {{T {i}}}, year = 2000}} " for i in range(20_000)]
    bib = parse_text("".join(entries), "one-line.bib")
    assert bib.problems == []
    assert len(bib.entries) == 20_000
    col = 1 + sum(len(e) for e in entries[:12_345])
    entry = bib.entries[12_345]
    assert (entry.key, entry.line, entry.col) == ("k12345", 1, col)
    text = entries[12_345]
    assert [(f.line, f.col) for f in entry.fields] == [
        (1, col + text.index("title")),
        (1, col + text.index("year")),
    ]
    assert entry.leading_comments == []
