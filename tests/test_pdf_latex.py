"""The PDF's LaTeX sources, as Sphinx writes them (no TeX needed): the Japanese route, the
fonts, the title page, the chapters and one bibliography in the source's Japanese format."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BookBuild, build_book, run_sphinx
from latex_marks import back_marks
from seed import Seed

TEX_NAME = "north-korea-troops-in-russia.tex"
BIBLIOGRAPHY_HEADING = "出典"
LEVEL = {"bookpdffrontchapter": 0, "chapter": 0, "section": 1, "subsection": 2}
HEADING = re.compile(r"\\(chapter|section|subsection|bookpdffrontchapter)\{([^}]*)\}")
BIBITEM = re.compile(
    r"\\bibitem\[(\d+)\]\{[^}]*\}\s*(.*?)(?=\\bibitem|\\end\{sphinxthebibliography\})", re.S
)


@pytest.fixture(scope="session")
def book_latex(tmp_path_factory: pytest.TempPathFactory) -> BookBuild:
    """The book built once per test session as LaTeX sources."""
    root = tmp_path_factory.mktemp("book-latex")
    return build_book("latex", root / "latex", root / "doctrees")


@pytest.fixture(scope="module")
def tex(book_latex: BookBuild) -> str:
    return (book_latex.outdir / TEX_NAME).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def body(tex: str) -> str:
    return tex.split(r"\begin{document}", 1)[1]


def latex_argument(tex: str, command: str) -> str:
    """The braced argument of the first \\command{...}, nested braces included."""
    start = tex.index("\\" + command + "{") + len(command) + 2
    depth = 1
    for index in range(start, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[index], 0) if tex[index - 1] != "\\" else 0
        if depth == 0:
            return tex[start:index]
    raise AssertionError(f"unbalanced braces after \\{command}")


def plain_text(latex: str) -> str:
    """Text of the simple mark-up Sphinx writes for bibliography entries."""
    text = latex.replace(r"\sphinxAtStartPar", "").replace(r"\sphinxhyphen{}", "-")
    text = re.sub(r"\\([&%$#_{}])", r"\1", text)
    assert "\\" not in text, f"unexpected LaTeX mark-up in {latex!r}"
    return " ".join(text.split())


def test_latex_build_is_clean(book_latex: BookBuild):
    assert book_latex.status == 0
    assert book_latex.warnings == ""


def test_japanese_route_on_a4(book_latex: BookBuild, tex: str):
    assert r"\def\sphinxdocclass{ujbook}" in tex
    documentclass = re.search(r"\\documentclass\[([^]]*)\]", tex)
    assert documentclass is not None
    options = documentclass.group(1).split(",")
    assert {"a4paper", "dvipdfmx", "openany", "oneside"} <= set(options)
    assert r"\usepackage{pxjahyper}" in tex
    latexmkrc = (book_latex.outdir / "latexmkjarc").read_text(encoding="utf-8")
    assert re.search(r"\$latex = 'uplatex ", latexmkrc)
    assert re.search(r"\$dvipdf = 'dvipdfmx ", latexmkrc)


def test_fonts_are_haranoaji_through_pxchfon(book_latex: BookBuild, tex: str):
    assert r"\usepackage{bookpdf}" in tex
    style = (book_latex.outdir / "bookpdf.sty").read_text(encoding="utf-8")
    # 'unicode': dvipdfmx maps the fonts by Unicode (the ToUnicode maps come after it).
    assert re.search(r"^\\RequirePackage\[haranoaji,unicode\]\{pxchfon\}", style, re.M)
    # Cyrillic (reference 35) in T2A, not as full-width CJK glyphs.
    assert re.search(r"^\\cjkcategory\{cyrl\}\{noncjk\}", style, re.M)
    assert r"\usepackage[T2A,T1]{fontenc}" in tex


def test_title_page_states_source_revision_and_licence(seed: Seed, tex: str, body: str):
    assert latex_argument(tex, "title") == seed.title
    assert r"\bookpdfmaketitle" in body
    source = latex_argument(tex, "booksource")
    assert "ウィキペディア日本語版" in source
    assert seed.title in source
    revision = re.search(r"\((\d{4})/(\d\d)/(\d\d) (\d\d:\d\d) UTC", seed.revision_line)
    assert revision is not None
    year, month, day, time = revision.groups()
    assert (
        latex_argument(tex, "bookrevision")
        == f"{int(year)}年{int(month)}月{int(day)}日 {time} UTC の版"
    )
    licence = latex_argument(tex, "booklicence")
    for needed in ("CC BY-SA 4.0", "ウィキペディアの執筆者", "Wikipedia contributors"):
        assert needed in licence
    assert r"\href{https://creativecommons.org/licenses/by-sa/4.0/deed.ja}" in licence
    assert r"\href{https://ja.wikipedia.org/wiki/\%E5\%8C\%97" in licence  # 北…, percent-encoded


def test_pdf_metadata_is_set(tex: str):
    settings = latex_argument(tex, "hypersetup")
    assert "pdflang=ja" in settings
    assert "CC BY-SA 4.0" in settings
    assert re.search(r"\\author\{ウィキペディアの執筆者", tex)


def test_headings_are_the_source_sections_in_order(seed: Seed, body: str):
    """The article's sections, then 出典; the book's own appendices may follow."""
    headings = [title for _, title in HEADING.findall(body)]
    expected = [seed.title] + [s.heading for s in seed.sections[1:]] + [BIBLIOGRAPHY_HEADING]
    assert headings[: len(expected)] == expected
    assert BIBLIOGRAPHY_HEADING not in headings[len(expected) :]


def test_no_heading_is_empty(body: str):
    """Every heading has text under it (出典: the list) or subsections."""
    matches = list(HEADING.finditer(body))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(body)
        under = body[match.end() : end]
        has_text = r"\sphinxAtStartPar" in under or r"\bibitem" in under
        has_subsections = following is not None and LEVEL[following[1]] > LEVEL[match[1]]
        assert has_text or has_subsections, match.group(0)


def test_one_bibliography_right_under_its_heading(body: str):
    """Sphinx gathers citations at the very end; bibliography_in_place.py keeps them here."""
    assert body.count(r"\begin{sphinxthebibliography}") == 1
    heading = next(h for h in HEADING.finditer(body) if h[2] == BIBLIOGRAPHY_HEADING)
    between = body[heading.end() : body.index(r"\begin{sphinxthebibliography}")]
    assert re.fullmatch(r"(\s|\\label\{\\detokenize\{[^}]*\}\})*", between), between


def test_bibliography_is_the_source_reference_list(seed: Seed, body: str):
    bibliography = body[body.index(r"\begin{sphinxthebibliography}") :]
    items = BIBITEM.findall(bibliography)
    assert [int(label) for label, _ in items] == [r.number for r in seed.references]
    for reference, (_, text) in zip(seed.references, items, strict=True):
        marks, rest = back_marks(text)
        assert marks == reference.backlinks, f"entry {reference.number}"
        assert plain_text(rest) == " ".join(reference.text.split()), f"entry {reference.number}"


def build_pdf_without_tex(repo_root: Path, tmp_path: Path, *options: str):
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    script = str(repo_root / "tools" / "build_pdf.py")
    return subprocess.run(
        [sys.executable, script, "--build-dir", str(tmp_path), *options],
        env={**os.environ, "PATH": str(empty_path)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_tex_the_build_stops_with_the_packages_to_install(repo_root: Path, tmp_path: Path):
    result = build_pdf_without_tex(repo_root, tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "uplatex" in result.stderr
    assert "apt-get install texlive-lang-japanese" in result.stderr
    assert not (tmp_path / "latex").exists()


def test_make_book_without_tex_notes_the_missing_pdf_and_goes_on(repo_root: Path, tmp_path: Path):
    result = build_pdf_without_tex(repo_root, tmp_path, "--if-available")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "no PDF link" in result.stderr
    assert "apt-get install texlive-lang-japanese" in result.stderr
    assert not (tmp_path / "latex").exists()


def test_bibliography_stays_in_place_when_a_chapter_follows(repo_root: Path, tmp_path: Path):
    """A tiny project: chapters Body, Refs (the directive), After; the list stays in Refs."""
    source = tmp_path / "source"
    source.mkdir()
    extension_dir = repo_root / "docs" / "_latex"
    files = {
        "conf.py": (
            f"import sys\nsys.path.insert(0, {str(extension_dir)!r})\n"
            'extensions = ["sphinxcontrib.bibtex", "bibliography_in_place"]\n'
            'bibtex_bibfiles = ["refs.bib"]\n'
            'latex_documents = [("index", "tiny.tex", "Tiny", "Someone", "manual")]\n'
        ),
        "index.rst": "Tiny\n====\n\n.. toctree::\n\n   body\n   refs\n   after\n",
        "body.rst": "Body\n====\n\nA claim :cite:p:`key`.\n",
        "refs.rst": "Refs\n====\n\n.. bibliography::\n",
        "after.rst": "After\n=====\n\nAn appendix.\n",
        "refs.bib": "@misc{key, author = {Some One}, title = {A Title}, year = {2000}}\n",
    }
    for name, text in files.items():
        (source / name).write_text(text, encoding="utf-8")
    run_sphinx(source, "latex", tmp_path / "latex", tmp_path / "doctrees")
    tex = (tmp_path / "latex" / "tiny.tex").read_text(encoding="utf-8")
    places = [tex.index(mark) for mark in (r"\chapter{Refs}", r"\bibitem", r"\chapter{After}")]
    assert places == sorted(places)
    assert tex.count(r"\begin{sphinxthebibliography}") == 1
