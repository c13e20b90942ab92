"""Wikitext: fields straight from the templates, and their parameter errors as flags."""

from __future__ import annotations

from refcheck.importer import import_references

JA = (
    "本文<ref name=a>{{Cite news|和書|title=題名|work=日本経済新聞|newspaper=日経|"
    "date=2025年4月26日|accessdate=2025-04-26|url=https://www.nikkei.com/a}}</ref>。"
    "再び<ref name=a/>。注{{efn|注の本文。}}。"
    "<ref>{{Cite web|和書|title=二つ目|website=NHK|date=2024年13月45日|"
    "archiveurl=https://web.archive.org/web/2024/x|archivedate=2024-11-01}}</ref>\n"
)


def test_ja_templates_give_exact_fields_and_their_own_errors_as_flags() -> None:
    result = import_references(JA, "ja.wikitext")
    assert result.errors == []
    first, note, second = result.references
    assert (first.title, first.work, first.url, first.date, first.urldate) == (
        "題名",
        "日本経済新聞",
        "https://www.nikkei.com/a",
        "2025-04-26",
        "2025-04-26",
    )
    assert first.sourceflag == "{{cite news}}: |work=、|newspaper= 引数が重複しています。"
    assert (note.group, note.note) == ("注釈", "注の本文。")
    assert second.sourceflag == "{{cite web}}: |date= の日付が不正です。"
    assert (second.archiveurl, second.archivedate) == (
        "https://web.archive.org/web/2024/x",
        "2024-11-01",
    )
    # Written as the template states it, flagged, and reported: the exit status says so.
    assert second.date == "2024-13-45"
    assert any("date 2024-13-45 is no real date" in n.message for n in result.notices)
    assert [r.number for r in result.references] == [1, 1, 2]  # numbered per group, by first use


def test_en_template_errors_read_as_english_wikipedia_prints_them() -> None:
    text = "Text.<ref>{{cite news |title=T |work=A |newspaper=B |date=31 February 2020}}</ref>"
    (reference,) = import_references(text, "en.wikitext").references
    assert reference.sourceflag == (
        "{{cite news}}: More than one of |work= and |newspaper= specified"
        " {{cite news}}: Check date values in: |date="
    )
    assert (reference.entrytype, reference.wpformat) == ("article", "en")
    assert (reference.work, reference.note) == ("A", "|newspaper=B")  # the duplicate is kept
