"""refcheck check --fix / --diff on .bib files: what is fixed, and every other byte kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.cli import run

FIXABLE = """\
% A comment that stays.
@article{a,
  title = {T},
  title = {T},
  journal = {Nature},
  journaltitle = {Nature},
  date = {2024年10月30日},
  urldate = {30 October 2024},
  url = {https://example.org/a},
}

@article{b, title = {U}, date = "２０２４年１０月３０日", title = {U}, journal = {J}}
"""
FIXED = """\
% A comment that stays.
@article{a,
  title = {T},
  journaltitle = {Nature},
  date = {2024-10-30},
  urldate = {2024-10-30},
  url = {https://example.org/a},
}

@article{b, title = {U}, date = "2024-10-30", journal = {J}}
"""


@pytest.fixture(autouse=True)
def _outside_this_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where no pyproject.toml of this repository applies its settings."""
    monkeypatch.chdir(tmp_path)


def check(*args: str) -> int:
    return run(["check", "--as-of", "2025-06-01", *args])


def test_fix_applies_the_safe_fixes_and_reports_what_remains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(FIXABLE, encoding="utf-8")
    assert check(str(bib), "--fix") == 0
    assert bib.read_text(encoding="utf-8") == FIXED
    out = capsys.readouterr().out
    assert "No problems found in 1 file." in out
    assert "Fixed 6 problems (3 date-invalid, 2 duplicate-field, 1 field-alias-conflict)" in out
    assert check(str(bib), "--fix") == 0  # a second run has nothing to do
    assert "Nothing to fix; 0 remain." in capsys.readouterr().out
    assert bib.read_text(encoding="utf-8") == FIXED


def test_the_exit_code_describes_what_remains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(FIXABLE.replace("  url = {https://example.org/a},\n", ""), encoding="utf-8")
    assert check(str(bib), "--fix") == 1
    out = capsys.readouterr().out
    assert "urldate-without-url" in out and "date-invalid" not in out.splitlines()[0]
    assert "; 1 remains." in out


@pytest.mark.parametrize(
    ("newline", "bom", "encoding"),
    [("\r\n", "", "utf-8"), ("\n", "\ufeff", "utf-8"), ("\r", "", "utf-8"), ("\r\n", "", "cp932")],
    ids=["crlf", "bom", "cr", "shift-jis"],
)
def test_line_ends_encoding_and_bom_are_kept(
    tmp_path: Path, newline: str, bom: str, encoding: str
) -> None:
    bib = tmp_path / "refs.bib"
    original = (bom + FIXABLE.replace("\n", newline)).encode(encoding)
    bib.write_bytes(original)
    check(str(bib), "--fix")
    assert bib.read_bytes() == (bom + FIXED.replace("\n", newline)).encode(encoding)


def test_diff_shows_the_change_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(FIXABLE, encoding="utf-8")
    before = bib.stat()
    assert check(str(bib), "--diff") == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("--- a/refs.bib\n+++ b/refs.bib\n@@ ")
    assert "\n-  date = {2024年10月30日},\n" in captured.out
    assert "\n+  date = {2024-10-30},\n" in captured.out
    assert "Would fix 6 problems" in captured.err
    assert bib.read_text(encoding="utf-8") == FIXABLE
    assert bib.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.bib"]


def test_nothing_is_written_without_fix(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(FIXABLE, encoding="utf-8")
    before = bib.stat().st_mtime_ns
    assert check(str(bib)) == 1
    assert check(str(bib), "--format", "json") == 1
    assert bib.read_text(encoding="utf-8") == FIXABLE
    assert bib.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.bib"]


def test_unsafe_fixes_alone_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(FIXABLE, encoding="utf-8")
    assert check(str(bib), "--unsafe-fixes") == 2
    assert "--unsafe-fixes needs --fix" in capsys.readouterr().err
    assert bib.read_text(encoding="utf-8") == FIXABLE


@pytest.mark.parametrize(
    "entry",
    [
        # Two ways to read it: no fix.
        "@article{c, title = {T}, date = {10/11/2024}}\n",
        # A day the calendar does not have.
        "@article{c, title = {T}, date = {2024年2月30日}}\n",
        # A macro: editing it would change every entry using it.
        '@string{d = "2024年10月30日"}\n@article{c, title = {T}, date = d}\n',
        # Repeated fields with different values: which one is meant needs a person.
        "@article{c, title = {T}, editor = {A}, editor = {B}, date = {2024}}\n",
        # An alias with another value.
        "@article{c, title = {T}, journal = {Nature}, journaltitle = {Science}, date = {2024}}\n",
        # The alias given twice: which of its values goes is duplicate-field's question.
        "@article{c, title = {T}, journal = {Nature}, journal = {Nature 2},\n"
        "  journaltitle = {Nature}, date = {2024}}\n",
    ],
    ids=[
        "ambiguous-date",
        "impossible-date",
        "macro",
        "different-values",
        "alias-differs",
        "alias-repeated",
    ],
)
def test_what_is_not_safe_is_not_fixed(tmp_path: Path, entry: str) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(entry, encoding="utf-8")
    assert check(str(bib), "--fix", "--unsafe-fixes") == 1
    assert bib.read_text(encoding="utf-8") == entry


def test_an_alias_differing_in_case_only_is_an_unsafe_fix(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    entry = "@article{c,\n  title = {T},\n  journal = {NATURE},\n  journaltitle = {Nature},\n}\n"
    bib.write_text(entry, encoding="utf-8")
    check(str(bib), "--fix")
    assert bib.read_text(encoding="utf-8") == entry
    check(str(bib), "--fix", "--unsafe-fixes")
    assert bib.read_text(encoding="utf-8") == entry.replace("  journal = {NATURE},\n", "")


def test_other_formats_get_the_fix_summary_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    bib = tmp_path / "refs.bib"
    bib.write_text(FIXABLE, encoding="utf-8")
    assert check(str(bib), "--fix", "--format", "json") == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)  # stdout stays one JSON document
    assert report["findings"] == []
    assert [(f["rule"], f["line"], f["applicability"]) for f in report["fixed"]] == [
        ("duplicate-field", 4, "safe"),
        ("field-alias-conflict", 6, "safe"),
        ("date-invalid", 7, "safe"),
        ("date-invalid", 8, "safe"),
        ("date-invalid", 12, "safe"),
        ("duplicate-field", 12, "safe"),
    ]
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = resources.files("refcheck.output").joinpath("findings.schema.json").read_text("utf-8")
    jsonschema.validate(report, json.loads(schema))
    assert captured.err.startswith("Fixed 6 problems")
    assert bib.read_text(encoding="utf-8") == FIXED


def test_quiet_fix_prints_only_what_remains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(FIXABLE, encoding="utf-8")
    assert check(str(bib), "--fix", "--quiet") == 0
    assert capsys.readouterr().out == ""
    assert bib.read_text(encoding="utf-8") == FIXED


def test_a_file_that_cannot_be_decoded_exactly_is_not_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    original = "\ufeff@article{a, title = {T}, date = {2024年10月30日}}\n".encode("utf-16-le")
    bib.write_bytes(b"\xff\xfe" + original[2:])
    assert check(str(bib), "--fix") == 1  # the date is still reported, in a file left alone
    assert bib.read_bytes() == b"\xff\xfe" + original[2:]
    err = capsys.readouterr().err
    assert "refs.bib: not fixed: it is not a UTF-8 or single-byte text file" in err
