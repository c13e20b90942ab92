"""``refcheck book``: real articles become book folders that build with ``sphinx-build -W``.

For the source article and real articles of tests/importer_data/articles/ the command is
run as a user runs it, the folder is built by Sphinx with warnings as errors, checked by
``refcheck check``, and compared with the article: every body sentence and every citation
of the article, in order, in the chapters. The article is read here by the tests' own
readers (tests/seed.py for the source; a few lines below for the others), not by the
command's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import mwparserfromhell
import pytest

from seed import read_seed, split_sentences
from shared import REPO_ROOT, SEED_FILE

ARTICLES = REPO_ROOT / "tests" / "importer_data" / "articles"
SRC = REPO_ROOT / "src"
CITE = re.compile(r"\{cite\}`([^`]+)`")
BIB_KEY = re.compile(r"^@[a-z]+\{([^,\s]+),", re.MULTILINE)
MARKER = re.compile(r"\[(\d+)\]")
MYST_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
TOCTREE_ENTRY = re.compile(r"^([a-z][a-z0-9_-]*)$", re.MULTILINE)
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]: (.*)$", re.MULTILINE)
FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\]")
# A note's marker in the page's text: [注 1], [注釈 2], [a], [† 1]; not a source's [12].
NOTE_MARKER = re.compile(r"\[(?:[^\[\]\s0-9]{1,4} ?)[0-9]{0,4}\]")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def refcheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "refcheck", *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=cwd,
        check=False,
    )


@dataclass
class Built:
    folder: Path
    run: subprocess.CompletedProcess[str]
    sphinx: subprocess.CompletedProcess[str]
    check: subprocess.CompletedProcess[str]


def build(article: Path, folder: Path) -> Built:
    run = refcheck("book", str(article), "-o", str(folder))
    assert run.returncode in (0, 1), run.stderr
    docs = folder / "docs"
    sphinx = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(docs), str(docs / "_build")],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    return Built(folder, run, sphinx, refcheck("check", cwd=folder))


# The source article and the real articles whose body text is in the data.
NAMES = [
    "seed",
    "ja-model-context-protocol.md",
    "en-http.md",
    "en-diffie-hellman.txt",
    "en-saravana-stores.txt",
    "en-castel-menardo.txt",
    "en-karl-aigen.wikitext",
    "en-germany.wikitext",
    "en-germany-2026.wikitext",
    "en-apache-lucene.wikitext",
    "ja-tsuda-masami.wikitext",
    "ja-teens-network.wikitext",
    "ja-tsuda-masami.ja.txt",
    "notes.en.txt",
    "en-bleve.txt",
    "en-principle-of-explosion.txt",
    "ja-python.txt",
    "ja-takenokozoku.txt",
]


def source_of(name: str) -> Path:
    if name == "seed":
        return SEED_FILE
    in_data = REPO_ROOT / "tests" / "bookgen_data" / name
    return in_data if in_data.is_file() else ARTICLES / name


@pytest.fixture(scope="module", params=NAMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    name: str = request.param
    return build(source_of(name), tmp_path_factory.mktemp("book") / name.replace(".", "-"))


def test_builds_with_warnings_as_errors(built: Built):
    assert built.sphinx.returncode == 0, built.sphinx.stderr
    assert (built.folder / "docs" / "_build" / "index.html").is_file()
    assert (built.folder / "docs" / "_build" / "references.html").is_file()


def test_audit_appendix_and_japanese_search_are_built(built: Built):
    out = built.folder / "docs" / "_build"
    audit = (out / "appendix" / "audit.html").read_text(encoding="utf-8")
    # The tables refcheck.sphinx writes; a book with no finding gets its quiet-rules line.
    quiet = ("Rules with nothing to report", "指摘のなかった規則")
    assert "refcheck-report" in audit or any(line in audit for line in quiet)
    japanese = "language = 'ja'" in (built.folder / "docs" / "conf.py").read_text(encoding="utf-8")
    # refcheck.ja_search ships its script to Japanese books only (English search works).
    assert (out / "_static" / "ja_search.js").is_file() == japanese
    references = (out / "references.html").read_text(encoding="utf-8")
    assert 'class="backlinks"' in references  # "^ a b" back to the citing places


def test_refcheck_check_passes(built: Built):
    assert built.check.returncode == 0, built.check.stdout + built.check.stderr


def test_front_page_has_the_attribution(built: Built):
    index = (built.folder / "docs" / "index.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in index
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in index
    assert "action=history" in index


def test_progress_on_stderr(built: Built):
    assert "refcheck book: wrote" in built.run.stderr
    assert built.run.stdout == ""


# -- fidelity -------------------------------------------------------------------------------


def book_text(folder: Path) -> str:
    """The lead and the chapters in reading order, markup removed, each citation as [n]."""
    keys = BIB_KEY.findall((folder / "refs.bib").read_text(encoding="utf-8"))
    docs = folder / "docs"
    index = (docs / "index.md").read_text(encoding="utf-8")
    pages = [index] + [
        (docs / f"{name}.md").read_text(encoding="utf-8")
        for name in TOCTREE_ENTRY.findall(index)
        if name != "references"
    ]
    text = "\n".join(pages)
    # The notes are checked on their own (test_every_note_sentence_and_citation).
    text = FOOTNOTE_DEFINITION.sub("", text)
    text = FOOTNOTE_REFERENCE.sub("", text)
    text = CITE.sub(lambda match: f"[{keys.index(match.group(1)) + 1}]", text)
    text = re.sub(r"^- ", "", text, flags=re.MULTILINE)  # a list item's mark
    return MYST_ESCAPE.sub(r"\1", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


MD_LINK_TARGET = re.compile(r"\]\((?:[^()]|\([^()]*\))*\)")


def markdown_body(text: str) -> list[str]:
    """The paragraphs of a Markdown save: between the source line and the 脚注 heading."""
    lines = text.splitlines()
    start = next((i + 2 for i, line in enumerate(lines) if line.startswith("出典:")), 1)
    # "## 脚注", or a Setext heading with its edit link: "References\[[edit](…)\]".
    end = next(i for i, line in enumerate(lines) if re.match(r"(## )?(脚注|References)\b", line))
    paragraphs = []
    for line in lines[start:end]:
        if not line.strip() or line.startswith("#") or "action=edit&section=" in line:
            continue
        line = line.replace("\\[", "[").replace("\\]", "]")  # [\[6\]](#cite_note-6)
        line = MD_LINK_TARGET.sub("]", line).replace("[[", "[").replace("]]", "]")
        line = re.sub(r"\[(?!\d+\])", "", line)
        line = re.sub(r"(?<!\[\d)(?<!\[\d\d)\]", "", line)
        paragraphs.append(line.replace("*", "").lstrip("-").strip())
    return paragraphs


def export_body(text: str) -> list[str]:
    """The paragraphs of a text export: lines ending a sentence (or with a marker), before
    the list's heading."""
    lines = text.splitlines()
    ends = {"References", "Notes", "脚注", "注釈", "出典"}
    # Headings may carry their edit link: "References[edit]", "脚注[編集]".
    bare = [re.sub(r"\[(?:edit|編集)\]$", "", line.strip()) for line in lines]
    end = next(i for i, line in enumerate(bare) if line in ends)
    return [
        line.strip()
        for line in lines[1:end]
        # a sentence, or a list item that cites (「Windows[6], Windows CE（…）」)
        if (line.strip().endswith((".", "]", "。")) or re.search(r"\[\d+\]", line))
        and not line.strip().endswith(("[edit]", "[編集]"))
    ]


