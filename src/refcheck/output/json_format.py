"""A JSON object: version, findings, summary, suppressed (schema: findings.schema.json)."""

from __future__ import annotations

from refcheck import __version__
from refcheck.engine import CheckResult
from refcheck.model import Finding, Location
from refcheck.output.indented_json import dumps

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


def as_dict(result: CheckResult) -> dict[str, Any]:
    counts = result.counts()
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "refcheck", "version": __version__},
        "findings": [finding_dict(f) for f in result.findings],
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


def render(result: CheckResult, *, statistics: bool = False, quiet: bool = False) -> str:
    # ensure_ascii=False keeps Japanese readable; json still escapes every control character.
    return dumps(as_dict(result)) + "\n"
