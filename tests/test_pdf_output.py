"""The PDF itself, built once per session by tools/build_pdf.py through uplatex and read back
with poppler: its text, fonts, pages and metadata. Skipped where TeX is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from pybtex.database import parse_file
from pybtex.richtext import Text

from seed import Seed

PDF_NAME = "north-korea-troops-in-russia.pdf"
AUDIT_HEADING = "出典の検証"
BIBLIOGRAPHY_HEADING = "出典"
# A4 in points, and the band between the running head and the running foot.
A4 = (595.28, 841.89)
BODY_TOP, BODY_BOTTOM = 62, 782

pytestmark = [
    pytest.mark.skipif(
        shutil.which("uplatex") is None,
        reason="uplatex not installed (apt-get install texlive-lang-japanese ...: see README)",
    ),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils not installed (pdftotext)"
    ),
]


@dataclass(frozen=True)
class BuiltPdf:
    path: Path
    build_dir: Path
    pages: int


@pytest.fixture(scope="session")
def built_pdf(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltPdf:
    """The PDF, built once per session the way users build it, into a temporary folder."""
    build_dir = tmp_path_factory.mktemp("book-pdf")
    (build_dir / "html").mkdir()  # as after `make book`: the PDF is copied beside the HTML
    script = repo_root / "tools" / "build_pdf.py"
    result = subprocess.run(
        [sys.executable, str(script), "--build-dir", str(build_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"PDF build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    path = build_dir / "pdf" / PDF_NAME
    return BuiltPdf(path, build_dir, int(pdfinfo(path)["Pages"]))


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    fields = (line.split(":", 1) for line in run("pdfinfo", str(path)).splitlines())
    return {name: value.strip() for name, value in fields}


def page_text(path: Path, first: int, last: int, *, body_only: bool = True) -> str:
    """pdftotext of a page range; body_only crops the running head and foot away."""
    crop = ["-x", "0", "-y", str(BODY_TOP), "-W", "600", "-H", str(BODY_BOTTOM - BODY_TOP)]
    options = ["-r", "72", *crop] if body_only else []
    pages = ["-f", str(first), "-l", str(last)]
    return run("pdftotext", "-enc", "UTF-8", *options, *pages, str(path), "-")


def squeezed(text: str) -> str:
    """Text without white space: line breaks and the spaces TeX puts around Latin text."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def pdf_text(built_pdf: BuiltPdf) -> str:
    return squeezed(page_text(built_pdf.path, 1, built_pdf.pages))


@pytest.fixture(scope="module")
def bibliography_text(pdf_text: str) -> str:
    """From the 出典 chapter heading (the last occurrence: the table of contents has one)."""
    return pdf_text[pdf_text.rindex(BIBLIOGRAPHY_HEADING + "[1]") :]


def assert_in_order(pieces: list[str], text: str) -> None:
    position = 0
    for piece in pieces:
        found = text.find(squeezed(piece), position)
        assert found >= 0, f"not found (in order) in the PDF text: {piece}"
        position = found + len(squeezed(piece))


def test_pdf_is_published_beside_the_html(built_pdf: BuiltPdf):
    copy = built_pdf.build_dir / "html" / PDF_NAME
    assert copy.read_bytes() == built_pdf.path.read_bytes()


def test_page_count_is_sane(built_pdf: BuiltPdf):
    assert 8 <= built_pdf.pages <= 60


def test_pages_are_a4(built_pdf: BuiltPdf):
    size = re.match(r"([\d.]+) x ([\d.]+) pts", pdfinfo(built_pdf.path)["Page size"])
    assert size is not None
    assert (float(size[1]), float(size[2])) == pytest.approx(A4, abs=0.5)


