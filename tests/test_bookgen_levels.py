"""Heading levels of a text export, measured against real articles whose levels we know.

A text export shows of each heading its words and whether text comes before it. For every
real article whose outline is known — its wikitext (``==`` / ``===``), a Markdown save
(``##`` / ``###``), the source article's curated outline (read off the rendered page), and
skeletons of real wikitext (tests/bookgen_data/skeletons/: the headings of the revision and
where it has text) — the test derives that shape, runs ``infer_levels`` and compares with
the known level. What it claims as certain must always be right; guesses are measured and
reported as such by the command. Only the book's body is measured: headings from the
reference list on (脚注, References, …) are the reference page's.
"""

from __future__ import annotations

import re
from pathlib import Path

import mwparserfromhell
import pytest
from mwparserfromhell.nodes import Heading, Template

from refcheck.bookgen.export import read_body, read_export
from refcheck.bookgen.levels import HeadingShape, infer_levels
from refcheck.importer.tables import LIST_HEADINGS
from shared import REPO_ROOT, SEED_FILE
from test_bookgen import refcheck

DATA = REPO_ROOT / "tests" / "bookgen_data"
ARTICLES = REPO_ROOT / "tests" / "importer_data" / "articles"
Known = list[tuple[HeadingShape, int]]  # each heading's shape and its real level in the book


def wikitext_outline(text: str) -> Known:
    known: Known = []
    top: int | None = None
    text_seen = False
    for node in mwparserfromhell.parse(text).nodes:
        if isinstance(node, Heading):
            title = node.title.strip_code().strip()
            if title in LIST_HEADINGS:
                break
            top = node.level if top is None else min(top, node.level)
            known.append((HeadingShape(title, text_seen), 1 if node.level <= top else 2))
            text_seen = False
        elif (
            not isinstance(node, Template)
            and mwparserfromhell.parse(str(node)).strip_code().strip()
        ):
            text_seen = True
    return known


MD_HEADING = re.compile(r"^(#{2,6}) (.+)$")


def markdown_outline(text: str) -> Known:
    known: Known = []
    text_seen = False
    for line in text.splitlines()[1:]:
        if match := MD_HEADING.match(line):
            title = match.group(2).strip()
            if title in LIST_HEADINGS:
                break
            known.append((HeadingShape(title, text_seen), 1 if len(match.group(1)) == 2 else 2))
            text_seen = False
        elif line.strip() and not line.startswith(("[[編集]", "**", "---", "出典:")):
            text_seen = True
    return known


def seed_outline() -> Known:
    """The export's headings with the levels of the curated outline (the rendered page's)."""
    levels = {}
    for line in (DATA / "north-korea-troops-in-russia.outline").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            levels[line.split("->")[0].strip()] = 2 if line.startswith(" ") else 1
    known: Known = []
    text_seen = False
    for line in SEED_FILE.read_text(encoding="utf-8").splitlines()[2:]:
        line = line.strip()
        if line in levels:
            known.append((HeadingShape(line, text_seen), levels[line]))
            text_seen = False
        elif line == "脚注":
            break
        elif line and "|" not in line:
            text_seen = True
    return known


def outlines() -> dict[str, Known]:
    found = {"seed": seed_outline()}
    for path in sorted(ARTICLES.glob("*.wikitext")) + sorted((DATA / "skeletons").glob("*")):
        found[path.name] = wikitext_outline(path.read_text(encoding="utf-8"))
    for path in sorted(ARTICLES.glob("*.md")):
        if path.name != "README.md":
            found[path.name] = markdown_outline(path.read_text(encoding="utf-8"))
    return found


OUTLINES = outlines()


def test_the_known_outlines_were_read():
    assert len(OUTLINES["seed"]) == 11
    assert [level for _, level in OUTLINES["en-karl-aigen.wikitext"]] == [1, 2]
    assert [shape.text for shape, _ in OUTLINES["ja-shanghai-metro-line-3.skeleton.wikitext"]] == [
        "概要",
        "路線データ",
        "歴史",
        "車両",
        "路線",
    ]


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_a_certain_level_is_never_wrong(name: str):
    known = OUTLINES[name]
    inferred = infer_levels([shape for shape, _ in known])
    wrong = [
        (shape.text, level.how)
        for (shape, real), level in zip(known, inferred, strict=True)
        if level.certain and level.level != real
    ]
    assert wrong == []


