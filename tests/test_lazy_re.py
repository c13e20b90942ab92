"""refcheck.lazy_re: a pattern compiled at its first use behaves as re.compile's."""

from __future__ import annotations

import re

from refcheck.lazy_re import lazy


def test_compiles_at_first_use_and_answers_as_the_compiled_pattern() -> None:
    source = r"(?P<y>\d{4})-(?P<m>\d\d)"
    pattern = lazy(source, re.IGNORECASE)
    assert "search" not in vars(pattern)  # nothing compiled yet
    compiled = re.compile(source, re.IGNORECASE)
    text = "from 2024-10 to 2025-01"
    assert pattern.search(text)[0] == compiled.search(text)[0]  # type: ignore[index]
    assert "search" in vars(pattern)  # the compiled pattern's methods, set on it
    assert pattern.findall(text) == compiled.findall(text)
    assert pattern.sub(r"\g<m>/\g<y>", text) == compiled.sub(r"\g<m>/\g<y>", text)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert pattern.fullmatch("2024-10") is not None and pattern.match("x2024-10") is None
    assert pattern.split(text) == compiled.split(text)
    assert (pattern.pattern, pattern.flags, pattern.groups) == (
        compiled.pattern,
        compiled.flags,
        compiled.groups,
    )
    assert dict(pattern.groupindex) == {"y": 1, "m": 2}


def test_an_attribute_patterns_lack_is_an_attribute_error() -> None:
    pattern = lazy("a")
    try:
        pattern.no_such_method  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError:
        pass
    else:
        raise AssertionError("an unknown attribute was answered")


def test_a_bad_pattern_fails_when_used_as_re_compile_would() -> None:
    pattern = lazy("(unclosed")
    try:
        pattern.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a bad pattern compiled")
