"""Prose date extraction and the citation-to-sentence pairing behind claim-after-source.

The rule's own behaviour is tested as data in tests/cases/claim-after-source/; these
tests pin down the pieces: which words are event dates, how context resolves them, how
sentences split, and which part of a sentence each citation supports.
"""

from __future__ import annotations

from datetime import date

import pytest

from refcheck.claims import find_claims, shorten
from refcheck.claims.dates import event_dates
from refcheck.claims.markup import prose_view
from refcheck.claims.sentences import split_sentences
from refcheck.model import Citation
from refcheck.sources.documents import scan_document


def dates_of(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.earliest.isoformat(), m.precision) for m in event_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年10月8日、会議。", [("2024年10月8日", "2024-10-08", "day")]),
        ("２０２４年１０月８日、会議。", [("２０２４年１０月８日", "2024-10-08", "day")]),
        (
            "2024年10月8日、会議。18日、発表。同日、公開。翌日、反論。",
            [
                ("2024年10月8日", "2024-10-08", "day"),
                ("18日", "2024-10-18", "day"),
                ("同日", "2024-10-18", "day"),
                ("翌日", "2024-10-19", "day"),
            ],
        ),
        (
            "2024年10月28日、理事会。11月4日、到着。翌5日、回答を避けた。",
            [
                ("2024年10月28日", "2024-10-28", "day"),
                ("11月4日", "2024-11-04", "day"),
                ("翌5日", "2024-11-05", "day"),
            ],
        ),
        # 翌N日 with N below the day in context is in the next month.
        (
            "2024年10月30日、会談。翌2日、声明。",
            [("2024年10月30日", "2024-10-30", "day"), ("翌2日", "2024-11-02", "day")],
        ),
        # A day-only form reads the nearest day: 4日 after the 8th is the 4th of that month.
        (
            "2024年10月8日、長官は4日の報道に触れた。",
            [("2024年10月8日", "2024-10-08", "day"), ("4日", "2024-10-04", "day")],
        ),
        (
            "2025年1月には捕虜。同年4月下旬に奪回。",
            [("2025年1月", "2025-01-01", "month"), ("同年4月下旬", "2025-04-21", "month")],
        ),
        # Stepping back across a new year: December of the year before.
        (
            "2025年1月23日の報道。12月中旬から参加。",
            [("2025年1月23日", "2025-01-23", "day"), ("12月中旬", "2024-12-11", "month")],
        ),
        # Vague dates count from their earliest day.
        ("2024年8月頃に提案。", [("2024年8月頃", "2024-01-01", "year")]),
        ("2024年7月30日頃に撮影。", [("2024年7月30日頃", "2024-07-01", "month")]),
        ("令和6年5月1日に施行。", [("令和6年5月1日", "2024-05-01", "day")]),
        # Not event dates: births, durations, ordinals, counts, plans.
        ("2005年生まれで、1999年生まれの兵士。", []),
        (
            "2024年10月1日、攻撃は10日間続き、3日後に30日以内の1日あたり。",
            [("2024年10月1日", "2024-10-01", "day")],
        ),
        (
            "2024年10月8日、会談は11月20日に予定されている。",
            [("2024年10月8日", "2024-10-08", "day")],
        ),
        ("派兵開始1か月で18人が脱走し、兵役期間は10年である。", []),
        # Quoted speech neither claims nor moves the date; limits are not events.
        (
            "2024年10月8日、会談。「20日に訪問する」と述べた。同日、声明。",
            [("2024年10月8日", "2024-10-08", "day"), ("同日", "2024-10-08", "day")],
        ),
        ("2024年10月8日、制裁は2030年まで続くとした。", [("2024年10月8日", "2024-10-08", "day")]),
        # A month alone gives the days after it their month, across sentences ...
        (
            "2024年10月、派兵が報じられた。18日、国家情報院が発表した。",
            [("2024年10月", "2024-10-01", "month"), ("18日", "2024-10-18", "day")],
        ),
        # ... and paragraphs of the section; the next bare day then reads from that day.
        (
            "2024年10月、派兵。\n\n18日、発表。30日、会談。2日、声明。",
            [
                ("2024年10月", "2024-10-01", "month"),
                ("18日", "2024-10-18", "day"),
                ("30日", "2024-10-30", "day"),
                ("2日", "2024-11-02", "day"),
            ],
        ),
        # A year alone resets the month: the 18th of which month is not known.
        (
            "2024年10月、派兵。2025年、発表。18日、会談。",
            [
                ("2024年10月", "2024-10-01", "month"),
                ("2025年", "2025-01-01", "year"),
            ],
        ),
        # A month in quoted speech is not the narrative's context.
        (
            "2024年9月、会談。「10月に送る」と述べた。18日、発表。",
            [
                ("2024年9月", "2024-09-01", "month"),
                ("18日", "2024-09-18", "day"),
            ],
        ),
        # No context: nothing is guessed.
        ("28日、理事会。同日、声明。11月3日、懸念。", []),
        (
            "On 8 October 2024 the minister spoke. The next day, he left.",
            [("8 October 2024", "2024-10-08", "day"), ("The next day", "2024-10-09", "day")],
        ),
        (
            "October 8, 2024: talks. On 12 October, more talks. In late October, troops.",
            [
                ("October 8, 2024", "2024-10-08", "day"),
                ("12 October", "2024-10-12", "day"),
                ("late October", "2024-10-21", "month"),
            ],
        ),
        (
            "In October 2024 he said it. Around 5 November 2024 it happened.",
            [("October 2024", "2024-10-01", "month"), ("5 November 2024", "2024-11-01", "month")],
        ),
        ("The soldier, born in 2005, served for 30 days.", []),
        ("The summit is scheduled for 5 December 2024.", []),
    ],
)
def test_event_dates(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert dates_of(text) == expected


def test_a_heading_gives_its_section_the_date() -> None:
    text = "# 2024年10月\n\n8日、会談した{cite:p}`a`。\n\n## 次の節\n\n9日、声明{cite:p}`b`。\n"
    claims = find_claims(text, [cite(text, "a"), cite(text, "b")])
    assert [[(m.text, m.earliest.isoformat()) for m in c.dates] for c in claims] == [
        [("8日", "2024-10-08")],
        [],
    ]


def test_dates_do_not_cross_sections() -> None:
    text = "# A\n\n2024年10月5日、会談。\n\n## B\n\n28日、理事会。\n"
    view = prose_view(text)
    claims_text = [m.text for m in event_dates(view.text, 0, view.section_starts[1])]
    assert claims_text == ["2024年10月5日"]
    assert list(event_dates(view.text, view.section_starts[1])) == []


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("一つ目。二つ目。", ["一つ目。", "二つ目。"]),
        (
            "翌5日、「何も言うつもりはない。なぜなら確認していない」と述べた。次。",
            ["翌5日、「何も言うつもりはない。なぜなら確認していない」と述べた。", "次。"],
        ),
        (
            "Mr. Smith left on Oct. 8. The U.S. agreed.",
            ["Mr. Smith left on Oct. 8.", "The U.S. agreed."],
        ),
        ("It is 3.5 km away. Next!", ["It is 3.5 km away.", "Next!"]),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text, [])] == sentences


