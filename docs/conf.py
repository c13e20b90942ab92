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
    "refcheck.sphinx",
    "refcheck.ja_search",  # the search box finds every Japanese word (issue 6)
    "refcheck.backlinks",  # "^ a b …" in each entry leads back to its citing places
    "refcheck.book",  # citations as Wikipedia shows them: raised [n], popups (issue 14)
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
    # No header bar. Its only item was a second search field, and while it has items the
    # header also holds a hidden ☰ button; both theme scripts wire up the first
    # `.primary-toggle` in the page, that hidden one, so the visible ☰ in the article header
    # did nothing at any width (sphinx-book-theme 1.4.0 with pydata-sphinx-theme 0.20;
    # issue 14). With the header empty, the article's ☰ is the first and gets the handlers.
    "navbar_persistent": [],
    # One search control at each width: the sidebar's 検索 field on a wide screen, the article
    # header's 検索 button (which the theme hides there) on a narrow one.
    # _templates/article-header-buttons.html holds the book's download menu.
    "toc_title": "この章の見出し",  # the right sidebar; the left one is the book's 目次
    "search_bar_text": "検索…",
}
# No 索引 page: the book has no index entries, so genindex.html would be empty.
html_use_index = False
# docs/locales/ja/LC_MESSAGES/sphinx.po: Japanese for interface strings the theme leaves
# English ("Color mode", "Link to this heading"); Sphinx compiles it on each build.
locale_dirs = ["locales"]

# --- LaTeX / PDF (issue 5) ---
# The PDF goes through Sphinx's Japanese route: language "ja" selects uplatex, the ujbook
# class, pxjahyper and dvipdfmx (run by latexmk); tools/build_pdf.py drives it. The LaTeX side
# (fonts, running heads, title page, bibliography) is in _latex/bookpdf.sty.
import datetime as _datetime  # noqa: E402
import os as _os  # noqa: E402
import sys as _sys  # noqa: E402
from pathlib import Path as _Path  # noqa: E402
from typing import Any as _Any  # noqa: E402
from urllib.parse import quote as _quote  # noqa: E402

# The bibliography stays under 出典 in the PDF, not after the chapters that follow it.
_sys.path.insert(0, str(_Path(__file__).resolve().parent / "_latex"))
extensions.append("bibliography_in_place")

PDF_BASENAME = "north-korea-troops-in-russia"  # ASCII: a Japanese project name gives sphinx.pdf


def _latex_text(text: str) -> str:
    """Escape TeX's special characters in plain text."""
    specials = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
    specials |= {char: "\\" + char for char in "&%$#_{}"}
    return "".join(specials.get(char, char) for char in text)


def _latex_link(url: str) -> str:
    """A link that shows the URL as written and points at its percent-encoded form."""
    target = _quote(url, safe=":/?=&#~").replace("%", r"\%").replace("#", r"\#")
    return rf"\href{{{target}}}{{{_latex_text(url)}}}"


def _latex_call(command: str, *pieces: str) -> str:
    """\\command{pieces...}: pieces are LaTeX already (escape text with _latex_text)."""
    return "\\" + command + "{" + "".join(pieces) + "}"


_revision = _datetime.datetime.strptime(SOURCE_REVISION, "%Y-%m-%d %H:%M UTC")
_revision_ja = f"{_revision.year}年{_revision.month}月{_revision.day}日 {_revision:%H:%M} UTC"
_history_url = f"https://ja.wikipedia.org/w/index.php?title={SOURCE_TITLE}&action=history"
_licence_ja = f"クリエイティブ・コモンズ 表示-継承 4.0 国際({LICENSE_NAME})"

