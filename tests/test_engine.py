"""The engine: inputs, project building, rule selection, severities and suppressions."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from refcheck.bib import parse_text
from refcheck.config import Config, EntryIgnore
from refcheck.engine import (
    InputError,
    RuleError,
    build_project,
    check_project,
    collect_inputs,
)
from refcheck.model import Citation, Location, Severity
from refcheck.rules import RULES, Project, Report, rule
from refcheck.rules.registry import Context, Document

AS_OF = date(2025, 6, 1)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_texts(bib: str, docs: dict[str, str] | None = None, config: Config | None = None):
    """Check in-memory texts, the way the Sphinx extension will: no files involved."""
    from refcheck.sources.documents import scan_document

    project = Project(bibfiles=[parse_text(bib, "refs.bib")])
    for path, text in (docs or {}).items():
        project.documents.append(Document(path, text))
        scan = scan_document(path, text)
        project.citations.extend(scan.citations)
        project.cites_all |= scan.cites_all
    config = config or Config()
    config.as_of = config.as_of or AS_OF
    return check_project(project, config)


def test_collect_inputs_walks_folders_and_skips_build_and_hidden(tmp_path: Path) -> None:
    for name in [
        "refs.bib",
        "docs/a.md",
        "docs/sub/b.rst",
        "docs/_build/html/c.md",
        "docs/.hidden/d.md",
        ".venv/lib/e.bib",
        "node_modules/x/f.md",
        "docs/notes.txt",
    ]:
        write(tmp_path / name, "")
    inputs = collect_inputs([tmp_path, tmp_path / "refs.bib"])
    assert [p.relative_to(tmp_path).as_posix() for p in inputs.bib] == ["refs.bib"]
    assert [p.relative_to(tmp_path).as_posix() for p in inputs.docs] == [
        "docs/a.md",
        "docs/sub/b.rst",
    ]


def test_collect_inputs_rejects_missing_and_unsupported_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        collect_inputs([tmp_path / "missing.bib"])
    with pytest.raises(InputError, match=r"not a \.bib, \.md, \.rst, \.ipynb or \.py file"):
        collect_inputs([write(tmp_path / "notes.txt", "")])


def test_files_to_findings_sorted_by_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "refs.bib", "@article{used, title={T}, date={2024-01-01}}\n@article{spare,\n")
    write(tmp_path / "docs/b.md", "{cite:p}`ghost2`\n")
    write(tmp_path / "docs/a.md", "x\n\n{cite:p}`used,ghost1`\n")
    inputs = collect_inputs(["refs.bib", "docs"])
    config = Config(as_of=AS_OF, select=("C", "S"))
    result = check_project(build_project(inputs.bib, inputs.docs), config)
    assert [(f.path, f.line, f.col, f.code, f.key) for f in result.findings] == [
        ("docs/a.md", 3, 15, "C001", "ghost1"),
        ("docs/b.md", 1, 10, "C001", "ghost2"),
        ("refs.bib", 2, 1, "C002", "spare"),
        ("refs.bib", 2, 1, "S001", None),
    ]
    assert result.files_checked == 3 and result.entries_checked == 2


def test_document_encoding_problems_are_reported_not_fatal(tmp_path: Path) -> None:
    write(tmp_path / "refs.bib", "@article{k, title={T}, date={2024-01-01}}\n")
    (tmp_path / "latin1.md").write_bytes(b"line\ncaf\xe9 {cite:p}`k`\n")
    (tmp_path / "bom.md").write_bytes("\ufeff{cite:p}`k`\n".encode())
    project = build_project([tmp_path / "refs.bib"], [tmp_path / "latin1.md", tmp_path / "bom.md"])
    assert [(p.line, "UTF-8" in p.message) for p in project.problems] == [(2, True)]
    assert [(c.path.endswith("bom.md"), c.line, c.col) for c in project.citations] == [
        (False, 2, 15),
        (True, 1, 10),
    ]


def test_checking_never_writes_to_the_checked_files(tmp_path: Path) -> None:
    bib = write(tmp_path / "refs.bib", "% refcheck: ignore[unused-entry]\n@article{k, title={T}}\n")
    doc = write(tmp_path / "a.md", "{cite}`x`\n")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*")}
    check_project(build_project([bib], [doc]), Config(as_of=AS_OF))
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*")}
    assert after == before


BIB_WITH_SUPPRESSIONS = """\
% refcheck: ignore[access-before-publication] the source's typo, kept as published
@article{typo,
  title = {T},
  date = {2024-03-02},
  urldate = {2024-03-01},
}

