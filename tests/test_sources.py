"""refcheck.sources: notebooks, Python files, MyST-MD, includes and what is not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.sources import read_sources, scan_text


def _notebook(*cells: dict[str, object]) -> str:
    return json.dumps({"cells": list(cells), "metadata": {}, "nbformat": 4}, indent=1)


def _markdown(*lines: str) -> dict[str, object]:
    return {"cell_type": "markdown", "metadata": {}, "source": list(lines)}


def test_a_notebook_citation_is_at_its_column_in_the_file_past_json_escapes() -> None:
    text = _notebook(_markdown('He said "so" \\ café {cite}`key` ok\n'))
    [citation] = scan_text("nb.ipynb", text).citations
    file_line = text.splitlines()[citation.line - 1]
    assert file_line[citation.col - 1 :].startswith("key` ok")
    assert citation.where == "cell 1, line 1"


def test_a_one_string_cell_keeps_its_lines_apart() -> None:
    text = _notebook(_markdown("first line\nsecond {cite}`key`"))
    [citation] = scan_text("nb.ipynb", text).citations
    assert citation.where == "cell 1, line 2"
    assert text.splitlines()[citation.line - 1][citation.col - 1 :].startswith("key`")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ('{"cells": [', "not valid JSON"),
        ('{"cells": 3}', "no 'cells' list"),
        ("[" * 500 + "]" * 500, "nested deeper than"),
    ],
)
def test_a_broken_notebook_is_named_with_why(tmp_path: Path, text: str, message: str) -> None:
    notebook = tmp_path / "broken.ipynb"
    notebook.write_text(text)
    found = read_sources([notebook])
    assert len(found.unread) == 1 and message in found.unread[0].reason
    assert message in found.problems[0].message and "were not read" in found.problems[0].message


def test_a_python_file_that_does_not_even_lex_is_named(tmp_path: Path) -> None:
    source = tmp_path / "bad.py"
    source.write_text('def f(:\n    """:cite:`x`\n')
    found = read_sources([source])
    assert found.unread and "not valid Python" in found.unread[0].reason
    assert found.problems[0].line == 2  # where Python says the error is


def test_includes_are_followed_once_even_in_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.rst").write_text(":cite:`in_a`\n\n.. include:: b.rst\n")
    (tmp_path / "b.rst").write_text(":cite:`in_b`\n\n.. include:: a.rst\n\n.. include:: gone.rst\n")
    found = read_sources([tmp_path / "a.rst", tmp_path / "b.rst"])
    assert sorted(c.key for c in found.citations) == ["in_a", "in_b"]
    assert [u.path for u in found.unread] == ["gone.rst"]
    assert "included from" in found.unread[0].reason


def test_a_bibliography_lists_its_bib_files_relative_to_its_document(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.rst").write_text(
        ".. bibliography:: ../refs.bib /other.bib\n   :filter: docname in docnames\n"
    )
    [bibliography] = read_sources([tmp_path / "sub" / "page.rst"]).bibliographies
    assert bibliography.docname == "sub/page"
    assert [Path(b).name for b in bibliography.bibfiles] == ["refs.bib", "other.bib"]
    assert bibliography.filter == "docname in docnames"


def test_mystmd_syntax_is_read_only_beside_a_myst_yml(tmp_path: Path) -> None:
    page = "[@cited] and [@fig-label] and [@linked](https://example.org)\n\n(fig-label)=\n"
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "page.md").write_text(page)
    (tmp_path / "mystmd").mkdir()
    (tmp_path / "mystmd" / "myst.yml").write_text("version: 1\n")
    (tmp_path / "mystmd" / "page.md").write_text(page)
    assert read_sources([tmp_path / "plain" / "page.md"]).citations == []
    keys = [c.key for c in read_sources([tmp_path / "mystmd" / "page.md"]).citations]
    assert keys == ["cited"]  # a label is a cross-reference, [..](url) a link