_title_page = [
    _latex_call("booksource", _latex_text(f"出典: {SOURCE_SITE}「{SOURCE_TITLE}」")),
    _latex_call("bookrevision", _latex_text(f"{_revision_ja} の版")),
    _latex_call(
        "booklicence",
        _latex_text(
            f"本書は、{SOURCE_SITE}の記事「{SOURCE_TITLE}」({_revision_ja} の版)"
            "を書籍の形にしたものです。"
        ),
        r"\par 記事: ",
        _latex_link(SOURCE_URL),
        r"\par 著作者: ",
        _latex_text(SOURCE_AUTHORS),
        r"\par 執筆者の一覧(記事の履歴): ",
        _latex_link(_history_url),
        r"\par ライセンス: ",
        _latex_text(_licence_ja),
        " ",
        _latex_link(LICENSE_URL),
        r"\par ",
        _latex_text(f"本書も同じライセンス({LICENSE_NAME})の下で提供されます。"),
    ),
]


def _book_revision() -> str:
    """The commit of this repository the book was built from (with a mark if edited)."""
    import subprocess

    root = _Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short=12", "HEAD")
    if not commit:
        return "不明(Git の作業ツリーの外で組版)"
    edited = git("status", "--porcelain", "--untracked-files=no", "--", ".")
    return commit + ("(未コミットの変更を含む)" if edited else "")


def _build_date() -> _datetime.date:
    """Today (UTC), or SOURCE_DATE_EPOCH's day for a reproducible build."""
    epoch = _os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        _datetime.datetime.fromtimestamp(int(epoch), _datetime.UTC)
        if epoch and epoch.isdigit()
        else _datetime.datetime.now(_datetime.UTC)
    )
    return moment.date()


_built = _build_date()
BOOK_REVISION = _book_revision()
BUILD_DATE_JA = f"{_built.year}年{_built.month}月{_built.day}日"
_colophon = [
    ("書名", SOURCE_TITLE),
    ("原典", f"{SOURCE_SITE}「{SOURCE_TITLE}」{_revision_ja} の版"),
    ("著作者", SOURCE_AUTHORS),
    ("ライセンス", _licence_ja),
    ("本書の原稿", f"リビジョン {BOOK_REVISION}"),
    ("組版日", BUILD_DATE_JA),
    ("組版", "Sphinx、upLaTeX、dvipdfmx(書体:原ノ味明朝・原ノ味角ゴシック)"),
]


def _colophon_latex(name: str, value: str) -> str:
    """A colophon value as LaTeX; the commit in monospace, where no ligature (ff, fi) can
    turn the hash into text that no longer copies as the hash."""
    if name == "本書の原稿":
        return r"リビジョン \texttt{" + _latex_text(BOOK_REVISION) + "}"
    return _latex_text(value)


_pdf_subject = f"{SOURCE_SITE}「{SOURCE_TITLE}」{SOURCE_REVISION} の版({LICENSE_NAME})"

latex_engine = "uplatex"
latex_documents = [
    (root_doc, f"{PDF_BASENAME}.tex", SOURCE_TITLE, SOURCE_AUTHORS, "manual"),
]
latex_additional_files = ["_latex/bookpdf.sty"]
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    # A report read on screen: chapters start on the next page, no blank versos.
    "extraclassoptions": "openany,oneside",
    # One Russian title in the bibliography: T2A (cm-super) keeps it proportional. Sphinx
    # wires this up for pdflatex only, so the uplatex route spells it out.
    "fontenc": r"\usepackage[T2A,T1]{fontenc}",
    "substitutefont": r"\usepackage{sphinxpackagesubstitutefont}",
    "textcyrillic": r"\usepackage[TtwoA]{sphinxpackagecyrillic}",
    "fontsubstitution": (
        r"\substitutefont{T2A}{\rmdefault}{cmr}"
        r"\substitutefont{T2A}{\sfdefault}{cmss}"
        r"\substitutefont{T2A}{\ttdefault}{cmtt}"
    ),
    # Chapters are unnumbered, as in the source and the HTML.
    "secnumdepth": r"\setcounter{secnumdepth}{-1}",
    "preamble": "\n".join(
        [
            r"\usepackage{bookpdf}",
            *_title_page,
            _latex_call("hypersetup", "pdflang=ja, pdfsubject={", _latex_text(_pdf_subject), "}"),
        ]
    ),
    "maketitle": r"\bookpdfmaketitle",
    # The root page's text (the lead) stands under the article's title, as in the HTML.
    "tableofcontents": "\n".join(
        [r"\sphinxtableofcontents", _latex_call("bookpdffrontchapter", _latex_text(SOURCE_TITLE))]
    ),
    "makeindex": "",
    "printindex": "",
    # Links print black (a printed book has no blue); they stay links in the PDF.
    "sphinxsetup": "InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}",
    # The colophon (奥付) closes the book: the edition's source revision and build date.
    "atendofbody": "\n".join(
        [
            rf"\bookpdfcolophonrow{{{name}}}{{{_colophon_latex(name, value)}}}"
            for name, value in _colophon
        ]
        + [_latex_call("bookpdfcolophon", _latex_text(SOURCE_TITLE))]
    ),
}
# --- end LaTeX / PDF ---

