"""Which entries of which bib file the project's citations and bibliographies use.

``shown_entries(project)`` is the set of ``(bib file label, key lower-cased)`` that some
citation names or some ``bibliography`` directive shows (see
:mod:`refcheck.sources.bibliography` for what a directive shows); ``filter_errors``
the directives whose filter sphinxcontrib-bibtex could not evaluate.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

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


def shown_entries(project: Project) -> set[tuple[str, str]]:
    used: set[tuple[str, str]] = set()
    cited = {citation.key.lower() for citation in project.citations}
    cite_docnames = _cite_docnames(project)
    for bib in project.bibfiles:
        for entry in bib.entries:
            if entry.key.lower() in cited:
                used.add((bib.path, entry.key.lower()))
    for bibliography in project.bibliographies:
        for bib in project.bibfiles:
            if bibliography.covers(bib.path):
                used.update(_shown_by(bibliography, bib, cited, cite_docnames))
    return used


def filter_errors(project: Project) -> Iterator[tuple[Bibliography, str]]:
    """Each directive whose filter cannot be read or fails on an entry, with why."""
    cite_docnames = _cite_docnames(project)
    for bibliography in project.bibliographies:
        if bibliography.filter in (DEFAULT_FILTER, "True", "not cited"):
            continue
        try:
            expression = compile_filter(bibliography.filter)
            for bib in project.bibfiles:
                if bibliography.covers(bib.path):
                    for entry in bib.entries:
                        facts = _facts(bibliography, entry, cite_docnames)
                        evaluate(expression, facts)
        except FilterError as exc:
            yield bibliography, str(exc)


def _shown_by(
    bibliography: Bibliography,
    bib: BibFile,
    cited: set[str],
    cite_docnames: dict[str, frozenset[str]],
) -> Iterator[tuple[str, str]]:
    prefix = bibliography.keyprefix.lower()
    listed = {key.lower() for key in bibliography.keys}
    expression: ast.expr | None
    if bibliography.filter == DEFAULT_FILTER:
        expression = None  # shows what its citations name: counted with the citations
    else:
        try:
            expression = compile_filter(bibliography.filter)
        except FilterError:
            expression = None  # sphinxcontrib-bibtex falls back to "cited"
    for entry in bib.entries:
        key = entry.key.lower()
        if key in listed or (prefix and prefix + key in cited):
            yield bib.path, key
            continue
        if expression is None:
            continue
        try:
            shown = evaluate(expression, _facts(bibliography, entry, cite_docnames))
        except FilterError:
            shown = bool(cite_docnames.get(bibliography.keyprefix + entry.key))
        if shown:
            yield bib.path, key


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
