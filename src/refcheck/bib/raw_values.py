"""Date values as written, where they hold a tab: biber keeps it, the parser does not.

The parser reads every value as BibTeX does (runs of white space one space, trimmed at
the ends). biber's date parser sees the value as written and cannot read a date with a
tab at an end; to report that, date-invalid needs the written value.  Only a file that
holds a tab is looked at again, and in it only these fields, so the parser's hot path
stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refcheck.model import Entry, WrittenField

# biblatex's date fields (refcheck.dates.entry_dates.DATE_FIELDS; the parser imports no rules).
RAW_FIELDS = frozenset({"date", "urldate", "origdate", "eventdate"})
# The field's name, "=" and the blanks before its value.
_HEAD = re.compile(r"[^\s=,{}]+[ \t\r\n\f\v]*=[ \t\r\n\f\v]*")
# A date value is short; a longer one is not looked at (its date cannot be read anyway).
_MAX_RAW = 200


def keep_written_dates(text: str, entries: Iterable[Entry]) -> None:
    """Make each date field whose written value holds a tab a ``WrittenField``."""
    if "\t" not in text:
        return
    line_starts: list[int] | None = None
    for entry in entries:
        for index, field in enumerate(entry.fields):
            if field.name not in RAW_FIELDS:
                continue
            if line_starts is None:
                line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
            if field.line > len(line_starts):
                continue
            head = _HEAD.match(text, line_starts[field.line - 1] + field.col - 1)
            if head is None:
                continue
            written = _delimited(text, head.end())
            if written is not None and "\t" in written:
                entry.replace_field(
                    index, WrittenField(field.name, field.value, field.line, field.col, written)
                )


def _delimited(text: str, start: int) -> str | None:
    """The text inside the braces or quotes that open at ``start``; None for anything else
    (a macro, a concatenation, a value longer than a date)."""
    opener = text[start : start + 1]
    if opener not in ("{", '"'):
        return None
    depth = 0
    end = min(len(text), start + 1 + _MAX_RAW)
    for index in range(start + 1, end):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return text[start + 1 : index] if opener == "{" else None
            depth -= 1
        elif char == '"' and opener == '"' and depth == 0:
            rest = text[index + 1 : index + 40].lstrip()
            return None if rest.startswith("#") else text[start + 1 : index]
    return None