# -- Reader's links in the HTML (issue 6) ----------------------------------------------------------
# _templates/book-source.html ends the left sidebar of every page: the PDF, the source article
# with its revision, and the licence. The PDF edition (built first by `make book` when TeX is
# installed, or by `make pdf`) is copied next to index.html; without it there is no link, so a
# reader never meets a dead one.
_BUILT_PDF = _Path(__file__).resolve().parent / "_build" / "pdf" / f"{PDF_BASENAME}.pdf"
# The EPUB edition likewise (`make book` builds it before the HTML; see "EPUB" below).
_BUILT_EPUB = _Path(__file__).resolve().parent / "_build" / "epub" / f"{PDF_BASENAME}.epub"
_EDITIONS = [path for path in (_BUILT_PDF, _BUILT_EPUB) if path.is_file()]


def _copy_editions_into_html(app: _Any) -> None:
    """The HTML builder copies the editions next to index.html (html_extra_path); the EPUB
    builder, which shares that setting, must not pack them (nor itself) into the EPUB."""
    if app.builder.name in {"html", "dirhtml"}:
        app.config.html_extra_path = [str(path) for path in _EDITIONS]


def setup(app: _Any) -> None:
    app.connect("builder-inited", _copy_editions_into_html)


templates_path = ["_templates"]
html_theme_options["primary_sidebar_end"] = ["book-source.html"]
html_context = {
    "default_mode": "auto",  # left empty, pydata-sphinx-theme logs a console error on every page
    "book_pdf": _BUILT_PDF.name if _BUILT_PDF.is_file() else "",
    "book_epub": _BUILT_EPUB.name if _BUILT_EPUB.is_file() else "",
    "source_title": SOURCE_TITLE,
    "source_site": SOURCE_SITE,
    "source_url": SOURCE_URL,
    "source_revision": SOURCE_REVISION,
    "license_name": LICENSE_NAME,
    "license_url": LICENSE_URL,
}

# -- EPUB (issue 14) ----------------------------------------------------------------------------
# Sphinx's epub builder (EPUB 3), checked by epubcheck in CI. `make book` builds it into
# docs/_build/epub before the HTML, which then links it like the PDF.
epub_basename = PDF_BASENAME
epub_title = SOURCE_TITLE
epub_author = SOURCE_AUTHORS
epub_publisher = SOURCE_SITE
epub_contributor = SOURCE_AUTHORS
epub_copyright = f"{SOURCE_AUTHORS}, {LICENSE_NAME}"
epub_language = "ja"
# One identifier for the OPF and the NCX (epubcheck NCX-001 when they differ); it must be an
# XML name, so it names the source and its revision date rather than quoting the URL.
epub_uid = f"{PDF_BASENAME}-{SOURCE_REVISION.split(' ')[0]}"
epub_identifier = epub_uid
epub_scheme = ""
epub_description = _pdf_subject
epub_show_urls = "no"  # the reader's link text stays as written; URLs live in the links
epub_use_index = False
# EPUB 3 wants a version; the book's is the source's revision date.
version = release = SOURCE_REVISION.split(" ")[0]
