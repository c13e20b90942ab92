"""What the book command reads from an article: its metadata, sections and paragraphs.

The readers (``export`` for a text export or a Markdown save, ``wikitext_body`` for the
edit page) all give an :class:`Article`: paragraphs in reading order, each with its citation
markers written as the rendered page writes them (``[12]``, ``[注 3]``), so one writer turns
any of them into MyST.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str  # plain text with the page's markers: "…した[1][2]。"
    line: int  # 1-based line in the source, for messages
    item: bool = False  # an item of a list (wikitext's "* …", "# …"), not a paragraph


@dataclass
class Section:
    heading: str | None  # None for the lead
    level: int  # 1: a chapter, 2: a section inside the chapter before it
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Article:
    """One article, with what its source says about itself (``None`` where it says nothing)."""

    title: str
    language: str  # "ja" or "en"
    sections: list[Section]
    url: str | None = None
    revision: str | None = None  # "2025-04-26 14:11 UTC", or "oldid 108925289"
    site: str = "ウィキペディア日本語版"
    dropped: list[str] = field(default_factory=list)  # export debris left out, described
    # Headings whose level the source does not show (a text export): guessed, to be reported.
    guessed_levels: list[Section] = field(default_factory=list)
    # Notes as the body reader found them ((group, n) → text with its own [n]), where the
    # source holds them in the body (wikitext's {{efn}}); a text export prints them in a list.
    notes: dict[tuple[str | None, int], str] = field(default_factory=dict)

    @property
    def chapters(self) -> list[list[Section]]:
        """The lead's sections stay out; each chapter is a level-1 section and its children."""
        grouped: list[list[Section]] = []
        for section in self.sections:
            if section.heading is None:
                continue
            if section.level == 1 or not grouped:
                grouped.append([section])
            else:
                grouped[-1].append(section)
        return grouped

    @property
    def lead(self) -> Section | None:
        return next((s for s in self.sections if s.heading is None), None)


class ArticleError(ValueError):
    """An article the book command cannot read; ``line`` is where the problem is."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def language_of(text: str) -> str:
    """ "ja" when the text holds kana or kanji, else "en"."""
    sample = text[:20000]
    japanese = sum("\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff" for char in sample)
    return "ja" if japanese > 20 else "en"
