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


# The reports' wording: the English templates are written as f-strings, the others
# formatted; both must give what formatting the template gives, in every language.
_FIELD_VALUES = st.one_of(
    st.builds("https://doi.org/10.{}/{}".format, _REGISTRANTS, st.text(max_size=10)),
    st.text(max_size=90),
)


@settings(max_examples=300, deadline=None)
@given(_FIELD_VALUES, st.sampled_from(["en", "ja"]))
def test_doi_report_wording_is_the_templates_format(value: str, language: str) -> None:
    from refcheck.i18n import _, use_language
    from refcheck.model import Entry, Field
    from refcheck.rules.identifiers import _report, _shown

    verdict = check_doi(value)
    if verdict.problem is None:
        return
    entry = Entry("article", "k", "a.bib", 1, 1)
    field = Field("doi", value, 2, 3)
    with use_language(language):
        report = _report(entry, field, verdict)
        problem = _(verdict.problem).format_map(dict(verdict.values))
        expected = _("{name} {value!r}: {problem}").format(
            name="doi", value=_shown(value), problem=problem
        )
        if verdict.normalized is not None:
            expected += _("; write {value!r}").format(value=verdict.normalized)
            assert report.replacement is not None
            assert report.replacement.location == report.location
    assert report.message == expected
    assert (report.location.line, report.location.col) == (2, 3)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_describe_without_values_is_format_map(problem: str) -> None:
    from refcheck.identifiers.verdict import Verdict

    try:
        expected = problem.format_map({})
    except (ValueError, KeyError, IndexError):
        return  # not a template: the general path raises, as before
    assert Verdict(problem).describe() == expected
