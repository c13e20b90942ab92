r"""The back-link node: a link from a bibliography entry to one place that cites it.

It names the citing document and the anchor there; the HTML visitor makes the URL relative
to the page being written (so ``html``, ``dirhtml``, ``singlehtml`` and ``epub`` each get
theirs) and adds the ``aria-label``, for which docutils' references have no place.  The
LaTeX visitor links to the ``\hypertarget`` of the same name (LaTeX builds one document).
It is only ever inserted for HTML and LaTeX builders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


class backlink(nodes.Inline, nodes.TextElement):  # docutils names nodes in lower case
    """Attributes: ``refdoc`` and ``anchor`` (the citing place), ``label`` (aria-label)."""


def visit_backlink(self: HTML5Translator, node: backlink) -> None:
    here = self.builder.current_docname
    page = "" if node["refdoc"] == here else self.builder.get_relative_uri(here, node["refdoc"])
    if page.startswith("#"):  # one page holds every document (singlehtml)
        page = ""
    attributes = {
        "href": f"{page}#{node['anchor']}",
        "role": "doc-backlink",
        "aria-label": node["label"],
    }
    self.body.append(self.starttag(node, "a", "", **attributes))


def depart_backlink(self: HTML5Translator, node: backlink) -> None:
    self.body.append("</a>")


def visit_backlink_latex(self: LaTeXTranslator, node: backlink) -> None:
    self.body.append(f"\\hyperlink{{{node['anchor']}}}{{")


def depart_backlink_latex(self: LaTeXTranslator, node: backlink) -> None:
    self.body.append("}")
