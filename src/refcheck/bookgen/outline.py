"""An outline file: the curation a plain-text export needs, kept as data.

A text export has no heading levels. An outline gives them, one heading a line: a heading
at the start of the line is a chapter, an indented one a section of the chapter above;
``-> name`` after it names the chapter's file (``背景 -> background`` writes
``docs/background.md``)::

    背景 -> background
    分析 -> analysis
      派兵規模と派遣された北朝鮮兵士
      北朝鮮軍兵の詳細

A heading the article does not have is an error at its line: an outline that no longer fits
the article must not be applied quietly.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.bookgen.article import Article, ArticleError, Section


@dataclass(frozen=True)
class OutlineLine:
    heading: str
    level: int
    name: str | None
    line: int


def read_outline(text: str) -> list[OutlineLine]:
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        level = 2 if raw[:1] in (" ", "\t") else 1
        heading, _, written = raw.strip().partition("->")
        name = written.strip() or None
        if name is not None and not (
            name.isascii() and name.replace("-", "").replace("_", "").isalnum()
        ):
            raise ArticleError(number, f"file name {name!r}: use ASCII letters, digits, - and _")
        entries.append(OutlineLine(heading.strip(), level, name, number))
    return entries


def apply_outline(article: Article, outline: list[OutlineLine]) -> dict[str, str]:
    """Set the levels the outline gives; return heading → file name for named chapters."""
    by_heading = {section.heading: section for section in article.sections if section.heading}
    names = {}
    for entry in outline:
        section = by_heading.get(entry.heading)
        if section is None:
            raise ArticleError(entry.line, f"the article has no heading {entry.heading!r}")
        section.level = entry.level
        if entry.name:
            names[entry.heading] = entry.name
    return names


DRAFT_NAME = "book.outline"


def draft_outline(article: Article, guessed: list[Section]) -> str:
    """The outline the book was written with, each guessed level marked by a comment line
    above it: a file to correct and give back with ``--outline``."""
    lines = [
        "# The heading levels `refcheck book` used; a text export does not show them.",
        "# Correct the lines marked as guesses (indent a section under its chapter), then",
        "# run again with --outline and this file.",
    ]
    for section in article.sections:
        if section.heading is None:
            continue
        if any(section is other for other in guessed):
            taken = "a chapter" if section.level == 1 else "a section"
            lines.append(f"# guess (export line {section.line}): {taken}")
        lines.append(("  " if section.level == 2 else "") + section.heading)
    return "\n".join(lines) + "\n"
