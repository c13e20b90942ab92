"""Sphinx extension: Japanese full-text search that finds every word the reader types.

Sphinx indexes Japanese with TinySegmenter, but the search box does not segment the query
(sphinx-doc/sphinx#13395), drops one-character tokens, and its AND check counts terms. Even a
query segmented like the index cannot be sound, because TinySegmenter splits a compound
differently depending on its neighbours: 「朝鮮人民軍第11軍団」 becomes 朝鮮/人民/軍第/1/1/軍/団,
so no token of 第11軍団 is left in the index. This extension therefore matches words, not
tokens: it ships each page's searchable text (the same doctree text Sphinx indexes) and replaces
the full-text step of ``searchtools.js`` so that a page is a result exactly when it contains
every query word.

Use: ``extensions = ["refcheck.ja_search"]``. It acts only on HTML builders with search
enabled and a Japanese search language; elsewhere it does nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from refcheck import __version__
from refcheck.ja_search.pagetext import (
    TEXTS_FILE,
    install_static_file,
    is_active,
    store_page_text,
    write_texts_script,
)

STATIC_DIR = Path(__file__).parent / "static"
SEARCH_SCRIPT = "ja_search.js"


def _on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not is_active(app):
        return
    if doctree is not None:
        store_page_text(app, pagename, doctree)
    if pagename == "search":
        # The search page is rendered after every document page, so all texts are stored;
        # writing the files now lets Sphinx add checksums to their URLs (no stale caches).
        # (Copied here rather than via html_static_path, which would change the config.)
        write_texts_script(app)
        install_static_file(app, STATIC_DIR / SEARCH_SCRIPT)
        # Deferred scripts run after searchtools.js and before Search.init (DOMContentLoaded),
        # in document order: the texts first, then the code that reads them.
        app.add_js_file(TEXTS_FILE, priority=900, defer="defer")
        app.add_js_file(SEARCH_SCRIPT, priority=901, defer="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _on_page_context)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
