"""Tests as data: every case in tests/cases/<rule>/{bad,good}/ (spec: tests/cases/README.md).

Bad cases carry their expected findings as ``expect:`` comments; good cases are near
misses that must stay silent.  A meta-test fails when a registered rule has no bad or
good case, or its documentation lacks one of ruff's sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from refcheck.config import Config, load_config
from refcheck.engine import build_project, check_project, collect_inputs
from refcheck.model import Finding
from refcheck.project import discover, project_kind
from refcheck.rules import all_rules
from refcheck.sources import SourceInput

CASES_DIR = Path(__file__).parent / "cases"
CASE_SUFFIXES = (".bib", ".md", ".rst", ".py", ".ipynb")
CASES_AS_OF = date(2025, 6, 1)
DOC_SECTIONS = (
    "What it does", "Why is this bad?", "Example", "Use instead", "Options", "Fix safety"
)  # fmt: skip

_EXPECT_BODY = r"expect:\s*(?:(?P<file>[^\s:]+):)?(?P<line>\d+)\s+(?P<rule>[a-z0-9-]+)(?P<text>.*?)"
EXPECT_PATTERNS = {
    ".bib": re.compile(rf"^[ \t]*%[ \t]*{_EXPECT_BODY}[ \t]*$", re.M),
    ".md": re.compile(rf"<!--\s*{_EXPECT_BODY}\s*-->", re.M),
    ".rst": re.compile(rf"^[ \t]*\.\.[ \t]+{_EXPECT_BODY}[ \t]*$", re.M),
    # The build configurations of project cases (conf.py, _config.yml, _toc.yml, myst.yml).
    ".py": re.compile(rf"^[ \t]*#[ \t]*{_EXPECT_BODY}[ \t]*$", re.M),
    ".yml": re.compile(rf"^[ \t]*#[ \t]*{_EXPECT_BODY}[ \t]*$", re.M),
    # A notebook's expectations are written in a .md file of its case (expect: nb.ipynb:N).
    ".ipynb": re.compile(r"(?!)"),
}


@dataclass(frozen=True)
class Expectation:
    path: Path
    line: int
    rule: str
    text: str
    written_at: str  # file:line of the expect comment, for failure messages


def case_files(case: Path) -> list[Path]:
    if case.is_file():
        return [case]
    return sorted(p for p in case.rglob("*") if p.suffix in EXPECT_PATTERNS)


def read_expectations(case: Path) -> list[Expectation]:
    folder = case if case.is_dir() else case.parent
    found = []
    for file in case_files(case):
        text = file.read_text(encoding="utf-8", errors="replace")
        for match in EXPECT_PATTERNS[file.suffix].finditer(text):
            target = folder / match.group("file") if match.group("file") else file
            line_of_comment = text.count("\n", 0, match.start()) + 1
            found.append(
                Expectation(
                    target.resolve(),
                    int(match.group("line")),
                    match.group("rule"),
                    match.group("text").strip(),
                    f"{file.name}:{line_of_comment}",
                )
            )
    return found


def case_config(case: Path) -> Config:
    pyproject = case / "pyproject.toml"
    config = load_config(pyproject) if case.is_dir() and pyproject.is_file() else Config()
    if config.as_of is None:
        config.as_of = CASES_AS_OF
    return config


def run_case(case: Path, rule: str) -> list[Finding]:
    if case.is_dir() and project_kind(case):
        # A project case: its build configuration says what is read, as `refcheck check`
        # in that folder would.
        layout = discover(case)
        docs = [SourceInput(d, layout.kind_of(d)) for d in layout.docs if layout.kind_of(d)]
        project = build_project(
            layout.bibs,
            docs,
            srcdir=layout.root if layout.kind in ("sphinx", "jupyter-book") else None,
            bib_encoding=layout.bib_encoding,
            mystmd=True if layout.kind == "myst-md" else None,
            natbib=layout.natbib,
        )
        layout.apply_to(project)
    else:
        inputs = collect_inputs([case])
        project = build_project(inputs.bib, inputs.docs)
    result = check_project(project, case_config(case))
    return [f for f in result.findings if f.rule == rule]


def compare(expected: list[Expectation], findings: list[Finding]) -> list[str]:
    """Differences between expectations and findings, as readable lines (empty: they agree)."""
    unmatched = list(findings)
    errors = []
    for want in expected:
        match = next(
            (
                f
                for f in unmatched
                if Path(f.path).resolve() == want.path
                and f.line == want.line
                and want.text in f.message
            ),
            None,
        )
        if match is None:
            errors.append(
                f"missing: {want.path.name}:{want.line} {want.rule} {want.text!r}"
                f" (expected at {want.written_at})"
            )
        else:
            unmatched.remove(match)
    errors += [f"unexpected: {Path(f.path).name}:{f.line}: {f.message}" for f in unmatched]
    return errors


def discover_cases() -> list[tuple[str, str, Path]]:
    cases = []
    for rule_dir in sorted(p for p in CASES_DIR.iterdir() if p.is_dir()):
        for kind in ("bad", "good"):
            folder = rule_dir / kind
            if not folder.is_dir():
                continue
            for case in sorted(folder.iterdir()):
                if case.name.startswith(".") or (
                    case.is_file() and case.suffix not in CASE_SUFFIXES
                ):
                    continue
                cases.append((rule_dir.name, kind, case))
    return cases


CASES = discover_cases()


@pytest.mark.parametrize(
    ("rule", "kind", "case"),
    CASES,
    ids=[f"{rule}/{kind}/{case.name}" for rule, kind, case in CASES],
)
def test_case(rule: str, kind: str, case: Path) -> None:
    expected = read_expectations(case)
    assert all(e.rule == rule for e in expected), f"{case}: an expectation names another rule"
    if kind == "bad":
        assert expected, f"{case}: a bad case must say which findings it expects"
    else:
        assert not expected, f"{case}: a good case expects nothing"
    enabled = {r.name for r in case_config(case).enabled_rules()}
    assert rule in enabled, f"{case}: its settings turn its own rule off, so it tests nothing"
    errors = compare(expected, run_case(case, rule))
    assert not errors, f"{case}:\n" + "\n".join(errors)


RULE_NAMES = [r.name for r in all_rules()]


@pytest.mark.parametrize("name", RULE_NAMES)
def test_rule_has_bad_and_good_cases(name: str) -> None:
    for kind in ("bad", "good"):
        found = [c for r, k, c in CASES if r == name and k == kind]
        assert found, f"rule {name} has no case in tests/cases/{name}/{kind}/"


@pytest.mark.parametrize("name", RULE_NAMES)
def test_rule_is_documented(name: str) -> None:
    from refcheck.commands.rules import rule_documentation

    rule = next(r for r in all_rules() if r.name == name)
    assert rule.summary, f"rule {name} has no docstring"
    # "Fix safety" comes from the rule's fixers (or says there is no fix) when the
    # docstring does not write it.
    headings = re.findall(r"^## (.+)$", rule_documentation(name), re.M)
    missing = [s for s in DOC_SECTIONS if s not in headings]
    assert not missing, f"rule {name}: documentation lacks sections {missing}"


def test_every_case_folder_names_a_rule() -> None:
    stray = sorted({r for r, _, _ in CASES} - set(RULE_NAMES))
    assert not stray, f"case folders for rules that do not exist: {stray}"


def test_runner_reports_missing_and_unexpected_findings(tmp_path: Path) -> None:
    """The runner itself can fail: a wrong line and an unexpected finding are both caught."""
    case = tmp_path / "case.md"
    case.write_text(
        "Cited {cite:p}`nowhere`.\n<!-- expect: 2 undefined-citation 'nowhere' -->\n",
        encoding="utf-8",
    )
    errors = compare(read_expectations(case), run_case(case, "undefined-citation"))
    assert errors == [
        "missing: case.md:2 undefined-citation \"'nowhere'\" (expected at case.md:2)",
        "unexpected: case.md:1: citation of undefined key 'nowhere'",
    ]
