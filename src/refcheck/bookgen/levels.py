"""Heading levels of a plain-text export: what the export shows, and what is only a guess.

A text export (the rendered page copied as text) keeps the headings' words but loses the
wiki's ``==`` / ``===``. What it still holds, strongest evidence first:

1. ``contents``: the table of contents, when the copy kept it (``目次`` or ``Contents``,
   then numbered lines ``1 背景``, ``3.1 派兵規模…``): the number's depth is the level.
2. ``layout``: the closing sections of the layout guides (jawiki's 脚注, 出典, 参考文献,
   関連項目, 外部リンク; enwiki's Notes, References, See also, External links, Further
   reading) are chapters; one directly under another (注釈 under 脚注) is its section.
3. ``under-heading``: a heading directly under another (no text between) is that chapter's
   first section: the guides tell editors not to leave a section empty.
4. ``first``: the first heading after the lead is a chapter.

A heading after text is a new chapter or the next section of the current one, and the
export does not say which (``guess``). The guess: a chapter without text of its own that
has one section so far gets a second one (a chapter made only to group sections has more
than one: the guides discourage a lone subsection); anything else starts a chapter. The
caller reports every guess, so the user can give the levels with ``--outline``.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.importer.tables import LIST_HEADINGS

# Link-list sections: what follows them are list items (short lines), not headings.
LINK_SECTIONS = frozenset({"関連項目", "外部リンク", "See also", "External links"})
CLOSING_SECTIONS = LIST_HEADINGS | LINK_SECTIONS | {"関連文献", "参考資料", "脚注・出典"}


@dataclass(frozen=True)
class HeadingShape:
    """What a text export shows of a heading: its words, and whether text comes before it
    (after the heading above it, or the lead)."""

    text: str
    after_text: bool


@dataclass(frozen=True)
class Level:
    level: int  # 1: a chapter, 2: a section of the chapter above
    how: str  # "contents", "layout", "under-heading", "first" or "guess"

    @property
    def certain(self) -> bool:
        return self.how != "guess"


def infer_levels(
    headings: list[HeadingShape], contents: dict[str, int] | None = None
) -> list[Level]:
    """One level per heading, in order; ``contents`` maps a heading to its depth (1, 2, …)
    in the export's table of contents."""
    levels: list[Level] = []
    sections_so_far = 0  # sections of the current chapter
    chapter_has_text = False  # text between the chapter's heading and its first section
    for index, heading in enumerate(headings):
        previous = headings[index - 1].text if index else None
        if contents and heading.text in contents:
            level = Level(1 if contents[heading.text] == 1 else 2, "contents")
        elif heading.text in CLOSING_SECTIONS:
            under_closing = not heading.after_text and previous in CLOSING_SECTIONS
            level = Level(2 if under_closing else 1, "layout")
        elif index == 0:
            level = Level(1, "first")
        elif not heading.after_text:
            level = Level(2, "under-heading")  # under a section: deeper, a section in the book
        elif sections_so_far == 1 and not chapter_has_text:
            level = Level(2, "guess")
        else:
            level = Level(1, "guess")
        if level.level == 1:
            sections_so_far = 0
            next_is_text = index + 1 >= len(headings) or headings[index + 1].after_text
            chapter_has_text = next_is_text
        else:
            sections_so_far += 1
        levels.append(level)
    return levels
