"""Property tests: any export text gives entries or errors, never an exception; any title and
work the layouts can hold come back unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.importer import import_references, verify_bibliography

_PIECES = [
    "- ^ ", "^ ", "a b ", "“", "”", "「", "」", "『", "』", ". ", " (", ")", "。", "閲覧",
    "2024年10月30日", "{{cite news}}", "⚠", "\n", ":|date=", "{", "}", "%", "&", "\\", "@",
    "Retrieved ", "4 November 2024", "\"", "(英語)", "(in Russian)", "Axe, David", "x",
]  # fmt: skip

export_text = st.lists(st.sampled_from(_PIECES) | st.text(max_size=5), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)  # a loaded machine must not fail it
@given(export_text)
def test_any_text_gives_entries_or_errors_never_an_exception(text: str) -> None:
    result = import_references(text, "fuzz.txt")
    if result.errors:
        assert result.bib_text == ""
        assert all(error.line >= 1 for error in result.errors)
    else:
        assert len(result.keys) == result.found == len(result.references) > 0
        verify_bibliography(result.bib_text, result.keys, result.references)


# Words without the layouts' own delimiters; white space collapses, as in BibTeX.
words = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"),
        blacklist_characters='“”「」『』"()（）.。、',
    ),
    min_size=1,
    max_size=12,
)
phrase = st.lists(words, min_size=1, max_size=4).map(" ".join)


@settings(deadline=None)  # a loaded machine must not fail it
@given(title=phrase, work=phrase)
def test_title_and_work_round_trip_in_every_japanese_layout(title: str, work: str) -> None:
    lines = [
        f"- ^ “{title}”. {work} (2024年10月30日). 2024年11月4日閲覧。",
        f"- ^ “{title}”. {work}. (2024年10月30日) 2024年11月4日閲覧。",
        f"- ^ 「{title}」『{work}』2024年10月30日。2024年11月4日閲覧。",
    ]
    result = import_references("\n".join(lines), "generated.txt")
    assert result.errors == []
    assert [(r.title, r.work, r.date, r.urldate) for r in result.references] == [
        (title, work, "2024-10-30", "2024-11-04")
    ] * 3
    assert [r.wpformat for r in result.references] == ["web", "news", "ja"]
    verify_bibliography(result.bib_text, result.keys, result.references)
