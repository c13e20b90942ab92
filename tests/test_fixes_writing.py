"""The write of a fix run: all files or none, never over a file changed since it was read,
never through a link out of the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refcheck.cli import run
from refcheck.config import load_config
from refcheck.engine import collect_inputs
from refcheck.fixes import transaction
from refcheck.fixes.runner import fix_project
from refcheck.fixes.transaction import WriteRefused, write_set

BAD_DATE = (
    "@online{{{key}, title = {{T}}, date = {{2024年10月30日}}, url = {{https://e.org/{key}}}}}\n"
)


@pytest.fixture
def three_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)
    paths = []
    for key in ("a", "b", "c"):
        path = tmp_path / f"{key}.bib"
        path.write_text(BAD_DATE.format(key=key), encoding="utf-8")
        paths.append(path)
    return paths


def _outcome(paths: list[Path]):  # type: ignore[no-untyped-def]
    return fix_project(collect_inputs(paths), load_config(start=paths[0].parent))


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_failure_while_renaming_restores_every_file(
    three_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second rename fails: the first file already replaced gets its bytes back."""
    folder = three_files[0].parent
    before = _contents(folder)
    outcome = _outcome(three_files)
    assert len(outcome.changes) == 3
    real_replace = os.replace
    calls = []

    def failing_replace(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(transaction.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        write_set(outcome.changes, folder)
    assert len(calls) > 2  # the rollback wrote the first file back
    assert _contents(folder) == before  # and no temporary file is left over


def test_a_failure_while_writing_the_temporary_files_changes_nothing(
    three_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = three_files[0].parent
    before = _contents(folder)
    outcome = _outcome(three_files)
    real_fsync = os.fsync
    calls = []

    def failing_fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 3:  # the third file's data: the first two are on disk already
            raise OSError(5, "Input/output error")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output"):
        write_set(outcome.changes, folder)
    assert _contents(folder) == before


def test_the_command_reports_a_failed_write_and_changes_nothing(
    three_files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = three_files[0].parent
    before = _contents(folder)
    real_replace = os.replace

    def failing_replace(source: str | Path, target: str | Path) -> None:
        if Path(target).name == "b.bib" and Path(source).name.startswith(".b.bib."):
            raise PermissionError(13, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(transaction.os, "replace", failing_replace)
    assert run(["check", "--fix", *map(str, three_files)]) == 2
    err = capsys.readouterr().err
    assert "Permission denied" in err and "no file was changed" in err
    assert _contents(folder) == before


def test_a_file_changed_since_it_was_read_is_not_written(three_files: list[Path]) -> None:
    folder = three_files[0].parent
    outcome = _outcome(three_files)
    edited = "@online{b, title = {Edited meanwhile}, date = {2024}, url = {https://e.org/b}}\n"
    three_files[1].write_text(edited, encoding="utf-8")
    before = _contents(folder)
    with pytest.raises(WriteRefused, match=r"b\.bib: changed on disk since refcheck read it"):
        write_set(outcome.changes, folder)
    assert _contents(folder) == before


def test_a_link_out_of_the_project_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    project = tmp_path / "project"
    outside.mkdir()
    project.mkdir()
    target = outside / "shared.bib"
    target.write_text(BAD_DATE.format(key="s"), encoding="utf-8")
    (project / "pyproject.toml").write_text("[tool.refcheck]\n", encoding="utf-8")
    link = project / "refs.bib"
    link.symlink_to(target)
    outcome = fix_project(collect_inputs([link]), load_config(project / "pyproject.toml"))
    with pytest.raises(WriteRefused, match=r"symbolic link .* leading out of the project"):
        write_set(outcome.changes, project)
    assert target.read_text(encoding="utf-8") == BAD_DATE.format(key="s")
    assert link.is_symlink()


def test_a_link_inside_the_project_is_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.refcheck]\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    real = tmp_path / "data" / "refs.bib"
    real.write_text(BAD_DATE.format(key="s"), encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "refs.bib"
    link.symlink_to(real)
    assert run(["check", "--fix", "refs.bib"]) == 0
    assert link.is_symlink()  # still a link, to the fixed file
    assert "2024-10-30" in real.read_text(encoding="utf-8")
    assert real.stat().st_mode & 0o777 == 0o640  # the file's mode is kept


def test_a_rollback_that_fails_too_names_the_files_left_changed(
    three_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = three_files[0].parent
    outcome = _outcome(three_files)
    real_replace = os.replace
    calls = []

    def failing_replace(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) >= 2:  # the second rename and every restoring one fail
            raise OSError(30, "Read-only file system")
        real_replace(source, target)

    monkeypatch.setattr(transaction.os, "replace", failing_replace)
    with pytest.raises(transaction.RollbackFailed, match=r"could not be restored: a\.bib"):
        write_set(outcome.changes, folder)
    assert "2024-10-30" in three_files[0].read_text(encoding="utf-8")  # the one left changed
    assert three_files[1].read_text(encoding="utf-8") == BAD_DATE.format(key="b")
    assert sorted(p.name for p in folder.iterdir()) == ["a.bib", "b.bib", "c.bib"]


def test_a_fifo_among_the_inputs_neither_blocks_nor_is_replaced(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "refs.bib").write_text(BAD_DATE.format(key="a"), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.bib")
    result = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--fix", "refs.bib", "pipe.bib"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,  # a read that blocked on the FIFO would end here
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert "2024-10-30" in (tmp_path / "refs.bib").read_text(encoding="utf-8")
    assert (tmp_path / "pipe.bib").is_fifo()
    assert "FIFO" in result.stdout + result.stderr
