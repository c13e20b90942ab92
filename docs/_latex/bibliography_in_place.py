"""Keep the LaTeX bibliography where the bibliography directive stands.

Sphinx's LaTeX builder gathers every citation into one ``thebibliography`` node at the very end
of the document. The book's 出典 chapter holds the directive, and an appendix may follow it:
the list would then land under the appendix and leave 出典 an empty heading. Mark the place of
the first citation before Sphinx gathers them, and put the gathered list back there.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.builders.latex.transforms import BibliographyTransform
from sphinx.transforms.post_transforms import SphinxPostTransform


class bibliography_place(nodes.Element):  # lower case, as docutils names its nodes
    """Where the bibliography belongs; replaced by it before the writer runs."""


class MarkBibliographyPlace(SphinxPostTransform):
    default_priority = BibliographyTransform.default_priority - 1
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        first = next(self.document.findall(nodes.citation), None)
        if first is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class MoveBibliographyToItsPlace(SphinxPostTransform):
    default_priority = BibliographyTransform.default_priority + 1
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        place = next(self.document.findall(bibliography_place), None)
        if place is None:
            return
        gathered = next(self.document.findall(thebibliography), None)
        if gathered is None:
            place.parent.remove(place)
            return
        gathered.parent.remove(gathered)
        chapter = _enclosing_chapter(place)
        place.replace_self(gathered)
        if chapter is not None and chapter.parent is not None:
            # Chapters run on in this book (bookpdf.sty); the back matter, from the
            # bibliography's chapter on, starts a new page. A list that began half-way down
            # a page beside body text also confused text extraction (pdftotext) about
            # which lines follow which.
            chapter.parent.insert(
                chapter.parent.index(chapter), nodes.raw("", r"\clearpage", format="latex")
            )


def _enclosing_chapter(node: nodes.Node) -> nodes.section | None:
    """The chapter holding node: the outermost section of its own document (Sphinx joins the
    documents into one tree, each under a start_of_file node)."""
    chapter = None
    parent = node.parent
    while parent is not None and not isinstance(parent, addnodes.start_of_file):
        if isinstance(parent, nodes.section):
            chapter = parent
        parent = parent.parent
    return chapter


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(MarkBibliographyPlace)
    app.add_post_transform(MoveBibliographyToItsPlace)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
