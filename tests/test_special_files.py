"""Only regular files are read: FIFOs, devices, symlink loops and over-long names are
reported with the file named and skipped, given or found in a folder, for ``check`` and
``import``; ``-o`` never replaces anything but a regular file (issue 15)."""

from __future__ import annotations

import json
import os
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcheck.cli import run
from refcheck.files import MAX_BYTES, NotRegularFile, read_regular_file
from refcheck.files.atomic_write import write_atomically

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")

GOOD_BIB = "@article{a, title = {T}, date = {2024-01-01}}\n"
LONG_NAME = "n" * 300 + ".bib"


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A regression would block on a FIFO forever: fail after a minute instead."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("blocked on a special file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _special_files(folder: Path) -> dict[str, str]:
    """Make each hostile kind of path in ``folder``; name -> the message expected."""
    os.mkfifo(folder / "pipe.bib")
    os.mkfifo(folder / "pipe.md")
    (folder / "zero.bib").symlink_to("/dev/zero")
    (folder / "loop.md").symlink_to("loop.md")
    (folder / "a.bib").symlink_to("b.bib")
    (folder / "b.bib").symlink_to("a.bib")
    return {
        "pipe.bib": "this is a FIFO (named pipe), not a regular file",
        "pipe.md": "this is a FIFO (named pipe), not a regular file",
        "zero.bib": "this is a character device, not a regular file",
        "loop.md": "a symlink loop",
        "a.bib": "a symlink loop",
        "b.bib": "a symlink loop",
    }


def _check_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    code = run(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)["findings"]


def test_special_files_found_in_a_folder_are_reported_and_the_rest_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    expected = _special_files(docs)
    (docs / "refs.bib").write_text(GOOD_BIB + "@article{b, title = {T}, date = {2024-13-01}}\n")
    monkeypatch.chdir(tmp_path)
    code, findings = _check_json(["docs"], capsys)
    assert code == 1
    by_path = {Path(f["path"]).name: f for f in findings if f["rule"] == "parse-error"}
    assert set(by_path) == set(expected)
    for name, message in expected.items():
        assert message in by_path[name]["message"], name
        assert by_path[name]["line"] == 1
    # The regular file next to them is checked as usual.
    assert any(f["rule"] == "date-invalid" and f["key"] == "b" for f in findings)


def test_special_files_given_on_the_command_line_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _special_files(tmp_path)
    (tmp_path / "refs.bib").write_text(GOOD_BIB)
    monkeypatch.chdir(tmp_path)
    code, findings = _check_json(["refs.bib", LONG_NAME, *expected], capsys)
    assert code == 1
    messages = {f["path"]: f["message"] for f in findings if f["rule"] == "parse-error"}
    assert "a name in this path is longer than the file system allows" in messages[LONG_NAME]
    for name, message in expected.items():
        assert message in messages[name]


def test_a_folder_whose_only_bib_is_a_fifo_exits_2_as_nothing_readable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "refs.bib")
    assert run(["check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "refs.bib:1:1: error S001 [parse-error] this is a FIFO" in out
    assert "none of the .bib files could be read" in err


@pytest.mark.parametrize("kind", ["fifo", "device", "loop", "long"])
def test_import_refuses_a_special_source(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / ("article.txt" if kind != "long" else "t" * 300)
    if kind == "fifo":
        os.mkfifo(source)
    elif kind == "device":
        source.symlink_to("/dev/zero")
    elif kind == "loop":
        source.symlink_to(source.name)
    assert run(["import", str(source), "-o", str(tmp_path / "out.bib")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"refcheck: error: cannot read {source}: ")
    assert not (tmp_path / "out.bib").exists()


@pytest.mark.parametrize("command", ["check", "import"])
@pytest.mark.parametrize("target", ["/dev/null", "fifo"])
def test_output_never_replaces_a_device_or_a_fifo(
    tmp_path: Path, command: str, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if target == "fifo":
        target = str(tmp_path / "out.fifo")
        os.mkfifo(target)
    before = os.stat(target)
    bib = tmp_path / "refs.bib"
    bib.write_text(GOOD_BIB)
    source = Path(__file__).parent / "importer_data" / "english.txt"
    args = ["check", str(bib)] if command == "check" else ["import", str(source)]
    assert run([*args, "-o", target]) == 2
    err = capsys.readouterr().err
    assert "not a regular file: refusing to replace it" in err
    after = os.stat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not stat.S_ISREG(after.st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_onto_a_regular_file_or_a_new_path_is_written(tmp_path: Path) -> None:
    existing = tmp_path / "old.txt"
    existing.write_text("old\n")
    write_atomically(existing, "new\n")
    write_atomically(tmp_path / "fresh.txt", "fresh\n")
    assert existing.read_text() == "new\n"
    assert (tmp_path / "fresh.txt").read_text() == "fresh\n"
    with pytest.raises(NotRegularFile, match="this is a directory"):
        write_atomically(tmp_path, "x")


def test_the_size_cap_refuses_a_file_over_it(tmp_path: Path) -> None:
    path = tmp_path / "big.bib"
    path.write_bytes(b"x" * 101)
    assert read_regular_file(path, limit=101) == b"x" * 101
    with pytest.raises(NotRegularFile, match=r"larger than refcheck reads"):
        read_regular_file(path, limit=100)
    assert MAX_BYTES >= 100 * 2**20  # the largest real corpus (45 MB) fits
