"""Sphinx configuration of the book 「北朝鮮のロシア派兵」 (HTML; PDF settings near the end)."""

from __future__ import annotations

# -- The source and its licence (shared by the front page, the footer and the PDF) ------------
SOURCE_TITLE = "北朝鮮のロシア派兵"
SOURCE_SITE = "ウィキペディア日本語版"
SOURCE_URL = "https://ja.wikipedia.org/wiki/北朝鮮のロシア派兵"
SOURCE_REVISION = "2025-04-26 14:11 UTC"
SOURCE_AUTHORS = "ウィキペディアの執筆者 (Wikipedia contributors)"
LICENSE_NAME = "CC BY-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.ja"

# -- Project -----------------------------------------------------------------------------------
project = SOURCE_TITLE
author = SOURCE_AUTHORS
copyright = f"{SOURCE_AUTHORS}, {LICENSE_NAME}"
language = "ja"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# -- Citations ---------------------------------------------------------------------------------
# refs.bib is written by `refcheck import` (plus documented curation); entry n is reference [n].
bibtex_bibfiles = ["../refs.bib"]
bibtex_encoding = "utf-8"
# The jawiki style (refcheck.style, registered by entry point) prints entries as the source
# does and numbers them in order of first citation.
bibtex_default_style = "jawiki"
bibtex_reference_style = "label"
# Stable anchors: references.html#cite-<key> is entry <key> of the bibliography.
bibtex_cite_id = "cite-{key}"
bibtex_bibliography_id = "bibliography-{bibliography_count}"

# -- HTML --------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = SOURCE_TITLE
html_last_updated_fmt = None
html_theme_options = {
    "show_toc_level": 2,
}

# --- LaTeX / PDF (issue 5) ---
# (Filled in by the PDF work: latex_engine, latex_documents, latex_elements, ...)
# --- end LaTeX / PDF ---
