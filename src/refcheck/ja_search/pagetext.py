"""Each page's searchable text, collected from the doctree Sphinx indexes and shipped as JS.

The text is normalised here once (NFKC, lower case, line breaks inside Japanese text removed),
so the browser only has to normalise the query the same way and test for containment.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx

from refcheck.files.atomic_write import write_atomically

# Written into the HTML output's _static folder; read by static/ja_search.js.
TEXTS_FILE = "ja_search_texts.js"
TEXTS_GLOBAL = "REFCHECK_JA_SEARCH_TEXTS"
# One file per page beside the doctrees: written where each page is rendered (possibly in a
# parallel worker), merged at the end, kept for incremental builds.
PAGE_TEXT_DIR = "refcheck-ja-search"

# CJK punctuation, kana and kanji (BMP and beyond): scripts written without spaces.
_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
# A line break between two wide characters is a source line wrap, not a space: 朝鮮人民\n軍.
_WRAPPED_WIDE = re.compile(rf"(?<={_WIDE})[ \t]*\n\s*(?={_WIDE})")
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^<]+?>")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)


def is_active(app: Sphinx) -> bool:
    """True for an HTML builder with full-text search and a Japanese search language."""
    language = app.config.html_search_language or app.config.language or ""
    return bool(getattr(app.builder, "search", False)) and language.split("_")[0] == "ja"


def normalize(text: str) -> str:
    """The form both the page text and the query are compared in."""
    text = unicodedata.normalize("NFKC", text)
    text = _WRAPPED_WIDE.sub("", text)
    return _SPACES.sub(" ", text).strip().lower()


def page_text(doctree: nodes.Node) -> str:
    """The text Sphinx's indexer reads (same skip rules), one block per line."""
    blocks: list[str] = []
    _collect_blocks(doctree, blocks)
    return "\n".join(block for block in map(normalize, blocks) if block)


def _collect_blocks(node: nodes.Node, blocks: list[str]) -> None:
    # Keep paragraphs, titles and list items apart so that the end of one block and the
    # start of the next never form a compound that the page does not contain.
    if isinstance(node, nodes.comment):
        return
    if isinstance(node, nodes.Element) and "no-search" in node["classes"]:
        return
    if isinstance(node, nodes.raw):
        if "html" in node.get("format", "").split():
            blocks.append(_TAG.sub("", _SCRIPT_OR_STYLE.sub("", node.astext())))
        return
    if isinstance(node, nodes.Text):
        blocks.append(node.astext())
        return
    if isinstance(node, nodes.TextElement) and not _has_block_children(node):
        blocks.append(_inline_text(node))
        return
    for child in node.children:
        _collect_blocks(child, blocks)


def _has_block_children(node: nodes.Element) -> bool:
    return any(
        isinstance(child, nodes.Element) and not isinstance(child, nodes.Inline)
        for child in node.children
    )


def _inline_text(node: nodes.Node) -> str:
    if isinstance(node, nodes.Text):
        return node.astext()
    if isinstance(node, nodes.comment | nodes.raw) or (
        isinstance(node, nodes.Element) and "no-search" in node["classes"]
    ):
        return ""
    return "".join(_inline_text(child) for child in node.children)


def _page_file(app: Sphinx, docname: str) -> Path:
    return Path(app.doctreedir) / PAGE_TEXT_DIR / (quote(docname, safe="") + ".txt")


def store_page_text(app: Sphinx, docname: str, doctree: nodes.Node) -> None:
    _write_atomic(_page_file(app, docname), page_text(doctree))


def write_texts_script(app: Sphinx) -> None:
    """Merge the stored page texts of the current documents into _static/ja_search_texts.js."""
    texts = {}
    for docname in sorted(app.env.found_docs):
        path = _page_file(app, docname)
        if path.is_file():
            texts[docname] = path.read_text(encoding="utf-8")
    data = json.dumps(texts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    script = f"window.{TEXTS_GLOBAL} = {data};\n"
    _write_atomic(Path(app.outdir) / "_static" / TEXTS_FILE, script)


def install_static_file(app: Sphinx, source: Path) -> None:
    _write_atomic(Path(app.outdir) / "_static" / source.name, source.read_text(encoding="utf-8"))


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text, 0o644)  # web servers must read it
