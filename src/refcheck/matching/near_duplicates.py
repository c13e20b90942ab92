"""Finding entries that describe the same work: exact keys, then similar titles.

Exact duplicates share a DOI, a URL, or title + work + date (:func:`exact_duplicates`).
Near duplicates (:func:`near_duplicates`) are found without comparing all pairs:

1. Titles are folded (NFKC, case, punctuation, LaTeX) and a trailing page marker
   (``(2ページ)``, ``(page 2)``, ``（その2）``) is set aside; records whose remaining
   titles are equal form one group.
   Spaces do not count there, so ``TeX book`` and ``TeXbook`` are one title.
2. Distinct titles are indexed under the pairs of their four rarest tokens (words;
   character bigrams for scripts written without spaces).  Titles sharing a pair, and
   half of their tokens overall, are candidates: few, since rare tokens are rare.
3. Every candidate pair is verified: titles that differ in a number, a month or a
   Roman numeral are a series (``1月22日の動き``/``1月23日の動き``, ``Part 1``/``Part 2``),
   and so are titles that differ in a part spelled out on both sides (``part one``/
   ``part two``, ``（上）``/``（下）``, ``前編``/``後編``, ``第一部``/``第二部``);
   then the other fields (no conflicting volume/number/pages/DOI, dates that agree, the
   same work and a shared author where both give one, at least two of these agreeing);
   then, only for pairs the fields allow, the titles' similarity (difflib).  A title
   stops at its first verified match, so crowds of look-alikes stay linear.

Identical records (copies) are compared with their first copy only, and a crowd of
records sharing one title and year (a column in every issue) is compared with sorted
neighbours only: nothing here compares all pairs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from difflib import SequenceMatcher
from itertools import chain, combinations, count
from operator import countOf

from refcheck.collector import keep_until_exit
from refcheck.dates.months import MONTH_NUMBERS
from refcheck.i18n import N_, translated
from refcheck.lazy_re import lazy
from refcheck.matching.normalize import fold_text
from refcheck.matching.records import Record, authors_disagree, conflicts, dates_agree, is_preprint
from refcheck.value_objects import FrozenValue

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Final

# Each title is indexed under the pairs of its rarest tokens; titles sharing a pair are
# candidates (two near-equal titles share at least two of their four rarest tokens).
_BLOCK_KEYS = 4
# Token Jaccard a candidate needs before difflib looks at it.
_CANDIDATE_JACCARD = 0.5
# Title candidates verified per title, closest (by token Jaccard) first.
_MAX_CANDIDATES = 3
# Index lists longer than this are not probed: a token that common says nothing.
_MAX_POSTINGS = 64

# A trailing page marker, after folding: "2ページ", "2頁", "page 2", "p 2", "その2".
_PAGE_MARKER = re.compile(r"(?:\s|^)(?:page|pg|p)\s*\d+$|\s*(?:その\s*\d+|\d+\s*(?:ページ目?|頁))$")
_MARKER_ENDINGS = frozenset("ジ目頁")
_MARKER_TAIL = 24
# difflib is quadratic in the worst case: titles are compared up to this length.
_MAX_TITLE_LENGTH = 600
# Titles less similar than this are different works, whatever identifier they share.
_CONTRADICTING_TITLES = 0.6
_NUMBER = re.compile(r"\d")
_Consider = Callable[[Record, Record, float, str | None], None]
_ROMAN = re.compile(r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


class ExactDuplicate(FrozenValue):
    """A record with an earlier record's DOI, URL, or title, work and date."""

    __slots__ = ("later", "first", "reason", "titles_differ")
    later: Final[Record]
    first: Final[Record]
    reason: Final[str]  # "DOI 10.1/x", "URL example.org/a", "title, journaltitle and date"
    # Set for a shared DOI on clearly different titles: one of the DOIs is probably wrong.
    titles_differ: Final[bool]

    def __init__(
        self, later: Record, first: Record, reason: str, titles_differ: bool = False
    ) -> None:
        self.later = later
        self.first = first
        self.reason = reason
        self.titles_differ = titles_differ


