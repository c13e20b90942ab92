"""Cutting an export into references: glued multi-line flags, stray text, unclosed flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.importer import import_references
from refcheck.importer.segment import join_flag_lines, segment

DATA = Path(__file__).parent / "importer_data"


def test_flags_spanning_lines_attach_to_the_reference_above_and_release_the_glued_one() -> None:
    result = segment((DATA / "glued_flags.txt").read_text("utf-8"))
    assert result.errors == []
    assert [(r.number, r.line) for r in result.references] == [(1, 5), (2, 9), (3, 12)]
    assert result.references[0].flag == (
        "{{cite news}}: |work=、|newspaper= 引数が重複しています。 (説明)⚠"
    )
    assert result.references[1].flag == "{{cite news}}: |date= の日付が不正です。 (説明)⚠"
    assert result.references[2].flag is None
    assert result.references[1].text.startswith("David Axe (2024年8月1日).")
    assert result.references[2].text.endswith("2024年11月10日閲覧。")


def test_the_heading_after_the_list_ends_it() -> None:
    result = segment((DATA / "glued_flags.txt").read_text("utf-8"))
    assert all("関連項目" not in r.text for r in result.references)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (
            ["{{cite news}}", ":|date=", "の日付が不正です。 (説明)⚠"],
            "{{cite news}}: |date= の日付が不正です。 (説明)⚠",
        ),
        (["{{cite web}}", "、|x=", "。"], "{{cite web}}、|x=。"),
        (["  {{cite web}}  ", "", "text⚠"], "{{cite web}} text⚠"),
    ],
)
def test_join_flag_lines(lines: list[str], joined: str) -> None:
    assert join_flag_lines(lines) == joined


def test_text_between_references_and_an_unclosed_flag_are_errors_with_lines() -> None:
    result = import_references((DATA / "stray_text.txt").read_text("utf-8"), "stray_text.txt")
    assert [(e.line, e.message) for e in result.errors] == [
        (3, "text inside the reference list is not a reference: ここに出典ではない行"),
        (5, "maintenance flag has no closing ⚠: {{cite news}}"),
    ]
    assert result.found == 3
    assert result.bib_text == ""


def test_no_reference_list_is_an_error() -> None:
    result = import_references("記事名\n本文だけ。\n", "empty.txt")
    assert [(e.line, e.message) for e in result.errors] == [
        (1, 'no reference list found (no line starts "- ^ ")')
    ]
    assert result.bib_text == ""
