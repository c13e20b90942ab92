"""Which entries of which bib file the project's citations and bibliographies use.

``analyse(project)`` gives the set of ``(bib file label, key lower-cased)`` that some
citation names or some ``bibliography`` directive shows (see
:mod:`refcheck.sources.bibliography` for what a directive shows), and the directives
whose filter sphinxcontrib-bibtex could not evaluate, in one pass over the entries.
"""

from __future__ import annotations

import ast

from refcheck.model import BibFile, Citation
from refcheck.sources.bibliography import (
    DEFAULT_FILTER,
    Bibliography,
    EntryFacts,
    FilterError,
    compile_filter,
    evaluate,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from refcheck.rules.registry import Project

_FOOT_ROLES = ("footcite",)


class BibliographyUse:
    """What the project's citations and bibliographies use, worked out once for the
    rules that ask (unused-entry, invalid-bibliography-filter)."""

    __slots__ = ("shown", "errors")

    def __init__(self) -> None:
        # (bib file label, key lower-cased) of every entry cited or shown.
        self.shown: set[tuple[str, str]] = set()
        # Each directive whose filter cannot be read or fails on an entry, with why.
        self.errors: dict[Bibliography, str] = {}


def analyse(project: Project) -> BibliographyUse:
    use = BibliographyUse()
    cited = {citation.key.lower() for citation in project.citations}
    cited |= _cited_by_doi(project)
    cite_docnames = _cite_docnames(project)
    for bib in project.bibfiles:
        for entry in bib.entries:
            if entry.key.lower() in cited:
                use.shown.add((bib.path, entry.key.lower()))
    for bibliography in project.bibliographies:
        for bib in project.bibfiles:
            if bibliography.covers(bib.path):
                _show(use, bibliography, bib, cited, cite_docnames)
        if bibliography not in use.errors and bibliography.filter not in _NO_EVALUATION:
            try:
                compile_filter(bibliography.filter)
            except FilterError as exc:  # a filter over no entries is still broken
                use.errors[bibliography] = str(exc)
    return use


def _cited_by_doi(project: Project) -> set[str]:
    """Keys (lower-cased) of the entries MyST-MD's DOI citations (``[@10.x/y]``) name."""
    from refcheck.matching.normalize import normalize_doi
    from refcheck.sources.mystmd import ROLES, cited_doi

    dois = {
        doi
        for citation in project.citations
        if citation.role in ROLES and (doi := cited_doi(citation.key))
    }
    if not dois:
        return set()
    keys = set()
    for entry in project.entries():
        field = entry.first_fields().get("doi")
        if field is not None and normalize_doi(field.value) in dois:
            keys.add(entry.key.lower())
    return keys


def shown_entries(project: Project) -> set[tuple[str, str]]:
    return analyse(project).shown


# Filters whose meaning needs no evaluation (and the default, which is always valid).
_NO_EVALUATION = (DEFAULT_FILTER, "True", "not cited")


def _show(
    use: BibliographyUse,
    bibliography: Bibliography,
    bib: BibFile,
    cited: set[str],
    cite_docnames: dict[str, frozenset[str]],
) -> None:
    prefix = bibliography.keyprefix.lower()
    listed = {key.lower() for key in bibliography.keys}
    expression: ast.expr | None = None
    if bibliography.filter != DEFAULT_FILTER:  # "cited" shows what the citations name
        try:
            expression = compile_filter(bibliography.filter)
        except FilterError as exc:
            use.errors.setdefault(bibliography, str(exc))  # falls back to "cited"
    for entry in bib.entries:
        key = entry.key.lower()
        if key in listed or (prefix and prefix + key in cited):
            use.shown.add((bib.path, key))
            continue
        if expression is None:
            continue
        try:
            shown = evaluate(expression, _facts(bibliography, entry, cite_docnames))
        except FilterError as exc:
            use.errors.setdefault(bibliography, str(exc))
            shown = bool(cite_docnames.get(bibliography.keyprefix + entry.key))
        if shown:
            use.shown.add((bib.path, key))


def _facts(
    bibliography: Bibliography, entry: object, cite_docnames: dict[str, frozenset[str]]
) -> EntryFacts:
    from refcheck.model import Entry

    assert isinstance(entry, Entry)
    docnames = cite_docnames.get(bibliography.keyprefix + entry.key, frozenset())
    return EntryFacts(entry, bibliography.docname, docnames)


def _cite_docnames(project: Project) -> dict[str, frozenset[str]]:
    """The docnames citing each key with a ``cite`` role (``footcite`` does not count
    for ``cited``: sphinxcontrib-bibtex keeps foot citations apart)."""
    found: dict[str, set[str]] = {}
    for citation in project.citations:
        if citation.role.startswith(_FOOT_ROLES):
            continue
        found.setdefault(citation.key, set()).add(_docname(project, citation))
    return {key: frozenset(names) for key, names in found.items()}


def _docname(project: Project, citation: Citation) -> str:
    docname = project.docnames.get(citation.path)
    if docname is None:
        path = citation.path
        docname = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return docname
