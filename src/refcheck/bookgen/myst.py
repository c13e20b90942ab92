"""The article's text as MyST: escaped, with ``{cite}`` for ``[n]`` and footnotes for notes.

Every ``[n]`` of the main list becomes ``{cite}`key``` (one role per marker, so each place
is a back-link target of its own); a marker of another group (``[注 1]``, ``[a]``) becomes a
footnote ``[^注-1]`` whose text is that note. A marker with no reference behind it stays as
text and is reported by the caller (``unknown``): nothing of the source is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from refcheck.letters import letter

# [12], [注 3], [† 1]; and [a], [b] … (enwiki's {{efn}} notes; the importer's label "alpha").
_MARKER = re.compile(r"\[(?:([^\[\]\s0-9]{1,4}) ?)?([0-9]{1,4})\]|\[([a-z]{1,2})\]")
_ALPHA = {letter(n): n for n in range(1, 703)}
ALPHA_LABEL = "alpha"
# Characters Markdown or MyST could read as markup; a backslash keeps each as itself.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")
_LINE_START = re.compile(r"^([#>+\-=:]|\d{1,9}[.)])")


def escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\\\1", text)


@dataclass
class Citations:
    """How markers map to keys: the main list's numbers, and each note group's notes."""

    keys: dict[int, str]
    notes: dict[tuple[str, int], str] = field(default_factory=dict)  # (label, n) → text
    unknown: list[str] = field(default_factory=list)


def footnote_label(label: str, number: int) -> str:
    return f"{label}-{number}"


def to_myst(text: str, citations: Citations, used_notes: Callable[[str, int], None]) -> str:
    """One paragraph: its text escaped, its markers as roles and footnote references."""
    pieces: list[str] = []
    position = 0
    has_alpha = any(label == ALPHA_LABEL for label, _ in citations.notes)
    for match in _MARKER.finditer(text):
        if match.group(3):
            if not has_alpha:  # no lettered notes: "[a]" is the text's own
                continue
            label, number = ALPHA_LABEL, _ALPHA[match.group(3)]
        else:
            label, number = match.group(1), int(match.group(2))
        if label is None and number in citations.keys:
            replacement = f"{{cite}}`{citations.keys[number]}`"
        elif label is not None and (label, number) in citations.notes:
            used_notes(label, number)
            replacement = f"[^{footnote_label(label, number)}]"
        else:
            if not (label is None and 1000 <= number <= 2100):  # [1990]: a year
                citations.unknown.append(match.group(0))
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(replacement)
        position = match.end()
    pieces.append(escape(text[position:]))
    return "".join(pieces)
