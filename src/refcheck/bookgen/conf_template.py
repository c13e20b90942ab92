"""The generated book's ``conf.py``: this repository's docs/conf.py, minus its one article.

Every value that names the article (title, source, revision, licence, language) is a
literal written from the article's data; the rest is the book machinery docs/conf.py uses
(MyST, sphinxcontrib-bibtex with the jawiki style, refcheck's extensions).
"""

from __future__ import annotations

from refcheck.bookgen.article import Article

LICENSE_NAME = "CC BY-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.ja"
SOURCE_AUTHORS = "ウィキペディアの執筆者 (Wikipedia contributors)"

_TEMPLATE = '''"""Sphinx configuration of the book 「{title_doc}」, written by `refcheck book`."""

from __future__ import annotations

# -- The source and its licence (read from the article) ---------------------------------------
SOURCE_TITLE = {title!r}
SOURCE_SITE = {site!r}
SOURCE_URL = {url!r}
SOURCE_REVISION = {revision!r}
SOURCE_AUTHORS = {authors!r}
LICENSE_NAME = {license_name!r}
LICENSE_URL = {license_url!r}

project = SOURCE_TITLE
author = SOURCE_AUTHORS
copyright = f"{{SOURCE_AUTHORS}}, {{LICENSE_NAME}}"
language = {language!r}
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "refcheck.sphinx",  # the audit appendix, and refcheck's findings as build warnings
    "refcheck.ja_search",  # the search box finds every Japanese word
    "refcheck.backlinks",  # "^ a b …" in each entry leads back to its citing places
    "refcheck.book",  # citations as Wikipedia shows them: raised [n], popups
]
source_suffix = {{".md": "markdown"}}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
myst_footnote_transition = False  # the article's notes close each chapter, as footnotes

# -- Citations: refs.bib is written by `refcheck import`; entry n is reference [n] ------------
bibtex_bibfiles = ["../refs.bib"]
bibtex_encoding = "utf-8"
bibtex_default_style = "jawiki"
bibtex_reference_style = "label"
bibtex_cite_id = "cite-{{key}}"
bibtex_bibliography_id = "bibliography-{{bibliography_count}}"

# -- HTML --------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = SOURCE_TITLE
html_last_updated_fmt = None
html_theme_options = {{
    "show_toc_level": 2,
    "navbar_persistent": [],
    "toc_title": "この章の見出し",
    "search_bar_text": "検索…",
}}
html_use_index = False
html_context = {{"default_mode": "auto"}}

# -- EPUB ----------------------------------------------------------------------------------------
epub_title = SOURCE_TITLE
epub_author = SOURCE_AUTHORS
epub_publisher = SOURCE_SITE
epub_copyright = copyright
epub_language = language
epub_show_urls = "no"
epub_use_index = False
version = release = SOURCE_REVISION.split(" ")[0]
'''


def conf_py(article: Article) -> str:
    return _TEMPLATE.format(
        title_doc=article.title.replace('"', "'").replace("\\", "/"),
        title=article.title,
        site=article.site,
        url=article.url,
        revision=article.revision or "版不明",
        authors=SOURCE_AUTHORS,
        license_name=LICENSE_NAME,
        license_url=LICENSE_URL,
        language=article.language,
    )
