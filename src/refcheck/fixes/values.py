"""Safe fixes of field values and repeated fields in one entry.

- ``date-invalid``: a date written another way that reads unambiguously
  (``2024年10月30日``, ``30 October 2024``, full-width digits) to its ISO form, as the
  rule's own date reader suggests it;
- ``month-invalid``: a month written as a string (``{October}``) to its macro (``oct``);
- ``duplicate-field``: the repeat of a field given twice with the same value removed;
- ``field-alias-conflict``: of an alias and its field with the same value, the alias
  removed, so the one field left has biblatex's name;
- the identifier and field-value rules (``REPLACING_RULES``): the value the rule
  derived from the field (a DOI without ``https://doi.org/``, pages without ``pp.``).
"""

from __future__ import annotations

from refcheck.dates.edtf import DateError, EdtfDate, parse_date
from refcheck.fixes.bibspans import delimited_body, field_span, removal
from refcheck.fixes.edits import Applicability, Edit, Fix
from refcheck.fixes.registry import FixContext, fixer
from refcheck.matching.normalize import fold_text
from refcheck.model import Entry, Field, Finding, Location
from refcheck.rules.fields import FIELD_ALIASES

# The rules whose findings carry the value to write (``Finding.replacement``): the
# identifier rules (a DOI without its resolver, an ISBN without its label, ...) and the
# field-value rules (pages without "pp.", a volume without "vol.").
REPLACING_RULES = (
    "doi-invalid", "isbn-invalid", "issn-invalid", "ismn-invalid", "arxiv-invalid",
    "pmid-invalid", "pmcid-invalid", "url-invalid", "pages-invalid", "volume-number-text",
)  # fmt: skip


def _field(
    ctx: FixContext, where: Location | Finding, key: str | None = None
) -> tuple[Entry, Field] | None:
    return ctx.field_at(where, key)


def replace_body(path: str, ctx: FixContext, field: Field, new: str) -> Edit | None:
    """An edit writing ``new`` inside the braces or quotes of ``field``'s value; None for
    a value that is a macro, a number or a concatenation (editing those could change
    other entries or what the macro means)."""
    source = ctx.source(path)
    span = field_span(source, field) if source is not None else None
    body = delimited_body(source, span) if source is not None and span is not None else None
    if body is None:
        return None
    return Edit(path, body[0], body[1], new)


def remove_field(path: str, ctx: FixContext, field: Field) -> Edit | None:
    """An edit removing ``field`` (and its line, when it has one to itself)."""
    source = ctx.source(path)
    span = field_span(source, field) if source is not None else None
    if source is None or span is None:
        return None
    start, end = removal(source, span)
    return Edit(path, start, end, "")


@fixer("date-invalid", Applicability.SAFE)
def fix_date_invalid(finding: Finding, ctx: FixContext) -> Fix | None:
    """Safe, for a date written another way that reads as one date unambiguously:
    `2024年10月30日`, `２０２４年１０月３０日`, `2024/10/30`, `30 October 2024`, `October 30,
    2024`, `1995-1-4`, `30.10.2024` become `2024-10-30` (and so on), the form the
    message suggests.  The day, month and year are the same, so the meaning cannot
    change.  There is no fix for a date that could be read two ways (`10/11/2024`), for
    a day the calendar does not have, or for a value given as a macro or a `#`
    concatenation.  Once readable, the date is checked like any other, so the report
    after the fix may show what the unreadable form hid (an access date before the
    publication date, two entries now seen to be one work)."""
    found = _field(ctx, finding)
    if found is None:
        return None
    _entry, field = found
    parsed = parse_date(field.value)
    if not isinstance(parsed, DateError) or parsed.suggestion is None:
        return None
    if not isinstance(parse_date(parsed.suggestion), EdtfDate):
        return None
    edit = replace_body(finding.path, ctx, field, parsed.suggestion)
    if edit is None:
        return None
    return Fix(finding, Applicability.SAFE, (edit,), f"{field.name}: write {parsed.suggestion}")


@fixer("duplicate-field", Applicability.SAFE)
def fix_duplicate_field(finding: Finding, ctx: FixContext) -> Fix | None:
    """Safe, when the two fields have the same value: the repeat is removed (with its
    line when it has one to itself), the first kept where it is.  Nothing is lost,
    since the value is still there once.  Fields with different values are not fixed:
    which one is meant (or whether both belong together, as two editors do) needs a
    person."""
    later = _field(ctx, finding)
    first = _field(ctx, finding.related[0], finding.key) if finding.related else None
    if later is None or first is None or later[0] is not first[0]:
        return None
    if later[1].name != first[1].name or later[1].value != first[1].value:
        return None
    edit = remove_field(finding.path, ctx, later[1])
    if edit is None:
        return None
    return Fix(finding, Applicability.SAFE, (edit,), f"remove the repeated '{later[1].name}'")


