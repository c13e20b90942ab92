"""BibTeX's name-list grammar, shared by the rules, the duplicate matching and the importer.

A name list is split at the word ``and`` (any case, white space on both sides, outside
braces); each name is then read at its commas outside braces: ``First von Last``,
``von Last, First`` or ``von Last, Jr, First``.  biber and pybtex read it the same way.
"""

from __future__ import annotations

import re

# The word "and" between white space (the white space after it left for the next
# separator, as BibTeX reads "a and and b"): the value is split at every such word with
# one regex call, and the pieces are joined again where the word was inside braces, so
# Python steps only over the braces, not over every character.  Only ASCII letters
# casefold to "a", "n" or "d", so the class is exactly BibTeX's case-insensitive "and";
# no two such words overlap, so the split finds every one.
_AND = re.compile(r"(\s[aA][nN][dD])(?=\s)")
_BRACE = re.compile(r"[{}]")
_COMMA_OR_BRACE = re.compile(r"[{},]")


def _depth_after(depth: int, text: str) -> int:
    """The brace depth after ``text`` from ``depth``; a stray ``}`` does not go below 0."""
    if "{" not in text and "}" not in text:
        return depth
    for brace in _BRACE.findall(text):
        depth = depth + 1 if brace == "{" else max(depth - 1, 0)
    return depth


def split_names(value: str) -> list[str]:
    """The names of a name list, split as BibTeX splits them (empty names kept)."""
    pieces = _AND.split(value)  # name, separator, name, separator, ..., name
    if "{" not in value and "}" not in value:
        return [name.strip() for name in pieces[::2]]
    names: list[str] = []
    current = pieces[0]
    depth = _depth_after(0, current)
    for index in range(1, len(pieces), 2):
        separator, piece = pieces[index], pieces[index + 1]
        if depth == 0:
            names.append(current.strip())
            current = piece
        else:  # the word is inside braces: part of this name
            current += separator + piece
        depth = _depth_after(depth, piece)
    names.append(current.strip())
    return names


def top_level_commas(name: str) -> int:
    """How many commas ``name`` has outside braces."""
    if "{" not in name and "}" not in name:
        return name.count(",")
    depth = 0
    commas = 0
    for token in _COMMA_OR_BRACE.findall(name):
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            commas += 1
    return commas