class NearDuplicate(FrozenValue):
    """A record that is probably the same work as an earlier record."""

    __slots__ = ("later", "earlier", "similarity", "evidence", "page_marker", "preprint")
    later: Final[Record]
    earlier: Final[Record]
    similarity: Final[float]
    evidence: Final[tuple[str, ...]]
    page_marker: Final[str | None]  # set when one record is another page of the same article
    # Set when one record is a preprint and the other its published version: both may be
    # wanted, so this is a finding of its own (preprint-and-published), not a duplicate.
    preprint: Final[Record | None]

    def __init__(
        self,
        later: Record,
        earlier: Record,
        similarity: float,
        evidence: tuple[str, ...],
        page_marker: str | None,
        preprint: Record | None = None,
    ) -> None:
        self.later = later
        self.earlier = earlier
        self.similarity = similarity
        self.evidence = evidence
        self.page_marker = page_marker
        self.preprint = preprint


def _titles_contradict(a: Record, b: Record) -> bool:
    """Clearly different titles: the shared DOI or URL is not this work's own."""
    if not a.title_fold or not b.title_fold:
        return False
    first, second = a.title_fold[:_MAX_TITLE_LENGTH], b.title_fold[:_MAX_TITLE_LENGTH]
    return SequenceMatcher(None, first, second).ratio() < _CONTRADICTING_TITLES


def exact_duplicates(records: Iterable[Record]) -> Iterator[ExactDuplicate]:
    """Each record that repeats an earlier one's DOI, URL, or title + work + date."""
    firsts: dict[tuple[object, ...], Record] = {}
    for record in records:
        keys: list[tuple[object, ...]] = []
        if record.doi:
            keys.append(("DOI", record.doi))
        elif (bogus := _unreadable_doi(record)) is not None:
            keys.append(("DOI", bogus))
        keys.extend(("URL", url) for url in record.urls)
        if record.title_plain and record.work_plain and record.date_span:
            keys.append(("title", record.title_plain, record.work_plain, record.date_span))
        found: ExactDuplicate | None = None
        for key in keys:
            first = firsts.setdefault(key, record)
            if first is record or found is not None:
                continue
            if first.entry.key.casefold() == record.entry.key.casefold():
                continue  # the same key twice is duplicate-key's finding
            if key[0] == "title":
                if conflicts(first, record) or authors_disagree(first, record):
                    continue  # another issue's item, or another paper of the same title
                reason = translated(N_("title, {work} and date")).format(work=record.work_name)
                found = ExactDuplicate(record, first, reason)
                continue
            differ = _titles_contradict(first, record)
            if key[0] == "DOI":
                # A DOI names one work: on two titles, one DOI is probably wrong, unless
                # one entry is a part of the other (a chapter with its book's DOI).
                if _share_the_whole_doi(first, record, differ):
                    continue
            elif differ or authors_disagree(first, record):
                # A shared page (a journal's home page, a folder of documents by other
                # authors) is no work's identity.
                continue
            found = ExactDuplicate(record, first, f"{key[0]} {key[1]}", titles_differ=differ)
        if found is not None:
            yield found


def _unreadable_doi(record: Record) -> str | None:
    """A ``doi`` value that is no DOI (``1.1``), as written: the same bogus value in two
    entries is one copied record (the identifier rules say the value is wrong).  Values
    without a digit (``n/a``, ``??``, ``none``) are placeholders, not identifiers."""
    value = record.value("doi")
    if not value:
        return None
    text = value.strip().casefold()
    if not any(char.isdigit() for char in text) or any(char.isspace() for char in text):
        return None
    return text


# Entry types that are a part of a larger work and may carry that work's DOI, and the
# types of such larger works.
_PART_TYPES = frozenset(
    {"inbook", "incollection", "inproceedings", "conference", "inreference", "bookinbook",
     "suppbook", "suppcollection", "suppperiodical"}
)  # fmt: skip
_WHOLE_TYPES = frozenset(
    {"book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
     "reference", "mvreference", "periodical"}
)  # fmt: skip


