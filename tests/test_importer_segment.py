"""Cutting an export into references: glued multi-line flags, stray text, unclosed flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.importer import import_references
from refcheck.importer.segment import join_flag_lines, segment

DATA = Path(__file__).parent / "importer_data"


def test_flags_spanning_lines_attach_to_the_reference_above_and_release_the_glued_one() -> None:
    result = segment((DATA / "glued_flags.txt").read_text("utf-8"))
    assert result.notices == []
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


def test_text_between_references_and_an_unclosed_flag_are_kept_and_reported_with_lines() -> None:
    result = import_references((DATA / "stray_text.txt").read_text("utf-8"), "stray_text.txt")
    assert result.errors == []
    assert [(n.line, n.message) for n in result.notices] == [
        (
            3,
            "text inside the reference list is not a reference: ここに出典ではない行"
            " (kept with reference [1])",
        ),
        (5, "maintenance flag has no closing ⚠: {{cite news}} (its lines are kept as the flag)"),
    ]
    assert result.found == 3 and len(result.keys) == 3


def test_headings_inside_the_list_start_groups_numbered_from_one() -> None:
    text = (
        "本文[注 1]と[1][2]。\n注釈\n- ^ 注の本文。\n出典\n"
        "- ^ “一つ目”. 朝日新聞 (2024年10月30日). 2024年11月4日閲覧。\n"
        "- ^ “二つ目”. 朝日新聞 (2024年10月31日). 2024年11月4日閲覧。\n関連項目\n"
    )
    result = segment(text)
    assert result.notices == []
    assert [(r.group, r.number) for r in result.references] == [
        ("注釈", 1),
        ("出典", 1),
        ("出典", 2),
    ]
    assert import_references(text, "grouped.txt").notices == []


def test_no_reference_list_is_an_error() -> None:
    result = import_references("記事名\n本文だけ。\n", "empty.txt")
    assert [(e.line, e.message) for e in result.errors] == [
        (1, 'no reference list found (no line starts "- ^ ")')
    ]
    assert result.bib_text == ""


def test_dagger_notes_and_a_cut_main_list_are_checked_group_by_group() -> None:
    text = (
        "本文[† 1]と[1][2][3]。\n注釈\n- ^ 注の本文。\n出典\n"
        "- ^ “一つ目”. 朝日新聞 (2024年10月30日). 2024年11月4日閲覧。\n"
        "- ^ “二つ目”. 朝日新聞 (2024年10月31日). 2024年11月4日閲覧。\n関連項目\n"
    )
    result = import_references(text, "dagger.txt")
    assert [(n.line, n.message) for n in result.notices] == [
        (
            1,
            "the body cites [3] but the list 出典 has only 2 references"
            " (1 cited numbers have none): the export looks cut",
        )
    ]


def test_a_year_in_brackets_is_no_missing_reference() -> None:
    text = 'Released [1990] and cited.[1]\nReferences\n^ "Title". Work. 4 November 2024.\n'
    assert import_references(text, "year.txt").notices == []
