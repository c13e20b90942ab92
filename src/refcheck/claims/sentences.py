"""Sentence splitting for Japanese and English prose, in a prose view.

A sentence ends at 。！？!? or at a period followed by a space, never inside brackets or
quotes (「何も言うつもりはない。なぜなら…」と述べた is one sentence), and never at a
block or section boundary it would cross.  Citation markers right after the end
(``…happened. [1]``) belong to the sentence they follow.

When in doubt the splitter does not split: a sentence taken too long can only add
earlier dates to a claim, and the claim check reads the earliest one, so it never
creates a false alarm; a sentence cut too short could.
"""

from __future__ import annotations

import bisect
import itertools
import re

from refcheck.claims.markup import MARKER

_OPENERS = "「『（(“‘[【〈《"
_CLOSERS = "」』）)”’]】〉》"
_PAIRS = dict(zip(_CLOSERS, _OPENERS, strict=True))
_FULL_STOPS = "。！？!?"
_TRAILING = _CLOSERS + "\"'"
# Words a period follows without ending a sentence ("Mr.", "Oct.", "e.g.").
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no",
        "nos", "vol", "pp", "p", "cf", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "approx", "inc", "ltd", "co", "corp", "fig", "al", "est", "ca", "c",
    }
)  # fmt: skip
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(text: str, boundaries: list[int]) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text``; ``boundaries`` are hard breaks."""
    cuts = sorted({0, len(text), *boundaries})
    sentences: list[tuple[int, int]] = []
    for block_start, block_end in itertools.pairwise(cuts):
        sentences.extend(_split_block(text, block_start, block_end))
    return sentences


def sentence_at(
    sentences: list[tuple[int, int]], offset: int, starts: list[int] | None = None
) -> tuple[int, int] | None:
    """The sentence containing ``offset``, if any; ``starts`` are the sentences' starts,
    for a caller that asks many times (building them is linear in the sentences)."""
    if starts is None:
        starts = [start for start, _ in sentences]
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index][0] <= offset < sentences[index][1]:
        return sentences[index]
    return None


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    result = []
    sentence_start: int | None = None
    depth: list[str] = []
    i = start
    while i < end:
        char = text[i]
        if sentence_start is None:
            if char.isspace():
                i += 1
                continue
            sentence_start = i
        if char in _OPENERS:
            depth.append(char)
        elif char in _CLOSERS and depth and depth[-1] == _PAIRS[char]:
            depth.pop()
        elif not depth and _ends_sentence(text, i, end):
            stop = _after_end(text, i + 1, end)
            result.append((sentence_start, stop))
            sentence_start = None
            i = stop
            continue
        i += 1
    if sentence_start is not None:
        stop = end
        while stop > sentence_start and text[stop - 1].isspace():
            stop -= 1
        result.append((sentence_start, stop))
    return result


def _ends_sentence(text: str, i: int, end: int) -> bool:
    char = text[i]
    if char in _FULL_STOPS:
        return char in "。！？" or _followed_by_break(text, i + 1, end)
    if char != "." or not _followed_by_break(text, i + 1, end):
        return False
    word = _WORD_BEFORE.search(text, max(0, i - 20), i)
    if word is None:
        return True
    token = word.group(1).lower()
    return not (token in _ABBREVIATIONS or len(token) == 1 or "." in token)


def _followed_by_break(text: str, i: int, end: int) -> bool:
    while i < end and text[i] in _TRAILING:
        i += 1
    return i >= end or text[i].isspace() or text[i] == MARKER


def _after_end(text: str, i: int, end: int) -> int:
    """Past closing quotes and any citation markers that follow the sentence's end."""
    while i < end and text[i] in _TRAILING:
        i += 1
    j = i
    while j < end and (text[j] == MARKER or text[j] in " \t"):
        if text[j] == MARKER:
            while j < end and text[j] == MARKER:
                j += 1
            i = j
        else:
            j += 1
    return i
