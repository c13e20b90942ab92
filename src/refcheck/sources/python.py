"""Citations in Python files: docstrings and sphinx-gallery text blocks.

- Docstrings (module, class, function), attribute docstrings (a string in a class
  body, or after ``self.x = ...`` in a method) and the other strings that stand alone
  as a statement at module level (sphinx-gallery's text blocks written as strings)
  are reST, as autodoc and sphinx-gallery read them.
- sphinx-gallery's comment blocks: the ``#`` lines after a line of 20 or more ``#``
  or after ``# %%``, are reST text with the ``#`` taken off; after ``# %% [markdown]``
  (Jupytext's percent format) they are MyST.

Every citation is placed at its line and column in the ``.py`` file: each text is
scanned with the source lines it spans, the code around it blanked.
"""

from __future__ import annotations

import ast
import itertools
import re
import warnings

from refcheck.model import Citation
from refcheck.sources.documents import DocumentScan, scan_document

_SEPARATOR = re.compile(r"^(?:#{20,}|# ?%%(?P<cell>.*))\s*$")
_MARKDOWN_CELL = re.compile(r"^\s*\[(?:markdown|md)\]", re.I)
_COMMENT = re.compile(r"^(#)( ?)")


class PythonError(ValueError):
    """A Python file whose docstrings cannot be found: ``line`` and what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def scan_python(path: str, text: str) -> DocumentScan:
    """The citations and bibliographies of a Python file's texts."""
    lines = text.splitlines(keepends=True)
    result = DocumentScan()
    for first_line, segment, markdown in _comment_blocks(lines):
        _add(result, path, first_line, segment, markdown)
    for first_line, segment in _string_texts(text, lines):
        _add(result, path, first_line, segment, False)
    result.citations.sort(key=lambda c: (c.line, c.col))
    result.bibliographies.sort(key=lambda b: b.line)
    return result


def _add(result: DocumentScan, path: str, first_line: int, segment: str, markdown: bool) -> None:
    scan = scan_document("text.md" if markdown else "text.rst", segment)
    shift = first_line - 1
    for c in scan.citations:
        result.citations.append(Citation(c.key, path, c.line + shift, c.col, c.role, c.where))
    for bibliography in scan.bibliographies:
        result.add_bibliography(bibliography.replace(path=path, line=bibliography.line + shift))


def _comment_blocks(lines: list[str]) -> list[tuple[int, str, bool]]:
    """``(first line, text, is markdown)`` of each comment block after a separator."""
    blocks = []
    index = 0
    while index < len(lines):
        separator = _SEPARATOR.match(lines[index].rstrip("\r\n"))
        index += 1
        if separator is None:
            continue
        markdown = bool(separator.group("cell") and _MARKDOWN_CELL.match(separator.group("cell")))
        first = index
        body = []
        while index < len(lines) and lines[index].startswith("#"):
            if _SEPARATOR.match(lines[index].rstrip("\r\n")):
                break
            # "# text" -> "  text": the same columns as in the file.
            body.append(_COMMENT.sub(lambda m: " " * len(m.group()), lines[index], count=1))
            index += 1
        if body:
            blocks.append((first + 1, "".join(body), markdown))
    return blocks


