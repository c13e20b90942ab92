"""How the CLI fails: internal errors (exit 2, one line, traceback on request) and a
standard output that is closed, full or a pipe whose reader left (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcheck.cli import run
from refcheck.model import Severity
from refcheck.rules.registry import RULES, Context, Report, rule
from shared import REPO_ROOT

BIB = "@article{a, title = {T}, date = {2024-01-01}}\n"
IMPORT_SOURCE = REPO_ROOT / "tests" / "importer_data" / "english.txt"
ENV = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}


@pytest.fixture
def crashing_rule() -> Iterator[str]:
    @rule("Z997", Severity.ERROR)
    def check_crash_in_cli_for_test(ctx: Context) -> Iterator[Report]:
        """Raises, to test how the CLI reports a bug in refcheck."""
        raise ZeroDivisionError("boom \x1b[31m")
        yield  # pragma: no cover

    try:
        yield "crash-in-cli-for-test"
    finally:
        RULES.pop("crash-in-cli-for-test")


def _bib(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_a_crashing_rule_is_an_internal_error_exit_2_on_one_line(
    tmp_path: Path, crashing_rule: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["check", str(_bib(tmp_path)), "--select", crashing_rule])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith(
        f"refcheck: internal error in rule {crashing_rule}: ZeroDivisionError: boom \\e[31m;"
    )
    assert "please report it" in line and "--show-traceback" in line
    assert "Traceback" not in err


@pytest.mark.parametrize("where", ["before", "after", "env"])
def test_the_traceback_is_shown_on_request(
    tmp_path: Path,
    crashing_rule: str,
    where: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argv = ["check", str(_bib(tmp_path)), "--select", crashing_rule]
    if where == "before":
        argv.insert(0, "--show-traceback")
    elif where == "after":
        argv.append("--show-traceback")
    else:
        monkeypatch.setenv("REFCHECK_SHOW_TRACEBACK", "1")
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert "ZeroDivisionError: boom" in err
    assert err.splitlines()[-1].startswith("refcheck: internal error in rule")
    assert "--show-traceback for details" not in err


def test_an_internal_error_outside_the_rules_exits_2_in_a_fresh_process(tmp_path: Path) -> None:
    """A bug anywhere (here: the project reader made to raise MemoryError, as a 2.6 GB
    expansion once did) is exit 2 with one line, not exit 1 with a traceback."""
    script = (
        "import refcheck.engine as engine\n"
        "def broken(*args, **kwargs):\n"
        "    raise MemoryError()\n"
        "engine.build_project = broken\n"
        "from refcheck.cli import main\n"
        "main()\n"
    )
    bib = _bib(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", script, "check", str(bib)],
        capture_output=True, text=True, env=ENV, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("refcheck: internal error: MemoryError: ;")
    assert len(done.stderr.splitlines()) == 1


def _args(command: str, tmp_path: Path) -> list[str]:
    if command == "check":
        return ["check", str(_bib(tmp_path))]
    return ["import", str(IMPORT_SOURCE)] if command == "import" else ["rules"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", ["check", "import", "rules"])
def test_a_full_stdout_is_an_error_not_a_silent_success(tmp_path: Path, command: str) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "refcheck", *_args(command, tmp_path)],
            stdout=full, stderr=subprocess.PIPE, text=True, env=ENV, check=False, timeout=60,
        )  # fmt: skip
    assert done.returncode == 2
    instead = "" if command == "rules" else " (use -o FILE to write it to a file)"
    assert done.stderr.splitlines()[0] == (
        "refcheck: error: cannot write to standard output: No space left on device; "
        f"the output is incomplete{instead}"
    )
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["check", "import"])
def test_a_closed_stdout_is_an_error(tmp_path: Path, command: str) -> None:
    args = ["check", str(_bib(tmp_path))] if command == "check" else ["import", str(IMPORT_SOURCE)]
    done = subprocess.run(
        [sys.executable, "-m", "refcheck", *args],
        stderr=subprocess.PIPE, text=True, env=ENV, check=False, timeout=60,
        pass_fds=(), stdin=subprocess.DEVNULL,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("refcheck: error: standard output is closed: nothing was written")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["check", "import"])
def test_a_pipe_closed_by_its_reader_is_an_error(tmp_path: Path, command: str) -> None:
    args = ["check", str(_bib(tmp_path))] if command == "check" else ["import", str(IMPORT_SOURCE)]
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader left before anything was written, as `| head -0` does
    try:
        done = subprocess.run(
            [sys.executable, "-m", "refcheck", *args],
            stdout=write_end, stderr=subprocess.PIPE, text=True, env=ENV, check=False, timeout=60,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert done.returncode == 2
    assert "cannot write to standard output: Broken pipe" in done.stderr
    assert "Traceback" not in done.stderr
