"""The node the ``refcheck-report`` directive leaves in a doctree.

It is a placeholder: findings are known only once every document is read, so
``refcheck.sphinx.resolve.fill_reports`` replaces it with the table when the doctree is resolved.
"""

from __future__ import annotations

from docutils import nodes


class refcheck_report(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """Where the audit table goes."""
