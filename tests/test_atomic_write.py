"""refcheck.files.atomic_write: old content or new, never half; modes as a plain open gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refcheck.files.atomic_write import new_file_mode, write_atomically


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "new \udcff")  # a lone surrogate cannot be UTF-8
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_modes_default_to_the_old_files_else_the_umasks(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("x", encoding="utf-8")
    os.chmod(kept, 0o640)
    write_atomically(kept, "y")
    assert kept.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.txt"
    umask = os.umask(0o022)
    try:
        write_atomically(fresh, "z")
        assert new_file_mode() == 0o644
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # not the temporary file's 0o600
    chosen = tmp_path / "chosen.txt"
    write_atomically(chosen, "w", 0o644)
    assert chosen.stat().st_mode & 0o777 == 0o644
    assert chosen.read_bytes() == b"w"
