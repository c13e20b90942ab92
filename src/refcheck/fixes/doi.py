"""The DOI fix: a ``doi`` field holding a resolver URL or a ``doi:`` prefix -> the bare DOI.

Attached by name to the rule that reports such a field (``DOI_RULE``, one of the
identifier rules of issue 11); until a rule of that name is registered the fixer is
never asked.  To attach it to a rule of another name or code, register it again:
``fixer("I001", Applicability.SAFE)(fix_doi_prefix)``.
"""

from __future__ import annotations

from refcheck.fixes.bibspans import delimited_body, field_span
from refcheck.fixes.edits import Applicability, Edit, Fix
from refcheck.fixes.registry import FixContext, fixer
from refcheck.model import Finding
from refcheck.normalize import strip_doi_prefix

DOI_RULE = "doi-invalid"


@fixer(DOI_RULE, Applicability.SAFE)
def fix_doi_prefix(finding: Finding, ctx: FixContext) -> Fix | None:
    """Safe, for a `doi` field written as a link or with a prefix
    (`https://doi.org/10.1000/xyz`, `http://dx.doi.org/10.1000/xyz`, `doi:10.1000/xyz`):
    the prefix is removed and the DOI kept exactly as written (DOIs are compared
    without case, so its case is left alone).  Styles add the resolver themselves, so
    the printed link is the same.  A DOI that is percent-encoded in its URL
    (`10.1000%2Fxyz`) is not fixed, since decoding it is a guess about the escaping."""
    found = ctx.field_at(finding)
    source = ctx.source(finding.path)
    if found is None or source is None or found[1].name != "doi":
        return None
    span = field_span(source, found[1])
    body = delimited_body(source, span) if span is not None else None
    if body is None:
        return None
    assert source.text is not None  # ctx.source gives editable files only
    raw = source.text[body[0] : body[1]]
    bare = strip_doi_prefix(raw)
    if bare == raw.strip() or not bare.startswith("10.") or "/" not in bare:
        return None
    if "%" in bare or any(c.isspace() for c in bare):
        return None
    edit = Edit(finding.path, body[0], body[1], bare)
    return Fix(finding, Applicability.SAFE, (edit,), f"doi: write {bare}")
