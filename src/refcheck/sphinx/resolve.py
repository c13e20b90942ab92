"""``doctree-resolved``: turn ``refcheck_report`` placeholders into audit tables.

The table is built when a doctree is resolved for writing, after the whole project has
been checked; in parallel builds this happens in the main process, which holds the
merged environment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from refcheck.sphinx.nodes import refcheck_report
from refcheck.sphinx.report import build_report
from refcheck.sphinx.state import state_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fill_reports(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    state = state_of(app.env)
    for node in list(doctree.findall(refcheck_report)):
        node.replace_self(
            build_report(
                state.result,
                state.root,
                app.env,
                app.builder,
                # LaTeX resolves the assembled book under its root document's name.
                node.get("docname", docname),
                show_suppressed=node.get("show_suppressed", True),
            )
        )
