"""Duplicate rules and their normal forms, on small inputs and on real bibliographies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from refcheck.bib import parse_file
from refcheck.matching import near_duplicates as near_duplicates_module
from refcheck.matching import normalize as normalize_module
from refcheck.matching import records as records_module
from refcheck.matching.near_duplicates import same_work, split_page_marker
from refcheck.matching.normalize import (
    family_names,
    fold_text,
    normalize_doi,
    normalize_url,
    plain_text,
)
from refcheck.model import Entry
from refcheck.rules import all_rules
from refcheck.rules.registry import RULES, Context, Options, Project
from rule_runner import bib, run_rule
from shared import CORPUS_DIR

CORPUS = CORPUS_DIR / "large"


@pytest.mark.parametrize(
    "value",
    ["10.1000/XYZ", "https://doi.org/10.1000/xyz", "http://dx.doi.org/10.1000/xyz",
     "doi:10.1000/xyz", "DOI: 10.1000/xyz", "https://www.doi.org/10.1000/xyz", "10.1000/xyz."],
)  # fmt: skip
def test_doi_normal_form(value: str) -> None:
    assert normalize_doi(value) == "10.1000/xyz"


def test_not_a_doi() -> None:
    assert [normalize_doi(v) for v in ("xyz", "11.1000/x", "10.1000")] == [None, None, None]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.example.org/a/b/", "http://example.org/a/b"),
        ("https://example.org:443/a#part", "https://EXAMPLE.org/a"),
        ("http://example.org:80/a?x=1", "https://example.org/a/?x=1"),
    ],
)
def test_url_normal_form_equal(a: str, b: str) -> None:
    assert normalize_url(a) == normalize_url(b) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.org/A", "https://example.org/a"),
        ("https://example.org/a?x=1", "https://example.org/a?x=2"),
        ("https://example.org:8080/a", "https://example.org/a"),
        ("https://example.org/a", "https://example.com/a"),
    ],
)
def test_url_normal_form_conservative(a: str, b: str) -> None:
    assert normalize_url(a) != normalize_url(b)


_URL_SCHEMES = st.sampled_from(["http://", "https://", " https://", "HTTP://", "ftp://", ""])
_URL_PIECES = st.sampled_from(
    ["www.", "WWW.", "Ex.org", "例え.jp", "/", "//", "a", "B", ":", ":80", ":443", ":8080", "@",
     "u@", "?", "?x=1", "#", "#f", " ", "\t", "\u3000", "\x1c", "\\_", "\\%", "\\#", "%7E",
     "~", "\\", "."]
)  # fmt: skip


@settings(max_examples=1000)
@example("http://www./a")  # "www." is the host here, not its prefix
@example("https://WWW.Ex.org//a//")
@example("http://a b/c")
@example("http://x.org/a\u3000b")
@example("http://x.org/a\x1cb")
@example("http://u@x.org/a")
@example("http://x.org:80/a")
@example("http://x.org/a?b#c")
@example("http:///a")
@example("http://x.org")
@example(" http://x.org/a\\_b ")
@given(st.tuples(_URL_SCHEMES, st.lists(_URL_PIECES, max_size=8).map("".join)).map("".join))
def test_url_plain_form_reads_as_the_pattern_does(value: str) -> None:
    # normalize_url reads http(s)://host/path without the pattern: it must agree with it.
    text = value.strip().replace("\\_", "_").replace("\\%", "%").replace("\\#", "#")
    assert normalize_url(value) == normalize_module._normalize_url_by_pattern(text)


def test_home_pages_and_other_schemes_identify_nothing() -> None:
    for value in ("https://www.example.org/", "http://example.org", "mailto:a@b.c", "x"):
        assert normalize_url(value) is None


def test_text_normal_forms() -> None:
    assert plain_text(r"The {NATO}   Summit \emph{now}") == "the nato summit now"
    assert fold_text("「“北朝鮮の部隊” ＮＡＴＯ事務総長」") == "北朝鮮の部隊 nato事務総長"
    assert fold_text(r"M{\"u}ller's Caf\'e") == fold_text("Müller’s café") == "muller s cafe"
    assert fold_text(r"The \TeX{}book") == "the tex book"


def test_family_names() -> None:
    names = family_names(r"Axe, David and {{時事通信外信部}} and Donald E. Knuth and others")
    assert names == {"axe", "時事通信外信部", "knuth"}


@pytest.mark.parametrize(
    ("title", "base", "marker"),
    [
        ("確認(2ページ)", "確認", "2ページ"),
        ("A title (page 2)", "a title", "page 2"),
        ("タイトル（その2）", "タイトル", "その2"),
        ("Title, p. 3", "title", "p 3"),
        ("Top 10", "top 10", None),
        ("Part 2", "part 2", None),
        ("2ページ", "2ページ", None),
    ],
)
def test_page_markers(title: str, base: str, marker: str | None) -> None:
    assert split_page_marker(fold_text(title)) == (base, marker)


def test_duplicate_key_across_files_names_both_places() -> None:
    first = bib("@book{Knuth1984, title = {A}}\n", "a.bib")
    second = bib("@book{x, title = {B}}\n@book{knuth1984, title = {C}}\n", "b.bib")
    [report] = run_rule("duplicate-key", first, second)
    assert report.location.path == "b.bib" and report.location.line == 2
    assert report.related[0].path == "a.bib"
    assert report.message == (
        "key 'knuth1984' is defined twice: first at a.bib:1 (as 'Knuth1984'), again at b.bib:2"
    )


def test_duplicate_field_reports_both_lines() -> None:
    [report] = run_rule("duplicate-field", bib("@book{k,\n title = {A},\n TITLE = {B}\n}\n"))
    assert report.location.line == 3 and report.related[0].line == 2
    assert "lines 2 and 3; values differ" in report.message


def test_duplicate_entry_by_doi_url_and_title() -> None:
    text = (
        "@article{a, title = {Ocean}, journaltitle = {J}, date = {2014}, doi = {10.1/X}}\n"
        "@article{b, title = {Ocean.}, journaltitle = {J.}, doi = {https://doi.org/10.1/x}}\n"
        "@online{c, title = {Page}, url = {https://www.example.org/p/}}\n"
        "@online{d, title = {Page}, url = {http://example.org/p#top}}\n"
        "@article{e, title = {The {NATO} Summit}, journaltitle = {News}, date = {2024-07-10}}\n"
        "@article{f, title = {The NATO summit}, journaltitle = {{News}}, date = {2024-07-10}}\n"
    )
    reports = run_rule("duplicate-entry", bib(text))
    assert [(r.key, r.message.split(" as ")[0]) for r in reports] == [
        ("b", "same DOI 10.1/x"),
        ("d", "same URL example.org/p"),
        ("f", "same title, journaltitle and date"),
    ]


def test_duplicate_entry_ignores_a_shared_page_and_a_book_doi_on_chapters() -> None:
    text = (
        "@online{a, title = {Annual report 2019}, url = {https://example.org/reports}}\n"
        "@online{b, title = {Strategy for a decade}, url = {https://example.org/reports}}\n"
        "@incollection{c, title = {Phonon confinement}, booktitle = {Nanowires},"
        " doi = {10.5772/3457}}\n"
        "@incollection{d, title = {Electron microscopy}, booktitle = {Nanowires},"
        " doi = {10.5772/3457}}\n"
    )
    assert run_rule("duplicate-entry", bib(text)) == []


def test_one_doi_on_two_titles_is_reported_as_a_probably_wrong_doi() -> None:
    text = (
        "@article{d1, title={Alpha}, journaltitle={J}, date={2020}, doi={10.1000/ABC}}\n"
        "@article{d2, title={Beta}, journaltitle={K}, date={2021},"
        " doi={https://doi.org/10.1000/abc}}\n"
        "@book{b, title = {Nanowires}, date = {2010}, doi = {10.5772/3457}}\n"
        "@incollection{c, title = {Phonon confinement}, crossref = {b}, doi = {10.5772/3457}}\n"
    )
    [report] = run_rule("duplicate-entry", bib(text))
    assert report.key == "d2" and report.related[0].line == 1
    assert report.message == (
        "same DOI 10.1000/abc as 'd1' at t.bib:1, but the titles differ: "
        "one of the two DOIs is probably wrong"
    )
    assert run_rule("near-duplicate", bib(text)) == []


def _records_built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Keys of the records built from now on (records.Record, counted)."""
    built: list[str] = []

    class CountedRecord(records_module.Record):
        __slots__ = ()

        def __init__(self, entry: Entry, index: int) -> None:
            built.append(entry.key)
            super().__init__(entry, index)

    monkeypatch.setattr(records_module, "Record", CountedRecord)
    return built


