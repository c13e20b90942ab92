"""Regular expressions compiled on first use, for patterns most runs never need.

Compiling is done by Python code in the standard library (``re._parser``,
``re._compiler``): about 0.1 ms a pattern, and refcheck's modules define over a hundred.
Half of them serve rare inputs (an arXiv identifier, a loose date, a LaTeX-escaped URL,
an error message), yet every ``refcheck check`` paid for compiling them at start-up, a
tenth of the run on a small project.  ``lazy(source)`` stands for ``re.compile(source)``
and compiles at the first method call; after it, the pattern's methods sit on the object
itself, so a call costs what the compiled pattern's own call costs.

A lazy pattern is only called through its methods and attributes (``.match``,
``.sub``, ``.pattern``...); it is not a ``re.Pattern`` for ``isinstance`` or for
``re.sub(pattern, ...)``, so it is kept to patterns used that way.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

# What a compiled pattern offers; copied onto the lazy one at its first use.
_ATTRIBUTES = (
    "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
    "pattern", "flags", "groups", "groupindex",
)  # fmt: skip


class _LazyPattern:
    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not found: before the first use, every one.
        if name.startswith("__"):
            raise AttributeError(name)  # copy and pickle probe for dunders
        compiled = re.compile(self._source, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source!r}, {self._flags!r})"


def lazy(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, compiled when first used."""
    return _LazyPattern(source, int(flags))  # type: ignore[return-value]
