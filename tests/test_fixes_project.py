"""``--fix`` on a discovered project reads it as ``check`` does (issue 10 x issue 12).

The .bib files in the encoding ``conf.py`` declares (``bibtex_encoding``), written back
in it; citations rewritten in every kind of document the check reads (reST, a
sphinx-gallery example's docstring, a Jupyter Book notebook); and the report after the
fix is what a fresh check of the fixed project says.  The projects are extracts of real
ones (tests/project_data/SOURCES.md) copied to a scratch folder, plus a small Jupyter
Book written here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from refcheck.cli import run

DATA = Path(__file__).parent / "project_data"


def _copy(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copytree(DATA / name, target)
    return target


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[object]]:
    capsys.readouterr()
    code = run(["check", "--format", "json", *args])
    report = json.loads(capsys.readouterr().out)
    return code, [report["findings"], report["summary"]]


def test_a_latin_1_bib_is_fixed_and_written_back_in_latin_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """sphinxcontrib-bibtex's own encoding test project (``bibtex_encoding =
    "iso-8859-1"``), with an entry added whose Latin-1 bytes ``Ã©`` would also read as
    UTF-8 (``é``, one character less): the offsets the fix edits are the parser's only
    when the fix decodes the file as the project declares it."""
    project = _copy("sphinxcontrib-bibtex-encoding", tmp_path)
    bib = project / "test.bib"
    added = (
        "\n@article{Cafe,\n  author = {Jos\xc3\xa9 Caf\xc3\xa9},\n"
        "  title = {Caf\xc3\xa9 au lait},\n"
        "  journaltitle = {J},\n  date = {30 October 2024},\n"
        "  doi = {https://doi.org/10.1000/xyz},\n}\n"
    ).encode("latin-1")
    bib.write_bytes(bib.read_bytes() + added)
    (project / "index.rst").write_text(":cite:`Test` and :cite:`Cafe`\n\n.. bibliography::\n")
    before = bib.read_bytes()
    monkeypatch.chdir(project)
    code, after_fix = _report(capsys, "--fix")
    assert code in (0, 1)
    expected = before.replace(b"{30 October 2024}", b"{2024-10-30}").replace(
        b"{https://doi.org/10.1000/xyz}", b"{10.1000/xyz}"
    )
    assert bib.read_bytes() == expected  # every other byte, \xc4 and \xc3\xa9 included
    assert not any(f["rule"] == "parse-error" for f in after_fix[0])  # type: ignore[attr-defined,index]
    assert _report(capsys)[1] == after_fix


def test_a_merge_rewrites_the_citation_in_a_sphinx_gallery_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """mne-connectivity cites ``AruEtAl2015`` in doc/index.rst and in the docstring of a
    sphinx-gallery example; a copy of the entry under another key, placed first, is
    merged into it by ``--unsafe-fixes`` and both citations follow the kept key."""
    project = _copy("mne-connectivity", tmp_path)
    bib = project / "doc" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    aru = text[text.index("@article{AruEtAl2015") :]
    bib.write_text(aru.replace("AruEtAl2015", "Aru2015") + "\n" + text, encoding="utf-8")
    monkeypatch.chdir(project)
    code, after_fix = _report(capsys, "--fix", "--unsafe-fixes")
    assert code in (0, 1)
    example = (project / "examples" / "plot_connectivity.py").read_text(encoding="utf-8")
    index = (project / "doc" / "index.rst").read_text(encoding="utf-8")
    assert ":footcite:`Aru2015`" in example and "AruEtAl2015" not in example
    assert ":footcite:`Aru2015`" in index and "AruEtAl2015" not in index
    assert bib.read_text(encoding="utf-8").count("@article{") == 1
    assert not any(f["rule"] == "undefined-citation" for f in after_fix[0])  # type: ignore[attr-defined,index]
    assert _report(capsys)[1] == after_fix


def _jupyter_book(folder: Path) -> Path:
    """A Jupyter Book (v1 layout) citing from a notebook and a MyST page."""
    book = folder / "book"
    book.mkdir()
    (book / "_config.yml").write_text(
        'title: "Notes"\nbibtex_bibfiles:\n  - references.bib\n', encoding="utf-8"
    )
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: analysis\n", encoding="utf-8"
    )
    (book / "intro.md").write_text(
        "# Notes\n\nAs {cite}`smith-2020` found.\n\n```{bibliography}\n```\n", encoding="utf-8"
    )
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Analysis\n", "\n",
                                                             "Following {cite:p}`smith-2020`.\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["x = 1  # {cite}`smith-2020` in code is not a citation"]},
    ]  # fmt: skip
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (book / "analysis.ipynb").write_text(json.dumps(notebook, indent=1) + "\n", encoding="utf-8")
    entry = (
        "@article{{{key},\n  author = {{Smith, Ann}},\n  title = {{On notes}},\n"
        "  journaltitle = {{Journal of Notes}},\n  date = {{2020}},\n"
        "  doi = {{10.1000/notes.1}},\n}}\n"
    )
    (book / "references.bib").write_text(
        entry.format(key="smith-notes") + "\n" + entry.format(key="smith-2020"), encoding="utf-8"
    )
    return book


def test_a_merge_rewrites_the_citations_of_a_jupyter_book_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = _jupyter_book(tmp_path)
    monkeypatch.chdir(book)
    code, after_fix = _report(capsys, "--fix", "--unsafe-fixes")
    assert code in (0, 1)
    notebook = json.loads((book / "analysis.ipynb").read_text(encoding="utf-8"))
    assert "".join(notebook["cells"][0]["source"]).endswith("{cite:p}`smith-notes`.\n")
    assert "{cite}`smith-2020` in code" in notebook["cells"][1]["source"][0]  # code: kept
    assert "{cite}`smith-notes`" in (book / "intro.md").read_text(encoding="utf-8")
    assert not any(f["rule"] == "undefined-citation" for f in after_fix[0])  # type: ignore[attr-defined,index]
    assert _report(capsys)[1] == after_fix
