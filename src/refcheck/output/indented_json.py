"""``json.dumps(value, ensure_ascii=False, indent=2)``, character for character, faster.

With ``indent`` the standard library encodes in Python, through nested generators (its C
encoder takes no indent): a report of 3,500 findings took 55 ms to write, longer than
most rules take to find them.  This writer walks the same value in one recursive function
that appends to a list, with the standard library's own C string escaper, and gives the
same text: the same separators (``,`` and ``": "``), ``{}`` and ``[]`` for empty
containers, ``NaN``/``Infinity`` for those floats, bool/None/number keys spelled as JSON
spells them.  Anything else (another type, a key json would refuse) goes to
``json.dumps`` itself, so errors are json's own.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaper when the accelerator is built

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

INDENT = "  "


class Written:
    """A value whose text its maker writes (refcheck.output.json_format's findings):
    ``write(newline)`` gives the text of the value placed after ``newline`` (a newline and
    the indentation there), as this writer would give it.  Only :func:`dumps` takes it."""

    __slots__ = ("write",)

    def __init__(self, write: Callable[[str], str]) -> None:
        self.write = write


class _Unsupported(Exception):
    """A value this writer leaves to ``json.dumps``."""


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``."""
    out: list[str] = []
    try:
        _write(value, out, "\n")
    except _Unsupported:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


def dumps_at(value: Any, newline: str) -> str:
    """The text :func:`dumps` gives ``value`` when it is placed after ``newline``."""
    out: list[str] = []
    _write(value, out, newline)
    return "".join(out)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return f'"{_float(key)}"'
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return f'"{int.__repr__(key)}"'
    raise _Unsupported


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append ``value`` encoded; ``newline`` is a newline and the current indentation."""
    # The order of json's own tests: str, None, True, False, int, float, list, dict.
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + INDENT
        separator = "[" + inner
        for item in value:
            out.append(separator)
            separator = "," + inner
            _write(item, out, inner)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + INDENT
        separator = "{" + inner
        append = out.append
        for key, item in value.items():
            head = separator + (encode_basestring(key) if type(key) is str else _key(key)) + ": "
            separator = "," + inner
            # Strings and ints are most values: written here, without a call.
            kind = type(item)
            if kind is str:
                append(head + encode_basestring(item))
            elif kind is int:
                append(head + int.__repr__(item))
            else:
                append(head)
                _write(item, out, inner)
        out.append(newline + "}")
    elif isinstance(value, Written):
        out.append(value.write(newline))
    else:
        raise _Unsupported