def wikitext_markers(text: str) -> int:
    """Every <ref> of the body: its first use and each reuse (<ref name=x/>) is a citation."""
    body = re.split(r"==\s*(?:References|Notes)\s*==", text)[0]
    return len(re.findall(r"<ref[\s>]", body))


def article_paragraphs(name: str) -> list[str]:
    if name == "seed":
        return [paragraph.text for paragraph in read_seed(SEED_FILE).paragraphs]
    text = source_of(name).read_text(encoding="utf-8")
    if name.endswith(".wikitext"):
        return wikitext_body(text)[0]
    paragraphs = markdown_body(text) if name.endswith(".md") else export_body(text)
    return [NOTE_MARKER.sub("", paragraph) for paragraph in paragraphs]


# -- the tests' own reading of wikitext: <ref> as [n] (named reuses keep their number),
# {{efn}} notes apart, other templates, files and categories left out -------------------------

REF_TOKEN = re.compile(r"⟦(\d+)⟧")
NOTE_NAMES = {"efn", "refn", "notetag", "注釈", "efn2"}
END_HEADING = re.compile(r"^==\s*(?:References|Notes|脚注|出典|参考文献|External links)\s*==", re.M)


def _numbered(text: str) -> str:
    """The wikitext with each <ref> replaced by ⟦n⟧: numbered by first use, a name's reuse
    keeping the name's number."""
    names: dict[str, int] = {}
    count = 0
    position = 0
    pieces = []
    for tag in mwparserfromhell.parse(text).filter_tags(recursive=True):
        if str(tag.tag).lower() != "ref":
            continue
        name = str(tag.get("name").value).strip().strip("\"'") if tag.has("name") else None
        if name in names:
            number = names[name]
        else:
            count += 1
            number = count
            if name:
                names[name] = number
        source = str(tag)
        at = text.index(source, position)
        pieces.append(text[position:at] + f"⟦{number}⟧")
        position = at + len(source)
    return "".join(pieces) + text[position:]


