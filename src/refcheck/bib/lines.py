"""Line and column numbers for offsets into a text, computed on demand.

The scanner asks for positions in (nearly) increasing order, so counting newlines
between the previous offset and the next one (``str.count``, in C) is cheaper than
building a table of every line start for a file with 100,000 lines.
"""

from __future__ import annotations


class LineCounter:
    __slots__ = ("_line", "_offset", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def line(self, offset: int) -> int:
        """The 1-based line of ``offset``."""
        if offset >= self._offset:
            self._line += self._text.count("\n", self._offset, offset)
        else:
            self._line -= self._text.count("\n", offset, self._offset)
        self._offset = offset
        return self._line

    @property
    def offset(self) -> int:
        return self._offset

    @property
    def current_line(self) -> int:
        """The line of :attr:`offset`."""
        return self._line

    def seek(self, offset: int, line: int) -> None:
        """Set the state after a caller counted lines itself (the scanner's hot loop)."""
        self._offset = offset
        self._line = line

    def column(self, offset: int) -> int:
        """The 1-based column (in characters) of ``offset``."""
        return offset - self._text.rfind("\n", 0, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset`` (one call on the hot path)."""
        text = self._text
        if offset >= self._offset:
            self._line += text.count("\n", self._offset, offset)
        else:
            self._line -= text.count("\n", offset, self._offset)
        self._offset = offset
        return self._line, offset - text.rfind("\n", 0, offset)