def test_every_font_is_embedded(built_pdf: BuiltPdf):
    rows = run("pdffonts", str(built_pdf.path)).splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    names = [row.split()[0] for row in rows]
    columns = [re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row) for row in rows]
    for name, found in zip(names, columns, strict=True):
        assert found is not None, name
        assert found[1] == "yes", f"{name} is not embedded"
    assert not [row for row in rows if "Type 3" in row], "bitmap (Type 3) fonts"
    assert any("HaranoAjiMincho" in name for name in names)
    assert any("HaranoAjiGothic" in name for name in names)


def test_metadata_names_title_author_subject_and_language(built_pdf: BuiltPdf, seed: Seed):
    info = pdfinfo(built_pdf.path)
    assert info["Title"] == seed.title
    assert "ウィキペディアの執筆者" in info["Author"]
    assert "CC BY-SA 4.0" in info["Subject"]
    assert document_language(built_pdf.path) == "ja"


def pdf_chunks(path: Path) -> list[bytes]:
    """The file and each of its deflated streams, inflated (dvipdfmx compresses objects)."""
    data = path.read_bytes()
    chunks = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            chunks.append(zlib.decompress(stream[1]))
        except zlib.error:
            continue
    return chunks


def document_language(path: Path) -> str | None:
    """/Lang of the catalog, which dvipdfmx keeps in a compressed object stream."""
    for chunk in pdf_chunks(path):
        found = re.search(rb"/Type\s*/Catalog", chunk) and re.search(rb"/Lang\s*\((\w+)\)", chunk)
        if found:
            return found[1].decode()
    return None


def test_title_page_states_source_revision_and_licence(built_pdf: BuiltPdf, seed: Seed):
    title_page = squeezed(page_text(built_pdf.path, 1, 1, body_only=False))
    revision = re.search(r"\((\d{4})/(\d\d)/(\d\d) (\d\d:\d\d) UTC", seed.revision_line)
    assert revision is not None
    year, month, day, time = revision.groups()
    for needed in (
        seed.title,
        "ウィキペディア日本語版",
        f"{int(year)}年{int(month)}月{int(day)}日 {time} UTC",
        "CC BY-SA 4.0",
        "ウィキペディアの執筆者 (Wikipedia contributors)",
        "https://creativecommons.org/licenses/by-sa/4.0/deed.ja",
    ):
        assert squeezed(needed) in title_page, needed


def test_table_of_contents_follows_the_title_page(built_pdf: BuiltPdf):
    assert squeezed(page_text(built_pdf.path, 2, 2)).startswith("目次")


def test_chapter_headings_in_order(pdf_text: str, seed: Seed):
    headings = [s.heading for s in seed.sections[1:] if s.heading] + [BIBLIOGRAPHY_HEADING]
    assert_in_order(headings, pdf_text)  # the table of contents
    lead = squeezed(seed.sections[0].paragraphs[0].sentences[0])
    assert_in_order(headings, pdf_text[pdf_text.index(lead) :])  # the chapters


def test_every_sentence_of_the_first_chapter(pdf_text: str, seed: Seed):
    lead = seed.sections[0]
    assert lead.heading is None  # the lead: under the article's title, as in the HTML
    assert_in_order([seed.title, *(s for p in lead.paragraphs for s in p.sentences)], pdf_text)


def test_bibliography_lists_every_entry_as_the_source_does(bibliography_text: str, seed: Seed):
    # With the source's back-marks: "^", or "^ a b c" for a reference cited three times.
    assert_in_order(
        [f"[{r.number}]{r.backlinks}{r.text}" for r in seed.references], bibliography_text
    )


def test_back_marks_link_to_every_citing_place(
    built_pdf: BuiltPdf, seed: Seed, bib_keys: list[str]
):
    # The n-th place citing a key is the anchor citeref-<key>-<n>, as in the HTML.
    counts: dict[str, int] = {}
    expected = []
    for number in (n for p in seed.paragraphs for n in p.markers):
        key = bib_keys[number - 1]
        counts[key] = counts.get(key, 0) + 1
        expected.append(f"citeref-{key}-{counts[key]}")
    destinations = re.findall(r'"(citeref-[^"]+)"', run("pdfinfo", "-dests", str(built_pdf.path)))
    links = [
        name.decode()
        for chunk in pdf_chunks(built_pdf.path)
        for name in re.findall(rb"/D\s*\((citeref-[^)]*)\)", chunk)
    ]
    assert sorted(destinations) == sorted(expected)
    assert sorted(links) == sorted(expected)


