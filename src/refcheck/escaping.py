"""Make text from files that may be hostile safe to print on a terminal or a CI log."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional overrides that can disguise text.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def escape_visible(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\n``, ``\\x07``, ``\\u202e``).

    A newline can never start a new line, so a value cannot forge a GitHub workflow
    command (``::error ...``) or a terminal escape sequence.  Applying it twice is harmless.
    """
    return _UNSAFE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
