"""Read BibTeX/biblatex files into :mod:`refcheck.model` objects, tolerantly.

Three entry points, none of which raises on bad input (problems are collected in
``BibFile.problems``, each with a line, a column and what to do):

- :func:`parse_text` for text already in memory,
- :func:`parse_bytes` for raw bytes (decoding with an encoding guess),
- :func:`parse_file` for a path (missing, unreadable and binary files included).

What the values look like:

- entry types and field names are lower-cased; keys are kept as written (an entry
  whose key is missing has key ``""`` and a problem);
- outer ``{}``/``""`` are removed, ``#`` concatenations joined, whitespace runs
  collapsed to one space and the ends trimmed (as BibTeX does), numbers kept as text,
  LaTeX left as written;
- ``@string`` macros are expanded in file order (a later definition wins from there
  on); the predefined month macros ``jan`` .. ``dec`` expand to the English month
  names ``January`` .. ``December``, as the standard BibTeX styles define them; an
  undefined macro is reported and kept as its own name;
- every occurrence of a repeated field is kept, in order;
- ``leading_comments`` are the ``%`` lines directly above an entry (no blank line
  between), ``%`` signs and surrounding spaces removed, with their line numbers;
- a ``%`` line inside an entry, between fields, is skipped as a comment;
- ``refcheck_comment_lines`` are the lines of every ``% refcheck:`` comment between
  entries, so that a suppression not directly above an entry can be reported.

Lines and columns are 1-based; columns count characters, and CRLF/CR line ends and
a UTF-8 byte-order mark do not shift them.

What is reported: unbalanced braces and unterminated strings (naming the field that
swallowed the rest), unclosed entries, missing keys, ``=`` or commas, undefined
macros (once per file, with a count; an unknown entry type is not a parse problem:
the rule ``unknown-entry-type`` reports it), ``@string``
redefinitions with a different value, lines between entries that look like a broken
entry (text outside entries is otherwise a comment, as in BibTeX), a ``@comment`` not
closed before the next line starting with an entry (the entries are read, as BibTeX and
pybtex read them), NUL characters (read as U+FFFD), values that ``@string`` macros make
longer than 100,000 characters (cut) or a file whose macros expand past a budget
proportional to its size (no longer expanded), and a file that is not UTF-8 (with the
encoding assumed).  A line starting an entry inside a braced or quoted value is part of
the value when the value closes and its entry goes on, as BibTeX, pybtex and biber read it.
After an error, reading resumes at the next ``@`` at the start of a line; the entry
read so far is kept.  ``readable`` is False only for missing, unreadable (FIFOs, devices
and symlink loops included: they are never read) and binary files, whose one problem is
at line 1.
"""

from __future__ import annotations

import os

from refcheck.bib.decoding import Decoded, decode
from refcheck.bib.raw_values import keep_written_dates
from refcheck.bib.scanner import Scanner
from refcheck.collector import collector_paused
from refcheck.files import describe_os_error, read_regular_file
from refcheck.i18n import N_, _, ngettext
from refcheck.model import BibFile, Problem

__all__ = ["MacroTable", "parse_bytes", "parse_file", "parse_text"]

_BINARY_MESSAGE = N_(
    "this is not a text file (it holds NUL or other control bytes): give refcheck a .bib file"
)


_NUL_MESSAGE = N_(
    "a NUL character (byte 0), which is not text: remove it "
    "(refcheck reads it as U+FFFD and checks the rest)"
)
_NUL_LINES_SHOWN = 20


# ``macros``: a table of ``@string`` macros (lower-cased name -> value) that the parse
# reads and extends, as pybtex's parser (and so sphinxcontrib-bibtex) keeps one table
# across the files of ``bibtex_bibfiles``: pass one dict to the files in order, and a
# macro defined in ``macros.bib`` is defined in the files after it.
MacroTable = dict[str, str]


def parse_text(text: str, path: str, *, macros: MacroTable | None = None) -> BibFile:
    """Parse BibTeX ``text``; ``path`` is only used to label positions."""
    return _parse(_Text(text), path, macros)


def parse_bytes(
    data: bytes, path: str, *, macros: MacroTable | None = None, encoding: str | None = None
) -> BibFile:
    """Parse the raw bytes of a .bib file, guessing the encoding if it is not UTF-8
    (or in ``encoding``, as ``bibtex_encoding`` names it)."""
    return _parse_decoded(decode(data, encoding), path, macros)


def parse_file(
    path: str | os.PathLike[str],
    *,
    macros: MacroTable | None = None,
    encoding: str | None = None,
) -> BibFile:
    """Read and parse the file at ``path``; unreadable files give ``readable=False``."""
    name = os.fspath(path)
    try:
        data = read_regular_file(name)  # FIFOs, devices and loops are refused, not read
    except OSError as error:
        return _unreadable(name, describe_os_error(error, N_("a .bib file")))
    decoded = decode(data, encoding)
    del data  # a 50 MB file's bytes need not outlive its text
    return _parse_decoded(decoded, name, macros)


class _Text:
    """Holds the only reference to a text, so each normalising step frees the last."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value


def _parse_decoded(decoded: Decoded, path: str, macros: MacroTable | None = None) -> BibFile:
    if decoded.binary:
        problem = Problem(path, 1, 1, _(_BINARY_MESSAGE))
        return BibFile(path, problems=[problem], encoding="binary", readable=False)
    holder = _Text(decoded.text)
    decoded.text = ""
    bib = _parse(holder, path, macros)
    bib.encoding = decoded.encoding
    if decoded.warning is not None:
        bib.problems.insert(0, Problem(path, decoded.warning_line, 1, decoded.warning))
    return bib


def _parse(holder: _Text, path: str, macros: MacroTable | None = None) -> BibFile:
    if holder.value.startswith("\ufeff"):
        holder.value = holder.value[1:]
    if "\r" in holder.value:
        holder.value = holder.value.replace("\r\n", "\n")
        holder.value = holder.value.replace("\r", "\n")
    nul_problems = _nul_problems(holder.value, path) if "\x00" in holder.value else []
    if nul_problems:
        holder.value = holder.value.replace("\x00", "\ufffd")
    scanner = Scanner(holder.value, path)
    if macros is not None:
        for name, value in scanner.macros.items():  # the month names
            macros.setdefault(name, value)
        scanner.macros = macros
    del holder.value
    with collector_paused():  # a million small objects for a 50 MB file, and no cycles
        scanner.scan()
    bib = BibFile(path, scanner.entries, nul_problems + scanner.problems)
    bib.refcheck_comment_lines = scanner.refcheck_comment_lines
    keep_written_dates(scanner.text, scanner.entries)
    return bib


def _nul_problems(text: str, path: str) -> list[Problem]:
    """One problem per line holding NUL characters (at most ``_NUL_LINES_SHOWN``, then a
    count); the scanner reads them as U+FFFD, so the entries around them are still read."""
    problems: list[Problem] = []
    lines = 0
    at = text.find("\x00")
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        lines += 1
        if lines <= _NUL_LINES_SHOWN:
            line = text.count("\n", 0, at) + 1
            problems.append(Problem(path, line, at - line_start + 1, _(_NUL_MESSAGE)))
        at = text.find("\x00", line_end)
    if lines > _NUL_LINES_SHOWN:
        more = lines - _NUL_LINES_SHOWN
        problems[-1].message += ngettext(
            " ({n} more line holds NUL characters)", " ({n} more lines hold NUL characters)", more
        ).format(n=more)
    return problems


def _unreadable(path: str, message: str) -> BibFile:
    return BibFile(path, problems=[Problem(path, 1, 1, message)], readable=False)
