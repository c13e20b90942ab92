"""refcheck's messages in other languages (refcheck.i18n): the catalogues, the CLI's
``--lang``, and the Sphinx extension following the project's ``language``.

The catalogue tests read the source as the extractor does (Babel, tools/i18n.py), the
.po files as Babel parses them and the .mo files as the stdlib's gettext loads them at run
time; the CLI tests run ``refcheck check`` on the rule cases; the Sphinx tests build real
projects.
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
import shutil
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from sphinx.util.console import strip_colors

from conftest import run_sphinx
from refcheck.cli import run
from refcheck.i18n import (
    LOCALE_DIR,
    UnknownLanguage,
    _,
    active_language,
    available_languages,
    ngettext,
    resolve_language,
    use_language,
)
from shared import REPO_ROOT

CASES = REPO_ROOT / "tests" / "cases"
ROOTS = REPO_ROOT / "tests" / "roots"
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/refcheck.po"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", REPO_ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    """Every message marked in the source now."""
    return _tool().extracted()


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=None if path.suffix == ".pot" else path.parts[-3])


def _ids(catalog: Catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


def _placeholders(text: str) -> Counter[tuple[str, str, str]]:
    """The str.format fields of ``text``: (name, conversion, format spec), with repeats."""
    return Counter(
        (name, conversion or "", spec or "")
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


# -- the catalogues ---------------------------------------------------------------------


def test_there_is_a_japanese_catalogue() -> None:
    assert [path.parts[-3] for path in PO_FILES] == ["ja"]
    assert available_languages() == ("en", "ja")


def test_the_template_holds_every_marked_message_and_no_other(extracted: Catalog) -> None:
    template = _read(LOCALE_DIR / "refcheck.pot")
    assert _ids(template) == _ids(extracted), "run: python tools/i18n.py all"
    assert len(_ids(extracted)) > 150  # the rules, the reports, the CLI


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-3])
def test_every_marked_message_is_translated_and_none_is_stale(po: Path, extracted: Catalog) -> None:
    catalog = _read(po)
    assert not catalog.obsolete
    assert _ids(catalog) == _ids(extracted), "run: python tools/i18n.py update, then translate"
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"untranslated: {message.id!r}"
        assert "fuzzy" not in message.flags, f"fuzzy: {message.id!r}"


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-3])
def test_every_translation_has_the_placeholders_of_its_message(po: Path) -> None:
    checked = 0
    for message in _read(po):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        # A language with one plural form (ja) uses the plural's fields, which include
        # the count; each of its forms must show every field the English ones show.
        expected = _placeholders(ids[-1])
        for form in forms:
            assert set(_placeholders(form)) == set(expected), (message.id, form)
            checked += 1
    assert checked > 150


def test_the_placeholder_check_tells_a_missing_field() -> None:
    assert set(_placeholders("year {value!r} has {n} digits")) != set(
        _placeholders("year {value} has {n} digits")
    )
    assert set(_placeholders("date = {{{value}}}")) == {("value", "", "")}


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-3])
def test_the_compiled_catalogue_is_the_po_file(po: Path) -> None:
    """The .mo shipped beside the .po (what the package reads at run time) holds exactly
    the .po's translations: a .po edited without ``tools/i18n.py compile`` fails here."""
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected: dict[object, str] = {}
    for message in _read(po):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for index, form in enumerate(message.string):
                expected[(message.id[0], index)] = form
        else:
            expected[message.id] = message.string
    shipped = {key: value for key, value in compiled._catalog.items() if key != ""}  # type: ignore[attr-defined]
    assert shipped == expected, "run: python tools/i18n.py compile"


# -- choosing the language ---------------------------------------------------------------


def test_english_is_the_message_itself_and_needs_no_catalogue() -> None:
    assert active_language() == "en"
    assert _("same value") == "same value"
    assert ngettext("{n} day", "{n} days", 1).format(n=1) == "1 day"
    assert ngettext("{n} day", "{n} days", 3).format(n=3) == "3 days"


def test_use_language_translates_within_the_block_only() -> None:
    with use_language("ja") as language:
        assert language == "ja" and active_language() == "ja"
        assert _("same value") == "値は同じ"
        assert ngettext("{n} day", "{n} days", 3).format(n=3) == "3 日"
        assert _("a message nobody marked") == "a message nobody marked"
    assert _("same value") == "same value"


