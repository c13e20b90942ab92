"""SARIF 2.1.0 for code scanning: the rules with their documentation, and the results.

Suppressed findings are included with a SARIF ``suppressions`` entry carrying the
reason, so code-scanning tools show them as dismissed rather than losing them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from urllib.parse import quote

from refcheck import __version__
from refcheck.engine import CheckResult
from refcheck.model import Finding, Location, Severity
from refcheck.output import related_label
from refcheck.output.indented_json import dumps
from refcheck.rules.registry import Rule

TYPE_CHECKING = False  # typing's flag, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SECTION = re.compile(r"^## What it does\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative, with %-escapes."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix(), safe="/")
    return quote(pure.as_posix(), safe="/")


def _physical(location: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(location.path)},
            "region": {"startLine": max(1, location.line), "startColumn": max(1, location.col)},
        }
    }


def rule_descriptor(rule: Rule, config_severity: Severity | None = None) -> dict[str, Any]:
    doc = rule.doc
    what = _SECTION.search(doc)
    full = " ".join(what.group("body").split()) if what else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVEL[config_severity or rule.severity]},
    }


def _fingerprint(f: Finding) -> str:
    identity = "\0".join([f.code, f.path, f.key or "", f.message])
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_physical(f.location)],
        "partialFingerprints": {"refcheckFinding/v1": _fingerprint(f)},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.related:
        result["relatedLocations"] = [
            {"id": number, **_physical(r), "message": {"text": related_label(f.rule)}}
            for number, r in enumerate(f.related, start=1)
        ]
    return result


def as_dict(result: CheckResult) -> dict[str, Any]:
    rules = sorted(result.rules, key=lambda r: r.code)
    index = {rule.code: number for number, rule in enumerate(rules)}
    results = [_result(f, index) for f in result.findings]
    for s in result.suppressed:
        entry = _result(s.finding, index)
        entry["suppressions"] = [
            {
                "kind": "inSource" if s.kind == "inline" else "external",
                "justification": s.reason,
                "location": _physical(s.location),
            }
        ]
        results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "refcheck",
                        "version": __version__,
                        "rules": [
                            rule_descriptor(rule, result.severities.get(rule.name))
                            for rule in rules
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(result: CheckResult, *, statistics: bool = False, quiet: bool = False) -> str:
    return dumps(as_dict(result)) + "\n"
