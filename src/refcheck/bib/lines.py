"""Line and column numbers for offsets into a text, computed on demand.

The scanner asks for positions in (nearly) increasing order, so the counter keeps
its last offset, line and line start and only looks at the text in between
(``str.count`` and ``str.rfind``, in C).  Every step costs the distance moved, so a
whole scan stays linear, even for a file that is one 4 MB line.
"""

from __future__ import annotations


class LineCounter:
    __slots__ = ("_line", "_line_start", "_offset", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1
        self._line_start = 0

    def _move(self, offset: int) -> None:
        text = self._text
        if offset >= self._offset:
            last_newline = text.rfind("\n", self._offset, offset)
            if last_newline >= 0:
                self._line += text.count("\n", self._offset, offset)
                self._line_start = last_newline + 1
        else:  # backwards (a problem reported at an entry's start): rare
            self._line -= text.count("\n", offset, self._offset)
            self._line_start = text.rfind("\n", 0, offset) + 1
        self._offset = offset

    def line(self, offset: int) -> int:
        """The 1-based line of ``offset``."""
        self._move(offset)
        return self._line

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column (in characters) of ``offset``."""
        self._move(offset)
        return self._line, offset - self._line_start + 1

    def line_start(self, offset: int) -> int:
        """The offset where the line holding ``offset`` starts."""
        self._move(offset)
        return self._line_start

    @property
    def state(self) -> tuple[int, int, int]:
        """(offset, line, line start), for the scanner's hot loop to carry on from."""
        return self._offset, self._line, self._line_start

    def seek(self, offset: int, line: int, line_start: int) -> None:
        """Set the state after a caller counted lines itself (the scanner's hot loop)."""
        self._offset = offset
        self._line = line
        self._line_start = line_start
