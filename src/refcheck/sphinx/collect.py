"""Event handlers of the read phase: collect each document's citations, purge, merge.

``cite`` roles are taken from the doctree (sphinxcontrib-bibtex's ``pending_xref``
nodes of the ``cite`` domain, with their targets and lines).  ``footcite`` roles are
turned into footnotes while the document is parsed and leave no key in the doctree, so
they are taken from the source with the CLI's own scanner, which also gives the exact
line and column of each doctree citation (MyST only knows its paragraph's line).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from refcheck.documents import citation_keys, scan_document
from refcheck.model import Citation
from refcheck.sphinx.state import CollectedDocument, state_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def collect_citations(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: note the document's source and its citations."""
    env = app.env
    docname = env.docname
    path = str(env.doc2path(docname))
    text = _read_source(path)
    scanned = scan_document(path, text).citations
    citations = _placed(_doctree_citations(doctree, path), scanned)
    citations += [c for c in scanned if c.role.startswith("footcite")]
    state_of(env).documents[docname] = CollectedDocument(path, text, citations)


def purge_document(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``."""
    state_of(env).purge(docname)


def merge_documents(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: take over what a parallel reader collected."""
    state_of(env).merge(set(docnames), state_of(other))


def _doctree_citations(doctree: nodes.document, path: str) -> list[Citation]:
    found = []
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") != "cite":
            continue
        line = _line_of(node)
        role = "cite:" + str(node.get("reftype", "p"))
        for key, _offset in citation_keys(str(node.get("reftarget", ""))):
            found.append(Citation(key, path, line, 1, role))
    return found


def _placed(citations: list[Citation], scanned: list[Citation]) -> list[Citation]:
    """The doctree's citations at their exact place in the source.

    MyST gives an inline role the line of its paragraph; the source scanner knows the
    role's own line and column.  Each doctree citation takes the first unused scanned
    citation of its key at or after its line; one the source does not show (generated
    or included text) keeps the doctree's line.
    """
    used: set[int] = set()
    placed = []
    for citation in citations:
        index = next(
            (
                i
                for i, candidate in enumerate(scanned)
                if i not in used
                and candidate.key == citation.key
                and candidate.line >= citation.line
            ),
            None,
        )
        if index is None:
            placed.append(citation)
        else:
            used.add(index)
            placed.append(scanned[index])
    return placed


def _line_of(node: nodes.Node) -> int:
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return int(current.line)
        current = current.parent
    return 1


def _read_source(path: str) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ""