def _string_texts(text: str, lines: list[str]) -> list[tuple[int, str]]:
    """``(first line, text)`` of each docstring and module-level string statement."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in old docstrings
            tree = ast.parse(text)
    except SyntaxError as exc:
        # Cython (.pyx) or a file of another Python version: its strings still lex.
        strings = _lexed_string_statements(text)
        if strings is None:
            raise PythonError(exc.lineno or 1, f"not valid Python: {exc.msg}") from None
        nodes = strings
    except (ValueError, RecursionError, MemoryError) as exc:
        raise PythonError(1, f"cannot be parsed as Python: {exc}") from None
    else:
        nodes = _text_statements(tree)
    texts = []
    for node in nodes:
        segment = _source_segment(lines, node)
        if segment is not None:
            texts.append((node.lineno, segment))
    return texts


def _lexed_string_statements(text: str) -> list[ast.Expr] | None:
    """The strings that stand alone on their logical line, found by the tokenizer, as
    ``ast.Expr`` nodes with positions; None if even the tokenizer fails."""
    import io
    import tokenize

    found = []
    previous = tokenize.NEWLINE
    pending: tokenize.TokenInfo | None = None
    skip = {tokenize.COMMENT, tokenize.NL}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in skip:
                continue
            if pending is not None:
                if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                    found.append(_string_node(pending))
                pending = None
            starts_line = previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
            if token.type == tokenize.STRING and starts_line:
                pending = token
            previous = token.type
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    return found


def _string_node(token: object) -> ast.Expr:
    import tokenize

    assert isinstance(token, tokenize.TokenInfo)
    (line, col), (end_line, end_col) = token.start, token.end
    # Columns here count characters; ast's count UTF-8 bytes, as _source_segment expects.
    lines = token.line.splitlines(keepends=True) or [""]
    col = len(lines[0][:col].encode("utf-8"))
    end_col = len(lines[-1][:end_col].encode("utf-8"))
    value = ast.Constant("")
    value.lineno, value.col_offset, value.end_lineno, value.end_col_offset = (
        line, col, end_line, end_col,
    )  # fmt: skip
    node = ast.Expr(value)
    node.lineno = line
    return node


def _text_statements(tree: ast.Module) -> list[ast.Expr]:
    found = [node for node in tree.body if isinstance(node, ast.Expr) and _is_text(node)]
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if isinstance(node, ast.ClassDef):
                found.extend(n for n in body if isinstance(n, ast.Expr) and _is_text(n))
                continue
            if body and isinstance(body[0], ast.Expr) and _is_text(body[0]):
                found.append(body[0])
            # An attribute docstring after ``self.x = ...`` (autodoc and autoapi read it).
            for before, statement in itertools.pairwise(body):
                if (
                    isinstance(before, ast.Assign | ast.AnnAssign)
                    and isinstance(statement, ast.Expr)
                    and _is_text(statement)
                ):
                    found.append(statement)
    return found


def _is_text(node: ast.Expr) -> bool:
    return isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _source_segment(lines: list[str], node: ast.Expr) -> str | None:
    """The lines the string spans, with everything outside the literal's quotes blanked,
    so that a column in the segment is a column in the file (for an ASCII line)."""
    value = node.value
    if value.end_lineno is None or value.end_col_offset is None:
        return None
    first, last = value.lineno - 1, value.end_lineno - 1
    span = lines[first : last + 1]
    if not span:
        return None
    # Offsets are UTF-8 bytes: cut the lines as bytes.
    head = span[0].encode("utf-8")
    opening = _literal_body_start(head, value.col_offset)
    if first == last:
        end = (
            value.end_col_offset - 3
            if _triple(head, value.col_offset)
            else value.end_col_offset - 1
        )
        body = head[opening:end].decode("utf-8", "replace")
        return _pad(head[:opening]) + body + "\n"
    tail = span[-1].encode("utf-8")
    closing = max(value.end_col_offset - (3 if _triple(head, value.col_offset) else 1), 0)
    pieces = [_pad(head[:opening]) + head[opening:].decode("utf-8", "replace")]
    pieces.extend(span[1:-1])
    pieces.append(tail[:closing].decode("utf-8", "replace") + "\n")
    return "".join(pieces)


def _pad(prefix: bytes) -> str:
    return " " * len(prefix.decode("utf-8", "replace"))


def _triple(line: bytes, col: int) -> bool:
    rest = line[col:].lstrip(b"rRbBuUfF")
    return rest[:3] in (b'"""', b"'''")


def _literal_body_start(line: bytes, col: int) -> int:
    """The byte offset after a string literal's prefix and opening quotes."""
    position = col
    while position < len(line) and line[position : position + 1] in (b"r", b"R", b"u", b"U"):
        position += 1
    return position + (3 if _triple(line, col) else 1)
