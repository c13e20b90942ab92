"""Duplicate pairs over the shared corpora, judged by reading both entries
(``tests/duplicates_judged.jsonl``: each pair, true or false, and why).  A pair judged the
same work must be reported by duplicate-entry or near-duplicate, a false pair must not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.bib import parse_file
from rule_runner import run_rule
from shared import CORPUS_DIR

JUDGED = [
    json.loads(line)
    for line in Path(__file__).with_name("duplicates_judged.jsonl").read_text("utf-8").splitlines()
]


@pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason="the shared corpora are not beside the repo")
def test_judged_pairs_are_reported_exactly_when_they_are_one_work() -> None:
    files = sorted({pair["path"] for pair in JUDGED})
    bibs = [parse_file(CORPUS_DIR / name) for name in files]
    found = set()
    for rule in ("duplicate-entry", "near-duplicate"):
        for bib in bibs:
            for report in run_rule(rule, bib):
                found.add((report.key, report.message.split("'")[1]))
    wrong = [
        f"{pair['later']} / {pair['earlier']}: judged {pair['same']} ({pair['why']})"
        for pair in JUDGED
        if ((pair["later"], pair["earlier"]) in found) != pair["same"]
    ]
    assert wrong == []
