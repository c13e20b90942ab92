"""The check after ``--fix`` (rules run again only where a fix can have changed what they
read, refcheck.fixes.recheck) reports exactly what a fresh check of the fixed files does.

Over every .bib of the shared corpora and of the rules' cases (``tests/cases``), as they
are and with fixes planted (a repeated field, which moves every entry below it up a
line; a date to make ISO, which can reveal new date findings).  The rules' declarations
of what they read are tested on their own too: a rule of one entry finds on half of the
entries what it finds there among all of them, and changing every field a rule does not
read changes none of its findings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from refcheck.config import Config
from refcheck.engine import CheckResult, build_project, check_project, collect_inputs
from refcheck.fixes import recheck
from refcheck.fixes.runner import fix_project
from refcheck.model import BibFile, Field, Finding
from refcheck.rules import all_rules
from refcheck.rules.registry import Project, Rule
from shared import CORPUS_DIR, plant_fixes

CASES_DIR = Path(__file__).parent / "cases"
CORPUS = sorted(CORPUS_DIR.rglob("*.bib")) if CORPUS_DIR.is_dir() else []
DISTINCT = list({p.read_bytes(): p for p in reversed(CORPUS)}.values())[::-1]
CASES = sorted(CASES_DIR.rglob("*.bib"))
LARGE = [p for p in DISTINCT if p.parent.name == "large"]
# Every rule, the ones off by default too, on a fixed as-of date.
RULES = list(all_rules())
AS_OF = "2026-12-01"


def _planted(text: str) -> str:
    """Every seventh entry's first field repeated, every 11th given a date to fix."""
    return plant_fixes(text, 7, 11, "  date = {30 October 2024},\n")


def _config() -> Config:
    from datetime import date

    config = Config()
    config.as_of = date.fromisoformat(AS_OF)
    return config


def _report(result: CheckResult) -> tuple[object, ...]:
    def finding(f: Finding) -> tuple[object, ...]:
        return (f.path, f.line, f.col, f.code, f.severity, f.message, f.key, f.related,
                f.replacement, f.data)  # fmt: skip

    return (
        [finding(f) for f in result.findings],
        [(finding(s.finding), s.reason, s.location, s.kind) for s in result.suppressed],
        result.files_checked,
        result.entries_checked,
        result.readable,
    )


def _fix_then_fresh(path: Path, unsafe: bool = False) -> tuple[object, object, int]:
    """The report after fixing ``path`` and a fresh check's report of the fixed file."""
    config = _config()
    outcome = fix_project(collect_inputs([path]), config, unsafe=unsafe, rules=RULES)
    for source, data in outcome.changes:
        source.path.write_bytes(data)
    fresh = check_project(build_project([path], []), config, rules=RULES)
    return _report(outcome.result), _report(fresh), len(outcome.fixed)


def _copy(original: Path, folder: Path, plant: bool) -> Path:
    copy = folder / original.name
    if plant:
        data = original.read_bytes()
        copy.write_bytes(_planted(data.decode("utf-8", "surrogateescape")).encode(
            "utf-8", "surrogateescape"
        ))  # fmt: skip
    else:
        shutil.copyfile(original, copy)
    return copy


