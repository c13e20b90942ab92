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
from refcheck.bib.wording import worded
from refcheck.i18n import _
from refcheck.lazy_re import lazy
from refcheck.model import Problem

# A bare word that is surely a value, not a macro name: it starts with a digit (2023-02-29)
# or holds punctuation that names do not (10.1000/x, https://...).
_LITERAL = lazy(r"[0-9]|.*[/:.]")


# @string macros can double a value at each definition ("a2 = a1 # a1"): 673 bytes once
# made 2.6 GB.  A value built from macros is cut at this length, and a file's expansions
# together may produce at most this base plus this many characters per character of the
# file; past that, macro names are kept unexpanded.  Real files stay far below both.
MAX_EXPANDED_VALUE = 100_000
EXPANSION_BASE = 1_000_000
EXPANSION_PER_CHAR = 4

# How many lines starting an entry one value may hold (an abstract quoting BibTeX, a
# note with examples) before it is taken for a value that lost its closing delimiter.
_ENTRIES_INSIDE_A_VALUE = 16


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
        # Characters macro expansion may still produce (see EXPANSION_BASE).
        self.expansion_left = EXPANSION_BASE + EXPANSION_PER_CHAR * len(text)
        # [index of the problem about the first value cut, number of values cut], or None.
        self.cut_values: list[int] | None = None

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
        start = p
        expanded = False
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
                    found = repr(c) if c else _("the end of the file")
                    message = _("missing value for {what}: found {found}")
                    self.problem(p, message.format(what=worded(what), found=found))
                    raise Stop(self.recover(p))
                parts.append(self.expand(m.group(), p, what))
                expanded = True
                p = m.end()
            q = skip_spaces(text, p)
            if text[q : q + 1] != "#":
                if expanded and sum(map(len, parts)) > MAX_EXPANDED_VALUE:
                    return self.cut(parts, start, what), p
                return tidy("".join(parts)), p
            p = skip_spaces(text, q + 1)

    def cut(self, parts: list[str], offset: int, what: str) -> str:
        """A value that macros made longer than MAX_EXPANDED_VALUE, cut to it; reported
        once per file, with a count."""
        length = sum(map(len, parts))
        value = tidy("".join(parts)[:MAX_EXPANDED_VALUE])
        if self.cut_values is not None:
            self.cut_values[1] += 1
            return value
        self.problem(
            offset,
            _(
                "the value of {what} is {length:,} characters long after @string expansion; "
                "refcheck keeps the first {kept:,}: check the @string macros it uses (one that "
                "doubles another grows without bound)"
            ).format(what=worded(what), length=length, kept=MAX_EXPANDED_VALUE),
        )
        self.cut_values = [len(self.problems) - 1, 1]
        return value

    def afford(self, size: int, offset: int, what: str) -> bool:
        """Charge ``size`` expanded characters to the file's budget; False (reported
        once) when it is spent, and macros are then left unexpanded."""
        self.expansion_left -= size
        if self.expansion_left >= 0:
            return True
        if self.expansion_left + size >= 0:  # the first expansion over the budget
            self.problem(
                offset,
                _(
                    "@string macros expand to more text than the file can plausibly hold (at "
                    "{what}): refcheck stops expanding them here and keeps their names; check "
                    "the @string definitions for macros that double each other"
                ).format(what=worded(what)),
            )
        return False

    def expand(self, name: str, offset: int, what: str) -> str:
        value = self.macros.get(name.lower())
        if value is not None:
            return value if self.afford(len(value), offset, what) else name
        counted = self.undefined_macros.get(name.lower())
        if counted is not None:
            counted[1] += 1
        elif _LITERAL.match(name):
            self.problem(
                offset,
                _(
                    "undefined macro '{name}' in {what}: a value without braces is read as an "
                    "@string macro name; put the value in braces: {{{name}}}"
                ).format(name=name, what=worded(what)),
            )
        else:
            self.problem(
                offset,
                _(
                    "undefined macro '{name}' in {what}: define it with "
                    "@string{{{name} = {{...}}}} before its first use, or write the value in "
                    "braces"
                ).format(name=name, what=worded(what)),
            )
            self.undefined_macros[name.lower()] = [len(self.problems) - 1, 1]
        return name

    def braced_end(self, p: int, what: str) -> int:
        """The offset of the '}' matching the '{' at ``p``; reports and stops if none."""
        text = self.text
        m = BRACED.match(text, p)
        if m is not None:
            body = m.group(1)
            if not ("@" in body and ENTRY_START.search(body)) or self.value_goes_on(m.end()):
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
                end = self.end_across_entries(p, BRACE_OR_ENTRY)
                if end >= 0:
                    return end
                self.runaway(p, _unbalanced(what), m.start() + 1, "}")
        self.runaway(p, _unbalanced(what), len(text), "}")
        raise AssertionError  # runaway() always raises

    def quoted_end(self, p: int, what: str) -> int:
        """The offset of the '"' closing the string at ``p``; reports and stops if none."""
        text = self.text
        m = QUOTED.match(text, p)
        if m is not None and (
            not ("@" in m.group(1) and ENTRY_START.search(m.group(1)))
            or self.value_goes_on(m.end())
        ):
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
                        _(
                            "unterminated string in {what}: the '}}' at line {line} closes the "
                            "entry inside the string; add the missing '\"' (or balance the "
                            "braces)"
                        ).format(what=worded(what), line=line),
                    )
                    raise Stop(self.recover(m.start()))
            elif c == '"':
                if depth == 0:
                    return m.start()
            else:
                end = self.end_across_entries(p, QUOTE_BRACE_OR_ENTRY)
                if end >= 0:
                    return end
                self.runaway(p, _unterminated(what), m.start() + 1, '"')
        self.runaway(p, _unterminated(what), len(text), '"')
        raise AssertionError  # runaway() always raises

    def end_across_entries(self, p: int, tokens: re.Pattern[str]) -> int:
        """Where the value opened at ``p`` ends when the lines starting an entry inside it
        are part of it, as BibTeX, pybtex and biber read them; -1 if that reading fails.

        It holds when the braces balance (or the quote closes) and a ',' or the end of the
        entry follows; otherwise the value probably lacks its closing delimiter and runs
        into the next entry, which is reported there.  Only a few entry lines are looked
        across (:data:`_ENTRIES_INSIDE_A_VALUE`), so that a file of runaway values is not
        read once per value.
        """
        text = self.text
        quoted = text[p] == '"'
        depth = 0 if quoted else 1
        entries = 0
        for m in tokens.finditer(text, p + 1):
            c = m.group()
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth < 0 or (depth == 0 and not quoted):
                    break
            elif c == '"':
                if depth == 0:
                    break
            else:  # a line starting an entry; its '{' (or '(') is part of the match
                entries += 1
                if entries > _ENTRIES_INSIDE_A_VALUE:
                    return -1
                depth += c.endswith("{")
        else:
            return -1
        end = m.start()
        return end if depth == 0 and self.value_goes_on(end + 1) else -1

    def value_goes_on(self, after: int) -> bool:
        """Whether what follows a value at ``after`` continues its entry (',', '#' or the
        end of the entry), as it does when the value really ends there."""
        following = self.text[skip_spaces(self.text, after) : skip_spaces(self.text, after) + 1]
        return following != "" and following in ",#})"

    def runaway(self, p: int, what: str, stop: int, closer: str) -> None:
        """Report a value that runs into the next entry (or the end) and stop the entry."""
        if stop >= len(self.text):
            where = _("the end of the file")
        else:
            where = _("the next entry at line {line}").format(line=self.lines.line(stop))
        message = _("{problem}: it runs to {where}; add the missing '{closer}'")
        self.problem(p, message.format(problem=what, where=where, closer=closer))
        raise Stop(self.recover(stop))


def _unbalanced(what: str) -> str:
    return _("unbalanced '{{' in {what}").format(what=worded(what))


def _unterminated(what: str) -> str:
    return _("unterminated string in {what}").format(what=worded(what))
