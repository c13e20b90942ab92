"""Fixes as data: ``tests/cases/<rule>/fix/<case>.bib`` fixed must be exactly
``<case>.fixed`` (cases named ``unsafe-*`` with ``--unsafe-fixes``), and fixing that
again must change nothing.  A meta-test fails when a rule with a fix has no fix case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from refcheck.config import Config
from refcheck.engine import collect_inputs
from refcheck.fixes.registry import fix_kinds
from refcheck.fixes.runner import fix_project
from refcheck.rules import all_rules

CASES_DIR = Path(__file__).parent / "cases"
FIX_CASES = sorted(CASES_DIR.glob("*/fix/*.bib"))


def _fix(path: Path, unsafe: bool) -> bytes:
    outcome = fix_project(collect_inputs([path]), Config(), unsafe=unsafe)
    return outcome.changes[0][1] if outcome.changes else path.read_bytes()


@pytest.mark.parametrize(
    "case", FIX_CASES, ids=[f"{c.parent.parent.name}/{c.stem}" for c in FIX_CASES]
)
def test_fix_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / case.name
    shutil.copyfile(case, copy)
    unsafe = case.stem.startswith("unsafe-")
    expected = case.with_suffix(".fixed").read_bytes()
    assert expected != case.read_bytes(), f"{case}: nothing to fix, so it tests nothing"
    fixed = _fix(copy, unsafe)
    assert fixed.decode("utf-8") == expected.decode("utf-8")
    if unsafe:
        # (The case may hold safe fixes too; the unsafe ones must wait for --unsafe-fixes.)
        assert _fix(copy, unsafe=False) != expected, "an unsafe fix ran without asking"
    copy.write_bytes(fixed)
    assert _fix(copy, unsafe) == fixed  # fixing again changes nothing


@pytest.mark.parametrize("rule", [r for r in all_rules() if fix_kinds(r)], ids=lambda r: r.name)
def test_every_fixable_rule_has_a_fix_case(rule) -> None:  # type: ignore[no-untyped-def]
    assert any(c.parent.parent.name == rule.name for c in FIX_CASES), (
        f"rule {rule.name} has a fix but no case in tests/cases/{rule.name}/fix/"
    )
