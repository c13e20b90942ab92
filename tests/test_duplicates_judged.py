"""Duplicate pairs over the shared corpora, judged by reading both entries.

``tests/duplicates_judged.jsonl`` holds each pair with the judgement and why (and the
one pair of this book's own ``refs.bib``):
``duplicate`` (one work twice), ``preprint`` (a preprint and its publication),
``wrong-doi`` (one DOI on two works: one of them is wrong) or ``different``.  It has
every unique pair refcheck reported within one file of ``corpus/large`` and
``corpus/syntax`` (copies of a file left out), the pairs it reported before this
sample was made and no longer does, and 30 pairs of equal titles it does not report,
drawn at random.  Precision is over the pairs refcheck reports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.bib import parse_file
from rule_runner import run_rule
from shared import CORPUS_DIR, REPO_ROOT

JUDGED = [
    json.loads(line)
    for line in Path(__file__).with_name("duplicates_judged.jsonl").read_text("utf-8").splitlines()
]
# What each judgement expects refcheck to say about the pair.
_RULE_OF = {
    "duplicate": {"duplicate-entry", "near-duplicate"},
    "preprint": {"preprint-and-published"},
    "wrong-doi": {"duplicate-entry"},
    "different": set(),
}


def _where(name: str) -> Path:
    """A judged file: in the shared corpora, or ``repo:`` for this repository's own."""
    if name.startswith("repo:"):
        return REPO_ROOT / name.removeprefix("repo:")
    return CORPUS_DIR / name


def reported_pairs() -> dict[frozenset[str], tuple[str, str]]:
    """(the two keys) -> (rule, message), for every pair the rules report per file."""
    found: dict[frozenset[str], tuple[str, str]] = {}
    for name in sorted({pair["path"] for pair in JUDGED}):
        bib = parse_file(_where(name))
        for rule in ("duplicate-entry", "near-duplicate", "preprint-and-published"):
            for report in run_rule(rule, bib):
                quoted = report.message.split("'")
                other = quoted[3] if rule == "preprint-and-published" else quoted[1]
                found[frozenset((report.key or "", other))] = (rule, report.message)
    return found


def test_the_sample_is_large_enough() -> None:
    assert len(JUDGED) >= 60
    assert len({frozenset((p["later"], p["earlier"])) for p in JUDGED}) == len(JUDGED)


@pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason="the shared corpora are not beside the repo")
def test_precision_and_recall_on_the_judged_sample() -> None:
    found = reported_pairs()
    reported = true_reported = missed = 0
    wrong = []
    for pair in JUDGED:
        said = found.get(frozenset((pair["later"], pair["earlier"])))
        expected = _RULE_OF[pair["judged"]]
        if said is not None:
            reported += 1
            right = said[0] in expected
            if pair["judged"] == "wrong-doi":
                right = right and "one of the two DOIs is probably wrong" in said[1]
            true_reported += right
        elif expected:
            missed += 1
        if (said is not None and said[0] not in expected) or (said is None and expected):
            wrong.append(
                f"{pair['later']} / {pair['earlier']}: judged {pair['judged']}, got {said}"
            )
    precision = true_reported / reported
    recall = true_reported / (true_reported + missed)
    assert precision >= 0.95, wrong
    assert recall >= 0.95, wrong
