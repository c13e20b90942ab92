"""Citation rules: keys cited in the documents against entries defined in the .bib files."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from refcheck.i18n import _
from refcheck.model import Location, Severity
from refcheck.rules.registry import Context, Project, Report, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from refcheck.sources.shown import BibliographyUse

# Suggesting a close key costs a scan of all keys; cap it for documents full of typos.
_MAX_SUGGESTIONS = 200


@rule("C001", Severity.ERROR)
def check_undefined_citation(ctx: Context) -> Iterator[Report]:
    """Reports a key cited in a document that no `.bib` file defines.

    ## What it does
    Reads every citation role of sphinxcontrib-bibtex in the MyST and reST documents --
    `{cite}`, `{cite:p}`, `{cite:t}`, `{footcite}`, ..., and `:cite:p:` in reST, with several
    keys per role and `{pre}key{post}` texts -- and reports each key that is not the key of
    an entry, at the place of the citation. Keys are compared case-insensitively, as pybtex
    does. A close existing key is suggested.

    ## Why is this bad?
    Sphinx renders an undefined citation as a broken reference and only warns, so a book
    can be published with citations that point nowhere.

    ## Example
    ```markdown
    Troops arrived in October {cite:p}`smith2042`.
    ```

    ## Use instead
    ```markdown
    Troops arrived in October {cite:p}`smith2024`.
    ```

    ## Options
    None.
    """
    project = ctx.project
    if not project.citations:
        return  # a run of .bib files only: no key map to build
    # Imported here: a run of .bib files only need not load the source readers.
    from refcheck.sources.mystmd import NARRATIVE, cited_doi
    from refcheck.sources.mystmd import ROLES as MYSTMD_ROLES

    defined: dict[str, str] = {}
    for entry in project.entries():
        defined.setdefault(entry.key.lower(), entry.key)
    prefixed = _prefixed_keys(project)
    suggestions = 0
    for citation in project.citations:
        lowered = citation.key.lower()
        if lowered in defined or lowered in prefixed:
            continue
        if citation.role in MYSTMD_ROLES and (
            citation.role == NARRATIVE or cited_doi(citation.key)
        ):
            # MyST-MD reads "@word" as a citation only when a .bib defines it, and
            # resolves DOI keys itself (from the entry with that doi, else doi.org).
            continue
        message = _("citation of undefined key {key!r}").format(key=citation.key)
        if citation.where:
            message += _(" ({where})").format(where=citation.where)
        if suggestions < _MAX_SUGGESTIONS:
            suggestions += 1
            close = difflib.get_close_matches(lowered, defined, n=1, cutoff=0.8)
            if close:
                message += _(" (did you mean {key!r}?)").format(key=defined[close[0]])
        yield Report(citation.location, message, citation.key)


def _bibliography_use(ctx: Context) -> BibliographyUse:
    """What the citations and bibliographies use, worked out once per run."""
    # Imported here: a run of .bib files only need not load the source readers.
    from refcheck.sources.shown import analyse

    use = ctx.cache.get("bibliography-use")
    if use is None:
        use = ctx.cache["bibliography-use"] = analyse(ctx.project)
    return use


def _prefixed_keys(project: Project) -> set[str]:
    """``keyprefix + key`` (lower-cased) for every entry of every bibliography with a
    ``:keyprefix:``: the keys its citations use (sphinxcontrib-bibtex's local keys)."""
    found: set[str] = set()
    for bibliography in project.bibliographies:
        if not bibliography.keyprefix:
            continue
        prefix = bibliography.keyprefix.lower()
        for bib in project.bibfiles:
            if bibliography.covers(bib.path):
                found.update(prefix + entry.key.lower() for entry in bib.entries)
    return found


@rule("C002", Severity.WARNING)
def check_unused_entry(ctx: Context) -> Iterator[Report]:
    """Reports an entry that nothing cites and no bibliography shows.

    ## What it does
    Reports each `.bib` entry that no citation names (keys compared case-insensitively;
    `{cite}`, `{footcite}`, reST roles, MyST-MD `[@key]`, in documents, notebooks and
    Python files) and that no `bibliography` directive shows, worked out per bib file
    as sphinxcontrib-bibtex does: a directive shows the entries of its bib files (its
    argument, else all) that pass its filter -- `:all:`, `:notcited:`, `:filter:`
    expressions on `type`, `key`, `cited`, `docname`, `docnames` and fields -- plus
    the keys listed in its body; `:keyprefix:` citations count for their entry. So an
    `:all:` bibliography of one bib file says nothing about the entries of another. It
    is silent when the checked documents neither cite anything nor hold a bibliography
    (only `.bib` files given): then nothing can be said about what is cited.

    ## Why is this bad?
    An entry nobody cites is either dead weight or, more often, the sign of a citation that
    was lost or misspelt while editing: the sentence that needed the source no longer has it.

    ## Example
    ```bibtex
    @article{smith2024, title = {Cited nowhere}, date = {2024-01-01}}
    ```

    ## Use instead
    Cite the entry where its claim is made (`{cite:p}`smith2024``), or delete it.

    ## Options
    None.
    """
    project = ctx.project
    if project.cites_all and not project.bibliographies:
        return  # a caller that only knows "some bibliography shows everything"
    if not project.sources_known:
        return  # the documents the build reads are not known (refcheck.project)
    if not project.citations and not project.bibliographies:
        return
    shown = _bibliography_use(ctx).shown
    for bib in project.bibfiles:
        for entry in bib.entries:
            if (bib.path, entry.key.lower()) not in shown:
                message = _("entry {key!r} is never cited").format(key=entry.key)
                yield Report(entry.location, message, entry.key)


@rule("C004", Severity.WARNING)
def check_invalid_bibliography_filter(ctx: Context) -> Iterator[Report]:
    """Reports a `bibliography` directive whose `:filter:` cannot be evaluated.

    ## What it does
    Reads the `:filter:` of every `bibliography` directive as sphinxcontrib-bibtex
    does -- one expression of `and`, `or`, `not`, one comparison, `%` (regular
    expression search), `|`/`&` on sets, constants and the names `type`, `key`,
    `cited`, `docname`, `docnames`, `author`, `editor` and field names -- and reports a
    filter that is not such an expression, or that fails on one of the entries it is
    applied to (a comparison of a string with a number, a broken regular expression).
    The expression is parsed and walked, never executed.

    ## Why is this bad?
    sphinxcontrib-bibtex then ignores the filter and shows only the cited entries, so
    the entries the filter was written to list are silently missing from the page.

    ## Example
    ```rst
    .. bibliography::
       :filter: year > 2000 and
    ```

    ## Use instead
    ```rst
    .. bibliography::
       :filter: year > "2000"
    ```

    ## Options
    None.
    """
    if not ctx.project.bibliographies:
        return
    for bibliography, reason in _bibliography_use(ctx).errors.items():
        message = _(
            "the :filter: {filter!r} cannot be evaluated: {reason}; "
            "sphinxcontrib-bibtex shows only the cited entries instead"
        ).format(filter=bibliography.filter, reason=reason)
        yield Report(Location(bibliography.path, bibliography.line), message)