def test_a_myst_include_is_read_as_myst_and_a_literalinclude_is_not(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(
        "# Index\n\n```{include} part.md\n:start-line: 0\n```\n\n```{literalinclude} code.md\n```\n"
    )
    (tmp_path / "part.md").write_text("Included {cite}`from_part`.\n")
    (tmp_path / "code.md").write_text("Code {cite}`not_read`.\n")
    found = read_sources([tmp_path / "index.md"])
    assert [(Path(c.path).name, c.key, c.line) for c in found.citations] == [
        ("part.md", "from_part", 1)
    ]


@pytest.mark.parametrize(
    ("body", "natbib", "keys"),
    [
        # sphinx-natbib: split on commas, strip, the key ends at the first space.
        ("joyce:1999 [see][p. 20]", True, ["joyce:1999"]),
        ("a, b [p. 3]", True, ["a", "b"]),
        ("{see}a{p. 3}", True, ["{see}a{p."]),
        # sphinxcontrib-bibtex: "{pre}key{post}", comma-separated.
        ("{see}a{p. 3}, b", False, ["a", "b"]),
        ("a,b", False, ["a", "b"]),
    ],
)
def test_role_bodies_are_read_as_the_configured_extension_reads_them(
    body: str, natbib: bool, keys: list[str]
) -> None:
    scan = scan_text("doc.rst", f"Text :cite:p:`{body}` end.\n", natbib=natbib)
    assert [c.key for c in scan.citations] == keys
    for citation in scan.citations:  # each key is where the file has it
        assert body[citation.col - len("Text :cite:p:`") - 1 :].startswith(citation.key)


@pytest.mark.parametrize(
    ("role", "natbib", "read"),
    [("title", True, True), ("alt", True, True), ("title", False, False),
     ("ct", False, True), ("ct", True, False), ("empty", False, True)],
)  # fmt: skip
def test_each_extension_has_its_own_roles(role: str, natbib: bool, read: bool) -> None:
    for text in (f"See :cite:{role}:`k`.\n", f"See {{cite:{role}}}`k`.\n"):
        path = "doc.rst" if text.startswith("See :") else "doc.md"
        scan = scan_text(path, text, natbib=natbib)
        assert [c.key for c in scan.citations] == (["k"] if read else [])


def test_a_toctree_document_that_is_not_there_is_named_not_read(tmp_path: Path) -> None:
    """nilearn's Makefile copies dataset descriptions into the source folder before
    Sphinx runs; refcheck cannot see them, and says so instead of staying silent."""
    (tmp_path / "intro.md").write_text("# Intro\n", encoding="utf-8")
    (tmp_path / "chapter.rst").write_text("Chapter\n=======\n", encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n   :maxdepth: 2\n\n   intro\n   The chapter <chapter.rst>\n"
        "   self\n   Python <https://python.org>\n   description/aal.rst\n\n"
        ".. toctree::\n   :glob:\n\n   notes/*\n",
        encoding="utf-8",
    )
    found = read_sources([tmp_path / "index.rst"], srcdir=tmp_path)
    [unread] = found.unread
    assert unread.path.endswith("description/aal.rst")
    assert "toctree of" in unread.reason and "index.rst:11" in unread.reason
    assert "made during the build" in unread.reason


def test_a_myst_toctree_document_that_is_not_there_is_named_not_read(tmp_path: Path) -> None:
    """The MyST form: options as a YAML block or ``:name:`` lines; a glob toctree's
    entries are patterns, not documents."""
    (tmp_path / "intro.md").write_text("# Intro\n", encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# Index\n\n```{toctree}\n---\nmaxdepth: 2\ncaption: Parts\n---\nintro\n"
        "Generated API <api/generated>\n```\n\n```{toctree}\n:glob:\nnotes/*\n```\n\n"
        ":::{toctree}\n:hidden:\nself\ngallery/index\n:::\n",
        encoding="utf-8",
    )
    found = read_sources([tmp_path / "index.md"], srcdir=tmp_path)
    assert [Path(u.path).relative_to(tmp_path).as_posix() for u in found.unread] == [
        "api/generated",
        "gallery/index",
    ]
    assert [u.reason.split("index.md:")[1].split(" ")[0] for u in found.unread] == ["9", "20"]
