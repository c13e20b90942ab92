"""The data every part of refcheck shares: parsed entries, citations and findings.

Everything carries a position (path, 1-based line and column): a finding without
one is a bug.
"""

from __future__ import annotations

from enum import StrEnum

from refcheck.i18n import _
from refcheck.value_objects import FrozenValue, ValueObject

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Final


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
            message = _("unknown severity {value!r} (use one of: {names})")
            raise ValueError(message.format(value=text, names=names)) from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Location(FrozenValue):
    """A place in a file (1-based line and column)."""

    __slots__ = ("path", "line", "col")
    path: Final[str]
    line: Final[int]
    col: Final[int]

    def __init__(self, path: str, line: int, col: int = 1) -> None:
        self.path = path
        self.line = line
        self.col = col


class Field(ValueObject):
    """One ``name = value`` pair of an entry.

    ``name`` is lower-cased. ``value`` has its outer delimiters removed, ``#``
    concatenations joined and ``@string`` macros expanded; LaTeX is left as written.
    """

    __slots__ = ("name", "value", "line", "col")

    def __init__(self, name: str, value: str, line: int, col: int) -> None:
        self.name = name
        self.value = value
        self.line = line
        self.col = col


class MacroField(Field):
    """A field whose value is one ``@string`` macro, expanded (``month = oct``): the
    value is the macro's text, as for any field; the class says it was a macro, which
    ``month = {October}`` (a string biber warns about) is not."""

    __slots__ = ()


class WrittenField(Field):
    """A date field whose value as written holds a tab (refcheck.bib.raw_values): the
    value is read as for any field; ``written`` keeps the text between the delimiters,
    because biber reads no tab around a date and the parser reads a tab as a space."""

    __slots__ = ("written",)

    def __init__(self, name: str, value: str, line: int, col: int, written: str) -> None:
        super().__init__(name, value, line, col)
        self.written = written


class Entry(ValueObject):
    """One entry of a .bib file: type, key, position and fields."""

    __slots__ = (
        "type", "key", "path", "line", "col", "fields", "end_line", "leading_comments", "_first"
    )  # fmt: skip

    def __init__(
        self,
        type: str,
        key: str,
        path: str,
        line: int,
        col: int,
        fields: list[Field] | None = None,
        end_line: int = 0,
        leading_comments: list[tuple[int, str]] | None = None,
    ) -> None:
        self.type = type  # lower-cased, without "@"
        self.key = key
        self.path = path
        self.line = line
        self.col = col
        self.fields: list[Field] = [] if fields is None else fields
        self.end_line = end_line
        # Comment lines (without the leading "%") directly above the entry, for inline
        # suppressions.
        self.leading_comments: list[tuple[int, str]] = (
            [] if leading_comments is None else leading_comments
        )
        # The first field of each name, built on the first lookup (the rules make about
        # ten per entry) and rebuilt when ``fields`` is replaced or grows.
        self._first: tuple[list[Field], int, dict[str, Field]] | None = None

    def field(self, name: str) -> Field | None:
        """The first field called ``name`` (case-insensitive), or None."""
        first = self._first
        fields = self.fields
        if first is None or first[0] is not fields or first[1] != len(fields):
            return self.first_fields().get(name.lower())
        return first[2].get(name.lower())

    def set_fields(self, fields: list[Field], firsts: dict[str, Field]) -> None:
        """Give the entry ``fields``, with ``firsts`` (the first field of each name) made
        as they were read, so that the first lookup does not make it again."""
        self.fields = fields
        self._first = (fields, len(fields), firsts)

    def replace_field(self, index: int, field: Field) -> None:
        """Put ``field`` in place of the field at ``index`` (the first of its name too,
        when that is the one replaced)."""
        old, self.fields[index] = self.fields[index], field
        first = self._first
        if first is not None and first[0] is self.fields and first[2].get(old.name) is old:
            first[2][old.name] = field

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

    def location_of(self, field: Field) -> Location:
        """Where ``field`` (one of this entry's) is written."""
        return Location(self.path, field.line, field.col)


class Problem(ValueObject):
    """Something the parser could not read; reported as a ``parse-error`` finding."""

    __slots__ = ("path", "line", "col", "message")

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        self.path = path
        self.line = line
        self.col = col
        self.message = message

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.col)


class BibFile(ValueObject):
    """A parsed .bib file: its entries and what could not be read."""

    __slots__ = ("path", "entries", "problems", "encoding", "readable", "refcheck_comment_lines")

    def __init__(
        self,
        path: str,
        entries: list[Entry] | None = None,
        problems: list[Problem] | None = None,
        encoding: str = "utf-8",
        readable: bool = True,
        refcheck_comment_lines: list[int] | None = None,
    ) -> None:
        self.path = path
        self.entries: list[Entry] = [] if entries is None else entries
        self.problems: list[Problem] = [] if problems is None else problems
        self.encoding = encoding
        # False when nothing at all could be read (missing, binary, undecodable).
        self.readable = readable
        # Lines of every "% refcheck:" comment outside entries, those directly above an
        # entry (its ``leading_comments``) included: the others are suppressions that
        # apply to nothing.
        self.refcheck_comment_lines: list[int] = (
            [] if refcheck_comment_lines is None else refcheck_comment_lines
        )


class Citation(FrozenValue):
    """One key cited in a document, at the place of the citing role."""

    __slots__ = ("key", "path", "line", "col", "role", "where")
    key: Final[str]
    path: Final[str]
    line: Final[int]
    col: Final[int]
    role: Final[str]
    where: Final[str]

    def __init__(
        self, key: str, path: str, line: int, col: int = 1, role: str = "cite", where: str = ""
    ) -> None:
        self.key = key
        self.path = path
        self.line = line
        self.col = col
        self.role = role
        # Where inside the file, when its lines are not the reader's ("cell 3, line 2").
        self.where = where

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.col)

    def moved_to(self, path: str) -> Citation:
        """The same citation, labelled with another path."""
        return Citation(self.key, path, self.line, self.col, self.role, self.where)


class Replacement(FrozenValue):
    """A value a fix would write: the field ``field`` of the finding's entry, written at
    ``location``, gets ``value`` (without delimiters) instead of what it holds."""

    __slots__ = ("field", "location", "value")
    field: Final[str]
    location: Final[Location]
    value: Final[str]

    def __init__(self, field: str, location: Location, value: str) -> None:
        self.field = field
        self.location = location
        self.value = value


class Finding(ValueObject):
    """One problem reported by one rule, at one place."""

    __slots__ = (
        "rule", "code", "severity", "path", "line", "col", "message", "key", "related",
        "replacement", "data",
    )  # fmt: skip

    def __init__(
        self,
        rule: str,
        code: str,
        severity: Severity,
        path: str,
        line: int,
        col: int,
        message: str,
        key: str | None = None,
        related: tuple[Location, ...] = (),
        replacement: Replacement | None = None,
        data: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.rule = rule  # kebab-case rule name
        self.code = code
        self.severity = severity
        self.path = path
        self.line = line
        self.col = col
        self.message = message
        self.key = key
        # Other places the finding is about (the first definition of a duplicate key, ...).
        self.related = related
        # The value a fix would write, when the rule can derive it safely.
        self.replacement = replacement
        # What the rule tells a fix beyond the message, as (name, value) pairs.
        self.data = data

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.col)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)
