"""Each reference layout the importer reads, as data in importer_data/formats.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from refcheck.importer import ReferenceSyntaxError, import_references
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
    "booktitle",
    "series",
    "volume",
    "issue",
    "edition",
    "location",
    "pages",
    "isbn",
    "issn",
    "doi",
    "url",
    "archiveurl",
    "note",
    "editor",
    "eventtitle",
    "origdate",
)


def _import_one(text: str) -> Any:
    segmentation = segment(f"前の行\n- ^ {text}\n")
    assert segmentation.notices == []
    assert len(segmentation.references) == 1
    return parse_reference(segmentation.references[0])


@pytest.mark.parametrize("case", DATA["case"], ids=[case["name"] for case in DATA["case"]])
def test_reference_layout(case: dict[str, Any]) -> None:
    reference = _import_one(case["text"])
    expect = case["expect"]
    for name in FIELDS:
        assert getattr(reference, name) == expect.get(name), name
    assert reference.wpformat == expect["wpformat"]
    assert reference.entrytype == expect.get("entrytype", "article")
    if "author_is_literal" in expect:
        assert reference.author_is_literal is expect["author_is_literal"]
    assert reference.line == 2


@pytest.mark.parametrize(
    "case", DATA["malformed"], ids=[case["name"] for case in DATA["malformed"]]
)
def test_unreadable_reference_is_kept_whole_and_reported_with_its_line(
    case: dict[str, Any],
) -> None:
    with pytest.raises(ReferenceSyntaxError) as raised:
        _import_one(case["text"])
    assert raised.value.line == 2
    result = import_references(f"前の行\n- ^ {case['text']}\n", "one.txt")
    assert result.errors == []
    (entry,) = result.references
    assert (entry.entrytype, entry.wpformat) == ("misc", "raw")
    assert (entry.note or "") == " ".join(case["text"].split())
    assert (2, f"reference [1] fits no layout; kept whole in note: {case['text']}") in [
        (notice.line, notice.message) for notice in result.notices
    ]
    assert result.bib_text.count("@misc{") == 1


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
