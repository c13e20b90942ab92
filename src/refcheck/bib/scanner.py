"""The BibTeX scanner: text in, entries and problems out, never an exception.

It follows BibTeX's reading of a file: text outside entries is a comment, ``@``
starts a command (an entry, ``@string``, ``@preamble`` or ``@comment``), values are
``{...}``, ``"..."``, numbers or macro names joined by ``#``.  Where BibTeX would
stop, the scanner records a :class:`~refcheck.model.Problem` and resumes at the
next ``@`` at the start of a line, so one bad entry never hides the rest.

Speed comes from compiled regular expressions applied at offsets of the whole
text: the common field (``name = {value}`` with braces nested up to four deep) is
one regex match; only unusual values take the slower brace-by-brace path.
"""

from __future__ import annotations

from refcheck.bib.patterns import (
    BRACE,
    ENTRY_AT_COLUMN_1,
    ENTRY_HEAD,
    ENTRY_START,
    FAST_FIELD,
    FIELD_START,
    KEY_IN_BRACES,
    KEY_IN_PARENS,
    NAME,
    NAME_THEN_EQUALS,
    REFCHECK_COMMENT,
    SIMPLE_FIELDS,
    SIMPLE_PARTS,
    SUSPICIOUS_JUNK,
    skip_blanks,
    skip_spaces,
    skip_to_value,
    tidy,
)
from refcheck.bib.values import MAX_EXPANDED_VALUE, Reader, Stop
from refcheck.bib.vocabulary import COMMENT, KNOWN_ENTRY_TYPES, PREAMBLE, STRING
from refcheck.bib.wording import worded
from refcheck.i18n import _, ngettext
from refcheck.model import Entry, Field, MacroField

_COMMANDS = KNOWN_ENTRY_TYPES | {STRING, PREAMBLE, COMMENT}


class _FieldHeads(dict[str, tuple[str, int, int]]):
    """A field's head in :data:`SIMPLE_FIELDS` -> (lower-cased name, column, newlines).

    A head is the newlines before a field, its indentation and its name, such as
    ``"\\n  author"``: a file has a few dozen distinct ones, so each is worked out once.
    """

    def __missing__(self, head: str) -> tuple[str, int, int]:
        indented = head[head.rfind("\n") + 1 :]
        name = indented.lstrip(" \t")
        info = self[head] = (name.lower(), len(indented) - len(name) + 1, head.count("\n"))
        return info


class _LowerCase(dict[str, str]):
    """Name as written -> lower-cased, computed once: a million fields, a few dozen names."""

    def __missing__(self, name: str) -> str:
        lowered = self[name] = name.lower()
        return lowered