def _share_the_whole_doi(a: Record, b: Record, titles_differ: bool) -> bool:
    """True when a shared DOI is a larger work's: a part and its whole (``crossref``,
    ``booktitle``, or an ``@in...`` entry next to a book), or, on different titles, two
    parts of one whole (two chapters of one book, both with the book's DOI, one of them
    perhaps typed ``@article`` with the book as its journal)."""
    if part_of(a, b):
        return True
    kinds = {a.entry.type, b.entry.type}
    if not kinds & _PART_TYPES:
        return False
    if kinds & _WHOLE_TYPES:
        return True
    if not titles_differ:
        return False
    parent = a.value("crossref")
    if parent and parent.strip().casefold() == (b.value("crossref") or "").strip().casefold():
        return True
    return bool(a.work_fold and b.work_fold) and same_work(a.work_fold, b.work_fold)


def split_page_marker(title: str) -> tuple[str, str | None]:
    """``("北朝鮮の兵器産業 ... 確認", "2ページ")`` for a title ending in a page marker."""
    if not title or not (title[-1].isdigit() or title[-1] in _MARKER_ENDINGS):
        return title, None
    if title[-1] in _ASCII_DIGITS and title.isascii() and not _ends_in_a_page_word(title):
        return title, None  # "Part 2", "1998": most titles ending in a digit
    # Markers are short: searching the tail only keeps a hostile title linear.
    offset = max(len(title) - _MARKER_TAIL, 0)
    match = _PAGE_MARKER.search(title, offset)
    if match is None or match.start() == 0:
        return title, None
    return title[: match.start()].rstrip(), match.group().strip()


_ASCII_DIGITS = frozenset("0123456789")


def _ends_in_a_page_word(title: str) -> bool:
    """Whether an ASCII title ending in a digit may end in an ASCII page marker, the one
    kind it can hold (the others are Japanese): the word before its last digits (and the
    white space after them) must be "page", "pg" or "p"."""
    return title.rstrip("0123456789").rstrip().endswith(("page", "pg", "p"))


def _tokens(title: str) -> list[str]:
    """Words; for scripts written without spaces (CJK), character bigrams."""
    if title.isascii():
        return title.split()
    tokens: list[str] = []
    for word in title.split():
        if word.isascii() or not any(ord(c) >= 0x2E80 for c in word) or len(word) == 1:
            tokens.append(word)
        else:
            tokens.extend(word[i : i + 2] for i in range(len(word) - 1))
    return tokens


# Month names and abbreviations, and seasons.
_MONTH_WORDS = frozenset(MONTH_NUMBERS) | {"spring", "summer", "autumn", "fall", "winter"}


def _is_series_token(token: str) -> bool:
    """Numbers, Roman numerals, months and seasons: what tells items of a series apart."""
    return bool(_NUMBER.search(token) or _ROMAN.fullmatch(token)) or token in _MONTH_WORDS


# Spelled-out numbers and ordinals: "part one"/"part two", "first"/"second report".
_NUMBER_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "first", "second", "third", "fourth", "fifth",
        "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
        "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
        "twentieth",
    }
)  # fmt: skip
# Japanese parts as words: 上/中/下 (巻), 前編/中編/後編, 第一部/第二部, その一/その二.
_KANJI_NUMBER = "[一二三四五六七八九十百]+"
# Both compiled at first use: only titles in Japanese need them (every alternative holds
# a character outside ASCII).
_JA_PART_WORD = lazy(
    rf"[上中下]巻?|[前中後][編篇]|第?{_KANJI_NUMBER}[部編篇巻回章話]?|その{_KANJI_NUMBER}"
)
# The same parts told apart inside one unspaced word: 上/下, 前/後 (編), 一/二 (第…部).
_JA_PART_DIFFERENCE = lazy(rf"{_KANJI_NUMBER}|[上中下前後]")


def _is_part_word(word: str) -> bool:
    if word in _NUMBER_WORDS:
        return True
    return not word.isascii() and _JA_PART_WORD.fullmatch(word) is not None


def _is_letter(word: str) -> bool:
    return len(word) == 1 and word.isascii() and word.isalpha()


