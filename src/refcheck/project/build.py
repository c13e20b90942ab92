"""The project a check reads, as discovery found it: the one place that builds it, so
that ``refcheck check`` and ``refcheck check --fix`` read the same files the same way
(each document as its build parses it, the .bib files in ``bibtex_encoding``)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from refcheck.engine import Inputs
    from refcheck.project.layout import Layout
    from refcheck.rules.registry import Project
    from refcheck.sources import SourceInput


def build_layout_project(layout: Layout, inputs: Inputs) -> Project:
    """Read and parse ``inputs`` (the files of ``layout``) as the check does."""
    from refcheck.engine import build_project

    sources: list[SourceInput] = []
    if inputs.docs:  # a .bib-only run need not import the document readers
        from refcheck.sources import SourceInput

        sources = [SourceInput(d, layout.kind_of(d)) for d in inputs.docs]
    project = build_project(
        inputs.bib,
        sources,
        not_read=inputs.not_read,
        srcdir=layout.root if layout.kind in ("sphinx", "jupyter-book") else None,
        bib_encoding=layout.bib_encoding,
        mystmd=mystmd_of(layout),
        natbib=layout.natbib,
    )
    layout.apply_to(project)
    return project


def mystmd_of(layout: Layout) -> bool | None:
    """Whether MyST-MD syntax is read (None: where a ``myst.yml`` is above a file)."""
    return True if layout.kind == "myst-md" else None
