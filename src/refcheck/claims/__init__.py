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
from refcheck.documents import line_starts
from refcheck.model import Citation

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
    groups = _marker_groups(view)
    group_of = {index: number for number, group in enumerate(groups) for index in group}
    sentence_starts = [start for start, _ in sentences]
    roles_by_key = _roles_by_key(view.roles)
    lines_at = line_starts(text.splitlines(keepends=True))
    claims = []
    # Every citation of one long sentence shares its text: make it prose once.
    prose_of: dict[tuple[int, int], str] = {}
    for citation in citations:
        role_index = _locate(roles_by_key, citation, lines_at)
        if role_index is None:
            continue
        supported = _supported_span(view, sentences, sentence_starts, groups, group_of[role_index])
        if supported is None:
            continue
        sentence, (start, end) = supported
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        prose = prose_of.get(sentence)
        if prose is None:
            prose = prose_of[sentence] = _as_prose(view.text[sentence[0] : sentence[1]])
        claims.append(Claim(citation, prose, tuple(mentions[first:last])))
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


class _RolesOfKey:
    """The roles naming one key, in order, and which of them a citation has taken.

    Lookups bisect and skip taken roles through ``_next_free`` (with path halving), so
    a document that cites one key thousands of times is still read in linear time.
    """

    __slots__ = ("indices", "starts", "ends", "_next_free")

    def __init__(self) -> None:
        self.indices: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._next_free: list[int] = []

    def add(self, index: int, role: CiteRole) -> None:
        self.indices.append(index)
        self.starts.append(role.start)
        self.ends.append(role.end)
        self._next_free.append(len(self._next_free))

    def free_from(self, position: int) -> int:
        """The first position at or after ``position`` whose role is not taken."""
        nexts = self._next_free
        free = position
        while free < len(nexts) and nexts[free] != free:
            free = nexts[free]
        while position < free:  # shorten the path for the next lookup
            nexts[position], position = free, nexts[position]
        return free

    def take(self, position: int) -> int:
        self._next_free[position] = position + 1
        return self.indices[position]


def _roles_by_key(roles: list[CiteRole]) -> dict[str, _RolesOfKey]:
    by_key: dict[str, _RolesOfKey] = {}
    for index, role in enumerate(roles):
        for key in dict.fromkeys(role.keys):
            by_key.setdefault(key, _RolesOfKey()).add(index, role)
    return by_key


def _locate(
    roles_by_key: dict[str, _RolesOfKey],
    citation: Citation,
    line_starts: list[int],
) -> int | None:
    """The role a citation comes from: at its line and column, else the next unused one
    on or after its line (Sphinx gives lines only, and a paragraph's first line at that)."""
    if not 1 <= citation.line <= len(line_starts):
        return None
    candidates = roles_by_key.get(citation.key)
    if candidates is None:
        return None
    line_start = line_starts[citation.line - 1]
    offset = line_start + max(citation.col - 1, 0)
    at = bisect.bisect_right(candidates.starts, offset) - 1
    if at >= 0 and offset < candidates.ends[at] and candidates.free_from(at) == at:
        return candidates.take(at)
    after = candidates.free_from(bisect.bisect_right(candidates.ends, line_start))
    if after < len(candidates.indices):
        return candidates.take(after)
    return None


def _as_prose(text: str) -> str:
    prose = re.sub(r"\s+", " ", text.replace(MARKER, "")).strip()
    return re.sub(r" (?=[。、，．！？」』）]|[.,;:!?](?:\s|$))", "", prose)
