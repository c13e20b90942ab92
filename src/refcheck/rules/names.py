"""Name-list rules: name fields that BibTeX, biber or pybtex cannot split into names.

The lists are read as BibTeX reads them (refcheck.bib.names), as biber and pybtex do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.bib.names import split_names, top_level_commas
from refcheck.i18n import _
from refcheck.model import Entry, Field, Severity
from refcheck.rules.field_index import NAME_FIELDS, field_index, named
from refcheck.rules.registry import Context, Report, rule

# pybtex (so sphinxcontrib-bibtex) turns these into Person objects while it parses.
_PYBTEX_PERSON_FIELDS = frozenset({"author", "editor"})
# biblatex's extended name format (`family=Rabble, given=Richard, prefix=von`): biber's
# own, read by it; its commas separate name parts, not names.
_EXTENDED_NAME = re.compile(r"\s*[A-Za-z-]+\s*=")


# Two "and"s with only white space between them, which an empty name needs (white space
# runs and braces can only hide a separator, never make one).
_TWO_ANDS = re.compile(r"\s[aA][nN][dD]\s+[aA][nN][dD]\s")


@rule("N001", Severity.ERROR)
def check_name_list_invalid(ctx: Context) -> Iterator[Report]:
    """Reports a name list that BibTeX, biber or pybtex cannot split into names.

    ## What it does
    Reads `author`, `editor` and biblatex's other name lists (`translator`,
    `bookauthor`, `editora` ...) as BibTeX does: names separated by the word `and`,
    each name `First von Last`, `von Last, First` or `von Last, Jr, First`.  Reports
    a name with more than two commas outside braces (usually names separated by
    commas instead of `and`), an empty name between two `and`s, and a name that ends
    with a comma.

    ## Why is this bad?
    biber stops reading the entry at a name with too many commas ("has too many
    commas, skipping entry") and at an empty name ("Name … is empty (probably
    consecutive 'and'): skipping entry"), so it is missing from the bibliography.
    pybtex, and with it sphinxcontrib-bibtex, raises "Too many commas" while it reads
    the `.bib` file: the whole Sphinx build stops with a traceback.  BibTeX reports
    "has a comma at the end" and prints a mangled name.  Corporate names keep their
    commas inside braces: `{Barnes, Noble and Co.}`.  biblatex's extended name format
    (`family=Rabble, given=Richard, prefix=von`) is biber's and is left alone, although
    pybtex cannot read it.

    ## Example
    ```bibtex
    @article{a, author = {A. One, B. Two, C. Three, and D. Four}, title = {T}}
    @article{b, author = {Smith, John and and Doe, Jane}, title = {T}}
    ```

    ## Use instead
    ```bibtex
    @article{a, author = {A. One and B. Two and C. Three and D. Four}, title = {T}}
    @article{b, author = {Smith, John and Doe, Jane}, title = {T}}
    ```

    ## Options
    None.
    """
    for entry, field in _name_fields(ctx):
        value = field.value
        if "," not in value and _TWO_ANDS.search(value) is None:
            continue  # without a comma only "and and" makes a problem (an empty name)
        problem = _name_list_problem(field.name, value)
        if problem is not None:
            yield Report(entry.location_of(field), problem, entry.key)


def _name_fields(ctx: Context) -> Iterator[tuple[Entry, Field]]:
    """Every name-list field, repeated ones too, from the field index (by name, not in
    file order: the engine sorts the findings by place)."""
    for name in NAME_FIELDS:
        yield from named(ctx, name)
    for entry, field in field_index(ctx).repeated:
        if field.name in NAME_FIELDS:
            yield entry, field


def _name_list_problem(field_name: str, value: str) -> str | None:
    if not value.strip(" {}"):
        return None  # empty-field reports an empty list
    names = split_names(" ".join(value.split()))
    # The worst problem first: too many commas loses the entry everywhere (and stops a
    # Sphinx build), an empty name loses it in biber, a trailing comma mangles one name.
    # Each walk is skipped when the whole value shows it cannot find anything: no name
    # has more commas than the value, none ends with one if the value has none.
    for number, name in enumerate(names if value.count(",") > 2 else (), 1):
        commas = top_level_commas(name)
        if commas > 2 and not _EXTENDED_NAME.match(name):
            if field_name in _PYBTEX_PERSON_FIELDS:
                message = _(
                    "{field}: name {number} ({name}) has {commas} commas, a name has at most "
                    "two ('von Last, Jr, First'): biber skips the entry and pybtex "
                    "(sphinxcontrib-bibtex) stops the build; separate names with 'and', or "
                    "brace a corporate name"
                )
            else:
                message = _(
                    "{field}: name {number} ({name}) has {commas} commas, a name has at most "
                    "two ('von Last, Jr, First'): biber skips the entry; separate names with "
                    "'and', or brace a corporate name"
                )
            return message.format(field=field_name, number=number, name=_shown(name), commas=commas)
    for number, name in enumerate(names if "" in names else (), 1):
        if not name:
            return _(
                "{field}: name {number} of {count} is empty (two 'and's in a row): biber "
                "skips the entry; remove the extra 'and'"
            ).format(field=field_name, number=number, count=len(names))
    for number, name in enumerate(names if "," in value else (), 1):
        if name.endswith(",") and top_level_commas(name) > 1:
            return _(
                "{field}: name {number} ({name}) is names separated by commas ('A, B, and "
                "C'): BibTeX and biber read it as one mangled name; separate names with 'and'"
            ).format(field=field_name, number=number, name=_shown(name))
        if name.endswith(","):
            return _(
                "{field}: name {number} ({name}) ends with a comma: BibTeX reports it and "
                "prints the name mangled; remove the comma"
            ).format(field=field_name, number=number, name=_shown(name))
    return None


def _shown(name: str) -> str:
    return repr(name if len(name) <= 60 else name[:57] + "...")
