"""read_regular_file reads what a file holds beyond the size it reported (growing files,
/proc's size-0 files), up to the limit, as it did when it asked for the limit at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.files import NotRegularFile, read_regular_file


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_a_file_reporting_size_0_is_read_whole() -> None:
    data = read_regular_file("/proc/self/status")
    assert data.startswith(b"Name:") and b"\nPid:" in data


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_past_the_limit_while_read_is_refused() -> None:
    with pytest.raises(NotRegularFile, match="larger than refcheck reads"):
        read_regular_file("/proc/self/status", limit=10)


def test_an_ordinary_file_is_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.bib"
    path.write_bytes(b"@misc{a,}\n" * 1000)
    assert read_regular_file(path) == b"@misc{a,}\n" * 1000
