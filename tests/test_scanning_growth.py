"""The document scanners grow linearly on hostile input (issue 15).

Each pattern is checked (scan, every rule: citations and claims) at two sizes eight
times apart.  Linear work takes about 8x the time, quadratic 64x; the bound of 24x
leaves room for a noisy machine without letting a quadratic scanner through.  No
absolute time is asserted: the wall-clock figures at 100 KB are in
``benchmarks/hostile_documents.py``.
"""

from __future__ import annotations

import time

import pytest

from hostile_documents import BIB, PATTERNS
from refcheck.bib import parse_text
from refcheck.config import Config
from refcheck.engine import check_project
from refcheck.rules import Project
from refcheck.rules.registry import Document
from refcheck.sources import scan_text

SMALL, FACTOR = 6_000, 8
LIMIT = 24.0


def _check_once(suffix: str, text: str) -> float:
    started = time.process_time()
    path = "hostile" + suffix
    scan = scan_text(path, text)
    project = Project(
        bibfiles=[parse_text(BIB, "refs.bib")],
        documents=[Document(path, text)],
        citations=scan.citations,
    )
    check_project(project, Config())
    return time.process_time() - started


def _best_of(runs: int, suffix: str, text: str) -> float:
    return min(_check_once(suffix, text) for _ in range(runs))


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_scanning_grows_linearly(name: str) -> None:
    small = PATTERNS[name](SMALL)
    large = PATTERNS[name](SMALL * FACTOR)
    _check_once(*small)  # warm up imports and caches
    ratio = _best_of(3, *large) / max(_best_of(3, *small), 1e-4)
    assert ratio < LIMIT, f"{name}: {FACTOR}x the input took {ratio:.1f}x the time"


def test_hostile_citation_is_still_found() -> None:
    """The linear scanners still find the one citation behind 50 KB of ``:.``."""
    for name in ("md-colon-dots-cite", "rst-colon-dots-cite"):
        suffix, text = PATTERNS[name](50_000)
        keys = [c.key for c in scan_text("x" + suffix, text).citations]
        assert keys == ["k"], name
