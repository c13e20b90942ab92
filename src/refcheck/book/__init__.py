"""Sphinx extension: citations as Wikipedia shows them, in the HTML (and EPUB) book.

- Each citation number of sphinxcontrib-bibtex (``span.bibtex-citation``) is set raised and
  small, ``[n]``, and never starts a line: a word joiner ties it to the word it supports.
- Hovering, focusing or tapping a citation shows its reference in a popup, from the tooltip
  text sphinxcontrib-bibtex writes into the link's ``title`` (``bibtex_tooltips``, on by
  default). A mouse click or Enter still follows the link to the bibliography, so the
  back-links of ``refcheck.backlinks`` keep working; on a touch screen the first tap opens
  the popup, which offers the link.

- The bibliography is no ARIA list without list items: docutils marks the entries'
  container ``role="list"`` and each entry ``role="doc-biblioentry"``, which does not count
  as a list item (axe-core: aria-required-children, critical). The container loses the role;
  the entries keep theirs.

- EPUB pages say their language: Sphinx's epub3 builder writes ``<html>`` without
  ``lang``/``xml:lang`` (its fixed ``html_tag``), so readers and screen readers guessed.

Use: ``extensions = ["sphinxcontrib.bibtex", "refcheck.book"]``. It adds one stylesheet and,
for HTML builders that run scripts, one deferred script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from refcheck import __version__

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "refcheck-citations.css"
SCRIPT = "refcheck-citations.js"


def _add_static_files(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    # builder-inited is the last moment html_static_path is read (sphinx-copybutton does
    # the same); the folder holds only this extension's two files.
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file(STYLESHEET)
    if not app.builder.name.startswith("epub"):  # EPUB readers need not run scripts
        app.add_js_file(SCRIPT, defer="defer")


# What docutils' HTML5 writer puts around the citations; a plain string, replaced whole.
CITATION_LIST = '<div role="list" class="citation-list">'
CITATION_LIST_WITHOUT_ROLE = '<div class="citation-list">'


def _page_fixes(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The EPUB page's language and the bibliography's roles (see the module's doc)."""
    tag, language = context.get("html_tag"), app.config.language
    if isinstance(tag, str) and language and " lang=" not in tag:
        context["html_tag"] = tag.replace(
            "<html ", f'<html lang="{language}" xml:lang="{language}" ', 1
        )
    body = context.get("body")
    if isinstance(body, str) and CITATION_LIST in body:
        context["body"] = body.replace(CITATION_LIST, CITATION_LIST_WITHOUT_ROLE)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _add_static_files)
    app.connect("html-page-context", _page_fixes)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
