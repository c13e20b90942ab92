"""Where an entry and its fields are written in a .bib file's text.

The parser keeps lines and columns, not offsets; this finds the offsets again from
them and reads the value's extent with the parser's own value reader, so a span ends
exactly where the parser stopped reading.  Offsets are into ``SourceFile.text``; the
reader runs on a copy of the same length whose lone CR line ends are LF, so that it
counts lines as the parser does.
"""

from __future__ import annotations

from refcheck.bib.patterns import NAME, skip_blanks, skip_spaces
from refcheck.bib.scanner import Scanner
from refcheck.bib.values import Stop
from refcheck.fixes.source import SourceFile
from refcheck.model import Entry, Field
from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Final

_SCANNERS: dict[int, tuple[SourceFile, Scanner]] = {}


class FieldSpan(FrozenValue):
    """``name = value``: where the name starts, and where the value starts and ends."""

    __slots__ = ("start", "value_start", "value_end")
    start: Final[int]
    value_start: Final[int]
    value_end: Final[int]

    def __init__(self, start: int, value_start: int, value_end: int) -> None:
        self.start = start
        self.value_start = value_start
        self.value_end = value_end


def _scanner(source: SourceFile) -> Scanner:
    """One reader per file (its set-up scans the whole text), made on first use."""
    cached = _SCANNERS.get(id(source))
    if cached is None or cached[0] is not source:
        if len(_SCANNERS) > 64:
            _SCANNERS.clear()
        cached = _SCANNERS[id(source)] = (source, Scanner(source.shadow, source.label))
    return cached[1]


def field_span(source: SourceFile, field: Field) -> FieldSpan | None:
    """The span of ``field`` (one of the entries parsed from ``source``), or None when
    the text there is not that field (the file was not what the parser read)."""
    text = source.text
    if text is None:
        return None
    start = source.bib_offset(field.line, field.col)
    name = NAME.match(text, start)
    if name is None or name.group().lower() != field.name:
        return None
    equals = skip_spaces(text, name.end())
    if text[equals : equals + 1] != "=":
        return None
    value_start = skip_spaces(text, equals + 1)
    scanner = _scanner(source)
    try:
        _value, value_end = scanner.value(value_start, f"field '{field.name}'")
    except Stop:
        return None
    return FieldSpan(start, value_start, value_end)


def delimited_body(source: SourceFile, span: FieldSpan) -> tuple[int, int] | None:
    """The text inside the value's braces or quotes, when the value is one such part
    (not a number, a macro or a ``#`` concatenation)."""
    text = source.text or ""
    opener = text[span.value_start : span.value_start + 1]
    if opener not in ("{", '"'):
        return None
    scanner = _scanner(source)
    try:
        if opener == "{":
            close = scanner.braced_end(span.value_start, "value")
        else:
            close = scanner.quoted_end(span.value_start, "value")
    except Stop:
        return None
    if close + 1 != span.value_end:
        return None
    return span.value_start + 1, close


def entry_span(source: SourceFile, entry: Entry) -> tuple[int, int] | None:
    """From the entry's ``@`` to just after its closing delimiter, or None."""
    text = source.text
    if text is None:
        return None
    at = source.bib_offset(entry.line, entry.col)
    if text[at : at + 1] != "@":
        return None
    end = _scanner(source).command(at)
    closer = text[end - 1 : end] if end > at else ""
    return (at, end) if closer in ("}", ")") else None


def whole_lines(source: SourceFile, start: int, end: int) -> tuple[int, int] | None:
    """``start``..``end`` widened to whole lines, when only blanks (and one trailing
    comma) share those lines with it; else None."""
    text = source.text or ""
    line_start = source.bib_line_start(start)
    if skip_blanks(text, line_start) != start:
        return None
    after = skip_blanks(text, end)
    if text[after : after + 1] == ",":
        after = skip_blanks(text, after + 1)
    if text.startswith("\r\n", after):
        return line_start, after + 2
    if text[after : after + 1] in ("\n", "\r"):
        return line_start, after + 1
    if after == len(text):
        return line_start, after
    return None


def removal(source: SourceFile, span: FieldSpan) -> tuple[int, int]:
    """The text to delete to remove a field: its whole line(s) when it has them to
    itself, else the field and the comma after it (or, for the last field, before it)."""
    text = source.text or ""
    lines = whole_lines(source, span.start, span.value_end)
    if lines is not None:
        return lines
    after = skip_spaces(text, span.value_end)
    if text[after : after + 1] == ",":
        end = skip_blanks(text, after + 1)
        start = span.start
        if text[end : end + 1] in ("\n", "\r"):  # the line goes on below: no blanks left
            while start > 0 and text[start - 1] in " \t":
                start -= 1
        return start, end
    comma = text.rfind(",", 0, span.start)
    if comma >= 0 and not text[comma + 1 : span.start].strip():
        return comma, span.value_end
    return span.start, span.value_end
