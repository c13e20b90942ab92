"""Hostile exports (issue 15): dates that are none, other scripts' digits, cut files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import parse_file

from refcheck.cli import run
from refcheck.importer import import_references

LINE = "- ^ “題名”. 朝日新聞 ({date}). 2024年11月4日閲覧。"


def test_full_width_digits_are_read_as_numbers_and_written_in_ascii() -> None:
    result = import_references("本文[1]。\n" + LINE.format(date="２０２４年１０月３０日"), "w.txt")
    (reference,) = result.references
    assert (reference.date, result.keys) == ("2024-10-30", ["asahi-2024-10-30"])
    assert result.bib_text.isascii() is False  # the title is Japanese …
    assert "date         = {2024-10-30}" in result.bib_text  # … the date is ASCII
    assert result.notices == []


def test_a_month_13_is_reported_and_the_exit_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad-date.txt"
    source.write_text("本文[1]。\n" + LINE.format(date="2024年13月45日") + "\n", encoding="utf-8")
    output = tmp_path / "refs.bib"
    assert run(["import", str(source), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert f"{source}:2: reference [1]: date 2024-13-45 is no real date (month 13" in err
    assert len(parse_file(str(output)).entries) == 1  # still written: nothing lost


def test_a_cut_inside_a_utf8_character_is_reported_as_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ("本文[1][2]。\n" + LINE.format(date="2024年10月30日") + "\n- ^ “二つ目").encode()
    source = tmp_path / "cut.txt"
    source.write_bytes(data[:-2])  # the last character loses its last two bytes
    assert run(["import", str(source), "-o", str(tmp_path / "refs.bib")]) == 1
    err = capsys.readouterr().err
    assert f"{source}:3: the file ends inside a UTF-8 character: the export looks cut" in err
    assert "byte" not in err


def test_invalid_utf8_inside_the_file_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("本文\n".encode() + b"ab\xff cd\n")
    assert run(["import", str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{source}:2: not UTF-8 text (byte 3 of the line)" in err


def test_jump_up_to_repeated_is_no_recursion() -> None:
    result = import_references("本文[1]。\n- ^ " + "Jump up to: " * 5000 + "\n", "jump.txt")
    assert result.found == 1 and len(result.references) == 1


def test_a_reference_with_an_unclosed_template_is_kept_whole_unparsed() -> None:
    """The wikitext parser's time grows faster than its input on unclosed templates, so such
    a reference never reaches it: it is kept whole and reported."""
    text = "本文<ref>" + "{{cite web|" * 2000 + "</ref>。<ref>{{cite web|title=T}}</ref>\n"
    result = import_references(text, "hostile.wikitext")
    first, second = result.references
    assert (first.wpformat, first.note) == ("raw", "{{cite web|" * 1999 + "{{cite web|")
    assert second.title == "T"
    assert [n.message for n in result.notices] == [
        "reference [1] is over 3000 characters; kept whole in note"
    ]


def test_comments_hide_references_and_an_unclosed_ref_keeps_the_rest() -> None:
    text = "a<!-- <ref>{{cite web|title=Hidden}}</ref> -->b<ref>{{cite web|title=Shown}}"
    result = import_references(text, "comment.wikitext")
    (reference,) = result.references
    assert reference.wpformat == "raw" and "Shown" in (reference.note or "")
    assert result.notices[0].message == "reference [1] has no </ref>; kept whole in note"
