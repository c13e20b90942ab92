"""The PDF as a Japanese book (issue 14), read from the real PDF with poppler's tools.

Fonts with ToUnicode maps (pdffonts) so that Japanese text copies and searches (pdftotext),
indented paragraphs without space between them, raised citation numbers that never begin a
line, no near-empty pages, black links, and a colophon naming the source revision and the
build date. The PDF is test_pdf_output's, built once per session by tools/build_pdf.py.
"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

import test_pdf_output
from seed import Seed
from shared import REPO_ROOT
from test_pdf_output import BuiltPdf, run

pytestmark = test_pdf_output.pytestmark
built_pdf = test_pdf_output.built_pdf  # the session's PDF (fixture)

LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)')
CLOSING = "。、」』）〕］｝〉》】，．！？：；・)]}"
CHAPTER_OF_PARAGRAPHS = "経過"  # a chapter of plain paragraphs, no lists or tables


@dataclass(frozen=True)
class Word:
    x: float
    top: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Line:
    x: float
    top: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(word.text for word in self.words)


def page_lines(pdf: Path, page: int) -> list[Line]:
    """The page's lines as pdftotext -bbox-layout sees them, top to bottom."""
    layout = run("pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-")
    lines = []
    for chunk in layout.split("<line ")[1:]:
        head = LINE.match("<line " + chunk)
        assert head is not None, chunk[:80]
        words = tuple(
            Word(float(x), float(top), float(bottom), unescape(text))
            for x, top, _, bottom, text in WORD.findall(chunk)
        )
        lines.append(Line(float(head[1]), float(head[2]), words))
    return sorted(lines, key=lambda line: (line.top, line.x))


def body_lines(pdf: Path, page: int) -> list[Line]:
    """Lines between the running head and the foot (test_pdf_output's body box)."""
    top, bottom = test_pdf_output.BODY_TOP, test_pdf_output.BODY_BOTTOM
    return [line for line in page_lines(pdf, page) if top < line.top < bottom]


def page_of(built_pdf: BuiltPdf, heading: str) -> int:
    """The page whose body has a line that is exactly the heading (not the contents page)."""
    for page in range(3, built_pdf.pages + 1):
        if any(line.text == heading for line in body_lines(built_pdf.path, page)):
            return page
    pytest.fail(f"no page has the heading {heading}")


def test_every_font_has_a_tounicode_map(built_pdf: BuiltPdf):
    rows = run("pdffonts", str(built_pdf.path)).splitlines()[2:]
    assert any("HaranoAji" in row for row in rows), rows
    # name type... encoding emb sub uni object-id generation: 'uni' is the 4th from the end.
    without = [row.split()[0] for row in rows if row.split()[-3] != "yes"]
    assert without == []


def test_japanese_text_copies_as_written(built_pdf: BuiltPdf, seed: Seed):
    """What a reader copies or searches is the text: every Japanese run of the first chapter,
    including the quotation marks that once came out empty."""
    text = test_pdf_output.squeezed(run("pdftotext", "-enc", "UTF-8", str(built_pdf.path), "-"))
    for word in ("暴風軍団", "朝鮮人民軍第11軍団", "クルスク州", "“北朝鮮のロシア派兵"):
        assert word in text, word
    # The Japanese runs of the source's lead paragraph, as copied (no stray or lost characters).
    lead = seed.paragraphs[0].text
    for run_ in re.findall(r"[\u3040-\u30ff\u3400-\u9fff]{4,}", lead):
        assert run_ in text, run_


def test_paragraphs_are_indented_and_close_set(built_pdf: BuiltPdf):
    page = page_of(built_pdf, CHAPTER_OF_PARAGRAPHS) + 1  # a page of running text
    lines = body_lines(built_pdf.path, page)
    size = statistics.median(word.height for line in lines for word in line.words)
    is_body = [all(abs(word.height - size) < 1.5 for word in line.words) for line in lines]
    body = [line for line, plain in zip(lines, is_body, strict=True) if plain]
    margin = min(line.x for line in body)
    indented = [line for line in body if 8 < line.x - margin < 12]  # one full-width space
    assert len(indented) >= 2, [(round(line.x - margin, 1), line.text[:10]) for line in body]
    assert all(line.x - margin < 12 for line in body), "a line set in further than 1zw"
    # Between two lines of running text (no heading between them) the pitch never opens up.
    gaps = [
        b.top - a.top
        for (a, a_plain), (b, b_plain) in itertools.pairwise(zip(lines, is_body, strict=True))
        if a_plain and b_plain
    ]
    pitch = statistics.median(gaps)
    assert max(gaps) < 1.2 * pitch, f"space between paragraphs: gaps {gaps}, pitch {pitch}"