def _plain(wikicode: mwparserfromhell.wikicode.Wikicode) -> str:
    for template in wikicode.filter_templates(recursive=False):
        if str(template.name).strip().lower() == "lang" and template.has("2"):
            wikicode.replace(template, str(template.get("2").value))  # shows its text
        else:
            wikicode.remove(template)
    for link in wikicode.filter_wikilinks(recursive=False):
        if ":" in str(link.title):
            wikicode.remove(link)
    shown = wikicode.strip_code(normalize=True, collapse=False)
    return REF_TOKEN.sub(r"[\1]", shown)


def wikitext_body(text: str) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """The body's paragraphs (headings left out) and each note's text with its [n]."""
    numbered = _numbered(text)
    notes = []
    for template in mwparserfromhell.parse(numbered).filter_templates(recursive=True):
        if str(template.name).strip().lower() in NOTE_NAMES and template.has("1"):
            words = _plain(mwparserfromhell.parse(str(template.get("1").value)))
            notes.append((" ".join(words.split()), [int(n) for n in MARKER.findall(words)]))
    body = END_HEADING.split(numbered)[0]
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n|\n(?===)", body):
        # A list item ("* …", "# …") is its own line; the other lines join a paragraph.
        groups: list[list[str]] = [[]]
        for line in block.splitlines():
            if line.startswith(("*", "#", ";", ":")):
                groups += [[line.lstrip("*#;: ")], []]
            elif not line.startswith("=="):
                groups[-1].append(line)
        for group in groups:
            words = " ".join(_plain(mwparserfromhell.parse("\n".join(group))).split())
            if words:
                paragraphs.append(words)
    return paragraphs, notes


def sentences_of(paragraphs: list[str]) -> list[str]:
    pieces = []
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            pieces.extend(s for s in re.split(r"(?<=[.?!]) (?=[A-Z])", sentence) if s.strip())
    return [_squash(piece).strip() for piece in pieces]


