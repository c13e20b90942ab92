"""Citations in Jupyter notebooks (``.ipynb``): markdown and raw cells.

A markdown cell is MyST (as MyST-NB and Jupyter Book read it); a raw cell is reST when
its metadata says so (``raw_mimetype``/``format`` ``text/restructuredtext``, ``rst``)
and MyST otherwise.  Code cells are code.  Each citation is placed at the line and
column of the notebook file itself (so editors and CI annotations land on it), and says
which cell and which line of the cell it is in (``cell 3, line 2``).

The JSON is read by a small parser that remembers where each string starts: the
standard ``json`` module gives values but no positions.  It is linear and refuses
nesting deeper than ``MAX_DEPTH`` (notebooks are four levels deep).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from refcheck.model import Citation
from refcheck.sources.documents import DocumentScan, scan_document

MAX_DEPTH = 100
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_RST_RAW = frozenset({"text/restructuredtext", "text/x-rst", "rst", "restructuredtext"})


class NotebookError(ValueError):
    """A notebook that cannot be read: ``line`` and what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class _Placed(str):
    """A JSON string that knows the offset of its opening quote in the file."""

    __slots__ = ("offset",)
    offset: int


def scan_notebook(path: str, text: str, *, mystmd: bool = False) -> DocumentScan:
    """The citations and bibliographies of a notebook's markdown and raw cells."""
    document = _parse(text)
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        raise NotebookError(1, "no 'cells' list: this is not a Jupyter notebook (nbformat 4)")
    result = DocumentScan()
    line_starts = _line_starts(text)
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("markdown", "raw"):
            continue
        pieces = _source_pieces(cell.get("source"))
        if not pieces:
            continue
        as_rst = cell.get("cell_type") == "raw" and _raw_is_rst(cell.get("metadata"))
        cell_text = "".join(pieces)
        scan = scan_document("cell.rst" if as_rst else "cell.md", cell_text, mystmd=mystmd)
        places = _piece_places(pieces, text, line_starts)
        for citation in scan.citations:
            line, col = places(citation.line, citation.col)
            where = f"cell {number}, line {citation.line}"
            result.citations.append(Citation(citation.key, path, line, col, citation.role, where))
        for bibliography in scan.bibliographies:
            line, _col = places(bibliography.line, 1)
            result.add_bibliography(bibliography.replace(path=path, line=line))
    return result


def _source_pieces(source: object) -> list[str]:
    """A cell's source as nbformat writes it: a list of line strings, or one string."""
    if isinstance(source, str):
        return [source] if source else []
    if isinstance(source, list) and all(isinstance(piece, str) for piece in source):
        return list(source)
    return []


def _raw_is_rst(metadata: object) -> bool:
    if not isinstance(metadata, dict):
        return False
    kinds = (metadata.get("raw_mimetype"), metadata.get("format"))
    return any(isinstance(kind, str) and kind.lower() in _RST_RAW for kind in kinds)


def _piece_places(
    pieces: list[str], text: str, line_starts: list[int]
) -> Callable[[int, int], tuple[int, int]]:
    """A function from (cell line, cell column) to (file line, file column).

    Each source string is one line of the cell when nbformat wrote the notebook; a
    string holding several lines (a hand-written notebook) keeps them all on its one
    file line.  Columns step over JSON escapes (``\\"``, ``\\u00e9``): a column is
    where the character is written in the file.
    """
    # Per cell line: (index of its piece, offset of the line in the decoded piece).
    starts: list[tuple[int, int]] = []
    for index, piece in enumerate(pieces):
        starts.append((index, 0))
        position = piece.find("\n")
        while 0 <= position < len(piece) - 1:
            starts.append((index, position + 1))
            position = piece.find("\n", position + 1)
    raw_offsets: dict[int, list[int]] = {}

    def place(line: int, col: int) -> tuple[int, int]:
        if not starts:
            return 1, 1
        index, line_offset = starts[min(max(line, 1), len(starts)) - 1]
        piece = pieces[index]
        quote = getattr(piece, "offset", None)
        if quote is None:
            return 1, 1
        if index not in raw_offsets:
            raw_offsets[index] = _decoded_to_raw(text, quote + 1, len(piece))
        offsets = raw_offsets[index]
        raw = offsets[min(line_offset + col - 1, len(offsets) - 1)]
        file_line = _line_of(line_starts, raw)
        return file_line, raw - line_starts[file_line - 1] + 1

    return place


