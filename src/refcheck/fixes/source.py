"""A file as read for fixing: its bytes, kept as they were, and its text decoded exactly.

The bytes are the snapshot a run works from: edits are ranges of the text decoded from
them, spliced back into these very bytes (see :meth:`SourceFile.apply`), and the file is
written only while the disk still holds them.  A file that cannot be decoded exactly
(undecodable bytes, UTF-16, binary) is never edited.
"""

from __future__ import annotations

import bisect
from itertools import accumulate
from pathlib import Path

from refcheck.bib.decoding import declared_codec, guess_encoding, looks_binary
from refcheck.fixes.edits import Edit
from refcheck.sources.documents import line_starts

_UTF8_BOM = b"\xef\xbb\xbf"


class EditError(Exception):
    """Edits that cannot be applied to a file exactly; the fix is left out."""


class SourceFile:
    """One file's original bytes and, when they decode exactly, their text."""

    __slots__ = (
        "path", "label", "data", "kind", "bom", "codec", "text", "problem", "_bib_lines",
        "_doc_lines", "_shadow", "declared",
    )  # fmt: skip

    def __init__(
        self, path: Path, label: str, data: bytes, kind: str, declared: str | None = None
    ) -> None:
        self.path = path  # as given (the link itself, when it is a symbolic link)
        self.label = label  # the path findings carry
        self.data = data
        self.kind = kind  # "bib", "doc" (.md, .rst) or "notebook" (.ipynb)
        self.bom = b""
        self.codec = "utf-8"
        self.text: str | None = None
        self.problem = ""  # why the file cannot be edited, when text is None
        self._bib_lines: list[int] | None = None
        self._doc_lines: list[int] | None = None
        self._shadow: str | None = None
        # A .bib's encoding as the project declares it (Sphinx's bibtex_encoding): the
        # parser reads the file in it, so the fix must too, and write in it.
        self.declared = declared
        self._decode()

    @classmethod
    def read(
        cls, path: Path, label: str, kind: str, declared: str | None = None
    ) -> SourceFile | None:
        from refcheck.files import read_regular_file  # never blocks on a FIFO or device

        try:
            return cls(path, label, read_regular_file(path), kind, declared)
        except OSError:
            return None  # the check reports unreadable files itself

    def with_data(self, data: bytes) -> SourceFile:
        """The same file holding ``data`` (the result of applying edits)."""
        return SourceFile(self.path, self.label, data, self.kind, self.declared)

    def _decode(self) -> None:
        data = self.data
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_binary(data):
            self.problem = "it is not a UTF-8 or single-byte text file"
            return
        codec = declared_codec(self.declared) if self.kind == "bib" else None
        if codec is not None:  # as refcheck.bib.decoding reads it: that codec, no BOM
            self.codec = codec
            try:
                self.text = data.decode(codec)
            except UnicodeDecodeError:
                self.problem = f"it is not valid {codec}, the encoding bibtex_encoding declares"
            return
        if data.startswith(_UTF8_BOM):
            self.bom = _UTF8_BOM
            data = data[len(_UTF8_BOM) :]
        try:
            self.text = data.decode("utf-8")
            return
        except UnicodeDecodeError:
            if self.kind != "bib":
                self.problem = "it is not valid UTF-8"
                return
        # A .bib in a legacy encoding: the one the parser guessed, if it reads every byte.
        self.codec = guess_encoding(data)[0]
        try:
            self.text = data.decode(self.codec)
        except UnicodeDecodeError:
            self.problem = "its encoding could not be read exactly"

    @property
    def shadow(self) -> str:
        """The text with each lone CR made an LF (CRLF kept): the same length and
        offsets, and lines as the .bib parser counts them (it turns CRLF and CR into LF)."""
        if self._shadow is None:
            text = self.text or ""
            if "\r" in text:
                text = text.replace("\r\n", "\0\n").replace("\r", "\n").replace("\0\n", "\r\n")
            self._shadow = text
        return self._shadow

    @property
    def newline(self) -> str:
        """The line end the file uses (its first), for text a fix inserts."""
        text = self.text or ""
        at = text.find("\n")
        if at > 0 and text[at - 1] == "\r":
            return "\r\n"
        if at < 0 and "\r" in text:
            return "\r"
        return "\n"

    def bib_offset(self, line: int, col: int) -> int:
        """The text offset of a 1-based line and column as the .bib parser counts them."""
        return self.bib_lines()[line - 1] + col - 1

    def bib_lines(self) -> list[int]:
        """Where each line starts (index 0: line 1), as the .bib parser counts lines."""
        if self._bib_lines is None:
            # Each line's length plus its LF, summed (in C: this runs on 4 MB files).
            lengths = map((1).__add__, map(len, self.shadow.split("\n")))
            self._bib_lines = [0, *accumulate(lengths)]
        return self._bib_lines

    def bib_line_start(self, offset: int) -> int:
        """The offset where the (parser's) line holding ``offset`` starts."""
        lines = self.bib_lines()
        return lines[bisect.bisect_right(lines, offset) - 1]

    def doc_offset(self, line: int, col: int) -> int:
        """The text offset of a 1-based line and column as the document scanner counts
        them (``str.splitlines``)."""
        if self._doc_lines is None:
            self._doc_lines = line_starts((self.text or "").splitlines(keepends=True))
        return self._doc_lines[line - 1] + col - 1

    def apply(self, edits: list[Edit]) -> bytes:
        """The bytes with ``edits`` (sorted, not overlapping) applied.

        Between edits the original bytes are copied; only the replacements are encoded,
        in the file's own encoding.  Raises ``EditError`` when that is not possible.
        """
        text = self.text
        if text is None:
            raise EditError(f"{self.label} cannot be edited: {self.problem}")
        codec = self.codec
        data = self.data
        pieces = [self.bom]
        text_at, byte_at = 0, len(self.bom)
        for edit in edits:
            if edit.start < text_at or edit.end > len(text):
                raise EditError(f"overlapping or out-of-range edit in {self.label}")
            start = byte_at + len(text[text_at : edit.start].encode(codec))
            end = start + len(text[edit.start : edit.end].encode(codec))
            if data[start:end].decode(codec, errors="replace") != text[edit.start : edit.end]:
                raise EditError(f"{self.label}: the text and its bytes disagree at an edit")
            try:
                replacement = edit.text.encode(codec)
            except UnicodeEncodeError:
                raise EditError(
                    f"{self.label}: {edit.text!r} cannot be written in {codec}"
                ) from None
            pieces += [data[byte_at:start], replacement]
            text_at, byte_at = edit.end, end
        pieces.append(data[byte_at:])
        return b"".join(pieces)
