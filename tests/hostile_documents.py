"""Documents built to make a backtracking scanner take quadratic time (issue 15).

Each maker returns about ``size`` characters; ``(suffix, text)`` names what the file is.
Shared by ``tests/test_scanning_growth.py`` and ``benchmarks/hostile_documents.py``.
"""

from __future__ import annotations

from collections.abc import Callable


def rst_colon_runs(size: int) -> tuple[str, str]:
    """``-:a`` repeated: every colon could open a role name that never closes."""
    return ".rst", "-:a" * (size // 3) + "\n"


def html_comment_openers(size: int) -> tuple[str, str]:
    """``<!--`` repeated: every opener searches for a ``-->`` that never comes."""
    return ".md", "<!--" * (size // 4) + "\n"


def colon_dots_then_citation(size: int, suffix: str = ".md") -> tuple[str, str]:
    """``:.`` repeated before one citation: a role name of ``.`` segments, never closed."""
    role = "{cite}`k`" if suffix == ".md" else ":cite:`k`"
    return suffix, ":." * (size // 2) + f" {role}\n"


def cited_paragraphs(size: int) -> tuple[str, str]:
    """An ordinary document: one-line cited paragraphs, all citing one key."""
    count = size // 22
    return ".md", "".join(f"Para {i} {{cite}}`k`.\n\n" for i in range(count))


def one_long_sentence(size: int) -> tuple[str, str]:
    """One sentence with thousands of citations."""
    return ".md", "One sentence " + " ".join("{cite}`k`" for _ in range(size // 10)) + ".\n"


PATTERNS: dict[str, Callable[[int], tuple[str, str]]] = {
    "rst-colon-runs": rst_colon_runs,
    "md-comment-openers": html_comment_openers,
    "md-colon-dots-cite": colon_dots_then_citation,
    "rst-colon-dots-cite": lambda size: colon_dots_then_citation(size, ".rst"),
    "md-cited-paragraphs": cited_paragraphs,
    "md-one-sentence": one_long_sentence,
}

BIB = "@misc{k, title = {T}, date = {2020}}\n"
