"""The HTML book in a real browser: Chromium (Debian's package) driven by Playwright.

The built HTML is served on 127.0.0.1 from a random free port. Screenshots of the front page
and of a search result go to test-artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import functools
import os
import random
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup

from shared import REPO_ROOT
from test_ja_search import build_sample

ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PDF_NAME = "north-korea-troops-in-russia.pdf"
AUDIT_TITLE = "出典の検証"
# The words the issue names, each a compound the unsegmented query used to miss.
BOOK_WORDS = {
    "bofu-gundan": "暴風軍団",
    "chosen-jinmingun": "朝鮮人民軍",
    "kursk-shu": "クルスク州",
    "dai-11-gundan": "第11軍団",
    "horyo": "捕虜",
}
# Folders of the HTML output that hold assets, not pages.
ASSET_DIRS = {"_static", "_sources", "_images", "_downloads"}

# CI sets REFCHECK_REQUIRE_BROWSER=1 so that a missing Chromium fails instead of skipping.
if not CHROMIUM.is_file():
    reason = f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)"
    if os.environ.get("REFCHECK_REQUIRE_BROWSER") == "1":
        raise RuntimeError(reason + "; REFCHECK_REQUIRE_BROWSER=1 requires it")
    pytestmark = pytest.mark.skip(reason=reason)


# -- serving and driving ---------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve directory on 127.0.0.1 (random free port); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A browser page plus everything it reported as broken (console errors, failed loads)."""

    page: Any
    problems: list[str] = field(default_factory=list)

    def open(self, url: str) -> None:
        self.problems.clear()
        self.page.goto(url, wait_until="load")

    def settle(self) -> None:
        """Let scripts started by the load event run (two animation frames)."""
        self.page.evaluate(
            "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )


def _is_favicon_probe(url: str) -> bool:
    # Chromium asks every site for /favicon.ico by itself; the book never links to it.
    return urlsplit(url).path == "/favicon.ico"


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    result = Tab(page)

    def on_console(message: Any) -> None:
        if message.type == "error" and not _is_favicon_probe(message.location.get("url", "")):
            result.problems.append(f"console error: {message.text} ({message.location})")

    def on_response(response: Any) -> None:
        if response.status >= 400 and not _is_favicon_probe(response.url):
            result.problems.append(f"HTTP {response.status}: {response.url}")

    def on_request_failed(request: Any) -> None:
        # Leaving a page aborts what it was still fetching; that is not a broken page.
        if request.failure != "net::ERR_ABORTED":
            result.problems.append(f"failed: {request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: result.problems.append(f"uncaught: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    yield result
    context.close()


def artifact(name: str) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    return str(ARTIFACTS / name)


def search(tab: Tab, base_url: str, query: str) -> list[str]:
    """Run a query on the search page; return the docnames of the result list."""
    tab.open(f"{base_url}search.html?q={quote(query)}")
    # With language='ja' Sphinx's result-count line can be empty, so wait for the results
    # heading (検索結果) that Sphinx sets once the last result is displayed.
    tab.page.wait_for_function(
        """() => {
            const heading = document.querySelector('#search-results h2');
            return heading !== null && heading.textContent.trim() === _('Search Results');
        }"""
    )
    # Each result then fetches its page for a summary; wait for them (and for their errors).
    tab.page.wait_for_function(
        """() => !DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY
            || [...document.querySelectorAll('#search-results ul.search > li')]
                .every(item => item.querySelector('p.context') !== null)"""
    )
    hrefs = tab.page.eval_on_selector_all(
        "#search-results ul.search li > a", "links => links.map(a => a.getAttribute('href'))"
    )
    return sorted({href.split("#")[0].removesuffix(".html") for href in hrefs})


# -- Japanese search on a small sample (known content, every trap) ----------------------------

# Which sample pages contain each query (test_ja_search.SAMPLE_PAGES); decoy holds only parts.
SAMPLE_EXPECTED = {
    "暴風軍団": ["haken", "kibo"],
    "朝鮮人民軍": ["haken", "horyo"],
    "クルスク州": ["haken", "wrap"],  # in wrap the compound is split over two source lines
    "第11軍団": ["haken"],  # no index token stands for it (see test_ja_search)
    "第１１軍団": ["haken"],  # full-width digits as typed
    "捕虜": ["horyo", "kibo"],
    "州": ["decoy", "haken", "wrap"],  # one character: the index drops such tokens
    "暴風": ["decoy", "haken", "kibo"],
    "暴風軍団 捕虜": ["kibo"],  # every word must be on the page
    "「暴風軍団」 捕虜": ["kibo"],
    "暴風軍団 存在しない語": [],
}


@pytest.fixture(scope="module", params=["sphinx_book_theme", "alabaster"])
def sample_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    outdir = build_sample(
        tmp_path_factory.mktemp(f"ja-search-{request.param}"), theme=request.param
    )
    with serve(outdir) as base_url:
        yield base_url


def test_sample_search_finds_exactly_the_pages_with_every_word(sample_site: str, tab: Tab) -> None:
    for query, expected in SAMPLE_EXPECTED.items():
        assert search(tab, sample_site, query) == expected, query
        assert tab.problems == [], (query, tab.problems)
        count_line = tab.page.inner_text("#search-results .search-summary")
        if expected:
            assert str(len(expected)) in count_line, (query, count_line)


def test_stock_sphinx_search_misses_compounds_and_ignores_words(tmp_path: Path, tab: Tab) -> None:
    """The control: without refcheck.ja_search, the same sample shows the upstream bug."""
    with serve(build_sample(tmp_path, ja_search=False)) as base_url:
        assert search(tab, base_url, "第11軍団") == []
        assert search(tab, base_url, "暴風軍団") == []
        assert "horyo" in search(tab, base_url, "暴風軍団 捕虜"), "暴風軍団 was ignored"


# -- the book ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    outdir: Path
    base_url: str

    def pages(self) -> list[str]:
        """Every HTML page of the book, as paths relative to the output folder."""
        return sorted(
            path.relative_to(self.outdir).as_posix()
            for path in self.outdir.rglob("*.html")
            if not ASSET_DIRS & set(path.relative_to(self.outdir).parts)
        )


@pytest.fixture(scope="module")
def book_site(request: pytest.FixtureRequest) -> Iterator[Site]:
    """The book built by the session fixture, or, with REFCHECK_BOOK_HTML=<folder>, a finished
    build (`make book pdf`) so that the published output itself, PDF included, is tested."""
    published = os.environ.get("REFCHECK_BOOK_HTML")
    if published:
        outdir = Path(published).resolve()
        assert (outdir / "index.html").is_file(), f"REFCHECK_BOOK_HTML={published}: no index.html"
    else:
        book_html = request.getfixturevalue("book_html")
        assert book_html.status == 0, book_html.warnings
        outdir = book_html.outdir
    with serve(outdir) as base_url:
        yield Site(outdir, base_url)


def _article_text(html_path: Path) -> str:
    """What a reader sees in a page's article, in the form the search compares."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article") or soup.select_one('[role="main"]')
    assert article is not None, html_path
    for junk in article.select("a.headerlink, script, style"):
        junk.decompose()
    text = unicodedata.normalize("NFKC", article.get_text(" ")).lower()
    return re.sub(r"\s+", "", text)


def pages_containing(site: Site, words: list[str]) -> list[str]:
    """The oracle: content pages whose article holds every word (read from the HTML)."""
    found = []
    for page in site.pages():
        if page in {"search.html", "genindex.html"}:
            continue
        text = _article_text(site.outdir / page)
        if all(unicodedata.normalize("NFKC", word).lower() in text for word in words):
            found.append(page.removesuffix(".html"))
    return sorted(found)


def test_every_page_loads_without_console_errors(book_site: Site, tab: Tab) -> None:
    pages = book_site.pages()
    assert "index.html" in pages and len(pages) > 3, pages
    broken = {}
    for page in pages:
        tab.open(book_site.base_url + page)
        tab.settle()
        if tab.problems:
            broken[page] = list(tab.problems)
    assert broken == {}


@pytest.mark.parametrize("word", BOOK_WORDS.values(), ids=BOOK_WORDS.keys())
def test_japanese_search_finds_every_page_with_the_word(
    book_site: Site, tab: Tab, word: str
) -> None:
    expected = pages_containing(book_site, [word])
    assert expected, f"{word} is not in the book's HTML any more; choose another word"
    assert search(tab, book_site.base_url, word) == expected
    assert tab.problems == []


# Runs of kana and kanji as the reader sees them; queries are cut from these.
JAPANESE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶ]{2,}")
SAMPLED_QUERIES = 30


def test_any_japanese_word_of_the_book_finds_exactly_its_pages(book_site: Site, tab: Tab) -> None:
    """Beyond the named words: pieces cut at random (fixed seed) from what the pages show.

    The oracle is the article's innerText in Chromium (blocks on their own lines, inline
    markup joined, as a reader sees it), so it shares no code with the extension.
    """
    visible = {}
    for page in book_site.pages():
        if page in {"search.html", "genindex.html"}:
            continue
        tab.open(book_site.base_url + page)
        article = tab.page.locator("article.bd-article")  # not the theme's footer
        text = (article if article.count() else tab.page.locator("[role='main']")).inner_text()
        visible[page.removesuffix(".html")] = unicodedata.normalize("NFKC", text).lower()
    runs = sorted({run for text in visible.values() for run in JAPANESE_RUN.findall(text)})
    rng = random.Random(13395)
    queries = set()
    while len(queries) < SAMPLED_QUERIES:
        run = rng.choice(runs)
        length = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - length)
        queries.add(run[start : start + length])
    for query in sorted(queries):
        expected = sorted(page for page, text in visible.items() if query in text)
        assert search(tab, book_site.base_url, query) == expected, query
        assert tab.problems == [], (query, tab.problems)


def test_two_word_search_returns_only_pages_with_both(book_site: Site, tab: Tab) -> None:
    words = ["暴風軍団", "捕虜"]
    expected = pages_containing(book_site, words)
    with_one = set(pages_containing(book_site, words[:1])) | set(
        pages_containing(book_site, words[1:])
    )
    assert expected and with_one - set(expected), "the book no longer tells AND from OR here"
    assert search(tab, book_site.base_url, "「暴風軍団 捕虜」") == expected
    tab.page.screenshot(path=artifact("search-result.png"), full_page=True)


def test_front_page_screenshot_shows_source_licence_and_pdf(book_site: Site, tab: Tab) -> None:
    tab.open(book_site.base_url + "index.html")
    page = tab.page
    tab.settle()
    page.screenshot(path=artifact("front-page.png"))
    assert page.get_by_role("link", name=re.compile("CC BY-SA 4.0")).first.is_visible()
    assert page.locator("a[href*='ja.wikipedia.org']").first.is_visible()
    pdf_links = page.locator(f"a[href$='{PDF_NAME}']")
    if (book_site.outdir / PDF_NAME).is_file():
        assert pdf_links.first.is_visible(), "the PDF download link is missing from the front page"
    else:
        assert pdf_links.count() == 0, "a PDF link without the PDF: a dead link"
    assert tab.problems == []


def test_pdf_link_downloads_the_pdf(book_site: Site, tab: Tab) -> None:
    if not (book_site.outdir / PDF_NAME).is_file():
        # The published output (`make book` with TeX installed) must carry the PDF.
        assert not os.environ.get("REFCHECK_BOOK_HTML"), f"{PDF_NAME} missing from the output"
        pytest.skip(
            f"{PDF_NAME} was not built before this HTML: `make book` builds it first when TeX "
            "is installed; test the published output with REFCHECK_BOOK_HTML=docs/_build/html"
        )
    tab.open(book_site.base_url + "index.html")
    href = tab.page.locator(f"a[href$='{PDF_NAME}']").first.get_attribute("href")
    assert href is not None
    response = tab.page.request.get(book_site.base_url + href)
    assert response.status == 200
    assert response.body().startswith(b"%PDF-")


def test_citation_number_leads_to_its_entry_and_back(book_site: Site, tab: Tab) -> None:
    page = tab.page
    checked = 0
    for name in book_site.pages():
        tab.open(book_site.base_url + name)
        # Citation numbers only (the audit appendix also links entries by their key).
        citations = page.locator("article a.reference.internal[href*='#cite-']").filter(
            has_text=re.compile(r"^\s*\[?\d+\]?\s*$")
        )
        if citations.count() == 0:
            continue
        citation = citations.first
        number = citation.inner_text().strip(" []")
        fragment = citation.get_attribute("href").split("#")[1]
        citation.scroll_into_view_if_needed()
        citation.click()
        page.wait_for_url(re.compile(f"#{re.escape(fragment)}$"))
        entry = page.locator(f"[id='{fragment}']")
        assert entry.is_visible() and _in_viewport(page, entry), (name, fragment)
        assert number in entry.locator(".label").inner_text(), (name, number)
        page.go_back()
        page.wait_for_url(book_site.base_url + name)
        assert _in_viewport(page, citation), f"back from {fragment}, {name} lost its place"
        assert tab.problems == []
        checked += 1
    assert checked >= 3, "the book should cite in several chapters"


# Reference [2] is cited five times ("^ a b c d e" in the source), [3] once ("^").
@pytest.mark.parametrize(("number", "times"), [(2, 5), (3, 1)], ids=["cited-5-times", "once"])
def test_back_link_returns_from_the_entry_to_the_citing_place(
    book_site: Site, tab: Tab, number: int, times: int
) -> None:
    """Citation number -> entry -> its back-link for that place -> the same citing place."""
    page = tab.page
    visited = []
    for name in book_site.pages():
        tab.open(book_site.base_url + name)
        number_link = page.locator("a.reference.internal", has_text=re.compile(rf"^{number}$"))
        citations = page.locator("article span.bibtex-citation").filter(has=number_link)
        for index in range(citations.count()):
            tab.open(book_site.base_url + name)
            citation = citations.nth(index)
            link = citation.locator("a.reference.internal")
            entry_id = link.get_attribute("href").split("#")[1]
            place = citation.get_attribute("id")
            assert place and place.startswith("citeref-"), (name, place)
            nth = int(place.rsplit("-", 1)[1])
            link.scroll_into_view_if_needed()
            link.click()
            page.wait_for_url(re.compile(f"#{re.escape(entry_id)}$"))
            label = "本文へ戻る" if times == 1 else f"本文へ戻る({times}か所中{nth}か所目)"
            back = page.locator(f"[id='{entry_id}']").get_by_role("link", name=label, exact=True)
            assert back.inner_text() == ("^" if times == 1 else "abcde"[nth - 1]), label
            if not visited:
                page.screenshot(path=artifact(f"back-links-{number}.png"))
            back.click()
            page.wait_for_url(f"{book_site.base_url}{name}#{place}")
            landed = page.locator(f"[id='{place}']")
            assert landed.is_visible() and _in_viewport(page, landed), (name, place)
            assert tab.problems == []
            visited.append(nth)
    assert sorted(visited) == list(range(1, times + 1))


def _title(html_path: Path) -> str:
    title = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser").title
    return title.get_text() if title else ""


def _in_viewport(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    viewport = page.viewport_size
    return box is not None and 0 <= box["y"] < viewport["height"] and box["height"] > 0


def test_audit_page_is_reachable(book_site: Site, tab: Tab) -> None:
    titled = [name for name in book_site.pages() if AUDIT_TITLE in _title(book_site.outdir / name)]
    assert titled, f"no page titled {AUDIT_TITLE}: the book's audit appendix is missing"
    tab.open(book_site.base_url + "index.html")
    link = tab.page.locator(f"nav a:has-text('{AUDIT_TITLE}')").first
    assert link.is_visible()
    link.click()
    tab.page.wait_for_load_state("load")
    assert AUDIT_TITLE in tab.page.locator("h1").first.inner_text()
    assert tab.problems == []
