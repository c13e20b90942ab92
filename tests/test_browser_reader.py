"""The book as a reader meets it in Chromium, at a phone's width and a desktop's (issue 14).

Every test clicks or types on the real controls of the built HTML: the ☰ button opens the
chapter list, each chapter and each download is reached by mouse and by keyboard, a citation
shows its reference in a popup, citation numbers are raised and never begin a line, and
axe-core finds nothing serious. Fixtures (Chromium, the served book) are test_browser's.
Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Comment

import test_browser
from shared import REPO_ROOT
from test_browser import Site, Tab, artifact

# Skipped (or failing, under REFCHECK_REQUIRE_BROWSER=1) exactly when test_browser is.
pytestmark = getattr(test_browser, "pytestmark", [])
# test_browser's fixtures: Chromium, and the book served on 127.0.0.1.
browser = test_browser.browser
book_site = test_browser.book_site

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
EDITIONS = {"PDF版": ".pdf", "EPUB版": ".epub"}
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Marks that must never begin a line (JIS X 4051's closing brackets, full stops and commas).
CLOSING = "。、」』）〕］｝〉》】〙〗，．！？：；・)]}"
MAX_TABS = 80  # a control farther than this from the top of the page is not reachable


@dataclass
class View(Tab):
    """A tab that knows which viewport it has ("phone" or "desktop")."""

    name: str = ""


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def view(request: pytest.FixtureRequest, browser: Any) -> Iterator[View]:
    """A tab at the viewport's size; the phone one has touch, as a phone does."""
    size = VIEWPORTS[request.param]
    phone = size is PHONE
    context = browser.new_context(
        viewport=size, locale="ja-JP", has_touch=phone, is_mobile=phone, accept_downloads=True
    )
    context.set_default_timeout(10_000)  # a control that does not answer fails in 10 s
    page = context.new_page()
    tab = View(page, name=request.param)
    page.on("pageerror", lambda error: tab.problems.append(f"uncaught: {error}"))
    page.on(
        "console",
        lambda message: tab.problems.append(message.text) if message.type == "error" else None,
    )
    yield tab
    context.close()


