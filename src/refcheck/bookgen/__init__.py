"""``refcheck book``: a Wikipedia article (export, Markdown save or wikitext) as a book folder.

The importer reads the reference list (``refs.bib``, its keys); a reader of the body
(``export``, ``wikitext_body``) gives the sections; ``pages`` writes them as MyST with a
``{cite}`` at every ``[n]``; ``folder`` writes the folder atomically. Notes (a second list
such as 注釈, cited as ``[注 1]``) become footnotes, not bibliography entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from refcheck.bookgen.article import Article, ArticleError, Section
from refcheck.bookgen.export import looks_like_markdown, read_export, read_markdown
from refcheck.bookgen.myst import Citations
from refcheck.bookgen.outline import (
    DRAFT_NAME,
    OutlineLine,
    apply_outline,
    draft_outline,
    read_outline,
)
from refcheck.bookgen.pages import BookFiles, book_files
from refcheck.bookgen.wikitext_body import read_wikitext_body
from refcheck.importer import ImportNotice, Reference, import_references
from refcheck.importer.bibtex import format_bibliography
from refcheck.importer.body import body_markers, group_sizes, pair_labels
from refcheck.importer.segment import segment
from refcheck.importer.source import describe_source
from refcheck.importer.wikitext import looks_like_wikitext

__all__ = ["DRAFT_NAME", "ArticleError", "Book", "OutlineError", "make_book", "read_outline"]

_SOURCE_HEADINGS = ("出典", "脚注", "References", "Citations", "Sources", "引用", "参照")


@dataclass
class Book:
    article: Article
    files: BookFiles
    notices: list[ImportNotice] = field(default_factory=list)
    entries: int = 0
    guessed_levels: list[Section] = field(default_factory=list)  # no outline gave them


def read_article(text: str, source_name: str, title: str | None) -> Article:
    if looks_like_wikitext(text):
        return read_wikitext_body(text, title or Path(source_name).stem)
    article = read_markdown(text) if looks_like_markdown(text) else read_export(text)
    if title:
        article.title = title
    return article


def _main_group(references: list[Reference]) -> str | None:
    """The list the plain ``[n]`` cite: the sources group (出典, References), else the last."""
    groups = list(dict.fromkeys(reference.group for reference in references))
    if len(groups) == 1:
        return groups[0]
    sources = [g for g in groups if g is not None and g.startswith(_SOURCE_HEADINGS)]
    if sources:
        return sources[0]
    # Wikitext: plain <ref> has no group; {{efn}} notes are a named group beside it.
    return None if None in groups else groups[-1]


def _note_labels(
    article: Article, groups: list[str | None], references: list[Reference]
) -> dict[str, str | None]:
    """The body's labels (注, †, alpha) paired with the note groups: a label that names a
    group (wikitext's ``[注釈 1]``) with it, the others as the importer pairs them (by the
    group's size, else in order: ``[† 17]`` goes with the group of 17)."""
    lines = [p.text for section in article.sections for p in section.paragraphs]
    cited = {label: c for label, c in body_markers(lines).items() if label}
    pairs: dict[str, str | None] = {label: label for label in cited if label in groups}
    rest = {label: c for label, c in cited.items() if label not in pairs}
    sizes = {
        group: size
        for group, size in group_sizes(references).items()
        if group in groups and group not in pairs.values()
    }
    if rest and sizes:
        pairs.update(pair_labels(rest, sizes))
    return pairs


def _printed_notes(text: str) -> dict[tuple[str | None, int], str]:
    return {(raw.group, raw.number): raw.text for raw in segment(text).references}


class OutlineError(ArticleError):
    """An outline line that does not fit the article (its ``line`` is the outline's)."""


def make_book(
    text: str,
    source_name: str,
    title: str | None = None,
    outline: list[OutlineLine] | None = None,
) -> Book:
    """The whole book folder for ``text``; raises ArticleError when it cannot be read,
    OutlineError when the outline does not fit it."""
    result = import_references(text, Path(source_name).name)
    if result.errors:
        error = result.errors[0]
        raise ArticleError(error.line, error.message)
    article = read_article(text, source_name, title)
    try:
        chapter_names = apply_outline(article, outline or [])
    except ArticleError as error:
        raise OutlineError(error.line, error.message) from None
    main = _main_group(result.references)
    keys: dict[int, str] = {}
    main_keys, main_references = [], []
    other_groups: list[str | None] = []
    by_group: dict[str | None, dict[int, Reference]] = {}
    for key, reference in zip(result.keys, result.references, strict=True):
        if reference.group == main:
            keys[reference.number] = key
            main_keys.append(key)
            main_references.append(reference)
        else:
            if reference.group not in other_groups:
                other_groups.append(reference.group)
            by_group.setdefault(reference.group, {})[reference.number] = reference
    citations = Citations(keys)
    # A note's words as the export prints them (the importer's fields drop the final 。).
    printed = article.notes if looks_like_wikitext(text) else _printed_notes(text)
    for label, group in _note_labels(article, other_groups, result.references).items():
        for number, reference in by_group.get(group, {}).items():
            words = printed.get((group, number)) or reference.note or reference.title
            citations.notes[(label, number)] = words
    header = describe_source(text, Path(source_name).name)
    header.append(f"{len(main_references)} references, in source order.")
    bib_text = format_bibliography(main_keys, main_references, header)
    no_urls = not any(r.url for r in main_references) and any(r.urldate for r in main_references)
    files = book_files(article, citations, bib_text, len(main_references), no_urls, chapter_names)
    given = {entry.heading for entry in outline or []}
    guessed = [s for s in article.guessed_levels if s.heading not in given]
    if guessed:
        files.files[DRAFT_NAME] = draft_outline(article, guessed)
    return Book(article, files, result.notices, len(main_references), guessed)