def cite(text: str, key: str, nth: int = 0) -> Citation:
    """The citation of ``key`` at its ``nth`` role in ``text``, by line and column."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(f"`{key}`", index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return Citation(key, "doc.md", line, col)


def supported(text: str, *citations: Citation) -> list[list[str]]:
    return [[m.text for m in c.dates] for c in find_claims(text, citations)]


def test_citation_supports_the_words_before_it_not_the_next_clause() -> None:
    text = (
        "2024年7月30日頃、撮影された。車両は撤収した{cite:p}`a`、12月6日には撃破した{cite:p}`b`。\n"
    )
    assert supported(text, cite(text, "a"), cite(text, "b")) == [[], ["12月6日"]]


def test_last_citation_supports_the_rest_of_its_sentence() -> None:
    text = "According to Reuters {cite:p}`a`, the strike came on 1 October 2024.\n"
    assert supported(text, cite(text, "a")) == [["1 October 2024"]]


def test_marker_after_the_full_stop_belongs_to_the_sentence_before() -> None:
    text = "It happened on 1 October 2024. {cite:p}`a` On 20 October 2024 it resumed {cite:p}`b`.\n"
    assert supported(text, cite(text, "a"), cite(text, "b")) == [
        ["1 October 2024"],
        ["20 October 2024"],
    ]


def test_grouped_markers_support_the_same_words() -> None:
    text = "2024年10月18日、動画を公開した{cite:p}`a`{cite:p}`b`。\n"
    assert supported(text, cite(text, "a"), cite(text, "b")) == [["2024年10月18日"]] * 2


def test_dates_in_another_sentence_do_not_apply() -> None:
    text = "2024年12月6日、発表した。以前から知られていた{cite:p}`a`。\n"
    (claim,) = find_claims(text, [cite(text, "a")])
    assert claim.dates == ()
    assert claim.sentence == "以前から知られていた。"


def test_citations_without_a_column_take_the_roles_in_order() -> None:
    """Sphinx gives a paragraph's line only: repeated keys map to their roles in order."""
    text = "2024年10月1日、A{cite:p}`k`。2024年10月9日、B{cite:p}`k`。\n"
    first, second = (Citation("k", "doc.md", 1), Citation("k", "doc.md", 1))
    assert supported(text, first, second) == [["2024年10月1日"], ["2024年10月9日"]]


