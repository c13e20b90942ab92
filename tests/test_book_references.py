"""3. refs.bib holds the source's 48 references: each entry, printed by the jawiki style, reads
exactly as the source's reference line, and the Wikipedia maintenance flags stay attached."""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.plugin
import pytest
from pybtex.database import BibliographyData, parse_file

from seed import Seed


@pytest.fixture(scope="module")
def bib(repo_root: Path) -> BibliographyData:
    # The same parser sphinxcontrib-bibtex reads refs.bib with.
    return parse_file(repo_root / "refs.bib", bib_format="bibtex")


def without_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_one_entry_per_reference(seed: Seed, bib: BibliographyData):
    assert len(seed.references) == 48
    assert len(bib.entries) == len(seed.references)


def test_each_entry_prints_as_the_source(seed: Seed, bib: BibliographyData):
    style = pybtex.plugin.find_plugin("pybtex.style.formatting", "jawiki")()
    formatted = list(style.format_entries(bib.entries.values()))
    mismatches = [
        f"[{reference.number}] {entry.key} (source line {reference.line})\n"
        f"  source: {reference.text}\n  book:   {entry.text.render_as('text')}"
        for reference, entry in zip(seed.references, formatted, strict=True)
        if entry.text.render_as("text") != reference.text
    ]
    assert not mismatches, "\n".join(mismatches)
    assert [entry.label for entry in formatted] == [str(r.number) for r in seed.references]


def test_flags_stay_with_their_entries(seed: Seed, bib: BibliographyData):
    entries = list(bib.entries.values())
    flagged = {r.number: r.flag for r in seed.references if r.flag}
    assert sorted(flagged) == [6, 43, 44]
    for reference, entry in zip(seed.references, entries, strict=True):
        flag = entry.fields.get("sourceflag")
        if reference.flag is None:
            assert flag is None, f"{entry.key} has a flag the source does not give it"
        else:
            assert flag is not None, f"{entry.key} lost the source's flag: {reference.flag}"
            # The importer joins the flag's lines; the words stay the same.
            assert without_space(flag) == without_space(reference.flag), entry.key