def _decoded_to_raw(text: str, start: int, length: int) -> list[int]:
    """The file offset of each character of a JSON string whose body starts at
    ``start`` (and of its end), for ``length`` decoded characters."""
    offsets: list[int] = []
    position = start
    while len(offsets) < length and position < len(text):
        offsets.append(position)
        if text[position] != "\\":
            position += 1
        elif text.startswith("u", position + 1):
            high = text[position + 2 : position + 6]
            position += 6
            # A surrogate pair is one character of the decoded string.
            if (
                high[:1].lower() == "d"
                and high[1:2].lower() in "89ab"
                and text.startswith("\\u", position)
            ):
                position += 6
        else:
            position += 2
    offsets.append(position)
    return offsets


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _line_of(line_starts: list[int], offset: int) -> int:
    return bisect.bisect_right(line_starts, offset)


def _parse(text: str) -> Any:
    """The JSON value of ``text``, strings as ``_Placed``; NotebookError if invalid."""
    if not text.strip():
        raise NotebookError(1, "the file is empty: not a Jupyter notebook")
    try:
        value, end = _value(text, _SPACE.match(text, 0).end(), 0)  # type: ignore[union-attr]
    except json.JSONDecodeError as exc:
        raise NotebookError(exc.lineno, f"not valid JSON: {exc.msg}") from None
    end = _SPACE.match(text, end).end()  # type: ignore[union-attr]
    if end != len(text):
        raise NotebookError(text.count("\n", 0, end) + 1, "not valid JSON: extra data")
    return value


def _fail(text: str, position: int, message: str) -> json.JSONDecodeError:
    return json.JSONDecodeError(message, text, min(position, len(text)))


def _value(text: str, position: int, depth: int) -> tuple[Any, int]:
    if depth > MAX_DEPTH:
        raise _fail(text, position, f"nested deeper than {MAX_DEPTH} levels")
    char = text[position : position + 1]
    if char == '"':
        value, end = scanstring(text, position + 1, True)
        placed = _Placed(value)
        placed.offset = position
        return placed, end
    if char == "{":
        return _object(text, position + 1, depth)
    if char == "[":
        return _array(text, position + 1, depth)
    for word, literal in _LITERALS.items():
        if text.startswith(word, position):
            return literal, position + len(word)
    number = _NUMBER.match(text, position)
    if number is not None and number.end() > position:
        return float(number.group()) if any(c in number.group() for c in ".eE") else int(
            number.group()
        ), number.end()
    raise _fail(text, position, "expected a value")


def _skip(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()  # type: ignore[union-attr]


def _object(text: str, position: int, depth: int) -> tuple[dict[str, Any], int]:
    result: dict[str, Any] = {}
    position = _skip(text, position)
    if text.startswith("}", position):
        return result, position + 1
    while True:
        if not text.startswith('"', position):
            raise _fail(text, position, "expected a property name in double quotes")
        name, position = scanstring(text, position + 1, True)
        position = _skip(text, position)
        if not text.startswith(":", position):
            raise _fail(text, position, "expected ':'")
        value, position = _value(text, _skip(text, position + 1), depth + 1)
        result[name] = value
        position = _skip(text, position)
        if text.startswith("}", position):
            return result, position + 1
        if not text.startswith(",", position):
            raise _fail(text, position, "expected ',' or '}'")
        position = _skip(text, position + 1)


def _array(text: str, position: int, depth: int) -> tuple[list[Any], int]:
    result: list[Any] = []
    position = _skip(text, position)
    if text.startswith("]", position):
        return result, position + 1
    while True:
        value, position = _value(text, position, depth + 1)
        result.append(value)
        position = _skip(text, position)
        if text.startswith("]", position):
            return result, position + 1
        if not text.startswith(",", position):
            raise _fail(text, position, "expected ',' or ']'")
        position = _skip(text, position + 1)
