"""``{refcheck-report}``: the audit table of every finding and every suppression."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from refcheck.sphinx.nodes import refcheck_report
from refcheck.sphinx.state import state_of


class RefcheckReportDirective(SphinxDirective):
    """Insert the audit table here.

    Options: ``:no-suppressed:`` leaves out the suppressed findings.
    """

    has_content = False
    option_spec: ClassVar[dict[str, object]] = {
        "no-suppressed": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        node = refcheck_report()
        node["docname"] = self.env.docname
        node["show_suppressed"] = "no-suppressed" not in self.options
        self.set_source_info(node)
        state_of(self.env).report_docs.add(self.env.docname)
        return [node]
