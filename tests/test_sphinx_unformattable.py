"""unformattable-entry-type against the real thing: Sphinx with sphinxcontrib-bibtex and
pybtex's default style.  The rule predicts the crash; these builds confirm it, and
confirm that every type it calls formattable does build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from refcheck.datamodel.pybtex_styles import can_format, formattable_types

ROOT = Path(__file__).parent / "roots" / "test-unformattable"


def sphinx_build(srcdir: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build`` in its own process: the crash is a traceback and an exit status."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_report_crash_is_reported_before_the_build_stops(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    assert not can_format("alpha", "report")  # what the rule predicts
    run = sphinx_build(srcdir, tmp_path / "out")
    assert run.returncode != 0
    crash = run.stderr.find("'Style' object has no attribute 'format_report'")
    warning = run.stderr.find("[refcheck.unformattable-entry-type]")
    assert crash >= 0, run.stderr  # the crash the issue describes, from pybtex itself
    assert 0 <= warning < crash, run.stderr  # refcheck said so first, naming the entry
    assert "refs.bib:1: WARNING: M004 pybtex style 'alpha' cannot format @report 'annual'" in (
        run.stderr
    )


def test_every_type_the_rule_calls_formattable_builds(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    types = sorted(formattable_types("alpha"))
    assert {"article", "book", "techreport", "online"} <= set(types)
    entries = [
        f"@{kind}{{{kind}key, author = {{Doe, Jane}}, editor = {{Roe, Rick}}, title = {{T}},"
        f" journal = {{J}}, booktitle = {{B}}, publisher = {{P}}, school = {{S}},"
        f" institution = {{I}}, organization = {{O}}, chapter = {{1}}, pages = {{1--2}},"
        f" number = {{1}}, url = {{https://example.org}}, year = {{2024}}}}"
        for kind in types
    ]
    (srcdir / "refs.bib").write_text("\n".join(entries) + "\n", encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Types\n=====\n\n.. bibliography::\n   :all:\n", encoding="utf-8"
    )
    run = sphinx_build(srcdir, tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "unformattable-entry-type" not in run.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert html.count('role="doc-biblioentry"') == len(types)  # every entry was formatted
