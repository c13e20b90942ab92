"""Event handlers of the read phase: collect each document's citations, purge, merge.

``cite`` roles are taken from the doctree (sphinxcontrib-bibtex's ``pending_xref``
nodes of the ``cite`` domain, with their targets and lines).  ``footcite`` roles are
turned into footnotes while the document is parsed and leave no key in the doctree, so
they are taken from the source with the CLI's own scanner, which also gives the exact
line and column of each doctree citation (MyST only knows its paragraph's line).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from refcheck.model import Citation
from refcheck.sources import kind_of, scan_text
from refcheck.sources.documents import citation_keys
from refcheck.sources.natbib import is_natbib_extension, natbib_keys
from refcheck.sphinx.state import CollectedDocument, state_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def collect_citations(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: note the document's source and its citations."""
    env = app.env
    path = os.path.abspath(env.doc2path(env.docname))
    natbib = any(is_natbib_extension(name) for name in app.extensions)
    cited = _doctree_citations(doctree, path, natbib)
    sources = {path: _read_source(path)}
    for citation in cited:
        if citation.path not in sources:
            sources[citation.path] = _read_source(citation.path)
    scanned = [c for p, text in sources.items() for c in _scan(p, text, path, natbib)]
    citations = _placed(cited, scanned)
    citations += [c for c in scanned if c.role.startswith("footcite")]
    state_of(env).documents[env.docname] = CollectedDocument(sources, citations)


def purge_document(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``."""
    state_of(env).purge(docname)


def merge_documents(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: take over what a parallel reader collected."""
    state_of(env).merge(set(docnames), state_of(other))


def _doctree_citations(doctree: nodes.document, path: str, natbib: bool) -> list[Citation]:
    """The doctree's ``cite`` targets, split as the extension that made them splits them
    (sphinx-natbib's ``key [pre][post]``, else sphinxcontrib-bibtex's ``{pre}key{post}``)."""
    keys_of = natbib_keys if natbib else citation_keys
    found = []
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") != "cite":
            continue
        source, line = _source_and_line(node)
        role = "cite:" + str(node.get("reftype", "p"))
        for key, _offset in keys_of(str(node.get("reftarget", ""))):
            # A citation in an included file is located in that file.
            found.append(Citation(key, os.path.abspath(source or path), line, 1, role))
    return found


def _placed(citations: list[Citation], scanned: list[Citation]) -> list[Citation]:
    """The doctree's citations at their exact place in the source.

    MyST gives an inline role the line of its paragraph; the source scanner knows the
    role's own line and column.  Each doctree citation takes the first unused scanned
    citation of its file and key at or after its line; one the source does not show
    (generated text) keeps the doctree's place.
    """
    by_target: dict[tuple[str, str], list[int]] = {}
    for i, candidate in enumerate(scanned):
        by_target.setdefault((candidate.key, candidate.path), []).append(i)
    used: set[int] = set()
    placed = []
    for citation in citations:
        index = next(
            (
                i
                for i in by_target.get((citation.key, citation.path), ())
                if i not in used and scanned[i].line >= citation.line
            ),
            None,
        )
        if index is None:
            placed.append(citation)
        else:
            used.add(index)
            placed.append(scanned[index])
    return placed


def _scan(path: str, text: str, document: str, natbib: bool = False) -> list[Citation]:
    """The citations of a source file (a notebook's cells too), read as MyST or reST
    like the ``document`` that includes it when its own name does not say
    (``part.inc``)."""
    kind = kind_of(path) or kind_of(document) or "myst"
    try:
        return scan_text(path, text, kind, natbib=natbib).citations
    except ValueError:
        return []  # Sphinx (or MyST-NB) reports a source it cannot read


def _source_and_line(node: nodes.Node) -> tuple[str | None, int]:
    """The file and the line of ``node``, each from the nearest of it and its ancestors
    that has one (line 1 when none has)."""
    source: str | None = None
    line = 0
    current: nodes.Node | None = node
    while current is not None and not (source and line):
        source = source or getattr(current, "source", None)
        line = line or current.line or 0
        current = current.parent
    return (str(source) if source else None), line or 1


def _read_source(path: str) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ""
