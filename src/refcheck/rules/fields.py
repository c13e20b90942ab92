"""Field rules: fields that say the same thing twice, fields a record needs, flags."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from refcheck.datamodel import biblatex
from refcheck.dates.entry_dates import field_date, month_field_number, year_number
from refcheck.dates.months import MONTH_NAMES
from refcheck.i18n import _
from refcheck.matching.normalize import fold_text
from refcheck.model import Entry, Field, Severity
from refcheck.rules.field_index import entries_having
from refcheck.rules.registry import Context, Report, rule

# biblatex manual §2.2.5 "Field Aliases": alias -> the field it stands for.
FIELD_ALIASES = {
    "address": "location",
    "annote": "annotation",
    "archiveprefix": "eprinttype",
    "journal": "journaltitle",
    "key": "sortkey",
    "pdf": "file",
    "primaryclass": "eprintclass",
    "school": "institution",
}
_ALIAS_TARGETS = frozenset(FIELD_ALIASES.values())
# The entries field-alias-conflict reads: those with an alias target or a date.
_TARGETS_AND_DATE = _ALIAS_TARGETS | {"date"}
# What field-alias-conflict reads: both names of each alias, and date against year/month.
_ALIASES_AND_DATES = (*FIELD_ALIASES, *FIELD_ALIASES.values(), "date", "year", "month")
# Containers with no content of their own need no title, nor IEEEtran.bst's control entry.
_NO_TITLE_NEEDED = frozenset({"set", "xdata", "ieeetranbstctl"})
# Types that need a date (biblatex's @online and its aliases, and @article).
_DATE_NEEDED = frozenset({"article", "online", "www", "electronic"})
_URLDATE = frozenset({"urldate"})
_SOURCE_FLAG = frozenset({"sourceflag"})
# Fields that give an access date something to access.
_ACCESSIBLE = ("url", "doi", "eprint")
# Fields through which an entry inherits fields from other entries.
_PARENT_FIELDS = ("crossref", "xdata")


@rule("F001", Severity.WARNING, reads=_ALIASES_AND_DATES, per_entry=True)
def check_field_alias_conflict(ctx: Context) -> Iterator[Report]:
    """Reports two fields that mean the same thing given together.

    ## What it does
    Reports an entry that gives both a field and its biblatex alias (manual §2.2.5):
    `journal`/`journaltitle`, `address`/`location`, `school`/`institution`,
    `annote`/`annotation`, `archiveprefix`/`eprinttype`, `primaryclass`/`eprintclass`,
    `key`/`sortkey` and `pdf`/`file`.  It also reports `year` or `month` that disagree
    with `date` (`year = 2023` next to `date = 2024-05-01`); when they agree it is
    silent, and a `month` it cannot read as one month (`????`, `jan--feb`) is left
    alone.  This is the BibTeX form of Wikipedia's "more than one of |work= and
    |newspaper=" warning.

    ## Why is this bad?
    biblatex resolves an alias as it reads the file and uses only one of the two
    values; with `date` present it ignores `year` and `month`.  Which value is printed
    is then an accident, and an edit to the other one changes nothing.

    ## Example
    ```bibtex
    @article{a, title = {T}, journal = {Nature}, journaltitle = {Science},
             date = {2024-05-01}, year = {2023}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, journaltitle = {Science}, date = {2024-05-01}}
    ```

    ## Options
    None.
    """
    for entry in entries_having(ctx, _TARGETS_AND_DATE):
        by_name = entry.first_fields()
        # A conflict needs an alias's target; most entries have none (keys().isdisjoint
        # looks up the eight targets, without a pass over the entry's names).
        if not by_name.keys().isdisjoint(_ALIAS_TARGETS):
            yield from _alias_conflicts(entry, by_name)
        if "date" in by_name:  # what _year_month_against_date compares with
            yield from _year_month_against_date(entry, by_name)


def _alias_conflicts(entry: Entry, by_name: dict[str, Field]) -> Iterator[Report]:
    for alias, target in FIELD_ALIASES.items():
        if alias in by_name and target in by_name:
            first, second = sorted((by_name[alias], by_name[target]), key=lambda f: f.line)
            same = fold_text(first.value) == fold_text(second.value)
            message = _(
                "both '{alias}' and '{target}' are given (lines {first} and {second}, "
                "{same}): '{alias}' is biblatex's alias for '{target}'; keep one"
            ).format(
                alias=alias,
                target=target,
                first=first.line,
                second=second.line,
                same=_("same value") if same else _("different values"),
            )
            yield Report(entry.location_of(second), message, entry.key, (entry.location_of(first),))


def _year_month_against_date(entry: Entry, by_name: dict[str, Field]) -> Iterator[Report]:
    date_field = by_name.get("date")
    parsed = field_date(date_field)
    if date_field is None or parsed is None or parsed.start is None:
        return
    year_field = by_name.get("year")
    first_year = parsed.year
    # A range agrees with any year it spans (an open end spans every later year).
    last_year = first_year
    if parsed.is_range:
        last_year = parsed.end.year if parsed.end is not None else None
    if year_field is not None and first_year is not None:
        year = year_number(year_field.value)
        if year is not None and (year < first_year or (last_year is not None and year > last_year)):
            message = _(
                "year {year} disagrees with date {date} (biblatex uses date and ignores year)"
            ).format(year=year, date=date_field.value.strip())
            yield Report(
                entry.location_of(year_field), message, entry.key, (entry.location_of(date_field),)
            )
    month_field = by_name.get("month")
    start = parsed.start
    if month_field is None or parsed.is_range or start.precision == "year" or start.qualified:
        return
    month = month_field_number(month_field.value)
    date_month = int(start.text.lstrip("-").split("-")[1])
    if month is not None and month != date_month:
        message = _(
            "month {month} disagrees with date {date} (biblatex uses date and ignores month)"
        ).format(month=MONTH_NAMES[month - 1], date=date_field.value.strip())
        yield Report(
            entry.location_of(month_field), message, entry.key, (entry.location_of(date_field),)
        )


def _entries_by_key(ctx: Context) -> dict[str, Entry]:
    """The first entry of each key (case-folded, as BibTeX compares keys): where a
    ``crossref`` or ``xdata`` leads.  Built once per run for the rules that follow them."""
    keys: dict[str, Entry] | None = ctx.cache.get("entries by key")
    if keys is None:
        keys = ctx.cache["entries by key"] = {}
        for entry in ctx.project.entries():
            keys.setdefault(entry.key.casefold(), entry)
    return keys


def _parents(entry: Entry, keys: dict[str, Entry]) -> list[Entry] | None:
    """The entries ``entry`` inherits from; None when one of them is not in the project."""
    parents: list[Entry] = []
    firsts = entry.first_fields()
    for name in _PARENT_FIELDS:
        field = firsts.get(name)
        value = field.value if field is not None else None
        for key in (value or "").split(","):
            if not key.strip():
                continue
            parent = keys.get(key.strip().casefold())
            if parent is None:
                return None
            parents.append(parent)
    return parents


def _gives(firsts: dict[str, Field], names: tuple[str, ...]) -> bool:
    """True when one of ``names`` is among an entry's ``first_fields()``, not blank."""
    for name in names:  # names are lower case: Entry.get's lookup, inlined
        field = firsts.get(name)
        if field is not None and field.value.strip():
            return True
    return False


