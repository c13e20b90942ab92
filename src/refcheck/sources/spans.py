"""Linear-time finders for the inline markup every document scanner looks for.

reST roles (``:name:`body```) and HTML comments (``<!-- ... -->``) were found with
regular expressions whose unbounded, lazy or nested quantifiers retried from every
start position: 100 KB of ``-:a`` took 25 s, of ``<!--`` 30 s, of ``:.`` a minute.
These finders move forward with ``str.find`` and look back at most ``MAX_ROLE_NAME``
characters per role, so each character is looked at a bounded number of times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

# No role name is longer (``footcite:authorpars`` is 19); a bound keeps the look-back
# constant per role.
MAX_ROLE_NAME = 64


class RoleSpan(FrozenValue):
    """One ``:name:`body``` in a text: offsets of its start, its body and its end."""

    __slots__ = ("name", "start", "body_start", "body_end", "end")
    name: Final[str]
    start: Final[int]
    body_start: Final[int]
    body_end: Final[int]
    end: Final[int]

    def __init__(self, name: str, start: int, body_start: int, body_end: int, end: int) -> None:
        self.name = name
        self.start = start
        self.body_start = body_start
        self.body_end = body_end
        self.end = end


def rst_roles(
    text: str,
    name_char: Callable[[str], bool],
    valid_name: Callable[[str], bool],
    opens_after: Callable[[str], bool],
    *,
    closing_may_double: bool = True,
) -> Iterator[RoleSpan]:
    """Every ``:name:`body``` of ``text``, leftmost first and not overlapping.

    ``name_char(c)`` says whether a name may contain ``c`` (``:`` always may);
    ``valid_name(name)`` accepts a name; ``opens_after(char)`` says whether the opening
    colon may follow ``char`` (a space at the start of the text).  The body runs to the next
    backtick; with ``closing_may_double=False`` a closing backtick followed by another
    one is not a role (reST's ``:x:`a``b``` is no role).  This is what the patterns
    ``(?<!..):name:`[^`]*``` matched, found without backtracking.
    """
    pos = 0
    length = len(text)
    while True:
        colon = text.find(":`", pos)
        if colon < 0:
            return
        close = text.find("`", colon + 2)
        if close < 0:
            return  # no backtick after this one: no role can close any more
        start = _role_start(text, colon, max(pos, colon - MAX_ROLE_NAME), name_char,
                            valid_name, opens_after)  # fmt: skip
        doubled = not closing_may_double and close + 1 < length and text[close + 1] == "`"
        if start is None or doubled:
            pos = colon + 1
            continue
        yield RoleSpan(text[start + 1 : colon], start, colon + 2, close, close + 1)
        pos = close + 1


def _role_start(
    text: str,
    colon: int,
    floor: int,
    name_char: Callable[[str], bool],
    valid_name: Callable[[str], bool],
    opens_after: Callable[[str], bool],
) -> int | None:
    """The leftmost opening colon of a valid role name that ends at ``colon``."""
    run = colon
    while run > floor and (text[run - 1] == ":" or name_char(text[run - 1])):
        run -= 1
    for opening in range(run, colon):
        if text[opening] != ":":
            continue
        before = text[opening - 1] if opening > 0 else " "
        if opens_after(before) and valid_name(text[opening + 1 : colon]):
            return opening
    return None


def html_comments(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every closed ``<!-- ... -->``; an unclosed one is left as text."""
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return
        close = text.find("-->", start + 4)
        if close < 0:
            return
        yield start, close + 3
        pos = close + 3


def blank_spans(text: str, spans: Iterator[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces, its line breaks kept (same length)."""
    pieces = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append("".join(c if c in "\r\n" else " " for c in text[start:end]))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
