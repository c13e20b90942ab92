"""refcheck's parse errors against pybtex's on the other parsers' test bibliographies.

Every parse-error refcheck reports must be on a line where pybtex reports an error too
(pybtex's errors captured, not raised, so each file gives all of them), on a file pybtex
cannot decode, or be one of the defects ``refcheck rule parse-error`` documents as
reported although pybtex reads them.  benchmarks/syntax_vs_pybtex.py prints the table.
"""

from __future__ import annotations

from pathlib import Path

import pybtex.errors
import pytest
from pybtex.database import parse_file as pybtex_parse_file
from pybtex.exceptions import PybtexError

from refcheck.bib import parse_file
from shared import CORPUS_DIR

SYNTAX = CORPUS_DIR / "syntax"
pytestmark = pytest.mark.skipif(not SYNTAX.is_dir(), reason="shared corpus not present")

# The defects refcheck reports on input pybtex reads silently (see the rule's documentation).
DOCUMENTED = ("this looks like an entry without its '@'", "is defined again with a different")


def _pybtex_error_lines(path: Path) -> tuple[set[int], bool]:
    """The lines of pybtex's errors, and whether pybtex could decode the file at all."""
    decoded = True
    with pybtex.errors.capture() as captured:
        try:
            pybtex_parse_file(str(path), "bibtex")
        except UnicodeDecodeError:
            decoded = False
        except PybtexError as error:  # pybtex wraps a decoding failure
            decoded = "codec" not in str(error)
    return {line for e in captured if (line := getattr(e, "lineno", None))}, decoded


def _files() -> list[Path]:
    return sorted(SYNTAX.rglob("*.bib")) if SYNTAX.is_dir() else []


def test_every_parse_error_is_one_pybtex_reports_or_a_documented_defect() -> None:
    unexplained = []
    for path in _files():
        problems = parse_file(path).problems
        if not problems:
            continue
        lines, decoded = _pybtex_error_lines(path)
        for problem in problems:
            if not decoded or problem.line in lines:
                continue
            if any(kind in problem.message for kind in DOCUMENTED):
                continue
            unexplained.append(f"{path.relative_to(SYNTAX)}:{problem.line}: {problem.message}")
    assert unexplained == []


def test_the_comparison_sees_pybtex_errors() -> None:
    """The pybtex side really reports: an undefined macro is an error at its line."""
    path = SYNTAX / "bibtex-tidy-php-bibtex-parser" / "basic.bib"
    lines, decoded = _pybtex_error_lines(path)
    assert decoded and lines == {p.line for p in parse_file(path).problems}