def test_records_are_built_once_per_run_and_never_reused_by_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = _records_built(monkeypatch)
    text = (
        "@article{a, title = {Ocean mixing}, journaltitle = {J}, date = {2014}, doi = {10.1/x}}\n"
        "@article{b, title = {Ocean mixing.}, journaltitle = {J}, date = {2014}, doi = {10.1/x}}\n"
    )
    project = Project(bibfiles=[bib(text)])
    all_rules()
    ctx = Context(project, Options())
    assert [r.key for r in RULES["duplicate-entry"].check(ctx)] == ["b"]
    assert list(RULES["near-duplicate"].check(ctx)) == []
    assert built == ["a", "b"]  # both rules, one set of records
    # The entry changes between runs (as in a Sphinx rebuild): the next run sees it.
    replacement = "@article{b, title = {Ocean mixing.}, journaltitle = {J}, doi = {10.1/y}}"
    project.bibfiles[0].entries[1].fields = bib(replacement).entries[0].fields
    assert list(RULES["duplicate-entry"].check(Context(project, Options()))) == []
    assert built == ["a", "b", "a", "b"]


def test_near_duplicate_reports_the_later_entry_with_evidence() -> None:
    text = (
        "@article{a, title = {北朝鮮の兵器産業に依存深めるロシア}, journaltitle = {フォーブス},"
        " author = {{David Axe}}, date = {2024-12-21}}\n"
        "@article{b, title = {北朝鮮の兵器産業に依存深めるロシア(2ページ)},"
        " journaltitle = {フォーブス}, author = {{David Axe}}, date = {2024-12-21}}\n"
    )
    [report] = run_rule("near-duplicate", bib(text))
    assert report.key == "b" and report.related[0].line == 1
    assert report.message == (
        "probably the same article, cited as another page, as 'a' at t.bib:1: title equal "
        "but for the page marker '2ページ', same date, same journaltitle, same author"
    )


