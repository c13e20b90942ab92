"""near-duplicate's shortcuts decide as the general comparison does.

``_candidate_title_pairs`` numbers tokens, ranks them in C calls and writes out the
pairs of a title's four rarest tokens; the reference below follows its definition with
the tokens themselves: rarest by the number of titles holding them, ties by text, keys
the pairs of those held by another title too, posting lists probed up to their cap.

``split_page_marker`` answers an ASCII title ending in a digit without its pattern
when the word before the digits is no page word; the pattern's search, as the function
ran it on every such title, is the reference.

Records sharing one title ("Editorial Board" in every issue) are not paired up when
``_every_pair_clashes`` says the fields reject every pair: the general path kept as the
reference here is ``_representatives`` and ``_compare_within`` handing each pair to
``_corroboration``.  The records are generated with the fields that decide it (volume,
number, pages, DOI, abstract, preprint server, journal, authors, dates, page markers),
drawn from few values so that equal and missing ones are common.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain, combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.matching.near_duplicates import (
    _BLOCK_KEYS,
    _CANDIDATE_JACCARD,
    _MARKER_TAIL,
    _MAX_CANDIDATES,
    _MAX_POSTINGS,
    _PAGE_MARKER,
    _candidate_title_pairs,
    _compare_within,
    _corroboration,
    _every_pair_clashes,
    _representatives,
    _tokens,
    split_page_marker,
)
from refcheck.matching.records import Record
from refcheck.model import Entry, Field

_FIELD_VALUES = {
    "volume": ["1", "2", "??", "{2}"],
    "number": ["1", "3", "1--2"],
    "issue": ["4"],
    "pages": ["1--2", "1", "5--9", "i--ii"],
    "doi": ["10.1016/0079-6611(90)90001-a", "10.1016/0079-6611(90)90002-b", "n/a"],
    "abstract": ["A" * 120, "A" * 120 + " more", "short"],
    "eprinttype": ["arxiv"],
    "journal": ["Progress in Oceanography", "Prog. Oceanogr.", "Deep-Sea Research", "arXiv"],
    "author": ["Smith, J.", "Smith, J. and Lee, K.", "Ono, Y."],
    "year": ["1990", "1991", "2001"],
    "month": ["jan", "feb"],
}
_FIELDS = st.fixed_dictionaries({}, optional=dict.fromkeys(_FIELD_VALUES, st.integers(0, 3)))
_MEMBER = st.tuples(
    st.sampled_from(["article", "misc", "book", "online"]),
    _FIELDS,
    st.sampled_from([None, None, "2ページ", "page 3"]),
)


# A field every member gives with its own value (an issue's number), unless the member
# drew a value of it: groups like a column's in every issue, and near misses of them.
_NUMBERED = st.sampled_from([None, "volume", "number", "doi", "pages"])


def _group(
    drawn: list[tuple[str, dict[str, int], str | None]], numbered: str | None = None
) -> list[tuple[Record, str | None]]:
    members = []
    for index, (kind, choices, marker) in enumerate(drawn):
        fields = [Field("title", "Editorial Board", 1, 1)]
        if numbered is not None and numbered not in choices:
            value = f"10.1016/j.pocean.{index}" if numbered == "doi" else str(index + 10)
            fields.append(Field(numbered, value, 1, 1))
        for name, choice in choices.items():
            values = _FIELD_VALUES[name]
            fields.append(Field(name, values[choice % len(values)], 1, 1))
        entry = Entry(kind, f"key{index}", "refs.bib", index + 1, 1, fields)
        members.append((Record(entry, index), marker))
    return members


def _pairs_the_general_path_keeps(members: list[tuple[Record, str | None]]) -> list[object]:
    kept: list[object] = []

    def consider(a: Record, b: Record, similarity: float, marker: str | None) -> None:
        evidence = _corroboration(a, b, marker is not None)
        if evidence is not None:
            kept.append((a.index, b.index, similarity, marker, evidence))

    representatives = _representatives(members, consider)
    _compare_within(representatives, consider)
    return kept


@settings(max_examples=800, deadline=None)
@given(st.lists(_MEMBER, min_size=2, max_size=7), _NUMBERED)
def test_a_group_whose_every_pair_clashes_keeps_no_pair(
    drawn: list[tuple[str, dict[str, int], str | None]], numbered: str | None
) -> None:
    members = _group(drawn, numbered)
    if _every_pair_clashes(members):
        # Skipped whole: no pair of it would have been kept, and no member is a copy.
        assert _pairs_the_general_path_keeps(members) == []
        assert _representatives(members, lambda *_: None) == members
        for position, (a, _) in enumerate(members):
            for b, _ in members[position + 1 :]:
                assert _corroboration(a, b, False) is None
                assert _corroboration(a, b, True) is None


def test_an_issue_column_clashes_and_a_copy_or_a_shared_abstract_does_not() -> None:
    column = _group([("article", {"volume": v, "doi": v}, None) for v in (0, 1)])
    assert _every_pair_clashes(column)
    copies = _group([("article", {"volume": 0, "doi": 0}, None)] * 2)
    assert not _every_pair_clashes(copies)
    abstracts = _group([("article", {"volume": v, "abstract": 0}, None) for v in (0, 1)])
    assert not _every_pair_clashes(abstracts)
    pages_only = _group([("article", {"pages": p}, None) for p in (0, 2)])
    assert not _every_pair_clashes(pages_only)
    preprint = _group(
        [("article", {"volume": 0}, None), ("online", {"volume": 1, "eprinttype": 0}, None)]
    )
    assert not _every_pair_clashes(preprint)


def _split_by_the_pattern(title: str) -> tuple[str, str | None]:
    if not title or not (title[-1].isdigit() or title[-1] in "ジ目頁"):
        return title, None
    match = _PAGE_MARKER.search(title, max(len(title) - _MARKER_TAIL, 0))
    if match is None or match.start() == 0:
        return title, None
    return title[: match.start()].rstrip(), match.group().strip()


# Page words and their look-alikes, white space the pattern's \s and str.rstrip both
# know (\x1c to \x1f), digits of other scripts, and the Japanese markers.
_TITLE_PIECES = st.sampled_from(
    ["page", "pg", "p", "P", "ap", "e", "g", "pages", " ", "  ", "\t", "\x1c", "\x1f",
     "\u00a0", "1", "23", "0", "\u0663", "\uff12", "\u00b2", "x", "-", ".", "その",
     "ページ", "頁", "目"]
)  # fmt: skip
_TITLES = st.lists(_TITLE_PIECES, max_size=10).map("".join)
_SPACES = st.sampled_from(["", " ", "  ", "\t", "\x1c", "\u00a0", "\u3000"])
# A title, then what a page marker ends with: white space, a word, white space, digits.
_ENDINGS = st.tuples(
    _TITLES,
    _SPACES,
    st.sampled_from(["page", "pg", "p", "ap", "age", "g", "その", "x"]),
    _SPACES,
    st.sampled_from(["1", "23", "\u0663", "\u00b2"]),
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_TITLES, _ENDINGS, st.text(max_size=30)))
def test_split_page_marker_agrees_with_the_pattern(title: str) -> None:
    assert split_page_marker(title) == _split_by_the_pattern(title)


def _pairs_by_the_definition(titles: list[str]) -> list[tuple[int, int]]:
    token_sets = [set(_tokens(title)) for title in titles]
    frequency = Counter(chain.from_iterable(token_sets))
    rank = {token: n for n, token in enumerate(sorted(frequency, key=lambda t: (frequency[t], t)))}
    postings: defaultdict[object, list[int]] = defaultdict(list)
    pairs = []
    for i, tokens in enumerate(token_sets):
        rarest = sorted(tokens, key=rank.__getitem__)[:_BLOCK_KEYS]
        shared = [token for token in rarest if frequency[token] > 1]
        keys: list[object] = list(combinations(shared, 2)) if len(rarest) > 1 else shared
        seen: set[int] = set()
        for key in keys or ([None] if not rarest else []):
            if len(postings[key]) < _MAX_POSTINGS:
                seen.update(postings[key])
            postings[key].append(i)
        close = []
        for j in seen:
            size, other = len(tokens), len(token_sets[j])
            if min(size, other) < _CANDIDATE_JACCARD * max(size, other):
                continue
            common = len(tokens & token_sets[j])
            if common / (size + other - common) >= _CANDIDATE_JACCARD:
                close.append((-common / (size + other - common), j))
        pairs.extend((j, i) for _, j in sorted(close)[:_MAX_CANDIDATES])
    return pairs


# Few words, so that titles share them and tie in rarity; a word of Japanese (indexed by
# its character pairs) and a one-character one; titles of one word and of none.
_WORDS = st.sampled_from(
    ["ocean", "oceans", "sea", "the", "of", "deep", "flow", "ice", "a", "1990", "ii",
     "北朝鮮の兵士", "兵士", "海"]
)  # fmt: skip
# Titles are distinct without their spaces, as near_duplicates passes them.
_TITLE_LISTS = st.lists(
    st.lists(_WORDS, max_size=7).map(" ".join),
    max_size=40,
    unique_by=lambda title: title.replace(" ", ""),
)
# A crowd sharing its rarest pairs, beyond the posting lists' cap.
_CROWDS = st.builds(
    lambda shape, size: [shape.format(n=n, letter="de"[n % 2]) for n in range(size)],
    st.sampled_from(["a b c {letter} w{n}", "a b w{n}", "a b"]),
    st.integers(0, _MAX_POSTINGS + 20),
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TITLE_LISTS, _CROWDS))
def test_candidate_title_pairs_follow_their_definition(titles: list[str]) -> None:
    assert list(_candidate_title_pairs(titles)) == _pairs_by_the_definition(titles)
