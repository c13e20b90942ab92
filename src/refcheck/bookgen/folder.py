"""Write the book folder: each file atomically, and a new folder all at once.

A new (or empty) folder is filled as a sibling staging folder, then renamed into place: a
reader, or a build that starts meanwhile, sees no folder or the whole book. A folder that
holds files is refused unless ``overwrite``; then each file is replaced atomically.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from refcheck.files.atomic_write import write_atomically


class FolderNotEmpty(OSError):
    pass


def _write_all(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)


def write_folder(target: Path, files: dict[str, str], overwrite: bool = False) -> None:
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        if not overwrite:
            raise FolderNotEmpty(f"{target} is not empty")
        _write_all(target, files)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        _write_all(staging, files)
        os.chmod(staging, 0o777 & ~_umask())
        if target.is_dir():
            target.rmdir()  # empty: checked above
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
