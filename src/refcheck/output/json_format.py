"""A JSON object: version, findings, summary, suppressed (schema: findings.schema.json)."""

from __future__ import annotations

from json.encoder import encode_basestring  # the C escaper

from refcheck import __version__
from refcheck.engine import CheckResult
from refcheck.model import Finding, Location
from refcheck.output.indented_json import INDENT, Written, dumps, dumps_at

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

FORMAT_VERSION = 1


def _location(location: Location) -> dict[str, Any]:
    return {"path": location.path, "line": location.line, "col": location.col}


def finding_dict(f: Finding) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "rule": f.rule,
        "code": f.code,
        "severity": f.severity.value,
        "path": f.path,
        "line": f.line,
        "col": f.col,
        "key": f.key,
        "message": f.message,
        "related": [_location(r) for r in f.related],
    }
    if f.replacement is not None:  # only some rules can say what a fix would write
        r = f.replacement
        shown["replacement"] = {"field": r.field, "value": r.value, **_location(r.location)}
    return shown


def as_dict(result: CheckResult, *, findings_written: bool = False) -> dict[str, Any]:
    """The report as JSON values; with ``findings_written``, the findings as one
    :class:`Written` value for :func:`dumps` (the same text, faster)."""
    counts = result.counts()
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "refcheck", "version": __version__},
        "findings": (
            _written_findings(result.findings)
            if findings_written
            else [finding_dict(f) for f in result.findings]
        ),
        "summary": {
            "total": len(result.findings),
            **{severity.value: count for severity, count in counts.items()},
            "files": result.files_checked,
            "files_with_findings": result.files_with_findings,
            "entries": result.entries_checked,
            "suppressed": len(result.suppressed),
            "not_read": [{"path": u.path, "reason": u.reason} for u in result.unread],
        },
        "suppressed": [
            {
                **finding_dict(s.finding),
                "reason": s.reason,
                "suppressed_by": {"kind": s.kind, **_location(s.location)},
            }
            for s in result.suppressed
        ],
    }


def _written_findings(findings: list[Finding]) -> Written:
    def write(newline: str) -> str:
        if not findings:
            return "[]"
        inner = newline + INDENT
        texts = [_finding_text(f, inner) for f in findings]
        return "[" + inner + ("," + inner).join(texts) + newline + "]"

    return Written(write)


def _finding_text(f: Finding, newline: str) -> str:
    """``dumps_at(finding_dict(f), newline)``: from one template when the values have
    the types findings give them (thousands of findings, each a dict of a dozen values,
    were most of the writer's time); anything else by the general writer."""
    replacement = f.replacement
    if not (
        type(f.line) is int
        and type(f.col) is int
        and (replacement is None or _plain_location(replacement.location))
    ):
        return dumps_at(finding_dict(f), newline)
    try:
        key = "null" if f.key is None else encode_basestring(f.key)
        at = newline + INDENT
        related = "[]" if not f.related else dumps_at([_location(r) for r in f.related], at)
        text = (
            f'{{{at}"rule": {encode_basestring(f.rule)},{at}"code": {encode_basestring(f.code)}'
            f',{at}"severity": {encode_basestring(f.severity.value)}'
            f',{at}"path": {encode_basestring(f.path)},{at}"line": {f.line},{at}"col": {f.col}'
            f',{at}"key": {key},{at}"message": {encode_basestring(f.message)}'
            f',{at}"related": {related}'
        )
        if replacement is not None:
            inner, where = at + INDENT, replacement.location
            text += (
                f',{at}"replacement": {{{inner}"field": {encode_basestring(replacement.field)}'
                f',{inner}"value": {encode_basestring(replacement.value)}'
                f',{inner}"path": {encode_basestring(where.path)},{inner}"line": {where.line}'
                f',{inner}"col": {where.col}{at}}}'
            )
    except TypeError:  # a value that is not a string where findings hold strings
        return dumps_at(finding_dict(f), newline)
    return text + newline + "}"


def _plain_location(location: Location) -> bool:
    return type(location.line) is int and type(location.col) is int


def render(result: CheckResult, *, statistics: bool = False, quiet: bool = False) -> str:
    # ensure_ascii=False keeps Japanese readable; json still escapes every control character.
    return dumps(as_dict(result, findings_written=True)) + "\n"
