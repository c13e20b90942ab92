"""name-list-invalid's token scanners split and count as BibTeX's character walk does.

``split_names`` and ``top_level_commas`` step from token to token (``and`` between white
space, braces, commas) with one regex, and take ``str.split``/``str.count`` when the value
has no brace; the character-by-character walks below are the readings they replaced, kept
here as the reference (BibTeX's own: depth never below 0, ``and`` in any case between
white space, the white space after one ``and`` shared with the next).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.bib.names import split_names, top_level_commas
from refcheck.rules.names import _TWO_ANDS, _name_list_problem


def _split_by_character(value: str) -> list[str]:
    names: list[str] = []
    depth = start = index = 0
    while index < len(value):
        char = value[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif (
            depth == 0
            and char.isspace()
            and value[index + 1 : index + 4].casefold() == "and"
            and index + 4 < len(value)
            and value[index + 4].isspace()
        ):
            names.append(value[start:index].strip())
            index += 4
            start = index
            continue
        index += 1
    names.append(value[start:].strip())
    return names


def _commas_by_character(name: str) -> int:
    depth = commas = 0
    for char in name:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            commas += 1
    return commas


# Pieces near the edges: "and" in every case, inside words, at the ends, doubled; white
# space of several kinds; unbalanced braces both ways; the one letter (U+1E9A) whose
# casefold starts with "a" and is longer.
_PIECES = st.sampled_from(
    [" and ", "and", " AND ", " aNd", "And ", " and", "\tand\n", " and and ", "andy", "sand",
     "{", "}", "{\\\"o}", " ", "\u00a0", "\u2003", ",", ", ", "A.", "Smith", "\u1e9and",
     " \u1e9and ", "\u212a", "x"]
)  # fmt: skip
_VALUES = st.lists(_PIECES, max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(_VALUES)
def test_split_names_agrees_with_the_character_walk(value: str) -> None:
    assert split_names(value) == _split_by_character(value)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_VALUES, st.text(alphabet="{},ab \t", max_size=20)))
def test_top_level_commas_agrees_with_the_character_walk(name: str) -> None:
    assert top_level_commas(name) == _commas_by_character(name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_text_splits_as_the_character_walk_does(value: str) -> None:
    assert split_names(value) == _split_by_character(value)
    assert top_level_commas(value) == _commas_by_character(value)


def test_real_forms() -> None:
    assert split_names("Smith, John and and Doe, Jane") == ["Smith, John", "", "Doe, Jane"]
    assert split_names("{Barnes and Noble} and A. One") == ["{Barnes and Noble}", "A. One"]
    assert split_names("A and") == ["A and"]
    assert top_level_commas("{Barnes, Noble, Co.}, Jr, X") == 2


@settings(max_examples=600, deadline=None)
@given(st.one_of(_VALUES, st.text(alphabet="{}andAND \t\n,x", max_size=24)))
def test_values_the_rule_skips_have_no_problem(value: str) -> None:
    # The rule reads only values with a comma or two "and"s in a row; it used to read
    # every value with a comma or an "and": those it now skips must be values in which
    # the general path finds nothing.
    skipped = "," not in value and _TWO_ANDS.search(value) is None
    skipped_before = "," not in value and "and" not in value.casefold()
    if skipped and not skipped_before:
        assert _name_list_problem("author", value) is None
