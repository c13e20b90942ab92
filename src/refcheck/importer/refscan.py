"""Find an article's ``<ref>``s and ``{{efn}}`` notes in one linear pass, without a parser.

mwparserfromhell reads a reference's template exactly, but its time grows faster than the
text on unclosed constructs (a thousand ``{{cite web|`` take seconds, two thousand more
than seven). So the article is never handed to it whole: this scanner cuts out each
reference (``<ref …>…</ref>``, ``<ref … />``, ``{{efn|…}}``, comments skipped) with plain
``str.find`` and one regex for the opening tag, and only each reference's own content,
bounded by ``MAX_REFERENCE``, is parsed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

# A real reference is well under a kilobyte; past this its text is kept whole, unparsed.
MAX_REFERENCE = 3000
_OPEN_TAG = re.compile(r"<ref(?P<attributes>\s[^<>]{0,300}?)?\s*(?P<closed>/)?>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'/>]+))")
_NOTE_START = re.compile(r"\{\{\s*(?:efn|refn|notetag|efn-ua|efn-la|efn-lr|efn2|注釈)\s*\|", re.I)


@dataclass(frozen=True, slots=True)
class ScannedReference:
    """One ``<ref>`` (or note) as it stands: where, its name and group, its content."""

    position: int
    line: int
    name: str | None
    group: str | None
    content: str | None  # None for a reuse such as <ref name="a"/>
    unclosed: bool = False


def _blank_comments(text: str) -> str:
    """``<!-- … -->`` as spaces (newlines kept), so nothing inside a comment is found."""
    parts = []
    cursor = 0
    while (start := text.find("<!--", cursor)) >= 0:
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        parts.append(text[cursor:start])
        parts.append("".join("\n" if char == "\n" else " " for char in text[start:end]))
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def _attributes(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    return {
        match.group(1).lower(): (match.group(2) or match.group(3) or match.group(4) or "").strip()
        for match in _ATTRIBUTE.finditer(text)
    }


def _template_end(text: str, start: int) -> int:
    """Where the template opening at ``start`` closes (past its ``}}``), or -1 when it does
    not within ``2 * MAX_REFERENCE`` characters (so many unclosed notes stay linear)."""
    depth = 0
    index = start
    limit = min(len(text), start + 2 * MAX_REFERENCE)
    while index < limit - 1:
        pair = text[index : index + 2]
        if pair == "{{":
            depth += 1
            index += 2
        elif pair == "}}":
            depth -= 1
            index += 2
            if depth == 0:
                return index
        else:
            index += 1
    return -1


def scan_references(text: str) -> Iterator[ScannedReference]:
    """Every ``<ref>`` and note of ``text`` in document order."""
    text = _blank_comments(text)
    line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
    found: list[ScannedReference] = []

    def line_of(position: int) -> int:
        return bisect_right(line_starts, position)

    cursor = 0
    while (match := _OPEN_TAG.search(text, cursor)) is not None:
        attributes = _attributes(match.group("attributes"))
        name, group = attributes.get("name") or None, attributes.get("group") or None
        if match.group("closed"):
            found.append(ScannedReference(match.start(), line_of(match.start()), name, group, None))
            cursor = match.end()
            continue
        end = _find_close(text, match.end())
        unclosed = end < 0
        stop = len(text) if unclosed else end
        found.append(
            ScannedReference(
                match.start(),
                line_of(match.start()),
                name,
                group,
                text[match.end() : stop],
                unclosed,
            )
        )
        cursor = stop if unclosed else end + len("</ref>")
    starts = [reference.position for reference in found]
    stops = [reference.position + len(reference.content or "") for reference in found]
    for note in _NOTE_START.finditer(text):
        inside = bisect_right(starts, note.start()) - 1
        if inside >= 0 and note.start() < stops[inside]:
            continue  # a note inside a reference belongs to it
        end = _template_end(text, note.start())
        stop = min(len(text), note.start() + 2 * MAX_REFERENCE) if end < 0 else end
        body = text[note.end() : stop - 2 if end >= 0 else stop]
        found.append(
            ScannedReference(note.start(), line_of(note.start()), None, "注釈", body, end < 0)
        )
    found.sort(key=lambda reference: reference.position)
    yield from found


def _find_close(text: str, start: int) -> int:
    """The position of the next ``</ref>`` (any case), or -1."""
    position = start
    while (position := text.find("</", position)) >= 0:
        if text[position : position + 6].lower() == "</ref>":
            return position
        position += 2
    return -1
