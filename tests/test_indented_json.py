"""refcheck.output.indented_json writes what json.dumps(indent=2, ensure_ascii=False) does."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.model import Severity
from refcheck.output.indented_json import dumps

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
