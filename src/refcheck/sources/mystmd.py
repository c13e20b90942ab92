"""MyST-MD's pandoc-style citations: ``[@key]``, ``[see @a, p. 3; @b]`` and ``@key``.

``[@key]`` (in square brackets, several separated by ``;``) is parenthetical, a bare
``@key`` narrative.  A key starts with a letter, digit or ``_`` and goes on with
letters, digits and ``:.#$%&-+?<>~/_``; punctuation at its end is not part of it
(``@smith2024.`` cites ``smith2024``).  ``@`` after a letter or digit is an e-mail
address or a handle, not a citation; code spans are skipped.  Keys that are DOIs
(``[@10.5281/zenodo.1234]``, ``[@https://doi.org/10.5281/zenodo.1234]``) cite the entry
whose ``doi`` is that DOI, or else are resolved by MyST-MD itself from doi.org.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from refcheck.matching.normalize import normalize_doi

PARENTHETICAL = "mystmd:p"
NARRATIVE = "mystmd:t"
ROLES = frozenset({PARENTHETICAL, NARRATIVE})
# Looking back for the "[" of a bracketed citation: no citation group is longer.
_BRACKET_LOOKBACK = 300
_KEY_CHARS = frozenset(":.#$%&-+?<>~/_")
_TRAILING = ":.#$%&-+?<>~/"


def cited_doi(key: str) -> str | None:
    """The bare, lower-cased DOI a citation key names (bare, ``doi:`` or resolver URL),
    or None for an ordinary key."""
    if not key.startswith(("10.", "doi:", "http", "DOI:", "info:")):
        return None  # the common case, without normalising
    return normalize_doi(key)


_LABELS = (
    re.compile(r"^\s*\((?P<label>[^()\s]+)\)=\s*$"),
    re.compile(r"^\s*:?(?:label|name):\s*(?P<label>\S+)\s*$"),
)
# A sub-figure's implicit label: the figure's label, "-", a letter.
_SUBFIGURE = re.compile(r"^(?P<label>.+)-[a-z]$")


def mystmd_labels(lines: list[str]) -> set[str]:
    """The cross-reference targets a MyST-MD document defines."""
    found = set()
    for line in lines:
        for pattern in _LABELS:
            match = pattern.match(line)
            if match:
                found.add(match.group("label"))
    return found


def refers_to_label(key: str, labels: set[str]) -> bool:
    """Whether ``[@key]`` is a cross-reference to a target rather than a citation."""
    if key in labels:
        return True
    subfigure = _SUBFIGURE.match(key)
    return subfigure is not None and subfigure.group("label") in labels


def pandoc_citations(text: str, skipped: list[tuple[int, int]]) -> Iterator[tuple[str, int, str]]:
    """``(key, offset, role)`` of each citation outside the ``skipped`` spans (sorted)."""
    starts = [start for start, _ in skipped]
    position = text.find("@")
    while position >= 0:
        found = _citation_at(text, position, skipped, starts)
        if found is not None:
            yield found
            position = text.find("@", found[1] + len(found[0]))
        else:
            position = text.find("@", position + 1)


def _citation_at(
    text: str, at: int, skipped: list[tuple[int, int]], starts: list[int]
) -> tuple[str, int, str] | None:
    before = text[at - 1] if at > 0 else ""
    if before.isalnum() or before in "_@\\":
        return None
    index = bisect.bisect_right(starts, at) - 1
    if index >= 0 and at < skipped[index][1]:
        return None  # inside a code span
    end = at + 1
    while end < len(text) and (text[end].isalnum() or text[end] in _KEY_CHARS):
        end += 1
    while end > at + 1 and text[end - 1] in _TRAILING:
        end -= 1
    key = text[at + 1 : end]
    if not key or not (key[0].isalnum() or key[0] == "_"):
        return None
    bracketed = _in_brackets(text, at)
    if bracketed is None:
        return None  # [@x](url) is a link
    return key, at + 1, PARENTHETICAL if bracketed else NARRATIVE


def _in_brackets(text: str, at: int) -> bool | None:
    """Whether ``at`` is inside ``[...]`` that closes on the same line; None when those
    brackets are a link's text (``[@x](url)``)."""
    floor = max(0, at - _BRACKET_LOOKBACK)
    line_start = text.rfind("\n", floor, at) + 1 or floor
    opening = text.rfind("[", line_start, at)
    if opening < 0 or text.rfind("]", opening, at) >= 0:
        return False
    ceiling = at + _BRACKET_LOOKBACK
    closing = text.find("]", at, ceiling)
    newline = text.find("\n", at, ceiling)
    if closing < 0 or (newline >= 0 and newline < closing):
        return False
    return None if text.startswith("(", closing + 1) else True