@fixer("field-alias-conflict", Applicability.SAFE, Applicability.UNSAFE)
def fix_field_alias_conflict(finding: Finding, ctx: FixContext) -> Fix | None:
    """Safe, when an alias and its field have the same value (`journal` and
    `journaltitle` both `{Nature}`): the alias is removed, so one field under
    biblatex's name is left with the same value.  Unsafe, when the values differ only
    in case, spacing, punctuation or markup (`{Nature}` and `{NATURE.}`): the field
    under biblatex's name is kept and the alias removed, which drops the alias's way
    of writing it.  Values that differ otherwise, and `year` or `month` against
    `date`, are not fixed."""
    one = _field(ctx, finding)
    other = _field(ctx, finding.related[0], finding.key) if finding.related else None
    if one is None or other is None or one[0] is not other[0]:
        return None
    fields = {one[1].name: one[1], other[1].name: other[1]}
    alias = next((name for name in fields if FIELD_ALIASES.get(name) in fields), None)
    if alias is None:
        return None
    kept = fields[FIELD_ALIASES[alias]]
    if sum(f.name in (alias, kept.name) for f in one[0].fields) != 2:
        return None  # one of them repeated: duplicate-field first, then this
    if fields[alias].value == kept.value:
        applicability = Applicability.SAFE
    elif fold_text(fields[alias].value) == fold_text(kept.value):
        applicability = Applicability.UNSAFE
    else:
        return None
    edit = remove_field(finding.path, ctx, fields[alias])
    if edit is None:
        return None
    return Fix(finding, applicability, (edit,), f"remove '{alias}', keep '{kept.name}'")


@fixer("month-invalid", Applicability.SAFE)
def fix_month_invalid(finding: Finding, ctx: FixContext) -> Fix | None:
    """Safe, for a month written as a string that names one month: an English name or
    abbreviation (`{October}`, `{Oct.}`, `"Sept"`, `{oct}`) becomes the month macro,
    unbraced: `month = oct`, which biber reads as 10 and BibTeX and pybtex print as
    "October".  The month is the one biber itself guesses from the string, and the one
    the name says, so the meaning cannot change.  A number is left as it is (biblatex
    reads `10` and `{10}`), and so is anything that is not one month (`13`, `Juni`,
    `jan--feb`): what was meant needs a person."""
    macro = dict(finding.data).get("macro")
    found = _field(ctx, finding) if macro is not None else None
    source = ctx.source(finding.path) if found is not None else None
    if macro is None or found is None or source is None:
        return None
    span = field_span(source, found[1])
    # The whole value, braces or quotes included, and only when it is one such part.
    if span is None or delimited_body(source, span) is None:
        return None
    edit = Edit(finding.path, span.value_start, span.value_end, macro)
    return Fix(finding, Applicability.SAFE, (edit,), f"month: write the macro {macro}")


def fix_declared_value(finding: Finding, ctx: FixContext) -> Fix | None:
    """The value the rule itself says to write (its report's data: `fix-value`, and
    `fix-safety` `safe` or `unsafe`, unsafe when not given) replaces the value of the
    field the finding is at, inside its braces or quotes.  How safe that is, the rule
    says in its own documentation."""
    data = dict(finding.data)
    new = data.get("fix-value")
    found = _field(ctx, finding) if new is not None else None
    if new is None or found is None:
        return None
    try:
        applicability = Applicability(data.get("fix-safety", "unsafe"))
    except ValueError:
        return None
    edit = replace_body(finding.path, ctx, found[1], new)
    if edit is None:
        return None
    return Fix(finding, applicability, (edit,), f"{found[1].name}: write {new}")


def fix_replacement(finding: Finding, ctx: FixContext) -> Fix | None:
    """Safe: the value the rule derived from the field itself (a DOI without its
    resolver, an ISBN without its label, pages without "pp.") replaces the field's value
    inside its braces or quotes.  The rule's own "Fix safety" says why that keeps the
    meaning; values it cannot derive so have no fix."""
    replacement = finding.replacement
    if replacement is None:
        return None
    where = replacement.location
    found = ctx.field_at(where, finding.key)
    if found is None or found[1].name != replacement.field:
        return None
    edit = replace_body(where.path, ctx, found[1], replacement.value)
    if edit is None:
        return None
    return Fix(
        finding, Applicability.SAFE, (edit,), f"{replacement.field}: write {replacement.value}"
    )


for _rule in REPLACING_RULES:
    fixer(_rule, Applicability.SAFE)(fix_replacement)
