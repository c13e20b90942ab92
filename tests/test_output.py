"""Output formats, tested by parsing them, with hostile text from hostile files.

JSON is validated against findings.schema.json; SARIF is checked for the structure code
scanning needs; GitHub output must be exactly one workflow command per line whatever
the findings hold; text output must carry no terminal control characters.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.config import Config
from refcheck.engine import CheckResult, build_project, check_project
from refcheck.model import Finding, Location, Severity
from refcheck.output import escape_visible, render
from refcheck.rules import all_rules
from refcheck.suppress import Suppressed

SCHEMA = json.loads(
    resources.files("refcheck.output").joinpath("findings.schema.json").read_text("utf-8")
)
GITHUB_LINE = re.compile(
    r"::(?P<command>error|warning|notice) "
    r"file=(?P<file>[^\r\n,:]*),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^\r\n,:]*)"
    r"::(?P<message>[^\r\n]*)"
)
TERMINAL_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "evil\n::error file=x,line=1::injected %0A %25 \r\x1b[31mred\x1b[0m \x07 \u202e, : ::"


def unescape_github(text: str) -> str:
    return re.sub(
        "%(25|0D|0A|3A|2C)",
        lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m.group(1)],
        text,
    )


@pytest.fixture
def hostile_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CheckResult:
    """A real run over files whose names, keys and comments are hostile."""
    monkeypatch.chdir(tmp_path)
    bib = tmp_path / "refs %0A,x:y.bib"
    bib.write_text(
        "% refcheck: ignore[unused-entry] reason with \x1b]0;title\x07 and %0A::warning::x\n"
        "@article{evil::error%0Akey\x1b[2J, title = {T}, date = {2024-13-45}}\n"
        "@article{spare, title = {T}}\n@article{broken,\n",
        encoding="utf-8",
    )
    doc = tmp_path / "doc\n::error::name.md"
    doc.write_text("{cite:p}`a%0D%0A::error::b\x1b[1m,c\u202eok`\n", encoding="utf-8")
    return check_project(build_project([bib.name], [doc.name]), Config())


def synthetic(message: str, path: str, key: str | None) -> CheckResult:
    finding = Finding(
        "undefined-citation", "C001", Severity.ERROR, path, 3, 7, message, key,
        (Location(path, 1, 1),),
    )  # fmt: skip
    suppressed = Suppressed(finding, message or "r", Location(path, 2, 1), "inline")
    rules = [r for r in all_rules() if r.code == "C001"]
    return CheckResult([finding], [suppressed], rules, files_checked=1)


def check_json(text: str) -> dict[str, Any]:
    data = json.loads(text)
    jsonschema.validate(data, SCHEMA)
    return data


def check_sarif(text: str) -> dict[str, Any]:
    sarif = json.loads(text)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    [run] = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "refcheck"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for descriptor in driver["rules"]:
        assert re.fullmatch(r"[A-Z]\d{3}", descriptor["id"])
        assert descriptor["shortDescription"]["text"] and descriptor["fullDescription"]["text"]
        assert "## What it does" in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        places = result["locations"] + result.get("relatedLocations", [])
        places += [s["location"] for s in result.get("suppressions", [])]
        for place in places:
            physical = place["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", uri), uri
            assert physical["region"]["startLine"] >= 1
            assert physical["region"]["startColumn"] >= 1
        for suppression in result.get("suppressions", []):
            assert suppression["kind"] in ("inSource", "external")
            assert suppression["justification"]
    return sarif


def check_github(text: str, count: int) -> list[re.Match[str]]:
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) - 1 == count
    matches = [GITHUB_LINE.fullmatch(line) for line in lines[:-1]]
    assert all(matches), lines
    return [m for m in matches if m]


def check_text(text: str, count: int) -> None:
    assert not TERMINAL_UNSAFE.search(text)
    findings_part = text.split("\n\n", 1)[0]  # a blank line, then the summary per rule
    finding_lines = [line for line in findings_part.splitlines() if not line.startswith("    ")]
    assert len(finding_lines) == count


def test_hostile_files_run_through_every_format(hostile_result: CheckResult) -> None:
    findings = hostile_result.findings
    assert {f.rule for f in findings} >= {"undefined-citation", "parse-error"}
    assert any("\n" in f.path for f in findings) and any("\x1b" in (f.key or "") for f in findings)
    assert [s.reason for s in hostile_result.suppressed] == [
        "reason with \x1b]0;title\x07 and %0A::warning::x"
    ]

    data = check_json(render(hostile_result, "json"))
    assert [f["key"] for f in data["findings"]] == [f.key for f in findings]
    assert [f["path"] for f in data["findings"]] == [f.path for f in findings]
    assert data["suppressed"][0]["reason"] == hostile_result.suppressed[0].reason

    sarif = check_sarif(render(hostile_result, "sarif"))
    uris = {
        unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {f.path for f in findings} | {s.finding.path for s in hostile_result.suppressed}

    matches = check_github(render(hostile_result, "github"), len(findings))
    for match, finding in zip(matches, findings, strict=True):
        assert unescape_github(match["file"]) == escape_visible(finding.path)
        assert unescape_github(match["message"]).startswith(escape_visible(finding.message))

    check_text(render(hostile_result, "text"), len(findings))


@settings(max_examples=200, deadline=None)
@given(
    message=st.text(min_size=1, max_size=80),
    path=st.text(min_size=1, max_size=40),
    key=st.none() | st.text(max_size=30),
)
def test_any_text_keeps_every_format_well_formed(message: str, path: str, key: str | None) -> None:
    result = synthetic(message, path, key)
    data = check_json(render(result, "json"))
    assert (data["findings"][0]["message"], data["findings"][0]["path"]) == (message, path)
    check_sarif(render(result, "sarif"))
    [match] = check_github(render(result, "github"), 1)
    assert unescape_github(match["file"]) == escape_visible(path)
    assert unescape_github(match["title"]) == "C001 [undefined-citation]"
    check_text(render(result, "text"), 1)


def test_escape_visible_shows_control_characters() -> None:
    assert (
        escape_visible("a\nb\r\tc\x1b[0m\x07\x9b\u202ed") == "a\\nb\\r\\tc\\e[0m\\x07\\x9b\\u202ed"
    )
    assert escape_visible("日本語 % :: ,") == "日本語 % :: ,"


def test_text_format_lines_and_summary() -> None:
    result = synthetic("citation of undefined key 'x'", "docs/a.md", "x")
    assert render(result, "text") == (
        "docs/a.md:3:7: error C001 [undefined-citation] citation of undefined key 'x'\n"
        "    docs/a.md:1:1: related location\n"
        "\n"
        "     1  error    C001  undefined-citation\n"
        "Found 1 problem (1 error) in 1 file (1 file read); 1 suppressed.\n"
    )
    assert render(result, "text", quiet=True).count("\n") == 2
    assert render(result, "text", statistics=True) == (
        "     1  C001  undefined-citation\n"
        "Found 1 problem (1 error) in 1 file (1 file read); 1 suppressed.\n"
    )
    empty = CheckResult([], [], [], files_checked=3)
    assert render(empty, "text") == "No problems found in 3 files.\n"
    assert render(empty, "github") == ""


def test_related_places_say_what_they_are() -> None:
    finding = Finding(
        "duplicate-key", "U001", Severity.ERROR, "b.bib", 9, 1, "key 'k' is defined twice", "k",
        (Location("a.bib", 2, 1),),
    )  # fmt: skip
    result = CheckResult([finding], [], [r for r in all_rules() if r.code == "U001"])
    assert "    a.bib:2:1: first defined here\n" in render(result, "text")
    [sarif_result] = check_sarif(render(result, "sarif"))["runs"][0]["results"]
    assert sarif_result["relatedLocations"][0]["message"]["text"] == "first defined here"


def test_github_severities_map_to_commands() -> None:
    findings = [
        Finding("unused-entry", "C002", severity, "a.bib", 1, 1, "m")
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    text = render(CheckResult(findings, [], []), "github")
    assert [m["command"] for m in check_github(text, 3)] == ["error", "warning", "notice"]


def test_sarif_marks_suppressions_and_relative_uris() -> None:
    sarif = check_sarif(render(synthetic("m", "docs/a b%.md", "k"), "sarif"))
    results = sarif["runs"][0]["results"]
    assert [("suppressions" in r) for r in results] == [False, True]
    assert results[1]["suppressions"][0]["kind"] == "inSource"
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/a%20b%25.md"
    assert location["region"] == {"startLine": 3, "startColumn": 7}
    assert sarif["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_sarif_rule_levels_follow_severity_overrides() -> None:
    result = synthetic("m", "a.md", "k")
    result.severities = {"undefined-citation": Severity.INFO}
    [descriptor] = check_sarif(render(result, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["defaultConfiguration"] == {"level": "note"}
    assert descriptor["name"] == "undefined-citation"
    assert descriptor["fullDescription"]["text"].startswith("Reads every citation role")


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\u061c", "\\u061c"),  # Arabic letter mark
        ("\u200f", "\\u200f"),
        ("\u2067", "\\u2067"),
        ("\u200b", "\\u200b"),
        ("\ufeff", "\\ufeff"),
        ("\U000e0041", "\\U000e0041"),  # a tag character: invisible ASCII
        ("\u2029", "\\u2029"),
    ],
)
def test_escape_visible_shows_bidi_marks_and_invisible_format_characters(
    char: str, shown: str
) -> None:
    assert escape_visible(f"a{char}b") == f"a{shown}b"
    assert escape_visible(escape_visible(f"a{char}b")) == f"a{shown}b"


def test_escape_visible_keeps_joiners_that_scripts_need() -> None:
    assert escape_visible("می\u200cخواهم क्\u200dष") == "می\u200cخواهم क्\u200dष"


@pytest.mark.parametrize("name", ["::warning::x.bib", " ::error::x.bib", "\u3000::error::x.bib"])
def test_a_file_name_cannot_start_a_workflow_command_in_the_text_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(
        "@article{a, title = {T}, date = {2024-13-45}}\n"
        "@article{b, title = {T}, date = {2024-01-01}}\n@article{B, title = {T}}\n",
        encoding="utf-8",
    )
    result = check_project(build_project([name], []), Config())
    text = render(result, "text")
    assert text.count(f"./{name}:") >= 3  # findings and the related place of duplicate-key
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line


def test_u061c_in_a_value_is_escaped_in_the_text_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text("@article{a, title = {T}, date = {2024\u061c-13}}\n")
    text = render(check_project(build_project(["refs.bib"], []), Config()), "text")
    assert "\u061c" not in text and "2024\\u061c-13" in text
