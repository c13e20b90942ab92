"""The post-transform that turns ``refcheck_report`` placeholders into audit tables."""

from __future__ import annotations

from typing import Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from refcheck.sphinx.nodes import refcheck_report
from refcheck.sphinx.report import build_report
from refcheck.sphinx.state import state_of


class ReportTransform(SphinxPostTransform):
    """Fill every audit table with the findings of the last check."""

    default_priority = 10

    def run(self, **kwargs: Any) -> None:
        state = state_of(self.env)
        for node in list(self.document.findall(refcheck_report)):
            node.replace_self(
                build_report(
                    state.result,
                    state.root,
                    self.env,
                    self.app.builder,
                    self.env.docname,
                    show_suppressed=node.get("show_suppressed", True),
                )
            )