@pytest.mark.parametrize("name", NAMES)
def test_every_sentence_and_citation_in_order(name: str, tmp_path: Path):
    folder = tmp_path / "book"
    run = refcheck("book", str(source_of(name)), "-o", str(folder))
    assert run.returncode in (0, 1), run.stderr
    text = _squash(book_text(folder))
    paragraphs = article_paragraphs(name)
    position = 0
    sentences = sentences_of(paragraphs)
    assert sentences, "the test's reader found no sentence"
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found >= 0, f"{name}: missing or out of order: {sentence[:80]}"
        position = found + len(sentence)
    wanted = [m for p in paragraphs for m in re.findall(r"\[(\d+)\]", p)]
    body = text[text.index("```", text.index("出典とライセンス")) :]  # after the front note
    assert re.findall(r"\[(\d+)\]", body) == wanted


@pytest.mark.parametrize("name", ["en-karl-aigen.wikitext", "en-germany.wikitext"])
def test_wikitext_every_ref_is_a_citation(name: str, tmp_path: Path):
    source = ARTICLES / name
    folder = tmp_path / "book"
    assert refcheck("book", str(source), "-o", str(folder)).returncode in (0, 1)
    cites = sum(
        len(CITE.findall(path.read_text(encoding="utf-8")))
        for path in (folder / "docs").glob("*.md")
    )
    assert cites == wikitext_markers(source.read_text(encoding="utf-8"))


# -- notes: their words and their own citations, as footnotes ---------------------------------

DATA = REPO_ROOT / "tests" / "bookgen_data"
BACK_LETTERS = re.compile(r"^(?:[a-z] )+")
# The articles with notes: 津田雅美 (its {{efn}} cites two sources) as wikitext and as the
# text export of the same lead, Germany's lead (an {{efn}} cites the pronunciation
# dictionary), and the made-up two-list articles (注釈 cited [注 n]; Notes cited [a]).
NOTE_SOURCES = [
    ARTICLES / "ja-tsuda-masami.wikitext",
    DATA / "en-germany-2026.wikitext",
    DATA / "ja-tsuda-masami.ja.txt",
    DATA / "notes.ja.txt",
    DATA / "notes.en.txt",
]


def export_notes(text: str) -> list[tuple[str, list[int]]]:
    """The notes' list of a text export (注釈, Notes): each note's words and own [n]."""
    lines = text.splitlines()
    notes = []
    start = next(i for i, line in enumerate(lines) if line in {"注釈", "Notes"})
    for line in lines[start + 1 :]:
        if not line.startswith(("- ^ ", "^ ")):
            break
        words = BACK_LETTERS.sub("", line.removeprefix("- ").removeprefix("^ "))
        notes.append((words, [int(n) for n in MARKER.findall(words)]))
    return notes


def book_notes(folder: Path) -> list[tuple[str, list[int]]]:
    """The footnotes of the lead and the chapters, in reading order, each citation as [n]."""
    keys = BIB_KEY.findall((folder / "refs.bib").read_text(encoding="utf-8"))
    docs = folder / "docs"
    index = (docs / "index.md").read_text(encoding="utf-8")
    names = [name for name in TOCTREE_ENTRY.findall(index) if name != "references"]
    notes = []
    for text in [index] + [(docs / f"{name}.md").read_text(encoding="utf-8") for name in names]:
        for match in FOOTNOTE_DEFINITION.finditer(text):
            cited = [keys.index(key) + 1 for key in CITE.findall(match.group(2))]
            words = CITE.sub(lambda m: f"[{keys.index(m.group(1)) + 1}]", match.group(2))
            notes.append((MYST_ESCAPE.sub(r"\1", words), cited))  # [n] as text is no citation
    return notes


@pytest.mark.parametrize("source", NOTE_SOURCES, ids=lambda path: path.name)
def test_every_note_sentence_and_citation(source: Path, tmp_path: Path):
    folder = tmp_path / "book"
    run = refcheck("book", str(source), "-o", str(folder))
    assert run.returncode in (0, 1), run.stderr
    text = source.read_text(encoding="utf-8")
    notes = wikitext_body(text)[1] if source.suffix == ".wikitext" else export_notes(text)
    assert notes, "the test's reader found no note"
    written = book_notes(folder)
    assert len(written) == len(notes)
    for (words, numbers), (book_words, book_numbers) in zip(notes, written, strict=True):
        assert book_numbers == numbers, words
        for sentence in sentences_of([words]):
            assert sentence in _squash(book_words), sentence


