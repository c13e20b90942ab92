"""Citing places: every ``cite`` role of every document, numbered per key in reading order.

The read phase records, per document, the keys of each sphinxcontrib-bibtex citation node
in document order and marks the node with its position.  Once all documents are read, the
n-th place (in reading order) that cites a key gets the anchor ``citeref-<key>-<n>``.  The
record is plain data kept in the environment: pickled, purged per document and merged back
from parallel readers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from refcheck.env_state import env_state

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

POSITION = "citeref_position"  # attribute of a recorded citation node: its index in the list
_ATTRIBUTE = "refcheck_citing_places"


@dataclass(frozen=True, slots=True)
class Place:
    """One key cited at one citation node."""

    docname: str
    position: int  # index of the citation node among its document's citation nodes
    key: str
    number: int  # this is the key's number-th citing place in reading order (from 1)

    @property
    def anchor(self) -> str:
        return nodes.make_id(f"citeref-{self.key}-{self.number}")


@dataclass(slots=True)
class CitingPlaces:
    # docname -> the keys of each citation node, in document order
    documents: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    # Every place in reading order, as numbered after the last read phase.
    numbered: list[Place] = field(default_factory=list)

    def purge(self, docname: str) -> None:
        self.documents.pop(docname, None)

    def merge(self, docnames: set[str], other: CitingPlaces) -> None:
        for docname in docnames & other.documents.keys():
            self.documents[docname] = other.documents[docname]

    def number(self, reading_order: list[str]) -> list[Place]:
        counts: Counter[str] = Counter()
        numbered = []
        for docname in reading_order:
            for position, keys in enumerate(self.documents.get(docname, ())):
                for key in keys:
                    counts[key] += 1
                    numbered.append(Place(docname, position, key, counts[key]))
        return numbered


def citing_places(env: BuildEnvironment) -> CitingPlaces:
    return env_state(env, _ATTRIBUTE, CitingPlaces)


def citation_nodes(doctree: nodes.Node) -> Iterator[addnodes.pending_xref]:
    """sphinxcontrib-bibtex's unresolved ``cite`` roles (not ``footcite``: those are footnotes
    with docutils' own back-references)."""
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") == "cite":
            yield node


def cited_keys(node: addnodes.pending_xref) -> tuple[str, ...]:
    try:
        return tuple(target.key for target in parse_citation_targets(node["reftarget"]))
    except ValueError:  # sphinxcontrib-bibtex has rejected it already, while parsing
        return ()


def record_places(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``."""
    keys = []
    for position, node in enumerate(citation_nodes(doctree)):
        node[POSITION] = position
        keys.append(cited_keys(node))
    citing_places(app.env).documents[app.env.docname] = keys


def purge_places(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``."""
    citing_places(env).purge(docname)


def merge_places(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: take over what a parallel reader recorded."""
    citing_places(env).merge(set(docnames), citing_places(other))


def number_places(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: number the places; when any number or anchor moved, every page
    that shows one (citing pages and bibliographies) is written again."""
    places = citing_places(env)
    numbered = places.number(reading_order(env))
    if numbered == places.numbered:
        return []
    places.numbered = numbered
    return sorted({place.docname for place in numbered} | _bibliography_docs(env))


def reading_order(env: BuildEnvironment) -> list[str]:
    """Documents as a reader meets them: the root, then each "next" page; then the rest."""
    relations = env.collect_relations()
    order: list[str] = []
    docname: str | None = env.config.root_doc
    while docname is not None and docname in relations and docname not in order:
        order.append(docname)
        docname = relations[docname][2]
    return order + sorted(env.found_docs - set(order))


def _bibliography_docs(env: BuildEnvironment) -> set[str]:
    domain = env.get_domain("cite")
    return {key.docname for key in domain.data["bibliographies"]}