@pytest.mark.parametrize(
    ("asked", "resolved"),
    [("ja", "ja"), ("JA", "ja"), ("ja_JP", "ja"), ("ja-JP", "ja"), ("ja_JP.UTF-8", "ja"),
     ("en", "en"), ("en_US", "en"), ("C", "en"), ("", "en"), (None, "en"), ("fr", None),
     ("zh_CN", None)],
)  # fmt: skip
def test_language_names_as_people_and_tools_write_them(
    asked: str | None, resolved: str | None
) -> None:
    assert resolve_language(asked) == resolved


def test_an_unknown_language_names_the_available_ones() -> None:
    with pytest.raises(UnknownLanguage, match=r"available: en, ja"), use_language("fr"):
        pass
    with use_language("fr", strict=False) as language:  # a Sphinx project in French
        assert language == "en" and _("same value") == "same value"


# -- the CLI ------------------------------------------------------------------------------


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["check", "--as-of", "2025-06-01", *args])
    out, err = capsys.readouterr()
    return code, out, err


YEARS = str(CASES / "year-invalid" / "bad")
EARLY = str(CASES / "access-before-publication" / "bad")


def test_the_cli_is_english_by_default_whatever_lang_says(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    monkeypatch.delenv("REFCHECK_LANG", raising=False)
    code, out, _err = _check(capsys, EARLY)
    assert code == 1
    assert "urldate 2024-11-10 is 19 days before the publication date 2024-11-29" in out
    assert re.search(
        r"^Found \d+ problems \(\d+ warnings\) in 1 file \(1 file read\)\.$", out, re.M
    )
    assert not JAPANESE.search(out)


def test_lang_ja_prints_the_findings_and_the_summary_in_japanese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = _check(capsys, "--lang", "ja", EARLY, YEARS)
    assert code == 1
    lines = out.splitlines()
    # Places, severities, codes and rule names stay as they are; the messages change.
    assert any(
        line.endswith(
            "early-access.bib:3:3: warning D002 [access-before-publication] "
            "urldate 2024-11-10 は公開日 2024-11-29 の 19 日前です"
        )
        for line in lines
    )
    assert any("year '20011' が 5 桁です: 年は 4 桁です" in line for line in lines)
    assert any("year '2024-10-30' は年月日です: year ではなく date = {2024-10-30}" in line
               for line in lines)  # fmt: skip
    summary = "^2 ファイルで問題が \\d+ 件見つかりました\\(エラー \\d+ 件、警告 \\d+ 件、"
    assert re.search(summary + "読んだのは 2 ファイル\\)。$", out, re.M)
    findings = [line for line in lines if re.match(r".+:\d+:\d+: (warning|error) ", line)]
    assert findings and all(JAPANESE.search(line) for line in findings)


def test_japanese_and_english_report_the_same_findings(capsys: pytest.CaptureFixture[str]) -> None:
    place = re.compile(r"^(.+?:\d+:\d+: \w+ \w+ \[[\w-]+\]) ", re.M)
    for case in sorted(CASES.glob("*/bad")):
        _code, english, _err = _check(capsys, "--format", "concise", str(case))
        _code, japanese, _err = _check(capsys, "--format", "concise", "--lang", "ja", str(case))
        assert place.findall(japanese) == place.findall(english), case


def test_every_rule_case_speaks_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    """No message left in English in the findings of the rules' own bad cases (values
    and sentences quoted from the files aside, each message has Japanese in it)."""
    english_only = []
    for case in sorted(CASES.glob("*/bad")):
        _code, out, _err = _check(capsys, "--format", "concise", "--lang", "ja", str(case))
        for line in out.splitlines():
            match = re.match(r".+?:\d+:\d+: \w+ \w+ \[([\w-]+)\] (.*)$", line)
            if match and not JAPANESE.search(match[2]):
                english_only.append(line)
    assert english_only == []


def test_the_language_comes_from_the_environment_and_the_configuration(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shutil.copytree(CASES / "access-before-publication" / "bad", tmp_path / "bibs")
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.refcheck]\nbib = ["bibs"]\nlanguage = "ja"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFCHECK_LANG", raising=False)
    assert "19 日前です" in _check(capsys)[1]
    assert "19 days before" in _check(capsys, "--lang", "en")[1]  # the option wins
    monkeypatch.setenv("REFCHECK_LANG", "en")
    assert "19 days before" in _check(capsys)[1]  # the environment over the file
    monkeypatch.setenv("REFCHECK_LANG", "ja_JP.UTF-8")
    assert "19 日前です" in _check(capsys, "--config", str(config))[1]


def test_a_reason_inside_a_reason_is_translated_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The end of a range its own problem: a marked message and a Message with values."""
    bib = tmp_path / "ends.bib"
    bib.write_text(
        "@online{a, title={T}, url={https://x.org}, urldate={199X/2020-01-01T10:00}}\n"
        "@online{b, title={T}, url={https://x.org}, urldate={199X/2020-02-30}}\n",
        encoding="utf-8",
    )
    _code, english, _err = _check(capsys, "--select", "D001", "-q", str(bib))
    assert "(2020-01-01T10:00: a time needs its seconds); biber ignores" in english
    assert "(2020-02-30: day 30 does not exist in February 2020 (February 2020 has 29 days))" in (
        english
    )
    _code, japanese, _err = _check(capsys, "--select", "D001", "-q", "--lang", "ja", str(bib))
    assert "範囲の終わりが日付ではありません(2020-01-01T10:00: 時刻には秒が必要です)" in japanese
    assert (
        "(2020-02-30: 2020 年 2 月に 30 日はありません(2020 年 2 月は 29 日までです))" in japanese
    )


def test_github_annotations_are_translated(capsys: pytest.CaptureFixture[str]) -> None:
    """Workflow commands are read by people in the pull request: in the chosen language."""
    _code, out, _err = _check(
        capsys, "--lang", "ja", "--format", "github", str(CASES / "duplicate-key" / "bad")
    )
    lines = out.splitlines()
    assert lines and all(line.startswith("::error file=") for line in lines)
    assert any("が二度定義されています" in line and "を参照)" in line for line in lines)


def test_the_fix_summary_is_translated(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for bib in (CASES / "date-invalid" / "fix").glob("*.bib"):
        shutil.copy(bib, tmp_path / bib.name)
    _code, out, err = _check(capsys, "--lang", "ja", "--fix", str(tmp_path))
    summary = r"3 ファイルの問題 \d+ 件を直しました\(\d+ date-invalid、"
    assert re.search(summary, out + err), out + err


def test_json_and_sarif_stay_english(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = _check(capsys, "--lang", "ja", "--format", "json", EARLY)
    messages = [finding["message"] for finding in json.loads(out)["findings"]]
    assert "urldate 2024-11-10 is 19 days before the publication date 2024-11-29" in messages
    _code, japanese, _err = _check(capsys, "--lang", "ja", "--format", "sarif", EARLY)
    _code, english, _err = _check(capsys, "--format", "sarif", EARLY)
    assert japanese == english  # the fingerprints too, made from the messages


def test_an_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(capsys, "--lang", "xx", EARLY)
    assert (code, out) == (2, "")
    assert (
        err == "refcheck: error: --lang 'xx': refcheck has no messages in it (available: en, ja)\n"
    )


def test_an_unknown_language_in_the_configuration_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.refcheck]\nlanguage = "klingon"\n', encoding="utf-8")
    code, _out, err = _check(capsys, "--config", str(config), EARLY)
    assert code == 2
    assert (
        f"{config}: [tool.refcheck] language: no messages in 'klingon' (available: en, ja)" in err
    )
    assert "Traceback" not in err


def test_the_configuration_s_errors_follow_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The file is read before its own language setting is known: --lang (or
    REFCHECK_LANG) words its errors."""
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.refcheck]\nselect = ["D01"]\n', encoding="utf-8")
    code, _out, err = _check(capsys, "--lang", "ja", "--config", str(config), EARLY)
    assert code == 2
    assert "[tool.refcheck] select: 未知の規則 'D01'" in err
    code, _out, err = _check(capsys, "--config", str(config), EARLY)
    assert "[tool.refcheck] select: unknown rule 'D01'" in err


