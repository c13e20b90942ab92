"""The unsafe fix of a duplicate pair: merge the later entry into the first.

What the merge writes, so that nothing is lost and a person can review it:

- the first entry keeps its fields; each field only the later entry has is added to
  it, as the later entry writes it;
- a comment above the first entry records the merge and every value of the later
  entry that differs from the first's (and the later entry's own comments);
- the later entry is removed (its lines, and one blank line around it);
- every citation of the later key in the documents (.md, .rst, .ipynb) and every
  ``crossref``/``xdata`` naming it is rewritten to the first key.

The same merge repairs a key defined twice (``duplicate-key``), without rewriting
anything: the key stays.  When the two are one record copied twice, removing the copy
loses nothing, and that fix is safe.
"""

from __future__ import annotations

from refcheck.bib.patterns import skip_spaces
from refcheck.fixes.bibspans import (
    FieldSpan,
    delimited_body,
    entry_span,
    field_span,
    whole_lines,
)
from refcheck.fixes.citations import Unrewritable, citation_edits
from refcheck.fixes.edits import Applicability, Edit, Fix
from refcheck.fixes.registry import FixContext, fixer
from refcheck.fixes.source import SourceFile
from refcheck.model import Entry, Field, Finding

# Fields through which one entry names another.
_PARENT_FIELDS = ("crossref", "xdata")


@fixer("duplicate-entry", Applicability.UNSAFE)
@fixer("near-duplicate", Applicability.UNSAFE)
def fix_merge_duplicates(finding: Finding, ctx: FixContext) -> Fix | None:
    """Unsafe: the later entry is merged into the first one.  Fields both give with the
    same value are kept once; a field only the later entry has is added to the first;
    where they disagree the first entry's value is kept and the later one's is written
    in a comment above the entry, so nothing is lost.  The later entry is removed and
    every citation of its key in the documents (`.md`, `.rst`, `.ipynb`) and every
    `crossref` naming it is rewritten to the first key.  Unsafe because two records
    that look alike may still be two works (two editions, two parts), and the merged
    record keeps the first entry's values where they disagree: read the comment.
    There is no fix for two entries sharing a DOI under clearly different titles (one
    DOI is probably wrong), nor when a document citing the key cannot be edited
    exactly."""
    if ("titles-differ", "yes") in finding.data or not finding.related:
        return None
    other = finding.related[0]
    later = ctx.entry_at(finding.path, finding.line, finding.col)
    first = ctx.entry_at(other.path, other.line, other.col)
    if later is None or first is None or later is first or not first.fields:
        return None
    if later.key.lower() == first.key.lower():
        return None
    later_source, first_source = ctx.source(later.path), ctx.source(first.path)
    if later_source is None or first_source is None:
        return None
    try:
        edits = _merge_edits(ctx, later, later_source, first, first_source)
    except (_CannotMerge, Unrewritable):
        return None
    return Fix(
        finding,
        Applicability.UNSAFE,
        tuple(edits),
        f"merge '{later.key}' into '{first.key}'",
        isolation=frozenset({f"entry:{later.key.lower()}", f"entry:{first.key.lower()}"}),
        renames=((later.key, first.key),),
    )


class _CannotMerge(Exception):
    pass


def _span(source: SourceFile, field: Field) -> FieldSpan:
    span = field_span(source, field)
    if span is None:
        raise _CannotMerge
    return span


def _merge_edits(
    ctx: FixContext, later: Entry, later_source: SourceFile, first: Entry, first_source: SourceFile
) -> list[Edit]:
    kept_values = {(f.name, f.value) for f in first.fields}
    kept_names = {f.name for f in first.fields}
    added: list[str] = []
    differing: list[str] = []
    # Every field, repeats included: a value given twice in the later entry is not lost.
    for field in later.fields:
        if (field.name, field.value) in kept_values:
            continue
        written = _written(later_source, field)
        (differing if field.name in kept_names else added).append(written)
    edits = _removal(later_source, later)
    edits += _additions(first_source, first, added)
    edits.append(_comment(first_source, first, later, differing))
    if later.key.lower() != first.key.lower():  # documents cite the later key: rewrite it
        edits += citation_edits(ctx, later.key, first.key)
        edits += _parent_edits(ctx, later.key, first.key)
    return edits


@fixer("duplicate-key", Applicability.SAFE, Applicability.UNSAFE)
def fix_duplicate_key(finding: Finding, ctx: FixContext) -> Fix | None:
    """Safe, when the two entries are one record copied twice: the same type and the
    same fields with the same values (in any order), and no comment above the later
    copy that the first lacks.  The later copy is removed; nothing is lost, and the
    key, so every citation, stays.  Unsafe, when they differ: the later entry is merged
    into the first as `duplicate-entry` merges (BibTeX and biber use the first one
    too), its fields the first lacks added and its differing values kept in a comment
    above the entry."""
    if not finding.related:
        return None
    other = finding.related[0]
    later = ctx.entry_at(finding.path, finding.line, finding.col)
    first = ctx.entry_at(other.path, other.line, other.col)
    if later is None or first is None or later is first or not first.fields:
        return None
    later_source, first_source = ctx.source(later.path), ctx.source(first.path)
    if later_source is None or first_source is None:
        return None
    first_comments = {text for _line, text in first.leading_comments}
    copied = (
        later.type == first.type
        and sorted((f.name, f.value) for f in later.fields)
        == sorted((f.name, f.value) for f in first.fields)
        and all(text in first_comments for _line, text in later.leading_comments)
    )
    try:
        if copied:
            edits = _removal(later_source, later)
        else:
            edits = _merge_edits(ctx, later, later_source, first, first_source)
    except _CannotMerge:
        return None
    if copied:
        return Fix(finding, Applicability.SAFE, tuple(edits), f"remove the copy of '{first.key}'")
    return Fix(
        finding,
        Applicability.UNSAFE,
        tuple(edits),
        f"merge the second '{later.key}' into the first",
        isolation=frozenset({f"entry:{later.key.lower()}"}),
    )


