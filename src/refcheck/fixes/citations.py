"""Rewriting every citation of one key to another, in documents and notebooks.

The places come from the document scanner the check itself uses
(:func:`refcheck.sources.documents.scan_document`), so a rewrite touches exactly the keys the
check counts as citations: not code, not comments.  Keys are compared without case,
as the citation rules compare them.
"""

from __future__ import annotations

from refcheck.fixes.edits import Edit
from refcheck.fixes.notebook import CellCitation, NotebookError, json_text, notebook_citations
from refcheck.fixes.registry import FixContext


class Unrewritable(Exception):
    """A document cites the key but cannot be edited exactly; the merge is left out."""


def citation_edits(ctx: FixContext, old: str, new: str) -> list[Edit]:
    """Edits turning every citation of ``old`` into ``new``; raises ``Unrewritable``."""
    wanted = old.lower()
    edits: list[Edit] = []
    by_key = ctx.memo.get("citations by key")
    if by_key is None:
        by_key = ctx.memo["citations by key"] = {}
        for citation in ctx.project.citations:
            by_key.setdefault(citation.key.lower(), []).append(citation)
    citations = by_key.get(wanted, [])
    cited_in = {c.path for c in citations}
    for source in ctx.documents():
        if source.kind == "notebook":
            if source.text is None:
                raise Unrewritable(f"{source.label}: {source.problem}")
            cited = _notebook_citations(ctx, source.label, source.text)
            if isinstance(cited, NotebookError):
                if wanted in source.text.lower():
                    raise Unrewritable(f"{source.label}: {cited}")
                continue
            found = [c for c in cited if c.key.lower() == wanted]
            edits += [Edit(source.label, c.start, c.end, json_text(new)) for c in found]
            continue
        if source.label not in cited_in:
            continue
        if source.text is None:
            raise Unrewritable(f"{source.label}: {source.problem}")
        for citation in citations:
            if citation.path != source.label:
                continue
            start = source.doc_offset(citation.line, citation.col)
            end = start + len(citation.key)
            if source.text[start:end] != citation.key:
                raise Unrewritable(f"{source.label}: the citation at line {citation.line} moved")
            edits.append(Edit(source.label, start, end, new))
    return edits


def _notebook_citations(
    ctx: FixContext, label: str, text: str
) -> list[CellCitation] | NotebookError:
    """A notebook's citations (or why it cannot be read), walked once per pass."""
    memo = ctx.memo.setdefault("notebook citations", {})
    if label not in memo:
        try:
            memo[label] = list(notebook_citations(text))
        except NotebookError as exc:
            memo[label] = exc
    found: list[CellCitation] | NotebookError = memo[label]
    return found