% refcheck: ignore[access-before-publication]
@article{noreason,
  title = {T},
  date = {2024-03-02},
  urldate = {2024-03-01},
}

@article{plain,
  title = {T},
  date = {2024-03-02},
  urldate = {2024-03-01},
}
"""


def test_inline_suppression_is_applied_and_recorded_with_its_reason() -> None:
    result = check_texts(BIB_WITH_SUPPRESSIONS)
    abp = [(f.key, f.line) for f in result.findings if f.rule == "access-before-publication"]
    # The suppression without a reason silences nothing, and is itself reported.
    assert [key for key, _ in abp] == ["noreason", "plain"]
    invalid = [f for f in result.findings if f.rule == "invalid-suppression"]
    assert [(f.line, f.key) for f in invalid] == [(8, "noreason")]
    assert [(s.finding.key, s.reason, s.location, s.kind) for s in result.suppressed] == [
        ("typo", "the source's typo, kept as published", Location("refs.bib", 1, 1), "inline")
    ]


def test_inline_suppression_covers_only_its_own_entry() -> None:
    bib = (
        "% refcheck: ignore[parse-error] broken on purpose\n"
        "@article{a, title={T}, date={2024-01-01}}\n"
        "@article{b, title={T} date={2024-01-01}}\n"
    )
    result = check_texts(bib, config=Config(select=("S",)))
    # The parse error is in entry b, so the suppression above entry a silences nothing.
    assert [(f.rule, f.line, f.message) for f in result.findings] == [
        (
            "invalid-suppression",
            1,
            "suppression of parse-error silences nothing on this entry: remove it",
        ),
        ("parse-error", 3, "missing ',' after field 'title' in entry 'b'"),
    ]
    assert result.suppressed == []
    result = check_texts(bib, config=Config(select=("S002",)))
    assert result.findings == []  # parse-error did not run: nothing to say about the suppression


def test_stale_per_entry_ignores_are_reported_at_the_config_line() -> None:
    ignore = EntryIgnore(
        "gone", frozenset({"unused-entry"}), "was never cited", Location("pyproject.toml", 9)
    )
    result = check_texts(
        "@article{kept, title={T}}\n",
        {"a.md": "{cite}`kept`\n"},
        Config(entry_ignores=[ignore], select=("C", "S")),
    )
    assert [(f.rule, f.path, f.line, f.key, f.message) for f in result.findings] == [
        (
            "invalid-suppression",
            "pyproject.toml",
            9,
            "gone",
            "per-entry ignore of unused-entry for 'gone' silences nothing: remove it",
        )
    ]


def test_a_suppression_by_code_with_unknown_names_still_applies_the_known_rule() -> None:
    bib = BIB_WITH_SUPPRESSIONS.replace(
        "ignore[access-before-publication]\n", "ignore[D002, bogus] accepted by the editors\n"
    )
    result = check_texts(bib)
    assert [s.finding.key for s in result.suppressed] == ["typo", "noreason"]
    assert [f.message for f in result.findings if f.rule == "invalid-suppression"] == [
        "suppression names unknown rule 'bogus'"
    ]


def test_per_entry_ignores_cover_the_key_everywhere() -> None:
    ignore = EntryIgnore(
        "ghost",
        frozenset({"undefined-citation", "unused-entry"}),
        "cited from a chapter not in this book",
        Location("pyproject.toml", 12),
    )
    bib = "@article{ghost, title={T}, date={2024-01-01}}\n@article{other, title={T}}\n"
    config = Config(entry_ignores=[ignore], select=("C",))
    result = check_texts(bib, {"a.md": "{cite}`GHOST2`\n"}, config)
    assert [(f.rule, f.key) for f in result.findings] == [
        ("undefined-citation", "GHOST2"),
        ("unused-entry", "other"),
    ]
    assert [(s.finding.rule, s.kind, s.location.line) for s in result.suppressed] == [
        ("unused-entry", "config", 12)
    ]
    result = check_texts(bib, {"a.md": "{cite}`ghost` {cite}`other`\n"}, config)
    assert result.findings == [] and result.suppressed == []


def test_selection_and_severity_overrides() -> None:
    bib = BIB_WITH_SUPPRESSIONS
    config = Config(select=("D",), severity={"access-before-publication": Severity.ERROR})
    result = check_texts(bib, config=config)
    assert {f.rule for f in result.findings} == {"access-before-publication"}
    assert {f.severity for f in result.findings} == {Severity.ERROR}
    assert result.fails("error") and not result.fails("never")
    config = Config(select=("D", "S"), ignore=("D002", "invalid-suppression"))
    result = check_texts(bib, config=config)
    assert result.findings == []
    assert not result.fails("info")


def test_citations_passed_without_documents_as_a_sphinx_extension_would() -> None:
    project = Project(
        bibfiles=[parse_text("@article{a, title={T}}\n@article{b, title={T}}\n", "refs.bib")],
        citations=[Citation("a", "index.md", 4, 2, "cite:p"), Citation("zz", "index.md", 5, 1)],
    )
    result = check_project(project, Config(as_of=AS_OF, select=("C",)))
    assert [(f.rule, f.path, f.line, f.key) for f in result.findings] == [
        ("undefined-citation", "index.md", 5, "zz"),
        ("unused-entry", "refs.bib", 2, "b"),
    ]


def test_cites_all_silences_unused_entries() -> None:
    docs = {"refs.md": "```{bibliography}\n:all:\n```\n"}
    result = check_texts("@article{a, title={T}}\n", docs, Config(select=("C002",)))
    assert result.findings == []


def test_unreadable_bib_files_make_the_result_unreadable(tmp_path: Path) -> None:
    (tmp_path / "binary.bib").write_bytes(bytes(range(32)) * 8 + b"garbage")  # control bytes
    project = build_project([tmp_path / "binary.bib", tmp_path / "missing.bib"], [])
    result = check_project(project, Config(as_of=AS_OF))
    assert not result.readable
    assert [f.rule for f in result.findings] == ["parse-error", "parse-error"]


@pytest.fixture
def crashing_rule() -> Iterator[str]:
    @rule("Z999", Severity.ERROR)
    def check_crash_for_test(ctx: Context) -> Iterator[Report]:
        """Raises, to test how the engine reports a broken rule."""
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    try:
        yield "crash-for-test"
    finally:
        RULES.pop("crash-for-test")


def test_a_crashing_rule_is_reported_as_a_refcheck_bug(crashing_rule: str) -> None:
    with pytest.raises(RuleError, match=r"rule crash-for-test \(Z999\) failed: ZeroDivisionError"):
        check_texts("@article{a, title={T}}\n", config=Config(select=(crashing_rule,)))


@pytest.fixture
def collector_probe() -> Iterator[tuple[str, list[bool]]]:
    seen: list[bool] = []

    @rule("Z998", Severity.INFO)
    def check_collector_probe(ctx: Context) -> Iterator[Report]:
        """Records whether the cyclic collector runs while rules run."""
        seen.append(gc.isenabled())
        yield from ()

    try:
        yield "collector-probe", seen
    finally:
        RULES.pop("collector-probe")


@pytest.mark.parametrize("enabled", [True, False])
def test_rules_run_with_the_collector_paused_and_its_state_restored(
    collector_probe: tuple[str, list[bool]], crashing_rule: str, enabled: bool
) -> None:
    name, seen = collector_probe
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        check_texts("@article{a, title={T}}\n", config=Config(select=(name,)))
        assert seen == [False]
        assert gc.isenabled() is enabled
        with pytest.raises(RuleError):  # restored when a rule fails too
            check_texts("@article{a, title={T}}\n", config=Config(select=(crashing_rule,)))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_file_names_that_are_not_utf8_are_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.bib")
    Path(name).write_text("@article{a, title={T}}\n@article{a, title={T}}\n", encoding="utf-8")
    project = build_project([name], [])
    assert project.bibfiles[0].path == "caf\\xe9.bib"
    assert {e.path for e in project.bibfiles[0].entries} == {"caf\\xe9.bib"}
    result = check_project(project, Config(as_of=AS_OF, select=("U001",)))
    [finding] = result.findings
    assert finding.path == "caf\\xe9.bib" and finding.related[0].path == "caf\\xe9.bib"
    finding.message.encode("utf-8")  # no lone surrogates left to break an output format
