"""Every file of the shared corpus is read without an exception, with the right counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refcheck.bib import parse_file
from shared import CORPUS_DIR

CORPUS = CORPUS_DIR

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file()) if CORPUS.is_dir() else []


def expected_counts() -> dict[str, int]:
    """The entry counts from the corpus README's table (| file | bytes | entries | ...)."""
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\S+\.bib) \| [\d,]+ \| ([\d,]+)", readme, re.MULTILINE)
    return {name: int(count.replace(",", "")) for name, count in rows}


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_corpus_file_is_read(path: Path) -> None:
    bib = parse_file(path)
    text_length = path.stat().st_size
    for problem in bib.problems:
        assert problem.path == str(path)
        assert problem.line >= 1 and problem.col >= 1
        assert problem.message
    for entry in bib.entries:
        assert 1 <= entry.line <= entry.end_line
        assert all(entry.line <= f.line <= entry.end_line for f in entry.fields)
    # Positions stay inside the file (lines are at most one per byte).
    assert all(e.end_line <= text_length + 1 for e in bib.entries)


def test_large_files_have_the_documented_entry_counts() -> None:
    counts = expected_counts()
    assert len(counts) == 8
    for name, count in counts.items():
        bib = parse_file(CORPUS / "large" / name)
        assert bib.readable
        assert len(bib.entries) == count, name


def test_large_files_report_few_problems() -> None:
    """Real, working bibliographies must not drown in false parse errors."""
    found = {}
    for path in sorted((CORPUS / "large").glob("*.bib")):
        found[path.name] = [p.message for p in parse_file(path).problems]
    # The one real defect the corpus README names: a macro defined twice.
    assert found["beebe_ecolmodell2010.bib"] == [
        "@string 'j-ECOL-MODELL' is defined again with a different value (first at line 124): "
        "remove one; BibTeX uses the later one from here on"
    ]
    # Mendeley's own entry types (@web_page, ...) are read: unknown-entry-type reports them.
    others = {k: v for k, v in found.items() if k != "beebe_ecolmodell2010.bib"}
    assert others == {k: [] for k in others}


def test_field_values_match_what_bibtex_reads() -> None:
    bib = parse_file(CORPUS / "large" / "beebe_progr-oceanogr.bib")
    by_key = {e.key: e for e in bib.entries}
    assert len(by_key) == len(bib.entries)
    # Macro-expanded journal names and the month macros are filled in.
    journals = {e.get("journal") for e in bib.entries if e.type == "article"}
    assert "Progress in Oceanography" in journals
    assert all(j and not j.startswith("j-") for j in journals)
