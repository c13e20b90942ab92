"""Formatters: a ``CheckResult`` rendered as text, JSON, SARIF 2.1.0 or GitHub commands.

Every string in a finding may come from a hostile file; each formatter escapes it for
its medium (``escape_visible`` for terminals, JSON string escaping, workflow-command
percent-encoding).
"""

from __future__ import annotations

import importlib
import re

from refcheck.engine import CheckResult

FORMATS = ("text", "json", "sarif", "github")

# C0 and C1 controls, DEL, and the bidirectional overrides that can disguise text.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def escape_visible(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\n``, ``\\x07``, ``\\u202e``)."""
    return _UNSAFE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def render(result: CheckResult, fmt: str, *, statistics: bool = False, quiet: bool = False) -> str:
    """``result`` in format ``fmt`` (one of FORMATS), ending with a newline when not empty."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"refcheck.output.{fmt}_format")
    return str(module.render(result, statistics=statistics, quiet=quiet))
