"""Read the body of a text export or a Markdown save of a Wikipedia article.

Where the body ends is the importer's decision (``segment``: the first reference of the
list), so the book and ``refs.bib`` agree on where the list starts; the list headings just
above it (脚注, 出典) belong to the reference page, not to a chapter.

A plain-text export has no heading marks: a heading is a short line that is no sentence (no
final 。 or full stop, no citation marker, no table pipe), or a line that ends with the
page's edit link (``略歴[編集]``). In a link-list section (関連項目, See also) short lines are
the list's items. The export has no levels either: ``levels`` reads them from what it
holds (its table of contents when kept, the layout guides' closing sections, a heading
right under a heading) and marks the rest as guesses. A Markdown save has ``##`` marks and
levels.
"""

from __future__ import annotations

import re

from refcheck.bookgen.article import Article, ArticleError, Paragraph, Section, language_of
from refcheck.bookgen.levels import CLOSING_SECTIONS, LINK_SECTIONS, HeadingShape, infer_levels
from refcheck.importer.segment import segment
from refcheck.importer.tables import heading_text, is_list_heading

# Line 2 of a Japanese export:
# 出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2025/04/26 14:11 UTC 版)
_JA_REVISION = re.compile(r"\((\d{4})/(\d{2})/(\d{2}) (\d{2}:\d{2}) UTC\s*版\)")
_WIKIPEDIA_LINE = re.compile(r"^出典:\s*フリー百科事典")
_MARKDOWN_TITLE = re.compile(r"^# (.{1,300}?)(?: - Wikipedia)?\s*$")
_MARKDOWN_URL = re.compile(r"^\*\*元URL\*\*:\s*(\S{1,2000})")
_OLDID = re.compile(r"[?&]oldid=(\d{1,12})")
# [[1]](#cite_note-x-1) and \[\[注 1\]\](#cite_note-…): the page's citation marker.
_MARKDOWN_CITE = re.compile(r"\\?\[\\?\[([^\[\]\\\n]{1,12})\\?\]\\?\]\(#cite_note[^()\s]{0,300}\)")
# [text](url "title"): the link's text.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\s]{0,2000}(?: \"[^\"\n]{0,500}\")?\)")
_EMPHASIS = re.compile(r"(\*{1,3})([^*\n]{1,500}?)\1")
_EDIT_LINK_LINE = re.compile(r"^\\?\[\[(?:編集|edit|ソースを編集)\]")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# A heading's edit link as a copied page prints it: "略歴[編集]", "History[edit]".
_EDIT_MARK = re.compile(r"\s?\[(?:編集|ソースを編集|編集 \| ソースを編集|edit|edit source)\]$")
# The table of contents a copy keeps: "目次" / "Contents", then "1 背景", "3.1 派兵規模…".
_CONTENTS_TITLE = re.compile(r"^(?:目次|Contents)\s?(?:\[(?:非表示|表示|hide|show)\])?$")
_CONTENTS_LINE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,5})[ \t]+(\S.{0,200})$")
_SENTENCE_END = ("。", ".", "!", "?", "！", "？", "」", ")", "）")


def _body_end(lines: list[str], text: str) -> int:
    """0-based index of the first line after the body: the list's first reference, less
    the list headings right above it."""
    references = segment(text).references
    if not references:
        raise ArticleError(1, 'no reference list found (no line starts "- ^ ")')
    end = references[0].line - 1
    while end > 0 and (not lines[end - 1].strip() or is_list_heading(lines[end - 1])):
        end -= 1
    return end


def is_plain_heading(line: str) -> bool:
    return (
        len(line) < 40 and not line.endswith(_SENTENCE_END) and "[" not in line and "|" not in line
    )


