"""--unsafe-fixes: a duplicate pair merged across two .bib files, and every citation of
the dropped key rewritten in MyST, reST and a Jupyter notebook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.cli import run

FIRST = """\
@article{axe-2024,
  title = {North Korean troops in Kursk},
  journaltitle = {Example Times},
  date = {2024-11-02},
  url = {https://example.org/kursk},
}
"""
SECOND = """\
% From the second import.
@article{axe-2024b,
  title = {North Korean troops in Kursk.},
  journaltitle = {Example Times},
  date = {2024-11-02},
  url = {https://example.org/kursk},
  urldate = {2024-11-05},
  author = {David Axe},
}

@book{other, title = {Other}, date = {2020}, crossref = {axe-2024b}}
"""
MYST = (
    "# Notes\n\nTroops {cite}`axe-2024b` and {cite:p}`other,AXE-2024b`.\n\n"
    "```\n{cite}`axe-2024b` stays: code is not a citation\n```\n"
)
REST = "Notes\n=====\n\nSee :cite:p:`axe-2024b`.\n\n.. a comment :cite:`axe-2024b`\n"
NOTEBOOK = {
    "cells": [
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": ["# Cell \u00e9\n", "Cited {cite}`axe-2024b`.\n"],
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ["x = '{cite}`axe-2024b`'"],
        },
        {"cell_type": "markdown", "metadata": {}, "source": "One string {cite:t}`axe-2024b`"},
    ],
    "metadata": {"kernelspec": {"name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.bib").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.bib").write_text(SECOND, encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "nb").mkdir(parents=True)
    (docs / "a.md").write_text(MYST, encoding="utf-8")
    (docs / "b.rst").write_text(REST, encoding="utf-8")
    # Written as Jupyter writes it: one-space indents, non-ASCII kept, a final newline.
    notebook = json.dumps(NOTEBOOK, indent=1, ensure_ascii=False) + "\n"
    (docs / "nb" / "n.ipynb").write_text(notebook, encoding="utf-8")
    return tmp_path


def check(*args: str) -> int:
    return run(["check", "--as-of", "2025-06-01", "a.bib", "b.bib", "docs", *args])


def test_safe_fix_leaves_duplicates_alone(project: Path) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert check("--fix") == 1  # the duplicate remains: merging is unsafe
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_merge_rewrites_citations_in_every_document_kind(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check("--fix", "--unsafe-fixes") == 0
    out = capsys.readouterr().out
    assert "Fixed 1 problem (1 duplicate-entry) in 5 files; 0 remain." in out
    assert (project / "a.bib").read_text(encoding="utf-8") == (
        "% merged 'axe-2024b' (b.bib:2) into 'axe-2024' (refcheck --unsafe-fixes)\n"
        "% values of 'axe-2024b' that differ from this entry's:\n"
        "%   title = {North Korean troops in Kursk.}\n"
        "% its comment: From the second import.\n"
        + FIRST.replace(
            "  url = {https://example.org/kursk},\n",
            "  url = {https://example.org/kursk},\n"
            "  urldate = {2024-11-05},\n  author = {David Axe},\n",
        )
    )
    assert (project / "b.bib").read_text(encoding="utf-8") == (
        "@book{other, title = {Other}, date = {2020}, crossref = {axe-2024}}\n"
    )
    assert (project / "docs" / "a.md").read_text(encoding="utf-8") == MYST.replace(
        "{cite}`axe-2024b` and {cite:p}`other,AXE-2024b`",
        "{cite}`axe-2024` and {cite:p}`other,axe-2024`",
    )
    assert (project / "docs" / "b.rst").read_text(encoding="utf-8") == REST.replace(
        ":cite:p:`axe-2024b`", ":cite:p:`axe-2024`"
    )
    written = (project / "docs" / "nb" / "n.ipynb").read_text(encoding="utf-8")
    expected = json.dumps(NOTEBOOK, indent=1, ensure_ascii=False) + "\n"
    expected = expected.replace("{cite}`axe-2024b`.", "{cite}`axe-2024`.").replace(
        "{cite:t}`axe-2024b`", "{cite:t}`axe-2024`"
    )
    assert written == expected  # byte for byte: only the two keys changed, code untouched
    json.loads(written)
    assert check("--fix", "--unsafe-fixes") == 0  # and a second run changes nothing
    assert "Nothing to fix" in capsys.readouterr().out


def test_diff_of_a_merge_names_every_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check("--diff", "--unsafe-fixes") == 1
    out = capsys.readouterr().out
    for name in ("a.bib", "b.bib", "docs/a.md", "docs/b.rst", "docs/nb/n.ipynb"):
        assert f"+++ b/{name}\n" in out


def test_no_merge_when_a_citing_notebook_cannot_be_edited(project: Path) -> None:
    broken = project / "docs" / "nb" / "broken.ipynb"
    broken.write_text('{"cells": [{"source": "{cite}`axe-2024b`"', encoding="utf-8")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert check("--fix", "--unsafe-fixes") == 1
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_no_merge_for_one_doi_under_two_titles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (
        "@article{a, title = {Troops in Kursk}, date = {2020}, doi = {10.1/x}}\n"
        "@article{b, title = {Fish of the Baltic}, date = {2021}, doi = {10.1/x}}\n"
    )
    (tmp_path / "r.bib").write_text(text, encoding="utf-8")
    assert run(["check", "r.bib", "--fix", "--unsafe-fixes"]) == 1
    assert (tmp_path / "r.bib").read_text(encoding="utf-8") == text


def test_a_merge_writes_the_kept_files_line_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A multi-line value from an LF file added to a CRLF file gets CRLF."""
    monkeypatch.chdir(tmp_path)
    kept = "@article(a, title = {Kursk raid}, journaltitle = {J}, date = {2024})\r\n"
    (tmp_path / "a.bib").write_bytes(kept.encode())
    dropped = "@article{b,\n  title = {Kursk raid},\n  journaltitle = {J},\n  date = {2024},\n"
    (tmp_path / "b.bib").write_bytes((dropped + "  note = {two\n    lines},\n}\n").encode())
    assert run(["check", "a.bib", "b.bib", "--fix", "--unsafe-fixes"]) == 0
    assert (tmp_path / "a.bib").read_bytes() == (
        b"% merged 'b' (b.bib:1) into 'a' (refcheck --unsafe-fixes)\r\n"
        b"@article(a, title = {Kursk raid}, journaltitle = {J}, date = {2024},"
        b" note = {two\r\n    lines})\r\n"
    )
    assert (tmp_path / "b.bib").read_bytes() == b""


def test_notebooks_of_the_configured_docs_are_rewritten(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.refcheck]\nbib = ["a.bib", "b.bib"]\ndocs = ["docs"]\nas-of = 2025-06-01\n',
        encoding="utf-8",
    )
    assert run(["check", "--fix", "--unsafe-fixes"]) == 0
    notebook = json.loads((project / "docs" / "nb" / "n.ipynb").read_text(encoding="utf-8"))
    assert notebook["cells"][0]["source"][1] == "Cited {cite}`axe-2024`.\n"
