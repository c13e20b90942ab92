"""``refcheck check``, ``refcheck rules`` and ``refcheck rule``: exit codes, options, errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from refcheck.cli import run
from refcheck.commands.check import _Progress
from refcheck.engine import Inputs
from refcheck.rules import all_rules
from shared import REPO_ROOT

CLEAN_BIB = "@article{cited, title = {T}, journaltitle = {J}, date = {2024-01-01}}\n"
CLEAN_DOC = "Cited {cite:p}`cited`.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small project with a [tool.refcheck] table; the working directory is its root."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "refs.bib").write_text(CLEAN_BIB, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(CLEAN_DOC, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.refcheck]\nbib = ["refs.bib"]\ndocs = ["docs"]\nas-of = 2025-06-01\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def add_unused_entry(project: Path) -> None:
    with (project / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write("@article{spare, title = {Other}, journaltitle = {K}, date = {2024-01-01}}\n")


def test_clean_project_from_config_exits_0(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["check"]) == 0
    out, err = capsys.readouterr()
    assert out == "No problems found in 2 files.\n" and err == ""


def test_config_paths_are_relative_to_the_config_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    add_unused_entry(project)
    monkeypatch.chdir(project / "docs")
    assert run(["check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{project / 'refs.bib'}:2:1: warning C002 [unused-entry] entry 'spare'")


@pytest.mark.parametrize(
    ("fail_on", "code"), [(None, 1), ("warning", 1), ("info", 1), ("error", 0), ("never", 0)]
)
def test_fail_on_sets_the_threshold(
    project: Path, fail_on: str | None, code: int, capsys: pytest.CaptureFixture
) -> None:
    add_unused_entry(project)
    assert run(["check", *(["--fail-on", fail_on] if fail_on else [])]) == code


def test_paths_on_the_command_line_replace_the_configured_inputs(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    add_unused_entry(project)
    assert run(["check", "refs.bib"]) == 0  # no documents: nothing is "unused"
    assert run(["check", "refs.bib", "docs/index.md", "--select", "C"]) == 1
    assert run(["check", ".", "--ignore", "unused-entry"]) == 0
    assert run(["check", ".", "--select", "S001,C001"]) == 0
    assert "1 problem (1 warning) in 1 file (2 files read)" in capsys.readouterr().out


def test_as_of_makes_future_checks_reproducible(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    assert run(["check", "--select", "date-in-future", "--as-of", "2023-12-31"]) == 1
    assert "D003 [date-in-future]" in capsys.readouterr().out
    assert run(["check", "--select", "date-in-future", "--as-of", "2024-01-02"]) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "missing.bib"], "missing.bib: no such file or directory"),
        (["check", "pyproject.toml"], r"pyproject.toml: not a .bib, .md, .rst, .ipynb or .py file"),
        (["check", "--select", "nonsense"], "--select: unknown rule 'nonsense'"),
        (["check", "--ignore", "D9"], "--ignore: unknown rule 'D9'"),
        (["check", "--as-of", "2025-02-30"], "--as-of: '2025-02-30' is not a date"),
        (["check", "--config", "nope.toml"], "nope.toml: configuration file not found"),
        (["check", "--output", "refs.bib"], "refusing to overwrite a file being checked"),
        (["check", "--output", "no/such/dir/out.txt"], "cannot write"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["rule", "date-invalidd"], "unknown rule 'date-invalidd'; did you mean 'date-invalid'?"),
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(
    project: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture
) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert (project / "refs.bib").read_text(encoding="utf-8") == CLEAN_BIB


def test_config_errors_name_the_file_and_key(project: Path, capsys: pytest.CaptureFixture) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write('colour = "red"\n')
    assert run(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"refcheck: error: {project / 'pyproject.toml'}: [tool.refcheck] colour:")


def test_nothing_to_check_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["check"]) == 2
    assert "nothing to check" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert run(["check", "empty"]) == 2
    assert "no .bib, .md, .rst, .ipynb or .py files found in empty" in capsys.readouterr().err


def test_unreadable_bib_files_exit_2_but_still_report(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    (project / "binary.bib").write_bytes(bytes(range(256)) * 4)  # control bytes: binary
    assert run(["check", "binary.bib"]) == 2
    out, err = capsys.readouterr()
    assert "binary.bib:1:1: error S001 [parse-error]" in out
    assert "none of the .bib files could be read" in err
    assert run(["check", "binary.bib", "refs.bib"]) == 1  # one readable file is enough


def test_json_and_sarif_to_stdout(project: Path, capsys: pytest.CaptureFixture) -> None:
    add_unused_entry(project)
    assert run(["check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["key"], f["line"]) for f in data["findings"]] == [("C002", "spare", 2)]
    assert run(["check", "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["C002"]


def test_output_file_is_written_whole_and_stdout_stays_empty(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    add_unused_entry(project)
    assert run(["check", "--format", "json", "--output", "report.json"]) == 1
    assert capsys.readouterr().out == ""
    assert (
        json.loads((project / "report.json").read_text(encoding="utf-8"))["summary"]["total"] == 1
    )
    assert sorted(p.name for p in project.iterdir()) == [
        "docs",
        "pyproject.toml",
        "refs.bib",
        "report.json",
    ]


def test_config_keys_cannot_inject_workflow_commands_on_stderr(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write('"x\\n::error file=README.md,line=1::INJECTED\\u001b[31m" = 1\n')
    assert run(["check", "--format", "github"]) == 2
    err = capsys.readouterr().err
    assert "unknown key" in err and "INJECTED" in err
    assert err.count("\n") == 1 and "\x1b" not in err
    assert not any(line.startswith("::") for line in err.splitlines())


def test_select_on_the_command_line_wins_over_the_configured_ignore(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    (project / "refs.bib").write_text(
        "@article{cited, title = {T}, journaltitle = {J}, date = {2024-01-01},"
        " urldate = {2024-01-02}}\n",
        encoding="utf-8",
    )
    with (project / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write('ignore = ["urldate-without-url"]\n')
    assert run(["check"]) == 0
    capsys.readouterr()
    assert run(["check", "--select", "F003"]) == 1
    out, err = capsys.readouterr()
    assert "F003 [urldate-without-url]" in out and err == ""
    assert run(["check", "--select", "F003", "--ignore", "urldate-without-url"]) == 0
    assert "no rules left to run" in capsys.readouterr().err


def test_findings_in_the_config_file_name_it_as_the_other_files(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(
            '[[tool.refcheck.per-entry-ignores]]\nkey = "cited"\nrules = ["unused-entry"]\n'
            'reason = "stale: the entry is cited"\n'
        )
    assert run(["check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::warning file=pyproject.toml,line=6,")


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture) -> None:
    assert run(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"]
    rules = all_rules()
    assert [line.split()[:3] for line in lines[1:]] == [
        [r.code, r.name, r.severity.value] for r in rules
    ]
    fixes = {line.split()[1]: line.split()[3] for line in lines[1:]}
    assert fixes["date-invalid"] == "safe" and fixes["near-duplicate"] == "unsafe"
    assert fixes["field-alias-conflict"] == "safe+unsafe" and fixes["unused-entry"] == "-"
    assert run(["rules", "--format", "json"]) == 0
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == [r.name for r in rules]


@pytest.mark.parametrize("selector", ["unused-entry", "C002", "c002"])
def test_rule_prints_its_documentation(selector: str, capsys: pytest.CaptureFixture) -> None:
    assert run(["rule", selector]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# unused-entry (C002)\n\nDefault severity: warning\n")
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in out
    assert "Fix: none" in out and out.rstrip().endswith("leaves these findings as they are.")


def test_progress_only_on_a_terminal_and_for_big_inputs(tmp_path: Path) -> None:
    big = tmp_path / "big.bib"
    with big.open("wb") as handle:
        handle.truncate(3_000_000)
    small = Inputs(bib=[tmp_path / "small.bib"])

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, inputs, shown in [
        (io.StringIO(), Inputs(bib=[big]), False),
        (Terminal(), small, False),
        (Terminal(), Inputs(bib=[big]), True),
    ]:
        progress = _Progress(True, inputs, stream)
        progress.show("checking")
        progress.clear()
        assert ("refcheck: checking" in stream.getvalue()) is shown
        assert stream.getvalue().endswith("\r\x1b[K") is shown
    quiet = Terminal()
    _Progress(False, Inputs(bib=[big]), quiet).show("checking")  # machine formats: never
    assert quiet.getvalue() == ""


def test_a_fresh_process_reports_and_exits(project: Path) -> None:
    add_unused_entry(project)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--format", "github"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == (
        "::warning file=refs.bib,line=2,col=1,title=C002 [unused-entry]::"
        "entry 'spare' is never cited\n"
    )
    assert done.stderr == ""


def test_only_a_process_leaving_by_os_exit_keeps_the_project_unfreed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An in-process run (tests, a caller of refcheck.cli.run) frees what it read; the
    command line, which leaves with os._exit, holds the project and the run's caches."""
    from refcheck import collector
    from refcheck.engine import Project
    from refcheck.rules.registry import Context

    monkeypatch.chdir(project)
    assert run(["check", "--quiet"]) in (0, 1)
    assert collector._kept == []
    script = (
        "import sys, refcheck.cli as c, refcheck.collector as k\n"
        "c.leave_without_teardown()\n"
        "code = c.run(['check', '--quiet'])\n"
        "print(sorted({type(o).__name__ for o in k._kept}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    kept = done.stdout.splitlines()[-1]
    assert f"'{Context.__name__}'" in kept and f"'{Project.__name__}'" in kept, done.stderr


def test_the_book_passes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    """`refcheck check` in the repository root lints the book and finds nothing left."""
    monkeypatch.chdir(REPO_ROOT)
    code = run(["check"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("No problems found in ")


# What `refcheck check` must not import: the importer's pybtex, and the standard modules
# whose import made up a third of its start-up (dataclasses pulls in inspect; argparse's
# own width lookup pulls in shutil, and shutil zlib, bz2 and lzma; typing is only for mypy;
# a .bib-only check needs neither the document readers nor the ast they bring, 3 ms).
_SLOW_IMPORTS = (
    "pybtex", "dataclasses", "inspect", "shutil", "typing", "bz2", "lzma", "ast",
    "refcheck.sources",
)  # fmt: skip


@pytest.mark.parametrize(
    "argv", [["check", "refs.bib", "--format", "json"], ["check", "refs.bib"], ["--version"]]
)
def test_start_up_imports_stay_lean(tmp_path: Path, argv: list[str]) -> None:
    (tmp_path / "refs.bib").write_text(CLEAN_BIB, encoding="utf-8")
    script = (
        "import sys\n"
        "from refcheck.cli import run\n"
        f"code = run({argv!r})\n"
        f"print(sorted(m for m in {_SLOW_IMPORTS!r} if m in sys.modules), code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "[] 0"


@pytest.mark.parametrize("columns", [70, 120])
def test_help_is_wrapped_to_the_columns_variable(
    columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert run(["check", "--help"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(map(len, lines)) <= columns
    assert max(map(len, lines)) > columns - 20  # wrapped to that width, not narrower