def _differ_only_as_series(a: str, b: str) -> bool:
    """True when the titles differ as items of a series do: in a number, a Roman numeral,
    a month or a season (issues, parts, reports of another meeting), or in a spelled-out
    part on both sides (``part one``/``part two``, ``（上）``/``（下）``, ``前編``/``後編``)."""
    words_a, words_b = set(a.split()), set(b.split())
    only_a, only_b = words_a - words_b, words_b - words_a
    if any(_is_series_token(w) for w in chain(only_a, only_b)):
        return True
    if any(map(_is_part_word, only_a)) and any(map(_is_part_word, only_b)):
        return True
    # Lettered parts: "Part A"/"Part B", "(a)"/"(b)" (folded to single Latin letters; a
    # one-character word of Japanese is a word, not a letter).
    if any(map(_is_letter, only_a)) and any(map(_is_letter, only_b)):
        return True
    # Unspaced scripts: compare the digits themselves (1月22日 vs 1月23日).
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return True
    return not a.isascii() and _differ_in_a_part(a, b)


def _differ_in_a_part(a: str, b: str) -> bool:
    """Titles equal but for a part marker inside a word: ``第一部``/``第二部``."""
    start = _shared_length(a, b)
    rest_a, rest_b = a[start:], b[start:]
    end = _shared_length(rest_a[::-1], rest_b[::-1])
    differ_a, differ_b = rest_a[: len(rest_a) - end], rest_b[: len(rest_b) - end]
    return bool(
        _JA_PART_DIFFERENCE.fullmatch(differ_a.strip())
        and _JA_PART_DIFFERENCE.fullmatch(differ_b.strip())
    )