def test_near_duplicate_threshold_option() -> None:
    text = (
        "@article{a, title = {Hyphenation exception log for the year}, journal = {TUGboat},"
        " year = {1990}, author = {Beeton, Barbara}}\n"
        "@article{b, title = {Hyphenation exeption log for the year}, journal = {TUGboat},"
        " year = {1990}, author = {Beeton, Barbara}}\n"
    )
    [report] = run_rule("near-duplicate", bib(text))
    assert "title 98% similar, same date, same journal, same author" in report.message
    assert run_rule("near-duplicate", bib(text), threshold=0.99) == []


def test_near_duplicate_spares_series_and_parts_of_a_work() -> None:
    text = (
        "@article{a, title = {Report on the January 1981 meeting}, journal = {T}, year = {1981},"
        " author = {Morris, R.}}\n"
        "@article{b, title = {Report on the May 1981 meeting}, journal = {T}, year = {1981},"
        " author = {Morris, R.}}\n"
        "@book{c, title = {Alternative Modernities}, date = {2001}, editor = {Gaonkar, D.},"
        " publisher = {Duke}}\n"
        "@incollection{d, title = {On Alternative Modernities}, date = {2001},"
        " author = {Gaonkar, D.}, booktitle = {Alternative Modernities}, publisher = {Duke}}\n"
    )
    assert run_rule("near-duplicate", bib(text)) == []


def test_the_books_raw_import_has_exactly_the_sources_two_page_article(
    repo_root: Path,
) -> None:
    reports = run_rule("near-duplicate", parse_file(repo_root / "refs.bib"))
    assert [(r.key, r.message.split("'")[1]) for r in reports] == [
        ("forbes-japan-2024-12-21b", "forbes-japan-2024-12-21a")
    ]
    assert run_rule("duplicate-entry", parse_file(repo_root / "refs.bib")) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not found")
def test_tugboat_yearly_items_are_not_near_duplicates() -> None:
    # bibtex-tidy calls 525 of these entries "similar": yearly columns, site reports, and
    # issues of a series.  None is the same work twice.
    tugboat = parse_file(CORPUS / "pybtex_examples_tugboat.bib")
    assert len(tugboat.entries) == 2720
    assert run_rule("near-duplicate", tugboat) == []
    assert run_rule("duplicate-entry", tugboat) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not found")
