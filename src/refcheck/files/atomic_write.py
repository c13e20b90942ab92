"""Writing a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, text: str, mode: int | None = None) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` through a temporary file in
    the same folder, then rename it over ``path``.

    ``mode`` gives the new file's permission bits; by default it is what a plain
    ``open`` would give (the old file's mode, else 0o666 less the umask), not the
    owner-only mode of a temporary file.  On any failure the temporary file is removed,
    ``path`` is untouched and the error (``OSError`` for the file system's) propagates.
    A ``path`` that exists and is not a regular file (a device, a FIFO) is never replaced:
    ``NotRegularFile``, an ``OSError``, says so.
    """
    from refcheck.files import check_output_target

    check_output_target(path)
    import tempfile  # here: it pulls in shutil and random, which a check run never needs

    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temporary, open_mode(path) if mode is None else mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def open_mode(path: Path) -> int:
    """The mode a plain ``open`` gives ``path``: the old file's, else a new file's."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return new_file_mode()


def new_file_mode() -> int:
    """0o666 less the umask: the mode of a new file made by ``open``."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_temporary(path: Path, data: bytes, mode: int) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and flush it to the disk
    (``fsync``), so that renaming it over ``path`` later cannot leave a short file.

    The caller renames it (``os.replace``) or removes it; on failure here it is removed.
    """
    import tempfile

    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def fsync_directory(folder: Path) -> None:
    """Make renames in ``folder`` durable; a no-op where directories cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
