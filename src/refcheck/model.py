"""The data every part of refcheck shares: parsed entries, citations and findings.

Everything carries a position (path, 1-based line and column): a finding without
one is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {text!r} (use one of: {names})") from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file (1-based line and column)."""

    path: str
    line: int
    col: int = 1


@dataclass(slots=True)
class Field:
    """One ``name = value`` pair of an entry.

    ``name`` is lower-cased. ``value`` has its outer delimiters removed, ``#``
    concatenations joined and ``@string`` macros expanded; LaTeX is left as written.
    """

    name: str
    value: str
    line: int
    col: int


@dataclass(slots=True)
class Entry:
    """One entry of a .bib file: type, key, position and fields."""

    type: str  # lower-cased, without "@"
    key: str
    path: str
    line: int
    col: int
    fields: list[Field] = field(default_factory=list)
    end_line: int = 0
    # Comment lines (without the leading "%") directly above the entry, for inline suppressions.
    leading_comments: list[tuple[int, str]] = field(default_factory=list)
    # The first field of each name, built on the first lookup (the rules make about ten
    # per entry) and rebuilt when ``fields`` is replaced or grows.
    _first: tuple[list[Field], int, dict[str, Field]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def field(self, name: str) -> Field | None:
        """The first field called ``name`` (case-insensitive), or None."""
        first = self._first
        fields = self.fields
        if first is None or first[0] is not fields or first[1] != len(fields):
            return self.first_fields().get(name.lower())
        return first[2].get(name.lower())

    def first_fields(self) -> dict[str, Field]:
        """The first field of each name, by name (in no particular order); read-only."""
        first = self._first
        fields = self.fields
        if first is None or first[0] is not fields or first[1] != len(fields):
            # Reversed, so that the first of repeated fields is the one kept.
            first = self._first = (fields, len(fields), {f.name: f for f in reversed(fields)})
        return first[2]

    def get(self, name: str) -> str | None:
        f = self.field(name)
        return f.value if f is not None else None

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.col)


@dataclass(slots=True)
class Problem:
    """Something the parser could not read; reported as a ``parse-error`` finding."""

    path: str
    line: int
    col: int
    message: str


@dataclass(slots=True)
class BibFile:
    """A parsed .bib file: its entries and what could not be read."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"
    # False when nothing at all could be read (missing, binary, undecodable).
    readable: bool = True
    # Lines of every "% refcheck:" comment outside entries, those directly above an entry
    # (its ``leading_comments``) included: the others are suppressions that apply to nothing.
    refcheck_comment_lines: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Citation:
    """One key cited in a document, at the place of the citing role."""

    key: str
    path: str
    line: int
    col: int = 1
    role: str = "cite"

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.col)


@dataclass(slots=True)
class Finding:
    """One problem reported by one rule, at one place."""

    rule: str  # kebab-case rule name
    code: str
    severity: Severity
    path: str
    line: int
    col: int
    message: str
    key: str | None = None
    # Other places the finding is about (the first definition of a duplicate key, ...).
    related: tuple[Location, ...] = ()

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.col)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)
