"""Reading files: encodings, BOM, CRLF, binary data, empty and unreadable paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refcheck.bib import parse_bytes, parse_file
from shared import CORPUS_DIR

DATA = Path(__file__).parent / "bib_data"
GBK_FILE = CORPUS_DIR / "syntax" / "bibtexparser" / "gbk_test.bib"


def test_shift_jis_file_is_read_with_a_problem_naming_the_guess() -> None:
    bib = parse_file(DATA / "shift_jis.bib")
    assert bib.readable
    assert bib.encoding == "cp932"
    [problem] = bib.problems
    assert (problem.line, problem.col) == (1, 1)
    assert "not UTF-8" in problem.message
    assert "read it as Shift_JIS" in problem.message
    first, second = bib.entries
    assert first.get("title") == "北朝鮮兵、ロシアで戦闘に参加か"
    assert first.get("journaltitle") == "読売新聞"
    assert first.leading_comments == [(1, "日本語の文献")]
    assert (second.key, second.line, second.get("title")) == ("second", 8, "ウクライナ情勢の分析")


@pytest.mark.parametrize("title", ["日本語", "語", "北朝鮮兵", "東京大学出版会"])
def test_short_shift_jis_with_kanji_only_is_not_taken_for_windows_1252(title: str) -> None:
    text = f"@article{{g1, title={{{title}}}, journaltitle={{J}}, date={{2023-02-29}}}}\n"
    bib = parse_bytes(text.encode("cp932"), "x.bib")
    assert bib.encoding == "cp932"
    assert bib.entries[0].get("title") == title
    assert "iconv -f CP932 -t UTF-8" in bib.problems[0].message


@pytest.mark.parametrize("title", ["café", "“École” – été", "Œuvres complètes", "naïve Émile"])
def test_short_western_text_is_still_windows_1252(title: str) -> None:
    bib = parse_bytes(f"@article{{w, title={{{title}}}}}\n".encode("cp1252"), "w.bib")
    assert bib.encoding == "cp1252"
    assert bib.entries[0].get("title") == title


def test_latin1_file_is_read_as_latin1() -> None:
    bib = parse_file(DATA / "latin1.bib")
    assert bib.encoding in ("latin-1", "cp1252")  # identical for these bytes
    [problem] = bib.problems
    assert problem.line == 2  # the first non-UTF-8 byte is in the author line
    assert "first bad byte 0xE9 at line 2" in problem.message
    [entry] = bib.entries
    assert entry.get("author") == "José Müller and François Lévesque"
    assert entry.get("title") == "Über die Universität"


def test_windows_1252_quotes_are_recognised() -> None:
    bib = parse_file(DATA / "cp1252.bib")
    assert bib.encoding == "cp1252"
    assert "read it as Windows-1252" in bib.problems[0].message
    assert bib.entries[0].get("title") == "“Smart” quotes – café"


def test_cyrillic_windows_1251_is_recognised() -> None:
    bib = parse_file(DATA / "cp1251.bib")
    assert bib.encoding == "cp1251"
    assert "read it as Windows-1251" in bib.problems[0].message
    assert bib.entries[0].get("title") == "Война и мир"


def test_chinese_gbk_is_not_taken_for_shift_jis() -> None:
    bib = parse_file(DATA / "gbk.bib")
    assert bib.encoding == "gbk"
    assert bib.entries[0].get("title") == "朝鲜军队在俄罗斯的部署"
    assert bib.entries[0].get("journal") == "人民日报"


@pytest.mark.skipif(not GBK_FILE.exists(), reason="shared corpus not present")
def test_gbk_file_from_the_corpus_is_read_as_gbk() -> None:
    bib = parse_file(GBK_FILE)
    assert bib.encoding == "gbk"
    assert "read it as GBK" in bib.problems[0].message
    assert len(bib.entries) == 1
    assert any("\u4e00" <= ch <= "\u9fff" for f in bib.entries[0].fields for ch in f.value)


def test_bom_and_crlf_keep_positions() -> None:
    bib = parse_file(DATA / "bom_crlf.bib")
    assert (bib.encoding, bib.problems) == ("utf-8-sig", [])
    first, second = bib.entries
    assert (first.key, first.line, first.col, first.end_line) == ("crlf-one", 2, 1, 5)
    assert first.leading_comments == [(1, "refcheck: ignore[date-invalid] kept as published")]
    assert [(f.line, f.col, f.value) for f in first.fields] == [
        (3, 3, "Line one"),
        (4, 3, "2024-01-02"),
    ]
    assert (second.key, second.line) == ("crlf-two", 7)


def test_utf16_with_bom_is_read_with_a_problem() -> None:
    text = "@misc{u16, title = {北朝鮮}}\n"
    bib = parse_bytes(b"\xff\xfe" + text.encode("utf-16-le"), "u.bib")
    assert bib.entries[0].get("title") == "北朝鮮"
    assert "UTF-16-LE, not UTF-8" in bib.problems[0].message


def test_binary_file_is_unreadable_with_one_problem() -> None:
    bib = parse_file(DATA / "binary.bib")
    assert not bib.readable
    assert bib.entries == []
    [problem] = bib.problems
    assert "not a text file" in problem.message
    assert (problem.line, problem.col) == (1, 1)


def test_control_bytes_without_nul_are_binary() -> None:
    data = bytes(range(1, 32)) * 100 + b"@misc{a, title={x}}"
    assert not parse_bytes(data, "x.bib").readable


def test_a_few_control_bytes_in_text_are_not_binary() -> None:
    data = b"@misc{a, title = {x\x1by}}\n" + b"@misc{b, title = {y}}\n" * 200
    bib = parse_bytes(data, "x.bib")
    assert bib.readable
    assert len(bib.entries) == 201


def test_empty_file_is_readable_and_silent() -> None:
    bib = parse_file(DATA / "empty.bib")
    assert (bib.readable, bib.entries, bib.problems, bib.encoding) == (True, [], [], "utf-8")


def test_missing_file(tmp_path: Path) -> None:
    bib = parse_file(tmp_path / "nope.bib")
    assert not bib.readable
    assert "file not found" in bib.problems[0].message
    assert bib.problems[0].path == str(tmp_path / "nope.bib")


def test_directory(tmp_path: Path) -> None:
    bib = parse_file(tmp_path)
    assert not bib.readable
    assert "is a directory" in bib.problems[0].message


def test_name_too_long_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    bib = parse_file(tmp_path / ("x" * 5000))
    assert not bib.readable
    assert "a name in this path is longer than the file system allows" in bib.problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.bib"
    path.write_text("@misc{a, title={x}}")
    path.chmod(0)
    bib = parse_file(path)
    assert not bib.readable
    assert "permission denied" in bib.problems[0].message


def test_file_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "r.bib"
    path.write_bytes((DATA / "bom_crlf.bib").read_bytes())
    before = path.stat()
    parse_file(path)
    after = path.stat()
    assert (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size)


def test_a_declared_encoding_is_used_and_a_macro_table_is_shared() -> None:
    """bibtex_encoding and one @string table across files, as sphinxcontrib-bibtex reads."""
    from refcheck.bib import parse_bytes, parse_text

    latin = parse_bytes(b"@misc{k, title = {Caf\xe9}}\n", "l.bib", encoding="iso-8859-1")
    assert latin.problems == [] and latin.entries[0].get("title") == "Café"
    wrong = parse_bytes(b"@misc{k, title = {\xff\xfe\x81}}\n", "w.bib", encoding="cp1252")
    assert "not valid cp1252" in wrong.problems[0].message
    macros: dict[str, str] = {}
    parse_text("@string{jnl = {J}}\n", "macros.bib", macros=macros)
    later = parse_text("@article{k, journal = jnl, month = jan}\n", "refs.bib", macros=macros)
    assert later.problems == [] and later.entries[0].get("journal") == "J"
    alone = parse_text("@article{k, journal = jnl}\n", "refs.bib")
    assert any("jnl" in p.message for p in alone.problems)