class Scanner(Reader):
    """Reads one file's text; call :meth:`scan` once."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.entries: list[Entry] = []
        self.macro_lines: dict[str, int] = {}
        self.field_names = _LowerCase()
        self.field_heads = _FieldHeads()
        # (where the last search for a closing line started, what it found): see closing_line().
        self.closing_search = (len(text) + 1, -1)
        # Whether str.split() on ASCII text splits exactly where BibTeX sees white space
        # (it also splits at the separators \x1c-\x1f, which BibTeX keeps); see tidy().
        self.ascii_split_is_tidy = not any(c in text for c in "\x1c\x1d\x1e\x1f")
        # Where the value of the last field read starts (to explain unclosed entries).
        self.last_value_at = 0
        # Lines of "% refcheck:" comments between entries (see BibFile.refcheck_comment_lines).
        self.refcheck_comment_lines: list[int] = []

    # -- top level -------------------------------------------------------------------

    def scan(self) -> None:
        text = self.text
        pos = 0
        while True:
            at = text.find("@", pos)
            end = len(text) if at < 0 else at
            if end > pos and not text[pos:end].isspace():  # mostly the blank line between
                self.check_junk(pos, end)
            if at < 0:
                self.finish()
                return
            pos = self.command(at)

    def check_junk(self, start: int, end: int) -> None:
        for comment in REFCHECK_COMMENT.finditer(self.text, start, end):
            self.refcheck_comment_lines.append(self.lines.line(comment.start()))
        m = SUSPICIOUS_JUNK.search(self.text, start, end)
        if m is None:
            return
        if m.group("field"):
            # A message with braces is a str.format template, its braces doubled.
            message = _(
                "a field outside any entry: an extra '}}' probably closed the entry above "
                "too early, or the entry lacks its '@type{{key,' line"
            ).format()
        elif m.group("noat"):
            message = _("this looks like an entry without its '@': write '@type{{key,'").format()
        else:
            message = _(
                "a '}}' outside any entry: remove it or fix the braces of the entry above"
            ).format()
        self.problem(m.start() + len(m.group()) - len(m.group().lstrip()), message)

    def command(self, at: int) -> int:
        """Read the command starting at ``@`` offset ``at``; return where to continue."""
        text = self.text
        if at == 0 or text[at - 1] == "\n":
            first = at  # the usual case, without moving the line counter
        else:
            first = skip_blanks(text, self.lines.line_start(at))  # no slicing: lines may be long
        if first < at and text[first] == "%":
            # A commented-out line ("% @article{...}"): not BibTeX's reading, but the intent.
            nl = text.find("\n", at)
            return len(text) if nl < 0 else nl
        head = ENTRY_HEAD.match(text, at)
        assert head is not None  # every part of the pattern is optional
        kind, delimiter = head.group(1) or "", head.group(2)
        lower = kind.lower()
        before = text[at - 1] if first < at else ""
        if before and (before.isalnum() or before in "._-+") and lower not in _COMMANDS:
            return at + 1  # an "@" inside a word, such as an e-mail address
        if not delimiter:
            if lower == COMMENT or first < at:
                return head.end()
            if not kind:
                self.problem(
                    at,
                    _("'@' starts no entry: write '@type{{key, ...}}' or remove the '@'").format(),
                )
            elif lower not in _COMMANDS:
                self.problem(
                    at,
                    _(
                        "'@{type}' starts no entry: remove the stray '@', or put the text in "
                        "@comment{{...}}"
                    ).format(type=kind),
                )
            else:
                message = _("'@{type}' must be followed by '{{' or '(': write '@{type}{{'")
                self.problem(at, message.format(type=kind))
            return self.recover(at + 1)
        close = "}" if delimiter == "{" else ")"
        if lower == COMMENT:
            return self.comment(at, head.end(), close)
        try:
            if lower == STRING:
                return self.string(at, head.end(), close)
            if lower == PREAMBLE:
                return self.preamble(at, head.end(), close)
            return self.entry(at, kind, head.end(), close)
        except Stop as stop:
            return stop.offset

    # -- commands --------------------------------------------------------------------

    def comment(self, at: int, body: int, close: str) -> int:
        """Skip ``@comment{...}`` as biber and JabRef do: the whole balanced block, unless
        it is not closed before the next line that starts with an entry (indented entries
        inside the block are commented out on purpose, and stay part of it).

        There the tools part: biber reads on to the matching '}' (swallowing the entries,
        or failing at the end of the file), BibTeX and pybtex read the entries.  They are
        read (so no entry is hidden) and the comment is reported.  Looking no further than
        the next entry also keeps a file of unclosed comments from being read quadratically.
        """
        text = self.text
        next_entry = ENTRY_AT_COLUMN_1.search(text, body)
        limit = next_entry.start() if next_entry else len(text)
        if close == ")":
            end = text.find(")", body, limit)
            if end >= 0:
                return end + 1
        else:
            depth = 1
            for m in BRACE.finditer(text, body, limit):
                depth += 1 if m.group() == "{" else -1
                if depth == 0:
                    return m.end()
        if next_entry is None:
            self.problem(
                at,
                _(
                    "@comment is not closed: add '{close}' (biber stops reading the file "
                    "here; BibTeX and pybtex read on)"
                ).format(close=close),
            )
        else:
            line = self.lines.line(next_entry.start() + 1)
            self.problem(
                at,
                _(
                    "@comment is not closed before the entry at line {line}: biber would skip "
                    "the entries up to its matching brace (or stop at the end of the file), "
                    "BibTeX and pybtex read them, and so does refcheck; close it with "
                    "'{close}' on its own line, or comment the entries out with '%'"
                ).format(line=line, close=close),
            )
        # Fall back on BibTeX's own reading, where "@comment" is just a word.
        return body

    def string(self, at: int, body: int, close: str) -> int:
        text = self.text
        m = NAME.match(text, skip_spaces(text, body))
        if m is None:
            message = _("@string without a macro name: write '@string{{name = {{value}}}}'")
            self.problem(at, message)
            return self.recover(body)
        name = m.group()
        p = skip_spaces(text, m.end())
        if text[p : p + 1] != "=":
            message = _("missing '=' after @string name '{name}'").format(name=name)
            self.problem(m.start(), message)
            return self.recover(p)
        value, p = self.value(skip_spaces(text, p + 1), f"@string '{name}'")
        lower = name.lower()
        if lower in self.macro_lines:
            if self.macros[lower] != value:
                first = self.macro_lines[lower]
                self.problem(
                    at,
                    _(
                        "@string '{name}' is defined again with a different value (first at "
                        "line {first}): remove one; BibTeX uses the later one from here on"
                    ).format(name=name, first=first),
                )
        else:
            self.macro_lines[lower] = self.lines.line(at)
        self.macros[lower] = value
        return self.close(at, p, close, f"@string '{name}'")

    def preamble(self, at: int, body: int, close: str) -> int:
        text = self.text
        _value, p = self.value(skip_spaces(text, body), "@preamble")
        return self.close(at, p, close, "@preamble")

    def close(self, at: int, p: int, close: str, what: str) -> int:
        text = self.text
        p = skip_spaces(text, p)
        if text[p : p + 1] == close:
            return p + 1
        if p >= len(text):
            message = _("{what} is not closed: add '{close}' at the end of the file")
            self.problem(at, message.format(what=worded(what), close=close))
            return p
        message = _("expected '{close}' to close {what}, found {found!r}")
        self.problem(p, message.format(close=close, what=worded(what), found=text[p]))
        return self.recover(p)

    def entry(self, at: int, kind: str, body: int, close: str) -> int:
        text = self.text
        key_match = (KEY_IN_BRACES if close == "}" else KEY_IN_PARENS).match(text, body)
        assert key_match is not None  # every part of the pattern is optional
        key = key_match.group(1)
        p = key_match.end()
        line, col = self.lines.position(at)
        entry = Entry(kind.lower(), key, self.path, line, col)
        entry.leading_comments = self.leading_comments(at, line)
        self.entries.append(entry)
        label = f"entry '{key}'" if key else f"the @{kind} entry at line {line}"
        if not kind:
            message = _("{label} has no entry type: write '@misc{{' or another type")
            self.problem(at, message.format(label=worded(label)))
        after = text[p : p + 1]
        if after == "=" or (after == "," and not key):
            label = f"the @{kind} entry at line {line}"
            message = _("{label} has no key: write '@{type}{{key,' before its fields")
            self.problem(at, message.format(label=worded(label), type=kind))
            if after == "=":
                entry.key = ""
                p = key_match.start(1)
            else:
                p += 1
        elif after == ",":
            p += 1
        elif after == close:
            entry.end_line = self.lines.line(p)
            return p + 1
        elif not after:
            self.unclosed(entry, at, label, p, close)
            entry.end_line = self.lines.line(max(p - 1, 0))
            return p
        elif NAME_THEN_EQUALS.match(text, p):
            self.problem(p, _("missing ',' after the key of {label}").format(label=worded(label)))
        else:
            message = _("expected ',' after the key of {label}, found {found!r}")
            self.problem(p, message.format(label=worded(label), found=after))
            return self.abandon(entry, p)
        try:
            return self.fields(entry, at, label, p, close)
        except Stop as stop:
            entry.end_line = self.lines.line(max(stop.offset - 1, 0))
            return stop.offset

    def unclosed(self, entry: Entry, at: int, label: str, p: int, close: str) -> None:
        """Report an entry that ends without its closing delimiter.

        The usual cause is a value with one '{' too many, which swallows the fields
        after it and the entry's own '}': name that field when its value holds text
        that looks like fields.
        """
        where = (
            _("at the end of the file")
            if p >= len(self.text)
            else _("before line {line}").format(line=self.lines.line(p))
        )
        swallowed = self.text[self.last_value_at : p] if self.last_value_at > at else ""
        if entry.fields and FIELD_START.search(swallowed):
            last = entry.fields[-1]
            self.problem(
                skip_to_value(self.text, self.last_value_at),
                _(
                    "the value of field '{name}' (line {line}) in {label} runs over the "
                    "fields after it and the end of the entry: check its braces or quotes "
                    "(the entry is not closed {where})"
                ).format(name=last.name, line=last.line, label=worded(label), where=where),
            )
            return
        message = _("{label} is not closed: add '{close}' {where}")
        self.problem(at, message.format(label=worded(label), close=close, where=where))

    def finish(self) -> None:
        if self.cut_values is not None and self.cut_values[1] > 1:
            index, count = self.cut_values
            more = ngettext(
                " ({n} more value cut the same way)",
                " ({n} more values cut the same way)",
                count - 1,
            )
            self.problems[index].message += more.format(n=count - 1)
        for index, count in self.undefined_macros.values():
            if count > 1:
                times = ngettext(" (used once more)", " (used {n} more times)", count - 1)
                self.problems[index].message += times.format(n=count - 1)

    def abandon(self, entry: Entry, p: int) -> int:
        resume = self.recover(p)
        entry.end_line = self.lines.line(max(resume - 1, 0))
        return resume

    def leading_comments(self, at: int, line: int) -> list[tuple[int, str]]:
        """The ``%`` lines directly above an entry that starts its line."""
        text = self.text
        if text[at - 2 : at] == "\n\n":
            return []  # the usual case: the entry starts a line below a blank one
        start = self.lines.line_start(at)
        if start == 0 or skip_blanks(text, start) < at:
            return []
        comments: list[tuple[int, str]] = []
        end = start - 1  # the newline that ends the line above
        while end >= 0:
            start = text.rfind("\n", 0, end) + 1
            first = skip_blanks(text, start)
            if first >= end or text[first] != "%":
                break
            line -= 1
            comments.append((line, text[first:end].lstrip("%").strip()))
            end = start - 1
        comments.reverse()
        return comments

    def fields(self, entry: Entry, at: int, label: str, p: int, close: str) -> int:
        """Read the fields of an entry: all at once if it has the common layout, else
        field by field."""
        if close == "}":
            end = self.simple_fields(entry, at, p)
            if end >= 0:
                return end
        return self.fields_one_by_one(entry, at, label, p, close)

    def simple_fields(self, entry: Entry, at: int, p: int) -> int:
        """Read an entry in the common layout in one ``findall``; return where it ends,
        or -1 (and change nothing) when it needs :meth:`fields_one_by_one`.

        The common layout is one field per line and the closing '}' alone at the start
        of a line.  This is the parser's hot path (70,000 fields in a 4 MB file): one C
        call finds every field, so what is left per field is a little arithmetic and
        one ``Field``; lines and columns come from the newlines and indentation the
        pattern captures, with no search in the text.
        """
        text = self.text
        close_at = self.closing_line(p)
        if close_at < 0:
            return -1
        end = close_at + 2
        tokens = SIMPLE_FIELDS.findall(text, p, end)
        closing = tokens.pop()[5]
        if not closing:
            return -1  # something else than fields, or the '}' found closes a value
        # A value holding the start of an entry: the careful path reports the runaway.
        if text.find("@", p, end) >= 0 and ENTRY_START.search(text, p, end):
            return -1
        heads = self.field_heads
        names = self.field_names
        macros = self.macros
        fields: list[Field] = []
        append = fields.append
        line = entry.line + text.count("\n", at, p)
        tabs = text.find("\t", p, end) >= 0
        split_is_tidy = self.ascii_split_is_tidy
        new_field = object.__new__
        firsts: dict[str, Field] = {}
        first = firsts.setdefault  # each name's first field, as Entry.first_fields gives
        kind: type[Field] = Field  # MacroField for the rare macro needing tidy() below
        for head, quoted, braced, bare, joined, _close in tokens:
            name, col, newlines = heads[head]
            line += newlines
            if joined:
                value = self.join_parts(joined)
                if value is None:
                    return -1
                first(name, field := Field(name, value, line, col))
                append(field)
                line += joined.count("\n")
                continue
            if bare:
                if bare.isdigit():
                    value = bare
                else:
                    expanded = macros.get(names[bare])
                    if expanded is None:
                        return -1  # undefined: reported by the careful path
                    self.expansion_left -= len(expanded)
                    if self.expansion_left < 0:
                        return -1  # over the budget: reported by the careful path
                    value = expanded
                    if "\n" not in value and "  " not in value and "\t" not in value:
                        macro = new_field(MacroField)  # said to be a macro; made as below
                        macro.name, macro.value, macro.line, macro.col = name, value, line, col
                        append(macro)
                        first(name, macro)
                        continue
                    kind = MacroField
            else:
                value = quoted or braced
            if "\n" in value:
                newlines = value.count("\n")
                if split_is_tidy and value.isascii():
                    value = " ".join(value.split())  # what tidy() does, without its checks
                else:
                    value = tidy(value)
                append(field := kind(name, value, line, col))
                first(name, field)
                line += newlines
                kind = Field
                continue
            if "  " in value or (tabs and "\t" in value):
                value = tidy(value)
            if kind is not Field:
                append(
                    field := kind(name, value, line, col)
                )  # no space at either end: see the pattern
                first(name, field)
                kind = Field
                continue
            # Field(name, value, line, col) without the call of its __init__: this line
            # runs once per field of the file (a tenth of the parse on a 4 MB file).
            field = new_field(Field)
            field.name, field.value, field.line, field.col = name, value, line, col
            append(field)  # no space at either end: see the pattern
            first(name, field)
        entry.set_fields(fields, firsts)
        entry.end_line = line + closing.count("\n")  # the last field's value counted in
        # The line counter carries on from the closing '}' (the start of its line), so
        # the next entry's position does not count this entry's lines again.
        self.lines.seek(close_at + 1, entry.end_line, close_at + 1)
        return end

    def closing_line(self, p: int) -> int:
        """The offset of the next newline followed by '}' at or after ``p``, or -1.

        The last search is remembered: in a file whose entries close otherwise, the
        next such line may be far ahead (or nowhere), and searching for it again from
        every entry would read the file once per entry.
        """
        searched_from, found = self.closing_search
        if searched_from <= p and (found < 0 or p <= found):
            return found  # nothing in between: the same answer
        found = self.text.find("\n}", p)
        self.closing_search = (p, found)
        return found

    def join_parts(self, joined: str) -> str | None:
        """The value of a ``#`` concatenation :data:`SIMPLE_FIELDS` took, as
        :meth:`~refcheck.bib.values.Reader.value` reads it; None if a macro is undefined."""
        macros = self.macros
        parts = []
        length = 0
        for quoted, braced, bare in SIMPLE_PARTS.findall(joined):
            if bare and not bare.isdigit():
                expanded = macros.get(self.field_names[bare])
                if expanded is None:
                    return None
                self.expansion_left -= len(expanded)
                parts.append(expanded)
            else:
                parts.append(quoted or braced or bare)
            length += len(parts[-1])
        if length > MAX_EXPANDED_VALUE or self.expansion_left < 0:
            return None  # cut or left unexpanded, and reported, by the careful path
        return tidy("".join(parts))

    def fields_one_by_one(self, entry: Entry, at: int, label: str, p: int, close: str) -> int:
        """Read the fields of an entry; the common ones in one regex match each.

        The path of entries :meth:`simple_fields` does not take (other layouts, ``#``,
        comments, errors); the line counter is kept in locals, as fields are many.
        """
        text = self.text
        append = entry.fields.append
        count = text.count
        rfind = text.rfind
        fast = FAST_FIELD.match
        names = self.field_names
        lines = self.lines
        offset, line, line_start = lines.state
        last_end = -1  # where the name of the last field read fast ends
        while True:
            m = fast(text, p)
            if m is not None:
                name, braced, quoted, number, macro, separator = m.groups()
                value = braced if braced is not None else quoted
                if separator == "#" or (
                    value is not None and "@" in value and ENTRY_START.search(value)
                ):
                    m = None  # a concatenation, or a value running into the next entry
                elif value is None:
                    if number is not None:
                        value = number
                    else:
                        value = self.expand(macro, m.start(5), f"field '{name}' of {label}")
            if m is not None:
                kind = Field if macro is None else MacroField
                if "\n" in value or "  " in value or "\t" in value:
                    value = tidy(value)
                elif value[:1] == " " or value[-1:] == " ":
                    value = value.strip(" ")
                start = m.start(1)
                last_newline = rfind("\n", offset, start)
                if last_newline >= 0:
                    line += count("\n", offset, start)
                    line_start = last_newline + 1
                offset = start
                append(kind(names[name], value, line, start - line_start + 1))
                last_end = m.end(1)
                p = m.end()
                if separator == ",":
                    continue
                if separator == close:
                    lines.seek(offset, line, line_start)
                    entry.end_line = lines.line(p - 1)
                    return p
                p -= 1  # the other closing delimiter: the careful path reports it
            # A '#' concatenation, an unusual value or an error: read carefully.
            lines.seek(offset, line, line_start)
            if last_end > self.last_value_at:
                self.last_value_at = last_end
            p, done = self.field(entry, at, label, p, close)
            if done:
                return p
            offset, line, line_start = lines.state

    def field(self, entry: Entry, at: int, label: str, p: int, close: str) -> tuple[int, bool]:
        """Read one field carefully; return the next offset and whether the entry ended."""
        text = self.text
        p = skip_spaces(text, p)
        c = text[p : p + 1]
        if c == close:
            entry.end_line = self.lines.line(p)
            return p + 1, True
        if c == ",":
            return p + 1, False
        if c == "%":  # a comment line inside an entry: biber and most tools accept it
            nl = text.find("\n", p)
            return (len(text) if nl < 0 else nl), False
        if not c or (c == "@" and self.at_line_start(p)):
            self.unclosed(entry, at, label, p, close)
            raise Stop(p)
        m = NAME.match(text, p)
        if m is None:
            message = _("unexpected {found!r} in {label}: expected a field name")
            self.problem(p, message.format(found=c, label=worded(label)))
            raise Stop(self.recover(p + 1))
        name = m.group()
        q = skip_spaces(text, m.end())
        if text[q : q + 1] != "=":
            message = _("missing '=' after field name '{name}' in {label}")
            self.problem(p, message.format(name=name, label=worded(label)))
            raise Stop(self.recover(q))
        line, col = self.lines.position(p)
        what = f"field '{name}' of {label}"
        self.last_value_at = q + 1
        start = skip_spaces(text, q + 1)
        value, q = self.value(start, what)
        # One macro (not a number, not a concatenation): said to be one, as the fast paths do.
        bare = NAME.fullmatch(text, start, q) is not None and not text[start].isdigit()
        entry.fields.append((MacroField if bare else Field)(name.lower(), value, line, col))
        q = skip_spaces(text, q)
        if text[q : q + 1] not in (",", close) and NAME_THEN_EQUALS.match(text, q):
            message = _("missing ',' after field '{name}' in {label}")
            self.problem(q, message.format(name=name, label=worded(label)))
        return q, False  # the next call reads or reports what follows
