"""What the extension keeps in the build environment, per document and per build.

Everything here is pickled with the environment and merged back from parallel readers
(``env-merge-info``), so it holds plain data only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refcheck.env_state import env_state
from refcheck.model import Citation

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from refcheck.engine import CheckResult

_ATTRIBUTE = "refcheck_state"


@dataclass(slots=True)
class CollectedDocument:
    """One read document: the text of its source files (the document itself first, then
    the files it includes, by absolute path) and the citations its doctree holds."""

    sources: dict[str, str] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class RefcheckState:
    documents: dict[str, CollectedDocument] = field(default_factory=dict)  # by docname
    report_docs: set[str] = field(default_factory=set)  # docnames with a refcheck-report
    # The last check of the whole project (recomputed after every read phase).
    result: CheckResult | None = None
    root: str = ""  # the configuration's folder: report paths are shown relative to it

    def purge(self, docname: str) -> None:
        self.documents.pop(docname, None)
        self.report_docs.discard(docname)

    def merge(self, docnames: set[str], other: RefcheckState) -> None:
        for docname in docnames:
            if docname in other.documents:
                self.documents[docname] = other.documents[docname]
            if docname in other.report_docs:
                self.report_docs.add(docname)


def state_of(env: BuildEnvironment) -> RefcheckState:
    return env_state(env, _ATTRIBUTE, RefcheckState)
