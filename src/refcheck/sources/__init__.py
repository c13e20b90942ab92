"""Every place a project cites from, read into citations and ``bibliography`` directives.

What is read, by kind (``kind_of(path)`` names it from the suffix; a caller that knows
better, such as project discovery reading ``source_suffix``, passes ``kind``):

- ``myst``: MyST Markdown (``.md``), Jupytext Markdown and MyST-NB text notebooks
  included (their code cells are code fences); with ``mystmd`` also MyST-MD's
  ``[@key]``/``@key`` (:mod:`refcheck.sources.mystmd`);
- ``rst``: reStructuredText (``.rst``), ``.. include::`` followed;
- ``notebook``: Jupyter notebooks (``.ipynb``), markdown and raw cells
  (:mod:`refcheck.sources.notebook`);
- ``python``: docstrings and sphinx-gallery text blocks (:mod:`refcheck.sources.python`),
  Cython's ``.pyx`` too.

API for callers::

    from refcheck.sources import SourceInput, read_sources, scan_text

    scan = scan_text("a.md", text)               # pure: citations, bibliographies, includes
    found = read_sources([SourceInput(path), SourceInput(path2, "rst")], srcdir=docs)
    found.documents, found.citations, found.bibliographies, found.problems, found.unread

Nothing is skipped silently: a file that cannot be read, or a folder's file of a kind
refcheck does not read, is in ``unread`` with the reason, and the reports name it.
"""

from __future__ import annotations

from pathlib import Path

from refcheck.sources.reader import NOT_READ_SUFFIXES, SourceInput, SourceSet, Unread, read_sources

__all__ = [
    "KIND_BY_SUFFIX",
    "NOT_READ_SUFFIXES",
    "SourceInput",
    "SourceSet",
    "Unread",
    "kind_of",
    "read_sources",
    "scan_text",
]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from refcheck.sources.documents import DocumentScan

KIND_BY_SUFFIX = {
    ".md": "myst", ".rst": "rst", ".ipynb": "notebook", ".py": "python", ".pyx": "python",
}  # fmt: skip


def kind_of(path: str | Path) -> str | None:
    """The kind of source a path's suffix says, or None."""
    return KIND_BY_SUFFIX.get(Path(path).suffix.lower())


def scan_text(
    path: str, text: str, kind: str | None = None, *, mystmd: bool = False, natbib: bool = False
) -> DocumentScan:
    """The citations, bibliographies and includes of one source's text.

    Raises ``ValueError`` (with a ``line``) for a notebook that is not JSON or a Python
    file that does not parse.
    """
    # Imported here: refcheck.sources.documents itself imports parts of this package.
    from refcheck.sources.documents import scan_document

    kind = kind or kind_of(path) or "myst"
    if kind == "notebook":
        from refcheck.sources.notebook import scan_notebook

        return scan_notebook(path, text, mystmd=mystmd)
    if kind == "python":
        from refcheck.sources.python import scan_python

        return scan_python(path, text)
    # scan_document tells reST from MyST by the suffix: give it one that says the kind.
    label = (
        path
        if Path(path).suffix.lower() == (".rst" if kind == "rst" else ".md")
        else (path + (".rst" if kind == "rst" else ".md"))
    )
    scan = scan_document(label, text, mystmd=mystmd, natbib=natbib)
    if label != path:
        scan.citations = [c.moved_to(path) for c in scan.citations]
        scan.bibliographies = [b.replace(path=path) for b in scan.bibliographies]
    return scan
