"""The Sphinx extension ``refcheck.sphinx``, on mini projects in tests/roots/test-*/.

Each test copies a root to a temporary folder (its own pyproject.toml holds the
``[tool.refcheck]`` table, so the repository's settings never apply) and builds it with
the real Sphinx application, asserting on the warning stream, the exit status and the
rendered audit table.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sphinx.util.console import strip_colors

from conftest import run_sphinx
from refcheck import cli

ROOTS = Path(__file__).parent / "roots"
# sphinxcontrib-bibtex's own undefined-key warning silenced: refcheck's C001 instead.
REFCHECK_KEY_WARNINGS = {"suppress_warnings": ["bibtex.key_not_found"]}


@dataclass
class Build:
    srcdir: Path
    outdir: Path
    warnings: str
    status: str
    statuscode: int

    def refcheck_warnings(self) -> list[tuple[str, int, str]]:
        """(file name, line, rule) of every refcheck warning, in the order given."""
        found = []
        for line in self.warnings.splitlines():
            match = re.match(
                r"(?P<path>.+?):(?P<line>\d+): WARNING: .*\[refcheck\.(?P<rule>[\w-]+)\]$", line
            )
            if match:
                found.append((Path(match["path"]).name, int(match["line"]), match["rule"]))
        return found


def copy_root(name: str, tmp_path: Path) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / name, srcdir)
    return srcdir


def build(
    srcdir: Path,
    builder: str = "html",
    *,
    parallel: int = 0,
    confoverrides: dict[str, Any] | None = None,
    fresh: bool = True,
) -> Build:
    outdir = srcdir / "_build" / builder
    app, warnings, status = run_sphinx(
        srcdir,
        builder,
        outdir,
        srcdir / "_build" / "doctrees",
        fresh=fresh,
        parallel=parallel,
        confoverrides=confoverrides,
    )
    # Colour depends on global console state other builds of the session may have set.
    return Build(
        srcdir,
        outdir,
        strip_colors(warnings),
        strip_colors(status),
        app.statuscode,
    )


def test_findings_are_warnings_at_the_citing_line_or_the_bib_line(tmp_path: Path) -> None:
    result = build(copy_root("test-warnings", tmp_path), confoverrides=REFCHECK_KEY_WARNINGS)
    assert sorted(result.refcheck_warnings()) == [
        ("chapter.rst", 4, "undefined-citation"),
        ("index.rst", 8, "claim-after-source"),
        ("part.inc", 2, "undefined-citation"),  # included text: the included file's line
        ("refs.bib", 12, "access-before-publication"),
        ("refs.bib", 15, "unused-entry"),
    ]
    # The message is the CLI's, with the rule's code; the path is the real file.
    assert f"{result.srcdir / 'index.rst'}:8: WARNING: C003 the sentence dates an event" in (
        result.warnings
    )
    assert "'8 October 2024' to 2024-10-08, 6 days after 'early'" in result.warnings


def test_an_undefined_key_is_warned_once(tmp_path: Path) -> None:
    """sphinxcontrib-bibtex warns about an undefined key itself; refcheck leaves it that
    warning, and gives its own only where that warning is silenced."""
    result = build(copy_root("test-warnings", tmp_path))
    assert [w for w in result.refcheck_warnings() if w[2] == "undefined-citation"] == []
    assert result.warnings.count('could not find bibtex key "missing"') == 1
    assert result.warnings.count("missing") == 1


def test_myst_citations_are_placed_on_their_own_line(tmp_path: Path) -> None:
    """MyST gives a role its paragraph's line; the warning names the role's line."""
    result = build(copy_root("test-myst", tmp_path))
    assert result.refcheck_warnings() == [
        ("index.md", 8, "claim-after-source"),
        ("index.md", 8, "claim-after-source"),
        ("index.md", 10, "claim-after-source"),
    ]
    # The project's language is ja: refcheck's messages are Japanese (refcheck.i18n).
    assert "'同日' を 2024-10-18 としています" in result.warnings
    # The citation before 、 does not support the date after it: one finding on line 10.
    assert result.warnings.count("'12月6日' を 2024-12-06 としていますが、これは 'axe0801' の") == 1


def sphinx_build(*args: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-build`` in its own process: the command line a user runs, and docutils'
    global registries untouched by the other builds of this test session."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *args], capture_output=True, text=True, check=False
    )


def test_warning_is_error_fails_the_build(tmp_path: Path) -> None:
    srcdir = copy_root("test-warnings", tmp_path)
    run = sphinx_build("-q", "-W", "-b", "html", str(srcdir), str(tmp_path / "out"))
    assert run.returncode == 1
    assert "[refcheck.claim-after-source]" in run.stderr


def test_suppress_warnings_silences_one_rule(tmp_path: Path) -> None:
    result = build(
        copy_root("test-warnings", tmp_path),
        confoverrides={"suppress_warnings": ["refcheck.unused-entry", "bibtex"]},
    )
    rules = {rule for _, _, rule in result.refcheck_warnings()}
    assert rules == {"undefined-citation", "claim-after-source", "access-before-publication"}


def test_suppress_warnings_silences_refcheck_and_w_passes(tmp_path: Path) -> None:
    srcdir = copy_root("test-warnings", tmp_path)
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text() + 'suppress_warnings = ["refcheck", "bibtex"]\n'
    )
    run = sphinx_build("-q", "-W", "-b", "html", str(srcdir), str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert "refcheck" not in run.stderr


def test_tool_refcheck_selection_applies(tmp_path: Path) -> None:
    srcdir = copy_root("test-warnings", tmp_path)
    (srcdir / "pyproject.toml").write_text(
        '[tool.refcheck]\nas-of = 2025-06-01\nignore = ["C003", "unused-entry"]\n'
    )
    rules = {rule for _, _, rule in build(srcdir).refcheck_warnings()}
    assert rules == {"access-before-publication"}  # undefined keys: sphinxcontrib-bibtex's


def test_a_broken_configuration_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    srcdir = copy_root("test-warnings", tmp_path)
    (srcdir / "pyproject.toml").write_text('[tool.refcheck]\nselect = ["no-such-rule"]\n')
    result = build(srcdir)
    assert result.refcheck_warnings() == []
    assert "pyproject.toml" in result.warnings and "no-such-rule" in result.warnings
    assert "[refcheck.config]" in result.warnings


def test_suppressions_apply_and_the_audit_table_lists_them(tmp_path: Path) -> None:
    result = build(copy_root("test-audit", tmp_path))
    # Inline and [tool.refcheck] suppressions silence access-before-publication; the
    # project's conf.py keeps the two other rules out of the log.
    assert result.refcheck_warnings() == []
    assert result.statuscode == 0
    page = (result.outdir / "audit.html").read_text(encoding="utf-8")
    index = (result.outdir / "index.html").read_text(encoding="utf-8")
    groups = re.findall(r'<p class="rubric">([^<]*)</p>', page)
    assert groups == [
        "C002 unused-entry (1 open, 0 suppressed)",
        "C003 claim-after-source (1 open, 0 suppressed)",
        "D002 access-before-publication (0 open, 2 suppressed)",
    ]
    assert "suppressed: the source's typo, kept as published (refs.bib:7)" in page
    assert re.search(r"suppressed: kept as the source gives it \(pyproject\.toml:\d+\)", page)
    # Each cited key links to its entry in the bibliography; the uncited one cannot.
    links = dict(
        re.findall(r'<a class="reference internal" href="index.html#([^"]+)" title="(\w+)"', page)
    )
    assert sorted(links.values()) == ["early", "flagged", "typo"]
    for anchor, key in links.items():
        entry = re.search(rf'<div class="citation" id="{anchor}"[^>]*>(.*?)</div>', index, re.S)
        assert entry is not None, f"no bibliography entry with id {anchor} for {key}"
    assert '<span class="refcheck-key">neverused</span>' in page
    assert 'href="index.html#' not in page.split("neverused")[0].rsplit("<tr", 1)[1]


def test_audit_table_renders_in_latex(tmp_path: Path) -> None:
    result = build(copy_root("test-audit", tmp_path), "latex")
    tex = (result.outdir / "audit.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{longtable}") == 3
    assert (
        r"\subsubsection*{C003 claim\sphinxhyphen{}after\sphinxhyphen{}source"
        r" (1 open, 0 suppressed)}" in tex
    )
    assert r"suppressed: the source\textquotesingle{}s typo, kept as published (refs.bib:7)" in tex
    # The key links to the hyperref anchor of its \bibitem, as the citations do.
    bibitems = set(re.findall(r"\\bibitem\[\d+\]\{([^}]+)\}", tex))
    links = re.findall(r"\\hyperlink\{cite\.([^}]+)\}\{\\DUrole\{refcheck-key\}\{(\w+)\}\}", tex)
    assert sorted(key for _, key in links) == ["early", "flagged", "typo"]
    assert {label for label, _ in links} <= bibitems


def test_parallel_build_reports_the_same_findings(tmp_path: Path) -> None:
    serial = build(copy_root("test-parallel", tmp_path / "serial"))
    parallel = build(copy_root("test-parallel", tmp_path / "parallel"), parallel=2)
    # The reader really ran in chunks across processes.
    assert re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. \S+", parallel.status)
    expected = [(f"chapter{i}.md", 4, "claim-after-source") for i in range(1, 9)]
    assert sorted(serial.refcheck_warnings()) == sorted(expected)
    assert sorted(parallel.refcheck_warnings()) == sorted(expected)
    table = (parallel.outdir / "audit.html").read_text(encoding="utf-8")
    assert table.count("'9 October 2024' to 2024-10-09") == 8


def test_incremental_build_forgets_removed_citations(tmp_path: Path) -> None:
    srcdir = copy_root("test-warnings", tmp_path)
    first = build(srcdir, confoverrides=REFCHECK_KEY_WARNINGS)
    assert ("chapter.rst", 4, "undefined-citation") in first.refcheck_warnings()
    chapter = srcdir / "chapter.rst"
    chapter.write_text(chapter.read_text().replace(":cite:p:`missing`", "nobody"))
    second = build(srcdir, fresh=False, confoverrides=REFCHECK_KEY_WARNINGS)
    rules = [w for w in second.refcheck_warnings() if w[0] == "chapter.rst"]
    assert rules == [], "the purged document's citations must not linger"
    # Unchanged documents still report from the saved environment.
    assert ("index.rst", 8, "claim-after-source") in second.refcheck_warnings()


@pytest.mark.skipif(
    not (shutil.which("latexmk") and shutil.which("uplatex") and shutil.which("pdftotext")),
    reason="needs TeX Live (latexmk, uplatex) and poppler-utils (pdftotext)",
)
def test_audit_table_typesets_into_the_pdf(tmp_path: Path) -> None:
    """The book's route: Japanese, uplatex and dvipdfmx through Sphinx's latexmkjarc."""
    result = build(copy_root("test-audit", tmp_path), "latex", confoverrides={"language": "ja"})
    typeset = subprocess.run(
        ["latexmk", "-r", "latexmkjarc", "-pdfdvi", "-interaction=nonstopmode", "audit.tex"],
        cwd=result.outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert typeset.returncode == 0, typeset.stdout[-3000:]
    log = (result.outdir / "audit.log").read_text(encoding="utf-8", errors="replace")
    assert "undefined references" not in log and "Missing character" not in log
    text = subprocess.run(
        ["pdftotext", str(result.outdir / "audit.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = "".join(text.split())
    # In a Japanese project each rule's heading says first, in Japanese, what it looks for.
    assert "出典の後に置かれた記述(C003claim-after-source)(未対応1件、抑止0件)" in flat
    assert "公開日より前の閲覧日(D002access-before-publication)(未対応0件、抑止2件)" in flat
    # Cells wrap (and hyphenate), so the lines of one row interleave: look for pieces.
    assert "抑止:thesource'stypo" in flat
    assert "抑止:keptasthesourcegivesit" in flat


@pytest.mark.parametrize("root", ["test-warnings", "test-myst"])
def test_sphinx_and_the_cli_report_the_same_findings(
    root: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One engine: the same rules, messages and places from ``refcheck check``."""
    srcdir = copy_root(root, tmp_path)
    monkeypatch.chdir(srcdir)
    cli.run(["check", "--format", "json", "."])
    cli_findings = {
        (Path(f["path"]).name, f["line"], f["rule"], f["message"])
        for f in json.loads(capsys.readouterr().out)["findings"]
    }
    # JSON is always English; the Sphinx side in English too (test-myst is a ja project:
    # tests/test_i18n.py compares the Japanese of both).
    sphinx = build(srcdir, confoverrides={**REFCHECK_KEY_WARNINGS, "language": "en"})
    sphinx_findings = set()
    for line in sphinx.warnings.splitlines():
        match = re.match(r"(.+?):(\d+): WARNING: [A-Z]\d{3} (.*) \[refcheck\.([\w-]+)\]$", line)
        if match:
            path, number, message, rule = match.groups()
            sphinx_findings.add((Path(path).name, int(number), rule, message))
    # Both read what documents include (part.inc).
    assert cli_findings and sphinx_findings == cli_findings


@pytest.mark.parametrize(
    ("natbib", "keys"),
    [(True, ["joyce:1999", "a"]), (False, ["joyce:1999", "[see][p.", "a"])],
)
def test_doctree_targets_are_split_as_the_citing_extension_splits_them(
    natbib: bool, keys: list[str]
) -> None:
    """A ``cite`` pending_xref made by sphinx-natbib holds ``key [pre][post]``."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document
    from sphinx import addnodes

    from refcheck.sphinx.collect import _doctree_citations

    document = new_document("doc.rst", get_default_settings(Parser))
    for target in ("joyce:1999 [see][p. 20]", "a"):
        document += addnodes.pending_xref("", refdomain="cite", reftype="p", reftarget=target)
    found = _doctree_citations(document, "doc.rst", natbib)
    assert [c.key for c in found] == keys
