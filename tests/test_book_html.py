"""4. The built HTML: a clean build, the bibliography in the source's Japanese format, and
every citation a number linking to its own entry, numbered as the source numbers it."""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import BookBuild, is_appendix
from seed import Seed

BIBLIOGRAPHY_PAGE = "references"


@pytest.fixture(scope="module")
def pages(book_html: BookBuild) -> dict[str, BeautifulSoup]:
    return {
        docname: BeautifulSoup(
            (book_html.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser"
        )
        for docname in book_html.docnames
    }


@pytest.fixture(scope="module")
def bibliography(pages: dict[str, BeautifulSoup]) -> list[Tag]:
    return pages[BIBLIOGRAPHY_PAGE].select('div.citation[role="doc-biblioentry"]')


def normalized(text: str) -> str:
    return " ".join(text.split())


def label_of(entry: Tag) -> str:
    label = entry.select_one("span.label")
    assert label is not None
    return label.get_text().strip("[]")


def test_build_is_clean(book_html: BookBuild):
    assert book_html.status == 0
    assert book_html.warnings == ""


def test_reading_order_ends_with_the_bibliography(book_html: BookBuild):
    assert book_html.docnames[0] == "index"
    article_pages = [name for name in book_html.docnames if not is_appendix(name)]
    assert article_pages[-1] == BIBLIOGRAPHY_PAGE


def test_bibliography_is_the_source_reference_list(
    seed: Seed, bibliography: list[Tag], bib_keys: list[str]
):
    assert len(bibliography) == len(seed.references)
    for reference, entry in zip(seed.references, bibliography, strict=True):
        where = f"bibliography entry {reference.number}"
        assert label_of(entry) == str(reference.number), where
        assert entry.get("id") == f"cite-{bib_keys[reference.number - 1]}", where
        paragraph = entry.find("p")
        assert paragraph is not None, where
        # As the source prints it: "^" (cited once) or "^ a b …" (the back-links), then the text.
        shown = f"{reference.backlinks} {reference.text}"
        assert normalized(paragraph.get_text()) == normalized(shown), where


def test_one_bibliography_only(pages: dict[str, BeautifulSoup]):
    holding = [name for name, page in pages.items() if page.select("div.citation")]
    assert holding == [BIBLIOGRAPHY_PAGE]


def test_citations_link_to_their_entries(
    seed: Seed, pages: dict[str, BeautifulSoup], bibliography: list[Tag]
):
    entries = {entry.get("id"): entry for entry in bibliography}
    numbers: list[int] = []
    for docname, page in pages.items():
        for link in page.select("span.bibtex-citation a.reference.internal"):
            target = urlsplit(str(link.get("href")))
            assert target.path == f"{BIBLIOGRAPHY_PAGE}.html", f"{docname}: {link}"
            entry = entries.get(target.fragment)
            assert entry is not None, f"{docname}: {link} points at no entry"
            # The number shown is the number of the entry it leads to.
            assert link.get_text() == label_of(entry), f"{docname}: {link}"
            numbers.append(int(link.get_text()))
    assert numbers == [n for p in seed.paragraphs for n in p.markers]


def test_back_links_lead_to_every_citing_place_in_reading_order(
    book_html: BookBuild, pages: dict[str, BeautifulSoup], bibliography: list[Tag]
):
    citing_places: dict[str, list[str]] = defaultdict(list)  # entry id -> page#anchor
    for docname in book_html.docnames:
        for citation in pages[docname].select("span.bibtex-citation"):
            link = citation.select_one("a.reference.internal")
            assert link is not None and citation.get("id"), f"{docname}: {citation}"
            entry_id = urlsplit(str(link.get("href"))).fragment
            citing_places[entry_id].append(f"{docname}.html#{citation.get('id')}")
    for entry in bibliography:
        back_links = entry.select("p > span.backlinks > a.backlink")
        assert [a.get("href") for a in back_links] == citing_places[str(entry.get("id"))]
        total = len(back_links)
        for number, link in enumerate(back_links, start=1):
            label = "本文へ戻る" if total == 1 else f"本文へ戻る({total}か所中{number}か所目)"
            assert link.get("aria-label") == label, link
            assert link.get("role") == "doc-backlink", link


def test_citations_read_as_in_the_source(seed: Seed, pages: dict[str, BeautifulSoup]):
    """Each paragraph, as rendered, is the source's paragraph: text and [n] in place."""
    rendered = {
        normalized(p.get_text())
        for name, page in pages.items()
        if name != BIBLIOGRAPHY_PAGE
        for p in page.select("article p")
    }
    for paragraph in seed.paragraphs:
        assert normalized(paragraph.text) in rendered, f"source line {paragraph.line}"


def test_front_page_states_source_and_licence(pages: dict[str, BeautifulSoup], seed: Seed):
    front = pages["index"]
    heading = front.find("h1")
    assert heading is not None
    assert heading.get_text().strip("#") == seed.title
    text = normalized(front.get_text())
    revision = re.search(r"\((\d{4})/(\d\d)/(\d\d) (\d\d:\d\d) UTC", seed.revision_line)
    assert revision is not None
    year, month, day, time = revision.groups()
    assert f"{int(year)}年{int(month)}月{int(day)}日 {time} UTC" in text
    for needed in ("ウィキペディア", "CC BY-SA 4.0", "Wikipedia contributors"):
        assert needed in text
    hrefs = {str(a.get("href")) for a in front.select("a")}
    assert "https://creativecommons.org/licenses/by-sa/4.0/deed.ja" in hrefs
    assert any(urlsplit(href).netloc == "ja.wikipedia.org" for href in hrefs)


@pytest.mark.parametrize(
    "syntax", ["{cite", "{admonition}", "{bibliography}", "{toctree}", "```", ":::"]
)
def test_no_markup_left_unrendered(pages: dict[str, BeautifulSoup], syntax: str):
    for name, page in pages.items():
        article = page.select_one("article")
        assert article is not None, name
        # The audit table quotes the source's maintenance flags ({{cite news}}) verbatim.
        for quoted in article.select("table.refcheck-report"):
            quoted.decompose()
        assert syntax not in article.get_text(), f"{name}.html shows MyST syntax {syntax!r}"
