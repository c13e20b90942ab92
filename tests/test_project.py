"""Project discovery: a project's files, bibliographies and settings, as its build sees them.

The rule-level behaviour (what is reported as P001/P002, macros across bib files, the
declared encoding) is in tests/cases/; these tests pin down what discovery finds.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from refcheck.cli import run
from refcheck.config import load_config
from refcheck.engine import build_project
from refcheck.project import discover, find_project, resolve_layout
from refcheck.project.files import Matcher
from refcheck.project.pyliteral import Opaque, read_module
from refcheck.project.yaml_lines import YamlError, load_yaml

PROJECT_DATA = Path(__file__).parent / "project_data"
BIB = "@book{knuth1984,\n  title = {The TeXbook},\n  date = {1984},\n}\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


# -- conf.py, read without running it ------------------------------------------------


def value_of(source: str, name: str) -> object:
    return read_module(textwrap.dedent(source)).names[name].value


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = ['a', 'b']", ["a", "b"]),
        ("x = ('a',) + ('b',)", ("a", "b")),
        ("x = ['a']\nx += ['b']", ["a", "b"]),
        ("x = ['a']\nx.append('b')\nx.extend(['c'])\nx.insert(0, 'z')", ["z", "a", "b", "c"]),
        ("d = 'bib'\nx = f'{d}/refs.bib'", "bib/refs.bib"),
        ("import os\nx = os.path.join('..', 'refs.bib')", "../refs.bib"),
        (
            "x = {'.rst': 'restructuredtext', **{'.md': 'markdown'}}",
            {".rst": "restructuredtext", ".md": "markdown"},
        ),
        ("x = {'a': 1}\nx['b'] = 2\nx.update(c=3)", {"a": 1, "b": 2, "c": 3}),
        ("base = ['a']\nx = base\nx.append('b')", ["a", "b"]),
        ("x = dict(examples_dirs='../examples')", {"examples_dirs": "../examples"}),
        ("if True:\n    x = 'kept'\nelse:\n    x = 'not'", "kept"),
    ],
)
def test_literal_values_are_read(source: str, expected: object) -> None:
    assert value_of(source, "x") == expected


def test_a_copied_list_does_not_change_its_source() -> None:
    source = "base = ['a']\nx = base\nx.append('b')"
    assert value_of(source, "base") == ["a"]


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("import glob\nx = glob.glob('*.bib')", "calling glob.glob()"),
        ("from sphinx_gallery.sorting import Key\nx = Key", "'Key' is imported"),
        ("x = [p for p in 'ab']", "a comprehension"),
        ("x = y", "'y' is not set in this file"),
        ("x = 'a' if True else 'b'", "a conditional expression"),
    ],
)
def test_computed_values_are_opaque_with_a_reason(source: str, reason: str) -> None:
    value = value_of(source, "x")
    assert isinstance(value, Opaque)
    assert reason in value.reason


def test_a_value_set_in_a_block_is_marked_conditional() -> None:
    module = read_module("import os\nx = ['a']\nif os.environ.get('A'):\n    x.append('b')\n")
    held = module.names["x"]
    assert held.value == ["a", "b"]
    assert held.conditional == "inside an if block at line 3"
    assert held.line == 4


def test_statements_that_set_names_out_of_sight_are_noted() -> None:
    module = read_module("exec(open('x.py').read())\nfrom common_conf import *\n")
    assert [line for line, _ in module.dynamic] == [1, 2]
    plain = read_module("if 'x' in globals():\n    pass\n")
    assert plain.dynamic == []  # reading globals() sets nothing


@pytest.mark.parametrize("source", ["x = " + "[" * 5000 + "]" * 5000, "x = " + "-" * 100_000 + "1"])
def test_a_file_nested_too_deeply_is_reported_not_raised(source: str) -> None:
    assert read_module(source).error


@pytest.mark.parametrize(
    "source",
    [
        "x = [1]\n" + "x = x + x\n" * 40,  # 2**40 items if it were run
        "x = [1]\n" + "x.extend(x)\n" * 40,
        "s = 'a'\n" + "s = s + s\n" * 40,
    ],
)
def test_a_file_that_builds_huge_values_is_reported_not_built(source: str) -> None:
    assert "it builds values of more than" in read_module(source).error


def test_many_small_changes_are_read_in_full() -> None:
    source = "x = ['a']\n" + "x += ['b']\n" * 10_000 + "if A:\n    x.append('c')\n" * 3_000
    held = read_module(source).names["x"]
    assert len(held.value) == 1 + 10_000 + 3_000
    assert len(held.before) == 1 + 10_000  # before the first block that changed it


def test_a_file_that_is_not_python_says_where() -> None:
    module = read_module("x = [\n")
    assert module.error.startswith("not valid Python")
    assert module.error_line == 1


# -- Sphinx ------------------------------------------------------------------------


def test_sphinx_project_documents_follow_suffixes_excludes_and_gallery(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "docs/conf.py": """
                extensions = ["myst_nb", "sphinx_gallery.gen_gallery", "sphinxcontrib.bibtex"]
                exclude_patterns = ["_build", "drafts", "**/private.rst"]
                bibtex_bibfiles = ["macros.bib", "refs.bib"]
                sphinx_gallery_conf = {"examples_dirs": ["../examples"], "gallery_dirs": ["auto"]}
            """,
            "docs/index.rst": "Index\n",
            "docs/guide.md": "# Guide\n",
            "docs/notebook.ipynb": "{}",
            "docs/notes.txt": "not a source\n",
            "docs/drafts/draft.rst": "Draft\n",
            "docs/part/private.rst": "Private\n",
            "docs/auto/plot_a.rst": "generated by sphinx-gallery\n",
            "docs/_build/html/index.rst": "output\n",
            "docs/refs.bib": BIB,
            "docs/macros.bib": "@string{tb = {The TeXbook}}\n",
            "examples/README.txt": "Examples\n",
            "examples/plot_a.py": '"""A"""\n',
            "examples/__init__.py": "",
        },
    )
    layout = discover(root / "docs")
    assert layout.kind == "sphinx"
    assert names(layout.docs, root) == [
        "docs/guide.md",
        "docs/index.rst",
        "docs/notebook.ipynb",
        "examples/README.txt",
        "examples/plot_a.py",
    ]
    assert names(layout.bibs, root) == ["docs/macros.bib", "docs/refs.bib"]  # as listed
    kinds = {p.name: layout.kind_of(p) for p in layout.docs}
    assert kinds == {
        "guide.md": "myst",
        "index.rst": "rst",
        "notebook.ipynb": "notebook",
        "README.txt": "rst",  # sphinx-gallery's header is reST whatever its suffix
        "plot_a.py": "python",
    }
    assert layout.problems == []
    assert layout.settings["bibtex_bibfiles"].origin.endswith("conf.py:4")
    assert layout.settings["bibtex_encoding"].origin == "default"


def test_unreadable_bibfiles_fall_back_to_every_bib_and_say_so(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "conf.py": "import glob\nbibtex_bibfiles = glob.glob('*.bib')\n",
            "b.bib": BIB,
            "sub/a.bib": BIB.replace("knuth1984", "other"),
        },
    )
    layout = discover(root)
    assert names(layout.bibs, root) == ["b.bib", "sub/a.bib"]
    [problem] = layout.problems
    assert problem.rule == "unreadable-setting"
    assert problem.location.line == 2
    assert "every .bib file under the source folder" in problem.message


def test_source_suffix_parsers_say_how_a_suffix_is_read(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {"conf.py": "source_suffix = {'.txt': 'markdown', '.rst': 'restructuredtext'}\n"},
    )
    layout = discover(root)
    assert layout.kind_of(root / "notes.txt") == "myst"
    assert layout.kind_of(root / "index.rst") == "rst"
    assert layout.kind_of(root / "x.tex") is None


def test_autoapi_reads_its_own_folders(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "docs/conf.py": "extensions = ['autoapi.extension']\nautoapi_dirs = ['../lib']\n",
            "lib/mod.py": '"""See :cite:`x`."""\n',
            "pkg/__init__.py": "",  # a package autoapi is not told about
        },
    )
    layout = discover(root / "docs")
    assert names(layout.docs, root) == ["lib/mod.py"]
    assert layout.kind_of(root / "lib" / "mod.py") == "python"


def test_include_patterns_limit_the_documents(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {"conf.py": "include_patterns = ['book/**']\n", "book/a.rst": "", "other/b.rst": ""},
    )
    assert names(discover(root).docs, root) == ["book/a.rst"]


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("**.ipynb_checkpoints", "a/b/.ipynb_checkpoints", True),
        ("drafts", "drafts", True),
        ("drafts", "x/drafts", False),
        ("*.rst", "a.rst", True),
        ("*.rst", "dir/a.rst", False),
        ("**/*.rst", "dir/a.rst", True),
        ("chapter?.md", "chapter1.md", True),
        ("[!a]*.md", "b.md", True),
        ("[!a]*.md", "a.md", False),
        ("[]]x", "]x", True),  # a "]" first in a class is a character
        ("[a-c]?.rst", "b1.rst", True),
        ("[unclosed", "[unclosed", True),  # no closing "]": a literal "["
        ("a**b**c", "a/x/b/y/c", True),
        ("a" + "**b" * 30 + "**c", "a" + "b" * 50 + "/x" * 100, False),  # no backtracking blow-up
    ],
)
def test_glob_patterns_match_as_sphinx_does(pattern: str, path: str, matches: bool) -> None:
    assert Matcher([pattern])(path) is matches


# -- Jupyter Book and MyST-MD ------------------------------------------------------------


def test_jupyter_book_reads_config_overrides_and_toc(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "_config.yml": """
                title: Book
                bibtex_bibfiles: [refs.bib]
                only_build_toc_files: true
                exclude_patterns: [chapters/skip.md]
                sphinx:
                  config:
                    bibtex_bibfiles: [macros.bib, refs.bib]
                    bibtex_encoding: latin-1
            """,
            "_toc.yml": """
                format: jb-book
                root: intro
                chapters:
                  - file: chapters/one
                  - file: chapters/skip
            """,
            "intro.md": "",
            "chapters/one.ipynb": "{}",
            "chapters/skip.md": "",
            "chapters/not-in-toc.md": "",
            "refs.bib": BIB,
            "macros.bib": "",
        },
    )
    layout = discover(root)
    assert layout.kind == "jupyter-book"
    assert names(layout.docs, root) == ["intro.md", "chapters/one.ipynb"]
    assert names(layout.bibs, root) == ["macros.bib", "refs.bib"]  # sphinx.config wins
    assert layout.bib_encoding == "latin-1"
    assert layout.settings["bibtex_bibfiles"].origin.endswith("_config.yml:8")


def test_jupyter_book_without_only_toc_reads_every_source(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "_config.yml": "title: Book\n",
            "_toc.yml": "format: jb-book\nroot: intro\n",
            "intro.md": "",
            "extra.ipynb": "{}",
            ".ipynb_checkpoints/extra-checkpoint.ipynb": "{}",
        },
    )
    assert names(discover(root).docs, root) == ["extra.ipynb", "intro.md"]


def test_myst_md_defaults_and_toc(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "myst.yml": """
                version: 1
                project:
                  exclude: [drafts/**]
                  toc:
                    - file: index.md
                    - title: Chapters
                      children:
                        - pattern: chapters/*.md
                        - file: drafts/x.md
            """,
            "index.md": "",
            "chapters/a.md": "",
            "chapters/b.md": "",
            "drafts/x.md": "",
            "refs.bib": BIB,
            "more/extra.bib": BIB,
        },
    )
    layout = discover(root)
    assert layout.kind == "myst-md"
    assert names(layout.docs, root) == ["index.md", "chapters/a.md", "chapters/b.md"]
    assert names(layout.bibs, root) == ["refs.bib", "more/extra.bib"]  # no bibliography: all
    assert layout.settings["project.bibliography"].origin.startswith("default")


def test_a_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):  # each level holds ten of the one before: 10**9 values in the end
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    (tmp_path / "bomb.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(YamlError, match="more than"):
        load_yaml(tmp_path / "bomb.yml")


# -- where the project is ------------------------------------------------------------------


def test_find_project_looks_below_then_above(tmp_path: Path) -> None:
    write(tmp_path, {"repo/docs/conf.py": "", "repo/src/pkg/x.py": "", "repo/.git/HEAD": ""})
    repo = tmp_path / "repo"
    assert find_project(repo) == (repo / "docs").resolve()
    assert find_project(repo / "docs") == (repo / "docs").resolve()
    assert find_project(repo / "src" / "pkg") is None  # docs/ is not above src/pkg
    write(tmp_path, {"repo/lectures/_config.yml": "", "repo/lectures/_toc.yml": ""})
    (repo / "docs" / "conf.py").unlink()
    assert find_project(repo) == (repo / "lectures").resolve()
    write(tmp_path, {"repo/slides/myst.yml": ""})
    with pytest.raises(ValueError, match=r"2 folders below .* configure a build"):
        find_project(repo)  # lectures/ or slides/: not refcheck's to guess


def test_pyproject_overrides_its_own_project_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(
        tmp_path,
        {
            "pyproject.toml": '[tool.refcheck]\nbib = ["refs.bib"]\n',
            "refs.bib": BIB,
            "docs/conf.py": "bibtex_bibfiles = ['other.bib']\n",
            "docs/other.bib": BIB,
            "docs/index.rst": "",
            "examples/nested/conf.py": "bibtex_bibfiles = ['nested.bib']\n",
            "examples/nested/nested.bib": BIB,
        },
    )
    monkeypatch.chdir(root)
    layout = resolve_layout([], load_config())
    assert layout is not None
    assert names(layout.bibs, root) == ["refs.bib"]
    assert layout.settings["bib"].origin == "pyproject.toml [tool.refcheck]"
    monkeypatch.chdir(root / "examples" / "nested")
    layout = resolve_layout([], load_config())
    assert layout is not None
    assert names(layout.bibs, root) == ["examples/nested/nested.bib"]  # not the enclosing one's


# -- the command line --------------------------------------------------------------------


def sphinx_project(root: Path) -> Path:
    return write(
        root,
        {
            "docs/conf.py": """
                extensions = ["sphinxcontrib.bibtex"]
                bibtex_bibfiles = ["refs.bib"]
                exclude_patterns = ["drafts"]
            """,
            "docs/refs.bib": BIB + "@book{unused2000, title = {Unused}, date = {2000}}\n",
            "docs/index.rst": "Intro\n=====\n\n:cite:`knuth1984` and :cite:`missing`.\n",
            "docs/drafts/draft.rst": ":cite:`unused2000`\n",
        },
    )


def test_check_without_paths_checks_the_project_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sphinx_project(tmp_path))
    assert run(["check", "--format", "json", "--as-of", "2025-06-01"]) == 1
    found = {(f["code"], f["key"]) for f in json.loads(capsys.readouterr().out)["findings"]}
    # The draft is excluded, so its citation counts for nothing: unused2000 is unused.
    assert found == {("C001", "missing"), ("C002", "unused2000")}


def test_check_with_a_project_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sphinx_project(tmp_path)
    assert run(["check", str(tmp_path / "docs"), "--as-of", "2025-06-01", "-q"]) == 1
    out = capsys.readouterr().out
    assert "missing" in out and "draft.rst" not in out


def test_check_with_the_repository_folder_finds_its_docs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sphinx_project(tmp_path)  # docs/conf.py below the folder given
    assert run(["check", str(tmp_path), "--as-of", "2025-06-01", "-q"]) == 1
    out = capsys.readouterr().out
    assert "missing" in out and "draft.rst" not in out  # the excluded draft is not read


def test_a_folder_of_many_projects_is_walked_as_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sphinx_project(tmp_path / "one")
    sphinx_project(tmp_path / "two")
    assert run(["check", str(tmp_path), "--as-of", "2025-06-01", "-q"]) == 1
    out = capsys.readouterr().out
    # No build chosen: every file is read, both bibs together (so their keys clash) and the
    # drafts too (so unused2000, cited only there, is not unused).
    assert "U001 [duplicate-key]" in out
    assert "unused2000' is never cited" not in out


def test_show_files_lists_bibs_in_order_then_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        {
            "conf.py": "extensions = ['myst_nb']\nbibtex_bibfiles = ['z.bib', 'a.bib']\n",
            "z.bib": "",
            "a.bib": "",
            "index.md": "",
            "nb.ipynb": "{}",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert run(["check", "--show-files"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["bib  z.bib", "bib  a.bib", "doc  index.md"]
    assert lines[3].startswith("doc  nb.ipynb")  # named, with whether refcheck reads it


def test_show_settings_says_where_each_setting_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sphinx_project(tmp_path))
    assert run(["check", "--show-settings"]) == 0
    out = capsys.readouterr().out
    assert "project: sphinx (docs)" in out
    assert "bibtex_bibfiles = ['refs.bib']  # docs/conf.py:3" in out
    assert "bibtex_encoding = 'utf-8-sig'  # default" in out
    assert "exclude_patterns = ['drafts']  # docs/conf.py:4" in out


def test_show_settings_lists_unreadable_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"conf.py": "import glob\nexclude_patterns = glob.glob('x*')\n"})
    monkeypatch.chdir(tmp_path)
    assert run(["check", "--show-settings"]) == 0
    out = capsys.readouterr().out
    assert "conf.py:2: [unreadable-setting] setting 'exclude_patterns' could not be read" in out


# -- real projects' configurations (tests/project_data, each with its source and licence) --


def test_bib_macros_carry_over_in_the_configured_order() -> None:
    folder = PROJECT_DATA / "sphinxcontrib-bibtex-multiple-macros"
    layout = discover(folder)
    assert [p.name for p in layout.bibs] == ["macros.bib", "test.bib"]
    project = build_project(layout.bibs, [])
    assert not [p for b in project.bibfiles for p in b.problems]
    reversed_order = build_project(list(reversed(layout.bibs)), [])
    assert any("macro" in p.message for b in reversed_order.bibfiles for p in b.problems)


def test_declared_bib_encoding_decodes_the_files() -> None:
    folder = PROJECT_DATA / "sphinxcontrib-bibtex-encoding"
    layout = discover(folder)
    assert layout.bib_encoding == "iso-8859-1"
    project = build_project(layout.bibs, [], bib_encoding=layout.bib_encoding)
    [bib] = project.bibfiles
    assert not bib.problems
    assert bib.entries[0].fields[0].value == "Mr. \u00c4ppl\\'e"
    guessed = build_project(layout.bibs, [])  # without the setting: a guess, reported
    assert guessed.bibfiles[0].problems


def test_sphinx_gallery_project_from_mne_connectivity() -> None:
    folder = PROJECT_DATA / "mne-connectivity" / "doc"
    layout = discover(folder)
    assert [p.name for p in layout.bibs] == ["references.bib"]
    assert [p.relative_to(folder.parent).as_posix() for p in layout.docs] == [
        "doc/index.rst",
        "examples/README.txt",
        "examples/plot_connectivity.py",
        "mne_connectivity/__init__.py",  # autodoc's docstrings; its tests are not documented
    ]
    # Only the sort key is computed, and refcheck needs no sort key: nothing to report.
    assert layout.problems == []


def test_conf_py_that_sets_names_through_globals_from_scico() -> None:
    layout = discover(PROJECT_DATA / "scico" / "docs" / "source")
    [problem] = layout.problems
    assert problem.rule == "unreadable-setting"
    assert "globals()" in problem.message
    assert layout.sources_unknown.startswith("conf.py sets names at run time")


def test_jupyter_book_from_jupyter_book_docs() -> None:
    folder = PROJECT_DATA / "jupyter-book-v1-docs"
    layout = discover(folder)
    assert [p.name for p in layout.bibs] == ["references.bib"]
    assert "file-types/include-rst.rst" not in names(layout.docs, folder)  # excluded
    assert "content/citations.md" in names(layout.docs, folder)


def test_myst_md_from_computational_review_template() -> None:
    folder = PROJECT_DATA / "computational-review-template"
    layout = discover(folder)
    assert names(layout.bibs, folder) == ["content/references.bib"]
    assert names(layout.docs, folder) == ["content/01_introduction.md"]
    assert folder / "content" / "authors.yml" in layout.config_files  # extends followed


def test_natbib_roles_are_read_as_sphinx_natbib_reads_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """sphinxcontrib-bibtex's test-natbib root: ``key [pre][post]`` and ``:cite:title:``."""
    folder = PROJECT_DATA / "sphinxcontrib-bibtex-natbib"
    layout = discover(folder)
    assert layout.natbib
    assert run(["check", str(folder), "--select", "C", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_without_natbib_the_same_document_is_read_as_sphinxcontrib_bibtex_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The near miss: with sphinxcontrib.bibtex, ``[p. 3]`` is no pre/post text but a
    malformed target (the build stops on it), and ``:cite:title:`` is no role."""
    folder = PROJECT_DATA / "sphinxcontrib-bibtex-natbib"
    for name in ("doc0.rst", "index.rst", "test.bib"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["test.bib"]\n',
        encoding="utf-8",
    )
    assert not discover(tmp_path).natbib
    assert run(["check", str(tmp_path), "--select", "C", "--format", "json"]) == 1
    found = {(f["code"], f["key"]) for f in json.loads(capsys.readouterr().out)["findings"]}
    assert ("C001", "[p.") in found and ("C001", "[see][]") in found
    assert ("C002", "notitle") in found and ("C002", "Kristensen83") in found


def test_a_document_a_build_step_copies_in_is_named_and_once_copied_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """nilearn: its Makefile copies the dataset descriptions into doc/modules/description
    before Sphinx runs.  Statically the entry they cite looks unused, and refcheck says
    which document it could not see; with the copy made, as in a build, it is cited."""
    import shutil

    shutil.copytree(PROJECT_DATA / "nilearn-description", tmp_path / "nilearn")
    doc = tmp_path / "nilearn" / "doc"
    assert run(["check", str(doc), "--select", "C", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {(f["code"], f["key"]) for f in report["findings"]} == {("C002", "AAL_atlas")}
    [unread] = report["summary"]["not_read"]
    assert unread["path"].endswith("modules/description/aal.rst")
    assert "modules/datasets.rst:8 but not in the source folder" in unread["reason"]
    (doc / "modules" / "description").mkdir()
    description = tmp_path / "nilearn" / "nilearn" / "datasets" / "description" / "aal.rst"
    shutil.copy(description, doc / "modules" / "description")  # the Makefile's copy
    assert run(["check", str(doc), "--select", "C", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == [] and report["summary"]["not_read"] == []
