"""MyST and reST source reduced to prose, offset for offset.

``prose_view(text)`` returns a copy of the document in which everything that is not
running prose (front matter, heading markers, code and directive blocks, comments,
labels, roles) is blanked with spaces, citation roles become a run of ``MARKER``
characters, and headings start sections (a heading's own text stays: its dates are
context for the section).  Because the view has the same length as the
source, an offset in the view is an offset in the file: dates and sentences found in
the view point at real lines and columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from refcheck.sources.documents import citation_keys

# A private-use character: never in real prose, so sentence and date scanners can see it.
MARKER = "\ue000"

CITE_ROLE_NAMES = ("cite", "footcite")
# A role's name and its ":"-separated parts are short and few (cite:p, footcite:ts); the
# bounds, possessive, keep each attempt constant work: unbounded, "-:a-:a-:a…" or ":.:.…"
# made every ":" scan to the end of the text (100 KB took 100 s).
_ROLE_PART = r"[A-Za-z0-9_.+-]{1,64}+"
_ROLE_TAIL = rf"(?::{_ROLE_PART}){{0,8}}+"
# {cite:p}`key1,key2` (MyST) and :cite:p:`key` (reST); group "name" is the role's first part.
_MYST_ROLE = re.compile(rf"\{{(?P<name>{_ROLE_PART}){_ROLE_TAIL}\}}`(?P<body>[^`]*+)`")
_REST_ROLE = re.compile(rf"(?<![\w`]):(?P<name>{_ROLE_PART}){_ROLE_TAIL}:`(?P<body>[^`]*+)`")
_INLINE_LITERAL = re.compile(r"``[^`\n]++``|`[^`\n]++`")
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}|:{3,})")
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_MYST_SKIP_LINE = re.compile(r"^[ \t]*(?:%|\(.*\)=[ \t]*$|\+\+\+)")
_REST_EXPLICIT = re.compile(r"^\.\.(?:[ \t]|$)")
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+_.:])\1{2,}[ \t]*$")
_BLOCK_START = re.compile(r"^[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|>|\|)")


@dataclass(frozen=True, slots=True)
class CiteRole:
    """One citation role in the source: where it is and which keys it names."""

    start: int
    end: int
    keys: tuple[str, ...]


@dataclass(slots=True)
class ProseView:
    text: str  # same length as the source
    roles: list[CiteRole] = field(default_factory=list)
    # Offsets where a new section starts (headings): dates never carry across them.
    section_starts: list[int] = field(default_factory=list)
    # Offsets where a new block starts (paragraph, list item): sentences never cross them.
    block_starts: list[int] = field(default_factory=list)


def role_keys(body: str) -> tuple[str, ...]:
    """The keys of a citation role body: ``{pre}key{post}, key2`` -> ("key", "key2"), read
    as the citations themselves are read (so a role and its citations always match)."""
    return tuple(key for key, _ in citation_keys(body))


def prose_view(text: str) -> ProseView:
    chars = list(text)
    view = ProseView("")

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    _blank_lines(text, blank, view)
    for start, end in html_comments(text):
        blank(start, end)
    for pattern in (_MYST_ROLE, _REST_ROLE):
        for match in pattern.finditer(text):
            if chars[match.start()] == " ":  # inside something already blanked
                continue
            if match.group("name") in CITE_ROLE_NAMES:
                view.roles.append(
                    CiteRole(match.start(), match.end(), role_keys(match.group("body")))
                )
                chars[match.start() : match.end()] = MARKER * (match.end() - match.start())
            else:
                blank(match.start(), match.end())
    for match in _INLINE_LITERAL.finditer("".join(chars)):
        if MARKER not in match.group():
            blank(match.start(), match.end())
    view.text = "".join(chars)
    view.roles.sort(key=lambda role: role.start)
    return view


def html_comments(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every ``<!-- ... -->``, in one pass.

    ``<!--.*?-->`` would scan to the end of the text from every ``<!--`` when none is
    closed (100 KB of ``<!--`` took 50 s); once no ``-->`` follows, none can close.
    """
    spans = []
    at = text.find("<!--")
    while at >= 0:
        close = text.find("-->", at + 4)
        if close < 0:
            break
        spans.append((at, close + 3))
        at = text.find("<!--", close + 3)
    return spans


def _blank_lines(text: str, blank: Callable[[int, int], None], view: ProseView) -> None:
    """Blank block-level markup line by line and note section and block starts."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    fence: str | None = None
    rest_block = False
    previous_blank = True
    for number, line in enumerate(lines):
        start, end = offsets[number], offsets[number + 1]
        stripped = line.strip()
        if number == 0 and stripped == "---":
            fence = "---"  # YAML front matter
            blank(start, end)
            continue
        if fence is not None:
            blank(start, end)
            if stripped.startswith(fence) and (fence != "---" or stripped == "---"):
                fence = None
                view.block_starts.append(end)
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group("fence")
            blank(start, end)
            view.block_starts.append(start)
            continue
        if rest_block:
            if not stripped or line[:1] in " \t":
                blank(start, end)
                continue
            rest_block = False
        if _REST_EXPLICIT.match(line):
            rest_block = True
            blank(start, end)
            view.block_starts.append(start)
            continue
        heading = _ATX_HEADING.match(line)
        if heading:
            # The title stays: its dates (「2024年10月」) are context for the section.
            blank(start, start + heading.end())
            view.section_starts.append(start)
            view.block_starts.append(end)
            continue
        if _UNDERLINE.match(line) and (number == 0 or previous_blank):
            blank(start, end)  # an overline, or a transition
            view.block_starts.append(end)
            continue
        if _UNDERLINE.match(line):
            # Setext (MyST) or reST section title: the previous line is the title.
            blank(start, end)
            view.section_starts.append(offsets[number - 1])
            view.block_starts.append(end)
            previous_blank = True
            continue
        if _MYST_SKIP_LINE.match(line):
            blank(start, end)
            view.block_starts.append(start)
            continue
        if not stripped or _BLOCK_START.match(line):
            view.block_starts.append(start)
        previous_blank = not stripped