def test_a_notes_own_citations_are_cite_roles(tmp_path: Path):
    for source in [ARTICLES / "ja-tsuda-masami.wikitext", DATA / "ja-tsuda-masami.ja.txt"]:
        folder = tmp_path / source.name
        assert refcheck("book", str(source), "-o", str(folder)).returncode in (0, 1)
        index = (folder / "docs" / "index.md").read_text(encoding="utf-8")
        definition = next(FOOTNOTE_DEFINITION.finditer(index)).group(2)
        profile = CITE.findall(index.split("1970年7月9日")[1])[0]  # the lead's first source
        book = CITE.findall(index.split("血液型はO型")[1])[0]  # the source of the blood type
        # The note cites the two, in its order, as roles MyST renders inside a footnote.
        assert CITE.findall(definition) == [profile, book] and profile != book


# -- bad input and the folder ------------------------------------------------------------------


def test_refuses_a_folder_that_holds_files(tmp_path: Path):
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    run = refcheck("book", str(SEED_FILE), "-o", str(folder))
    assert run.returncode == 2
    assert "--force" in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["mine.txt"]
    forced = refcheck("book", str(SEED_FILE), "-o", str(folder), "--force")
    assert forced.returncode in (0, 1), forced.stderr
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (folder / "docs" / "conf.py").is_file()


def test_no_staging_folder_left(tmp_path: Path):
    assert refcheck("book", str(SEED_FILE), "-o", str(tmp_path / "book")).returncode in (0, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book"]


def test_an_article_without_references_is_an_error_with_its_line(tmp_path: Path):
    article = tmp_path / "article.txt"
    article.write_text("題名\n本文だけの記事。\n", encoding="utf-8")
    run = refcheck("book", str(article), "-o", str(tmp_path / "book"))
    assert run.returncode == 2
    assert f"{article}:1: " in run.stderr and "nothing written" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "book").exists()


def test_conf_is_written_from_the_article(tmp_path: Path):
    folder = tmp_path / "book"
    refcheck("book", str(ARTICLES / "ja-model-context-protocol.md"), "-o", str(folder))
    conf = (folder / "docs" / "conf.py").read_text(encoding="utf-8")
    assert "SOURCE_TITLE = 'Model Context Protocol'" in conf
    assert "SOURCE_REVISION = 'oldid 108925289'" in conf
    assert "北朝鮮" not in conf


def test_notes_become_footnotes(tmp_path: Path):
    source = REPO_ROOT / "tests" / "bookgen_data" / "notes.ja.txt"
    built = build(source, tmp_path / "book")
    assert built.sphinx.returncode == 0, built.sphinx.stderr
    docs = built.folder / "docs"
    pages = (docs / "index.md").read_text(encoding="utf-8") + (docs / "chapter-01.md").read_text(
        encoding="utf-8"
    )
    assert "[^注-1]: これは注釈の本文である。" in pages
    assert "[^注-2]: 二つ目の注釈。" in pages
    # Notes are no bibliography entries: refs.bib holds the two sources only.
    assert len(BIB_KEY.findall((built.folder / "refs.bib").read_text(encoding="utf-8"))) == 2
    html = (docs / "_build" / "chapter-01.html").read_text(encoding="utf-8")
    assert 'class="footnote-reference' in html and "二つ目の注釈。" in html
    assert built.check.returncode == 0, built.check.stdout


# -- the book in docs/ against the command's output ---------------------------------------------

OUTLINE = REPO_ROOT / "tests" / "bookgen_data" / "north-korea-troops-in-russia.outline"
DOCS = REPO_ROOT / "docs"


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed-book") / "book"
    run = refcheck("book", str(SEED_FILE), "-o", str(folder), "--outline", str(OUTLINE))
    assert run.returncode in (0, 1), run.stderr
    return folder


