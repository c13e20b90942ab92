"""``refcheck import`` end to end through ``refcheck.cli.run``: files, stdout, errors, exits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pybtex.database import parse_file, parse_string

from refcheck.cli import run
from refcheck.importer import CountMismatch, import_references, verify_bibliography

DATA = Path(__file__).parent / "importer_data"


def test_writes_the_file_and_reports_the_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.bib"
    assert run(["import", str(DATA / "glued_flags.txt"), "-o", str(output)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "3 references → 3 entries\n"
    entries = parse_file(str(output)).entries
    assert list(entries) == ["nikkei-2025-04-26", "forbes-japan-2024-08-01", "nhk-2024-10-31"]
    assert [path.name for path in tmp_path.iterdir()] == ["out.bib"]  # no temporary left


@pytest.mark.parametrize("output_args", [[], ["-o", "-"]])
def test_stdout_without_o_or_with_dash(
    output_args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["import", str(DATA / "english.txt"), *output_args]) == 0
    captured = capsys.readouterr()
    entries = parse_string(captured.out, "bibtex").entries
    assert list(entries) == [
        "reuters-2024-11-04",
        "forbes-2025-01-15",
        "important-stories-2025-01-23",
    ]
    assert entries["important-stories-2025-01-23"].fields["language"] == "russian"
    assert entries["reuters-2024-11-04"].fields["wpformat"] == "en"
    assert captured.err == "3 references → 3 entries\n"


def test_every_reference_is_written_and_what_needs_a_look_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DATA / "malformed.txt"
    output = tmp_path / "refs.bib"
    output.write_text("previous content\n", encoding="utf-8")
    assert run(["import", str(source), "-o", str(output)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{source}:7: reference [4] fits no layout; kept whole in note: a b “四つ目の出典",
        "4 references → 4 entries (1 kept whole: no layout read them); 1 notice(s) above",
    ]
    entries = parse_file(str(output)).entries
    assert len(entries) == 4
    kept = list(entries.values())[3]
    assert (kept.type, kept.fields["note"], kept.fields["wpformat"]) == (
        "misc",
        "a b “四つ目の出典",
        "raw",
    )
    # The near miss of the exact layouts is read clause by clause, every datum in place.
    second = list(entries.values())[1].fields
    assert (second["journaltitle"], second["date"], second["urldate"]) == (
        "朝日新聞",
        "2024-10-31",
        "2024-11-04",
    )


def test_stray_text_and_an_unclosed_flag_are_kept_and_reported_with_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DATA / "stray_text.txt"
    output = tmp_path / "refs.bib"
    assert run(["import", str(source), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert f"{source}:3: text inside the reference list is not a reference" in err
    assert f"{source}:5: maintenance flag has no closing ⚠" in err
    entries = list(parse_file(str(output)).entries.values())
    assert len(entries) == 3
    assert entries[0].fields["note"] == "ここに出典ではない行"
    assert entries[1].fields["sourceflag"] == "{{cite news}}: |date="


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        (b"\x82\xa0\x82\xa2 - ^ ", "not UTF-8 text"),
    ],
)
def test_unreadable_source_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    source = tmp_path / "source.txt"
    if content is not None:
        source.write_bytes(content)
    assert run(["import", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("refcheck: error: ") and message in err
    assert "Traceback" not in err


def test_unwritable_output_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "missing-folder" / "refs.bib"
    assert run(["import", str(DATA / "english.txt"), "-o", str(output)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_missing_source_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import"]) == 2
    assert "SOURCE" in capsys.readouterr().err


def test_crlf_and_bom_exports_read_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "glued_flags.txt").read_text(encoding="utf-8")
    source = tmp_path / "windows.txt"
    source.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert run(["import", str(source)]) == 0
    windows = capsys.readouterr().out
    assert run(["import", str(DATA / "glued_flags.txt")]) == 0
    assert capsys.readouterr().out == windows.replace("windows.txt", "glued_flags.txt")


def test_count_check_rejects_a_bibliography_missing_an_entry() -> None:
    result = import_references((DATA / "english.txt").read_text("utf-8"), "english.txt")
    first_entry_end = result.bib_text.index("\n}\n") + 3
    header_end = result.bib_text.index("@")
    truncated = result.bib_text[:header_end] + result.bib_text[first_entry_end:]
    with pytest.raises(CountMismatch, match="3 references found but 2 entries written"):
        verify_bibliography(truncated, result.keys, result.references)


def test_count_check_rejects_a_changed_field_and_unparsable_text() -> None:
    result = import_references((DATA / "english.txt").read_text("utf-8"), "english.txt")
    verify_bibliography(result.bib_text, result.keys, result.references)  # the real output passes
    altered = result.bib_text.replace("= {2024-11-04}", "= {2024-11-05}", 1)
    with pytest.raises(CountMismatch, match="reuters-2024-11-04 does not read back"):
        verify_bibliography(altered, result.keys, result.references)
    with pytest.raises(CountMismatch, match="does not parse"):
        verify_bibliography(result.bib_text + "@article{x, title = {", ["x"], [])


def test_output_next_to_the_source_is_replaced_atomically(tmp_path: Path) -> None:
    source = tmp_path / "export.txt"
    shutil.copy(DATA / "english.txt", source)
    output = tmp_path / "refs.bib"
    output.write_text("old\n", encoding="utf-8")
    output.chmod(0o640)
    assert run(["import", str(source), "-o", str(output)]) == 0
    assert output.read_text(encoding="utf-8").count("@article{") == 3
    assert output.stat().st_mode & 0o777 == 0o640


def test_output_over_the_source_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "seed.txt"
    shutil.copy(DATA / "english.txt", source)
    before = source.read_bytes()
    monkeypatch.chdir(tmp_path)
    for output in ("seed.txt", str(source), "./seed.txt"):
        assert run(["import", "seed.txt", "-o", output]) == 2
        assert "refusing to overwrite the source" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_reference_text_in_errors_is_shown_with_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "malformed.txt").read_text(encoding="utf-8")
    source = tmp_path / "seed.txt"
    source.write_text(
        text.replace("a b “四つ目の出典", "a b “四つ目\x1b]0;INJECTED\x07\x1b[31m"),
        encoding="utf-8",
    )
    assert run(["import", str(source)]) == 1
    err = capsys.readouterr().err
    assert "四つ目\\e]0;INJECTED\\x07\\e[31m" in err and "\x1b" not in err
