"""Writing the files of one fix run as a set: every file changes, or none does.

1. Each target is checked: a symbolic link (the file or a folder on its way) that
   leads out of the project is refused.
2. Each new content goes to a temporary file beside its target, flushed to the disk.
3. Each target must still hold the bytes the run read; if one changed meanwhile
   (an editor saved it), nothing is written.
4. The temporary files are renamed over their targets.  If a rename fails, the
   targets already replaced get their original bytes back (the run holds them), the
   other temporary files are removed, and the error is raised.
"""

from __future__ import annotations

import os
from pathlib import Path

from refcheck.files import check_output_target, safe_resolve
from refcheck.files.atomic_write import fsync_directory, open_mode, write_temporary
from refcheck.fixes.source import SourceFile


class WriteRefused(Exception):
    """The set cannot be written as a whole; no file was changed."""


class RollbackFailed(OSError):
    """A write failed and some replaced files could not get their bytes back."""


def _target(source: SourceFile, root: Path) -> Path:
    """The real file to replace: the link's target for a symbolic link inside the project."""
    given = Path(os.path.abspath(source.path))
    real = safe_resolve(given)
    if real != given:
        try:
            real.relative_to(safe_resolve(root))
        except ValueError:
            raise WriteRefused(
                f"{source.label}: not written: it is a symbolic link (or lies in a linked "
                f"folder) leading out of the project, to {real}"
            ) from None
    return real


def write_set(changes: list[tuple[SourceFile, bytes]], root: Path) -> None:
    """Write every ``(file as read, new bytes)`` pair, or none; raises ``WriteRefused``
    (nothing written) or ``OSError`` (nothing written, or every change rolled back)."""
    targets = [(_target(source, root), source, data) for source, data in changes]
    for target, source, _data in targets:
        try:
            check_output_target(target)  # a file swapped for a FIFO or device is not replaced
        except OSError as exc:
            raise WriteRefused(f"{source.label}: not written: {exc.strerror}") from None
    if len({t for t, _, _ in targets}) != len(targets):
        raise WriteRefused("two of the files to write are the same file (a link to another)")
    temporaries: list[Path] = []
    try:
        for target, _source, data in targets:
            temporaries.append(write_temporary(target, data, open_mode(target)))
        for target, source, _data in targets:
            if _read(target) != source.data:
                raise WriteRefused(
                    f"{source.label}: changed on disk since refcheck read it: run refcheck again"
                )
        _replace_all(targets, temporaries)
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _replace_all(targets: list[tuple[Path, SourceFile, bytes]], temporaries: list[Path]) -> None:
    done: list[tuple[Path, SourceFile]] = []
    try:
        for (target, source, _data), temporary in zip(targets, temporaries, strict=True):
            os.replace(temporary, target)
            done.append((target, source))
    except BaseException as exc:
        _restore(done)  # raises RollbackFailed (from the first error) if that fails too
        raise exc
    for folder in {target.parent for target, _, _ in targets}:
        fsync_directory(folder)


def _restore(done: list[tuple[Path, SourceFile]]) -> None:
    """Put the original bytes back into the files already replaced; raises
    ``RollbackFailed`` naming those that could not be restored."""
    failed = []
    for target, source in done:
        try:
            temporary = write_temporary(target, source.data, open_mode(target))
            try:
                os.replace(temporary, target)
            finally:
                temporary.unlink(missing_ok=True)
        except OSError as exc:
            failed.append(f"{source.label} ({exc.strerror or exc})")
    if failed:
        raise RollbackFailed(
            "the write failed and these files, already fixed, could not be restored: "
            + ", ".join(failed)
        )
