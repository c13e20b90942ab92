"""Citations in Jupyter notebooks (``.ipynb``), with their exact place in the JSON text.

A notebook is JSON; a cell's ``source`` is a string or a list of strings (usually one
per line, each with a ``\\n`` escape).  To rewrite a cited key without re-serialising
the notebook, the JSON is walked once to find every string's raw span; the cell's text
is scanned with the document scanner (``refcheck.sources.documents``: MyST for markdown cells,
reST for raw cells marked as reST), and each key's place in the cell text is mapped
back to its characters in the file.  The edit replaces exactly those characters, so
the notebook stays valid JSON and every other byte stays as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from refcheck.sources.documents import line_starts, scan_document
from refcheck.value_objects import ValueObject

_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null")
# One character of a JSON string's body: a surrogate pair, an escape, or a plain character.
_JSON_CHAR = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.|[^\\]",
    re.S,
)
_REST_MIMETYPES = frozenset({"text/restructuredtext", "text/x-rst"})
_MAX_DEPTH = 200


class NotebookError(ValueError):
    """The notebook is not JSON that refcheck can edit exactly."""


class JsonString(ValueObject):
    """A string of the JSON text: its value and where its quotes are."""

    __slots__ = ("value", "start", "end", "_offsets")

    def __init__(self, value: str, start: int, end: int, text: str) -> None:
        self.value = value
        self.start = start  # the opening quote
        self.end = end  # just after the closing quote
        # Where each character of the value is written, when escapes make it differ
        # from its index (nearly always: nbformat ends each line with a \n escape).
        self._offsets: list[int] | None = None
        body = text[start + 1 : end - 1]
        if "\\" in body:
            offsets = [start + 1 + m.start() for m in _JSON_CHAR.finditer(body)]
            self._offsets = [*offsets, end - 1]

    def raw_offset(self, index: int) -> int:
        """Where character ``index`` of the value (or its end) is written in the text."""
        return self.start + 1 + index if self._offsets is None else self._offsets[index]


class _Walker:
    """A JSON reader that keeps the raw span of every string."""

    def __init__(self, text: str) -> None:
        self.text = text

    def value(self, at: int, depth: int = 0) -> tuple[object, int]:
        if depth > _MAX_DEPTH:
            raise NotebookError("nested too deeply")
        text = self.text
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]  # always matches
        char = text[at : at + 1]
        if char == '"':
            try:
                value, end = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
            except json.JSONDecodeError as exc:
                raise NotebookError(str(exc)) from None
            return JsonString(value, at, end, text), end
        if char == "{":
            return self.members(at + 1, depth)
        if char == "[":
            return self.items(at + 1, depth)
        scalar = _SCALAR.match(text, at)
        if scalar is None:
            raise NotebookError(f"unexpected {char!r} at offset {at}")
        return scalar.group(), scalar.end()

    def members(self, at: int, depth: int) -> tuple[dict[str, object], int]:
        found: dict[str, object] = {}
        at = self.space(at)
        if self.text[at : at + 1] == "}":
            return found, at + 1
        while True:
            name, at = self.value(at, depth + 1)
            at = self.space(at)
            if not isinstance(name, JsonString) or self.text[at : at + 1] != ":":
                raise NotebookError(f"expected a name and ':' at offset {at}")
            found[name.value], at = self.value(at + 1, depth + 1)
            at = self.space(at)
            if self.text[at : at + 1] == "}":
                return found, at + 1
            if self.text[at : at + 1] != ",":
                raise NotebookError(f"expected ',' or '}}' at offset {at}")
            at += 1

    def items(self, at: int, depth: int) -> tuple[list[object], int]:
        found: list[object] = []
        at = self.space(at)
        if self.text[at : at + 1] == "]":
            return found, at + 1
        while True:
            item, at = self.value(at, depth + 1)
            found.append(item)
            at = self.space(at)
            if self.text[at : at + 1] == "]":
                return found, at + 1
            if self.text[at : at + 1] != ",":
                raise NotebookError(f"expected ',' or ']' at offset {at}")
            at += 1

    def space(self, at: int) -> int:
        return _SPACE.match(self.text, at).end()  # type: ignore[union-attr]  # always matches


class CellCitation(ValueObject):
    """A key cited in a notebook cell: the cell's number, the line in the cell, and the
    key's characters in the notebook's text."""

    __slots__ = ("key", "cell", "line", "start", "end")

    def __init__(self, key: str, cell: int, line: int, start: int, end: int) -> None:
        self.key = key
        self.cell = cell  # 1-based, as Jupyter numbers cells for people
        self.line = line
        self.start = start
        self.end = end


def notebook_citations(text: str) -> Iterator[CellCitation]:
    """Every citation in the notebook's markdown (and reST raw) cells; raises
    ``NotebookError`` for text that is not such a notebook."""
    root, end = _Walker(text).value(0)
    if text[_SPACE.match(text, end).end() :]:  # type: ignore[union-attr]
        raise NotebookError("text after the notebook's JSON")
    cells = root.get("cells") if isinstance(root, dict) else None
    if not isinstance(cells, list):
        raise NotebookError("no list of cells")
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            continue
        kind = _value(cell.get("cell_type"))
        metadata = cell.get("metadata")
        mimetype = _value(metadata.get("raw_mimetype")) if isinstance(metadata, dict) else None
        if kind == "markdown":
            name = "cell.md"
        elif kind == "raw" and mimetype in _REST_MIMETYPES:
            name = "cell.rst"
        else:
            continue
        yield from _cell_citations(cell.get("source"), number, name)


def _value(item: object) -> str | None:
    return item.value if isinstance(item, JsonString) else None


def _cell_citations(source: object, number: int, name: str) -> Iterator[CellCitation]:
    if isinstance(source, JsonString):
        parts = [source]
    elif isinstance(source, list) and all(isinstance(p, JsonString) for p in source):
        parts = [p for p in source if isinstance(p, JsonString)]
    else:
        return
    cell_text = "".join(p.value for p in parts)
    starts = [0]
    for part in parts:
        starts.append(starts[-1] + len(part.value))
    lines = line_starts(cell_text.splitlines(keepends=True))
    for citation in scan_document(name, cell_text).citations:
        at = lines[citation.line - 1] + citation.col - 1
        index = _part_of(starts, at)
        part = parts[index]
        offset = at - starts[index]
        if offset + len(citation.key) > len(part.value):
            continue  # a key split across two strings: not something to edit in place
        start = part.raw_offset(offset)
        end = part.raw_offset(offset + len(citation.key))
        yield CellCitation(citation.key, number, citation.line, start, end)


def _part_of(starts: list[int], at: int) -> int:
    import bisect

    return bisect.bisect_right(starts, at) - 1


def json_text(value: str) -> str:
    """``value`` as the body of a JSON string (quotes, backslashes, controls escaped)."""
    return json.dumps(value, ensure_ascii=False)[1:-1]