def test_the_language_ends_with_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    _check(capsys, "--lang", "ja", EARLY)
    assert active_language() == "en" and _("same value") == "same value"


def test_the_installed_command_speaks_japanese() -> None:
    """``python -m refcheck`` in its own process: the catalogue is found from the package."""
    done = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--lang", "ja", "--as-of", "2025-06-01", EARLY],
        capture_output=True, text=True, check=False, cwd=REPO_ROOT,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "19 日前です" in done.stdout


# -- the Sphinx extension ------------------------------------------------------------------


def _build(tmp_path: Path, root: str, language: str | None) -> tuple[str, str, Path]:
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / root, srcdir)
    overrides = {"suppress_warnings": []}
    if language is not None:
        overrides["language"] = language  # type: ignore[assignment]
    outdir = srcdir / "_build" / "html"
    app, warnings, _status = run_sphinx(
        srcdir, "html", outdir, srcdir / "_build" / "doctrees", confoverrides=overrides
    )
    assert app.statuscode == 0, warnings
    return strip_colors(warnings), (outdir / "audit.html").read_text(encoding="utf-8"), outdir


def _cells(page: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", page, re.S)
    ]


def test_a_japanese_project_gets_japanese_warnings_and_audit(tmp_path: Path) -> None:
    warnings, page, _outdir = _build(tmp_path, "test-audit", "ja")
    refcheck_lines = [line for line in warnings.splitlines() if "[refcheck." in line]
    assert refcheck_lines and all(JAPANESE.search(line) for line in refcheck_lines)
    assert any(
        "C002 項目 'neverused' はどこからも引用されていません" in line for line in refcheck_lines
    )
    # The audit: headings, column names, statuses and the findings themselves.
    assert re.findall(r'<p class="rubric">([^<]*)</p>', page) == [
        "本文で引用されていない文献(C002 unused-entry) (未対応 1 件、抑止 0 件)",
        "出典の後に置かれた記述(C003 claim-after-source) (未対応 1 件、抑止 0 件)",
        "公開日より前の閲覧日(D002 access-before-publication) (未対応 0 件、抑止 2 件)",
    ]
    assert "<p>指摘</p>" in page and "<p>扱い</p>" in page
    cells = _cells(page)
    assert "項目 'neverused' はどこからも引用されていません" in cells
    assert "urldate 2024-10-05 は公開日 2024-10-10 の 5 日前です" in cells
    assert "未対応 (警告)" in cells
    # Rows of entry, place, finding, status: every finding and status speaks Japanese
    # (the reasons of the suppressions are the project's own words, quoted).
    findings, statuses = cells[2::4], cells[3::4]
    assert len(findings) == 4 and all(JAPANESE.search(cell) for cell in findings)
    assert all(status.startswith(("未対応 (", "抑止: ")) for status in statuses)


