"""Fidelity of the book's text (docs/*.md) to the source article.

1. every body sentence of the source is in docs/, in order, after removing markup;
2. each paragraph's [n] markers are citations of the n-th entry of refs.bib, in order;
5. no scrape debris is left in docs/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BookBuild, is_appendix
from seed import Seed

CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
FENCE = re.compile(r"^(`{3,}|:{3,})")


@dataclass
class Block:
    kind: str  # "heading" or "paragraph"
    text: str  # the MyST source of the block
    where: str  # file:line, for messages


@pytest.fixture(scope="module")
def blocks(docs_dir: Path, book_html: BookBuild) -> list[Block]:
    """The book's headings and paragraphs in reading order; directive blocks left out."""
    result: list[Block] = []
    for docname in book_html.docnames:
        if not is_appendix(docname):
            result.extend(read_blocks(docs_dir / f"{docname}.md"))
    return result


def read_blocks(path: Path) -> list[Block]:
    blocks: list[Block] = []
    fence: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        opener = FENCE.match(stripped)
        if fence is not None:
            if stripped == fence:
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        where = f"{path.name}:{number}"
        heading = HEADING.match(stripped)
        if heading:
            blocks.append(Block("heading", heading.group(2), where))
        elif stripped:
            blocks.append(Block("paragraph", stripped, where))
    return blocks


def plain(text: str, keys: list[str]) -> str:
    """MyST text with each citation written as the source writes it: [n] for the n-th key."""

    def numbers(match: re.Match[str]) -> str:
        cited = [key.strip() for key in match.group(1).split(",")]
        return "".join(f"[{keys.index(key) + 1}]" if key in keys else f"[?{key}]" for key in cited)

    return CITE_ROLE.sub(numbers, text)


def cited_keys(text: str) -> list[str]:
    return [key.strip() for match in CITE_ROLE.finditer(text) for key in match.group(1).split(",")]


def test_every_body_sentence_in_order(seed: Seed, blocks: list[Block], bib_keys: list[str]):
    text = "\n".join(plain(block.text, bib_keys) for block in blocks if block.kind == "paragraph")
    position = 0
    for number, sentence in enumerate(seed.sentences, start=1):
        found = text.find(sentence, position)
        assert found >= 0, (
            f"sentence {number} of the source is missing or out of order in docs/: {sentence}"
        )
        position = found + len(sentence)
    assert len(seed.sentences) > 50  # the reader found the body, not an empty one


def test_paragraphs_as_in_the_source(seed: Seed, blocks: list[Block], bib_keys: list[str]):
    paragraphs = [plain(b.text, bib_keys) for b in blocks if b.kind == "paragraph"]
    body = [text for text in paragraphs if any(text == p.text for p in seed.paragraphs)]
    assert body == [p.text for p in seed.paragraphs]
    # Nothing is added to the article: the book's own words (the front-page note) stand in
    # a directive block, which read_blocks leaves out.
    extra = [text for text in paragraphs if text not in body]
    assert extra == []


def test_headings_follow_the_source(seed: Seed, blocks: list[Block]):
    headings = [block.text for block in blocks if block.kind == "heading"]
    source = [seed.title] + [s.heading for s in seed.sections if s.heading]
    # The notes headings collapse into one: "脚注" has nothing but "出典" under it.
    source.append(seed.notes_headings[-1])
    assert headings == source


def test_markers_cite_the_right_entries(seed: Seed, blocks: list[Block], bib_keys: list[str]):
    assert len(bib_keys) == len(seed.references)
    by_text = {plain(b.text, bib_keys): b for b in blocks if b.kind == "paragraph"}
    for paragraph in seed.paragraphs:
        block = by_text.get(paragraph.text)
        assert block is not None, f"source line {paragraph.line} has no paragraph in docs/"
        expected = [bib_keys[number - 1] for number in paragraph.markers]
        assert cited_keys(block.text) == expected, f"{block.where} (source line {paragraph.line})"


def test_every_reference_is_cited(seed: Seed, blocks: list[Block], bib_keys: list[str]):
    cited = [key for block in blocks for key in cited_keys(block.text)]
    first_citations = list(dict.fromkeys(cited))
    # Numbered in order of first citation, as the source numbers them: 1..48.
    assert first_citations == bib_keys


def test_no_scrape_debris(seed: Seed, docs_dir: Path):
    pages = {
        path: path.read_text(encoding="utf-8")
        for path in sorted(docs_dir.rglob("*.md"))
        if "_build" not in path.parts
    }
    assert pages
    assert seed.debris, "the reader found no debris in the source: it is misreading it"
    for line in seed.debris:
        for path, text in pages.items():
            if re.search(r"\w", line):
                assert line not in text, f"{path.name} still holds source debris: {line}"
            else:  # bare table syntax: no such line, and no table at all
                lines = {stripped.strip() for stripped in text.splitlines()}
                assert line not in lines, f"{path.name} still holds source debris: {line}"
                assert "|" not in text, f"{path.name} holds table syntax"
    for reference in seed.references:
        for path, text in pages.items():
            if reference.flag:
                assert reference.flag.splitlines()[-1] not in text, path.name
