"""Read the body of an article's wikitext: headings, paragraphs, and ``<ref>`` as ``[n]``.

References are numbered as the importer numbers them (``importer.wikitext``: per group, by
first use; a named reference used again keeps its number), so ``[n]`` here is entry n of
``refs.bib``. Templates (infoboxes, ``{{efn}}``, maintenance tags), files and categories are
not body text and are left out; links keep their shown text.
"""

from __future__ import annotations

import re

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Node, Tag, Template, Wikilink

from refcheck.bookgen.article import Article, Paragraph, Section, language_of
from refcheck.importer.tables import LIST_HEADINGS
from refcheck.importer.wikitext import _NOTE_TEMPLATES

NOTE_GROUP = "注釈"  # the group the importer gives {{efn}} notes (importer.wikitext)
_NOT_TEXT_LINKS = ("file:", "image:", "category:", "ファイル:", "画像:", "カテゴリ:")
# Templates the page shows as one of their parameters' text ({{lang|la|Germania}} shows
# "Germania"); every other template is left out (infoboxes, maintenance tags, {{convert}}).
_TEXT_TEMPLATES = {"lang": "2", "nowrap": "1", "nobr": "1", "script": "2"}
_LIST_TAGS = {"li", "dt", "dd"}
_ITEM = "\ue000"  # where a list item starts, between the reader's steps (private use)
# The body ends at the reference list or the external links; a See also (関連項目) before
# them is a chapter, its links' list kept, as a text export keeps it.
_END_HEADINGS = LIST_HEADINGS | {"External links", "外部リンク"}


class _Numbering:
    def __init__(self) -> None:
        self.numbers: dict[str | None, int] = {}
        self.named: dict[tuple[str | None, str], int] = {}
        self.notes = 0
        self.note_texts: dict[tuple[str | None, int], str] = {}

    def note(self, words: str) -> str:
        """An {{efn}} note's marker (the importer lists them as the group 注釈); ``words``
        is its text with its own citations as ``[n]``."""
        self.notes += 1
        self.note_texts[(NOTE_GROUP, self.notes)] = " ".join(words.split())
        return f"[{NOTE_GROUP} {self.notes}]"

    def marker(self, tag: Tag) -> str:
        group = str(tag.get("group").value).strip() if tag.has("group") else None
        name = str(tag.get("name").value).strip().strip("\"'") if tag.has("name") else None
        if name is not None and (group, name) in self.named:
            number = self.named[(group, name)]
        else:
            number = self.numbers.get(group, 0) + 1
            self.numbers[group] = number
            if name is not None:
                self.named[(group, name)] = number
        return f"[{group} {number}]" if group else f"[{number}]"


def _shown(node: Node, numbering: _Numbering) -> str:
    if isinstance(node, Tag) and str(node.tag).lower() == "ref":
        return numbering.marker(node)
    if isinstance(node, Template):
        name = str(node.name).strip().lower()
        if name in _NOTE_TEMPLATES:
            return _note(node, numbering)
        shown = _TEXT_TEMPLATES.get(name)
        if shown is not None and node.has(shown):
            return "".join(_shown(child, numbering) for child in node.get(shown).value.nodes)
        _number_refs(str(node), numbering)
        return ""
    if isinstance(node, Wikilink) and str(node.title).strip().lower().startswith(_NOT_TEXT_LINKS):
        return ""
    if isinstance(node, Tag) and str(node.tag).lower() in {"br"}:
        return ""
    if isinstance(node, Tag) and str(node.tag).lower() in _LIST_TAGS and node.wiki_markup:
        return "\n\n" + _ITEM  # "* ", "# ", "; ", ": " at a line start: the next item
    if isinstance(node, Tag) and node.contents is not None and not node.self_closing:
        return "".join(_shown(child, numbering) for child in node.contents.nodes)
    # The node alone: parsed again on its own, "; the" would start a line (a definition term).
    return node.__strip__(normalize=True, collapse=False, keep_template_params=False) or ""


def _number_refs(wikitext: str, numbering: _Numbering) -> None:
    """A template's <ref>s still take their numbers: the importer counts every <ref>."""
    for tag in mwparserfromhell.parse(wikitext).filter_tags(recursive=True):
        if str(tag.tag).lower() == "ref":
            numbering.marker(tag)


def _note(node: Template, numbering: _Numbering) -> str:
    """An {{efn}}: its text (parameter 1) as shown, with its own <ref>s as ``[n]``, numbered
    where they stand, as the importer numbers them."""
    words = ""
    for parameter in node.params:
        if str(parameter.name).strip() == "1":
            words = "".join(_shown(child, numbering) for child in parameter.value.nodes)
        else:
            _number_refs(str(parameter.value), numbering)
    return numbering.note(words)


def read_wikitext_body(text: str, title: str) -> Article:
    """The article's sections; ``title`` comes from the caller (wikitext does not hold it)."""
    numbering = _Numbering()
    sections = [Section(None, 1, 1)]
    top: int | None = None
    buffer: list[str] = []
    line = 1
    buffer_line = 1

    def add(words: str, item: bool) -> None:
        cleaned = " ".join(words.split())
        if cleaned:
            sections[-1].paragraphs.append(Paragraph(cleaned, buffer_line, item))

    def flush() -> None:
        # A blank line ends a paragraph; MediaWiki joins the lines of one paragraph. A list
        # item is its line; the lines after it, up to a blank line, are a paragraph again.
        for piece in re.split(r"\n[ \t]*\n", "".join(buffer)):
            piece = piece.lstrip()
            if piece.startswith(_ITEM):
                words, _, rest = piece[len(_ITEM) :].partition("\n")
                add(words, True)
                add(rest, False)
            else:
                add(piece, False)
        buffer.clear()

    for node in mwparserfromhell.parse(text).nodes:
        source = str(node)
        if isinstance(node, Heading):
            flush()
            heading = node.title.strip_code().strip()
            if heading in _END_HEADINGS:
                break
            top = node.level if top is None else min(top, node.level)
            sections.append(Section(heading, 1 if node.level <= top else 2, line))
        else:
            if not buffer:
                buffer_line = line
            buffer.append(_shown(node, numbering))
        line += source.count("\n")
    flush()
    for section in sections:  # a paragraph that was only a template's line break
        section.paragraphs = [p for p in section.paragraphs if p.text.strip()]
    language = language_of(text)
    site = "ウィキペディア日本語版" if language == "ja" else "英語版ウィキペディア"
    url = f"https://{language}.wikipedia.org/wiki/{title.replace(' ', '_')}"
    article = Article(title, language, sections, url, None, site)
    article.notes = numbering.note_texts
    return article
