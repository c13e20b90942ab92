"""Open a path only when it is a regular file, with a size cap; say what it is otherwise."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from refcheck.i18n import N_, _

# The largest file read (the largest real .bib seen is 45 MB); past it the text, its
# entries and findings would take gigabytes.
MAX_BYTES = 256 * 1024 * 1024

# Opening a FIFO without O_NONBLOCK waits for a writer; O_NOCTTY keeps a terminal device
# from becoming the process's controlling terminal.  Neither changes how a regular file reads.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The path exists but is not a regular file (or is too large to read)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(errno.EINVAL, message, path)


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, in words ("a FIFO (named pipe)")."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _refuse_unless_regular(path: str, info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        what = kind_of(info.st_mode)
        raise NotRegularFile(path, f"this is {what}, not a regular file: it is not read")
    if info.st_size > limit:
        raise NotRegularFile(path, _too_large(info.st_size, limit))


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is larger than refcheck reads ({size // 2**20} MiB, at most "
        f"{limit // 2**20} MiB): split it"
    )


def read_regular_file(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises ``OSError``: :class:`NotRegularFile` for FIFOs, devices, sockets, directories
    and files over the limit, the system's own error otherwise (missing, a symlink loop,
    a name too long, permission denied).  A FIFO or device is never opened for reading
    in a way that could block or never end.
    """
    name = os.fspath(path)
    _refuse_unless_regular(name, os.stat(name), limit)  # before open(): no side effects
    descriptor = os.open(name, _OPEN_FLAGS)
    with os.fdopen(descriptor, "rb") as handle:
        # Checked again on what was opened: the path may have been swapped in between.
        info = os.fstat(descriptor)
        _refuse_unless_regular(name, info, limit)
        # The size it has, and a byte more to see it growing: a buffer of the limit
        # (256 MiB) for every read cost more than reading a 4 MB file.
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:  # it grew while it was read: read on to the limit
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:  # a file that grew while it was read
        raise NotRegularFile(name, _too_large(len(data), limit))
    return data


def describe_os_error(error: OSError, what: str = N_("file")) -> str:
    """A message for users about why a path could not be read, saying what to do."""
    if isinstance(error, NotRegularFile):
        return error.strerror or str(error)
    code = error.errno
    # ``what`` is marked N_() by the callers that name it, and translated here.
    if code == errno.ENOENT:
        return _("file not found: check the path")
    if code == errno.EISDIR:
        return _("this is a directory, not a {what}").format(what=_(what))
    if code in (errno.EACCES, errno.EPERM):
        return _("permission denied: make the file readable")
    if code == errno.ELOOP:
        return _("a symlink loop (a link that leads back to itself): fix or remove the link")
    if code == errno.ENAMETOOLONG:
        return _("a name in this path is longer than the file system allows: rename it")
    return _("cannot read the file: {reason}").format(reason=error.strerror or error)


def check_output_target(path: str | os.PathLike[str]) -> None:
    """Raise :class:`NotRegularFile` unless ``path`` is a regular file or does not exist.

    Writing atomically replaces the path with a new file: over a device node or a FIFO
    (``-o /dev/null`` as root) that would destroy it.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        return  # a new file
    except OSError as error:
        raise NotRegularFile(name, describe_os_error(error)) from None
    if not stat.S_ISREG(info.st_mode):
        what = kind_of(info.st_mode)
        raise NotRegularFile(
            name, f"this is {what}, not a regular file: refusing to replace it; name a file"
        )


def safe_resolve(path: Path) -> Path:
    """``path.resolve()``, or the absolute path when it cannot be resolved (a symlink
    loop raises RuntimeError before Python 3.13, an over-long name OSError)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))
