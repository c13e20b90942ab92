"""Growth: the .bib and document scanners, and every rule after them, do linear work on
adversarial input (issue 15).

For each pattern of ``hostile_data/patterns.toml`` the whole check runs at N and 4N
characters; linear work takes about 4 times as long, quadratic 16.  The assertion is a
ratio of CPU times (the least of three runs each), with a bound of 8: generous enough
that a busy machine does not fail it, tight enough that a quadratic scan cannot pass.
The absolute figures (100 KB of each pattern) are in ``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import pytest

from hostile import Pattern, check_input, cpu_seconds, patterns

SMALL = 12_500
# Below this the clock's resolution and the fixed cost of a run dominate the ratio.
FLOOR_SECONDS = 0.004
LINEAR_BOUND = 8.0


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.name)
def test_four_times_the_input_is_at_most_about_four_times_the_work(pattern: Pattern) -> None:
    check_input(pattern.kind, pattern.build(SMALL))  # warm: imports, compiled patterns
    small = max(cpu_seconds(pattern.kind, pattern.build(SMALL)), FLOOR_SECONDS)
    large = cpu_seconds(pattern.kind, pattern.build(4 * SMALL))
    assert large <= LINEAR_BOUND * small, (
        f"{pattern.name}: {large:.3f} s at {4 * SMALL:,} characters against {small:.3f} s "
        f"at {SMALL:,}: x{large / small:.1f}, more than linear"
    )


def test_the_patterns_cover_every_case_of_the_issue() -> None:
    names = {p.name for p in patterns()}
    assert {
        "bib-unclosed-comments", "bib-string-doubling", "bib-nul-bytes",
        "bib-entry-lines-inside-values", "md-one-sentence-many-citations",
        "md-cited-paragraphs", "md-html-comment-openers", "md-colon-dot", "rst-dash-colon-a",
    } <= names  # fmt: skip
    assert {p.kind for p in patterns()} == {"bib", "md", "rst"}