def _chapters(levels: list[int]) -> list[int | None]:
    """Each heading's chapter (the index of the level-1 heading above it; None for one)."""
    chapter: int | None = None
    found = []
    for index, level in enumerate(levels):
        chapter = index if level == 1 else chapter
        found.append(None if level == 1 else chapter)
    return found


def test_measured_accuracy():
    """The numbers the README gives: levels right, and headings placed right (level and
    chapter both), over every known outline."""
    total = right = placed = certain = guessed = guessed_right = 0
    for known in OUTLINES.values():
        real = [level for _, level in known]
        inferred = infer_levels([shape for shape, _ in known])
        got = [level.level for level in inferred]
        for index, level in enumerate(inferred):
            total += 1
            right += got[index] == real[index]
            placed += got[index] == real[index] and (
                _chapters(got)[index] == _chapters(real)[index]
            )
            certain += level.certain
            if not level.certain:
                guessed += 1
                guessed_right += got[index] == real[index]
    assert (total, certain, guessed) == (60, 13, 47)
    assert (right, placed, guessed_right) == (34, 34, 21)


def test_the_seed_without_outline_has_one_level_wrong():
    known = OUTLINES["seed"]
    inferred = infer_levels([shape for shape, _ in known])
    wrong = [s.text for (s, real), got in zip(known, inferred, strict=True) if got.level != real]
    assert wrong == ["その他国際機関・諸国"]


def test_the_table_of_contents_gives_every_level():
    shapes = [HeadingShape("背景", True), HeadingShape("詳細", True), HeadingShape("反応", True)]
    contents = {"背景": 1, "詳細": 2, "反応": 1}
    levels = infer_levels(shapes, contents)
    assert [(level.level, level.how) for level in levels] == [
        (1, "contents"),
        (2, "contents"),
        (1, "contents"),
    ]


def test_closing_sections_are_chapters_and_a_notes_list_under_them_a_section():
    shapes = [
        HeadingShape("歴史", True),
        HeadingShape("詳細", True),
        HeadingShape("関連項目", True),
        HeadingShape("脚注", True),
        HeadingShape("注釈", False),
    ]
    assert [(level.level, level.how) for level in infer_levels(shapes)][2:] == [
        (1, "layout"),
        (1, "layout"),
        (2, "layout"),
    ]