@pytest.mark.parametrize("language", ["en", "fr", None])
def test_an_english_or_untranslated_project_stays_english(
    tmp_path: Path, language: str | None
) -> None:
    warnings, page, _outdir = _build(tmp_path, "test-audit", language)
    assert "C002 entry 'neverused' is never cited" in warnings
    assert re.findall(r'<p class="rubric">([^<]*)</p>', page)[0] == (
        "C002 unused-entry (1 open, 0 suppressed)"
    )
    cells = _cells(page)
    assert "urldate 2024-10-05 is 5 days before the publication date 2024-10-10" in cells
    assert not any(JAPANESE.search(cell) for cell in cells)


def test_sphinx_and_the_cli_say_the_same_in_japanese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = tmp_path / "cli"
    shutil.copytree(ROOTS / "test-myst", srcdir)
    monkeypatch.chdir(srcdir)
    run(["check", "--format", "concise", "--lang", "ja", "--quiet", "."])
    cli_messages = {
        re.sub(r"^.+?:\d+:\d+: \w+ ([A-Z]\d{3}) \[[\w-]+\] ", r"\1 ", line)
        for line in capsys.readouterr().out.splitlines()
    }
    warnings, _page, _outdir = _build(tmp_path, "test-myst", None)  # its conf.py says ja
    sphinx_messages = {
        match[1]
        for match in re.finditer(r"WARNING: ([A-Z]\d{3} .*) \[refcheck\.[\w-]+\]$", warnings, re.M)
    }
    assert sphinx_messages and sphinx_messages <= cli_messages
    assert all(JAPANESE.search(message) for message in sphinx_messages)
