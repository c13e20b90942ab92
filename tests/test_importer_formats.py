"""Each reference layout the importer reads, as data in importer_data/formats.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from refcheck.importer import ReferenceSyntaxError
from refcheck.importer.parse import parse_reference, strip_backrefs
from refcheck.importer.segment import segment

DATA = tomllib.loads((Path(__file__).parent / "importer_data" / "formats.toml").read_text("utf-8"))
FIELDS = (
    "title",
    "work",
    "publisher",
    "author",
    "date",
    "urldate",
    "archivedate",
    "language",
    "sourceflag",
)


def _import_one(text: str) -> Any:
    segmentation = segment(f"前の行\n- ^ {text}\n")
    assert segmentation.errors == []
    assert len(segmentation.references) == 1
    return parse_reference(segmentation.references[0])


@pytest.mark.parametrize("case", DATA["case"], ids=[case["name"] for case in DATA["case"]])
def test_reference_layout(case: dict[str, Any]) -> None:
    reference = _import_one(case["text"])
    expect = case["expect"]
    for name in FIELDS:
        assert getattr(reference, name) == expect.get(name), name
    assert reference.wpformat == expect["wpformat"]
    if "author_is_literal" in expect:
        assert reference.author_is_literal is expect["author_is_literal"]
    assert reference.line == 2


@pytest.mark.parametrize(
    "case", DATA["malformed"], ids=[case["name"] for case in DATA["malformed"]]
)
def test_malformed_reference_is_an_error_naming_line_and_text(case: dict[str, Any]) -> None:
    with pytest.raises(ReferenceSyntaxError) as raised:
        _import_one(case["text"])
    assert raised.value.line == 2
    assert raised.value.message == f"cannot parse reference [1]: {case['text']}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b c “t”", "“t”"),
        ("a b “t”", "“t”"),
        ("a “t”", "a “t”"),  # one letter is never a back-reference list
        ("b c “t”", "b c “t”"),  # not Wikipedia's sequence
        ("de Gaulle, Charles (1970)", "de Gaulle, Charles (1970)"),
        (" ".join("abcdefghijklmnopqrstuvwxyz") + " aa ab “t”", "“t”"),
    ],
)
def test_back_reference_letters(text: str, expected: str) -> None:
    assert strip_backrefs(text) == expected
