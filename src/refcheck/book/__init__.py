"""Sphinx extension: citations as Wikipedia shows them, in the HTML (and EPUB) book.

- Each citation number of sphinxcontrib-bibtex (``span.bibtex-citation``) is set raised and
  small, ``[n]``, and never starts a line: a word joiner ties it to the word it supports.
- Hovering, focusing or tapping a citation shows its reference in a popup, from the tooltip
  text sphinxcontrib-bibtex writes into the link's ``title`` (``bibtex_tooltips``, on by
  default). A mouse click or Enter still follows the link to the bibliography, so the
  back-links of ``refcheck.backlinks`` keep working; on a touch screen the first tap opens
  the popup, which offers the link.

- Bibliography entries are list items to assistive technology: docutils marks the list
  ``role="list"`` and each entry ``role="doc-biblioentry"``, a role that DPUB-ARIA 1.1
  deprecated and that does not count as a list item (axe-core: aria-required-children).

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


# What docutils' HTML5 writer puts on each citation; a plain string, replaced as a whole.
BIBLIOENTRY_ROLE = ' role="doc-biblioentry"'
LISTITEM_ROLE = ' role="listitem"'


def _entries_as_list_items(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if isinstance(body, str) and BIBLIOENTRY_ROLE in body:
        context["body"] = body.replace(BIBLIOENTRY_ROLE, LISTITEM_ROLE)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _add_static_files)
    app.connect("html-page-context", _entries_as_list_items)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
