"""SARIF 2.1.0 for code scanning: the rules with their documentation, and the results.

Suppressed findings are included with a SARIF ``suppressions`` entry carrying the
reason, so code-scanning tools show them as dismissed rather than losing them.
"""

from __future__ import annotations

import hashlib
import re
from json.encoder import encode_basestring  # the C escaper
from pathlib import PurePath
from urllib.parse import quote

from refcheck import __version__
from refcheck.engine import CheckResult
from refcheck.model import Finding, Location, Severity
from refcheck.output import related_label
from refcheck.output.indented_json import INDENT, Written, dumps, dumps_at
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


def _physical(location: Location, uri: str | None = None) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(location.path) if uri is None else uri},
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


def _result(f: Finding, index: dict[str, int], uri: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_physical(f.location, uri)],
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


def _result_text(f: Finding, index: dict[str, int], uri: str, newline: str) -> str:
    """``dumps_at(_result(f, index, uri), newline)``: from one template when line and
    column are plain ints (a report of thousands of findings spent most of its time in
    the general writer's nested dictionaries), by the general writer otherwise."""
    if type(f.line) is not int or type(f.col) is not int:
        return dumps_at(_result(f, index, uri), newline)
    try:
        code, message = encode_basestring(f.code), encode_basestring(f.message)
    except TypeError:  # not a string where findings hold strings
        return dumps_at(_result(f, index, uri), newline)
    i1 = newline + INDENT
    i2, i3, i4, i5 = (i1 + INDENT * n for n in range(1, 5))
    text = (
        f'{{{i1}"ruleId": {code},{i1}"level": "{LEVEL[f.severity]}",{i1}"message": {{'
        f'{i2}"text": {message}{i1}}},{i1}"locations": [{i2}{{{i3}"physicalLocation": {{'
        f'{i4}"artifactLocation": {{{i5}"uri": {encode_basestring(uri)}{i4}}},'
        f'{i4}"region": {{{i5}"startLine": {max(1, f.line)},{i5}"startColumn": '
        f'{max(1, f.col)}{i4}}}{i3}}}{i2}}}{i1}],{i1}"partialFingerprints": {{'
        f'{i2}"refcheckFinding/v1": "{_fingerprint(f)}"{i1}}}'
    )
    if f.code in index:
        text += f',{i1}"ruleIndex": {index[f.code]}'
    if f.related:
        related = _result(f, index, uri)["relatedLocations"]
        text += f',{i1}"relatedLocations": {dumps_at(related, i1)}'
    return text + newline + "}"


def as_dict(result: CheckResult, *, results_written: bool = False) -> dict[str, Any]:
    """The report as JSON values; with ``results_written``, the findings' results as
    :class:`Written` values for :func:`dumps` (the same text, faster)."""
    rules = sorted(result.rules, key=lambda r: r.code)
    index = {rule.code: number for number, rule in enumerate(rules)}
    # Each path's URI once per report: PurePath and quote take microseconds, and a report
    # may have thousands of findings in one file.
    uris: dict[str, str] = {}

    def uri_of(path: str) -> str:
        uri = uris.get(path)
        if uri is None:
            uri = uris[path] = artifact_uri(path)
        return uri

    dismissed = []
    for s in result.suppressed:
        entry = _result(s.finding, index)
        entry["suppressions"] = [
            {
                "kind": "inSource" if s.kind == "inline" else "external",
                "justification": s.reason,
                "location": _physical(s.location),
            }
        ]
        dismissed.append(entry)
    findings = result.findings

    def write_results(newline: str) -> str:
        inner = newline + INDENT
        texts = [_result_text(f, index, uri_of(f.path), inner) for f in findings]
        texts += [dumps_at(entry, inner) for entry in dismissed]
        return "[" + inner + ("," + inner).join(texts) + newline + "]" if texts else "[]"

    results: Any = (
        Written(write_results)
        if results_written
        else [_result(f, index, uri_of(f.path)) for f in findings] + dismissed
    )
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
    return dumps(as_dict(result, results_written=True)) + "\n"