def test_citation_numbers_are_raised_and_small(built_pdf: BuiltPdf):
    page = page_of(built_pdf, CHAPTER_OF_PARAGRAPHS)
    words = [word for line in body_lines(built_pdf.path, page) for word in line.words]
    numbers = [word for word in words if re.fullmatch(r"\[\d+\]", word.text)]
    text = [word for word in words if re.search(r"[\u3040-\u9fff]", word.text)]
    assert len(numbers) > 5 and text
    body = statistics.median(word.height for word in text)
    for number in numbers:
        assert number.height < 0.8 * body, number
    # Raised: a number's foot sits above the foot of the text beside it.
    for line in body_lines(built_pdf.path, page):
        feet = [word.bottom for word in line.words if re.search(r"[\u3040-\u9fff]", word.text)]
        for word in line.words:
            if re.fullmatch(r"\[\d+\]", word.text) and feet:
                assert word.bottom < max(feet) - 1, (word, line.text[:20])


def test_no_line_begins_with_a_citation_or_closing_mark(built_pdf: BuiltPdf):
    bibliography = page_of(built_pdf, "出典")  # from here on, lines begin with an entry's [n]
    starts = [
        (page, line.text[:12])
        for page in range(3, built_pdf.pages + 1)
        for line in body_lines(built_pdf.path, page)
        if line.words
    ]
    assert len(starts) > 200
    bad = [(page, text) for page, text in starts if page < bibliography and text[0] == "["]
    bad += [(page, text) for page, text in starts if text[0] in CLOSING]
    assert bad == []


def test_no_page_is_left_nearly_empty(built_pdf: BuiltPdf):
    """Chapters run on: every page of text but the last of a part is mostly filled."""
    end_of_article = page_of(built_pdf, "出典") - 1  # the bibliography starts a page
    short = []
    for page in range(4, end_of_article):  # the pages after the first chapter's
        lines = body_lines(built_pdf.path, page)
        if len(lines) < 30:
            short.append((page, len(lines)))
    assert short == []
    assert built_pdf.pages <= 12, "the book had 15 pages with a chapter per page"


def test_links_print_black(built_pdf: BuiltPdf, tmp_path: Path):
    """No coloured text: a page with citation links rendered, its pixels grey or black."""
    page = page_of(built_pdf, CHAPTER_OF_PARAGRAPHS)
    image = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", str(page), "-l", str(page), str(built_pdf.path), image],
        check=True,
    )
    ppm = next(tmp_path.glob("page*.ppm")).read_bytes()
    # P6 header: magic, width, height, maxval, then RGB bytes.
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", ppm)
    assert header is not None
    pixels = ppm[header.end() :]
    coloured = sum(
        1
        for index in range(0, len(pixels) - 2, 3)
        if max(pixels[index : index + 3]) - min(pixels[index : index + 3]) > 60
    )
    assert coloured == 0, f"{coloured} coloured pixels on page {page}"


def test_colophon_names_source_revision_and_build_date(built_pdf: BuiltPdf):
    last = run(
        "pdftotext",
        "-f",
        str(built_pdf.pages),
        "-l",
        str(built_pdf.pages),
        str(built_pdf.path),
        "-",
    )
    text = test_pdf_output.squeezed(last)
    assert "奥付" in run("pdftotext", "-f", "2", "-l", "2", str(built_pdf.path), "-")
    git = ["git", "-C", str(REPO_ROOT), "rev-parse", "--short=12", "HEAD"]
    commit = subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()
    if commit:
        assert f"リビジョン{commit}" in text, text
    built = PdfReader(built_pdf.path).metadata.creation_date.date()
    assert "組版日" in text and f"{built.year}年{built.month}月{built.day}日" in text, text
    assert "2025年4月26日14:11UTCの版" in text
    assert "CCBY-SA4.0" in text
