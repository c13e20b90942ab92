"""Write references as BibTeX in the ``refs.bib`` schema, and read the values back.

Escaping: the LaTeX specials ``\\ % & # _ ~`` become ``\\textbackslash{}``, ``\\%``, ``\\&``,
``\\#``, ``\\_``, ``\\textasciitilde{}``, which BibTeX, biblatex and pybtex's LaTeX decoder
all understand. Braces are kept as written when they are balanced (``{{cite news}}`` in a
flag stays exact for every BibTeX parser); a brace without its partner becomes
``\\textbraceleft{}``/``\\textbraceright{}`` so the entry still closes where it should.
``unescape_value`` is the exact inverse.

Fields are biblatex's (``journaltitle``, ``booktitle``, ``number`` for an issue, ``location``,
``pages``, ``isbn``, ``url``, ``urldate`` …) plus four of the importer's own: ``archiveurl``
and ``archivedate`` for an archived copy (the names of Wikipedia's ``|archive-url=`` and
``|archive-date=``, which biblatex ignores and the jawiki style prints), ``sourceflag`` and
``wpformat``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from refcheck.importer.model import Reference

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
}
_UNMATCHED = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_UNESCAPES = {escaped: char for char, escaped in {**_ESCAPES, **_UNMATCHED}.items()}
_ESCAPED = re.compile("|".join(re.escape(escaped) for escaped in _UNESCAPES))

# Field order in every entry.
FIELDS = (
    "author",
    "editor",
    "title",
    "booktitle",
    "eventtitle",
    "journaltitle",
    "series",
    "volume",
    "number",
    "edition",
    "publisher",
    "location",
    "date",
    "origdate",
    "pages",
    "isbn",
    "issn",
    "doi",
    "url",
    "urldate",
    "archiveurl",
    "archivedate",
    "language",
    "note",
    "sourceflag",
    "wpformat",
)
# Reference attribute for each field whose name differs.
_ATTRIBUTES = {"journaltitle": "work", "number": "issue"}


def _unmatched_braces(text: str) -> set[int]:
    """Positions of braces that have no partner."""
    open_positions: list[int] = []
    unmatched: set[int] = set()
    for position, char in enumerate(text):
        if char == "{":
            open_positions.append(position)
        elif char == "}":
            if open_positions:
                open_positions.pop()
            else:
                unmatched.add(position)
    return unmatched | set(open_positions)


def escape_value(text: str) -> str:
    """A field value's text as BibTeX braces can hold it (see the module docstring)."""
    text = " ".join(text.split())  # one line: a value never spans lines
    unmatched = _unmatched_braces(text)
    return "".join(
        _UNMATCHED[char] if position in unmatched else _ESCAPES.get(char, char)
        for position, char in enumerate(text)
    )


def unescape_value(value: str) -> str:
    """The text ``escape_value`` was given (for a value that had no line breaks)."""
    return _ESCAPED.sub(lambda match: _UNESCAPES[match.group(0)], value)


def entry_fields(reference: Reference) -> dict[str, str]:
    """The entry's fields as plain text (unescaped), in ``FIELDS`` order, empty ones left out."""
    values = {name: getattr(reference, _ATTRIBUTES.get(name, name)) for name in FIELDS}
    return {name: value for name, value in values.items() if value}


def format_entry(key: str, reference: Reference) -> str:
    lines = [f"@{reference.entrytype}{{{key},"]
    fields = entry_fields(reference)
    width = max(len(name) for name in fields)
    for index, (name, value) in enumerate(fields.items()):
        escaped = escape_value(value)
        if name == "editor" or (name == "author" and reference.author_is_literal):
            escaped = "{" + escaped + "}"  # one literal name: never split into first/last
        comma = "," if index < len(fields) - 1 else ""
        lines.append(f"  {name:<{width}} = {{{escaped}}}{comma}")
    lines.append("}")
    return "\n".join(lines)


def format_bibliography(
    keys: Sequence[str], references: Sequence[Reference], header: Sequence[str] = ()
) -> str:
    """The whole ``.bib`` text: header comment lines, then one entry per reference."""
    parts = []
    if header:
        # "@" would open an entry even inside a comment line.
        parts.append("\n".join("% " + line.replace("@", "(at)") for line in header))
    parts.extend(
        format_entry(key, reference) for key, reference in zip(keys, references, strict=True)
    )
    return "\n\n".join(parts) + "\n"
