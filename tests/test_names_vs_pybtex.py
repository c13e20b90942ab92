"""name-list-invalid against pybtex itself: the names pybtex refuses are the ones reported.

pybtex (and with it sphinxcontrib-bibtex) raises "Too many commas" on an `author` or
`editor` name it cannot read; that stops a Sphinx build.  Every generated name list that
pybtex refuses must be reported as too many commas, and none that it reads.
"""

from __future__ import annotations

import itertools

import pytest
from pybtex.database import parse_string
from pybtex.scanner import PybtexError

from refcheck.bib import parse_text
from refcheck.config import Config
from refcheck.engine import check_project
from refcheck.rules import Project

_NAMES = [
    "A. One",
    "Smith, John",
    "von Beethoven, Jr., Ludwig",
    "Smith, J., Doe, J.",
    "One, Two, Three, Four",
    "{Barnes, Noble, and Co.}",
    'M{\\"u}ller, K.-R.',
    "Anders Anderson",
    "Smith,",
    "x, {y, z}, w",
]
_JOINS = [" and ", " AND ", ", ", "\n    and "]


def _lists() -> list[str]:
    lists = list(_NAMES)
    for first, join, second in itertools.product(_NAMES, _JOINS, _NAMES):
        lists.append(first + join + second)
    return lists


def _pybtex_refuses(value: str) -> bool:
    try:
        parse_string("@article{k, author = {" + value + "}, title = {T}}", "bibtex")
    except PybtexError:
        return True
    return False


def _too_many_commas_reported(values: list[str]) -> list[bool]:
    bib = "\n".join(
        f"@article{{k{index}, author = {{{value}}}, title = {{T}}}}"
        for index, value in enumerate(values)
    )
    config = Config()
    config.select = ["N001"]
    result = check_project(Project(bibfiles=[parse_text(bib, "refs.bib")]), config)
    reported = {finding.key for finding in result.findings if "commas, a name" in finding.message}
    return [f"k{index}" in reported for index in range(len(values))]


@pytest.mark.parametrize("chunk", range(4))
def test_too_many_commas_is_what_pybtex_refuses(chunk: int) -> None:
    values = _lists()[chunk::4]
    reported = _too_many_commas_reported(values)
    disagreements = [
        (value, refused)
        for value, was_reported in zip(values, reported, strict=True)
        if (refused := _pybtex_refuses(value)) != was_reported
    ]
    assert not disagreements
    assert any(reported), "the generated lists hold names pybtex refuses"
