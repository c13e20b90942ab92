"""Citations in MyST Markdown (``.md``) and reStructuredText (``.rst``) documents.

Finds the sphinxcontrib-bibtex roles -- ``{cite}``, ``{cite:p}``, ``{cite:t}``, ...,
``{footcite}``, ``{footcite:p}``, ... in MyST, ``:cite:p:`...``` in reST and inside MyST
``{eval-rst}`` blocks -- with several keys per role and ``{pre}key{post}`` texts, and the
exact line and column of every key.  Code (fences, code directives, inline code, literal
blocks) and comments are skipped.  A ``bibliography`` directive with ``:all:`` is noted,
because then every entry is listed and none is "unused".

This is a scanner, not a full Markdown parser: it is fast and exact on positions, and
it errs on the side of finding a citation that Sphinx would also find.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from refcheck.model import Citation
from refcheck.sources.bibliography import Bibliography, directive
from refcheck.sources.mystmd import cited_doi, mystmd_labels, pandoc_citations
from refcheck.sources.natbib import ROLES as NATBIB_ROLES
from refcheck.sources.natbib import natbib_keys
from refcheck.sources.spans import blank_spans, html_comments, rst_roles
from refcheck.value_objects import ValueObject

_CITE_STYLES = [
    "p",
    "ps",
    "t",
    "ts",
    "ct",
    "cts",
    "empty",
    "alp",
    "alps",
    "label",
    "labelpar",
    "year",
    "yearpar",
    "author",
    "authors",
    "authorpar",
    "authorpars",
    "cauthor",
    "cauthors",
]
_FOOTCITE_STYLES = ["p", "ps", "t", "ts", "ct", "cts"]
CITE_ROLES = frozenset(
    ["cite", "footcite"]
    + [f"cite:{s}" for s in _CITE_STYLES]
    + [f"footcite:{s}" for s in _FOOTCITE_STYLES]
)
# Directives whose body is code or raw text, not prose.
CODE_DIRECTIVES = frozenset(
    [
        "code",
        "code-block",
        "sourcecode",
        "code-cell",
        "literalinclude",
        "math",
        "raw",
        "highlight",
        "parsed-literal",
        "mermaid",
        "graphviz",
        "csv-table-raw",
    ]
)

_MYST_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_MYST_DIRECTIVE = re.compile(r"^\s*\{(?P<name>[\w:.-]+)\}")
_MYST_ROLE_BEFORE = re.compile(r"\{(?P<name>[a-z][\w:.-]*)\}$")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LITERAL_INCLUDE_OPTION = re.compile(r"^\s*:(?:literal|code):")

_RST_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?P<name>[\w:.-]+)\s*::(?P<rest>.*)$")
_RST_EXPLICIT = re.compile(r"^(?P<indent>\s*)\.\.(?:\s|$)")
_RST_NOT_COMMENT = re.compile(r"^\s*\.\.\s+(?:\[[^\]]*\]|_|\|)")
_RST_LITERAL = re.compile(r"``.+?``", re.S)

# One citation target: optional {pre}, the key, optional {post}.
_TARGET = re.compile(r"\s*(?:\{[^{}]*\}\s*)?(?P<key>[^{}\s,]+)\s*(?:\{[^{}]*\}\s*)?")


class Include(ValueObject):
    """An ``include`` directive: the file it names, as written, and where."""

    __slots__ = ("target", "line", "literal")

    def __init__(self, target: str, line: int, literal: bool = False) -> None:
        self.target = target
        self.line = line
        # ``:literal:`` or ``:code:``: the file is shown as code, not read as markup.
        self.literal = literal


class DocumentScan(ValueObject):
    """The citations of one document, its ``bibliography`` directives and includes."""

    __slots__ = (
        "citations", "bibliography_all", "bibliographies", "includes", "labels", "toctree"
    )  # fmt: skip

    def __init__(
        self,
        citations: list[Citation] | None = None,
        bibliography_all: list[int] | None = None,
        bibliographies: list[Bibliography] | None = None,
        includes: list[Include] | None = None,
    ) -> None:
        self.citations: list[Citation] = [] if citations is None else citations
        # Lines of ``bibliography`` directives with ``:all:``.
        self.bibliography_all: list[int] = [] if bibliography_all is None else bibliography_all
        self.bibliographies: list[Bibliography] = [] if bibliographies is None else bibliographies
        self.includes: list[Include] = [] if includes is None else includes
        # MyST-MD targets (``(name)=``, ``:label: name``): ``[@name]`` refers to them.
        self.labels: set[str] = set()
        # reST ``toctree`` entries (documents, as written) and their lines.
        self.toctree: list[tuple[str, int]] = []

    @property
    def cites_all(self) -> bool:
        return bool(self.bibliography_all)

    def add_bibliography(self, bibliography: Bibliography) -> None:
        self.bibliographies.append(bibliography)
        if bibliography.shows_all:
            self.bibliography_all.append(bibliography.line)


def scan_document(
    path: str, text: str, *, mystmd: bool = False, natbib: bool = False
) -> DocumentScan:
    """The citations in one document; reST when ``path`` ends in ``.rst``, else MyST.

    With ``mystmd`` (a MyST-MD project: a ``myst.yml`` beside it), MyST's pandoc-style
    citations ``[@key]``, ``[see @a; @b, p. 3]`` and ``@key`` are read too.  With
    ``natbib`` (a Sphinx project using sphinx-natbib, not sphinxcontrib-bibtex), the
    roles are read as that extension reads them (:mod:`refcheck.sources.natbib`).
    """
    if path.lower().endswith(".rst"):
        rst = _RstScanner(path, text)
        rst.natbib = natbib
        return rst.scan()
    scanner = _MystScanner(path, text)
    scanner.mystmd = mystmd
    scanner.natbib = natbib
    return scanner.scan()


def citation_keys(body: str) -> Iterator[tuple[str, int]]:
    """``(key, offset in body)`` for each key of a role body like ``{see}a,b{p. 3}``."""
    pos = 0
    while pos <= len(body):
        match = _TARGET.match(body, pos)
        if match is None:
            break
        yield match.group("key"), match.start("key")
        pos = match.end()
        if pos >= len(body):
            return
        if body[pos] != ",":
            break
        pos += 1
    # Malformed (Sphinx would reject it too): still report the key-like parts we can see.
    yield from _split_commas(body, pos)


def _split_commas(body: str, start: int) -> Iterator[tuple[str, int]]:
    for match in re.finditer(r"[^,]+", body[start:]):
        chunk = re.sub(r"\{[^{}]*\}?", lambda m: " " * len(m.group()), match.group())
        key_match = re.search(r"[^\s{}]+", chunk)
        if key_match:
            yield key_match.group(), start + match.start() + key_match.start()


def line_starts(lines: list[str]) -> list[int]:
    """The offset where each of ``text.splitlines(keepends=True)`` starts, and the end.

    Lines end as ``str.splitlines`` ends them (\\r, \\x0c, U+2028 too): citations' line
    numbers count that way, and whatever maps them back to offsets must count the same.
    """
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


class _Scanner:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.line_starts = line_starts(self.lines)
        self.result = DocumentScan()

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    # MyST-MD: roles separate keys with ";" as well, and DOIs are looked up, not cited.
    mystmd = False
    # sphinx-natbib instead of sphinxcontrib-bibtex: its roles, and "key [pre][post]".
    natbib = False

    @property
    def cite_roles(self) -> frozenset[str]:
        return NATBIB_ROLES if self.natbib else CITE_ROLES

    def add(self, role: str, body: str, body_offset: int) -> None:
        if self.mystmd:
            body = body.replace(";", ",")  # same length: offsets stay
        for key, offset in natbib_keys(body) if self.natbib else citation_keys(body):
            if self.mystmd and cited_doi(key):
                continue  # MyST-MD looks DOIs in roles up itself
            line, col = self.position(body_offset + offset)
            self.result.citations.append(Citation(key, self.path, line, col, role))

    @staticmethod
    def blank(line: str) -> str:
        """The line as spaces, its line break kept (\\r and \\n end a line, never inside it)."""
        body = line.rstrip("\r\n")
        return " " * len(body) + line[len(body) :]

    def finished(self) -> DocumentScan:
        self.result.citations.sort(key=lambda c: (c.line, c.col))
        return self.result

    def scan_rst_roles(self, visible: str) -> None:
        visible = _RST_LITERAL.sub(lambda m: _blank_span(m.group()), visible)
        for role in rst_roles(
            visible, _rst_name_char, _rst_valid_name, _rst_opens_after, closing_may_double=False
        ):
            if role.name in self.cite_roles:
                self.add(role.name, visible[role.body_start : role.body_end], role.body_start)


def _blank_span(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


# What ``(?<![\w`\\]):(?P<name>[a-z][\w:.-]*?):`[^`]*`(?!`)`` matched, found in linear time.
def _rst_name_char(char: str) -> bool:
    return char.isalnum() or char in "_.-"


def _rst_valid_name(name: str) -> bool:
    return "a" <= name[:1] <= "z"


def _rst_opens_after(char: str) -> bool:
    return not (char.isalnum() or char in "_`\\")


class _MystScanner(_Scanner):
    def scan(self) -> DocumentScan:
        myst_lines: list[str] = []
        rst_lines: list[str] = []
        # Open fences: (character, length, kind) with kind "code", "prose", "rst" or "bib".
        stack: list[tuple[str, int, str]] = []
        front_matter_end = _front_matter_end(self.lines)
        for number, line in enumerate(self.lines, start=1):
            kind = "skip" if number <= front_matter_end else self.classify(line, number, stack)
            myst_lines.append(line if kind == "prose" else self.blank(line))
            rst_lines.append(line if kind == "rst" else self.blank(line))
        self.close_bibliography()  # a fence left open runs to the end of the document
        self.close_toctree()
        myst = "".join(myst_lines)
        myst = blank_spans(myst, html_comments(myst))
        self.scan_myst_roles(myst)
        if any(line.strip() for line in rst_lines):
            self.scan_rst_roles("".join(rst_lines))
        return self.finished()

    # An open ``{bibliography}`` fence: its line, argument and body lines so far.
    _bib: tuple[int, str, list[str]] | None = None
    # An open ``{toctree}`` fence: the line its body starts on, and its lines so far.
    _toctree: tuple[int, list[str]] | None = None

    def close_toctree(self) -> None:
        if self._toctree is not None:
            first_line, body = self._toctree
            self.result.toctree.extend(toctree_entries(body, first_line, myst=True))
            self._toctree = None

    def classify(self, line: str, number: int, stack: list[tuple[str, int, str]]) -> str:
        """What ``line`` is: "prose" (scanned as MyST), "rst", or "skip"."""
        inner = stack[-1][2] if stack else "prose"
        fence = _MYST_FENCE.match(line.rstrip("\r\n"))
        if fence is not None:
            char, length = fence.group("fence")[0], len(fence.group("fence"))
            info = fence.group("info").strip()
            if stack and not info and char == stack[-1][0] and length >= stack[-1][1]:
                closed = stack.pop()[2]
                if closed == "bib":
                    self.close_bibliography()
                elif closed == "toctree":
                    self.close_toctree()
                return "skip"
            if inner not in ("code", "rst", "bib", "toctree") and not (char == "`" and "`" in info):
                kind = self.fence_kind(char, info)
                stack.append((char, length, kind))
                if kind == "bib":
                    self._bib = (number, _directive_argument(info), [])
                elif kind == "toctree":
                    self._toctree = (number + 1, [])
                elif kind == "include":
                    self.result.includes.append(Include(_directive_argument(info), number))
                return "prose" if kind == "prose" else "skip"
        if inner == "bib":
            if self._bib is not None:
                self._bib[2].append(line)
            return "skip"
        if inner == "include":
            return "skip"
        if inner == "toctree":
            if self._toctree is not None:
                self._toctree[1].append(line)
            return "skip"
        if inner in ("code", "rst"):
            return "skip" if inner == "code" else "rst"
        if line.startswith("%"):  # a MyST comment line
            return "skip"
        return "prose"

    @staticmethod
    def fence_kind(char: str, info: str) -> str:
        directive = _MYST_DIRECTIVE.match(info)
        if directive is None:
            # A colon fence without {name} is still a container; a backtick fence is code.
            return "prose" if char == ":" else "code"
        name = directive.group("name")
        if name == "bibliography":
            return "bib"
        if name == "eval-rst":
            return "rst"
        if name == "include":
            return "include"
        if name == "toctree":
            return "toctree"
        return "code" if name in CODE_DIRECTIVES else "prose"

    def close_bibliography(self) -> None:
        if self._bib is not None:
            number, argument, body = self._bib
            self.result.add_bibliography(directive(self.path, number, argument, body, myst=True))
            self._bib = None

    def scan_myst_roles(self, text: str) -> None:
        code_spans: list[tuple[int, int]] = []
        runs: dict[int, list[int]] = {}
        matches = list(_BACKTICKS.finditer(text))
        for match in matches:
            runs.setdefault(len(match.group()), []).append(match.start())
        blank_lines = [m.start() for m in _BLANK_LINE.finditer(text)]
        consumed_until = 0
        for match in matches:
            start = match.start()
            if start < consumed_until:
                continue
            width = len(match.group())
            same = runs[width]
            index = bisect.bisect_right(same, start)
            if index >= len(same):
                continue  # no closing run: literal backticks
            close = same[index]
            next_blank = bisect.bisect_right(blank_lines, start)
            if next_blank < len(blank_lines) and blank_lines[next_blank] < close:
                continue  # a code span does not cross a paragraph break
            consumed_until = close + width
            code_spans.append((start, consumed_until))
            role = _MYST_ROLE_BEFORE.search(text, max(0, start - 40), start)
            if role is not None and role.group("name") in self.cite_roles:
                self.add(role.group("name"), text[match.end() : close], match.end())
        if self.mystmd:
            self.result.labels.update(mystmd_labels(self.lines))
            for key, offset, role_name in pandoc_citations(text, code_spans):
                # A DOI key is kept: it cites the entry with that doi (sources.shown).
                line, col = self.position(offset)
                self.result.citations.append(Citation(key, self.path, line, col, role_name))


class _RstScanner(_Scanner):
    # The directive whose indented block is being read ("bibliography" or "include"):
    # its indent, line, argument and block lines so far.
    _block: tuple[str, int, int, str, list[str]] | None = None

    def scan(self) -> DocumentScan:
        visible: list[str] = []
        skip_indent: int | None = None  # inside a block indented deeper than this: skip
        literal_next = False
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            if skip_indent is not None:
                if not stripped or indent > skip_indent:
                    visible.append(self.blank(line))
                    continue
                skip_indent = None
            if self._block is not None:
                if not stripped or indent > self._block[1]:
                    self._block[4].append(line)
                    # A toctree's entry titles are prose (roles there are read).
                    visible.append(line if self._block[0] == "toctree" else self.blank(line))
                    continue
                self.close_block()
            if literal_next and stripped:
                literal_next = False
                if indent > self.paragraph_indent:
                    skip_indent = self.paragraph_indent
                    visible.append(self.blank(line))
                    continue
            directive_match = _RST_DIRECTIVE.match(line)
            if directive_match is not None:
                name = directive_match.group("name")
                if name in CODE_DIRECTIVES:
                    skip_indent = indent
                    visible.append(self.blank(line))
                    continue
                if name in ("bibliography", "include", "toctree"):
                    argument = directive_match.group("rest").strip()
                    self._block = (name, indent, number, argument, [])
                    visible.append(self.blank(line))
                    continue
            elif _RST_EXPLICIT.match(line) and not _RST_NOT_COMMENT.match(line):
                skip_indent = indent  # a comment and its indented continuation
                visible.append(self.blank(line))
                continue
            if stripped.endswith("::") and directive_match is None:
                literal_next = True
                self.paragraph_indent = indent
            visible.append(line)
        self.close_block()
        self.scan_rst_roles("".join(visible))
        return self.finished()

    def close_block(self) -> None:
        if self._block is None:
            return
        name, _indent, number, argument, body = self._block
        self._block = None
        if name == "bibliography":
            self.result.add_bibliography(directive(self.path, number, argument, body, myst=False))
        elif name == "toctree":
            self.result.toctree.extend(toctree_entries(body, number + 1))
        else:
            literal = any(_LITERAL_INCLUDE_OPTION.match(line) for line in body)
            self.result.includes.append(Include(argument, number, literal))

    paragraph_indent = 0


def toctree_entries(
    body: list[str], first_line: int, *, myst: bool = False
) -> Iterator[tuple[str, int]]:
    """The documents a ``toctree`` body names (``doc``, ``Title <doc>``) and their lines;
    none for a glob toctree (its entries are patterns), ``self`` or a URL.  MyST writes
    the options as ``:name:`` lines or a ``---`` YAML block at the top."""
    yaml_end = 0
    if myst and body and body[0].strip() == "---":
        yaml_end = next((i for i, line in enumerate(body[1:], 1) if line.strip() == "---"), 0)
    options = [line.strip() for line in body[1:yaml_end]]
    if any(line.strip() == ":glob:" for line in body) or any(
        o.replace(" ", "") in ("glob:true", "glob:") for o in options
    ):
        return
    skipped = yaml_end + 1 if yaml_end else 0  # the YAML block, both its "---" lines
    for number, line in enumerate(body[skipped:], start=first_line + skipped):
        entry = line.strip()
        if not entry or entry.startswith(":"):
            continue
        if entry.endswith(">") and "<" in entry:
            entry = entry[entry.rindex("<") + 1 : -1].strip()
        if entry and entry != "self" and "://" not in entry and not entry.startswith("mailto:"):
            yield entry, number


def _front_matter_end(lines: list[str]) -> int:
    """The line that closes a YAML front matter block (``---`` ... ``---`` at the top, as
    Jupytext and MyST write it), or 0."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return number
    return 0  # never closed: a thematic break, not front matter


def _directive_argument(info: str) -> str:
    """What follows ``{name}`` on a MyST fence's first line."""
    match = _MYST_DIRECTIVE.match(info)
    return info[match.end() :].strip() if match else ""
