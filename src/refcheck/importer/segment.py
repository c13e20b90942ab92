"""Cut the reference list of a Wikipedia text export into one record per reference.

A reference starts with ``- ^ `` (or ``^ ``, ``Jump up ^ ``) at the start of a line. A
Wikipedia maintenance flag that follows it runs over several lines, from ``{{cite …}}`` to
``⚠``, and the next reference's marker is glued to the flag's last line::

    - ^ a b “…”. 日本経済新聞. (2025年4月26日) 2025年4月26日閲覧。
    {{cite news}}
    :|work=
    、|newspaper=
    引数が重複しています。 (説明)⚠ - ^ “…”. 日本経済新聞 (2024年6月19日). 2024年11月4日閲覧。

The list begins at the first marker and ends at the first line after the last reference that
is neither a reference nor a flag (a heading such as 関連項目). Between two references, a
list heading (``注釈``, ``出典``, ``Notes`` … in ``tables.LIST_HEADINGS``) starts a new group,
numbered from 1 again; any other text is kept with the reference above it and reported
(``notices``), never skipped. A flag that never closes keeps its lines as the flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from refcheck.importer.model import ImportNotice, RawReference
from refcheck.importer.tables import heading_text, is_list_heading

# "- ^ " (a list copied with its bullets), "^ " (one indented when a tool printed the page),
# and older English pages' "Jump up ^ " for a reference cited once.
_MARKER = re.compile(r"[ \t]{0,8}(?:- )?(?:Jump up )?\^ ")
_FLAG_START = "{{"
_FLAG_END = "⚠"
# A flag printed on the reference's own line, as English exports do: "… {{cite web}}: CS1 …".
_INLINE_FLAG = re.compile(r"\s*(\{\{[^{}]+\}\}.*)$")


def join_flag_lines(lines: list[str]) -> str:
    """One line from a flag's lines, as the rendered page reads.

    Line breaks fall around the flag's code spans. A break before ``:`` becomes ``": "``
    (the colon follows the template name), a break before Japanese punctuation (``、``, ``。``)
    disappears, any other break is one space:
    ``{{cite news}}: |work=、|newspaper= 引数が重複しています。 (説明)⚠``.
    """
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not text:
            text = line
        elif line.startswith(":"):
            text += ": " + line[1:].lstrip()
        elif line[0] in "、。，．":
            text += line
        else:
            text += " " + line
    return text


@dataclass
class _Open:
    line: int
    text: str
    flag_lines: list[str] = field(default_factory=list)

    def close(self, number: int, group: str | None) -> RawReference:
        text = self.text.strip()
        flags = []
        if match := _INLINE_FLAG.search(text):
            flags.append(match.group(1).strip())
            text = text[: match.start()].rstrip()
        if self.flag_lines:
            flags.append(join_flag_lines(self.flag_lines))
        return RawReference(number, self.line, text, " ".join(flags) or None, group)


@dataclass
class Segmentation:
    references: list[RawReference] = field(default_factory=list)
    notices: list[ImportNotice] = field(default_factory=list)
    _current: _Open | None = None
    # Lines that are neither reference nor flag, seen since the last reference: the end of
    # the list, unless another reference follows (then they are kept and reported).
    _stray: list[tuple[int, str]] = field(default_factory=list)
    # The last non-blank line before the list: its heading, when it is one.
    _before_list: str = ""
    _group: str | None = None
    _in_group: int = 0

    def start(self, line_number: int, body: str) -> None:
        self.close()
        if not self.references and is_list_heading(self._before_list):
            self._group = heading_text(self._before_list)
        for stray_line, stray_text in self._stray:
            if is_list_heading(stray_text):
                self._group, self._in_group = heading_text(stray_text), 0
            else:
                self._keep_stray(stray_line, stray_text)
        self._stray.clear()
        self._current = _Open(line_number, body)

    def _keep_stray(self, line_number: int, text: str) -> None:
        if not self.references:
            return
        previous = self.references[-1]
        self.references[-1] = replace(previous, text=f"{previous.text} {text}")
        message = (
            f"text inside the reference list is not a reference: {text}"
            f" (kept with reference [{previous.number}])"
        )
        self.notices.append(ImportNotice(line_number, message))

    def close(self) -> None:
        if self._current is not None:
            self._in_group += 1
            self.references.append(self._current.close(self._in_group, self._group))
            self._current = None

    def add_line(self, line_number: int, line: str) -> None:
        if match := _MARKER.match(line):
            self.start(line_number, line[match.end() :])
        elif line.strip() and (self._current is not None or self.references):
            self.close()
            self._stray.append((line_number, line.strip()))
        elif line.strip():
            self._before_list = line.strip()

    def add_flag(self, line_number: int, flag_lines: list[str], rest: str) -> None:
        """A flag ended on ``line_number``; ``rest`` is what follows its ⚠ on that line."""
        if self._current is not None:
            self._current.flag_lines.extend(flag_lines)
        if match := _MARKER.match(rest):
            self.start(line_number, rest[match.end() :])
        elif rest:
            self.close()
            self._stray.append((line_number, rest))


def segment(text: str) -> Segmentation:
    """Every reference of the export's reference list, in source order, with its flag."""
    result = Segmentation()
    for line_number, line, flag in _walk(text.splitlines(), result.notices):
        if flag is None:
            result.add_line(line_number, line)
        else:
            result.add_flag(line_number, *flag)
    result.close()
    if not result.references:
        return _headed_list(text.splitlines())
    return result