def test_bibliography_shows_every_title(bibliography_text: str, repo_root: Path):
    entries = parse_file(repo_root / "refs.bib", bib_format="bibtex").entries.values()
    for entry in entries:
        title = Text.from_latex(entry.fields["title"]).render_as("text")
        assert squeezed(title) in bibliography_text, title


def test_article_and_bibliography_lines_are_neither_stretched_nor_overfull(built_pdf: BuiltPdf):
    """TeX reports a line it had to stretch (letter-spacing) or could not fit as a bad box."""
    tex = (built_pdf.build_dir / "latex" / PDF_NAME).with_suffix(".tex")
    last_line = tex.read_text(encoding="utf-8").splitlines().index(r"\end{sphinxthebibliography}")
    log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    bad = [
        box.group(0)
        for box in re.finditer(r"(Overfull|Underfull) \\hbox .*? at lines? (\d+)", log)
        if int(box[2]) <= last_line + 1
    ]
    assert bad == []


def test_russian_title_is_set_proportionally(built_pdf: BuiltPdf):
    """Cyrillic as full-width CJK glyphs reads as letter-spaced: a letter would be as wide
    as a kana. Compare the words of reference 35 with its (ロシア語) mark."""
    bbox = run("pdftotext", "-bbox", str(built_pdf.path), "-")
    words = {
        word: float(x_max) - float(x_min)
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>',
            bbox,
        )
    }
    kana_width = words["ロシア語"] / len("ロシア語")
    for russian in ("больше", "месяца", "Курской"):
        assert words[russian] / len(russian) < 0.75 * kana_width, russian


def test_no_character_of_the_article_is_lost(pdf_text: str, seed: Seed):
    """Every character of the body, headings and references comes back out of the PDF: none
    fell out for want of a glyph or of a Unicode mapping."""
    texts = [p.text for p in seed.paragraphs] + [r.text for r in seed.references]
    texts += [s.heading for s in seed.sections if s.heading]
    assert set(squeezed("".join(texts))) - set(pdf_text) == set()


def test_every_page_after_the_title_is_numbered_at_the_foot_on_the_right(built_pdf: BuiltPdf):
    """Chapter openings too: ujbook numbers them in the head, by parity, unless told."""
    bbox = run("pdftotext", "-bbox", str(built_pdf.path), "-")
    pages = bbox.split("<page ")[1:]
    assert len(pages) == built_pdf.pages
    word = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]+)<')
    for number, page in enumerate(pages[1:], start=2):
        words = [(float(x), float(y), text) for x, y, text in word.findall(page)]
        foot = [text for x, y, text in words if y > BODY_BOTTOM and x > A4[0] / 2]
        assert foot and re.fullmatch(r"\d+|[ivx]+", foot[-1]), f"page {number}: {foot}"
        head = [text for _, y, text in words if y < BODY_TOP]
        assert not [text for text in head if re.fullmatch(r"\d+|[ivx]+", text)], (
            f"page {number} has a number in its head: {head}"
        )


def test_audit_table_keeps_each_place_on_one_line(built_pdf: BuiltPdf):
    # The place column is wide enough for "refs.bib:233"; a narrower one broke it after "."
    text = page_text(built_pdf.path, 1, built_pdf.pages)
    audit = text[text.rindex(AUDIT_HEADING) :]
    places = re.findall(r"refs\.\s*bib:\s*\d+", audit)
    assert len(places) >= 14  # 7 suppressed findings, each with its suppression's place
    assert [p for p in places if not re.fullmatch(r"refs\.bib:\d+", p)] == []