def chapters(site: Site) -> dict[str, str]:
    """The chapter list as the HTML has it: link text -> page (read from index.html)."""
    soup = BeautifulSoup((site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = soup.select("nav.bd-docs-nav a.reference.internal")
    assert links, "index.html has no chapter list"
    return {link.get_text(strip=True): link["href"] for link in links}


def open_chapter_list(tab: View) -> Any:
    """Click the visible ☰; return the chapter list's <nav> as the reader now sees it."""
    page = tab.page
    toggle = page.locator(".primary-toggle:visible")
    assert toggle.count() == 1, "exactly one ☰ button should be visible"
    sidebar_nav = page.locator("nav.bd-docs-nav")
    if tab.name == "desktop":
        # Wide screens show the list beside the text; ☰ hides it and shows it again.
        assert sidebar_nav.is_visible()
        toggle.click()
        page.wait_for_function(
            "() => document.querySelector('#pst-primary-sidebar').offsetWidth === 0"
            " || getComputedStyle(document.querySelector('#pst-primary-sidebar'))"
            ".visibility === 'hidden'"
        )
        toggle.click()
    else:
        assert not page.locator("nav.bd-docs-nav a").first.is_visible()
        toggle.click()
        page.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal').open")
    page.locator("nav.bd-docs-nav a").first.wait_for(state="visible")
    return sidebar_nav


def test_each_chapter_is_reached_by_clicking_the_menu(book_site: Site, view: View) -> None:
    page = view.page
    for title, href in chapters(book_site).items():
        view.open(book_site.base_url + "index.html")
        nav = open_chapter_list(view)
        if title == next(iter(chapters(book_site))):
            page.screenshot(path=artifact(f"menu-open-{view.name}.png"))
        nav.get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(book_site.base_url + href)
        assert title in page.locator("article h1").first.inner_text(), title
    assert view.problems == []


def tab_to(tab: View, is_target: str) -> None:
    """Press Tab until the focused element satisfies the JS predicate is_target(element)."""
    for _ in range(MAX_TABS):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate(f"() => ({is_target})(document.activeElement)"):
            return
    focused = tab.page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    pytest.fail(f"not reached by {MAX_TABS} Tab presses: {is_target}; focus on {focused}")


def test_each_chapter_is_reached_by_keyboard(book_site: Site, view: View) -> None:
    page = view.page
    for title, href in chapters(book_site).items():
        view.open(book_site.base_url + "index.html")
        if view.name == "phone":
            tab_to(view, "el => el.matches('.primary-toggle')")
            page.keyboard.press("Enter")
            page.wait_for_function(
                "() => document.querySelector('#pst-primary-sidebar-modal').open"
            )
        is_chapter = f"el => el.matches('nav.bd-docs-nav a') && el.textContent.trim() === {title!r}"
        tab_to(view, is_chapter)
        assert page.evaluate("() => document.activeElement.offsetParent !== null")
        page.keyboard.press("Enter")
        page.wait_for_url(book_site.base_url + href)
    assert view.problems == []


def _require_editions(site: Site) -> None:
    missing = [suffix for suffix in EDITIONS.values() if not list(site.outdir.glob("*" + suffix))]
    if missing:
        pytest.skip(
            f"no {', '.join(missing)} beside the HTML: `make book` builds the editions first; "
            "test the published output with REFCHECK_BOOK_HTML=docs/_build/html"
        )


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_download_menu_offers_each_edition(book_site: Site, view: View, edition: str) -> None:
    _require_editions(book_site)
    page = view.page
    view.open(book_site.base_url + "events.html")
    menu = page.get_by_role("button", name="本をダウンロード")
    menu.click()
    item = page.get_by_role("link", name=edition, exact=True)
    item.wait_for(state="visible")
    page.screenshot(path=artifact(f"downloads-{view.name}.png"))
    with page.expect_download() as download:
        item.click()
    assert download.value.suggested_filename.endswith(EDITIONS[edition])
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"%PDF-" if edition == "PDF版" else b"PK\x03\x04"), edition
    # And by keyboard: Tab to the menu, Enter opens it, the arrow keys reach the edition.
    view.open(book_site.base_url + "events.html")
    tab_to(view, "el => el.getAttribute('aria-label') === '本をダウンロード'")
    page.keyboard.press("Enter")
    for _ in range(len(EDITIONS)):
        page.keyboard.press("ArrowDown")
        if page.evaluate("() => document.activeElement.textContent.trim()") == edition:
            break
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(EDITIONS[edition])


def test_search_is_one_box_reached_by_click_and_keyboard(book_site: Site, view: View) -> None:
    page = view.page
    view.open(book_site.base_url + "events.html")
    visible = page.locator(".search-button__button:visible")
    assert visible.count() == 1, "one search control per width"
    visible.click()
    field = page.locator("#pst-search-dialog input[type=search]")
    field.wait_for(state="visible")
    assert field.get_attribute("placeholder") == "検索…"
    field.fill("暴風軍団")
    field.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q="))
    page.locator("#search-results ul.search li a").first.wait_for()
    view.open(book_site.base_url + "events.html")
    tab_to(view, "el => el.matches('.search-button__button')")
    page.keyboard.press("Enter")
    field.wait_for(state="visible")
    page.keyboard.type("捕虜")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q="))
    assert view.problems == []


# -- citations -----------------------------------------------------------------------------


def test_citation_numbers_are_superscript(book_site: Site, view: View) -> None:
    view.open(book_site.base_url + "events.html")
    style = view.page.evaluate(
        """() => {
            const citation = document.querySelector('article span.bibtex-citation');
            const text = getComputedStyle(citation.closest('p'));
            const own = getComputedStyle(citation);
            return {align: own.verticalAlign, size: parseFloat(own.fontSize),
                    text: parseFloat(text.fontSize)};
        }"""
    )
    assert style["align"] == "super", style
    assert style["size"] < 0.85 * style["text"], style


LINE_STARTS = """() => {
    // Every character that begins a visual line in the article's paragraphs and list items.
    const starts = [];
    for (const block of document.querySelectorAll('article.bd-article :is(p, li, td)')) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let previous = null;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.data.length; i++) {
                if (/\\s/.test(node.data[i])) continue;
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const box = range.getClientRects()[0];
                if (!box) continue;
                const newLine = previous === null || box.top >= previous.bottom - 1;
                if (newLine && previous !== null) {
                    const citation = node.parentElement.closest('span.bibtex-citation');
                    starts.push({char: node.data[i], citation: citation !== null,
                                 context: node.data.slice(Math.max(0, i - 8), i + 8)});
                }
                previous = box;
            }
        }
    }
    return starts;
}"""


def test_no_line_begins_with_a_citation_or_closing_mark(book_site: Site, view: View) -> None:
    bad = {}
    lines = 0
    for name in book_site.pages():
        if name == "search.html":
            continue
        view.open(book_site.base_url + name)
        starts = view.page.evaluate(LINE_STARTS)
        lines += len(starts)
        wrong = [s for s in starts if s["citation"] or s["char"] in CLOSING]
        if wrong:
            bad[name] = wrong[:5]
    assert lines > 100, "the check saw too few lines to mean anything"
    assert bad == {}


def _entry_text(site: Site, href: str) -> str:
    """The oracle: the bibliography entry's number and text, read from references.html."""
    page, fragment = href.split("#")
    soup = BeautifulSoup((site.outdir / page).read_text(encoding="utf-8"), "html.parser")
    entry = soup.find(id=fragment)
    assert entry is not None, href
    for backlinks in entry.select(".backlinks"):
        backlinks.decompose()
    label = entry.select_one(".label").get_text(strip=True)
    return label + entry.select_one("p").get_text().strip()


def _popup_text(page: Any) -> str:
    popup = page.get_by_role("tooltip")
    popup.wait_for(state="visible")
    box = popup.bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    return popup.locator(":scope > :not(a)").inner_text() + "".join(
        popup.evaluate("el => [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.data)")
    )


def test_citation_popup_shows_its_reference(book_site: Site, view: View) -> None:
    page = view.page
    view.open(book_site.base_url + "events.html")
    citations = page.locator("article span.bibtex-citation a.reference.internal")
    assert citations.count() > 3
    for index in (0, 5, citations.count() - 1):
        link = citations.nth(index)
        href = link.get_attribute("href")
        expected = _entry_text(book_site, href)
        link.scroll_into_view_if_needed()
        if view.name == "phone":
            # A tap shows the reference and stays on the page; the popup's link goes on.
            link.tap()
            assert _popup_text(page).strip() == expected
            assert page.url == book_site.base_url + "events.html"
            if index == 5:
                page.screenshot(path=artifact("citation-popup-phone.png"))
            page.get_by_role("tooltip").get_by_role("link", name="出典一覧で見る").tap()
            page.wait_for_url(book_site.base_url + href)
            view.open(book_site.base_url + "events.html")
        else:
            link.hover()
            assert _popup_text(page).strip() == expected
            if index == 5:
                page.screenshot(path=artifact("citation-popup-desktop.png"))
            page.mouse.move(0, 0)
            page.get_by_role("tooltip").wait_for(state="hidden")
            link.focus()  # the keyboard's way in
            assert _popup_text(page).strip() == expected
            assert link.get_attribute("aria-describedby") == "refcheck-citation-popup"
            page.keyboard.press("Escape")
            page.get_by_role("tooltip").wait_for(state="hidden")
    assert view.problems == []


# -- interface text, landmarks, accessibility ----------------------------------------------

LATIN_ONLY = re.compile(
    r"^[^\u3040-\u30ff\u3400-\u9fff]*[A-Za-z]{3,}[^\u3040-\u30ff\u3400-\u9fff]*$"
)
# Key names shown as keys, not words to translate.
KEY_NAMES = {"Ctrl", "Shift", "Alt", "Enter"}


def test_interface_text_is_japanese(book_site: Site) -> None:
    english = {}
    assert not (book_site.outdir / "genindex.html").exists(), "an empty 索引 page is built"
    for name in book_site.pages():
        soup = BeautifulSoup((book_site.outdir / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.html.get("lang") == "ja", name
        assert not soup.select("a[href$='genindex.html']"), f"{name} links to the 索引 page"
        for article in soup.select("article, script, style, #jb-print-docs-body"):
            article.decompose()  # the content is the source's, not interface text
        found = {
            value
            for element in soup.find_all(True)
            for attribute in ("title", "aria-label", "placeholder", "alt")
            if (value := element.get(attribute)) and LATIN_ONLY.match(value)
        }
        found |= {
            text.strip()
            for text in soup.body.find_all(string=True)
            if not isinstance(text, Comment)
            and LATIN_ONLY.match(text.strip())
            and text.strip() not in KEY_NAMES
            and text.parent.name not in {"script", "style"}
            and not text.parent.find_parent("a")
        }
        if found:
            english[name] = sorted(found)
    assert english == {}


def test_sidebars_have_different_titles(book_site: Site, view: View) -> None:
    view.open(book_site.base_url + "reactions.html")  # a chapter with sections
    page = view.page
    # text_content: on a phone both sidebars are folded away until their button is pressed.
    left = page.locator("#pst-primary-sidebar .caption-text").first.text_content() or ""
    right = page.locator(".bd-sidebar-secondary .onthispage").first.text_content() or ""
    assert left.strip() and right.strip() and left.strip() != right.strip(), (left, right)


def _axe_script() -> str:
    if not AXE_SCRIPT.is_file():
        message = f"{AXE_SCRIPT} is missing: run `npm ci` in the repository (package.json)"
        if os.environ.get("REFCHECK_REQUIRE_BROWSER"):
            pytest.fail(message)  # CI: the accessibility check must run
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


SERIOUS = {"serious", "critical"}


def test_axe_finds_nothing_serious_on_any_page(book_site: Site, view: View) -> None:
    axe = _axe_script()
    found = {}
    for name in book_site.pages():
        view.open(book_site.base_url + name)
        view.page.add_script_tag(content=axe)
        result = view.page.evaluate("async () => JSON.stringify(await axe.run(document))")
        violations = json.loads(result)["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
            for v in violations
            if v["impact"] in SERIOUS
        ]
        if serious:
            found[name] = serious
    assert found == {}


def test_heading_order_never_skips_a_level(book_site: Site) -> None:
    skipped = {}
    for name in book_site.pages():
        soup = BeautifulSoup((book_site.outdir / name).read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one("main") or soup.body
        for printed in main.select("#jb-print-docs-body"):
            printed.decompose()  # only printed, never shown on screen
        levels = [int(h.name[1]) for h in main.find_all(re.compile(r"^h[1-6]$"))]
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        if not levels or levels[0] != 1 or jumps:
            skipped[name] = levels
    assert skipped == {}


def test_screenshots_of_front_chapter_references_audit(book_site: Site, view: View) -> None:
    """For a person to look at (test-artifacts/); asserts only that each page is there."""
    for name in ("index", "events", "references", "appendix/audit"):
        view.open(book_site.base_url + name + ".html")
        view.page.screenshot(path=artifact(f"reader-{view.name}-{name.replace('/', '-')}.png"))
        assert view.page.locator("article h1").count() == 1, name
    assert view.problems == []
