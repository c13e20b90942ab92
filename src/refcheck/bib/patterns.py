"""The regular expressions of the BibTeX scanner, and BibTeX's white-space rule.

They are applied at offsets of the whole text (``pattern.match(text, offset)``), so
the scanner never copies the file piece by piece.
"""

from __future__ import annotations

import re

from refcheck.lazy_re import lazy

SPACE = r"[ \t\n\r\f\v]"
# Characters BibTeX does not allow in identifiers (entry types, field names, macros).
IDENT = r"[^\s\"#%'(),={}@]+"
# Braces nested up to four deep, possessive so a bad value fails fast instead of backtracking.
# Written "unrolled" (text, then any number of {group} text), which the regex engine runs a
# fifth faster than an alternation repeated per piece.
_NESTED_1 = r"[^{}]*+"
_NESTED_2 = rf"[^{{}}]*+(?:\{{{_NESTED_1}\}}[^{{}}]*+)*+"
_NESTED_3 = rf"[^{{}}]*+(?:\{{{_NESTED_2}\}}[^{{}}]*+)*+"
BRACED_BODY = rf"[^{{}}]*+(?:\{{{_NESTED_3}\}}[^{{}}]*+)*+"
QUOTED_BODY = rf'[^"{{}}]*+(?:\{{{_NESTED_3}\}}[^"{{}}]*+)*+'

ENTRY_HEAD = re.compile(rf"@{SPACE}*({IDENT})?{SPACE}*([{{(]?)")
KEY_IN_BRACES = re.compile(rf"{SPACE}*([^\s,{{}}=]*){SPACE}*")
KEY_IN_PARENS = lazy(rf"{SPACE}*([^\s,{{}}()=]*){SPACE}*")
SPACES = re.compile(rf"{SPACE}*")
BLANKS = lazy(r"[ \t\f\v]*")
NAME = re.compile(IDENT)
NAME_THEN_EQUALS = lazy(rf"{IDENT}{SPACE}*=")
NUMBER = lazy(r"[0-9]+")
BRACED = lazy(rf"\{{({BRACED_BODY})\}}")
QUOTED = re.compile(rf'"({QUOTED_BODY})"')
# The common field in one match: name = {simple} | "simple" | number | macro, then a separator.
FAST_FIELD = re.compile(
    rf"{SPACE}*({IDENT}){SPACE}*={SPACE}*"
    rf'(?:\{{({BRACED_BODY})\}}|"({QUOTED_BODY})"|([0-9]+)|({IDENT}))'
    rf"{SPACE}*([,#}})])"
)
# A whole entry body in the common layout, one token per field, for ``findall``: each field
# on a line of its own, ``name = {value}`` (or "value", a number, a macro, or parts joined
# by '#' on one line) and a comma, then the closing '}' alone at the end of the searched
# range.  Anything else is one last token of "the rest" (no group set), which sends the
# entry to the field-by-field path.  Names and bare values take ASCII identifier
# characters only (a cheap bitmap); a longer identifier stops the token on a character it
# does not take, so it goes the careful way too, and so does a single value with a space
# at either end (rare; BibTeX trims it).  Groups: the field's head (the newlines before
# it, indentation and name: a few distinct strings per file, so positions and lower-cased
# names are looked up, not computed), quoted body, braced body, number or macro, a '#'
# concatenation, and the closing '}' with the white space before it.
_SIMPLE_NAME = r"[A-Za-z0-9_\-]++"
# A part of a concatenation as the careful path reads it: a number is digits only.
_SIMPLE_PART = rf'"{QUOTED_BODY}"|\{{{BRACED_BODY}\}}|[0-9]++|[A-Za-z_\-][A-Za-z0-9_\-]*+'
SIMPLE_FIELDS = re.compile(
    rf"([ \t]*+\n++[ \t]*+{_SIMPLE_NAME})[ \t]*+=[ \t]*+"
    rf'(?:"(?! )({QUOTED_BODY})(?<! )"|\{{(?! )({BRACED_BODY})(?<! )\}}|([0-9]++|{_SIMPLE_NAME})'
    rf"|((?:(?:{_SIMPLE_PART})[ \t]*+\#[ \t]*+)++(?:{_SIMPLE_PART})))"
    rf"[ \t]*+(?:,|(?={SPACE}*\}}))"
    rf"|({SPACE}*\}})\Z"
    r"|(?s:.+)"
)
# The parts of a concatenation SIMPLE_FIELDS took, for ``findall``: quoted, braced, bare.
SIMPLE_PARTS = re.compile(rf'"({QUOTED_BODY})"|\{{({BRACED_BODY})\}}|([A-Za-z0-9_\-]+)')
BRACE = lazy(r"[{}]")
BRACE_OR_ENTRY = lazy(r"[{}]|\n[ \t]*@[A-Za-z]+[ \t]*[{(]")
QUOTE_BRACE_OR_ENTRY = re.compile(r"[{}\"]|\n[ \t]*@[A-Za-z]+[ \t]*[{(]")
ENTRY_START = re.compile(r"\n[ \t]*@[A-Za-z]+[ \t]*[{(]")
# An entry at the very start of a line: inside a @comment block, indented entries are
# commented out on purpose; one at column 1 is where the comment was meant to have ended.
ENTRY_AT_COLUMN_1 = lazy(r"\n@[A-Za-z]+[ \t]*[{(]")
AT_LINE_START = lazy(r"^[ \t]*@", re.MULTILINE)
TO_VALUE = lazy(rf"(?:{SPACE}|=)*")
# A field's start ("name =" after a newline or a comma), inside a value that swallowed it.
FIELD_START = lazy(rf"[\n,][ \t]*{IDENT}[ \t]*=")
# What str.split() takes for white space in ASCII text but BibTeX does not.
SPLIT_ONLY_SPACE = re.compile(r"[\x1c-\x1f]")
SPACE_RUN = lazy(rf"{SPACE}+")
# Text between entries is a comment to BibTeX; these lines are probably mistakes.
SUSPICIOUS_JUNK = re.compile(
    r"^[ \t]*(?:(?P<field>[A-Za-z][\w-]*[ \t]*=[ \t]*[{\"0-9])"
    r"|(?P<noat>[A-Za-z]+[ \t]*\{[^\s,{}]+,[ \t]*$)"
    r"|(?P<brace>\})[ \t]*$)",
    re.MULTILINE,
)

# A "% refcheck:" comment line (suppressions), in text between entries.
REFCHECK_COMMENT = re.compile(r"^[ \t]*%[ \t%]*refcheck[ \t]*:", re.MULTILINE | re.IGNORECASE)


def tidy(value: str) -> str:
    """Collapse whitespace runs to one space and trim, as BibTeX does."""
    if "\n" in value or "  " in value or "\t" in value:
        if value.isascii() and not SPLIT_ONLY_SPACE.search(value):
            return " ".join(value.split())  # the same result, three times faster
        value = SPACE_RUN.sub(" ", value)
    return value.strip(" ")


def skip_spaces(text: str, offset: int) -> int:
    """The offset of the first non-space character at or after ``offset``."""
    return SPACES.match(text, offset).end()  # type: ignore[union-attr]  # always matches


def skip_to_value(text: str, offset: int) -> int:
    """From the end of a field name, past spaces and ``=`` to where the value starts."""
    return TO_VALUE.match(text, offset).end()  # type: ignore[union-attr]  # always matches


def skip_blanks(text: str, offset: int) -> int:
    """The offset of the first character at or after ``offset`` that is not a blank
    within the line (a newline is not a blank)."""
    return BLANKS.match(text, offset).end()  # type: ignore[union-attr]  # always matches
