"""Data-model rules: entry types and fields no data model knows, the fields biblatex
requires per type, and entry types the configured pybtex style cannot format."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import lru_cache

from refcheck.bib.vocabulary import KNOWN_ENTRY_TYPES
from refcheck.datamodel import biblatex, exporters
from refcheck.datamodel.pybtex_styles import StyleNotFound, can_format, formattable_types
from refcheck.i18n import _
from refcheck.model import Entry, Location, Severity
from refcheck.rules.fields import _broken_entries, _has, _may_lack_fields
from refcheck.rules.registry import Context, Report, rule

_KNOWN_TYPES = KNOWN_ENTRY_TYPES | exporters.KNOWN_TYPES
_KNOWN_FIELDS = biblatex.FIELDS | frozenset(biblatex.FIELD_ALIASES) | exporters.FIELDS


@rule("M001", Severity.WARNING, reads=(), per_entry=True)
def check_unknown_entry_type(ctx: Context) -> Iterator[Report]:
    """Reports an entry type that neither BibTeX nor biblatex defines.

    ## What it does
    Reports each entry whose type is not one of BibTeX's, biblatex's (regular types,
    aliases such as `@conference` and `@www`, the "unsupported" types such as `@letter`
    that styles may handle, `@customa`..`@customf`), IEEEtran's `@IEEEtranBSTCTL` control
    entry, or biblatex-software's types.  Exporters' own types (`@web_page`, `@Talk`,
    `@CONVERSATION`) are reported with the standard type to use.  The entry is still
    read: every other rule checks it (pybtex and bibtexparser read it too).

    ## Why is this bad?
    BibTeX warns "entry type … isn't style-file defined" and formats it as `@misc`;
    biber warns and treats it as `@misc`; pybtex styles stop with an error when the entry
    is cited (see `unformattable-entry-type`).  The data the type was meant to carry (a
    web page's access date, a talk's event) is printed wrong or not at all.

    ## Example
    ```bibtex
    @web_page{a, title = {T}, url = {https://example.org}}
    ```

    ## Use instead
    ```bibtex
    @online{a, title = {T}, url = {https://example.org}}
    ```

    ## Options
    None.
    """
    for entry in ctx.project.entries():
        kind = entry.type
        if not kind or kind in _KNOWN_TYPES:
            continue
        suggestion = exporters.LIKELY_TYPES.get(kind)
        if suggestion is None:
            close = difflib.get_close_matches(kind, sorted(_KNOWN_TYPES), n=1, cutoff=0.8)
            suggestion = close[0] if close else "misc"
        message = _(
            "unknown entry type '@{type}' for entry '{key}': BibTeX and biblatex "
            "define no such type and format it as @misc at best; use @{suggestion}"
        ).format(type=kind, key=entry.key, suggestion=suggestion)
        yield Report(entry.location, message, entry.key)


@rule("M002", Severity.INFO, enabled_by_default=False, per_entry=True)
def check_unknown_field(ctx: Context) -> Iterator[Report]:
    """Reports a field that no data model or common tool defines.

    ## What it does
    Reports a field that is not in biblatex's data model (nor one of its aliases such as
    `journal` or `school`), not a field of the classic BibTeX styles and their usual
    extensions (`doi`, `url`, `isbn`, `mrnumber`, IEEEtran's `ctl_*`), and not one that
    common reference managers write for their own use (JabRef's `owner`, Mendeley's
    `mendeley-tags`, BibDesk's `bdsk-url-1`, Web of Science's `times-cited`, ...).  When
    a known field is spelt almost the same (`tittle`, `jounral`), the message names it.
    Turn it on with `extend-select = ["unknown-field"]`.

    ## Why is this bad?
    biber ignores a field its data model does not declare ("Field 'x' invalid in data
    model - ignoring") and BibTeX styles never print it, so a misspelt field silently
    drops the title, journal or pages.  It is off by default because private fields
    are legitimate (measured: most unknown fields in real bibliographies are a tool's
    own bookkeeping), so on a large file it mostly lists those.

    ## Example
    ```bibtex
    @article{a, tittle = {T}, journaltitle = {J}, date = {2024}}
    ```

    ## Use instead
    ```bibtex
    @article{a, title = {T}, journaltitle = {J}, date = {2024}}
    ```

    ## Options
    None.
    """
    for entry in ctx.project.entries():
        control = entry.type == "ieeetranbstctl"
        for name, field in entry.first_fields().items():
            if name in _KNOWN_FIELDS or (
                control and name.startswith(exporters.CONTROL_FIELD_PREFIX)
            ):
                continue
            close = _closest_field(name)
            if close:
                message = _(
                    "field '{name}' is in no data model: styles never print it "
                    "(did you mean '{close}'?)"
                )
            else:
                message = _("field '{name}' is in no data model: styles never print it")
            message = message.format(name=name, close=close)
            yield Report(entry.location_of(field), message, entry.key)


def _by_first_letter(names: frozenset[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name in sorted(names):
        grouped.setdefault(name[:1], []).append(name)
    return grouped


_KNOWN_BY_FIRST_LETTER = _by_first_letter(_KNOWN_FIELDS)


@lru_cache(maxsize=1024)
def _closest_field(name: str) -> str | None:
    """The known field spelt almost like ``name``, if any.  Only fields with the same
    first letter and about the same length are compared: difflib over all 400 known
    fields costs milliseconds per name, and a typo rarely hits the first letter."""
    candidates = [
        known
        for known in _KNOWN_BY_FIRST_LETTER.get(name[:1], ())
        if abs(len(known) - len(name)) <= 2
    ]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.8)
    return close[0] if close else None


@rule("M003", Severity.WARNING)
def check_missing_required_field(ctx: Context) -> Iterator[Report]:
    """Reports an entry without a field biblatex's data model requires for its type.

    ## What it does
    Checks the mandatory fields of biblatex's data model (manual §2.1.1) that a style
    cannot do without: the journal of an `@article` (`journaltitle` or `journal`), the
    `booktitle` of the contained types (`@inbook`, `@incollection`, `@inproceedings`,
    ...), the `institution` (or `school`) and `type` of a `@thesis` or `@report` (BibTeX's
    `@phdthesis`, `@mastersthesis` and `@techreport` give the type), the `number` of a
    `@patent`, a `url` (or `doi`, `eprint`) of an `@online`, and a `date` or `year` for
    every dated type but `@article` and `@online` (`missing-field` reports those, and
    the title).  Names are not required: news articles and reports often have no
    author, and biblatex labels them by title.  Inherited fields (`crossref`, `xdata`)
    count, a `crossref` parent's title counts as the booktitle (biblatex's inheritance
    rules), and BibTeX's `@inbook` (a chapter or pages of the book its `title` names)
    needs none; entries the parser could not read whole are skipped.

    ## Why is this bad?
    Without its container a contained work cannot be found ("In: ." is printed), a thesis
    without its institution or type cannot be told from a book, and an undated work
    sorts and labels wrong.  biber lists the same requirements with `--validate-datamodel`,
    but also many optional ones ("publisher invalid for article" made 120 of its 155
    lines on one real project); refcheck keeps only these.

    ## Example
    ```bibtex
    @inproceedings{a, author = {Doe, J.}, title = {T}, date = {2024}}
    ```

    ## Use instead
    ```bibtex
    @inproceedings{a, author = {Doe, J.}, title = {T}, date = {2024},
                   booktitle = {Proceedings of the Workshop}}
    ```

    ## Options
    None.
    """
    broken = _broken_entries(ctx)
    for entry in _may_lack_fields(ctx):
        if id(entry) in broken:
            continue
        kind = biblatex.TYPE_ALIASES.get(entry.type, entry.type)
        for group in biblatex.MANDATORY.get(kind, ()):
            if group == ("type",) and entry.type in biblatex.TYPES_GIVING_TYPE:
                continue
            if group == ("booktitle",) and _booktitle_not_needed(entry):
                continue
            if not _has(entry, group, ctx):
                fields = _(" or ").join(group)
                yield Report(entry.location, _missing(entry, fields), entry.key)
        if kind in biblatex.DATED_TYPES and not _has(entry, ("date", "year"), ctx):
            yield Report(entry.location, _missing(entry, _("date (or year)")), entry.key)


def _booktitle_not_needed(entry: Entry) -> bool:
    """A ``crossref`` parent gives its title as the booktitle (biblatex's inheritance
    rules), and BibTeX's own ``@inbook`` is a chapter or pages of the book its title
    names: neither needs a booktitle."""
    firsts = entry.first_fields()
    if "crossref" in firsts:
        return True
    return entry.type == "inbook" and ("chapter" in firsts or "pages" in firsts)


def _missing(entry: Entry, what: str) -> str:
    return _("@{type} '{key}' has no {what}, which biblatex requires for its type").format(
        type=entry.type, key=entry.key, what=what
    )


@rule("M004", Severity.ERROR, options={"style": str})
def check_unformattable_entry_type(ctx: Context) -> Iterator[Report]:
    """Reports an entry the project's pybtex style cannot format (the Sphinx build crashes).

    ## What it does
    With a pybtex formatting style configured -- in a Sphinx build with
    `refcheck.sphinx`, sphinxcontrib-bibtex's `bibtex_default_style` (default `alpha`);
    on the command line, option `style` -- reports each entry whose type that style has
    no template for: pybtex's `alpha`, `plain`, `unsrt` and `unsrtalpha` format BibTeX's
    types and `@online`, `@dataset`, `@patent`, `@software`, but not biblatex's `@report`,
    `@thesis`, `@collection`, ... .  The answer comes from the installed style class
    itself (its `get_<type>_template` and `format_<type>` methods); a style that
    formats entries its own way (refcheck's `jawiki`) formats every type.  When the
    checked documents cite anything, only cited entries are reported (the others are
    never formatted), all of them with a `:all:` bibliography.  Without a style, the
    rule is silent; a `bibliography` directive's own `:style:` is not read.

    ## Why is this bad?
    sphinxcontrib-bibtex formats every cited entry with the style, and pybtex raises
    `AttributeError: 'Style' object has no attribute 'format_report'` for a type it does
    not know: the whole build stops with a traceback that names neither the entry nor
    the file.

    ## Example
    ```bibtex
    @report{a, title = {Annual report}, institution = {Agency}, type = {Report},
            date = {2024}}
    ```

    ## Use instead
    ```bibtex
    @techreport{a, title = {Annual report}, institution = {Agency}, type = {Report},
                date = {2024}}
    ```

    ## Options
    - `style` (string, default: the Sphinx build's `bibtex_default_style`, none on the
      command line): the pybtex formatting style to check against.
    """
    style = ctx.options.for_rule("unformattable-entry-type", "style", "")
    if not style:
        return
    cited = _cited_keys(ctx)
    reported_style_error = False
    for entry in ctx.project.entries():
        if not entry.type or (cited is not None and entry.key.casefold() not in cited):
            continue
        try:
            formattable = can_format(style, entry.type)
        except StyleNotFound as error:
            if not reported_style_error:
                reported_style_error = True
                message = _("{error}: cannot check entry types").format(error=error)
                yield Report(Location(entry.path, 1, 1), message)
            return
        if not formattable:
            types = ", ".join(f"@{t}" for t in sorted(formattable_types(style)))
            message = _(
                "pybtex style '{style}' cannot format @{type} '{key}': the Sphinx build stops "
                "with \"no attribute 'format_{type}'\" when it is cited; use a type the style "
                "formats ({types})"
            ).format(style=style, type=entry.type, key=entry.key, types=types)
            yield Report(entry.location, message, entry.key)


def _cited_keys(ctx: Context) -> set[str] | None:
    """The cited keys, case-folded; None when every entry counts (nothing cited, as when
    only .bib files are checked, or a bibliography lists all)."""
    project = ctx.project
    if project.cites_all or not project.citations:
        return None
    return {citation.key.casefold() for citation in project.citations}