# What an HTML-to-Markdown export puts around a list: edit links ("[[編集](…)]"), and in
# front of each item its number and its back-links ("1. [↑](#cite_ref-…)",
# "2. [以下の位置に戻る: 1](#cite_ref-…) [2](#cite_ref-…)", "[^](#cite_ref-…)").
_DECORATION = re.compile(r"^\[\[[^\[\]\n]*\]\([^()\n]*\)\]$|^[-=]{3,}$")
_ITEM_NUMBER = re.compile(r"^[0-9]{1,4}\.\s+")
_BACK_LINK = re.compile(
    r"(?:\^\s+)?\*{0,2}\[[^\[\]\n]{0,40}\]\(#cite_ref[^()\s]*(?: \"[^\"\n]*\")?\)\*{0,2}\s*"
)
# Markdown's backslash escapes: \[ \] \_ \* stand for the characters themselves.
_ESCAPED = re.compile(r"\\([\[\]_*#()])")


_LINK_TEXT = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")
# *Work* and **bold** of a Markdown export: emphasis, not text.
_EMPHASIS = re.compile(
    r"(?<![*\w])(\*{1,2}|_{1,2})(?=[^\s*_])([^*_\n]{1,300}?)(?<=[^\s*_])\1(?![*\w])"
)


def strip_item_marks(line: str) -> str:
    """A list item without its number and back-links; a Markdown item without emphasis."""
    line = _ITEM_NUMBER.sub("", line, count=1)
    markdown = False
    while (match := _BACK_LINK.match(line)) is not None:
        line, markdown = line[match.end() :], True
    if not markdown:
        return line
    for _ in range(3):  # _**a**_: emphasis inside emphasis, a few levels at most
        line = _EMPHASIS.sub(r"\2", line)
    return _ESCAPED.sub(r"\1", line)


def italic_texts(line: str) -> tuple[str, ...] | None:
    """The texts a Markdown item sets in emphasis, links and escapes undone; None when the
    item is no Markdown (plain text has lost its italics)."""
    line = _ITEM_NUMBER.sub("", line, count=1)
    markdown = False
    while (match := _BACK_LINK.match(line)) is not None:
        line, markdown = line[match.end() :], True
    if not markdown:
        return None
    texts = []
    for match in _EMPHASIS.finditer(line):
        text = _LINK_TEXT.sub(r"\1", match.group(2)).strip("*_ ")
        texts.append(_ESCAPED.sub(r"\1", text))
    return tuple(texts)


def _looks_like_end_heading(line: str) -> bool:
    """A heading after the list (External links, 関連項目): short, no sentence in it."""
    line = heading_text(line)
    return len(line) < 40 and not any(mark in line for mark in '.。"“「(（')


def _headed_list(lines: list[str]) -> Segmentation:
    """A list copied without its ``^`` marks: one reference a line under a list heading.

    Browsers drop the back-link caret when the reference list is copied as text; what is
    left is the heading (``References``, ``出典``) and one line per reference, up to the
    next heading. The last list heading of the text is taken (a body section is never one).
    """
    result = Segmentation()
    starts = [index for index, line in enumerate(lines) if is_list_heading(line)]
    if not starts:
        return result
    first = starts[-1]
    while first > 0 and (first - 1) in starts:
        first -= 1  # 脚注 / 出典: the list begins under the first of a run of headings
    group = None
    for index in range(first, len(lines)):
        line = lines[index].strip()
        if not line or _DECORATION.match(line):
            continue
        if is_list_heading(line):
            group, result._in_group = heading_text(line), 0
            continue
        if _looks_like_end_heading(line) and result.references:
            break
        result._in_group += 1
        text = strip_item_marks(line)
        result.references.append(
            RawReference(result._in_group, index + 1, text, None, group, italic_texts(line))
        )
    if len({reference.group for reference in result.references}) == 1:
        result.references = [replace(r, group=None) for r in result.references]
    return result


def _walk(
    lines: list[str], notices: list[ImportNotice]
) -> Iterator[tuple[int, str, tuple[list[str], str] | None]]:
    """Lines of the export; a whole maintenance flag comes as one item with its lines.

    Yields ``(line_number, line, None)`` for an ordinary line and
    ``(last_line_number, "", (flag_lines, text_after_flag))`` for a flag.
    """
    index = 0
    seen_marker = False
    while index < len(lines):
        line = lines[index]
        seen_marker = seen_marker or bool(_MARKER.match(line))
        if not (seen_marker and line.lstrip().startswith(_FLAG_START)):
            yield index + 1, line, None
            index += 1
            continue
        first = index
        flag_lines: list[str] = []
        closed = False
        while index < len(lines) and not closed:
            candidate = lines[index]
            if index > first and _MARKER.match(candidate):
                break  # the next reference began before the flag closed
            position = candidate.find(_FLAG_END)
            if position >= 0:
                flag_lines.append(candidate[: position + 1])
                yield index + 1, "", (flag_lines, candidate[position + 1 :].strip())
                closed = True
            else:
                flag_lines.append(candidate)
            index += 1
        if not closed:
            message = (
                f"maintenance flag has no closing {_FLAG_END}: {lines[first].strip()}"
                " (its lines are kept as the flag)"
            )
            notices.append(ImportNotice(first + 1, message))
            yield index, "", (flag_lines, "")
