"""The data classes' equality, hash and repr, which refcheck.value_objects gives them."""

from __future__ import annotations

import pickle

import pytest

from refcheck.model import Citation, Entry, Field, Location
from refcheck.rules.registry import Report


def test_equal_by_public_fields_in_their_order() -> None:
    assert Location("a.bib", 3, 1) == Location("a.bib", 3)
    assert Location("a.bib", 3, 1) != Location("a.bib", 3, 2)
    assert repr(Location("a.bib", 3, 2)) == "Location(path='a.bib', line=3, col=2)"


def test_another_class_with_the_same_fields_is_not_equal() -> None:
    location = Location("a.bib", 3, 1)
    assert Report(location, "m") != location
    assert location != ("a.bib", 3, 1)


def test_immutable_ones_hash_by_value_mutable_ones_not_at_all() -> None:
    assert len({Location("a.bib", 1), Location("a.bib", 1), Location("b.bib", 1)}) == 2
    assert hash(Citation("k", "d.md", 2)) == hash(Citation("k", "d.md", 2))
    with pytest.raises(TypeError):
        hash(Field("title", "T", 1, 1))


def test_a_cache_in_a_private_slot_changes_neither_equality_nor_repr() -> None:
    indexed = Entry("article", "k", "a.bib", 1, 1, [Field("title", "T", 2, 3)])
    plain = Entry("article", "k", "a.bib", 1, 1, [Field("title", "T", 2, 3)])
    indexed.first_fields()  # builds the _first index
    assert indexed == plain
    assert repr(indexed) == repr(plain)
    assert "_first" not in repr(indexed)


def test_they_pickle_as_sphinx_parallel_builds_need() -> None:
    citation = Citation("k", "d.md", 2, 5, "cite:p")
    assert pickle.loads(pickle.dumps(citation)) == citation
    entry = Entry("article", "k", "a.bib", 1, 1, [Field("title", "T", 2, 3)])
    assert pickle.loads(pickle.dumps(entry)) == entry