def _has(entry: Entry, names: tuple[str, ...], ctx: Context, depth: int = 0) -> bool:
    """True when ``entry`` (or an entry it inherits from) gives one of ``names``."""
    firsts = entry.first_fields()
    if _gives(firsts, names):
        return True
    if depth > 8:
        return True  # a chain this deep is a loop or a mistake: do not guess
    if "crossref" not in firsts and "xdata" not in firsts:
        # Most entries inherit nothing: _parents would find no parent, and the key
        # index (one casefold per entry) is built only for those that do.
        return False
    parents = _parents(entry, _entries_by_key(ctx))
    if parents is None:
        return True  # an unknown parent may give it: do not guess
    return any(_has(parent, names, ctx, depth + 1) for parent in parents)


def _may_lack_fields(ctx: Context) -> list[Entry]:
    """The entries missing-field and missing-required-field may report, in file order:
    those without a title, a date or year, or a field of a group their type requires,
    and those that inherit (``_has`` then looks at the parents).  Any other entry gives
    every field either rule looks for, so neither reports it.  One pass for both
    rules, kept in the run's cache."""
    found: list[Entry] | None = ctx.cache.get("entries that may lack fields")
    if found is None:
        found = ctx.cache["entries that may lack fields"] = []
        groups_of: dict[str, tuple[tuple[str, ...], ...]] = {}
        for entry in ctx.project.entries():
            firsts = entry.first_fields()
            if "crossref" in firsts or "xdata" in firsts:
                found.append(entry)
                continue
            groups = groups_of.get(entry.type)
            if groups is None:
                groups = groups_of[entry.type] = _looked_for(entry.type)
            for group in groups:  # _gives(firsts, group) for each group, inlined
                for name in group:
                    field = firsts.get(name)
                    if field is not None and field.value.strip():
                        break
                else:
                    found.append(entry)
                    break
    return found


def _looked_for(kind: str) -> tuple[tuple[str, ...], ...]:
    """Every group of fields (one of each needed) that missing-field or
    missing-required-field may look for in an entry of type ``kind``."""
    mandatory = biblatex.MANDATORY.get(biblatex.TYPE_ALIASES.get(kind, kind), ())
    return (("title",), ("date", "year"), *mandatory)


def _broken_entries(ctx: Context) -> set[int]:
    """Entries the parser could not read whole (parse-error reports them): what they
    lack may be lost in the break, so they are not judged."""
    broken: set[int] = set()
    for bib in ctx.project.bibfiles:
        lines = sorted(problem.line for problem in bib.problems)
        for entry in bib.entries if lines else ():
            at = bisect_left(lines, entry.line)
            if at < len(lines) and lines[at] <= max(entry.end_line, entry.line):
                broken.add(id(entry))
    return broken


