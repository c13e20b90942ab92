"""Citation rules: keys cited in the documents against entries defined in the .bib files."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from refcheck.model import Severity
from refcheck.rules.registry import Context, Report, rule

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
    if not ctx.project.citations:
        return  # a run of .bib files only: no key map to build
    defined: dict[str, str] = {}
    for entry in ctx.project.entries():
        defined.setdefault(entry.key.lower(), entry.key)
    suggestions = 0
    for citation in ctx.project.citations:
        if citation.key.lower() in defined:
            continue
        message = f"citation of undefined key {citation.key!r}"
        if suggestions < _MAX_SUGGESTIONS:
            suggestions += 1
            close = difflib.get_close_matches(citation.key.lower(), defined, n=1, cutoff=0.8)
            if close:
                message += f" (did you mean {defined[close[0]]!r}?)"
        yield Report(citation.location, message, citation.key)


@rule("C002", Severity.WARNING)
def check_unused_entry(ctx: Context) -> Iterator[Report]:
    """Reports an entry that no document cites.

    ## What it does
    Reports each `.bib` entry whose key is never cited in the checked documents (keys
    compared case-insensitively). It is silent when a document lists the whole database with
    a `bibliography` directive that has the `:all:` option, and when the checked documents
    cite nothing at all (no documents, or only ones such as a README that are not part of
    a cited text): then nothing can be said about what is cited.

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
    if project.cites_all or not project.citations:
        return
    cited = {c.key.lower() for c in project.citations}
    for entry in project.entries():
        if entry.key.lower() not in cited:
            yield Report(entry.location, f"entry {entry.key!r} is never cited", entry.key)
