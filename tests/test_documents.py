"""Citations found in MyST and reST text: roles, keys, positions, code and comments skipped."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.sources.documents import CITE_ROLES, citation_keys, scan_document


def keys(path: str, text: str) -> list[tuple[str, int, int, str]]:
    return [(c.key, c.line, c.col, c.role) for c in scan_document(path, text).citations]


def test_myst_role_positions_are_exact() -> None:
    text = "# T\n\nSee {cite:p}`alpha, beta` and {footcite}`gamma`.\n"
    assert keys("a.md", text) == [
        ("alpha", 3, 14, "cite:p"),
        ("beta", 3, 21, "cite:p"),
        ("gamma", 3, 42, "footcite"),
    ]
    line = text.splitlines()[2]
    assert line[13:18] == "alpha" and line[20:24] == "beta" and line[41:46] == "gamma"


@pytest.mark.parametrize("role", sorted(CITE_ROLES))
def test_every_sphinxcontrib_bibtex_role_is_found(role: str) -> None:
    assert keys("a.md", f"x {{{role}}}`k1`\n") == [("k1", 1, len(role) + 6, role)]
    assert keys("a.rst", f"x :{role}:`k1`\n") == [("k1", 1, len(role) + 6, role)]


def test_unknown_roles_are_not_citations() -> None:
    assert keys("a.md", "{citep}`a` {cite:xyz}`b` {ref}`c` {footcite:alp}`d`\n") == []
    assert keys("a.rst", ":ref:`a` :cite:xyz:`b`\n") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("a", [("a", 0)]),
        ("a,b", [("a", 0), ("b", 2)]),
        (" a , b ", [("a", 1), ("b", 5)]),
        ("{see}a{p. 3},{and}b{ch. 2}", [("a", 5), ("b", 18)]),
        ("{see also} a {pp. 3, 4}", [("a", 11)]),
        ("a,,b", [("a", 0), ("b", 3)]),
        ("", []),
        ("{only pre}", []),
    ],
)
def test_citation_keys_with_pre_and_post_text(body: str, expected: list[tuple[str, int]]) -> None:
    assert list(citation_keys(body)) == expected


def test_multiline_role_body_gives_the_line_of_each_key() -> None:
    text = "Intro {cite:p}`first,\nsecond`.\n"
    assert keys("a.md", text) == [("first", 1, 16, "cite:p"), ("second", 2, 1, "cite:p")]


def test_code_fences_inline_code_and_comments_are_skipped() -> None:
    text = (
        "```\n{cite}`fenced`\n```\n"
        "~~~~python\n```\n{cite}`tilde`\n~~~~\n"
        "`` {cite}`inline` `` and `{cite}` `x`\n"
        "<!-- {cite}`comment` -->\n"
        "% {cite}`myst-comment`\n"
        "```{code-block} md\n{cite}`code-directive`\n```\n"
        "{cite}`real`\n"
    )
    assert [k for k, *_ in keys("a.md", text)] == ["real"]


def test_an_unclosed_code_fence_runs_to_the_end() -> None:
    assert keys("a.md", "{cite}`before`\n```\n{cite}`inside`\n") == [("before", 1, 8, "cite")]


def test_directive_fences_hold_prose_and_nested_code() -> None:
    text = (
        "````{note}\n"  # 1
        "{cite}`in-note`\n"  # 2
        "```python\n"  # 3
        "{cite}`in-code`\n"  # 4
        "```\n"  # 5
        "{cite}`after-code`\n"  # 6
        "````\n"  # 7
        ":::{tip}\n{cite}`in-colon`\n:::\n"  # 8-10
    )
    assert [(k, line) for k, line, *_ in keys("a.md", text)] == [
        ("in-note", 2),
        ("after-code", 6),
        ("in-colon", 9),
    ]


def test_eval_rst_blocks_use_rest_roles() -> None:
    text = "```{eval-rst}\n:cite:p:`inside` ``:cite:`literal```\n```\n:cite:p:`outside`\n"
    assert keys("a.md", text) == [("inside", 2, 10, "cite:p")]


def test_rest_skips_literals_code_and_comments() -> None:
    text = (
        "Para :cite:`a1` and ``:cite:`lit```.\n"  # 1
        "\n"
        ".. code-block:: rst\n\n   :cite:`code`\n\n"  # 3-6
        "Literal::\n\n   :cite:`literal`\n\n"  # 7-10
        ".. a comment :cite:`c1`\n   still comment :cite:`c2`\n\n"  # 11-13
        ".. [#f1] A footnote :cite:`foot`\n"  # 14
        ".. note:: Directive :cite:`note-arg`\n\n   Body :cite:`note-body`\n"  # 15-17
    )
    assert [(k, line) for k, line, *_ in keys("a.rst", text)] == [
        ("a1", 1),
        ("foot", 14),
        ("note-arg", 15),
        ("note-body", 17),
    ]


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("a.md", "```{bibliography}\n:all:\n```\n", [1]),
        ("a.md", ":::{bibliography}\n---\nall:\n---\n:::\n", [1]),
        ("a.md", "```{bibliography}\n:filter: cited\n```\n", []),
        ("a.md", "```\n{bibliography}\n:all:\n```\n", []),
        ("a.md", ":all:\n", []),
        ("a.rst", ".. bibliography:: refs.bib\n   :all:\n", [1]),
        ("a.rst", ".. bibliography::\n   :style: plain\n\n:all:\n", []),
        ("a.rst", ".. code-block::\n\n   .. bibliography::\n      :all:\n", []),
    ],
)
def test_bibliography_all_is_detected(path: str, text: str, expected: list[int]) -> None:
    """The lines of the ``bibliography`` directives that show every entry."""
    assert scan_document(path, text).bibliography_all == expected


def test_crlf_keeps_lines_and_columns() -> None:
    text = "# T\r\n\r\nSee {cite:p}`alpha`.\r\n"
    assert keys("a.md", text) == [("alpha", 3, 14, "cite:p")]


MYST_PIECES = st.sampled_from(
    ["{cite:p}`", "{cite}`", "`", "``", "```", "~~~", ":::", "{note}", "{eval-rst}",
     "{bibliography}", ":all:", ":cite:p:`", "<!--", "-->", "%", "{", "}", ",", "a", "key",
     "\n", "\n\n", " ", "\r\n", "\t", ".. ", "::", "日本"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(MYST_PIECES, max_size=60), suffix=st.sampled_from([".md", ".rst"]))
def test_scanner_never_raises_and_positions_point_at_keys(pieces: list[str], suffix: str) -> None:
    text = "".join(pieces)
    lines = text.splitlines()
    for citation in scan_document(f"doc{suffix}", text).citations:
        line = lines[citation.line - 1]
        start = citation.col - 1
        assert line[start : start + len(citation.key)] == citation.key


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400))
def test_scanner_never_raises_on_any_text(text: str) -> None:
    scan_document("doc.md", text)
    scan_document("doc.rst", text)


def test_a_role_at_the_very_start_of_a_document_is_found() -> None:
    """The first character of a text has nothing before it, which may open a role."""
    scan = scan_document("a.rst", ":cite:`first,\nsecond`\n")
    assert [(c.key, c.line) for c in scan.citations] == [("first", 1), ("second", 2)]


def test_yaml_front_matter_is_not_prose() -> None:
    """Jupytext's header (and MyST's front matter) is metadata, not text that cites."""
    text = "---\njupytext:\n  note: {cite}`not_a_citation`\n---\n\nCited {cite}`real`.\n"
    assert [c.key for c in scan_document("a.md", text).citations] == ["real"]
    unclosed = "---\n\nCited {cite}`real`.\n"
    assert [c.key for c in scan_document("a.md", unclosed).citations] == ["real"]


@pytest.mark.parametrize(("path", "role"), [("a.md", "{cite}`k`"), ("a.rst", ":cite:`k`")])
def test_the_citation_behind_50_kb_of_colon_dots_is_found(path: str, role: str) -> None:
    """The linear role finders (refcheck.sources.spans) still find what the patterns did."""
    scan = scan_document(path, ":." * 25_000 + f" {role}\n")
    assert [c.key for c in scan.citations] == ["k"]
