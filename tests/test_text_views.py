"""The text report's views: concise, full (source line and caret) and the default that
folds a rule's many findings; severity on every line; counts of files with findings,
files read and files not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck import cli
from refcheck.engine import CheckResult
from refcheck.model import Finding, Severity
from refcheck.output import render
from refcheck.output.text_format import FOLD_RULE
from refcheck.sources.reader import Unread


def _finding(rule: str, code: str, severity: Severity, path: str, line: int) -> Finding:
    return Finding(rule, code, severity, path, line, 3, f"{rule} at {line}", "k")


def _big_result() -> CheckResult:
    unused = [
        _finding("unused-entry", "C002", Severity.WARNING, "refs.bib", i) for i in range(1, 229)
    ]
    duplicates = [
        _finding("duplicate-entry", "U003", Severity.WARNING, "refs.bib", 1000 + i)
        for i in range(8)
    ]
    findings = sorted(unused + duplicates, key=Finding.sort_key)
    return CheckResult(findings, [], [], files_checked=149)


def test_default_view_folds_the_rule_with_many_findings_and_keeps_the_few() -> None:
    text = render(_big_result(), "text")
    lines = text.splitlines()
    assert sum("[duplicate-entry]" in line for line in lines) == 8
    assert sum(line.startswith("refs.bib:") and "[unused-entry]" in line for line in lines) == (
        FOLD_RULE
    )
    assert f"... and {228 - FOLD_RULE} more C002 [unused-entry] findings" in text
    assert "   228  warning  C002  unused-entry" in text
    assert "     8  warning  U003  duplicate-entry" in text
    assert text.endswith("Found 236 problems (236 warnings) in 1 file (149 files read).\n")


def test_concise_lists_every_finding_with_its_severity() -> None:
    lines = render(_big_result(), "concise").splitlines()
    finding_lines = [line for line in lines if line.startswith("refs.bib:")]
    assert len(finding_lines) == 236
    assert finding_lines[0] == "refs.bib:1:3: warning C002 [unused-entry] unused-entry at 1"
    assert finding_lines == sorted(finding_lines, key=lambda line: int(line.split(":")[1]))


def test_a_small_run_is_never_folded() -> None:
    findings = [
        _finding("unused-entry", "C002", Severity.WARNING, "a.bib", i) for i in range(1, 31)
    ]
    result = CheckResult(findings, [], [], files_checked=2)
    assert render(result, "text") == render(result, "concise")


def test_full_view_shows_the_source_line_with_a_caret(tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    source.write_text("# Title\n\n日本語の文 {cite}`missing` です。\n", encoding="utf-8")
    finding = Finding(
        "undefined-citation", "C001", Severity.ERROR, str(source), 3, 13, "undefined", "missing"
    )
    text = render(CheckResult([finding], [], [], files_checked=1), "full")
    lines = text.splitlines()
    assert lines[0].endswith(": error C001 [undefined-citation] undefined")
    assert lines[1] == "  3 | 日本語の文 {cite}`missing` です。"
    # The caret sits under column 13 ("`" before the key), wide characters counted twice.
    assert lines[2] == "    | " + " " * (5 * 2 + 7) + "^"


def test_unread_files_are_counted_and_named() -> None:
    unread = [Unread(f"notes{i}.txt", ".txt files are not read") for i in range(12)]
    result = CheckResult([], [], [], files_checked=3, unread=unread)
    text = render(result, "text")
    assert "Not read: 12 files:\n    notes0.txt: .txt files are not read\n" in text
    assert "... and 2 more" in text
    assert "notes11.txt" in render(result, "concise")


def test_a_python_file_on_the_command_line_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.bib").write_text("@misc{known, title = {T}, date = {2020}}\n")
    Path("example.py").write_text('"""See :cite:`known` and :cite:`unknown`."""\n')
    Path("notes.txt").write_text("a note\n")
    assert cli.run(["check", "refs.bib", "example.py"]) == 1
    out = capsys.readouterr().out
    assert "example.py:1:33: error C001 [undefined-citation]" in out
    assert cli.run(["check", "."]) == 1
    out = capsys.readouterr().out
    assert "in 1 file (2 files read)" in out
    assert "Not read: 1 file:\n    notes.txt: .txt files are not read" in out


def test_json_names_unread_files_and_counts_files_with_findings() -> None:
    from test_output import check_json

    finding = _finding("unused-entry", "C002", Severity.WARNING, "a.bib", 2)
    result = CheckResult([finding], [], [], files_checked=4, unread=[Unread("x.ipynb", "bad")])
    summary = check_json(render(result, "json"))["summary"]  # valid against the schema
    assert summary["files"] == 4 and summary["files_with_findings"] == 1
    assert summary["not_read"] == [{"path": "x.ipynb", "reason": "bad"}]