def read_export(text: str) -> Article:
    """A plain-text export: line 1 the title, line 2 the source and revision."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ArticleError(1, "the export has no title on its first line")
    title = lines[0].strip()
    revision = None
    index = 1
    if len(lines) > 1 and _WIKIPEDIA_LINE.match(lines[1].strip()):
        if match := _JA_REVISION.search(lines[1]):
            year, month, day, time = match.groups()
            revision = f"{year}-{month}-{day} {time} UTC"
        index = 2
    dropped = []
    # An infobox the export broke: table rows (pipes) and their loose ends before the lead.
    while index < len(lines):
        line = lines[index].strip()
        table_near = any("|" in later for later in lines[index + 1 : index + 4])
        if line and "|" not in line and not (is_plain_heading(line) and table_near):
            break
        if line:
            dropped.append(line)
        index += 1
    sections, guessed = read_body(lines, index, _body_end(lines, text))
    site = "ウィキペディア日本語版" if language_of(text) == "ja" else "英語版ウィキペディア"
    url = _wiki_url(title, language_of(text))
    article = Article(title, language_of(text), sections, url, revision, site, dropped)
    article.guessed_levels = guessed
    return article


def read_body(lines: list[str], start: int, end: int) -> tuple[list[Section], list[Section]]:
    """The lead and the sections of lines[start:end], with levels; and the sections whose
    level is a guess. When the export kept its table of contents, the headings are its
    entries and nothing else (a list's short items are no headings then)."""
    contents, contents_lines = _contents(lines, start, end)
    sections = [Section(None, 1, start + 1)]
    in_link_list = False
    for number in range(start, end):
        line = lines[number].strip()
        if not line or number in contents_lines:
            continue
        if _EDIT_MARK.fullmatch(" " + line):
            # The edit link on a line of its own, under its heading's words.
            last = sections[-1].paragraphs[-1:] if sections[-1].paragraphs else []
            if last and last[0].line == number:  # the line above: a heading, whatever its length
                sections[-1].paragraphs.pop()
                sections.append(Section(last[0].text, 1, number))
                in_link_list = last[0].text in LINK_SECTIONS
            continue
        heading = _heading(line, in_link_list, contents)
        if heading is not None:
            sections.append(Section(heading, 1, number + 1))
            in_link_list = heading in LINK_SECTIONS
        else:
            sections[-1].paragraphs.append(Paragraph(line, number + 1))
    headings = sections[1:]
    # Each heading, and whether the section above it (or the lead) holds text.
    above = zip(headings, sections[:-1], strict=True)
    shapes = [HeadingShape(s.heading or "", bool(previous.paragraphs)) for s, previous in above]
    guessed = []
    for section, level in zip(headings, infer_levels(shapes, contents), strict=True):
        section.level = level.level
        if not level.certain:
            guessed.append(section)
    return sections, guessed


def _heading(line: str, in_link_list: bool, contents: dict[str, int]) -> str | None:
    """The heading's words when the line is a heading, else None."""
    if mark := _EDIT_MARK.search(line):
        return line[: mark.start()].strip() or None
    if contents:  # the table of contents lists every heading
        return line if line in contents else None
    if in_link_list:  # a list of links: only another closing section ends it
        return line if line in CLOSING_SECTIONS else None
    return line if is_plain_heading(line) else None


def _contents(lines: list[str], start: int, end: int) -> tuple[dict[str, int], set[int]]:
    """The table of contents, when the export kept one: heading → depth, and its lines."""
    for number in range(start, end):
        if not _CONTENTS_TITLE.match(lines[number].strip()):
            continue
        depths: dict[str, int] = {}
        taken = {number}
        for later in range(number + 1, end):
            line = lines[later].strip()
            match = _CONTENTS_LINE.match(line)
            if line and not match:
                break
            taken.add(later)
            if match:
                depths[match.group(2).strip()] = match.group(1).count(".") + 1
        if len(depths) >= 2:
            return depths, taken
    return {}, set()


def _wiki_url(title: str, language: str) -> str:
    return f"https://{language}.wikipedia.org/wiki/{title.replace(' ', '_')}"


def looks_like_markdown(text: str) -> bool:
    head = text[:3000]
    return head.startswith("# ") or "](#cite_note" in text or "**元URL**" in head


def _markdown_text(line: str) -> str:
    line = _MARKDOWN_CITE.sub(r"[\1]", line)
    line = _MARKDOWN_LINK.sub(r"\1", line)
    for _ in range(2):
        line = _EMPHASIS.sub(r"\2", line)
    line = _ESCAPED.sub(r"\1", line)
    if line.startswith(("* ", "- ")):
        line = line[2:]
    return line.strip()


_SETEXT_UNDERLINE = re.compile(r"^(?:-{3,}|={3,})$")


def _atx_headings(lines: list[str]) -> list[str]:
    """Setext headings (a line over ``-----``, as some savers write a section) as ``##``
    lines, their underline blank: one form of heading for the reader below."""
    lines = list(lines)
    for number in range(1, len(lines)):
        previous = lines[number - 1].strip()
        if (
            _SETEXT_UNDERLINE.match(lines[number].strip())
            and previous
            and not previous.startswith(("#", "|", "- ", "* ", ">"))
        ):
            marks = "#" if lines[number].strip().startswith("=") else "##"
            lines[number - 1] = f"{marks} {previous}"
            lines[number] = ""
    return lines


def read_markdown(text: str) -> Article:
    """A Markdown save: ``# Title - Wikipedia``, ``**元URL**``, ``##`` headings."""
    lines = _atx_headings(text.splitlines())
    title, url, revision = "", None, None
    start = 0
    for number, line in enumerate(lines[:12]):
        if not title and (match := _MARKDOWN_TITLE.match(line)):
            title, start = match.group(1).strip(), number + 1
        elif match := _MARKDOWN_URL.match(line):
            url, start = match.group(1), number + 1
        elif line.strip() == "---" or _WIKIPEDIA_LINE.match(line.strip()):
            start = number + 1
    if not title:
        raise ArticleError(1, 'the Markdown save has no "# Title" line')
    if match := _OLDID.search(text[-3000:]):
        revision = f"oldid {match.group(1)}"
    end = _body_end(lines, text)
    sections = [Section(None, 1, start + 1)]
    top = min(
        (len(line) - len(line.lstrip("#")) for line in lines[start:end] if line.startswith("##")),
        default=2,
    )
    for number in range(start, end):
        raw = lines[number].strip()
        if not raw or _EDIT_LINK_LINE.match(raw) or raw == "---":
            continue
        if raw.startswith("#"):
            depth = len(raw) - len(raw.lstrip("#"))
            sections.append(Section(heading_text(raw), 1 if depth <= top else 2, number + 1))
            continue
        line = _markdown_text(raw)
        if line and not (
            sections[-1].heading is None and not sections[-1].paragraphs and line == title
        ):
            sections[-1].paragraphs.append(Paragraph(line, number + 1))
    language = language_of(text)
    return Article(
        title,
        language,
        sections,
        url or _wiki_url(title, language),
        revision,
        "ウィキペディア日本語版" if language == "ja" else "英語版ウィキペディア",
    )
