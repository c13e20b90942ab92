"""Reading BibTeX values: ``{...}``, ``"..."``, numbers and macros joined by ``#``.

:class:`Reader` holds what every part of the scanner shares (the text, the line
counter, the problems, the macros) and reads values; the slow brace-by-brace paths
here run only for values the scanner's one-match fast path cannot take.
"""

from __future__ import annotations

import re

from refcheck.bib.lines import LineCounter
from refcheck.bib.patterns import (
    AT_LINE_START,
    BRACE_OR_ENTRY,
    BRACED,
    ENTRY_START,
    NAME,
    NUMBER,
    QUOTE_BRACE_OR_ENTRY,
    QUOTED,
    skip_blanks,
    skip_spaces,
    tidy,
)
from refcheck.bib.vocabulary import MONTH_MACROS
from refcheck.model import Problem

# A bare word that is surely a value, not a macro name: it starts with a digit (2023-02-29)
# or holds punctuation that names do not (10.1000/x, https://...).
_LITERAL = re.compile(r"[0-9]|.*[/:.]")


class Stop(Exception):
    """An entry cannot be read further; ``offset`` is where reading resumes."""

    def __init__(self, offset: int) -> None:
        self.offset = offset


class Reader:
    """The shared state of one file's scan, and the value reader."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.lines = LineCounter(text)
        self.problems: list[Problem] = []
        self.macros: dict[str, str] = dict(MONTH_MACROS)
        # Undefined macro -> [index of its problem, number of uses]; reported once each.
        self.undefined_macros: dict[str, list[int]] = {}

    # -- reporting -------------------------------------------------------------------

    def problem(self, offset: int, message: str) -> None:
        line, col = self.lines.position(min(offset, len(self.text)))
        self.problems.append(Problem(self.path, line, col, message))

    def recover(self, offset: int) -> int:
        """The next ``@`` at the start of a line at or after ``offset`` (or the end)."""
        m = AT_LINE_START.search(self.text, offset)
        return m.end() - 1 if m else len(self.text)

    def at_line_start(self, offset: int) -> bool:
        """Whether only blanks precede ``offset`` on its line."""
        return skip_blanks(self.text, self.lines.line_start(offset)) >= offset

    # -- values ----------------------------------------------------------------------

    def value(self, p: int, what: str) -> tuple[str, int]:
        """Read ``part # part ...`` at ``p``; return the value and the offset after it."""
        text = self.text
        parts: list[str] = []
        while True:
            c = text[p : p + 1]
            if c == "{":
                end = self.braced_end(p, what)
                parts.append(text[p + 1 : end])
                p = end + 1
            elif c == '"':
                end = self.quoted_end(p, what)
                parts.append(text[p + 1 : end])
                p = end + 1
            elif "0" <= c <= "9":  # not str.isdigit(): that takes "١" and "１" too
                end = NUMBER.match(text, p).end()  # type: ignore[union-attr]  # c is a digit
                parts.append(text[p:end])
                p = end
            else:
                m = NAME.match(text, p)
                if m is None:
                    found = repr(c) if c else "the end of the file"
                    self.problem(p, f"missing value for {what}: found {found}")
                    raise Stop(self.recover(p))
                parts.append(self.expand(m.group(), p, what))
                p = m.end()
            q = skip_spaces(text, p)
            if text[q : q + 1] != "#":
                return tidy("".join(parts)), p
            p = skip_spaces(text, q + 1)

    def expand(self, name: str, offset: int, what: str) -> str:
        value = self.macros.get(name.lower())
        if value is not None:
            return value
        counted = self.undefined_macros.get(name.lower())
        if counted is not None:
            counted[1] += 1
        elif _LITERAL.match(name):
            self.problem(
                offset,
                f"undefined macro '{name}' in {what}: a value without braces is read as an "
                f"@string macro name; put the value in braces: {{{name}}}",
            )
        else:
            self.problem(
                offset,
                f"undefined macro '{name}' in {what}: define it with "
                f"@string{{{name} = {{...}}}} before its first use, or write the value in braces",
            )
            self.undefined_macros[name.lower()] = [len(self.problems) - 1, 1]
        return name

    def braced_end(self, p: int, what: str) -> int:
        """The offset of the '}' matching the '{' at ``p``; reports and stops if none."""
        text = self.text
        m = BRACED.match(text, p)
        if m is not None:
            body = m.group(1)
            if not ("@" in body and ENTRY_START.search(body)):
                return m.end() - 1
        depth = 0
        for m in BRACE_OR_ENTRY.finditer(text, p):
            c = m.group()
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return m.start()
            else:
                self.runaway(p, f"unbalanced '{{' in {what}", m.start() + 1, "}")
        self.runaway(p, f"unbalanced '{{' in {what}", len(text), "}")
        raise AssertionError  # runaway() always raises

    def quoted_end(self, p: int, what: str) -> int:
        """The offset of the '"' closing the string at ``p``; reports and stops if none."""
        text = self.text
        m = QUOTED.match(text, p)
        if m is not None and not ("@" in m.group(1) and ENTRY_START.search(m.group(1))):
            return m.end() - 1
        depth = 0
        for m in QUOTE_BRACE_OR_ENTRY.finditer(text, p + 1):
            c = m.group()
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth < 0:
                    line = self.lines.line(m.start())
                    self.problem(
                        p,
                        f"unterminated string in {what}: the '}}' at line {line} closes the "
                        "entry inside the string; add the missing '\"' (or balance the braces)",
                    )
                    raise Stop(self.recover(m.start()))
            elif c == '"':
                if depth == 0:
                    return m.start()
            else:
                self.runaway(p, f"unterminated string in {what}", m.start() + 1, '"')
        self.runaway(p, f"unterminated string in {what}", len(text), '"')
        raise AssertionError  # runaway() always raises

    def runaway(self, p: int, what: str, stop: int, closer: str) -> None:
        """Report a value that runs into the next entry (or the end) and stop the entry."""
        if stop >= len(self.text):
            where = "the end of the file"
        else:
            where = f"the next entry at line {self.lines.line(stop)}"
        self.problem(p, f"{what}: it runs to {where}; add the missing '{closer}'")
        raise Stop(self.recover(stop))