def test_real_duplicates_in_a_mendeley_export_are_found() -> None:
    mendeley = parse_file(CORPUS / "bbt_mendeley.bib")
    exact = {(r.key, r.message.split("'")[1]) for r in run_rule("duplicate-entry", mendeley)}
    assert exact == {
        ("Milazzo2017z", "Milazzo2017zz"),
        ("Milazzo2017", "Milazzo2017zz"),
        ("Mabbott2017a", "Mabbott2017"),
        # Mendeley merged thirty records into one and kept one of their DOIs: Furnham's.
        ("Furnham1991", "Phruksachart2018"),
    }
    near = [(r.key, r.message.split("'")[1]) for r in run_rule("near-duplicate", mendeley)]
    assert near == [("Woolf1939", "Woolf1939z")]


def test_a_crowd_with_one_title_is_compared_with_neighbours_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 300 issues of one column in one year, plus one real duplicate among them.
    lines = [
        f"@article{{c{n}, title = {{Calendar}}, journal = {{TUGboat}}, year = {{1990}},"
        f" number = {{{n}}}, author = {{Beeton, B.}}}}"
        for n in range(300)
    ]
    lines.append(
        "@article{again, title = {Calendar.}, journal = {TUGboat}, year = {1990},"
        " number = {7}, author = {Beeton, Barbara}, note = {copy}}"
    )
    calls = 0
    original = near_duplicates_module._corroboration

    def counting(a: Any, b: Any, page: bool) -> Any:
        nonlocal calls
        calls += 1
        return original(a, b, page)

    monkeypatch.setattr(near_duplicates_module, "_corroboration", counting)
    reports = run_rule("near-duplicate", bib("\n".join(lines)))
    assert [(r.key, r.message.split("'")[1]) for r in reports] == [("again", "c7")]
    assert calls <= 301 * 8  # not 301 * 300 / 2


def _synthetic(count: int, seed: int) -> str:
    """Made-up titles in pairs that differ in one word (so difflib must look at them),
    from a vocabulary of 400 words; the pairs differ in year, so none is reported."""
    import random
    import string

    rng = random.Random(seed)
    words = ["".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(400)]
    entries = []
    for n in range(count // 2):
        title = rng.choices(words, k=6)
        variant = [*title[:-1], rng.choice(words)]
        for copy, text in enumerate((title, variant)):
            entries.append(
                f"@article{{k{n}x{copy}, title = {{{' '.join(text)}}}, journal = {{J}},"
                f" year = {{{1990 + copy}}}, author = {{Doe, Jane}}}}"
            )
    return "\n".join(entries)


def test_near_duplicate_work_grows_linearly_with_the_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Structural, not timed: count the record pairs verified at N and 2N entries.
    counts = []
    original = near_duplicates_module._corroboration
    for size in (2000, 4000):
        made = 0

        def counting(a: Any, b: Any, page: bool) -> Any:
            nonlocal made
            made += 1
            return original(a, b, page)

        monkeypatch.setattr(near_duplicates_module, "_corroboration", counting)
        run_rule("near-duplicate", bib(_synthetic(size, seed=size)))
        monkeypatch.undo()
        counts.append(made)
    assert counts[0] > 500  # the synthetic look-alike titles do get verified
    assert counts[1] <= 2.5 * counts[0]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Prog. Oceanogr.", "Progress in Oceanography", True),
        ("J. Comput. Phys.", "Journal of Computational Physics", True),
        ("Proc. IEEE", "Proceedings of the IEEE", True),
        ("TUGboat", "TUGBoat", True),
        ("Phys. Rev.", "Physical Review Letters", False),
        ("J.", "Journal of Anything", False),
        ("Nature", "Science", False),
    ],
)
def test_journal_names_and_their_abbreviations(a: str, b: str, same: bool) -> None:
    assert same_work(fold_text(a), fold_text(b)) is same


def test_near_duplicate_across_an_abbreviated_journal_but_not_another_venue() -> None:
    text = (
        "@article{a, title = {Ocean mixing in the Arctic}, journal = {Progress in Oceanography},"
        " year = {2014}, author = {Doe, Jane}}\n"
        "@article{b, title = {Ocean Mixing in the Arctic.}, journal = {Prog. Oceanogr.},"
        " year = {2014}, author = {Doe, J.}}\n"
        "@inproceedings{c, title = {Ocean mixing in the Arctic}, booktitle = {Proc. OCEANS},"
        " year = {2014}, author = {Doe, Jane}}\n"
    )
    assert [(r.key, r.message.split("'")[1]) for r in run_rule("near-duplicate", bib(text))] == [
        ("b", "a")
    ]
