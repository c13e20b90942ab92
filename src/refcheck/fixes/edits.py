"""Fixes as edits on the source text: what to replace, where, and how safe it is.

An :class:`Edit` is a range of a file's original text and what replaces it; nothing is
re-serialised from the parsed model, so what no edit touches cannot change.  A
:class:`Fix` is the set of edits that repairs one finding (a merge edits two .bib files
and every document citing the dropped key), with its :class:`Applicability`.
"""

from __future__ import annotations

from enum import StrEnum

from refcheck.model import Finding
from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Final


class Applicability(StrEnum):
    """How sure a fix is: ``safe`` fixes keep the meaning; ``unsafe`` ones need a look."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(FrozenValue):
    """Replace characters ``start``..``end`` of file ``path``'s original text by ``text``.

    Offsets count characters of the text as decoded (byte-order mark excluded, line
    ends as written); they are turned into byte ranges of the original bytes only when
    the file is written, so the bytes around an edit are copied, never re-encoded.
    """

    __slots__ = ("path", "start", "end", "text")
    path: Final[str]
    start: Final[int]
    end: Final[int]
    text: Final[str]

    def __init__(self, path: str, start: int, end: int, text: str) -> None:
        if not 0 <= start <= end:
            raise ValueError(f"bad edit range {start}..{end}")
        self.path = path
        self.start = start
        self.end = end
        self.text = text

    def overlaps(self, other: Edit) -> bool:
        """Whether the two edits touch the same text (two insertions at one place do)."""
        if self.path != other.path:
            return False
        if self.start == self.end or other.start == other.end:
            return self.start <= other.end and other.start <= self.end
        return self.start < other.end and other.start < self.end


class Fix(FrozenValue):
    """The edits that repair ``finding``; ``isolation`` names what no other fix of the
    same pass may touch (the entries a merge reads), beyond the edited ranges."""

    __slots__ = ("finding", "applicability", "edits", "description", "isolation", "renames")
    finding: Final[Finding]
    applicability: Final[Applicability]
    edits: Final[tuple[Edit, ...]]
    description: Final[str]
    isolation: Final[frozenset[str]]
    renames: Final[tuple[tuple[str, str], ...]]

    def __init__(
        self,
        finding: Finding,
        applicability: Applicability,
        edits: tuple[Edit, ...],
        description: str,
        isolation: frozenset[str] = frozenset(),
        renames: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.finding = finding
        self.applicability = applicability
        self.edits = edits
        self.description = description
        self.isolation = isolation
        # (old key, new key) for a fix that changes which key documents cite (a merge).
        self.renames = renames

    @property
    def paths(self) -> frozenset[str]:
        return frozenset(edit.path for edit in self.edits)
