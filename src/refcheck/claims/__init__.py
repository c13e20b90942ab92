"""Which dated statement each citation supports, in MyST and reST prose.

``find_claims(text, citations)`` pairs every citation of one document with the sentence
it stands in and the event dates of the part of that sentence it supports: from the
previous citation in the sentence (or the sentence's start) to the citation itself, and
for the last citation of a sentence, to the sentence's end.  So in
「…撤収した[43]、12月6日には…発表した[44]。」 the date 12月6日 belongs to [44], not to
[43]; dates in another sentence never apply.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from refcheck.claims.dates import DateMention, event_dates
from refcheck.claims.markup import MARKER, CiteRole, ProseView, prose_view
from refcheck.claims.sentences import sentence_at, split_sentences
from refcheck.model import Citation
from refcheck.sources.documents import line_starts

__all__ = ["Claim", "DateMention", "find_claims", "shorten"]


@dataclass(frozen=True, slots=True)
class Claim:
    citation: Citation
    sentence: str  # the sentence as prose: markup and citation markers removed
    dates: tuple[DateMention, ...]  # event dates in the part the citation supports

    @property
    def earliest(self) -> DateMention | None:
        return min(self.dates, key=lambda d: d.earliest) if self.dates else None


def find_claims(text: str, citations: Iterable[Citation]) -> list[Claim]:
    """The claim of each citation of one document (citations not found are left out)."""
    view = prose_view(text)
    mentions = _all_event_dates(view)
    starts = [m.start for m in mentions]
    sentences = split_sentences(view.text, view.block_starts + view.section_starts)
    sentence_starts = [start for start, _ in sentences]
    groups = _marker_groups(view)
    group_of = [0] * len(view.roles)
    for group_index, group in enumerate(groups):
        for member in group:
            group_of[member] = group_index
    lines_at = line_starts(text.splitlines(keepends=True))
    finder = _RoleFinder(view.roles)
    # One prose string per sentence, shared by its claims: a sentence with thousands of
    # citations was once copied (and cleaned) once per citation.
    prose: dict[tuple[int, int], str] = {}
    claims = []
    for citation in citations:
        role_index = finder.locate(citation, lines_at)
        if role_index is None:
            continue
        supported = _supported_span(view, sentences, sentence_starts, groups, group_of[role_index])
        if supported is None:
            continue
        sentence, (start, end) = supported
        if sentence not in prose:
            prose[sentence] = _as_prose(view.text[sentence[0] : sentence[1]])
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        claims.append(Claim(citation, prose[sentence], tuple(mentions[first:last])))
    return claims


def shorten(sentence: str, around: str | None = None, width: int = 60) -> str:
    """``sentence`` cut to about ``width`` characters, keeping ``around`` in view."""
    if len(sentence) <= width:
        return sentence
    center = sentence.find(around) if around else 0
    start = max(0, min(center - width // 3, len(sentence) - width))
    piece = sentence[start : start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(sentence) else "")


def _all_event_dates(view: ProseView) -> list[DateMention]:
    cuts = sorted({0, len(view.text), *view.section_starts})
    mentions: list[DateMention] = []
    for start, end in itertools.pairwise(cuts):
        mentions.extend(event_dates(view.text, start, end))
    return mentions


def _marker_groups(view: ProseView) -> list[list[int]]:
    """Indices of roles that stand together (``[18][19]``): they support the same words."""
    groups: list[list[int]] = []
    previous_end = -1
    for index, role in enumerate(view.roles):
        if groups and not view.text[previous_end : role.start].strip():
            groups[-1].append(index)
        else:
            groups.append([index])
        previous_end = role.end
    return groups


def _supported_span(
    view: ProseView,
    sentences: list[tuple[int, int]],
    sentence_starts: list[int],
    groups: list[list[int]],
    group_index: int,
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    group = groups[group_index]
    group_start = view.roles[group[0]].start
    sentence = sentence_at(sentences, group_start, sentence_starts)
    if sentence is None:
        return None
    start = sentence[0]
    if group_index > 0:
        previous_end = view.roles[groups[group_index - 1][-1]].end
        if previous_end > sentence[0]:
            start = previous_end
    end = group_start
    is_last = (
        group_index + 1 == len(groups)
        or view.roles[groups[group_index + 1][0]].start >= (sentence[1])
    )
    if is_last:
        end = sentence[1]
    return sentence, (start, end)


class _RoleFinder:
    """The role each citation comes from, found by bisection in the roles naming its key.

    A citation takes the role at its line and column, else the first unused one ending
    after its line's start (Sphinx gives lines only, and a paragraph's first line at
    that); each (role, key) is taken once.  Comparing every citation with every role made
    a document of 6,000 citations take 10 s.
    """

    def __init__(self, roles: list[CiteRole]) -> None:
        self.roles = roles
        self.by_key: dict[str, list[int]] = {}  # key -> indices of the roles naming it
        for index, role in enumerate(roles):
            for key in dict.fromkeys(role.keys):
                self.by_key.setdefault(key, []).append(index)
        self.ends = {key: [roles[i].end for i in found] for key, found in self.by_key.items()}
        # key -> for each position, a position at or after it that may be unused (the
        # next one once taken): pointers shortened as they are followed, so finding the
        # first unused role takes amortised constant time.
        self.free = {key: list(range(len(found) + 1)) for key, found in self.by_key.items()}

    def locate(self, citation: Citation, line_starts: list[int]) -> int | None:
        if not 1 <= citation.line <= len(line_starts):
            return None
        found = self.by_key.get(citation.key)
        if found is None:
            return None
        ends, free = self.ends[citation.key], self.free[citation.key]
        line_start = line_starts[citation.line - 1]
        offset = line_start + max(citation.col - 1, 0)
        at = bisect.bisect_right(ends, offset)  # the one role that may contain offset
        if at < len(found) and self.roles[found[at]].start <= offset and free[at] == at:
            return self._take(found, free, at)
        at = self._first_unused(free, bisect.bisect_right(ends, line_start))
        return self._take(found, free, at) if at < len(found) else None

    @staticmethod
    def _take(found: list[int], free: list[int], at: int) -> int:
        free[at] = at + 1
        return found[at]

    @staticmethod
    def _first_unused(free: list[int], at: int) -> int:
        root = at
        while free[root] != root:
            root = free[root]
        while free[at] != root and at != root:
            free[at], at = root, free[at]
        return root


def _as_prose(text: str) -> str:
    prose = re.sub(r"\s+", " ", text.replace(MARKER, "")).strip()
    return re.sub(r" (?=[。、，．！？」』）]|[.,;:!?](?:\s|$))", "", prose)
