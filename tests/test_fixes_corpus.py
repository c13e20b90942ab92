"""--fix over every real .bib file of the shared corpus.

A file with nothing to fix must come back byte for byte.  A file with fixes must read
as before but for them: the same entries, no new finding, no new parse problem, and a
second run with nothing to do.  With ``--unsafe-fixes`` the corpus's real duplicate
pairs are merged, which exercises the merge on layouts nobody here wrote.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from refcheck.bib import parse_bytes
from refcheck.cli import run
from refcheck.config import Config
from refcheck.engine import collect_inputs
from refcheck.fixes.runner import fix_project
from shared import CORPUS_DIR

CORPUS = sorted(CORPUS_DIR.rglob("*.bib")) if CORPUS_DIR.is_dir() else []
# The corpus holds some files twice (in large/ and syntax/): the slow unsafe test reads each once.
DISTINCT = list({p.read_bytes(): p for p in reversed(CORPUS)}.values())[::-1]
pytestmark = pytest.mark.skipif(not CORPUS, reason=f"no shared corpus at {CORPUS_DIR}")


def _copy(path: Path, folder: Path) -> Path:
    copy = folder / path.name
    shutil.copyfile(path, copy)
    return copy


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(CORPUS_DIR)) for p in paths]


@pytest.mark.parametrize("original", CORPUS, ids=_ids(CORPUS))
def test_fix_keeps_every_byte_it_does_not_fix(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    copy = _copy(original, tmp_path)
    exit_code = run(["check", "--fix", "--quiet", copy.name])
    assert exit_code in (0, 1)
    if copy.read_bytes() != original.read_bytes():  # something was fixable: only that changed
        _assert_only_fixed(original, copy, unsafe=False)


@pytest.mark.parametrize("original", DISTINCT, ids=_ids(DISTINCT))
def test_unsafe_fixes_are_idempotent_and_lose_nothing(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    copy = _copy(original, tmp_path)
    outcome = fix_project(collect_inputs([copy]), Config(), unsafe=True)
    if not outcome.fixed:
        assert outcome.changes == []
        return
    ((_, fixed_bytes),) = outcome.changes
    copy.write_bytes(fixed_bytes)
    _assert_only_fixed(original, copy, unsafe=True)


def _assert_only_fixed(original: Path, fixed: Path, unsafe: bool) -> None:
    before = parse_bytes(original.read_bytes(), "x.bib")
    after = parse_bytes(fixed.read_bytes(), "x.bib")
    # No new parse problem (fixes only remove or rewrite whole values and fields).
    # (A merge may drop uses of an undefined macro or an unknown type: counts aside.)
    assert {_uncounted(p.message) for p in after.problems} <= {
        _uncounted(p.message) for p in before.problems
    }
    keys_before = Counter(e.key for e in before.entries)
    keys_after = Counter(e.key for e in after.entries)
    assert keys_after <= keys_before  # merges and removed copies drop entries, never add one
    if not unsafe:  # only copies of a record are removed: every key is still there
        assert set(keys_after) == set(keys_before)
    # Every value that was there is still there, in the entry or (merged) in a comment.
    # (Values from macros are not written out as such: only those written out are looked for.)
    written_before = _folded(original.read_text(encoding=_encoding(before)))
    written_after = _folded(fixed.read_text(encoding=_encoding(before)))
    kept = {_folded(f.value) for e in after.entries for f in e.fields}
    # A value a rule rewrote (a DOI without its resolver, "PMC" added, an arXiv category
    # moved in front) holds the new one's characters, or is held by them.
    rewritten: dict[tuple[str, str], list[str]] = {}
    for entry in after.entries:
        for field in entry.fields:
            rewritten.setdefault((entry.key, field.name), []).append(_folded(field.value))
    for entry in before.entries:
        for field in entry.fields:
            value = _folded(field.value)
            if value in kept or value not in written_before:
                continue
            now = rewritten.get((entry.key, field.name), [])
            if any(new and _holds(value, new) for new in now):
                continue
            assert value in written_after, (entry.key, field)
    # Nothing left that the same run would fix: a second run does nothing.
    again = fix_project(collect_inputs([fixed]), Config(), unsafe=unsafe)
    assert again.fixed == []


def _holds(old: str, new: str) -> bool:
    """Whether one value's characters are all among the other's."""
    before, after = Counter(old), Counter(new)
    return after <= before or before <= after


def _uncounted(message: str) -> str:
    return re.sub(r" \((?:used .* times|.* this type)\)$", "", message)


def _encoding(bib) -> str:  # type: ignore[no-untyped-def]
    return "utf-8-sig" if bib.encoding in ("utf-8", "utf-8-sig") else bib.encoding


def _folded(text: str) -> str:
    """Without white space, case and punctuation: an unsafe fix may keep only the field
    under biblatex's name of two that differ in those."""
    return "".join(c for c in text.casefold() if c.isalnum())