def test_roles_in_code_and_comments_are_not_claims() -> None:
    text = "```\n2024年12月1日{cite:p}`a`\n```\n<!-- 2024年12月1日{cite:p}`a` -->\n"
    assert prose_view(text).roles == []


def test_rest_roles_and_titles() -> None:
    text = "経過\n====\n\n2024年11月4日、到着した :cite:p:`a`。\n"
    view = prose_view(text)
    assert [r.keys for r in view.roles] == [("a",)]
    assert view.section_starts == [0]
    assert supported(text, Citation("a", "doc.rst", 4)) == [["2024年11月4日"]]


def test_shorten_keeps_the_date_in_view() -> None:
    sentence = "あ" * 50 + "2024年12月6日" + "い" * 50
    short = shorten(sentence, "2024年12月6日", width=30)
    assert "2024年12月6日" in short and short.startswith("…") and short.endswith("…")
    assert len(short) <= 32


def test_earliest_date_is_the_claim() -> None:
    text = "2024年10月28日、理事会。11月4日と翌5日に発言した{cite:p}`a`。\n"
    (claim,) = find_claims(text, [cite(text, "a")])
    assert claim.earliest is not None and claim.earliest.earliest == date(2024, 11, 4)


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\r"])
def test_claims_are_found_after_any_line_break_the_document_scanner_counts(separator: str) -> None:
    # Citations count lines as str.splitlines does; the claims must map them back alike.
    text = f"前文{separator}続き。2024年12月6日、発表した{{cite:p}}`a`。\n"
    citations = scan_document("doc.md", text).citations
    (claim,) = find_claims(text, citations)
    assert [m.text for m in claim.dates] == ["2024年12月6日"]


@pytest.mark.parametrize("body", ["a b", "a{x}b", "{see}a, b{p. 3}"])
def test_every_citation_of_a_role_finds_its_claim_whatever_the_body(body: str) -> None:
    text = f"2024年12月6日、発表した{{cite:p}}`{body}`。\n"
    citations = scan_document("doc.md", text).citations
    assert len(citations) == 2
    claims = find_claims(text, citations)
    assert [[m.text for m in c.dates] for c in claims] == [["2024年12月6日"]] * 2


def test_many_citations_of_one_sentence_share_its_text() -> None:
    """One sentence with 4,700 citations once held 4,700 copies of itself (238 MB)."""
    text = "2024年12月6日、" + "".join(f"事件{{cite:p}}`k{i}`" for i in range(4700)) + "。\n"
    citations = [cite(text, f"k{i}") for i in range(0, 4700, 47)]
    claims = find_claims(text, citations)
    assert len(claims) == 100
    assert len({id(claim.sentence) for claim in claims}) == 1
    assert [m.text for m in claims[0].dates] == ["2024年12月6日"]
    assert all(claim.dates == () for claim in claims[1:])


def test_citations_in_any_order_and_without_columns_find_their_roles() -> None:
    """The roles of a key, in text order, are taken once each; an exact column wins."""
    text = "A{cite:p}`k`。B{cite:p}`k`。C{cite:p}`k`。\nD{cite:p}`k`。\n"
    third = cite(text, "k", nth=2)
    by_line = [Citation("k", "doc.md", 1), Citation("k", "doc.md", 1), Citation("k", "doc.md", 2)]
    claims = find_claims(text, [third, *by_line, Citation("k", "doc.md", 1)])
    assert [c.sentence for c in claims] == ["C。", "A。", "B。", "D。"]