def _written(source: SourceFile, field: Field) -> str:
    """The field as the entry writes it; a macro or concatenation as its braced value
    (the macro may not exist in the other file)."""
    span = _span(source, field)
    text = source.text or ""
    value = text[span.value_start : span.value_end]
    if delimited_body(source, span) is None and not value.isdigit():
        value = "{" + field.value + "}"
    return f"{text[span.start : span.value_start].split('=')[0].rstrip()} = {value}"


def _removal(source: SourceFile, entry: Entry) -> list[Edit]:
    """Remove the entry, its comment lines above it, and one blank line next to it."""
    found = entry_span(source, entry)
    if found is None:
        raise _CannotMerge
    text = source.text or ""
    start, end = found
    lines = whole_lines(source, start, end)
    if lines is None:
        raise _CannotMerge  # an entry sharing its line with other text
    start, end = lines
    if entry.leading_comments:
        start = source.bib_offset(entry.leading_comments[0][0], 1)
    newline = source.newline
    blank_before = start == 0 or text.endswith(newline * 2, 0, start)
    if text.startswith(newline, end) and blank_before:
        end += len(newline)  # the blank line after it
    elif end == len(text) and start > 0 and blank_before:
        start -= len(newline)  # the last entry: the blank line before it
    return [Edit(source.label, start, end, "")]


def _additions(source: SourceFile, entry: Entry, added: list[str]) -> list[Edit]:
    """Insert ``added`` after the entry's last field, in the entry's own layout."""
    if not added:
        return []
    text = source.text or ""
    last = _span(source, entry.fields[-1])
    lines = whole_lines(source, last.start, last.value_end)
    newline = source.newline
    if lines is None:  # fields on the entry's line: continue the line
        inline = "".join(f", {_lines(a, newline)}" for a in added)
        return [Edit(source.label, last.value_end, last.value_end, inline)]
    indent = text[lines[0] : last.start]
    edits = []
    after = skip_spaces(text, last.value_end)
    if text[after : after + 1] != ",":
        edits.append(Edit(source.label, last.value_end, last.value_end, ","))
    block = "".join(f"{indent}{_lines(a, newline)},{newline}" for a in added)
    edits.append(Edit(source.label, lines[1], lines[1], block))
    return edits


def _lines(text: str, newline: str) -> str:
    """``text`` with its line ends written as the target file writes them."""
    return newline.join(text.splitlines()) if ("\n" in text or "\r" in text) else text


def _comment(source: SourceFile, first: Entry, later: Entry, differing: list[str]) -> Edit:
    newline = source.newline
    where = f"{later.path}:{later.line}"
    lines = [f"% merged '{later.key}' ({where}) into '{first.key}' (refcheck --unsafe-fixes)"]
    if differing:
        lines.append(f"% values of '{later.key}' that differ from this entry's:")
        for written in differing:
            lines += [f"%   {line}" for line in written.splitlines()]
    lines += [f"% its comment: {text}" for _line, text in later.leading_comments]
    entry_at = source.bib_offset(first.line, first.col)
    at = source.bib_line_start(entry_at)
    if (source.text or "")[at:entry_at].strip():
        raise _CannotMerge  # the entry shares its line with other text: no place for a comment
    return Edit(source.label, at, at, "".join(line + newline for line in lines))


def _parent_edits(ctx: FixContext, old: str, new: str) -> list[Edit]:
    """``crossref = {old}`` (and ``xdata``) in any entry, rewritten to ``new``."""
    parents = ctx.memo.get("entries naming a parent")
    if parents is None:  # built once per pass: a pass may merge many pairs
        parents = ctx.memo["entries naming a parent"] = {}
        for entry in ctx.project.entries():
            for name in _PARENT_FIELDS:
                named = entry.field(name)
                for key in named.value.split(",") if named is not None else ():
                    parents.setdefault(key.strip().lower(), []).append((entry, named))
    edits = []
    for entry, field in parents.get(old.lower(), []):
        keys = [k.strip() for k in field.value.split(",")]
        source = ctx.source(entry.path)
        span = field_span(source, field) if source is not None else None
        body = delimited_body(source, span) if source and span else None
        if body is None:
            raise _CannotMerge
        value = ", ".join(new if k.lower() == old.lower() else k for k in keys)
        edits.append(Edit(entry.path, body[0], body[1], value))
    return edits
