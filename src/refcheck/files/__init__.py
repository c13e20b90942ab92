"""Reading and writing only regular files.

A path given to refcheck, or found in a folder, may be a FIFO (``open`` blocks until a
writer comes), a device (``/dev/zero`` never ends), a socket, a symlink loop or a name
the file system cannot hold.  :func:`read_regular_file` refuses everything but a
regular file of at most :data:`MAX_BYTES`, with an ``OSError`` whose message says what
the path is; :func:`describe_os_error` turns any such error into a message for users;
:func:`check_output_target` refuses to replace anything but a regular file.
"""

from refcheck.files.regular import (
    MAX_BYTES,
    NotRegularFile,
    check_output_target,
    describe_os_error,
    read_regular_file,
    safe_resolve,
)

__all__ = [
    "MAX_BYTES",
    "NotRegularFile",
    "check_output_target",
    "describe_os_error",
    "read_regular_file",
    "safe_resolve",
]
