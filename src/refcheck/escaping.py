"""Make text from files that may be hostile safe to print on a terminal or a CI log."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL; the bidirectional marks, embeddings, overrides and isolates
# that can reorder what a reader sees ("Trojan Source": U+061C, U+200E/F, U+202A-202E,
# U+2066-2069); line and paragraph separators; and the invisible format characters that
# can hide text in a log (zero-width space, word joiner and invisible operators, the
# deprecated format controls U+206A-206F, U+FEFF, interlinear annotations, and the tag
# characters U+E0000-E007F that can smuggle invisible ASCII).  Zero-width (non-)joiners
# stay: Persian and Indic text needs them.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def escape_visible(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\n``, ``\\x07``, ``\\u202e``).

    A newline can never start a new line, so a value cannot forge a GitHub workflow
    command (``::error ...``) or a terminal escape sequence.  Applying it twice is harmless.
    """
    return _UNSAFE.sub(_escape_char, text)


def safe_line_start(path: str) -> str:
    """``path`` made safe to begin a line of a CI log: GitHub reads a line whose first
    non-blank characters are ``::`` as a workflow command, so a relative path that
    starts with ``:`` or a blank (a file named ``::warning::x.bib``) gets ``./``."""
    if path[:1] == ":" or path[:1].isspace():
        return "./" + path
    return path


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
