r"""The post-transform that joins both ends: anchors at citing places, back-links in entries.

It runs for HTML and LaTeX builders, after sphinxcontrib-bibtex's ``BibliographyTransform``
(priority 5) has made the entries and before Sphinx's ``ReferencesResolver`` (10) replaces
each citation node with its links.  In HTML those keep the node's ids, so the anchor stays on
the citation as the reader sees it; LaTeX writes no anchor for an inline node's ids, so
there a ``\hypertarget`` goes just before the citation.  Each entry gets, at the start of
its text, "^" (cited once) or "^ a b c …" (one letter per citing place, in reading order),
as Wikipedia prints them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from refcheck.backlinks.labels import CARET, aria_label, letter
from refcheck.backlinks.nodes import backlink
from refcheck.backlinks.places import POSITION, Place, citation_nodes, citing_places

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain, Citation


class BacklinksTransform(SphinxPostTransform):
    default_priority = 7
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        numbered = citing_places(self.env).numbered
        self._anchor_citing_places(numbered)
        self._link_entries(numbered)

    def _anchor_citing_places(self, numbered: list[Place]) -> None:
        anchors: dict[tuple[str, int], list[str]] = defaultdict(list)
        for place in numbered:
            anchors[place.docname, place.position].append(place.anchor)
        for node in list(citation_nodes(self.document)):
            self._anchor(node, anchors.get((node.get("refdoc"), node.get(POSITION)), []))

    def _anchor(self, node: nodes.Element, anchors: list[str]) -> None:
        # First: the element's own id, the others go on empty spans before it.
        node["ids"][0:0] = [anchor for anchor in anchors if anchor not in node["ids"]]

    def _link_entries(self, numbered: list[Place]) -> None:
        domain = cast("BibtexDomain", self.env.get_domain("cite"))
        targets = _citation_targets(domain)
        entries = {(c.bibliography_key.docname, c.citation_id): c for c in domain.citations}
        by_key: dict[str, list[Place]] = defaultdict(list)
        for place in numbered:
            by_key[place.key].append(place)
        for entry_node in list(self.document.findall(nodes.citation)):
            ids = entry_node["ids"]
            citation = entries.get((str(entry_node.get("docname")), ids[0] if ids else ""))
            paragraph = next(iter(entry_node.findall(nodes.paragraph)), None)
            if citation is None or paragraph is None:
                continue
            linked = [
                place
                for place in by_key[citation.key]
                if _resolved_entry(targets, place.docname, citation.key) is citation
            ]
            if linked:
                paragraph[0:0] = [backlinks(linked), nodes.Text(" ")]
                # sphinxcontrib-bibtex's same-page back-references (in the label) would
                # repeat ours.
                entry_node["backrefs"] = []


class LatexBacklinksTransform(BacklinksTransform):
    """The same for LaTeX, which writes no anchor for an inline node's ids."""

    formats = ("latex",)

    def _anchor(self, node: nodes.Element, anchors: list[str]) -> None:
        parent = node.parent
        at = parent.index(node)
        parent[at:at] = [_hypertarget(anchor) for anchor in anchors]


def backlinks(places: list[Place]) -> nodes.inline:
    """The entry's marks: "^" linking to its one citing place, or "^ a b …", a letter each."""
    box = nodes.inline(classes=["backlinks"])
    if len(places) == 1:
        box += _link(places[0], nodes.Text(CARET), aria_label(1, 1))
        return box
    box += nodes.Text(CARET)
    for number, place in enumerate(places, start=1):
        letters = nodes.superscript("", letter(number))
        box += [nodes.Text(" "), _link(place, letters, aria_label(number, len(places)))]
    return box


def _hypertarget(anchor: str) -> nodes.raw:
    # Anchors are docutils ids (a-z, 0-9 and hyphens): safe in a LaTeX name as they are.
    return nodes.raw("", f"\\hypertarget{{{anchor}}}{{}}", format="latex")


def _link(place: Place, content: nodes.Node, label: str) -> backlink:
    link = backlink("", "", refdoc=place.docname, anchor=place.anchor, label=label)
    link["classes"].append("backlink")
    link += content
    return link


def _citation_targets(domain: BibtexDomain) -> dict[str, list[Citation]]:
    """The entries a ``cite`` role can resolve to, by key (bibliographies of citations)."""
    targets: dict[str, list[Citation]] = defaultdict(list)
    for citation in domain.citations:
        if domain.bibliographies[citation.bibliography_key].list_ == "citation":
            targets[citation.key].append(citation)
    return targets


def _resolved_entry(targets: dict[str, list[Citation]], docname: str, key: str) -> Citation | None:
    """The entry sphinxcontrib-bibtex links a citation of key in docname to: one in the same
    document first, else any; the last one defined wins in both cases, as it does there."""
    candidates = targets.get(key, [])
    local = [c for c in candidates if c.bibliography_key.docname == docname]
    return (local or candidates)[-1] if candidates else None