@rule("F002", Severity.WARNING)
def check_missing_field(ctx: Context) -> Iterator[Report]:
    """Reports an entry without a title, or an article or online source without a date.

    ## What it does
    Reports an entry without a `title` (every type except the containers `@set` and
    `@xdata` and IEEEtran's `@IEEEtranBSTCTL` control entry; biblatex's data model makes
    the title mandatory for all its regular types), and an `@article` or `@online`
    (`@www`, `@electronic`) without a `date` or `year`.  A field inherited through
    `crossref` or `xdata` counts as given; when the parent entry is not in the project,
    the rule stays silent, and so it does for an entry the parser could not read whole
    (`parse-error` reports that).

    ## Why is this bad?
    Without a title the reference cannot be found or told apart from others; without a
    date, an article or a web page cannot be matched to the version cited, and styles
    print "n.d." or nothing.

    ## Example
    ```bibtex
    @online{a, url = {https://example.org/report}, urldate = {2024-05-01}}
    ```

    ## Use instead
    ```bibtex
    @online{a, title = {Annual report}, date = {2024-04-30},
            url = {https://example.org/report}, urldate = {2024-05-01}}
    ```

    ## Options
    None.
    """
    broken = _broken_entries(ctx)
    for entry in _may_lack_fields(ctx):
        if entry.type in _NO_TITLE_NEEDED or id(entry) in broken:
            continue
        if not _has(entry, ("title",), ctx):
            message = _("@{type} '{key}' has no title").format(type=entry.type, key=entry.key)
            yield Report(entry.location, message, entry.key)
        if entry.type in _DATE_NEEDED and not _has(entry, ("date", "year"), ctx):
            message = _("@{type} '{key}' has no date (nor year)").format(
                type=entry.type, key=entry.key
            )
            yield Report(entry.location, message, entry.key)


@rule("F003", Severity.WARNING)
def check_urldate_without_url(ctx: Context) -> Iterator[Report]:
    """Reports an access date (`urldate`) with nothing to access.

    ## What it does
    Reports a `urldate` in an entry that has no `url`, `doi` or `eprint` (a DOI or an
    eprint identifier resolves to a page, so an access date next to one is meaningful).
    A `url` inherited through `crossref` or `xdata` counts.

    ## Why is this bad?
    An access date says when an online resource was read; without a link it refers to
    nothing, and biblatex's standard styles print `urldate` only next to `url`, so the
    date silently disappears.  Usually the URL was lost on import.

    ## Example
    ```bibtex
    @article{a, title = {T}, journaltitle = {Daily}, date = {2024-10-30},
             urldate = {2024-11-04}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, journaltitle = {Daily}, date = {2024-10-30},
             url = {https://daily.example/a}, urldate = {2024-11-04}}
    ```

    ## Options
    None.
    """
    for entry in entries_having(ctx, _URLDATE):
        field = entry.field("urldate")
        if field is None or _has(entry, _ACCESSIBLE, ctx):
            continue
        message = _("urldate {accessed} but no url (nor doi or eprint) to access").format(
            accessed=field.value.strip()
        )
        yield Report(entry.location_of(field), message, entry.key)


@rule("F004", Severity.WARNING, reads=("sourceflag",), per_entry=True)
def check_source_flag(ctx: Context) -> Iterator[Report]:
    """Reports a maintenance flag that an entry carries over from its source.

    ## What it does
    Reports each `sourceflag` field: the importer (`refcheck import`) records there the
    maintenance messages the source printed next to the reference (for Wikipedia, the
    red citation-error texts such as "|date= の日付が不正です"); from wikitext it finds
    the same errors in the citation template itself (two aliases of one parameter, a
    date the template does not accept) and words them as the page does.  The message
    quotes the flag.

    ## Why is this bad?
    The source itself says something is wrong with this reference.  Until someone has
    looked at it, the data may carry the same error into the book.

    ## Example
    ```bibtex
    @article{a, title = {T}, journaltitle = {W}, date = {2024-08-01},
             sourceflag = {{{cite news}}: |date= の日付が不正です。}}
    ```

    ## Use instead
    Check the reference against the cited work and fix the data, then remove the flag;
    or keep it and suppress the finding with a reason:
    ```bibtex
    % refcheck: ignore[source-flag] the source's flag is kept as data for the book
    @article{a, title = {T}, journaltitle = {W}, date = {2024-08-01},
             sourceflag = {{{cite news}}: |date= の日付が不正です。}}
    ```

    ## Options
    None.
    """
    for entry in entries_having(ctx, _SOURCE_FLAG):
        if "sourceflag" not in entry.first_fields():
            continue  # most entries: known from the index, without a pass over the fields
        for field in entry.fields:
            if field.name == "sourceflag" and field.value.strip():
                flag = field.value.strip()
                if len(flag) > 500:  # a flag is a sentence; anything longer is clipped
                    flag = _("{start}… ({length} characters)").format(
                        start=flag[:499], length=len(flag)
                    )
                message = _("the source flags this reference: {flag}").format(flag=flag)
                yield Report(entry.location_of(field), message, entry.key)
