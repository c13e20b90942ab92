"""Each entry's first field of each name, as the parser makes it while it reads, is the
one Entry.first_fields would make from the fields afterwards (the parser's common
layout builds it in its loop; the careful path leaves it to the first lookup)."""

from __future__ import annotations

import pytest

from refcheck.bib import parse_file, parse_text
from refcheck.model import Entry, Field, WrittenField
from shared import CORPUS_DIR


def _firsts_made_afterwards(entry: Entry) -> dict[str, Field]:
    return {field.name: field for field in reversed(entry.fields)}


def _assert_firsts_are_the_first_fields(entry: Entry) -> None:
    made, expected = entry.first_fields(), _firsts_made_afterwards(entry)
    assert made.keys() == expected.keys(), entry.key
    assert all(made[name] is expected[name] for name in made), entry.key


@pytest.mark.parametrize(
    "path", sorted((CORPUS_DIR / "large").glob("*.bib")), ids=lambda path: path.stem
)
def test_the_first_fields_of_real_entries(path) -> None:  # type: ignore[no-untyped-def]
    for entry in parse_file(path).entries:
        _assert_firsts_are_the_first_fields(entry)


def test_repeated_fields_macros_concatenations_and_wrapped_values() -> None:
    text = (
        '@string{j = "Journal"}\n\n'
        "@article{a,\n  title = {One},\n  journal = j,\n  title = {Two},\n"
        '  note = "x" # j,\n  abstract = {wrapped\n     over lines},\n  journal = {K},\n}\n'
    )
    (entry,) = parse_text(text, "t.bib").entries
    _assert_firsts_are_the_first_fields(entry)
    assert entry.get("title") == "One" and entry.get("journal") == "Journal"


def test_a_date_with_a_tab_is_its_written_field_also_as_the_first() -> None:
    (entry,) = parse_text("@article{a,\n  date = {2020-01-01\t},\n}\n", "t.bib").entries
    field = entry.field("date")
    assert isinstance(field, WrittenField) and field is entry.fields[0]
    _assert_firsts_are_the_first_fields(entry)
