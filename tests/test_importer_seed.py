"""The real source: its 48 references import cleanly, and refs.bib is that import plus
curation comments only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, parse_file, parse_string

from refcheck.importer.bibtex import unescape_value
from seed import Seed

JA_DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
SUPPRESSION = re.compile(r"^% refcheck: ignore\[(?P<rule>[a-z-]+)\] (?P<reason>.+)$")
# The curation refs.bib adds to the raw import: entry key -> suppressed rule.
EXPECTED_SUPPRESSIONS = {
    "nikkei-2025-04-26": "source-flag",  # ref 6
    "afp-2025-02-01": "access-before-publication",  # ref 28
    "nhk-2024-11-29": "access-before-publication",  # ref 31
    "nhk-2025-01-22": "access-before-publication",  # ref 38
    "forbes-japan-2024-08-01": "source-flag",  # ref 43
    "forbes-japan-2024-12-06": "source-flag",  # ref 44
    "forbes-japan-2024-12-21b": "near-duplicate",  # ref 48, page 2 of ref 47
}


@pytest.fixture(scope="module")
def fresh_import(imported_bib: Path) -> tuple[str, BibliographyData]:
    text = imported_bib.read_text(encoding="utf-8")
    return text, parse_string(text, "bibtex")


@pytest.fixture(scope="module")
def refs_bib(repo_root: Path) -> tuple[str, BibliographyData]:
    path = repo_root / "refs.bib"
    return path.read_text(encoding="utf-8"), parse_file(str(path))


def _data(bib: BibliographyData) -> list[tuple[str, dict[str, str], list[str]]]:
    return [
        (
            key,
            {name.lower(): value for name, value in entry.fields.items()},
            [str(person) for person in entry.persons.get("author", [])],
        )
        for key, entry in bib.entries.items()
    ]


def test_seed_imports_48_entries_with_flags_on_6_43_44(
    fresh_import: tuple[str, BibliographyData], capsys: pytest.CaptureFixture[str]
) -> None:
    entries = list(fresh_import[1].entries.values())
    assert len(entries) == 48
    flagged = [n for n, entry in enumerate(entries, 1) if "sourceflag" in entry.fields]
    assert flagged == [6, 43, 44]
    assert entries[5].fields["sourceflag"] == (
        "{{cite news}}: |work=、|newspaper= 引数が重複しています。 (説明)⚠"
    )
    assert entries[42].fields["sourceflag"] == "{{cite news}}: |date= の日付が不正です。 (説明)⚠"


def test_dates_are_kept_as_the_source_states_them(
    fresh_import: tuple[str, BibliographyData], seed: Seed
) -> None:
    """Every entry's dates are the ones its source line states (publication first, 閲覧 last),
    errors included; the access dates before publication are exactly the curated ones."""
    entries = list(fresh_import[1].entries.items())
    early = []
    for reference, (key, entry) in zip(seed.references, entries, strict=True):
        days = [f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in JA_DAY.findall(reference.text)]
        assert len(days) == 2 and reference.text.endswith("閲覧。"), reference.text
        published, accessed = days
        assert (entry.fields["date"], entry.fields["urldate"]) == (published, accessed), key
        if accessed < published:
            early.append(key)
    assert early, "the source has access dates before publication: the reading went wrong"
    curated = [k for k, r in EXPECTED_SUPPRESSIONS.items() if r == "access-before-publication"]
    assert early == curated


def test_refs_bib_holds_exactly_the_fresh_import(
    fresh_import: tuple[str, BibliographyData], refs_bib: tuple[str, BibliographyData]
) -> None:
    assert _data(refs_bib[1]) == _data(fresh_import[1])

    # Byte for byte too: drop comment lines from both and the rest is identical.
    def entries_only(text: str) -> str:
        return "\n".join(line for line in text.splitlines() if not line.startswith("%"))

    assert entries_only(refs_bib[0]) == entries_only(fresh_import[0])


def test_refs_bib_curation_is_the_documented_suppressions(
    refs_bib: tuple[str, BibliographyData],
) -> None:
    lines = refs_bib[0].splitlines()
    found = {}
    for number, line in enumerate(lines):
        if line.startswith("% refcheck:"):
            match = SUPPRESSION.match(line)
            assert match, line
            key = re.fullmatch(r"@article\{(.+),", lines[number + 1])
            assert key, f"suppression on line {number + 1} is not directly above an entry"
            # Words in English, characters in Japanese (written without spaces).
            reason = match["reason"]
            assert len(reason.split()) >= 8 or len(reason) >= 30, "a reason a reader understands"
            found[key[1]] = match["rule"]
    assert found == EXPECTED_SUPPRESSIONS


def test_refs_bib_header_names_source_revision_licence_and_command(
    refs_bib: tuple[str, BibliographyData],
) -> None:
    header = refs_bib[0].split("\n\n", 1)[0]
    assert "「北朝鮮のロシア派兵」" in header
    assert "revision 2025/04/26 14:11 UTC" in header
    assert "CC BY-SA 4.0" in header
    assert (
        "refcheck import ../shared/seed/north-korea-troops-in-russia.ja.txt -o refs.bib" in header
    )


def test_special_characters_read_back_as_the_source(
    refs_bib: tuple[str, BibliographyData], seed_path: Path
) -> None:
    entry = refs_bib[1].entries["nhk-2024-10-19"]
    title = unescape_value(entry.fields["title"])
    assert title == "【Q&A】北朝鮮がウクライナ侵攻に派兵か ロシア接近の思惑は"
    assert f"「{title}」" in seed_path.read_text(encoding="utf-8")
