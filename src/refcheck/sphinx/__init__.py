"""refcheck inside Sphinx: the CLI's rules on what Sphinx reads, as build warnings.

Add ``"refcheck.sphinx"`` to ``extensions`` (next to ``sphinxcontrib.bibtex``).  Every
finding becomes a warning of type ``refcheck`` and subtype the rule's name, at the
citing line or the ``.bib`` line, so ``suppress_warnings = ["refcheck.unused-entry"]``
silences one rule and ``-W`` fails on the rest.  Settings and suppressions come from
``[tool.refcheck]`` of the nearest pyproject.toml above the configuration directory, or
from the file named by ``refcheck_config``.  ``{refcheck-report}`` renders the audit.
The warnings and the audit are in the project's ``language`` when refcheck has messages in
it (refcheck.i18n), else in English.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from refcheck import __version__
from refcheck.sphinx.check import run_checks
from refcheck.sphinx.collect import collect_citations, merge_documents, purge_document
from refcheck.sphinx.directive import RefcheckReportDirective
from refcheck.sphinx.nodes import refcheck_report
from refcheck.sphinx.resolve import fill_reports


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("refcheck_config", None, "env", types=frozenset({str, type(None)}))

    # override: docutils' registries are global, and a process may build more than once.
    app.add_node(refcheck_report, override=True)
    app.add_directive("refcheck-report", RefcheckReportDirective, override=True)

    app.connect("doctree-read", collect_citations)
    app.connect("env-purge-doc", purge_document)
    app.connect("env-merge-info", merge_documents)
    # Before sphinxcontrib-bibtex's own env-updated handler (priority 500), which formats
    # the cited entries: an entry its style cannot format stops the build there, and
    # unformattable-entry-type's warning must come first.
    app.connect("env-updated", run_checks, priority=400)
    app.connect("doctree-resolved", fill_reports)

    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