@pytest.mark.parametrize(
    "page", ["background", "events", "analysis", "problems", "reactions", "weapons", "references"]
)
def test_docs_chapter_is_the_commands_output(seed_book: Path, page: str):
    """docs/ is the command's output from the source plus its curation (the outline)."""
    written = (seed_book / "docs" / f"{page}.md").read_text(encoding="utf-8")
    assert (DOCS / f"{page}.md").read_text(encoding="utf-8") == written


def _after_front_note(text: str) -> str:
    return text[text.index("```\n", text.index("{admonition}")) :]


def test_docs_front_page_lead_and_contents_are_the_commands(seed_book: Path):
    # The front note itself is hand-written in docs/ (it lists what the export's debris was);
    # the lead and the table of contents after it are the command's.
    written = (seed_book / "docs" / "index.md").read_text(encoding="utf-8")
    assert _after_front_note((DOCS / "index.md").read_text(encoding="utf-8")) == _after_front_note(
        written
    )


def test_docs_refs_bib_is_the_commands_plus_curation_comments(seed_book: Path):
    def entries(path: Path) -> list[str]:
        return [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("%")
        ]

    assert entries(REPO_ROOT / "refs.bib") == entries(seed_book / "refs.bib")


def test_an_outline_heading_the_article_lacks_is_an_error(tmp_path: Path):
    outline = tmp_path / "book.outline"
    outline.write_text("背景\n  存在しない見出し\n", encoding="utf-8")
    run = refcheck("book", str(SEED_FILE), "-o", str(tmp_path / "book"), "--outline", str(outline))
    assert run.returncode == 2
    assert f"{outline}:2: the article has no heading '存在しない見出し'" in run.stderr
    assert not (tmp_path / "book").exists()


def test_wikitext_note_becomes_a_footnote(tmp_path: Path):
    folder = tmp_path / "book"
    run = refcheck("book", str(ARTICLES / "ja-tsuda-masami.wikitext"), "-o", str(folder))
    assert run.returncode in (0, 1), run.stderr
    index = (folder / "docs" / "index.md").read_text(encoding="utf-8")
    assert "血液型はO型{cite}`" in index and "[^注釈-1]" in index
    assert "[^注釈-1]: 2016年以前のプロフィールではB型" in index
    assert "has no reference" not in run.stderr


def test_a_hand_written_author_list_becomes_names_pybtex_reads(tmp_path: Path):
    """Lucene's hand-written reference lists its authors with commas ("A, B, and C"): pybtex
    stops a whole Sphinx build on such a name, so the book writes the names apart."""
    source = DATA / "en-apache-lucene.wikitext"
    folder = tmp_path / "book"
    run = refcheck("book", str(source), "-o", str(folder))
    assert run.returncode == 0, run.stderr
    names = " and ".join(
        ["M. Schwarzer", "M. Schubotz", "N. Meuschke", "C. Breitinger", "V. Markl", "B. Gipp"]
    )
    assert f"author   = {{{names}}}," in (folder / "refs.bib").read_text(encoding="utf-8")
    check = refcheck("check", "--select", "N001", str(folder / "refs.bib"))
    assert check.returncode == 0, check.stdout


def test_labelled_markers_go_with_the_group_of_their_size(tmp_path: Path):
    """ja「Python」 has three groups (注釈: 1 note, 出典, 一次文献: 17) and cites [※ 1] and
    [† 1]..[† 17]: † is the group of 17, whatever the order of the groups."""
    folder = tmp_path / "book"
    run = refcheck("book", str(ARTICLES / "ja-python.txt"), "-o", str(folder))
    assert "has no reference" not in run.stderr
    text = "".join(p.read_text(encoding="utf-8") for p in (folder / "docs").glob("*.md"))
    assert "[^†-17]:" in text and "[^※-1]:" in text
    assert "\\[†" not in text  # no marker left as text
