"""What each bibliography shows, in a real Sphinx build with sphinxcontrib-bibtex.

The root ``tests/roots/test-bibliographies`` holds what sphinxcontrib-bibtex's own test
roots exercise: per-directive bib files, ``:all:``, ``:filter:`` on ``type`` and on
``docname in docnames``, ``:keyprefix:``/``:labelprefix:``, a key listed in a
directive's body, ``footcite`` with ``footbibliography``.  sphinxcontrib-bibtex builds
it cleanly; so must it with refcheck.sphinx under ``-W``.  And the entries refcheck
works out as shown are exactly those sphinxcontrib-bibtex puts in its bibliographies.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import run_sphinx
from refcheck.engine import build_project, collect_inputs
from refcheck.sources.shown import shown_entries
from refcheck.sphinx.check import build_project as sphinx_project
from test_sphinx_ext import copy_root

CASES = Path(__file__).parent / "cases"
# sphinxcontrib-bibtex's own test roots kept as rule cases (see their SOURCE.md).
SCB_ROOTS = [
    CASES / "unused-entry" / "good" / "scb-filter",
    CASES / "unused-entry" / "good" / "scb-bibliography-key-prefix",
    CASES / "unused-entry" / "bad" / "scb-bibliography-content",
]
WITH_REFCHECK = {"extensions": ["sphinxcontrib.bibtex", "refcheck.sphinx"]}


def _build(srcdir: Path, confoverrides: dict[str, Any] | None = None) -> tuple[Any, str]:
    app, warnings, _status = run_sphinx(
        srcdir,
        "html",
        srcdir / "_build" / "html",
        srcdir / "_build" / "doctrees",
        confoverrides=confoverrides,
    )
    return app, warnings


def _what_sphinxcontrib_bibtex_shows(app: Any, srcdir: Path) -> set[tuple[str, str]]:
    domain = app.env.get_domain("cite")
    keys_of = {
        Path(path).resolve(): {key.lower() for key in bibfile.keys}
        for path, bibfile in domain.bibdata.bibfiles.items()
    }
    shown = set()
    for citation in domain.citations:
        for bibfile in domain.bibliographies[citation.bibliography_key].bibfiles:
            if citation.entry.key.lower() in keys_of[Path(bibfile).resolve()]:
                label = str(Path(bibfile).resolve().relative_to(srcdir.resolve()))
                shown.add((label, citation.entry.key.lower()))
    return shown


def test_a_clean_sphinxcontrib_bibtex_build_stays_clean_under_w(tmp_path: Path) -> None:
    srcdir = copy_root("test-bibliographies", tmp_path)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-W",
            "-b",
            "html",
            str(srcdir),
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_shown_entries_are_sphinxcontrib_bibtexs(tmp_path: Path) -> None:
    srcdir = copy_root("test-bibliographies", tmp_path)
    app, warnings = _build(srcdir)
    assert "WARNING" not in warnings, warnings
    truth = _what_sphinxcontrib_bibtex_shows(app, srcdir)
    assert ("b.bib", "local2024") in truth and ("a.bib", "shownall2024") in truth
    in_sphinx = shown_entries(sphinx_project(app, app.env, srcdir))
    # refcheck also counts the footnote citation, which sphinxcontrib-bibtex keeps apart.
    assert in_sphinx == truth | {("b.bib", "foot2024")}


def test_the_cli_works_out_the_same_bibliographies(tmp_path: Path, monkeypatch: Any) -> None:
    srcdir = copy_root("test-bibliographies", tmp_path)
    app, _warnings = _build(srcdir)
    monkeypatch.chdir(srcdir)
    inputs = collect_inputs(["a.bib", "b.bib", "index.rst", "other.rst"])
    project = build_project(inputs.bib, inputs.docs)
    assert shown_entries(project) == _what_sphinxcontrib_bibtex_shows(app, srcdir) | {
        ("b.bib", "foot2024")
    }


def test_without_all_the_entry_of_that_bib_is_unused_and_only_it(tmp_path: Path) -> None:
    srcdir = copy_root("test-bibliographies", tmp_path)
    index = srcdir / "index.rst"
    index.write_text(index.read_text().replace("   :all:\n", ""))
    _app, warnings = _build(srcdir)
    unused = [line for line in warnings.splitlines() if "[refcheck.unused-entry]" in line]
    assert len(unused) == 1 and "'shownall2024' is never cited" in unused[0]


@pytest.mark.parametrize("case", SCB_ROOTS, ids=[c.name for c in SCB_ROOTS])
def test_shown_entries_of_sphinxcontrib_bibtexs_own_roots(case: Path, tmp_path: Path) -> None:
    """Every filter of sphinxcontrib-bibtex's filter test, its key prefixes and listed
    keys: refcheck shows what sphinxcontrib-bibtex shows (footnotes aside)."""
    srcdir = tmp_path / case.name
    shutil.copytree(case, srcdir)
    app, _warnings = _build(srcdir, WITH_REFCHECK)
    project = sphinx_project(app, app.env, srcdir)
    foot = {
        (bib.path, c.key.lower())
        for c in project.citations
        if c.role.startswith("footcite")
        for bib in project.bibfiles
    }
    truth = _what_sphinxcontrib_bibtex_shows(app, srcdir)
    assert truth, "the root shows something"
    assert shown_entries(project) - foot == truth


def test_macros_across_bib_files_and_the_declared_encoding(tmp_path: Path) -> None:
    """sphinxcontrib-bibtex reads bibtex_bibfiles in order with one macro table, in
    bibtex_encoding: a macro of the first file is defined in the second, and a Latin-1
    file is no 'not UTF-8' error (sphinxcontrib-bibtex's test-bibfiles_encoding and
    test-bibfiles_multiple_macros, in one root)."""
    srcdir = tmp_path / "root"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinxcontrib.bibtex", "refcheck.sphinx"]\n'
        'bibtex_bibfiles = ["zmacros.bib", "refs.bib"]\nbibtex_encoding = "iso-8859-1"\n'
    )
    (srcdir / "pyproject.toml").write_text("[tool.refcheck]\nas-of = 2025-06-01\n")
    (srcdir / "zmacros.bib").write_bytes(b"@string{jnl = {Journal of \xc4sthetics}}\n")
    (srcdir / "refs.bib").write_bytes(
        b"@article{k, author = {M\xfcller, A.}, title = {T}, journal = jnl, year = {2020}}\n"
    )
    (srcdir / "index.rst").write_text("Index\n=====\n\nCited :cite:`k`.\n\n.. bibliography::\n")
    app, warnings = _build(srcdir)
    assert "WARNING" not in warnings, warnings
    project = sphinx_project(app, app.env, srcdir)
    [entry] = project.bibfiles[1].entries
    assert entry.get("journal") == "Journal of Ästhetics" and entry.get("author") == "Müller, A."


def test_which_rules_sphinxcontrib_bibtex_warns_about_itself() -> None:
    from refcheck.sphinx.check import deferred_rules

    both = {"undefined-citation", "invalid-bibliography-filter"}
    assert deferred_rules([]) == both
    assert deferred_rules(["bibtex.key_not_found"]) == {"invalid-bibliography-filter"}
    assert deferred_rules(["bibtex"]) == set()
    assert deferred_rules(["refcheck.undefined-citation"]) == both
