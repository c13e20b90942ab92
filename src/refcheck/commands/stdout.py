"""Writing a report to standard output, and saying so when that fails.

Standard output may be closed (``refcheck check >&-``: Python then has no
``sys.stdout``), a pipe whose reader left (``| head -1``: EPIPE) or a full disk
(``> /dev/full``: ENOSPC).  Each is a clear one-line error and exit 2, never a
traceback and never exit 0 or 1 with the report silently cut.
"""

from __future__ import annotations

import contextlib
import os
import sys

from refcheck.cli import UsageError


def write_stdout(text: str, *, output_option: bool = True) -> None:
    """Write ``text`` and flush; characters the stream's encoding lacks become escapes.

    Raises :class:`UsageError` when standard output is closed or cannot take the text;
    ``output_option`` says whether the command has ``-o FILE`` to suggest instead.
    """
    instead = " (use -o FILE to write it to a file)" if output_option else ""
    stream = sys.stdout
    if stream is None:
        raise UsageError(f"standard output is closed: nothing was written{instead}")
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = stream.encoding or "utf-8"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        stream.flush()
    except (OSError, ValueError) as error:  # ValueError: the stream was closed
        _discard_stdout()
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise UsageError(
            f"cannot write to standard output: {reason}; the output is incomplete{instead}"
        ) from None


def _discard_stdout() -> None:
    """Point standard output at the null device, so that the final flush of what is
    still buffered cannot fail a second time at exit."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