def _shared_length(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start."""
    return next(
        (n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _candidate_title_pairs(titles: list[str]) -> Iterator[tuple[int, int]]:
    """Pairs of indexes into ``titles`` that share two of their rarest tokens and
    enough tokens overall to be worth a closer look."""
    # Tokens are numbered as they are met, and a title keeps a tuple of its tokens'
    # numbers: each token's text is kept once, and a small tuple of shared ints is a
    # fraction of a set of strings (this index was most of the rule's memory).
    numbering: defaultdict[str, int] = defaultdict(count().__next__)
    token_numbers = [
        tuple(set(map(numbering.__getitem__, t.split() if t.isascii() else _tokens(t))))
        for t in titles
    ]  # (ASCII titles, most of them, split here: _tokens' own first case, without a call)
    texts = list(numbering)  # by number
    del numbering
    frequency = Counter(chain.from_iterable(token_numbers))
    # One rank per token, rarest first and ties by text: deterministic.  Titles are then
    # indexed by ranks (ints sort and hash faster than the words they stand for).  Two
    # sorts of the numbers, by text and then (stable) by count, do it without a tuple
    # per token.
    by_rarity = sorted(range(len(texts)), key=texts.__getitem__)
    by_rarity.sort(key=frequency.__getitem__)
    rank = [0] * len(by_rarity)
    for position, number in enumerate(by_rarity):
        rank[number] = position
    # Ranks below this are tokens of one title only: no other title can share a key
    # holding one, so such keys are not indexed at all.
    shared_from = countOf(frequency.values(), 1)
    del texts, frequency, by_rarity
    # A key is a pair of ranks (a, b), a < b, as the int a * width + b; its posting is the
    # one title holding it (most keys have one) or the list of titles.
    width = len(rank)
    postings: dict[int, int | list[int]] = {}
    keep_until_exit((token_numbers, postings))  # freed at the exit, not one by one here
    for i, tokens in enumerate(token_numbers):
        rarest = sorted(map(rank.__getitem__, tokens))[:_BLOCK_KEYS]
        keys: Sequence[int]
        if len(rarest) == _BLOCK_KEYS and rarest[0] >= shared_from:
            # Most titles: four rarest tokens (_BLOCK_KEYS), all shared; the six pairs written
            # out (combinations and a comprehension were a tenth of the index's time).
            a, b, c, d = rarest
            keys = (a * width + b, a * width + c, a * width + d, b * width + c, b * width + d,
                    c * width + d)  # fmt: skip
        elif len(rarest) > 1:
            keys = [
                a * width + b for a, b in combinations([r for r in rarest if r >= shared_from], 2)
            ]
        elif rarest:
            keys = [rarest[0] * (width + 1)] if rarest[0] >= shared_from else []
        else:
            keys = [-1]
        seen: set[int] = set()
        for key in keys:
            posting = postings.setdefault(key, i)
            if isinstance(posting, int):
                if posting != i:
                    seen.add(posting)
                    postings[key] = [posting, i]
                continue
            if len(posting) < _MAX_POSTINGS:
                seen.update(posting)
            posting.append(i)
        if not seen:
            continue
        size = len(tokens)
        mine = set(tokens)
        close: list[tuple[float, int]] = []
        for j in seen:
            other = token_numbers[j]
            if min(size, len(other)) < _CANDIDATE_JACCARD * max(size, len(other)):
                continue
            shared = len(mine.intersection(other))
            jaccard = shared / (size + len(other) - shared)
            if jaccard >= _CANDIDATE_JACCARD:
                close.append((-jaccard, j))
        # Only the closest few: a title with dozens of look-alikes is one of a crowd
        # (copies of copies), and comparing it with all of them would grow quadratically.
        for _, j in sorted(close)[:_MAX_CANDIDATES]:
            yield (j, i)


_LINK_FIELDS = ("crossref", "xref", "xdata", "related", "entryset")
_CONTAINER_FIELDS = ("booktitle", "maintitle")


def part_of(a: Record, b: Record) -> bool:
    """True when one record points to the other (``crossref``, ``related``...) or is a
    part of it (its ``booktitle`` is the other's title): a chapter and its book."""
    for x, y in ((a, b), (b, a)):
        key = y.entry.key.casefold()
        for name in _LINK_FIELDS:
            value = x.value(name)
            if value and key in (k.strip().casefold() for k in value.split(",")):
                return True
        for name in _CONTAINER_FIELDS:
            value = x.value(name)
            if value and fold_text(value) == y.title_fold:
                return True
    return False


def _corroboration(a: Record, b: Record, page: bool) -> list[str] | None:
    """What agrees besides the title, or None when something contradicts."""
    if is_preprint(a) != is_preprint(b):
        return _preprint_corroboration(a, b)
    clashing = conflicts(a, b)
    if page:
        clashing = [name for name in clashing if name != "pages"]
    if clashing and not _two_venues_one_abstract(a, b):
        return None
    if a.doi and b.doi and a.doi != b.doi:
        return None
    evidence: list[str] = []
    if authors_disagree(a, b):
        return None
    same_date = dates_agree(a, b)
    if same_date is False:
        if not _reprinted_book(a, b):
            return None
        evidence.append(N_("book a year apart"))  # N_: the rule words them
    if same_date:
        evidence.append("date")
    same_numbers = _same_volume_and_pages(a, b)
    same_abstract = _same_abstract(a, b)
    if a.work_fold and b.work_fold:
        if same_work(a.work_fold, b.work_fold):
            evidence.append(a.work_name or "work")
        elif not same_numbers and not same_abstract:
            return None  # another journal or proceedings: another publication
    if same_numbers:
        evidence.append(N_("volume and pages"))
    if same_abstract:
        evidence.append("abstract")
    if a.families and b.families:
        evidence.append("author")
    needed = 3 if _different_kinds(a, b) else 2
    if _nothing_but_authors(a, b) and "author" in evidence:
        needed = 1  # author and title are all either record says: nothing contradicts
    if len(evidence) < needed or part_of(a, b):
        return None
    return evidence


def _preprint_corroboration(a: Record, b: Record) -> list[str] | None:
    """A preprint and a published record: the same authors, and the preprint not later
    than a year after the publication (a preprint of a later paper is not its draft).
    Venue, DOI and numbers differ by nature."""
    preprint, published = (a, b) if is_preprint(a) else (b, a)
    if not preprint.families or not published.families or authors_disagree(a, b):
        return None
    if part_of(a, b):
        return None
    evidence = ["author"]
    if preprint.year is not None and published.year is not None:
        if preprint.year > published.year + 1:
            return None
        evidence.append("date" if preprint.year == published.year else N_("years apart"))
    return evidence


_BOOK_TYPES = frozenset({"book", "mvbook", "collection", "proceedings", "reference"})


def _reprinted_book(a: Record, b: Record) -> bool:
    """One book dated a year apart (printing and copyright year, a late reprint): the
    same title and authors, both typed as books, years one apart."""
    return (
        a.entry.type in _BOOK_TYPES
        and b.entry.type in _BOOK_TYPES
        and a.year is not None
        and b.year is not None
        and abs(a.year - b.year) == 1
        and bool(a.families & b.families)
        and _same_or_missing(a.value("publisher"), b.value("publisher"))
    )


def _same_or_missing(a: str | None, b: str | None) -> bool:
    """Another publisher a year later is another edition, not a reprint."""
    return not a or not b or same_work(fold_text(a), fold_text(b))


def _same_volume_and_pages(a: Record, b: Record) -> bool:
    """Volume and first page both given and equal: one article, whatever the journal's
    name is abbreviated to."""
    mine, theirs = a.distinguishing, b.distinguishing
    return all(name in mine and mine[name] == theirs.get(name) for name in ("volume", "pages"))


# An abstract this long (folded) that starts the same in two records is one text: the
# paper's conference and journal versions, or one record exported twice.
_ABSTRACT_LENGTH = 100


def _same_abstract(a: Record, b: Record) -> bool:
    first, second = a.value("abstract"), b.value("abstract")
    if not first or not second:
        return False
    head_a = fold_text(first[: _ABSTRACT_LENGTH * 3])[: _ABSTRACT_LENGTH * 2]
    head_b = fold_text(second[: _ABSTRACT_LENGTH * 3])[: _ABSTRACT_LENGTH * 2]
    shorter = min(len(head_a), len(head_b))
    return shorter >= _ABSTRACT_LENGTH and head_a[:shorter] == head_b[:shorter]


def _two_venues_one_abstract(a: Record, b: Record) -> bool:
    """One paper in two venues (a conference's and a journal's), told by its abstract:
    volume and pages then belong to different venues and say nothing against it.  In
    one venue, a shared abstract may be a column's boilerplate, and numbers still count."""
    return (  # cheapest first: most records have no abstract, difflib is costly
        _same_abstract(a, b)
        and bool(a.work_fold and b.work_fold)
        and not same_work(a.work_fold, b.work_fold)
    )


def _nothing_but_authors(a: Record, b: Record) -> bool:
    """Neither record gives a date or a venue: author and title are all there is."""
    if a.date or b.date or a.work_fold or b.work_fold:
        return False
    # A part whose date and venue are its parent's (crossref) is not bare: the same
    # chapter in two collections is two publications.
    return not any(r.value(name) for r in (a, b) for name in _LINK_FIELDS)


_STOP_WORDS = frozenset({"of", "the", "and", "in", "on", "for", "a", "de", "der", "und", "la"})


def same_work(a: str, b: str) -> bool:
    """Folded journal or book titles that name one work: equal, nearly equal, or one an
    abbreviation of the other (``prog oceanogr`` for ``progress in oceanography``)."""
    if a == b:
        return True
    if SequenceMatcher(None, a[:_MAX_TITLE_LENGTH], b[:_MAX_TITLE_LENGTH]).ratio() >= 0.9:
        return True
    return _abbreviates(a, b) or _abbreviates(b, a)


def _abbreviates(short: str, full: str) -> bool:
    """Each word of ``short`` starts the next word of ``full``, skipping only stop words."""
    words = short.split()
    rest = iter(full.split())
    for word in words:
        for candidate in rest:
            if candidate.startswith(word):
                break
            if candidate not in _STOP_WORDS:
                return False
        else:
            return False
    return len(words) >= 2 and next(rest, None) is None


# Types that say little about what a work is: a web page or a "misc" record may well be
# the same work as an article or a report.
_GENERIC_TYPES = frozenset({"misc", "online", "www", "electronic", "unpublished"})
_TYPE_ALIASES = {
    "conference": "inproceedings",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
}


def _different_kinds(a: Record, b: Record) -> bool:
    """True for two specific, different types (an article and a thesis by one author
    with one title are two publications): then the work must agree too."""
    kind_a = _TYPE_ALIASES.get(a.entry.type, a.entry.type)
    kind_b = _TYPE_ALIASES.get(b.entry.type, b.entry.type)
    return kind_a != kind_b and not {kind_a, kind_b} & _GENERIC_TYPES


def near_duplicates(
    records: list[Record], threshold: float, exclude: Iterable[tuple[Record, Record]]
) -> list[NearDuplicate]:
    """One finding per record that is probably the same work as an earlier record."""
    cluster = _clusters(records, exclude)
    # Grouped by the title without spaces, so "TeX book" and "TeXbook" are one title.
    bases: dict[str, list[tuple[Record, str | None]]] = defaultdict(list)
    spaced: dict[str, str] = {}
    for record in records:
        if record.title_fold:
            base, marker = split_page_marker(record.title_fold)
            compact = base.replace(" ", "")
            bases[compact].append((record, marker))
            spaced.setdefault(compact, base)
    titles = list(bases)
    keep_until_exit((bases, spaced))  # freed at the exit, not one by one on return
    best: dict[int, NearDuplicate] = {}

    def eligible(a: Record, b: Record, page: bool) -> tuple[Record, Record, list[str]] | None:
        """The pair, earlier first, with what corroborates it; None when it cannot be a
        near duplicate (one exact cluster, one key, or fields that disagree)."""
        if a.index > b.index:
            a, b = b, a
        if cluster.get(a.index, a.index) == cluster.get(b.index, b.index):
            return None
        if a.entry.key.casefold() == b.entry.key.casefold():
            return None
        evidence = _corroboration(a, b, page)
        return None if evidence is None else (a, b, evidence)

    def keep(pair: tuple[Record, Record, list[str]], similarity: float, marker: str | None) -> None:
        earlier, later, evidence = pair
        current = best.get(later.index)
        if current is None or similarity > current.similarity:
            preprint = next((r for r in (earlier, later) if is_preprint(r)), None)
            if preprint is not None and is_preprint(earlier) == is_preprint(later):
                preprint = None  # two preprints: an ordinary duplicate
            best[later.index] = NearDuplicate(
                later, earlier, similarity, tuple(evidence), marker, preprint
            )

    def consider(a: Record, b: Record, similarity: float, marker: str | None) -> None:
        pair = eligible(a, b, marker is not None)
        if pair is not None:
            keep(pair, similarity, marker)

    for compact, members in bases.items():
        if len(members) > 1 and not _every_pair_clashes(members):  # most titles are one record's
            bases[compact] = _representatives(members, consider)
            if not _every_pair_clashes(bases[compact]):
                _compare_within(bases[compact], consider)
    matched: set[int] = set()
    for i, j in _candidate_title_pairs([spaced[t] for t in titles]):
        if i in matched:
            continue  # candidates come closest first: the title has its match
        first, second = spaced[titles[i]], spaced[titles[j]]
        if _differ_only_as_series(first, second):
            continue
        # The fields first (cheap), the titles' similarity only for pairs they allow.
        pairs = [
            pair
            for a, marker_a in bases[titles[i]]
            for b, marker_b in bases[titles[j]]
            if marker_a == marker_b and (pair := eligible(a, b, False)) is not None
        ]
        if not pairs:
            continue
        matcher = SequenceMatcher(
            None, first[:_MAX_TITLE_LENGTH], second[:_MAX_TITLE_LENGTH], autojunk=False
        )
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        similarity = matcher.ratio()
        if similarity < threshold:
            continue
        for pair in pairs:
            keep(pair, similarity, None)
        matched.add(i)
    return sorted(best.values(), key=lambda d: d.later.index)


# Records sharing one folded title are compared by year bucket; a record without a year
# is compared with a whole group only when the group is this small.
_SMALL_GROUP = 20
# In a larger group, how many sorted neighbours each record is compared with.
_NEIGHBOURS = 8


def _signature(record: Record, marker: str | None) -> tuple[object, ...]:
    return (
        marker,
        record.entry.type,
        record.date_span,
        record.work_fold,
        record.families,
        tuple(sorted(record.distinguishing.items())),
    )


def _representatives(
    members: list[tuple[Record, str | None]], consider: _Consider
) -> list[tuple[Record, str | None]]:
    """The first of each set of identical records (same title, type, date, work, authors,
    numbers); the copies are compared with their first right away.  Copies would
    otherwise make the comparisons grow with the square of their number."""
    if len(members) < 2:
        return members
    first_by_signature: dict[tuple[object, ...], tuple[Record, str | None]] = {}
    for record, marker in members:
        first = first_by_signature.setdefault(_signature(record, marker), (record, marker))
        if first[0] is not record:
            consider(first[0], record, 1.0, None)
    return list(first_by_signature.values())


def _every_pair_clashes(members: list[tuple[Record, str | None]]) -> bool:
    """True when :func:`_corroboration` rejects every pair of these records at its first
    test, whatever their page markers: all preprints or none, at most one abstract (one
    paper in two venues needs two), and a distinguishing field other than pages that all
    give, with values telling each apart (its DOI, or volume and number).  A title in
    every issue ("Editorial Board") is such a group: its pairs, thousands of them, need
    not be formed.  No two members are copies then, so each is its own representative."""
    records = [record for record, _ in members]
    if sum(1 for record in records if record.value("abstract")) > 1:
        return False
    if len(set(map(is_preprint, records))) > 1:
        return False
    dois = {record.doi for record in records}
    if len(dois) == len(records) and all(dois):
        return True  # a DOI each, and the DOI is a distinguishing field
    numbers = [record.distinguishing for record in records]
    names = set(numbers[0]).intersection(*numbers[1:])
    names.discard("pages")  # pages do not count between two pages of one article
    if not names:
        return False
    told_apart = {tuple(found[name] for name in names) for found in numbers}
    return len(told_apart) == len(records)


def _compare_within(members: list[tuple[Record, str | None]], consider: _Consider) -> None:
    if len(members) < 2:
        return
    if len(members) <= _SMALL_GROUP:
        # Few records of one title: every pair, whatever the years (a preprint and its
        # publication years later, a book reprinted a year on).
        for position, (a, marker_a) in enumerate(members):
            for b, marker_b in members[position + 1 :]:
                consider(a, b, 1.0, None if marker_a == marker_b else marker_b or marker_a)
        return
    by_year: dict[int | None, list[tuple[Record, str | None]]] = defaultdict(list)
    for member in members:
        by_year[member[0].year].append(member)
    for year, bucket in by_year.items():
        if len(bucket) > _SMALL_GROUP:
            _compare_neighbours(bucket, consider)
            continue
        partners = bucket
        if year is not None and len(by_year.get(year + 1, ())) <= _SMALL_GROUP:
            partners = partners + by_year.get(year + 1, [])  # a book reprinted a year on
        for a, marker_a in bucket:
            for b, marker_b in partners:
                if b is a or (b.year == year and b.index < a.index):
                    continue  # each pair once
                consider(a, b, 1.0, None if marker_a == marker_b else marker_b or marker_a)


def _compare_neighbours(bucket: list[tuple[Record, str | None]], consider: _Consider) -> None:
    """A crowd of records with one title and year (a column in every issue): sorted by
    work, author and date, each is compared with its next few neighbours only, where a
    duplicate would sort."""

    def order(member: tuple[Record, str | None]) -> tuple[str, str, tuple[int, int]]:
        record = member[0]
        return (record.work_fold, min(record.families, default=""), record.date_span or (0, 0))

    ranked = sorted(bucket, key=order)
    for position, (a, marker_a) in enumerate(ranked):
        for b, marker_b in ranked[position + 1 : position + 1 + _NEIGHBOURS]:
            consider(a, b, 1.0, None if marker_a == marker_b else marker_b or marker_a)


def _clusters(records: list[Record], pairs: Iterable[tuple[Record, Record]]) -> dict[int, int]:
    """Union-find over exact duplicates: record index -> cluster root."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = root(a.index), root(b.index)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: root(i) for i in list(parent)}
