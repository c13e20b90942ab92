"""Real articles (importer_data/articles, CC BY-SA 4.0): every reference kept, and an
independent check that every URL, ISBN and date of a reference's text is in its entry."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from pybtex.database import parse_string

from refcheck.importer import import_references, verify_bibliography
from refcheck.importer.segment import segment

ARTICLES = Path(__file__).parent / "importer_data" / "articles"

# The checker's own readers of what a reference states (not the importer's).
URL = re.compile(r"https?://[^\s\]|}<>\"()]+")
DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/")
ISBN = re.compile(r"ISBN[ =]*([0-9][0-9\-]{8,16}[0-9Xx])", re.IGNORECASE)
JA_DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
MONTHS = "January February March April May June July August September October November December"
EN_DAY = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS.split())}) (\d{{4}})\b")
ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def stated_days(text: str) -> set[str]:
    days = {f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in JA_DAY.findall(text)}
    months = MONTHS.split()
    days |= {f"{y}-{months.index(m) + 1:02d}-{int(d):02d}" for d, m, y in EN_DAY.findall(text)}
    days |= {"-".join(parts) for parts in ISO_DAY.findall(text)}
    return days


# (file, references found, kept whole) as measured; the measurement is in the README.
CASES = [
    ("en-diffie-hellman.txt", 13, 0),
    ("en-saravana-stores.txt", 11, 0),
    ("en-castel-menardo.txt", 1, 0),
    ("en-karl-aigen.wikitext", 2, 0),
    ("en-germany.wikitext", 14, 0),
    ("ja-teens-network.wikitext", 2, 0),
    ("ja-tsuda-masami.wikitext", 3, 0),
    ("ja-model-context-protocol.md", 14, 0),
    ("en-http.md", 46, 0),
    ("ja-python.txt", 52, 0),
    ("ja-takenokozoku.txt", 6, 0),
    ("en-bleve.txt", 6, 0),
    ("en-principle-of-explosion.txt", 5, 0),
]


def _bib_text(value: str) -> str:
    """A BibTeX value as text: the escapes a writer uses for LaTeX's specials undone."""
    for escaped, char in (("\\&", "&"), ("\\%", "%"), ("\\#", "#"), ("\\_", "_")):
        value = value.replace(escaped, char)
    return value.replace("\\textasciitilde{}", "~").replace("\\textbackslash{}", "\\")


def _flat(text: str) -> str:
    """Text without markup and spacing, to find a field's value in its source."""
    text = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", text)  # [[page|shown]]
    text = re.sub(r"\]\((?:[^()]|\([^()]*\))*\)", "", text).replace("[", "")  # Markdown links
    text = text.replace("&#124;", "|").replace("&nbsp;", " ").replace("*", "")
    return "".join(text.split())


def _texts(path: Path, text: str) -> list[str]:
    """Each reference's source text, read here without the importer's parser."""
    if path.suffix == ".wikitext":
        bodies = re.findall(r"<ref(?: [^>/]*)?>(.*?)</ref>|\{\{efn\|(.*?)\}\}", text, re.S)
        return [a or b for a, b in bodies]
    return [reference.text for reference in segment(text).references]


@pytest.mark.parametrize(("name", "found", "kept_whole"), CASES, ids=[c[0] for c in CASES])
def test_every_reference_is_an_entry_with_every_stated_datum(
    name: str, found: int, kept_whole: int
) -> None:
    path = ARTICLES / name
    text = path.read_text(encoding="utf-8")
    result = import_references(text, name)
    assert result.errors == []
    assert (result.found, len(result.references), result.kept_whole) == (found, found, kept_whole)
    verify_bibliography(result.bib_text, result.keys, result.references)  # what the CLI does
    entries = parse_string(result.bib_text, "bibtex").entries
    assert len(entries) == found
    every_value = _bib_text(
        " ".join(value for entry in entries.values() for value in entry.fields.values())
    )
    # Entries are in source order, as the references are.
    for source, entry in zip(_texts(path, text), entries.values(), strict=True):
        if " ".join(source.split()) in every_value:
            continue  # kept whole (a raw entry's note): every datum is there as written
        # No field invents text: titles and names are the source's own words.
        flat = _flat(source)
        for name in ("title", "journaltitle", "booktitle", "publisher", "location"):
            value = _bib_text(entry.fields.get(name, ""))
            assert _flat(value) in flat, (name, value, source)
        # A link is a whole value (url, archiveurl, doi) or a whole word of a note: never
        # only found inside another link (an archive's address holds the original's).
        links = {_bib_text(entry.fields.get(name, "")) for name in ("url", "archiveurl", "doi")}
        links |= set(_bib_text(entry.fields.get("note", "")).split())
        for url in URL.findall(source):
            if DOI_URL.match(url):  # a DOI's link: the doi field holds the DOI
                url = unquote(DOI_URL.sub("", url))
            assert url.rstrip(".,") in links or url.rstrip(".,") in every_value.split(), url
        for isbn in ISBN.findall(source):
            assert isbn in every_value, isbn
        for day in stated_days(source):
            assert day in every_value, (day, source)


def test_the_seed_reads_whole_and_the_cut_seed_is_reported(seed_path: Path) -> None:
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    whole = import_references("\n".join(lines), seed_path.name)
    assert (whole.found, whole.kept_whole, whole.notices) == (48, 0, [])
    # Cut at a line boundary after reference 35: the body's [36]…[48] have no reference.
    starts = [i for i, line in enumerate(lines) if line.startswith("- ^ ") or "⚠ - ^ " in line]
    cut = import_references("\n".join(lines[: starts[35]]), seed_path.name)
    assert cut.found == 35
    assert any(
        "has only 35 references" in notice.message and "export looks cut" in notice.message
        for notice in cut.notices
    )
