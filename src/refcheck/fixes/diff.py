"""What a fix run would change, as a unified diff (``--diff``)."""

from __future__ import annotations

import difflib

from refcheck.escaping import escape_visible
from refcheck.fixes.source import SourceFile


def unified_diff(changes: list[tuple[SourceFile, bytes]]) -> str:
    """One ``--- a/path`` / ``+++ b/path`` diff per changed file, three lines of context.

    Lines are compared as the file's own encoding decodes them; control characters
    from the files are shown as escapes (as everywhere refcheck prints file text), and
    every line ends with ``\\n`` whatever the file's line ends are.
    """
    parts = []
    for source, data in changes:
        before = _lines(source)
        after = _lines(source.with_data(data))
        label = escape_visible(source.label)
        diff = difflib.unified_diff(before, after, f"a/{label}", f"b/{label}", lineterm="")
        parts += [line + "\n" for line in diff]
    return "".join(parts)


def _lines(source: SourceFile) -> list[str]:
    text = source.text or ""
    return [escape_visible(line.rstrip("\r\n")) for line in text.splitlines(keepends=True)]
