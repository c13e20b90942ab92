"""The validators' shortcuts for common values give the verdict of the general path.

``check_doi`` reads ``https://doi.org/<valid name>`` without the label loop; the same
name after another resolver (``https://dx.doi.org/``) takes the general path, so the two
verdicts must be equal for every name, valid or not.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.identifiers import check_doi

# Names near the shortcut's edges: test prefix, short and long registrants, % escapes,
# trailing punctuation, escapes, spaces.
_REGISTRANTS = st.sampled_from(
    ["1000", "1038", "5555", "5555.1", "55555", "123", "012345", "1016.2", "99999", "1.2"]
)
_SUFFIX_CHARS = st.sampled_from(list("abcXYZ019-_./():;<>%2F,\\ ~{}#"))


@settings(max_examples=400, deadline=None)
@given(_REGISTRANTS, st.lists(_SUFFIX_CHARS, max_size=12).map("".join))
def test_doi_org_shortcut_agrees_with_the_general_path(registrant: str, suffix: str) -> None:
    name = f"10.{registrant}/{suffix}"
    shortcut = check_doi(f"https://doi.org/{name}")
    general = check_doi(f"https://dx.doi.org/{name}")
    assert shortcut == general


def test_doi_org_shortcut_on_real_forms() -> None:
    verdict = check_doi("https://doi.org/10.1016/0079-6611(63)90001-6")
    assert verdict.normalized == "10.1016/0079-6611(63)90001-6"
    assert verdict.problem is not None and verdict.problem.startswith("a resolver URL")
    # The test prefix, also with a sub-registrant, is not a name to suggest.
    assert check_doi("https://doi.org/10.5555.1/x").normalized is None
    assert check_doi("https://doi.org/10.5555/x").normalized is None
