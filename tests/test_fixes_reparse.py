"""Re-reading only the fixed entries gives exactly what parsing the whole fixed file gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from refcheck.bib import parse_bytes
from refcheck.config import Config
from refcheck.engine import build_project, check_project, collect_inputs
from refcheck.fixes import reparse
from refcheck.fixes.registry import FixContext
from refcheck.fixes.runner import apply_fixes, edits_by_path, read_sources, select_fixes
from refcheck.rules import all_rules
from shared import CORPUS_DIR, plant_fixes
from test_fixes_properties import bib_files

_DATE = "  date = {2024年10月30日},\n"


def _planted(text: str) -> str:
    """Every tenth entry's first field repeated, every 25th given a date to fix."""
    return plant_fixes(text, 10, 25, _DATE)


def _one_pass(path: Path) -> tuple[object, object]:
    """The quick re-read and the full parse of ``path`` after one pass of fixes."""
    inputs = collect_inputs([path])
    sources = read_sources(inputs)
    project = build_project(inputs.bib, [])
    # The planted fixes only: a file's own fixable findings (the Beebe files' thousands of
    # DOIs written as links) would change most entries, which is read as a whole.
    planted = [r for r in all_rules() if r.name in ("duplicate-field", "date-invalid")]
    result = check_project(project, Config(), rules=planted)
    edits = edits_by_path(select_fixes(result, FixContext(project, sources), unsafe=False))
    label = project.bibfiles[0].path
    if label not in edits:
        pytest.skip("nothing to fix")
    after = apply_fixes(edits, sources)[label]
    quick = reparse.reparsed(project.bibfiles[0], sources[label], after, edits[label])
    return quick, parse_bytes(after.data, label)


# Files the quick path reads (macros, CRLF made from them) and files it hands to the full
# parse (a parse error, an @comment), as measured when this test was written.
_CASES = [
    ("beebe_progr-oceanogr", "\n", True),
    ("bbt_unabbreviate_1436-3", "\n", True),
    ("pybtex_examples_tugboat", "\r\n", True),
    ("biblatex-gost-examples", "\r\n", True),
    ("beebe_ecolmodell2010", "\n", False),
    ("bbt_jabref_groups_97", "\n", False),
]
_FILES = [
    (CORPUS_DIR / "large" / f"{stem}.bib", newline, quick)
    for stem, newline, quick in _CASES
    if (CORPUS_DIR / "large" / f"{stem}.bib").is_file()
]


@pytest.mark.parametrize(
    ("original", "newline", "quick"), _FILES, ids=[f"{p.stem}-{n!r}" for p, n, _ in _FILES]
)
def test_quick_reparse_equals_a_full_parse_on_real_files(
    original: Path, newline: str, quick: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _planted(original.read_text(encoding="utf-8", errors="replace"))
    path = tmp_path / original.name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    full_parses: list[object] = []
    monkeypatch.setattr(reparse, "parse_bytes", lambda *a: full_parses.append(a) or parse_bytes(*a))
    reread, full = _one_pass(path)
    assert reread == full
    assert (not full_parses) is quick  # which way it went


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bib_files())
def test_quick_reparse_equals_a_full_parse_on_generated_files(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "refs.bib"
        path.write_bytes(data)
        try:
            quick, full = _one_pass(path)
        except pytest.skip.Exception:
            return
    assert quick == full


def test_the_quick_path_is_taken_on_a_clean_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not always falling back: on a file without problems no full parse happens."""
    path = tmp_path / "refs.bib"
    entries = "".join(
        f"@string{{j{i} = {{Journal {i}}}}}\n@article{{k{i},\n  title = {{T{i}}},\n"
        + ("  title = {T0},\n  date = {2024年10月30日},\n" if i == 0 else "  date = {2024},\n")
        + f"  journaltitle = j{i},\n}}\n\n"
        for i in range(8)
    )
    path.write_text(entries, encoding="utf-8")
    full_parses = []
    monkeypatch.setattr(reparse, "parse_bytes", lambda *a: full_parses.append(a) or parse_bytes(*a))
    quick, full = _one_pass(path)
    assert quick == full and not full_parses


@pytest.mark.parametrize("stem", ["beebe_progr-oceanogr", "beebe_ecolmodell2010"])
def test_values_rewritten_in_place_are_patched_on_the_largest_files(
    stem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The DOIs of the two Beebe files written as resolver links (3,530 and 3,367), made
    bare: nine entries in ten change, each by a new value inside its braces, and the
    patched entries equal a full parse of the fixed text (which is not made).  The
    second file has an @comment and a parse problem, which only entry re-reads mind."""
    original = CORPUS_DIR / "large" / f"{stem}.bib"
    if not original.is_file():
        pytest.skip("no shared corpus")
    path = tmp_path / original.name
    path.write_bytes(original.read_bytes())
    inputs = collect_inputs([path])
    sources = read_sources(inputs)
    project = build_project(inputs.bib, [])
    doi = [r for r in all_rules() if r.name == "doi-invalid"]
    result = check_project(project, Config(), rules=doi)
    edits = edits_by_path(select_fixes(result, FixContext(project, sources), unsafe=False))
    label = project.bibfiles[0].path
    assert len(edits[label]) > len(project.bibfiles[0].entries) * 0.9
    after = apply_fixes(edits, sources)[label]
    full_parses: list[object] = []
    monkeypatch.setattr(reparse, "parse_bytes", lambda *a: full_parses.append(a) or parse_bytes(*a))
    patched = reparse.reparsed(project.bibfiles[0], sources[label], after, edits[label])
    assert not full_parses
    assert patched == parse_bytes(after.data, label)
