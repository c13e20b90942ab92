"""The EPUB edition (issue 14): Sphinx's epub builder on the real book, checked by epubcheck.

epubcheck is Debian's package (a Java program; /usr/bin/epubcheck is the jar itself, which
runs only where binfmt_misc knows jars, so it is run as `java -jar`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import BookBuild, build_book

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
EPUB_NAME = "north-korea-troops-in-russia.epub"

if not EPUBCHECK_JAR.is_file() or shutil.which("java") is None:
    reason = f"epubcheck is not installed at {EPUBCHECK_JAR} (Debian: apt-get install epubcheck)"
    if os.environ.get("REFCHECK_REQUIRE_BROWSER") == "1":  # CI: every real tool must be there
        raise RuntimeError(reason)
    pytestmark = pytest.mark.skip(reason=reason)


@pytest.fixture(scope="module")
def book_epub(tmp_path_factory: pytest.TempPathFactory) -> BookBuild:
    root = tmp_path_factory.mktemp("book-epub")
    build = build_book("epub", root / "epub", root / "doctrees")
    assert build.status == 0, build.warnings
    assert build.warnings == "", build.warnings
    return build


@pytest.fixture(scope="module")
def epub(book_epub: BookBuild) -> zipfile.ZipFile:
    return zipfile.ZipFile(book_epub.outdir / EPUB_NAME)


def test_epubcheck_finds_no_error_or_warning(book_epub: BookBuild):
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK_JAR), str(book_epub.outdir / EPUB_NAME)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 fatals / 0 errors / 0 warnings" in report, report


def test_metadata_is_japanese(epub: zipfile.ZipFile):
    opf = ElementTree.fromstring(epub.read("content.opf"))
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}

    def field(name: str) -> str:
        element = opf.find(f".//dc:{name}", dc)
        assert element is not None and element.text, name
        return element.text

    assert field("language") == "ja"
    assert field("title") == "北朝鮮のロシア派兵"
    assert "ウィキペディアの執筆者" in field("creator")
    assert "CC BY-SA 4.0" in field("rights")
    for name in epub.namelist():
        if name.endswith(".xhtml") and name != "nav.xhtml":
            page = BeautifulSoup(epub.read(name).decode("utf-8"), "html.parser")
            assert page.html.get("lang") == "ja" or page.html.get("xml:lang") == "ja", name


def _pages(epub: zipfile.ZipFile) -> dict[str, BeautifulSoup]:
    return {
        name: BeautifulSoup(epub.read(name).decode("utf-8"), "html.parser")
        for name in epub.namelist()
        if name.endswith(".xhtml")
    }


def _resolve(source: str, href: str) -> tuple[str, str]:
    target, _, fragment = href.partition("#")
    path = PurePosixPath(source).parent / target if target else PurePosixPath(source)
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts), fragment


def test_every_citation_and_back_link_lands_on_its_target(epub: zipfile.ZipFile):
    pages = _pages(epub)
    ids = {name: {tag["id"] for tag in page.find_all(id=True)} for name, page in pages.items()}
    citations = backlinks = 0
    broken = []
    for name, page in pages.items():
        for link in page.select("span.bibtex-citation a[href], a.backlink[href]"):
            target, fragment = _resolve(name, link["href"])
            if target not in ids or fragment not in ids[target]:
                broken.append((name, link["href"]))
            if "backlink" in link.get("class", []):
                backlinks += 1
            else:
                citations += 1
    assert broken == []
    assert citations > 60 and backlinks == citations  # every citing place has its way back


def test_bibliography_lists_all_entries_with_raised_citation_style(epub: zipfile.ZipFile):
    pages = _pages(epub)
    entries = pages["references.xhtml"].select("div.citation")
    assert len(entries) == 48
    css = "\n".join(
        epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith(".css")
    )
    assert re.search(r"span\.bibtex-citation\s*\{[^}]*vertical-align:\s*super", css)