def _export(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "article.txt"
    head = "記事\n出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2025/01/02 03:04 UTC 版)\n"
    tail = "脚注\n- ^ “記事”. 朝日新聞 (2024年10月30日). 2024年11月4日閲覧。\n"
    path.write_text(head + body + tail, encoding="utf-8")
    return path


def test_an_export_with_its_table_of_contents_has_every_level_and_no_warning(tmp_path: Path):
    body = (
        "導入部の文である。\n目次\n1 背景\n2 分析\n2.1 規模\n2.2 詳細\n3 反応\n4 脚注\n"
        "背景[編集]\n背景の文である。\n分析[編集]\n分析の文である。\n規模[編集]\n規模の文である。\n"
        "詳細[編集]\n詳細の文である。\n反応[編集]\n反応の文である。\n"
    )
    article = read_export(_export(tmp_path, body).read_text(encoding="utf-8"))
    assert [(s.heading, s.level) for s in article.sections[1:]] == [
        ("背景", 1),
        ("分析", 1),
        ("規模", 2),
        ("詳細", 2),
        ("反応", 1),
    ]
    assert article.guessed_levels == []
    assert [p.text for p in article.sections[0].paragraphs] == ["導入部の文である。"]


def test_an_edit_link_makes_a_long_line_a_heading(tmp_path: Path):
    title = "ウクライナ政府による北朝鮮兵士への投降の呼び掛けとその反響について"
    body = f"導入部の文である。\n{title}[編集]\n本文である。\n"
    article = read_export(_export(tmp_path, body).read_text(encoding="utf-8"))
    assert [s.heading for s in article.sections[1:]] == [title]


def test_an_edit_link_on_its_own_line_belongs_to_the_heading_above(tmp_path: Path):
    title = "ウクライナ政府による北朝鮮兵士への投降の呼び掛けとその反響について"
    body = f"導入部の文である。\n概要\n[編集]\n本文である。\n{title}\n[編集]\n本文である。\n"
    article = read_export(_export(tmp_path, body).read_text(encoding="utf-8"))
    assert [s.heading for s in article.sections[1:]] == ["概要", title]
    assert [p.text for s in article.sections for p in s.paragraphs] == [
        "導入部の文である。",
        "本文である。",
        "本文である。",
    ]


def test_a_link_list_holds_items_not_headings(tmp_path: Path):
    body = "導入部の文である。\n歴史\n本文である。\n関連項目\n北朝鮮\nロシア\n"
    article = read_export(_export(tmp_path, body).read_text(encoding="utf-8"))
    assert [s.heading for s in article.sections[1:]] == ["歴史", "関連項目"]
    assert [p.text for p in article.sections[2].paragraphs] == ["北朝鮮", "ロシア"]


def test_the_command_names_each_guessed_heading_and_writes_an_outline_to_correct(
    tmp_path: Path,
):
    body = "導入部の文である。\n歴史\n本文である。\n評価\n本文である。\n"
    source = _export(tmp_path, body)
    book = tmp_path / "book"
    run = refcheck("book", str(source), "-o", str(book))
    assert run.returncode == 1, run.stderr
    assert (
        f"{source}:6: the export does not show the level of heading '評価'; taken as a chapter"
        in run.stderr
    )
    draft = book / "book.outline"
    assert f"1 heading level is a guess; {draft} holds the levels used" in run.stderr
    assert f"run again with --outline {draft}" in run.stderr
    text = draft.read_text(encoding="utf-8")
    assert "歴史\n# guess (export line 6): a chapter\n評価\n" in text
    # The user corrects the guess (評価 is a section of 歴史) and gives the file back.
    draft.write_text(text.replace("\n評価\n", "\n  評価\n"), encoding="utf-8")
    again = refcheck("book", str(source), "-o", str(book), "--outline", str(draft), "--force")
    assert "guess" not in again.stderr
    chapter = (book / "docs" / "chapter-01.md").read_text(encoding="utf-8")
    assert chapter.startswith("# 歴史\n\n本文である。\n\n## 評価\n")
    # The first run's chapter-02.md is no page of the book now: kept, and reported.
    stale = book / "docs" / "chapter-02.md"
    assert stale.is_file() and again.returncode == 1
    assert f"{stale}: not a page of this book" in again.stderr


# -- a real copy with its table of contents: English Wikipedia "Ruby (programming language)",
# copied from the rendered page in 2012 (tests/bookgen_data/en-ruby-2012-copy.txt) -----------

RUBY = DATA / "en-ruby-2012-copy.txt"
RUBY_OUTLINE = [
    ("History", 1),
    ("Choice of the name 'Ruby'", 2),
    ("First publication", 2),
    ("Ruby 1.0", 2),
    ("Ruby on Rails", 2),
    ("Ruby 1.8", 2),
    ("Ruby 1.9", 2),
    ("Ruby 2.0", 2),
    ("Philosophy", 1),
    ("Features", 1),
]


def test_a_copy_with_its_table_of_contents_has_its_exact_outline():
    lines = RUBY.read_text(encoding="utf-8").splitlines()
    sections, guessed = read_body(lines, 0, len(lines))
    assert [(s.heading, s.level) for s in sections[1:]] == RUBY_OUTLINE
    assert guessed == []
    # The Features list's short items are paragraphs: only the contents' entries are headings.
    features = sections[-1].paragraphs
    assert len(features) == 24 and features[1].text == "Dynamic typing and duck typing"
    assert not any(
        p.text.startswith(("1 History", "8.4.1")) for s in sections for p in s.paragraphs
    )


def test_the_same_copy_without_its_contents_is_guesswork():
    """What the table of contents buys, measured (README): without it, 11 short list items
    read as headings, and 3 of the 10 real headings get their level."""
    lines = RUBY.read_text(encoding="utf-8").splitlines()
    start, end = lines.index("Contents"), lines.index("14 External links")
    bare = lines[:start] + lines[end + 1 :]
    sections, _ = read_body(bare, 0, len(bare))
    found = {s.heading: s.level for s in sections[1:]}
    real = dict(RUBY_OUTLINE)
    assert len(found) - len(real) == 11 and set(real) <= set(found)
    assert sum(found[heading] == level for heading, level in real.items()) == 3
