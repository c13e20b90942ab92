"""Rewriting every citation of one key to another, in documents and notebooks.

The places come from the document scanner the check itself uses
(:func:`refcheck.documents.scan_document`), so a rewrite touches exactly the keys the
check counts as citations: not code, not comments.  Keys are compared without case,
as the citation rules compare them.
"""

from __future__ import annotations

from refcheck.fixes.edits import Edit
from refcheck.fixes.notebook import NotebookError, json_text, notebook_citations
from refcheck.fixes.registry import FixContext


class Unrewritable(Exception):
    """A document cites the key but cannot be edited exactly; the merge is left out."""


def citation_edits(ctx: FixContext, old: str, new: str) -> list[Edit]:
    """Edits turning every citation of ``old`` into ``new``; raises ``Unrewritable``."""
    wanted = old.lower()
    edits: list[Edit] = []
    cited_in = {c.path for c in ctx.project.citations if c.key.lower() == wanted}
    for source in ctx.documents():
        if source.kind == "notebook":
            if source.text is None:
                raise Unrewritable(f"{source.label}: {source.problem}")
            try:
                found = [c for c in notebook_citations(source.text) if c.key.lower() == wanted]
            except NotebookError as exc:
                if old.lower() in source.text.lower():
                    raise Unrewritable(f"{source.label}: {exc}") from None
                continue
            edits += [Edit(source.label, c.start, c.end, json_text(new)) for c in found]
            continue
        if source.label not in cited_in:
            continue
        if source.text is None:
            raise Unrewritable(f"{source.label}: {source.problem}")
        for citation in ctx.project.citations:
            if citation.path != source.label or citation.key.lower() != wanted:
                continue
            start = source.doc_offset(citation.line, citation.col)
            end = start + len(citation.key)
            if source.text[start:end] != citation.key:
                raise Unrewritable(f"{source.label}: the citation at line {citation.line} moved")
            edits.append(Edit(source.label, start, end, new))
    return edits
