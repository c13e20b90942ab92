"""The import benchmark's checked sample (benchmarks/import-judgements.toml): every judged
value is stated by its article, and every judged entry is imported exactly as judged,
except the known misreadings the judgements list as open."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from refcheck.importer import import_references
from refcheck.importer.bibtex import entry_fields
from shared import SEED_FILE

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import import_judgements  # noqa: E402  (the benchmark's module, not a package)

ARTICLES = Path(__file__).parent / "importer_data" / "articles"
JUDGED = import_judgements.by_article(import_judgements.load())


def _path(article: str) -> Path:
    return SEED_FILE if article == SEED_FILE.name else ARTICLES / article


@pytest.mark.parametrize("article", sorted(JUDGED))
def test_the_checked_sample_is_stated_and_imported_as_judged(article: str) -> None:
    path = _path(article)
    if not path.exists():
        pytest.skip(f"{path} not found")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    imported = {
        (f"{r.group} {r.number}" if r.group else str(r.number)): r
        for r in import_references(text, article).references
    }
    for judgement in JUDGED[article]:
        assert import_judgements.unstated(judgement, lines) == [], judgement.reference
        reference = imported[judgement.reference]
        fields = entry_fields(reference)
        fields.pop("wpformat", None)
        found = import_judgements.differences(judgement, reference.entrytype, fields)
        if judgement.open:
            assert found, f"[{judgement.reference}] is read right now: drop its 'open'"
        else:
            assert found == [], judgement.reference


def test_a_wrong_field_is_a_difference_and_an_invented_value_is_unstated() -> None:
    judgement = import_judgements.Judgement(
        "x.txt", "1", 1, "online", {"title": "T", "publisher": "Rediff", "urldate": "2023-02-19"}
    )
    line = ['"T". Rediff. Retrieved 19 February 2023.']
    assert import_judgements.unstated(judgement, line) == []
    moved = {"title": "T", "journaltitle": "Rediff", "urldate": "2023-02-19"}
    assert import_judgements.differences(judgement, "online", moved) == [
        "journaltitle: 'Rediff', judged None",
        "publisher: None, judged 'Rediff'",
    ]
    invented = import_judgements.Judgement("x.txt", "1", 1, "online", {"date": "2023-02-20"})
    assert import_judgements.unstated(invented, line) == ["date = '2023-02-20' is not in line 1"]
