"""refcheck.output.indented_json writes what json.dumps(indent=2, ensure_ascii=False) does."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.engine import CheckResult
from refcheck.model import Finding, Location, Replacement, Severity
from refcheck.output import json_format, sarif_format
from refcheck.output.indented_json import dumps
from refcheck.rules import all_rules
from refcheck.suppress import Suppressed

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()  # controls, quotes, backslashes, surrogates' neighbours, Japanese
    | st.sampled_from(list(Severity))  # a str subclass, as reports hold
)
_KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None)
@given(_VALUES)
def test_the_same_text_as_json_dumps(value: object) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_special_floats_and_empty_containers() -> None:
    value = {"a": [], "b": {}, "c": [math.nan, math.inf, -math.inf, 1e300, -0.0]}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_refuses_it_refuses_alike() -> None:
    for bad in ({(1, 2): "tuple key"}, {"a": {1, 2}}, [object()]):
        try:
            json.dumps(bad, ensure_ascii=False, indent=2)
        except TypeError as expected:
            try:
                dumps(bad)
            except TypeError as error:
                assert str(error) == str(expected)
            else:
                raise AssertionError(f"{bad!r} was written")


# Findings as rules make them, and a few as they could be made by a caller of the API
# (a bool or a big int for a line, a key that is not a string): the JSON report writes
# most findings from a template, and must give json.dumps' text of as_dict all the same.
_TEXTS = st.text() | st.sampled_from(["doi-invalid", "I001", "refs.bib", "北朝鮮", '"\\\n'])
_LINES = st.integers(0, 10**6) | st.integers() | st.booleans()
_LOCATIONS = st.builds(Location, _TEXTS, _LINES, _LINES)
_FINDINGS = st.builds(
    Finding,
    _TEXTS,
    _TEXTS,
    st.sampled_from(list(Severity)),
    _TEXTS,
    _LINES,
    _LINES,
    _TEXTS,
    st.none() | _TEXTS | st.integers(),
    st.lists(_LOCATIONS, max_size=3).map(tuple),
    st.none() | st.builds(Replacement, _TEXTS, _LOCATIONS, _TEXTS),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDINGS, max_size=5))
def test_the_json_report_writes_findings_as_json_dumps_does(findings: list[Finding]) -> None:
    result = CheckResult(findings=findings, suppressed=[], rules=[], files_checked=1)
    expected = json.dumps(json_format.as_dict(result), ensure_ascii=False, indent=2) + "\n"
    assert json_format.render(result) == expected


_RULES = [r for r in all_rules() if r.code in ("I001", "D001", "U001")]
# SARIF's fingerprint reads the key as text: findings with a key that is not are left out.
_SARIF_FINDINGS = _FINDINGS.filter(lambda f: not isinstance(f.key, int))
_SUPPRESSED = st.builds(
    Suppressed, _SARIF_FINDINGS, _TEXTS, _LOCATIONS, st.sampled_from(["inline", "config"])
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        _SARIF_FINDINGS.map(lambda f: _with_code(f, f.code[:1])) | _SARIF_FINDINGS, max_size=5
    ),
    st.lists(_SUPPRESSED, max_size=2),
)
def test_the_sarif_report_writes_results_as_json_dumps_does(
    findings: list[Finding], suppressed: list[Suppressed]
) -> None:
    result = CheckResult(findings=findings, suppressed=suppressed, rules=_RULES)
    expected = json.dumps(sarif_format.as_dict(result), ensure_ascii=False, indent=2) + "\n"
    assert sarif_format.render(result) == expected


def _with_code(finding: Finding, letter: str) -> Finding:
    """The finding with a code some rule of the report has (it gets a ruleIndex)."""
    finding.code = {"I": "I001", "D": "D001"}.get(letter, "U001")
    return finding