@pytest.mark.skipif(not CORPUS, reason=f"no shared corpus at {CORPUS_DIR}")
@pytest.mark.parametrize("plant", [False, True], ids=["as-is", "planted"])
@pytest.mark.parametrize("original", DISTINCT, ids=[p.name for p in DISTINCT])
def test_the_report_after_fix_is_a_fresh_check_of_the_fixed_corpus_file(
    original: Path, plant: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    after_fix, fresh, _ = _fix_then_fresh(_copy(original, tmp_path, plant))
    assert after_fix == fresh


@pytest.mark.parametrize("plant", [False, True], ids=["as-is", "planted"])
@pytest.mark.parametrize("original", CASES, ids=[str(p.relative_to(CASES_DIR)) for p in CASES])
def test_the_report_after_fix_is_a_fresh_check_of_the_fixed_case(
    original: Path, plant: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    after_fix, fresh, _ = _fix_then_fresh(_copy(original, tmp_path, plant), unsafe=True)
    assert after_fix == fresh


def test_the_planted_fixes_take_the_partial_path_and_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not always falling back to running everything: the planted fixes of a real file
    are fixed and re-checked rule by rule, and the result still equals a fresh check."""
    if not LARGE:
        pytest.skip("no shared corpus")
    monkeypatch.chdir(tmp_path)
    everything: list[object] = []
    original_check = recheck.check_project

    def counting(*args: object, **kwargs: object) -> CheckResult:
        everything.append(kwargs.get("findings") is None)
        return original_check(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(recheck, "check_project", counting)
    smallest = min(LARGE, key=lambda p: p.stat().st_size)
    after_fix, fresh, fixed = _fix_then_fresh(_copy(smallest, tmp_path, plant=True))
    assert fixed and after_fix == fresh
    assert everything and not any(everything)  # every pass kept what it could


# -- the declarations -----------------------------------------------------------------


def _project(path: Path) -> Project:
    return build_project([path], [])


def _by_rule(project: Project, rules: list[Rule]) -> dict[str, list[tuple[object, ...]]]:
    """Each rule's findings (suppressed ones too), sorted."""
    findings, suppressed, *_ = _report(check_project(project, _config(), rules=rules))
    found: dict[str, list[tuple[object, ...]]] = {rule.name: [] for rule in rules}
    codes = {rule.code: rule.name for rule in rules}
    for finding in [*findings, *(s[0] for s in suppressed)]:  # type: ignore[attr-defined]
        found[codes[finding[3]]].append(finding)
    return {name: sorted(items, key=repr) for name, items in found.items()}


PER_ENTRY = [r for r in RULES if r.per_entry]
DECLARED_READS = [r for r in RULES if r.reads is not None]
DECLARATION_FILES = [*DISTINCT, *CASES]
DECLARATION_IDS = [f"{p.parent.parent.name}/{p.parent.name}/{p.name}" for p in DECLARATION_FILES]


@pytest.mark.parametrize("path", DECLARATION_FILES, ids=DECLARATION_IDS)
def test_a_rule_of_one_entry_finds_on_part_of_the_entries_what_it_finds_there(
    path: Path,
) -> None:
    whole = _project(path)
    halves: dict[str, list[tuple[object, ...]]] = {rule.name: [] for rule in PER_ENTRY}
    for parity in (0, 1):
        bibfiles = [
            BibFile(b.path, b.entries[parity::2], [], b.encoding, b.readable)
            for b in whole.bibfiles
        ]
        for name, found in _by_rule(Project(bibfiles), PER_ENTRY).items():
            halves[name] += found
    expected = _by_rule(whole, PER_ENTRY)
    assert {n: sorted(f, key=repr) for n, f in halves.items()} == expected


def _rewritten(project: Project, keep: object) -> Project:
    """Every field the rule does not read given another value (places kept)."""
    for entry in project.entries():
        entry.fields = [
            f if f.name in keep else Field(f.name, f"x{f.value}9 z", f.line, f.col)
            for f in entry.fields
        ]
    return project


@pytest.mark.parametrize("path", DECLARATION_FILES, ids=DECLARATION_IDS)
def test_a_rule_sees_nothing_of_the_fields_it_does_not_read(path: Path) -> None:
    before = _by_rule(_project(path), DECLARED_READS)
    # Rules that read the same fields are checked together.
    groups: dict[frozenset[str], list[Rule]] = {}
    for rule in DECLARED_READS:
        groups.setdefault(frozenset(rule.reads or ()), []).append(rule)
    for reads, rules in groups.items():
        after = _by_rule(_rewritten(_project(path), reads), rules)
        assert after == {rule.name: before[rule.name] for rule in rules}, sorted(reads)


def test_the_doi_view_of_the_duplicate_rules_sees_a_resolver_link_as_the_doi() -> None:
    from refcheck.matching.records import doi_as_compared

    assert doi_as_compared("https://doi.org/10.1000/XYZ") == doi_as_compared("10.1000/xyz")
    assert doi_as_compared("1.1") != doi_as_compared("1.2")


def test_the_url_view_of_the_duplicate_rules_sees_what_the_records_compare() -> None:
    from refcheck.matching.records import url_as_compared

    assert url_as_compared("https://www.example.org/a/") == url_as_compared("http://example.org/a")
    assert url_as_compared("https://example.org/a") != url_as_compared("https://example.org/b")
    assert url_as_compared("https://doi.org/10.1/x")[1] == "10.1/x"
